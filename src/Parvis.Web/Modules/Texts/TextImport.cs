using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Parvis.Web.Kernel.Text;

namespace Parvis.Web.Modules.Texts;

/// <summary>One article of a draft: the sections it is in (" › " between them, empty when none), its heading, its Markdown, trimmed.</summary>
public sealed record DraftArticle(string Section, string Heading, string Body);

/// <summary>Why a draft cannot be imported: an interface text key, the line (from 1; 0 when none), at most 80 characters of what is at fault.</summary>
public sealed record ImportProblem(string Key, int Line, string Excerpt);

public sealed record DraftImport(IReadOnlyList<DraftArticle> Articles, IReadOnlyList<ImportProblem> Problems)
{
    public bool Ok => Problems.Count == 0;
}

/// <summary>
/// How a draft text (a charter, a bill), pasted as Markdown or sent as a Word file, becomes articles:
/// <list type="bullet">
/// <item>The deepest heading level used in the text marks the articles. Every shallower heading is a section; an article
/// in several sections is shown with all of them, as "Titre I › Chapitre 2". With one heading level only, every heading
/// is an article and there are no sections.</item>
/// <item>An article is its heading's text and everything written from there to the next heading, kept as it is.</item>
/// <item>Nothing but headings comes before the first article, nor between a section's heading and its first article.</item>
/// <item>A text has at most 300 articles. A heading has at most 200 characters, the sections of an article together at
/// most 300. An article is never empty and has at most 8,000 characters.</item>
/// <item>No two articles have the same heading, whatever the capitals and spaces: the heading is how an article is
/// followed from one version of the text to the next.</item>
/// <item>In a Word file (at most 5 MB), paragraphs in a heading style ("Titre 1" to "Titre 9", "Heading 1" to "Heading 9",
/// or any style or paragraph with an outline level) are headings, and lists stay lists, in bold and italics as written.
/// Markdown has six heading levels: deeper ones count as the sixth.</item>
/// </list>
/// Every problem found is listed, up to 20, with the line where it is.
/// </summary>
public static partial class TextImport
{
    public const int MostArticles = 300;
    public const int HeadingMax = 200;
    public const int SectionMax = 300;
    public const int BodyMax = 8_000;

    /// <summary>A DOCX bigger than this is refused.</summary>
    public const long DocxBytes = 5 * 1024 * 1024;

    /// <summary>Word's XML compresses about tenfold, so a part that unzips past this is a zip bomb.</summary>
    internal const long UnzippedBytes = DocxBytes * 10;

    /// <summary>No text longer than every article at its longest is parsed.</summary>
    private const int MostCharacters = MostArticles * BodyMax;

    private const int MostProblems = 20;
    private const int ExcerptMax = 80;

    public static DraftImport FromMarkdown(string markdown)
    {
        if (markdown.Length > MostCharacters)
        {
            return new([], [new("Texts.Import.TooLong", 0, "")]);
        }
        MarkdownDocument blocks;
        try
        {
            blocks = Markdown.Parse(markdown);
        }
        catch (ArgumentException)
        {
            // Quotes or lists nested deeper than Markdig reads.
            return new([], [new("Texts.Import.TooDeep", 0, "")]);
        }
        var headings = blocks.OfType<HeadingBlock>().ToList();
        if (headings.Count == 0)
        {
            return new([], [new("Texts.Import.Empty", 0, "")]);
        }
        var deepest = headings.Max(h => h.Level);
        var articles = new List<DraftArticle>();
        var problems = new List<ImportProblem>();
        var open = new string?[deepest];
        var section = "";
        // Headings identify articles across versions: two are the same by the rule that matches them (VersionPlan.Key).
        var seen = new HashSet<string>(StringComparer.Ordinal);
        (HeadingBlock Block, string Text)? article = null;
        var strayReported = false;

        void Report(string key, int line, string excerpt)
        {
            if (problems.Count < MostProblems)
            {
                problems.Add(new(key, line, Excerpt(excerpt)));
            }
        }

        // An article ends where the next heading starts, whatever its level.
        void Close(int end)
        {
            if (article is not { Block: var heading, Text: var text })
            {
                return;
            }
            // The heading's span leaves out an ATX heading's closing #s: its body starts on the next line.
            var start = Math.Min(heading.Span.End + 1, end);
            var lineEnd = markdown.AsSpan(start, end - start).IndexOfAny('\r', '\n');
            var body = markdown[(lineEnd < 0 ? end : start + lineEnd)..end].Trim();
            var line = heading.Line + 1;
            if (articles.Count == MostArticles)
            {
                Report("Texts.Import.TooManyArticles", line, text);
            }
            if (text.Length > HeadingMax)
            {
                Report("Texts.Import.HeadingTooLong", line, text);
            }
            else if (text.Length == 0)
            {
                Report("Texts.Import.EmptyHeading", line, body);
            }
            if (body.Length == 0)
            {
                Report("Texts.Import.EmptyArticle", line, text);
            }
            else if (body.Length > BodyMax)
            {
                Report("Texts.Import.BodyTooLong", line, text);
            }
            if (text.Length > 0 && !seen.Add(VersionPlan.Key(text)))
            {
                Report("Texts.Import.DuplicateHeading", line, text);
            }
            articles.Add(new(section, text, body));
            article = null;
        }

        foreach (var block in blocks)
        {
            if (block is not HeadingBlock heading)
            {
                // An article's blocks are taken whole as its body when it closes; only what lies outside articles is
                // looked at here, once per stretch, as one misplaced preamble is one problem.
                if (article is null && !strayReported)
                {
                    Report("Texts.Import.TextBeforeFirstArticle", block.Line + 1, FirstLine(markdown, block.Span.Start));
                    strayReported = true;
                }
                continue;
            }
            Close(heading.Span.Start);
            strayReported = false;
            var text = PlainText(heading.Inline);
            if (heading.Level == deepest)
            {
                article = (heading, text);
                continue;
            }
            // A section closes every deeper one still open.
            open[heading.Level - 1] = text;
            Array.Clear(open, heading.Level, open.Length - heading.Level);
            section = string.Join(" › ", open.OfType<string>());
            if (text.Length > HeadingMax || section.Length > SectionMax)
            {
                Report("Texts.Import.HeadingTooLong", heading.Line + 1, text.Length > HeadingMax ? text : section);
            }
        }
        Close(markdown.Length);
        return new(articles, problems);
    }

