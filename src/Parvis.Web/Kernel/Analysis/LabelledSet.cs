using Parvis.Web.Kernel.Text;

namespace Parvis.Web.Kernel.Analysis;

/// <summary>A text with the code a council gave it, from a labelled set (bench/evaluation).</summary>
public sealed record LabelledText(string Text, string Code);

/// <summary>
/// Real texts with the codes a council gave them, to measure suggestions against: learned from part of the set,
/// measured on the rest, in turn (cross-validation), so that no text is guessed from its own code.
/// </summary>
public static class LabelledSet
{
    /// <summary>A CSV with a header, the code in a <c>theme</c> or <c>code</c> column and the text in a <c>text</c> column.</summary>
    public static IReadOnlyList<LabelledText> Read(Stream csv)
    {
        var rows = Spreadsheets.Read(csv, new UploadLimits(10_000_000, 100_000, 10));
        var header = rows[0].Select(h => h.Trim().ToLowerInvariant()).ToList();
        var code = header.IndexOf("code") is var c and >= 0 ? c : header.IndexOf("theme");
        var text = header.IndexOf("text");
        if (code < 0 || text < 0)
        {
            throw new InvalidDataException("A labelled set needs a code (or theme) column and a text column.");
        }
        return [.. rows.Skip(1).Where(r => r.Count > Math.Max(code, text)).Select(r => new LabelledText(r[text], r[code]))];
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
