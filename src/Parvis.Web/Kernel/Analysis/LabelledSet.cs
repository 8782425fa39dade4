using Parvis.Web.Kernel.Text;

namespace Parvis.Web.Kernel.Analysis;

/// <summary>A text with the code a council gave it, from a labelled set (bench/evaluation).</summary>
public sealed record LabelledText(string Text, string Code);

/// <summary>Two texts of one conversation, and whether a reader judged that they say the same thing.</summary>
public sealed record LabelledPair(string Conversation, string First, string Second, bool Duplicate);

/// <summary>
/// Real texts with the codes a council gave them, to measure suggestions against: learned from part of the set,
/// measured on the rest, in turn (cross-validation), so that no text is guessed from its own code.
/// </summary>
public static class LabelledSet
{
    /// <summary>A CSV with a header, the code in a <c>theme</c> or <c>code</c> column and the text in a <c>text</c> column.</summary>
    public static IReadOnlyList<LabelledText> Read(Stream csv)
    {
        var (rows, column) = Table(csv);
        var (code, text) = (column("code") is var c and >= 0 ? c : column("theme"), column("text"));
        if (code < 0 || text < 0)
        {
            throw new InvalidDataException("A labelled set needs a code (or theme) column and a text column.");
        }
        return [.. rows.Select(r => new LabelledText(r[text], r[code]))];
    }

    /// <summary>A CSV with a header: conversation, the two texts (first_text, second_text) and a label, "duplicate" or not.</summary>
    public static IReadOnlyList<LabelledPair> ReadPairs(Stream csv)
    {
        var (rows, column) = Table(csv);
        int Required(string name) => column(name) is var i and >= 0 ? i : throw new InvalidDataException($"A labelled set of pairs needs a {name} column.");
        var (conversation, first, second, label) = (Required("conversation"), Required("first_text"), Required("second_text"), Required("label"));
        return [.. rows.Select(r => new LabelledPair(r[conversation], r[first], r[second], r[label].Trim() == "duplicate"))];
    }

    /// <summary>A CSV's rows under its header (those as long as it), and the place of a column by its name (-1 when absent).</summary>
    public static (IReadOnlyList<IReadOnlyList<string>> Rows, Func<string, int> Column) Table(Stream csv)
    {
        var rows = Spreadsheets.Read(csv, new UploadLimits(10_000_000, 100_000, 20));
        var header = rows[0].Select(h => h.Trim().ToLowerInvariant()).ToList();
        return ([.. rows.Skip(1).Where(r => r.Count == header.Count)], header.IndexOf);
    }

    /// <summary>
    /// The pairs offered as likely duplicates (from <see cref="SimilarityIndex.DuplicateScore"/>) against a reader's
    /// labels; each conversation's texts are compared among themselves, as a process's are.
    /// </summary>
    public static SuggestionQuality Duplicates(IReadOnlyList<LabelledPair> pairs, string language, double least = SimilarityIndex.DuplicateScore,
        Func<string, IEnumerable<string>>? others = null)
    {
        int offered = 0, right = 0;
        foreach (var conversation in pairs.GroupBy(p => p.Conversation))
        {
            // With the conversation's other texts when given: how much a word tells depends on all of them.
            var texts = conversation.SelectMany(p => new[] { p.First, p.Second }).Concat(others?.Invoke(conversation.Key) ?? []).Distinct();
            var ids = texts.Select((text, i) => (text, Id: new Guid(i, 0, 0, new byte[8]))).ToDictionary(t => t.text, t => t.Id);
            var index = SimilarityIndex.Build([.. ids.Select(t => new ComparedText(t.Value, t.Key, language))]);
            foreach (var pair in conversation)
            {
                var score = index.SimilarTo(ids[pair.First], ids.Count, least: 0).FirstOrDefault(s => s.Id == ids[pair.Second])?.Score ?? 0;
                if (score >= least)
                {
                    offered++;
                    right += pair.Duplicate ? 1 : 0;
                }
            }
        }
        return new SuggestionQuality(pairs.Count, offered, right, pairs.Count(p => p.Duplicate));
    }

    /// <summary>
    /// Each text in turn in one of <paramref name="folds"/> parts (the i-th text in part i modulo folds); for each part,
    /// suggestions learned from the others are compared with the codes the council gave.
    /// </summary>
    public static SuggestionQuality CrossValidate(IReadOnlyList<LabelledText> set, string language, int folds = 5)
    {
        var ids = set.Select((_, i) => new Guid(i, 0, 0, new byte[8])).ToList();
        var index = SimilarityIndex.Build([.. set.Select((t, i) => new ComparedText(ids[i], t.Text, language))]);
        SuggestionQuality total = new(0, 0, 0, 0);
        for (var fold = 0; fold < folds; fold++)
        {
            var suggester = CodeSuggester.Learn(index, set.Select((t, i) => (Id: ids[i], t.Code, i)).Where(t => t.i % folds != fold).Select(t => (t.Id, t.Code)));
            var expected = set.Select((t, i) => (Id: ids[i], t.Code, i)).Where(t => t.i % folds == fold)
                .ToDictionary(t => t.Id, t => (IReadOnlySet<string>)new HashSet<string> { t.Code });
            var measured = suggester.Quality(expected);
            total = new SuggestionQuality(total.Texts + measured.Texts, total.Suggested + measured.Suggested, total.Right + measured.Right, total.Expected + measured.Expected);
        }
        return total;
    }
}
