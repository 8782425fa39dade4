using Parvis.Web.Kernel.Text;

namespace Parvis.Web.Kernel.Accountability;

/// <summary>
/// Reads a framework from CSV: a header with code and label_fr (or label), optionally label_en and
/// taxonomy (several frameworks in one file, as the built-in seed taxonomies). Used for the built-in
/// files and for an organisation's import, so both follow the same rules.
/// </summary>
public static class FrameworkCsv
{
    public sealed record Line(int Number, string Taxonomy, string Code, string Label, string? LabelEn);

    /// <summary>A framework holds at most <see cref="Framework.EntriesMax"/> entries: far more rows is a mistake, not a list of codes.</summary>
    public static readonly UploadLimits Limits = new(256 * 1024, Rows: 1000, Columns: 20);

    /// <summary>The lines of a sheet read with <see cref="Limits"/>, or the errors with their line numbers (empty when the file is good).</summary>
    public static (IReadOnlyList<Line> Lines, IReadOnlyList<string> Errors) Read(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        if (rows.Count == 0)
        {
            return ([], ["empty"]);
        }
        var header = new SheetHeader(rows[0]);
        var labelColumn = header.Has("label_fr") ? "label_fr" : header.Has("label") ? "label" : null;
        if (!header.Has("code") || labelColumn is null)
        {
            return ([], ["header"]);
        }
        var lines = new List<Line>();
        var errors = new List<string>();
        var seen = new HashSet<(string, string)>(new CodeComparer());
        for (var r = 1; r < rows.Count; r++)
        {
            var number = r + 1;
            var taxonomy = header.Field(rows[r], "taxonomy");
            var code = header.Field(rows[r], "code");
            var label = header.Field(rows[r], labelColumn);
            var labelEn = header.Field(rows[r], "label_en");
            if (code.Length == 0 && label.Length == 0)
            {
                continue;
            }
            if (code.Length is 0 or > FrameworkEntry.CodeMax)
            {
                errors.Add($"{number}:code");
            }
            else if (label.Length is 0 or > FrameworkEntry.LabelMax || labelEn.Length > FrameworkEntry.LabelMax)
            {
                errors.Add($"{number}:label");
            }
            else if (!seen.Add((taxonomy, code)))
            {
                errors.Add($"{number}:duplicate");
            }
            else
            {
                lines.Add(new Line(number, taxonomy, code, label, labelEn.Length == 0 ? null : labelEn));
            }
        }
        if (errors.Count == 0 && lines.Count == 0)
        {
            errors.Add("empty");
        }
        if (errors.Count == 0 && lines.GroupBy(l => l.Taxonomy).Any(g => g.Count() > Framework.EntriesMax))
        {
            errors.Add("too-many");
        }
        return (lines, errors);
    }

    private sealed class CodeComparer : IEqualityComparer<(string, string)>
    {
        public bool Equals((string, string) x, (string, string) y) =>
            StringComparer.OrdinalIgnoreCase.Equals(x.Item1, y.Item1) && StringComparer.OrdinalIgnoreCase.Equals(x.Item2, y.Item2);

        public int GetHashCode((string, string) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Item1), StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Item2));
    }
}
