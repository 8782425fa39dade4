using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Parvis.Web.Kernel.Text;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace Parvis.Web.Kernel.Accountability.Report;

/// <summary>
/// A native Word bar chart (DrawingML), so the report's graphs stay editable and carry their text
/// alternative (the drawing's description). The values are held in the chart's own cache: no spreadsheet
/// is embedded.
/// </summary>
internal static class DocxChart
{
    private const long EmuPerCm = 360_000;
    private static readonly string[] _colours = ["1D4F91", "A4000F"];

    public static Paragraph Paragraph(MainDocumentPart main, ReportChart chart, uint id)
    {
        var part = main.AddNewPart<ChartPart>();
        part.ChartSpace = ChartSpace(chart);
        var height = Math.Clamp(chart.Categories.Count, 3, 20) * EmuPerCm + 2 * EmuPerCm;
        var inline = new DW.Inline(
            new DW.Extent { Cx = 16 * EmuPerCm, Cy = height },
            new DW.DocProperties { Id = id, Name = $"Chart {id}", Description = XmlText.Allowed(chart.Description), Title = XmlText.Allowed(chart.Caption) },
            new A.Graphic(new A.GraphicData(new C.ChartReference { Id = main.GetIdOfPart(part) }) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/chart" }))
        { DistanceFromTop = 0, DistanceFromBottom = 0, DistanceFromLeft = 0, DistanceFromRight = 0 };
        return new Paragraph(new Run(new Drawing(inline)));
    }

    private static C.ChartSpace ChartSpace(ReportChart chart)
    {
        const uint categoryAxis = 48_650_112;
        const uint valueAxis = 48_672_768;
        var bars = new C.BarChart(
            new C.BarDirection { Val = C.BarDirectionValues.Bar },
            new C.BarGrouping { Val = C.BarGroupingValues.Clustered },
            new C.VaryColors { Val = false });
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var series = chart.Series[s];
            bars.Append(new C.BarChartSeries(
                new C.Index { Val = (uint)s },
                new C.Order { Val = (uint)s },
                new C.SeriesText(new C.NumericValue(XmlText.Allowed(series.Name))),
                new C.ChartShapeProperties(new A.SolidFill(new A.RgbColorModelHex { Val = _colours[s % _colours.Length] })),
                new C.InvertIfNegative { Val = false },
                new C.CategoryAxisData(Strings(chart.Categories)),
                new C.Values(Numbers(series.Values))));
        }
        bars.Append(new C.GapWidth { Val = 60 }, new C.AxisId { Val = categoryAxis }, new C.AxisId { Val = valueAxis });
        var plot = new C.PlotArea(
            new C.Layout(),
            bars,
            new C.CategoryAxis(
                new C.AxisId { Val = categoryAxis },
                new C.Scaling(new C.Orientation { Val = C.OrientationValues.MaxMin }),
                new C.Delete { Val = false },
                new C.AxisPosition { Val = C.AxisPositionValues.Left },
                new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
                new C.CrossingAxis { Val = valueAxis },
                new C.Crosses { Val = C.CrossesValues.AutoZero },
                new C.AutoLabeled { Val = true },
                new C.LabelAlignment { Val = C.LabelAlignmentValues.Center },
                new C.LabelOffset { Val = 100 }),
            new C.ValueAxis(
                new C.AxisId { Val = valueAxis },
                new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }, new C.MinAxisValue { Val = 0 }),
                new C.Delete { Val = false },
                new C.AxisPosition { Val = C.AxisPositionValues.Bottom },
                new C.MajorGridlines(),
                new C.NumberingFormat { FormatCode = "0", SourceLinked = false },
                new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
                new C.CrossingAxis { Val = categoryAxis },
                new C.Crosses { Val = C.CrossesValues.AutoZero },
                new C.CrossBetween { Val = C.CrossBetweenValues.Between },
                new C.MajorUnit { Val = 1 }));
        return new C.ChartSpace(
            new C.RoundedCorners { Val = false },
            new C.Chart(
                new C.AutoTitleDeleted { Val = true },
                plot,
                new C.Legend(new C.LegendPosition { Val = C.LegendPositionValues.Bottom }, new C.Overlay { Val = false }),
                new C.PlotVisibleOnly { Val = true }));
    }

    private static C.StringLiteral Strings(IReadOnlyList<string> values)
    {
        var literal = new C.StringLiteral(new C.PointCount { Val = (uint)values.Count });
        literal.Append(values.Select((v, i) => new C.StringPoint(new C.NumericValue(XmlText.Allowed(v))) { Index = (uint)i }));
        return literal;
    }

    private static C.NumberLiteral Numbers(IReadOnlyList<int> values)
    {
        var literal = new C.NumberLiteral(new C.FormatCode("General"), new C.PointCount { Val = (uint)values.Count });
        literal.Append(values.Select((v, i) => new C.NumericPoint(new C.NumericValue(v.ToString(System.Globalization.CultureInfo.InvariantCulture))) { Index = (uint)i }));
        return literal;
    }
}
