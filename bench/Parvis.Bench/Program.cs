using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Parvis.OpinionMaps;
using Parvis.OpinionMaps.Polis;

// Opinion-map benchmark: our full recompute against scikit-learn on the same matrices, in the same
// run. Without arguments, runs everything (each synthetic shape in its own process, so that its
// peak memory is its own) and writes bench/results/opinion-maps.json. See the README, "Opinion maps".
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var benchDirectory = FindBenchDirectory();
return args switch
{
    ["synthetic", var name, var participants, var statements, var votes] =>
        Bench.Synthetic(benchDirectory, name, int.Parse(participants, CultureInfo.InvariantCulture), int.Parse(statements, CultureInfo.InvariantCulture), int.Parse(votes, CultureInfo.InvariantCulture)),
    ["polis", var folder] => Bench.Polis(benchDirectory, folder),
    [] => Bench.All(benchDirectory),
    _ => Bench.Usage(),
};

static string FindBenchDirectory()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "bench", "sklearn_reference.py")))
    {
        directory = directory.Parent;
    }
    return directory is null ? throw new InvalidOperationException("Run from inside the Parvis repository.") : Path.Combine(directory.FullName, "bench");
}

internal static class Bench
{
    private static readonly JsonSerializerOptions _json = new() { WriteIndented = true };

    public static int Usage()
    {
        Console.Error.WriteLine("Usage: Parvis.Bench [polis <folder> | synthetic <name> <participants> <statements> <votes>]");
        return 2;
    }

    public static int All(string bench)
    {
        var data = Path.GetFullPath(Path.Combine(bench, "..", "..", "shared", "data", "polis"));
        var lines = new List<Measure>();
        lines.AddRange(RunChild("polis", data));
        lines.AddRange(RunChild("synthetic", "b", "33422", "783", "2000000"));
        lines.AddRange(RunChild("synthetic", "c", "100000", "2000", "10000000"));
        Directory.CreateDirectory(Path.Combine(bench, "results"));
        var file = Path.Combine(bench, "results", "opinion-maps.json");
        File.WriteAllText(file, JsonSerializer.Serialize(new { measured = DateTimeOffset.UtcNow, machine = Environment.ProcessorCount + " cores", results = lines }, _json));
        Console.WriteLine($"Written to {file}");
        return 0;
    }

    /// <summary>The seeds whose groups are compared with each other: a participant's group must not depend on them.</summary>
    private static readonly int[] _seeds = [20141, 7, 1, 2, 3];

