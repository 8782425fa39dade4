using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Parvis.Web.Kernel.Accountability.Report;

/// <summary>Pieces of the paper kits that modules print: tables to fill in by hand, the attendance sheet.</summary>
public static class PaperForms
{
    /// <summary>An attendance sheet: the names already known (registered pseudonyms), then blank lines to sign.</summary>
    public static IEnumerable<ReportBlock> AttendanceSheet(IStringLocalizer text, string title, IReadOnlyList<string> known)
    {
        yield return new ReportHeading(1, title);
        yield return new ReportParagraph(text["Kit.AttendanceNote"]);
        var rows = known.Select((name, i) => (IReadOnlyList<string>)[Number(i + 1), name, ""])
            .Concat(Enumerable.Range(known.Count + 1, Math.Max(20, known.Count + 10) - known.Count).Select(i => (IReadOnlyList<string>)[Number(i), "", ""]))
            .ToList();
        yield return new ReportTable(text["Kit.AttendanceTable"], [text["Kit.Number"], text["Kit.NameOrPseudonym"], text["Kit.Signature"]], rows);
    }

    /// <summary>A table to fill in by hand: numbered empty rows under its header.</summary>
    public static ReportTable Blank(string caption, IReadOnlyList<string> headers, int rows) =>
        new(caption, headers, Enumerable.Range(1, rows).Select(i => (IReadOnlyList<string>)[Number(i), .. Enumerable.Repeat("", headers.Count - 1)]).ToList());

    private static string Number(int i) => i.ToString(CultureInfo.CurrentCulture);
}
