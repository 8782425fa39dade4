using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using System.Xml;

namespace Parvis.Web.Kernel.Text;

/// <summary>
/// A sheet of text cells read from or written to CSV or XLSX, for the files people fill in by hand
/// (paper forms typed in a spreadsheet). Row 1 is the header, so a row's index + 1 is the line number
/// the person sees in their spreadsheet.
/// </summary>
public static class Spreadsheets
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// Reads a CSV (comma, semicolon or tab, as spreadsheets save it) or an XLSX (its first sheet), told apart by
    /// their content, within <paramref name="limits"/>; anything else is refused with <see cref="UploadRefusedException"/>.
    /// Each cell comes back as Parvis exported it (<see cref="Restore"/>).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Read(Stream file, UploadLimits limits)
    {
        var bytes = Uploads.ReadBytes(file, limits.Bytes);
        try
        {
            // An XLSX is a zip archive: it starts with "PK".
            return bytes is [0x50, 0x4B, ..] ? ReadXlsx(bytes, limits) : ReadCsv(Encoding.UTF8.GetString(bytes), limits);
        }
        catch (Exception e) when (e is XmlException or IOException or InvalidDataException or FileFormatException or OpenXmlPackageException or CsvHelperException)
        {
            throw new UploadRefusedException(UploadRefusedException.Unreadable);
        }
    }

    private static List<IReadOnlyList<string>> ReadCsv(string text, UploadLimits limits)
    {
        var rows = new List<IReadOnlyList<string>>();
        using var csv = new CsvParser(new StringReader(text.TrimStart('\uFEFF')), new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [";", ",", "\t"],
            BadDataFound = null,
        });
        while (csv.Read())
        {
            Within(rows.Count + 1, csv.Count, limits);
            rows.Add(csv.Record?.Select(Restore).ToArray() ?? []);
        }
        return rows;
    }

    /// <summary>
    /// Every CSV Parvis writes: with a byte order mark, semicolon-separated by default as French spreadsheets open it
    /// without asking, each cell a spreadsheet would run as a formula neutralised (see <see cref="Neutralise"/>) and quoted.
    /// </summary>
    public static byte[] WriteCsv(IEnumerable<IReadOnlyList<string>> rows, string delimiter = ";")
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter,
            ShouldQuote = args => args.Field?.StartsWith('\'') == true || ConfigurationFunctions.ShouldQuote(args),
        }))
        {
            foreach (var row in rows)
            {
                foreach (var cell in row)
                {
                    csv.WriteField(Neutralise(cell));
                }
                csv.NextRecord();
            }
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>
    /// OWASP's CSV injection defence: a cell starting with = + - @, a tab or a carriage return goes behind a single
    /// quote, so a spreadsheet shows it as text instead of running it. A cell that already starts with quotes before
    /// one of those gets one more, so that <see cref="Restore"/> gives back exactly what was written. Numbers
    /// ("-3", "+2.5") stay as they are: a spreadsheet reads them as values, never as formulas.
    /// </summary>
    public static string Neutralise(string cell) => Formula(cell) ? "'" + cell : cell;

    /// <summary>
    /// What was written before <see cref="Neutralise"/>, for the files Parvis exports and reads back (paper sheets,
    /// results, Polis files), also once saved as XLSX from a spreadsheet. A quote typed in a spreadsheet is not saved
    /// in its file, so a person's own text hardly ever starts with a quote before a formula sign: such a quote is taken
    /// off as ours (the one text that does not come back exactly, through XLSX only).
    /// </summary>
    public static string Restore(string cell) => cell.StartsWith('\'') && Formula(cell) ? cell[1..] : cell;

    private static bool Formula(string cell) =>
        cell.TrimStart('\'') is [var first, ..] bare && first is '=' or '+' or '-' or '@' or '\t' or '\r'
        && !double.TryParse(bare, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);

    /// <summary>
    /// The first sheet's text, read as a stream: rows and cells go where their references say, but a reference
    /// past the limits refuses the file rather than allocating up to it, and each part is refused once it
    /// unzips past <see cref="UploadLimits.PartCharacters"/>.
    /// </summary>
    private static List<IReadOnlyList<string>> ReadXlsx(byte[] bytes, UploadLimits limits)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = limits.PartCharacters });
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("No workbook.");
        var first = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new InvalidDataException("No sheet.");
        // A sheet without its part, or whose first tab is a chart, is no table to read.
        if (first.Id?.Value is not { Length: > 0 } id || !workbook.TryGetPartById(id, out var found) || found is not WorksheetPart part)
        {
            throw new InvalidDataException("The first sheet is no worksheet.");
        }
        var shared = new List<string>();
        if (workbook.SharedStringTablePart is { } sharedPart)
        {
            using var reader = PartReader(sharedPart, limits);
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "si")
                {
                    continue;
                }
                shared.Add(TextOf(reader));
            }
        }
        var rows = new List<IReadOnlyList<string>>();
        using (var reader = PartReader(part, limits))
        {
            List<string>? cells = null;
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }
                if (reader.LocalName == "row")
                {
                    // Rows may be missing when empty: each goes at its own index, never before the previous one.
                    var index = Math.Max(rows.Count + 1, long.TryParse(reader.GetAttribute("r"), out var r) ? r : 0);
                    Within(index, 0, limits);
                    while (rows.Count < index - 1)
                    {
                        rows.Add([]);
                    }
                    rows.Add(cells = []);
                }
                else if (reader.LocalName == "c" && cells is not null)
                {
                    var column = Math.Max(cells.Count + 1, reader.GetAttribute("r") is { } reference ? ColumnNumber(reference) : 0);
                    Within(rows.Count, column, limits);
                    while (cells.Count < column - 1)
                    {
                        cells.Add("");
                    }
                    cells.Add(Restore(Value(reader, shared)));
                }
            }
        }
        return rows;
    }

    /// <summary>One sheet per (name, rows); the first row of each is a header, bold and frozen.</summary>
    public static byte[] WriteXlsx(params (string Name, IReadOnlyList<IReadOnlyList<string>> Rows)[] sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font(), new Font(new Bold())),
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
                new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }));
            var list = workbook.Workbook.AppendChild(new Sheets());
            for (var s = 0; s < sheets.Length; s++)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                for (var r = 0; r < sheets[s].Rows.Count; r++)
                {
                    var row = new Row { RowIndex = (uint)(r + 1) };
                    row.Append(sheets[s].Rows[r].Select(value => new Cell
                    {
                        DataType = CellValues.InlineString,
                        InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(XmlText.Allowed(value)) { Space = SpaceProcessingModeValues.Preserve }),
                        StyleIndex = r == 0 ? 1u : 0u,
                    }));
                    data.Append(row);
                }
                var frozen = new SheetViews(new SheetView(new Pane
                {
                    VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
                }) { WorkbookViewId = 0 });
                var widths = new Columns(Enumerable.Range(1, Math.Max(1, sheets[s].Rows.Count > 0 ? sheets[s].Rows[0].Count : 1))
                    .Select(c => new Column { Min = (uint)c, Max = (uint)c, Width = 28, CustomWidth = true }));
                part.Worksheet = new Worksheet(frozen, widths, data);
                list.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)(s + 1), Name = sheets[s].Name });
            }
        }
        return stream.ToArray();
    }

    /// <summary>Refuses a sheet whose row or column (numbered from 1) is past its limits.</summary>
    private static void Within(long row, long column, UploadLimits limits)
    {
        if (row > limits.Rows)
        {
            throw new UploadRefusedException(UploadRefusedException.TooManyRows, limits.Rows);
        }
        if (column > limits.Columns)
        {
            throw new UploadRefusedException(UploadRefusedException.TooManyColumns, limits.Columns);
        }
    }

    /// <summary>A part's XML, without DTD, refused once it unzips past the limit.</summary>
    private static XmlReader PartReader(OpenXmlPart part, UploadLimits limits) =>
        XmlReader.Create(new LimitedStream(part.GetStream(FileMode.Open, FileAccess.Read), limits.PartCharacters, UploadRefusedException.Unzipped),
            new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = false, CloseInput = true });

    /// <summary>The text of the element the reader is on (a shared string, an inline string), phonetic guides left out.</summary>
    private static string TextOf(XmlReader reader)
    {
        var text = new StringBuilder();
        using var element = reader.ReadSubtree();
        element.Read();
        while (!element.EOF)
        {
            if (element.NodeType == XmlNodeType.Element && element.LocalName == "rPh")
            {
                element.Skip();
            }
            else if (element.NodeType == XmlNodeType.Element && element.LocalName == "t")
            {
                text.Append(element.ReadElementContentAsString());
            }
            else
            {
                element.Read();
            }
        }
        return text.ToString();
    }

    /// <summary>A cell's text: a shared string, an inline string, or its value as stored (numbers, booleans, a formula's last result).</summary>
    private static string Value(XmlReader reader, List<string> shared)
    {
        var type = reader.GetAttribute("t");
        var value = "";
        using var cell = reader.ReadSubtree();
        cell.Read();
        while (!cell.EOF)
        {
            if (cell.NodeType == XmlNodeType.Element && cell.LocalName == "is")
            {
                value = TextOf(cell);
                cell.Read();
            }
            else if (cell.NodeType == XmlNodeType.Element && cell.LocalName == "v")
            {
                var text = cell.ReadElementContentAsString();
                value = type != "s" ? text : int.TryParse(text, out var i) && i >= 0 && i < shared.Count ? shared[i] : "";
            }
            else
            {
                cell.Read();
            }
        }
        return value;
    }

    /// <summary>"C7" → 3; letters past any sheet's last column (XFD) stop counting, as the limits refuse them anyway.</summary>
    private static long ColumnNumber(string reference)
    {
        var number = 0L;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter))
        {
            number = Math.Min(number * 26 + (char.ToUpperInvariant(c) - 'A' + 1), int.MaxValue);
        }
        return number;
    }
}

/// <summary>A sheet's columns found by their header, trimmed and in any case (the first of two same headers wins).</summary>
public sealed class SheetHeader(IReadOnlyList<string> header)
{
    private readonly Dictionary<string, int> _columns = header.Select((name, index) => (Name: name.Trim(), Index: index))
        .DistinctBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(c => c.Name, c => c.Index, StringComparer.OrdinalIgnoreCase);

    public bool Has(string name) => _columns.ContainsKey(name);

    /// <summary>The row's trimmed value in that column, empty when the row is shorter or the column absent.</summary>
    public string Field(IReadOnlyList<string> row, string name) =>
        _columns.TryGetValue(name, out var index) && index < row.Count ? row[index].Trim() : "";
}
