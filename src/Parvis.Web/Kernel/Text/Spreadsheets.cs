using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

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

    /// <summary>Reads a CSV (comma or semicolon, as spreadsheets save it) or an XLSX (its first sheet), told apart by their content.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Read(Stream file)
    {
        using var buffer = new MemoryStream();
        file.CopyTo(buffer);
        var bytes = buffer.ToArray();
        // An XLSX is a zip archive: it starts with "PK".
        return bytes is [0x50, 0x4B, ..] ? ReadXlsx(bytes) : ReadCsv(Encoding.UTF8.GetString(bytes));
    }

    public static IReadOnlyList<IReadOnlyList<string>> ReadCsv(string text)
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
            rows.Add(csv.Record ?? []);
        }
        return rows;
    }

    /// <summary>Semicolon-separated with a byte order mark, as French spreadsheets open it without asking.</summary>
    public static byte[] WriteCsv(IEnumerable<IReadOnlyList<string>> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";" }))
        {
            foreach (var row in rows)
            {
                foreach (var cell in row)
                {
                    csv.WriteField(cell);
                }
                csv.NextRecord();
            }
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static IReadOnlyList<IReadOnlyList<string>> ReadXlsx(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("No workbook.");
        var first = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new InvalidDataException("No sheet.");
        var part = (WorksheetPart)workbook.GetPartById(first.Id!);
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var rows = new List<IReadOnlyList<string>>();
        foreach (var row in part.Worksheet.Descendants<Row>())
        {
            // Rows and cells may be missing when empty: place each at its own index.
            var index = (int)(row.RowIndex?.Value ?? (uint)(rows.Count + 1));
            while (rows.Count < index - 1)
            {
                rows.Add([]);
            }
            var cells = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : cells.Count;
                while (cells.Count < column)
                {
                    cells.Add("");
                }
                cells.Add(Value(cell, shared));
            }
            rows.Add(cells);
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
                        InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(value) { Space = SpaceProcessingModeValues.Preserve }),
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

    private static string Value(Cell cell, List<string> shared)
    {
        if (cell.DataType?.Value == CellValues.SharedString && int.TryParse(cell.CellValue?.Text, out var i) && i < shared.Count)
        {
            return shared[i];
        }
        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }
        return cell.CellValue?.Text ?? "";
    }

    /// <summary>"C7" → 2.</summary>
    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter))
        {
            index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        }
        return index - 1;
    }
}
