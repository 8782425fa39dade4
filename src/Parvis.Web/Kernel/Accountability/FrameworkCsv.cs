using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Parvis.Web.Kernel.Accountability;

/// <summary>
/// Reads a framework from CSV: a header with code and label_fr (or label), optionally label_en and
/// taxonomy (several frameworks in one file, as the built-in seed taxonomies). Used for the built-in
/// files and for an organisation's import, so both follow the same rules.
/// </summary>
public static class FrameworkCsv
{
    public sealed record Line(int Number, string Taxonomy, string Code, string Label, string? LabelEn);

    /// <summary>The lines, or the errors with their line numbers (empty when the file is good).</summary>
    public static (IReadOnlyList<Line> Lines, IReadOnlyList<string> Errors) Read(TextReader reader)
    {
        var lines = new List<Line>();
        var errors = new List<string>();
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
            MissingFieldFound = null,
            BadDataFound = null,
        });
        if (!csv.Read() || !csv.ReadHeader())
        {
            return ([], ["empty"]);
        }
        var header = csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var labelColumn = header.Contains("label_fr") ? "label_fr" : header.Contains("label") ? "label" : null;
        if (!header.Contains("code") || labelColumn is null)
        {
            return ([], ["header"]);
        }
        var seen = new HashSet<(string, string)>(new CodeComparer());
        while (csv.Read())
        {
            var number = csv.Parser.Row;
            var taxonomy = header.Contains("taxonomy") ? csv.GetField("taxonomy")?.Trim() ?? "" : "";
            var code = csv.GetField("code")?.Trim() ?? "";
            var label = csv.GetField(labelColumn)?.Trim() ?? "";
            var labelEn = header.Contains("label_en") ? csv.GetField("label_en")?.Trim() : null;
            if (code.Length == 0 && label.Length == 0)
            {
                continue;
            }
            if (code.Length is 0 or > FrameworkEntry.CodeMax)
            {
                errors.Add($"{number}:code");
            }
            else if (label.Length is 0 or > FrameworkEntry.LabelMax || labelEn?.Length > FrameworkEntry.LabelMax)
            {
                errors.Add($"{number}:label");
            }
            else if (!seen.Add((taxonomy, code)))
            {
                errors.Add($"{number}:duplicate");
            }
            else
            {
                lines.Add(new Line(number, taxonomy, code, label, string.IsNullOrEmpty(labelEn) ? null : labelEn));
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