    /// <summary>A heading's text as read, without its Markdown, spaces collapsed (a setext heading may span lines).</summary>
    private static string PlainText(ContainerInline? inline)
    {
        var text = new StringBuilder();
        Append(inline);
        return Spaces().Replace(text.ToString(), " ").Trim();

        void Append(Inline? node)
        {
            switch (node)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.ToString());
                    break;
                case AutolinkInline link:
                    text.Append(link.Url);
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
                case ContainerInline container:
                    foreach (var child in container)
                    {
                        Append(child);
                    }
                    break;
            }
        }
    }

    private static string FirstLine(string text, int start)
    {
        var length = text.AsSpan(start).IndexOfAny('\r', '\n');
        return length < 0 ? text[start..] : text.Substring(start, length);
    }

    private static string Excerpt(string text)
    {
        text = text.Trim();
        if (text.Length <= ExcerptMax)
        {
            return text;
        }
        var cut = ExcerptMax - 1;
        // Never half of a character outside the basic plane.
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }
        return text[..cut] + "…";
    }

    public static DraftImport FromDocx(Stream docx) => FromMarkdown(DocxToMarkdown(docx));

    /// <summary>
    /// The Word file as the Markdown it is imported from, for the staff to see what was read. A file past
    /// <see cref="DocxBytes"/>, unreadable, or whose parts unzip far past their size is refused with <see cref="UploadRefusedException"/>.
    /// </summary>
    public static string DocxToMarkdown(Stream docx)
    {
        var bytes = Uploads.ReadBytes(docx, DocxBytes);
        try
        {
            using var stream = new MemoryStream(bytes);
            using var document = WordprocessingDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = UnzippedBytes });
            var main = document.MainDocumentPart ?? throw new InvalidDataException("No document.");
            // The body is unzipped once under a byte limit so that a bomb is refused as one; the SDK's own limit
            // (MaxCharactersInPart) only tells an unreadable file, and still guards the styles.
            using (var body = new LimitedStream(main.GetStream(FileMode.Open, FileAccess.Read), UnzippedBytes, UploadRefusedException.Unzipped))
            {
                body.CopyTo(Stream.Null);
            }
            var styles = main.StyleDefinitionsPart?.Styles?.Elements<Style>().Where(s => s.StyleId?.Value is not null)
                .DistinctBy(s => s.StyleId!.Value).ToDictionary(s => s.StyleId!.Value!) ?? [];
            var markdown = new StringBuilder();
            var lastItem = -1;
            // Paragraph by paragraph (those in tables too), so that a long document is never held whole as objects.
            using var reader = OpenXmlReader.Create(main);
            while (markdown.Length <= MostCharacters && reader.Read())
            {
                if (!reader.IsStartElement || reader.ElementType != typeof(Paragraph))
                {
                    continue;
                }
                var paragraph = (Paragraph)reader.LoadCurrentElement()!;
                var text = Runs(paragraph);
                if (text.Length == 0)
                {
                    continue;
                }
                var own = paragraph.ParagraphProperties;
                var chain = StyleChain(own?.ParagraphStyleId?.Val?.Value, styles).ToList();
                var level = HeadingLevel(own, chain);
                var item = level == 0 && IsListItem(own, chain)
                    ? Math.Min(own?.NumberingProperties?.NumberingLevelReference?.Val?.Value ?? 0, lastItem + 1)
                    : -1;
                if (markdown.Length > 0)
                {
                    // Items of one list follow each other; anything else stands apart.
                    markdown.Append(item >= 0 && lastItem >= 0 ? "\n" : "\n\n");
                }
                markdown.Append(level > 0 ? new string('#', Math.Min(level, 6)) + " "
                    : item >= 0 ? new string(' ', 2 * item) + "- " : "").Append(text);
                lastItem = item;
            }
            return markdown.ToString();
        }
        // A number Word would not write (a list level "x") throws when its value is read.
        catch (Exception e) when (e is XmlException or IOException or InvalidDataException or FileFormatException or OpenXmlPackageException
            or FormatException or OverflowException)
        {
            throw new UploadRefusedException(UploadRefusedException.Unreadable);
        }
    }

    /// <summary>A paragraph style and those it is based on, as Word inherits them.</summary>
    private static IEnumerable<(string Id, Style? Style)> StyleChain(string? id, Dictionary<string, Style> styles)
    {
        // A damaged file may base styles on each other in a loop.
        for (var depth = 0; id is not null && depth < 10; depth++)
        {
            styles.TryGetValue(id, out var style);
            yield return (id, style);
            id = style?.BasedOn?.Val?.Value;
        }
    }

    /// <summary>1 to 9 for a heading, 0 otherwise; the paragraph's own outline level wins over its style's, as in Word.</summary>
    private static int HeadingLevel(ParagraphProperties? own, List<(string Id, Style? Style)> chain)
    {
        var outline = own?.OutlineLevel?.Val?.Value;
        if (outline is null)
        {
            foreach (var (id, style) in chain)
            {
                if (HeadingStyle().Match(id) is { Success: true } match)
                {
                    return match.Groups[1].Value[0] - '0';
                }
                if ((outline = style?.StyleParagraphProperties?.OutlineLevel?.Val?.Value) is not null)
                {
                    break;
                }
            }
        }
        // Outline level 9 is body text.
        return outline is >= 0 and < 9 ? outline.Value + 1 : 0;
    }

    /// <summary>Numbered by the paragraph or its style; numbering 0 is Word's way of taking a style's numbering off.</summary>
    private static bool IsListItem(ParagraphProperties? own, List<(string Id, Style? Style)> chain) =>
        (own?.NumberingProperties ?? chain.Select(c => c.Style?.StyleParagraphProperties?.NumberingProperties).FirstOrDefault(n => n is not null))
            is { } numbering && numbering.NumberingId?.Val?.Value != 0;

    /// <summary>
    /// The paragraph's text as Markdown: runs with the same emphasis joined (never "**a****b**"), the markers kept
    /// inside the spaces around them (CommonMark ignores "** word **"), and what Markdown would read as markup escaped.
    /// </summary>
    private static string Runs(Paragraph paragraph)
    {
        var markdown = new StringBuilder();
        var pending = new StringBuilder();
        var marker = "";
        foreach (var run in paragraph.Descendants<Run>())
        {
            var bold = IsOn(run.RunProperties?.Bold);
            var italic = IsOn(run.RunProperties?.Italic);
            var runMarker = bold && italic ? "***" : bold ? "**" : italic ? "*" : "";
            if (runMarker != marker)
            {
                Flush();
                marker = runMarker;
            }
            foreach (var child in run.ChildElements)
            {
                pending.Append(child switch
                {
                    Text text => text.Text,
                    // A paragraph stays on one line: a line break inside it could start a list or a heading.
                    TabChar or Break or CarriageReturn => " ",
                    _ => "",
                });
            }
        }
        Flush();
        return LineStart().Replace(markdown.ToString().Trim(), m => char.IsAsciiDigit(m.Value[0]) ? m.Value + "\\" : "\\" + m.Value);

        void Flush()
        {
            var text = pending.ToString();
            pending.Clear();
            var core = text.Trim();
            if (marker.Length == 0 || core.Length == 0)
            {
                markdown.Append(Markup().Replace(text, "\\$0"));
                return;
            }
            var lead = text.Length - text.TrimStart().Length;
            markdown.Append(text.AsSpan(0, lead)).Append(marker).Append(Markup().Replace(core, "\\$0")).Append(marker)
                .Append(text.AsSpan(lead + core.Length));
        }
    }

    private static bool IsOn(OnOffType? toggle) => toggle is not null && (toggle.Val?.Value ?? true);

    [GeneratedRegex(@"^(?:Heading|Titre)([1-9])$", RegexOptions.IgnoreCase)]
    private static partial Regex HeadingStyle();

    [GeneratedRegex(@"[\\`*_\[\]<~]")]
    private static partial Regex Markup();

    /// <summary>What would start a heading, quote, list, table or setext underline at the start of a line.</summary>
    [GeneratedRegex(@"^(?:[#>+=|-]|\d{1,9}(?=[.)]))")]
    private static partial Regex LineStart();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
