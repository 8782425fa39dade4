using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Parvis.Web.Kernel.Analysis;

// The analysts' suggestions: how often they are right on the labelled sets of bench/evaluation, and what they cost
// on a synthetic national corpus made of the seeds' own sentences. Without arguments, runs both and writes
// bench/results/analysis.json.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var bench = FindBenchDirectory();
return args switch
{
    ["evaluate"] => Print(Evaluate(bench)),
    ["scale", var texts, var coded] => Print(Scale(bench, int.Parse(texts, CultureInfo.InvariantCulture), int.Parse(coded, CultureInfo.InvariantCulture))),
    [] => All(bench),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("Usage: Parvis.AnalysisBench [evaluate | scale <texts> <coded>]");
    return 2;
}

static int Print(object result)
{
    Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
    return 0;
}

static int All(string bench)
{
    var result = new { measured = DateTimeOffset.UtcNow, machine = Environment.ProcessorCount + " cores", evaluation = Evaluate(bench), scale = Scale(bench, 50_000, 2_000) };
    var file = Path.Combine(bench, "results", "analysis.json");
    File.WriteAllText(file, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
    Print(result);
    Console.WriteLine($"Written to {file}");
    return 0;
}

// Each labelled set, in five parts: learned from four, measured on the fifth, in turn.
static List<object> Evaluate(string bench)
{
    var results = new List<object>();
    using (var pairsFile = File.OpenRead(Path.Combine(bench, "evaluation", "polis-duplicate-pairs.csv")))
    {
        var pairs = LabelledSet.ReadPairs(pairsFile);
        // Each conversation's words weighed among all its comments, as a process's among all its contributions.
        var polis = Path.GetFullPath(Path.Combine(bench, "..", "..", "shared", "data", "polis"));
        IEnumerable<string> Comments(string conversation)
        {
            using var comments = File.OpenRead(Path.Combine(polis, conversation, "comments.csv"));
            var (rows, column) = LabelledSet.Table(comments);
            return [.. rows.Select(r => r[column("comment-body")])];
        }
        // At the threshold in use, and around it, for a council weighing another.
        foreach (var least in new[] { 0.3, 0.4, SimilarityIndex.DuplicateScore, 0.6 })
        {
            var quality = LabelledSet.Duplicates(pairs, "en", least, Directory.Exists(polis) ? Comments : null);
            results.Add(new
            {
                set = "polis-duplicate-pairs.csv", compared_among = Directory.Exists(polis) ? "every comment of the conversation" : "the labelled texts",
                pairs = pairs.Count, duplicates = quality.Expected, threshold = least, offered = quality.Suggested, right = quality.Right,
                precision = Math.Round(quality.Precision ?? 0, 3), recall = Math.Round(quality.Recall ?? 0, 3),
            });
        }
    }
    foreach (var file in Directory.GetFiles(Path.Combine(bench, "evaluation"), "*-themes.csv").Order(StringComparer.Ordinal))
    {
        using var stream = File.OpenRead(file);
        var set = LabelledSet.Read(stream);
        var quality = LabelledSet.CrossValidate(set, "fr");
        results.Add(new
        {
            set = Path.GetFileName(file), texts = set.Count, codes = set.Select(t => t.Code).Distinct().Count(), folds = 5,
            suggested = quality.Suggested, right = quality.Right, expected = quality.Expected,
            precision = Math.Round(quality.Precision ?? 0, 3), recall = Math.Round(quality.Recall ?? 0, 3),
            // What always suggesting the most frequent code would score, in precision and recall alike: the floor to beat.
            most_frequent_code_share = Math.Round(set.GroupBy(t => t.Code).Max(g => g.Count()) / (double)set.Count, 3),
        });
    }
    return results;
}

// A corpus of the seeds' sentences: each text a run of 8 to 40 words from one seed document, coded by that document.
static object Scale(string bench, int count, int coded)
{
    var seeds = Directory.GetFiles(Path.GetFullPath(Path.Combine(bench, "..", "..", "shared", "seeds")), "*.txt").Order(StringComparer.Ordinal)
        .Select(f => Regex.Split(File.ReadAllText(f), @"\s+").Where(w => w.Length > 0).ToArray()).ToArray();
    var random = new Random(20261206);
    var codes = new List<(Guid, string)>(coded);
    var texts = Texts(random, seeds, count, codes);
    codes.RemoveRange(coded, codes.Count - coded);

    var before = GC.GetTotalMemory(forceFullCollection: true);
    var clock = Stopwatch.StartNew();
    var index = SimilarityIndex.Build(texts);
    var indexSeconds = clock.Elapsed.TotalSeconds;
    var indexBytes = GC.GetTotalMemory(forceFullCollection: true) - before;

    clock.Restart();
    var pairs = index.Pairs(30, (_, _) => false);
    var pairsSeconds = clock.Elapsed.TotalSeconds;

    before = GC.GetTotalMemory(forceFullCollection: true);
    clock.Restart();
    var build = CodeSuggestions.Build(index, codes);
    var buildSeconds = clock.Elapsed.TotalSeconds;
    var buildBytes = GC.GetTotalMemory(forceFullCollection: true) - before;

    // A page of the queue once built: the first twenty not rejected, with a tenth of the suggestions rejected.
    var rejected = build.Ranked.Where((_, i) => i % 10 == 0).Select(r => (r.Text, r.Suggestions[0].Code)).ToHashSet();
    const int pages = 200;
    clock.Restart();
    var shown = 0;
    for (var i = 0; i < pages; i++)
    {
        shown = build.Ranked.Select(r => r.Suggestions.Where(s => !rejected.Contains((r.Text, s.Code))).ToList()).Where(s => s.Count > 0).Take(20).Count();
    }
    var pageMilliseconds = clock.Elapsed.TotalMilliseconds / pages;

    // One contribution's suggestions, as its page would ask.
    clock.Restart();
    var asked = texts.Skip(coded).Take(1_000).Sum(t => build.Suggester.For(t.Id).Count);
    var oneMilliseconds = clock.Elapsed.TotalMilliseconds / 1_000;

    // A contribution arrives: compared with the others, its pairs looked for, its suggestions worked out, from what
    // was worked out before; then an analyst codes it, and the suggestions of its look-alikes are worked out again.
    var arriving = Texts(random, seeds, 1, codes: null);
    clock.Restart();
    var arrived = index.With(arriving, new HashSet<Guid>(), "arrived");
    var arrivedIndexMilliseconds = clock.Elapsed.TotalMilliseconds;
    clock.Restart();
    var arrivedBuild = CodeSuggestions.Build(arrived, codes, build);
    var arrivedBuildMilliseconds = clock.Elapsed.TotalMilliseconds;
    codes.Add((arriving[0].Id, "seed-0"));
    clock.Restart();
    CodeSuggestions.Build(arrived, codes, arrivedBuild);
    var codedBuildMilliseconds = clock.Elapsed.TotalMilliseconds;
    // A coded contribution rewritten by its author: compared again in its place, its look-alikes' suggestions too.
    clock.Restart();
    var rewritten = arrived.With([texts[0] with { Text = texts[^1].Text, RevisedAt = DateTimeOffset.UtcNow }], new HashSet<Guid>(), "rewritten");
    CodeSuggestions.Build(rewritten, codes, arrivedBuild);
    var rewrittenMilliseconds = clock.Elapsed.TotalMilliseconds;
    // As many as may arrive before the next full build (a tenth).
    var many = Texts(random, seeds, count / 10, codes: null);
    clock.Restart();
    var manyArrived = index.With(many, new HashSet<Guid>(), "many");
    CodeSuggestions.Build(manyArrived, codes, build);
    var tenthSeconds = clock.Elapsed.TotalSeconds;

    // A cited summary of as many contributions as one reads at most, as an analyst asks for it.
    var summarised = texts.TakeLast(Parvis.Web.Kernel.Accountability.CitedSummaries.ContributionsRead).Select(t => new SummarisedText(t.Id, t.Text, t.Language)).ToList();
    clock.Restart();
    var summary = ExtractiveSummary.Of(summarised);
    var summarySeconds = clock.Elapsed.TotalSeconds;

    return new
    {
        texts = count, coded, index_seconds = Math.Round(indexSeconds, 2), index_megabytes = Math.Round(indexBytes / 1e6, 1),
        likely_pairs = pairs.Count, pairs_seconds = Math.Round(pairsSeconds, 2),
        offered_texts = build.Ranked.Count, build_seconds = Math.Round(buildSeconds, 2), build_megabytes = Math.Round(buildBytes / 1e6, 1),
        queue_page_milliseconds = Math.Round(pageMilliseconds, 3), shown, one_text_milliseconds = Math.Round(oneMilliseconds, 3), suggestions_for_1000 = asked,
        one_arrives_index_milliseconds = Math.Round(arrivedIndexMilliseconds, 1), one_arrives_suggestions_milliseconds = Math.Round(arrivedBuildMilliseconds, 1),
        one_coded_suggestions_milliseconds = Math.Round(codedBuildMilliseconds, 1), one_rewritten_milliseconds = Math.Round(rewrittenMilliseconds, 1), a_tenth_arrives_seconds = Math.Round(tenthSeconds, 2),
        summarised_texts = summarised.Count, summary_sentences = summary.Count, summary_seconds = Math.Round(summarySeconds, 2),
        peak_working_set_megabytes = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1e6, 0),
    };
}

// Each text a run of 8 to 40 words from one seed document; with its document as its code when codes are wanted.
static List<ComparedText> Texts(Random random, string[][] seeds, int count, List<(Guid, string)>? codes)
{
    var texts = new List<ComparedText>(count);
    for (var i = 0; i < count; i++)
    {
        var seed = random.Next(seeds.Length);
        var words = seeds[seed];
        var length = random.Next(8, 41);
        var start = random.Next(Math.Max(1, words.Length - length));
        var id = Guid.CreateVersion7();
        texts.Add(new ComparedText(id, string.Join(' ', words.Skip(start).Take(length)), "fr"));
        codes?.Add((id, $"seed-{seed}"));
    }
    return texts;
}

static string FindBenchDirectory()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "bench", "analysis.sh")))
    {
        directory = directory.Parent;
    }
    return directory is null ? throw new InvalidOperationException("Run from inside the Parvis repository.") : Path.Combine(directory.FullName, "bench");
}
