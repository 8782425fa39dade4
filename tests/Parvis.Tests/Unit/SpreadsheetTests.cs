using System.Text;
using Parvis.Web.Kernel.Text;
using static Parvis.Tests.Infrastructure.CraftedXlsx;

namespace Parvis.Tests.Unit;

/// <summary>Reading uploaded sheets: what the file claims never sizes what is allocated, and every limit refuses the file whole.</summary>
[Trait("Suite", "unit")]
public sealed class SpreadsheetTests
{
    private static readonly UploadLimits _limits = new(64 * 1024, Rows: 100, Columns: 10);

    private static string Refusal(byte[] file) =>
        Assert.Throws<UploadRefusedException>(() => Spreadsheets.Read(new MemoryStream(file), _limits)).Key;

    [Fact]
    public void An_XLSX_is_read_cell_by_cell_where_its_references_place_them()
    {
        var file = Build(
            $"<row r=\"1\">{Cell("A1", "Table")}<c r=\"C1\" t=\"s\"><v>0</v></c></row>"
            + $"<row r=\"3\"><c r=\"B3\"><v>42</v></c>{Cell("D3", "fin")}</row>",
            "<si><t>Texte</t><rPh><t>phonétique</t></rPh></si>");
        var rows = Spreadsheets.Read(new MemoryStream(file), _limits);
        Assert.Equal(3, rows.Count);
        Assert.Equal(["Table", "", "Texte"], rows[0]);
        Assert.Empty(rows[1]);
        Assert.Equal(["", "42", "", "fin"], rows[2]);
    }

    [Fact]
    public void A_claimed_last_row_or_column_is_refused_without_allocating_up_to_it()
    {
        // The audit's file: a row numbered 1048576, a cell in column XFD, each repeated as a zip repeats cheaply.
        var lastRow = Build($"<row r=\"1\">{Cell("A1", "Table")}</row><row r=\"1048576\">{Cell("A1048576", "x")}</row>");
        var lastColumn = Build(w =>
        {
            for (var r = 1; r <= 5000; r++)
            {
                w.Write($"<row r=\"{r}\"><c r=\"XFD{r}\" t=\"inlineStr\"><is><t>x</t></is></c></row>");
            }
        });
        Assert.InRange(lastColumn.Length, 0, 64 * 1024);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(UploadRefusedException.TooManyRows, Refusal(lastRow));
        Assert.Equal(UploadRefusedException.TooManyColumns, Refusal(lastColumn));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 4 * 1024 * 1024, $"{allocated} bytes allocated");