    /// <summary>
    /// The agreement harness, on each conversation of the Polis open data: who is placed and the groups, ours next to
    /// Polis's own (the group-id column) and next to the classic pipeline written with scikit-learn (polis_reference.py),
    /// and how far our groups move from one seed to another.
    /// </summary>
    public static int Polis(string bench, string folder)
    {
        var measures = new List<Measure>();
        foreach (var conversation in Directory.GetDirectories(folder).Order())
        {
            var polis = PolisConversation.Load(conversation);
            var (result, seconds) = Time(() => polis.ComputeMap());
            var peak = PeakMegabytes();
            var ours = GroupsOf(result);
            var theirs = polis.Groups.Where(g => g.Value is not null).ToDictionary(g => g.Key, g => g.Value!.Value);
            var reference = PolisReference(bench, conversation);
            var matrix = polis.ToMatrix();
            var referenceWithPolis = reference?.Select(run => Ari(run, theirs)).ToArray();
            var agreement = new PolisAgreement(ours.Count, theirs.Count, theirs.Values.Distinct().Count(), Ari(ours, theirs),
                reference?[0].Count, referenceWithPolis is null ? null : Median(referenceWithPolis), referenceWithPolis?.Min(), referenceWithPolis?.Max(),
                reference is null ? null : Median(reference.Select(run => Ari(ours, run))));
            var measure = new Measure(Path.GetFileName(conversation), matrix.ParticipantCount, matrix.StatementCount, matrix.VoteCount,
                seconds, peak, result.Groups.Count, MinimumSeedAgreement(seed => polis.ComputeMap(OpinionMapParameters.Default with { Seed = seed })),
                agreement, null);
            Report(measure);
            measures.Add(measure);
        }
        var judged = measures.Select(m => m.Polis!).Where(a => a.ReferenceWithPolis is not null).ToArray();
        if (judged.Length > 0)
        {
            var reproducible = judged.Where(a => a.ReferenceWithPolis >= 0.8).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"median adjusted Rand index with Polis: ours {Median(judged.Select(a => a.WithPolis))}, reference {Median(judged.Select(a => a.ReferenceWithPolis!.Value))}; " +
                $"where the reference reaches 0.8 ({reproducible.Length} conversations) ours is at least {(reproducible.Length == 0 ? double.NaN : reproducible.Min(a => a.WithPolis)):F3}; " +
                $"lowest seed-to-seed agreement {measures.Min(m => m.SeedAgreement):F3}"));
        }
        return 0;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return Math.Round(sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2, 3);
    }

    private static Dictionary<long, int> GroupsOf(OpinionMapResult result) =>
        result.Placed.Where(p => p.Group >= 0).ToDictionary(p => p.Id, p => p.Group);

    /// <summary>Adjusted Rand index over the participants both partitions place.</summary>
    private static double Ari(Dictionary<long, int> first, Dictionary<long, int> second)
    {
        var both = first.Keys.Where(second.ContainsKey).Order().ToArray();
        return AdjustedRandIndex.Compute(both.Select(p => first[p]).ToArray(), both.Select(p => second[p]).ToArray());
    }

    /// <summary>The lowest agreement between the groups computed with any two of the seeds.</summary>
    private static double MinimumSeedAgreement(Func<int, OpinionMapResult> compute)
    {
        var runs = _seeds.Select(seed => GroupsOf(compute(seed))).ToArray();
        var lowest = 1.0;
        for (var a = 0; a < runs.Length; a++)
        {
            for (var b = a + 1; b < runs.Length; b++)
            {
                lowest = Math.Min(lowest, Ari(runs[a], runs[b]));
            }
        }
        return lowest;
    }

    /// <summary>The classic pipeline's groups on the same conversation, one run per random state, or null when Python or scikit-learn is missing.</summary>
    private static Dictionary<long, int>[]? PolisReference(string bench, string conversation)
    {
        var start = new ProcessStartInfo("/usr/bin/python3", [Path.Combine(bench, "polis_reference.py"), conversation]) { RedirectStandardOutput = true };
        using var python = Process.Start(start)!;
        var output = python.StandardOutput.ReadToEnd();
        python.WaitForExit();
        if (python.ExitCode != 0)
        {
            Console.Error.WriteLine("The reference pipeline failed: is python3-sklearn installed? (bench/run.sh installs it)");
            return null;
        }
        return JsonDocument.Parse(output).RootElement.GetProperty("runs").EnumerateArray()
            .Select(run => run.EnumerateObject().ToDictionary(g => long.Parse(g.Name, CultureInfo.InvariantCulture), g => g.Value.GetInt32()))
            .ToArray();
    }

    /// <summary>A synthetic conversation with three opinion groups, generated from a fixed seed.</summary>
    public static int Synthetic(string bench, string name, int participants, int statements, int votes)
    {
        var (rows, columns, values) = Generate(participants, statements, votes);
        VoteMatrix? matrix = null;
        var (result, seconds) = Time(() =>
        {
            var builder = new VoteMatrixBuilder();
            for (var j = 0; j < statements; j++)
            {
                builder.AddStatement(j);
            }
            for (var i = 0; i < rows.Length; i++)
            {
                builder.Add(rows[i], columns[i], values[i]);
            }
            matrix = builder.Build();
            return OpinionMapEngine.Compute(matrix);
        });
        var peak = PeakMegabytes();
        rows = columns = [];
        var seedAgreement = MinimumSeedAgreement(seed => OpinionMapEngine.Compute(matrix!, OpinionMapParameters.Default with { Seed = seed }));
        Report(new Measure(name, participants, statements, matrix!.VoteCount, seconds, peak, result.Groups.Count, seedAgreement, null, Reference(bench, matrix, result)));
        return 0;
    }

    /// <summary>Best of three runs after a warm-up run, as a long-running server recomputes with warm code.</summary>
    private static (OpinionMapResult Result, double Seconds) Time(Func<OpinionMapResult> compute)
    {
        var result = compute();
        var best = double.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            GC.Collect();
            var watch = Stopwatch.StartNew();
            result = compute();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        return (result, best);
    }

    /// <summary>Runs scikit-learn on the same placed participants and compares its groups with ours.</summary>
    private static ReferenceMeasure? Reference(string bench, VoteMatrix matrix, OpinionMapResult result)
    {
        var placed = result.Placed.Where(p => p.Group >= 0).ToArray();
        if (placed.Length < 10)
        {
            return null;
        }
        var rowOf = new Dictionary<long, int>();
        for (var r = 0; r < matrix.ParticipantCount; r++)
        {
            rowOf[matrix.ParticipantIds[r]] = r;
        }
        var prefix = Path.Combine(Path.GetTempPath(), $"parvis-bench-{Environment.ProcessId}");
        using (var rowsFile = new BinaryWriter(File.Create(prefix + ".rows")))
        using (var colsFile = new BinaryWriter(File.Create(prefix + ".cols")))
        using (var valsFile = new BinaryWriter(File.Create(prefix + ".vals")))
        {
            for (var i = 0; i < placed.Length; i++)
            {
                foreach (var (statement, vote) in matrix.Row(rowOf[placed[i].Id]))
                {
                    rowsFile.Write(i);
                    colsFile.Write(statement);
                    valsFile.Write((sbyte)vote);
                }
            }
        }
        var start = new ProcessStartInfo("/usr/bin/python3", [Path.Combine(bench, "sklearn_reference.py"), prefix, placed.Length.ToString(CultureInfo.InvariantCulture), matrix.StatementCount.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
        };
        using var python = Process.Start(start)!;
        var output = python.StandardOutput.ReadToEnd();
        python.WaitForExit();
        if (python.ExitCode != 0)
        {
            Console.Error.WriteLine("scikit-learn reference failed: is python3-sklearn installed? (bench/run.sh installs it)");
            return null;
        }
        var reference = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        var labels = new int[placed.Length];
        var bytes = File.ReadAllBytes(prefix + ".labels");
        Buffer.BlockCopy(bytes, 0, labels, 0, bytes.Length);
        foreach (var extension in new[] { ".rows", ".cols", ".vals", ".labels" })
        {
            File.Delete(prefix + extension);
        }
        return new ReferenceMeasure(reference.GetProperty("seconds").GetDouble(), reference.GetProperty("peak_mb").GetDouble(),
            reference.GetProperty("groups").GetInt32(), AdjustedRandIndex.Compute(placed.Select(p => p.Group).ToArray(), labels));
    }

    private static (int[] Rows, int[] Columns, sbyte[] Values) Generate(int participants, int statements, int votes)
    {
        var random = new Random(7);
        double[] shares = [0.5, 0.3, 0.2];
        var agree = new double[shares.Length, statements];
        for (var j = 0; j < statements; j++)
        {
            var common = 0.2 + 0.6 * random.NextDouble();
            for (var g = 0; g < shares.Length; g++)
            {
                agree[g, j] = Math.Clamp(common + (random.NextDouble() < 0.5 ? -0.3 : 0.3), 0.05, 0.95);
            }
        }
        var mean = (double)votes / participants;
        var rows = new List<int>(votes + votes / 10);
        var columns = new List<int>(votes + votes / 10);
        var values = new List<sbyte>(votes + votes / 10);
        var chosen = new HashSet<int>();
        for (var p = 0; p < participants; p++)
        {
            var draw = random.NextDouble();
            var group = draw < shares[0] ? 0 : draw < shares[0] + shares[1] ? 1 : 2;
            var count = Math.Clamp((int)Math.Round(mean * (0.5 + random.NextDouble())), Math.Min(7, statements), statements);
            chosen.Clear();
            while (chosen.Count < count)
            {
                chosen.Add(random.Next(statements));
            }
            foreach (var j in chosen)
            {
                var roll = random.NextDouble();
                rows.Add(p);
                columns.Add(j);
                values.Add(roll < 0.15 ? (sbyte)0 : random.NextDouble() < agree[group, j] ? (sbyte)1 : (sbyte)-1);
            }
        }
        return (rows.ToArray(), columns.ToArray(), values.ToArray());
    }

    private static List<Measure> RunChild(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!, [.. Environment.GetCommandLineArgs()[0].EndsWith(".dll", StringComparison.Ordinal) ? [Environment.GetCommandLineArgs()[0]] : Array.Empty<string>(), .. arguments])
        {
            RedirectStandardOutput = true,
        };
        using var child = Process.Start(start)!;
        var measures = new List<Measure>();
        while (child.StandardOutput.ReadLine() is { } line)
        {
            if (line.StartsWith('{'))
            {
                measures.Add(JsonSerializer.Deserialize<Measure>(line)!);
            }
            else
            {
                Console.WriteLine(line);
            }
        }
        child.WaitForExit();
        return measures;
    }

    private static void Report(Measure measure)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{measure.Name,-27} {measure.Participants,7} x {measure.Statements,5} {measure.Votes,9} votes | ours {measure.Seconds,7:F3} s {measure.PeakMegabytes,6:F0} MB, {measure.Groups} groups, seed to seed ARI >= {measure.SeedAgreement:F3}");
        if (measure.Polis is { } polis)
        {
            line += string.Create(CultureInfo.InvariantCulture,
                $" | placed {polis.Placed} (Polis {polis.PolisPlaced}, reference {polis.ReferencePlaced}), Polis groups {polis.PolisGroups} | ARI vs Polis: ours {polis.WithPolis:F3}, reference {polis.ReferenceWithPolis:F3} (from {polis.ReferenceLowest:F3} to {polis.ReferenceHighest:F3} over 5 random states) | ours vs reference {polis.WithReference:F3}");
        }
        if (measure.Sklearn is { } reference)
        {
            line += string.Create(CultureInfo.InvariantCulture,
                $" | scikit-learn {reference.Seconds,7:F3} s {reference.PeakMegabytes,6:F0} MB, {reference.Groups} groups | ratio {reference.Seconds / measure.Seconds,6:F1}x, ARI vs scikit-learn {reference.Ari:F3}");
        }
        Console.WriteLine(line);
        Console.WriteLine(JsonSerializer.Serialize(measure));
    }

    /// <summary>Peak resident memory of this process so far (VmHWM), in MB.</summary>
    private static double PeakMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}

internal sealed record ReferenceMeasure(double Seconds, double PeakMegabytes, int Groups, double Ari);

/// <summary>
/// Placed counts and adjusted Rand indices: ours and the reference pipeline's against Polis's groups, ours against the reference's.
/// The reference's are medians over its runs, with the lowest and highest against Polis.
/// </summary>
internal sealed record PolisAgreement(int Placed, int PolisPlaced, int PolisGroups, double WithPolis,
    int? ReferencePlaced, double? ReferenceWithPolis, double? ReferenceLowest, double? ReferenceHighest, double? WithReference);

internal sealed record Measure(string Name, int Participants, int Statements, int Votes, double Seconds, double PeakMegabytes, int Groups, double SeedAgreement,
    PolisAgreement? Polis, ReferenceMeasure? Sklearn);
