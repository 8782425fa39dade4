using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Parvis.Web.Kernel.Text;
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace Parvis.Web.Kernel.Accountability.Report;

/// <summary>
/// Writes the report as an editable Word document: real heading styles (navigable, a table of
/// contents that Word and LibreOffice refresh), tables with a caption and a repeated header row, the
/// document language set, and nothing but text (no image needing an alternative).
/// </summary>
public static class DocxWriter
{
    /// <summary>The document; with a table of contents titled <paramref name="tableOfContents"/> on its own page, or none (a paper kit).</summary>
    public static byte[] Write(ReportDocument report, string? tableOfContents)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = XmlText.Allowed(report.Title);
            document.PackageProperties.Language = report.Language;
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles(Tag(report.Language));
            main.AddNewPart<NumberingDefinitionsPart>().Numbering = Bullets();
            // Word asks to refresh the fields on opening, which fills the table of contents' page numbers.
            main.AddNewPart<DocumentSettingsPart>().Settings = new Settings(new UpdateFieldsOnOpen { Val = true });

            // A block in another language than the document's says so on its text, so a screen reader switches voice.
            string? Other(string? language) => language is not null && language != report.Language ? Tag(language) : null;
            var body = new Body();
            body.Append(Styled("Title", report.Title, Other(report.TitleLanguage)), Styled("Subtitle", report.Subtitle, Other(report.SubtitleLanguage)));
            if (tableOfContents is not null)
            {
                body.Append(Contents(report, tableOfContents));
                body.Append(PageBreak());
            }
            var bookmark = 0;
            var drawings = 0;
            foreach (var block in report.Blocks)
            {
                switch (block)
                {
                    case ReportHeading heading:
                        var paragraph = Styled($"Heading{heading.Level}", heading.Text, Other(heading.Language));
                        if (heading.Level == 1)
                        {
                            paragraph.InsertAfter(new BookmarkStart { Id = bookmark.ToString(), Name = $"_Section{bookmark}" }, paragraph.ParagraphProperties);
                            paragraph.Append(new BookmarkEnd { Id = bookmark.ToString() });
                            bookmark++;
                        }
                        body.Append(paragraph);
                        break;
                    case ReportPageBreak:
                        body.Append(PageBreak());
                        break;
                    case ReportParagraph text:
                        body.Append(Styled("Normal", text.Text, Other(text.Language)));
                        break;
                    case ReportQuote quote:
                        body.Append(Styled("Quote", quote.Text, Other(quote.Language)), Styled("QuoteSource", quote.Source));
                        break;
                    case ReportList list:
                        body.Append(list.Items.Select(item =>
                        {
                            var line = Styled("ListParagraph", item, Other(list.Language));
                            line.ParagraphProperties!.Append(new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 1 }));
                            return line;
                        }));
                        break;
                    case ReportTable table:
                        body.Append(Styled("Caption", table.Caption, Other(table.CaptionLanguage)), Table(table, Other));
                        break;
                    case ReportChart chart:
                        body.Append(Styled("Caption", chart.Caption), DocxChart.Paragraph(main, chart, (uint)++drawings));
                        break;
                }
            }
            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1418, Bottom = 1418, Left = 1418, Right = 1418, Header = 709, Footer = 709, Gutter = 0 }));
            main.Document = new Document(body);
        }
        return stream.ToArray();
    }

    private static Paragraph PageBreak() => new(new Run(new Break { Type = BreakValues.Page }));

    /// <summary>A TOC field over the level 1 headings, already filled with their titles for readers that do not refresh fields.</summary>
    private static IEnumerable<OpenXmlElement> Contents(ReportDocument report, string title)
    {
        yield return Styled("TOCHeading", title);
        var sections = report.Sections.ToList();
        for (var i = 0; i < sections.Count; i++)
        {
            var entry = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "TOC1" }));
            if (i == 0)
            {
                entry.Append(
                    new Run(new FieldChar { FieldCharType = FieldCharValues.Begin, Dirty = true }),
                    new Run(new FieldCode(" TOC \\o \"1-1\" \\h \\z \\u ") { Space = SpaceProcessingModeValues.Preserve }),
                    new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }));
            }
            entry.Append(new Hyperlink(new Run(new WordText(XmlText.Allowed(sections[i])))) { Anchor = $"_Section{i}", History = true });
            if (i == sections.Count - 1)
            {
                entry.Append(new Run(new FieldChar { FieldCharType = FieldCharValues.End }));
            }
            yield return entry;
        }
    }

    private static Table Table(ReportTable source, Func<string?, string?> other)
    {
        var table = new Table(new TableProperties(
            new TableStyle { Val = "ReportTable" },
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableCaption { Val = source.Caption },
            new TableLook { FirstRow = true, Val = "0020" }));
        table.Append(new TableGrid(source.Headers.Select(_ => new GridColumn())));
        // The header row repeats on each page and tells screen readers what each column holds.
        table.Append(Row(source.Headers, header: true, c => other(source.HeaderLanguageOf(c))));
        table.Append(source.Rows.Select(row => Row(row, header: false, c => other(source.LanguageOf(c)))));
        if (source.Rows.Count == 0)
        {
            table.Append(Row(source.Headers.Select((_, i) => i == 0 ? "—" : "").ToList(), header: false, _ => null));
        }
        return table;
    }

    private static TableRow Row(IReadOnlyList<string> cells, bool header, Func<int, string?> language)
    {
        var row = new TableRow();
        if (header)
        {
            row.Append(new TableRowProperties(new TableHeader(), new CantSplit()));
        }
        row.Append(cells.Select((cell, c) =>
        {
            var paragraph = Styled("TableText", cell, language(c));
            if (header)
            {
                foreach (var run in paragraph.Elements<Run>())
                {
                    run.PrependChild(new RunProperties(new Bold()));
                }
            }
            return new TableCell(paragraph);
        }));
        return row;
    }

    private static Paragraph Styled(string style, string text, string? language = null)
    {
        var run = new Run(new WordText(XmlText.Allowed(text)) { Space = SpaceProcessingModeValues.Preserve });
        if (language is not null)
        {
            run.PrependChild(new RunProperties(new Languages { Val = language }));
        }
        return new(new ParagraphProperties(new ParagraphStyleId { Val = style }), run);
    }

    /// <summary>The language tag Word and LibreOffice know for an interface language.</summary>
    private static string Tag(string language) => language == "en" ? "en-GB" : "fr-FR";

    private static Styles Styles(string language)
    {
        static Style Paragraph(string id, string name, string? basedOn, int sizeHalfPoints, bool bold = false, bool italic = false,
            int? outline = null, int before = 0, int after = 120, bool keepNext = false, string? colour = null, int indent = 0)
        {
            var paragraph = new StyleParagraphProperties(new SpacingBetweenLines { Before = before.ToString(), After = after.ToString() });
            if (keepNext)
            {
                paragraph.Append(new KeepNext());
            }
            if (indent > 0)
            {
                paragraph.Append(new Indentation { Left = indent.ToString() });
            }
            if (outline is { } level)
            {
                paragraph.Append(new OutlineLevel { Val = level });
            }
            var run = new StyleRunProperties();
            if (bold)
            {
                run.Append(new Bold());
            }
            if (italic)
            {
                run.Append(new Italic());
            }
            if (colour is not null)
            {
                run.Append(new Color { Val = colour });
            }
            run.Append(new FontSize { Val = sizeHalfPoints.ToString() });
            var style = new Style(new StyleName { Val = name }, new PrimaryStyle(), paragraph, run) { Type = StyleValues.Paragraph, StyleId = id };
            if (basedOn is not null)
            {
                style.InsertAfter(new BasedOn { Val = basedOn }, style.StyleName);
            }
            if (id.StartsWith("Heading", StringComparison.Ordinal) || id is "Title" or "Caption")
            {
                style.InsertAfter(new NextParagraphStyle { Val = "Normal" }, style.StyleName);
            }
            return style;
        }

        var normal = Paragraph("Normal", "Normal", null, 22);
        normal.Default = true;
        return new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Liberation Sans", HighAnsi = "Liberation Sans", ComplexScript = "Liberation Sans" },
                    new Languages { Val = language })),
                new ParagraphPropertiesDefault()),
            normal,
            Paragraph("Title", "Title", "Normal", 48, bold: true, after: 240, colour: "1D4F91"),
            Paragraph("Subtitle", "Subtitle", "Normal", 28, after: 480),
            Paragraph("Heading1", "heading 1", "Normal", 36, bold: true, outline: 0, before: 480, after: 160, keepNext: true, colour: "1D4F91"),
            Paragraph("Heading2", "heading 2", "Normal", 28, bold: true, outline: 1, before: 320, after: 120, keepNext: true),
            Paragraph("Heading3", "heading 3", "Normal", 24, bold: true, italic: true, outline: 2, before: 240, after: 100, keepNext: true),
            Paragraph("TOCHeading", "TOC Heading", "Normal", 32, bold: true, after: 200),
            Paragraph("TOC1", "toc 1", "Normal", 22, after: 60),
            Paragraph("Quote", "Quote", "Normal", 22, italic: true, after: 40, indent: 567),
            Paragraph("QuoteSource", "Quote Source", "Normal", 18, after: 200, indent: 567, colour: "4A4A4A"),
            Paragraph("Caption", "caption", "Normal", 20, bold: true, before: 200, after: 80, keepNext: true),
            Paragraph("TableText", "Table Text", "Normal", 20, after: 0),
            Paragraph("ListParagraph", "List Paragraph", "Normal", 22, after: 60, indent: 720),
            new Style(
                new StyleName { Val = "Report Table" },
                new StyleTableProperties(new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4, Color = "808080" },
                    new BottomBorder { Val = BorderValues.Single, Size = 4, Color = "808080" },
                    new LeftBorder { Val = BorderValues.Single, Size = 4, Color = "808080" },
                    new RightBorder { Val = BorderValues.Single, Size = 4, Color = "808080" },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Color = "808080" },
                    new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Color = "808080" }),
                    new TableCellMarginDefault(new TopMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                        new BottomMargin { Width = "40", Type = TableWidthUnitValues.Dxa }))) { Type = StyleValues.Table, StyleId = "ReportTable" });
    }

    private static Numbering Bullets() => new(
        new AbstractNum(new Level(
            new NumberingFormat { Val = NumberFormatValues.Bullet },
            new LevelText { Val = "•" },
            new LevelJustification { Val = LevelJustificationValues.Left },
            new PreviousParagraphProperties(new Indentation { Left = "720", Hanging = "360" })) { LevelIndex = 0 }) { AbstractNumberId = 1 },
        new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = 1 });
}