        var tooManyRows = Build(string.Concat(Enumerable.Range(1, 101).Select(r => "<row><c><v>1</v></c></row>")));
        Assert.Equal(UploadRefusedException.TooManyRows, Refusal(tooManyRows));
        var tooManyCells = Build($"<row>{string.Concat(Enumerable.Range(1, 11).Select(_ => "<c><v>1</v></c>"))}</row>");
        Assert.Equal(UploadRefusedException.TooManyColumns, Refusal(tooManyCells));
    }

    [Fact]
    public void A_part_that_unzips_past_the_limit_is_refused_as_a_zip_bomb()
    {
        // 8 MB of one letter compresses to a few kilobytes.
        static void Bomb(TextWriter w)
        {
            w.Write("<row><c t=\"inlineStr\"><is><t>");
            var chunk = new string('a', 64 * 1024);
            for (var i = 0; i < 128; i++)
            {
                w.Write(chunk);
            }
            w.Write("</t></is></c></row>");
        }
        var inSheet = Build(Bomb);
        Assert.True(inSheet.Length < _limits.Bytes);
        Assert.Equal(UploadRefusedException.Unzipped, Refusal(inSheet));
        var sharedBomb = new StringWriter();
        Bomb(sharedBomb);
        var inSharedStrings = Build("<row><c t=\"s\"><v>0</v></c></row>", sharedBomb.ToString().Replace("<row><c t=\"inlineStr\"><is>", "<si>", StringComparison.Ordinal)
            .Replace("</is></c></row>", "</si>", StringComparison.Ordinal));
        Assert.Equal(UploadRefusedException.Unzipped, Refusal(inSharedStrings));
    }

    [Fact]
    public void A_DTD_or_a_broken_zip_is_refused_as_unreadable()
    {
        var dtd = Build($"<row>{Cell("A1", "&x;")}</row>", prolog: "<!DOCTYPE worksheet [<!ENTITY x \"entité\">]>");
        Assert.Equal(UploadRefusedException.Unreadable, Refusal(dtd));
        Assert.Equal(UploadRefusedException.Unreadable, Refusal([0x50, 0x4B, 1, 2, 3]));
    }

    [Fact]
    public void A_CSV_past_its_bytes_rows_or_columns_is_refused()
    {
        Assert.Equal(UploadRefusedException.TooBig, Refusal(new byte[_limits.Bytes + 1]));
        Assert.Equal(UploadRefusedException.TooManyRows, Refusal(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("a;b\n", 101)))));
        Assert.Equal(UploadRefusedException.TooManyColumns, Refusal(Encoding.UTF8.GetBytes("a" + new string(';', 10) + "\n")));
        Assert.Equal(100, Spreadsheets.Read(new MemoryStream(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("a;b\n", 100)))), _limits).Count);
    }

    [Fact]
    public void Every_formula_sign_is_neutralised_quoted_and_read_back_exactly_as_written()
    {
        string[] cells = ["=1+1", "+33 6 12", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\tx", "\rx", "'=déjà", "''@deux", "-3", "+2.5", "texte", "'apostrophe", ""];
        var csv = Encoding.UTF8.GetString(Spreadsheets.WriteCsv([cells]));
        foreach (var neutralised in new[] { "\"'=1+1\"", "\"'+33 6 12\"", "\"'-2+3+cmd|' /C calc'!A0\"", "\"'@SUM(A1)\"", "\"'\tx\"", "\"'\rx\"", "\"''=déjà\"", "\"'''@deux\"" })
        {
            Assert.Contains(neutralised, csv, StringComparison.Ordinal);
        }
        Assert.Contains(";-3;+2.5;texte;", csv, StringComparison.Ordinal);
        var limits = new UploadLimits(64 * 1024, Rows: 10, Columns: 40);
        Assert.Equal(cells, Spreadsheets.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), limits)[0]);
        // An XLSX stores text as text, nothing to neutralise; read back, it gives the same (quotes before a formula sign aside, see Restore).
        string[] text = ["=1+1", "+33 6 12", "@SUM(A1)", "\tx", "-3", "texte", "'apostrophe"];
        Assert.Equal(text, Spreadsheets.Read(new MemoryStream(Spreadsheets.WriteXlsx(("Feuille", [text]))), limits)[0]);
    }

    [Fact]
    public void Characters_xml_has_no_place_for_are_dropped_from_a_workbook_not_thrown()
    {
        // A control character typed in an answer, a vertical tab pasted from a word processor, half an emoji.
        string[] typed = ["a\u0001b", "ligne\vsuivante", "fin\uD83D", "emoji 😀 gardé", "tab\tgardée"];
        var limits = new UploadLimits(64 * 1024, Rows: 10, Columns: 10);
        Assert.Equal(["ab", "lignesuivante", "fin", "emoji 😀 gardé", "tab\tgardée"],
            Spreadsheets.Read(new MemoryStream(Spreadsheets.WriteXlsx(("Réponses", [typed]))), limits)[0]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("r:id=\"rId9\"")]
    [InlineData("r:id=\"rId2\"")]
    public void A_first_sheet_without_its_part_or_that_is_no_worksheet_is_refused_as_unreadable(string sheetReference)
    {
        var file = Build($"<row r=\"1\">{Cell("A1", "x")}</row>", sharedStrings: "<si><t>x</t></si>", sheetReference: sheetReference);
        Assert.Equal(UploadRefusedException.Unreadable, Assert.Throws<UploadRefusedException>(() => Spreadsheets.Read(new MemoryStream(file), _limits)).Key);
    }
}
