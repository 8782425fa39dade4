namespace Parvis.Web.Kernel.Accountability.Report;

/// <summary>
/// The council's report as a list of blocks, built once and written out as DOCX or as an HTML page,
/// so that both carry exactly the same content in the same order.
/// </summary>
public sealed record ReportDocument(string Title, string Subtitle, string Language, IReadOnlyList<ReportBlock> Blocks)
{
    /// <summary>The section titles (level 1 headings), in order: the table of contents.</summary>
    public IEnumerable<string> Sections => Blocks.OfType<ReportHeading>().Where(h => h.Level == 1).Select(h => h.Text);

    /// <summary>The title's language when it is content (a survey's, a text's), not words of the interface.</summary>
    public string? TitleLanguage { get; init; }

    public string? SubtitleLanguage { get; init; }
}

/// <summary>A block's Language, when set, is that of its content where it may differ from the document's (RGAA 8.7).</summary>
public abstract record ReportBlock;

/// <summary>Level 1 is a section of the report, 2 and 3 its parts.</summary>
public sealed record ReportHeading(int Level, string Text, string? Language = null) : ReportBlock;

public sealed record ReportParagraph(string Text, string? Language = null) : ReportBlock;

/// <summary>The next block starts a new page (each form of a paper kit on its own sheet).</summary>
public sealed record ReportPageBreak : ReportBlock;

public sealed record ReportList(IReadOnlyList<string> Items, string? Language = null) : ReportBlock;

/// <summary>A contribution quoted word for word, with who (pseudonymised), what and how it came.</summary>
public sealed record ReportQuote(string Text, string Source, string? Language = null) : ReportBlock;

/// <summary>
/// A table with a caption and a header row, read by screen readers in both formats. Languages, when given, is each
/// column's content language (null for the interface's: figures, dates, words of the interface); HeaderLanguages the
/// same for the header row, whose titles may be content too (a survey's choices).
/// </summary>
public sealed record ReportTable(string Caption, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows,
    IReadOnlyList<string?>? Languages = null, IReadOnlyList<string?>? HeaderLanguages = null) : ReportBlock
{
    public string? LanguageOf(int column) => Of(Languages, column);

    public string? HeaderLanguageOf(int column) => Of(HeaderLanguages, column);

    /// <summary>The caption's language when the caption is content (a grid's title).</summary>
    public string? CaptionLanguage { get; init; }

    private static string? Of(IReadOnlyList<string?>? languages, int column) => languages is not null && column < languages.Count ? languages[column] : null;
}

/// <summary>
/// A bar chart: one bar per category and series, lengths proportional to the values (the "interest" in a
/// grid's cells). The description is its text alternative; the same numbers are in a table next to it.
/// </summary>
public sealed record ReportChart(string Caption, string Description, IReadOnlyList<string> Categories, IReadOnlyList<ReportSeries> Series) : ReportBlock
{
    public int Max => Series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max();
}

public sealed record ReportSeries(string Name, IReadOnlyList<int> Values);
