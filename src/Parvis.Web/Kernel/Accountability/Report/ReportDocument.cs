namespace Parvis.Web.Kernel.Accountability.Report;

/// <summary>
/// The council's report as a list of blocks, built once and written out as DOCX or as an HTML page,
/// so that both carry exactly the same content in the same order.
/// </summary>
public sealed record ReportDocument(string Title, string Subtitle, string Language, IReadOnlyList<ReportBlock> Blocks)
{
    /// <summary>The section titles (level 1 headings), in order: the table of contents.</summary>
    public IEnumerable<string> Sections => Blocks.OfType<ReportHeading>().Where(h => h.Level == 1).Select(h => h.Text);
}

public abstract record ReportBlock;

/// <summary>Level 1 is a section of the report, 2 and 3 its parts.</summary>
public sealed record ReportHeading(int Level, string Text) : ReportBlock;

public sealed record ReportParagraph(string Text) : ReportBlock;

/// <summary>The next block starts a new page (each form of a paper kit on its own sheet).</summary>
public sealed record ReportPageBreak : ReportBlock;

public sealed record ReportList(IReadOnlyList<string> Items) : ReportBlock;

/// <summary>A contribution quoted word for word, with who (pseudonymised), what and how it came.</summary>
public sealed record ReportQuote(string Text, string Source) : ReportBlock;

/// <summary>A table with a caption and a header row, read by screen readers in both formats.</summary>
public sealed record ReportTable(string Caption, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows) : ReportBlock;

/// <summary>
/// A bar chart: one bar per category and series, lengths proportional to the values (the "interest" in a
/// grid's cells). The description is its text alternative; the same numbers are in a table next to it.
/// </summary>
public sealed record ReportChart(string Caption, string Description, IReadOnlyList<string> Categories, IReadOnlyList<ReportSeries> Series) : ReportBlock
{
    public int Max => Series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max();
}

public sealed record ReportSeries(string Name, IReadOnlyList<int> Values);
