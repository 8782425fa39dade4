using System.Globalization;
using System.Text;
using Parvis.Web.Kernel.Territory;

namespace Parvis.Tests.Unit;

/// <summary>The territory read from GeoJSON (each faulty feature named, outlines simplified for a page), and maps drawn from it.</summary>
[Trait("Suite", "unit")]
public sealed class TerritoryTests
{
    private static MemoryStream Json(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

    private static string Square(string name, double west, double south, double side) => string.Create(CultureInfo.InvariantCulture,
        $$$"""{"type":"Feature","properties":{"nom":"{{{name}}}","code":"56000"},"geometry":{"type":"Polygon","coordinates":[[[{{{west}}},{{{south}}}],[{{{west + side}}},{{{south}}}],[{{{west + side}}},{{{south + side}}}],[{{{west}}},{{{south + side}}}],[{{{west}}},{{{south}}}]]]}}""");

    [Fact]
    public void A_file_is_read_whole_or_refused_with_each_faulty_feature_named()
    {
        Assert.Equal("Territory.NotGeoJson", TerritoryCommands.Read(Json("commune;nom\n1;Lorient")).Errors.Single().ErrorKey);
        Assert.Equal("Territory.Empty", TerritoryCommands.Read(Json("""{"type":"FeatureCollection","features":[]}""")).Errors.Single().ErrorKey);
        var point = """{"type":"Feature","properties":{"nom":"Un point"},"geometry":{"type":"Point","coordinates":[-3.3,47.7]}}""";
        var lambert = Square("En Lambert 93", 227_000, 6_750_000, 1_000);
        var nameless = Square("", -3.4, 47.7, 0.05);
        var (areas, errors) = TerritoryCommands.Read(Json($$"""{"type":"FeatureCollection","features":[{{Square("Lorient", -3.4, 47.72, 0.05)}},{{point}},{{lambert}},{{nameless}}]}"""));
        Assert.Empty(areas);
        Assert.Equal([(2, "Territory.NotPolygon"), (3, "Territory.NotDegrees"), (4, "Territory.NoName")], errors.Select(e => (e.Feature, e.ErrorKey)));

        var (good, none) = TerritoryCommands.Read(Json($$"""{"type":"FeatureCollection","features":[{{Square("Lorient", -3.4, 47.72, 0.05)}},{{Square("Lanester", -3.35, 47.72, 0.05)}}]}"""));
        Assert.Empty(none);
        Assert.Equal(["Lorient", "Lanester"], good.Select(a => a.Name));
        Assert.Equal("56000", good[0].Code);
        Assert.Equal([-3.4, 47.72, -3.35, 47.77], new[] { good[0].West, good[0].South, good[0].East, good[0].North }.Select(d => Math.Round(d, 6)));
        Assert.InRange(good[0].LabelLongitude, -3.4, -3.35);
    }

    /// <summary>An official outline has tens of thousands of points: simplified, it keeps its shape in a few dozen.</summary>
    [Fact]
    public void A_detailed_outline_is_simplified_to_what_a_page_can_carry()
    {
        var ring = Enumerable.Range(0, 100_000).Select(i => 2 * Math.PI * i / 100_000)
            .Select(a => string.Create(CultureInfo.InvariantCulture, $"[{-3.3 + 0.1 * Math.Cos(a)},{47.7 + 0.1 * Math.Sin(a)}]")).ToList();
        ring.Add(ring[0]);
        var (areas, errors) = TerritoryCommands.Read(Json($$$"""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"NOM_COM":"Ronde"},"geometry":{"type":"Polygon","coordinates":[[{{{string.Join(',', ring)}}}]]}}]}"""));
        Assert.Empty(errors);
        var points = areas.Single().Outline.Split(',').Length;
        Assert.InRange(points, 20, 500);
        Assert.InRange(AreaShape.Of(areas[0]).Rings[0].Chunk(2).Max(p => Math.Abs(Math.Sqrt(Math.Pow(p[0] + 3.3, 2) + Math.Pow(p[1] - 47.7, 2)) - 0.1)), 0, 0.001);
    }

    /// <summary>
    /// A square of a degree at 45° 30' north with a point at its centre: the box grows by 6 % of its side each way
    /// (1.12°), longitudes shrink by cos(45.5°) = 0.70091, the taller side is 1,000 units (scale 892.857), so the drawing is
    /// 701 × 1000 and the centre is at (0.56 × 0.70091 × 892.857, 0.56 × 892.857) = (350.5, 500).
    /// </summary>
    [Fact]
    public void A_map_keeps_the_territory_s_shape_and_places_points_by_hand_computed_figures()
    {
        var square = new AreaShape("Carré", [[0, 45, 1, 45, 1, 46, 0, 46, 0, 45]], 0.5, 45.5, 0, 45, 1, 46);
        MapPoint[] points = [new(1, 45.5, 0.5, "Au centre <b>", "fr", "/directory/1", false), new(2, 45.2, 0.1, "Approché", "fr", "/directory/2", true)];
        var svg = TerritoryMap.Svg(MapFrame.Around([square], points)!, "", [square], points, "Carte", "test");
        Assert.Contains("viewBox=\"0 0 701 1000\"", svg, StringComparison.Ordinal);
        Assert.Contains("cx=\"350.5\" cy=\"500\"", svg, StringComparison.Ordinal);
        Assert.Contains("class=\"point approximate\"", svg, StringComparison.Ordinal);
        Assert.Contains("1. Au centre &lt;b&gt;", svg, StringComparison.Ordinal);
        Assert.Contains(">Carré</text>", svg, StringComparison.Ordinal);
        // Nothing but the SVG namespace names another address: the map asks nothing of any server.
        Assert.Equal(["http://www.w3.org/2000/svg"], System.Text.RegularExpressions.Regex.Matches(svg, "https?://[^\"]*").Select(m => m.Value).Distinct());
        Assert.Null(MapFrame.Around([], []));
        // A wide territory keeps its width: only a lone point is widened, to a town's width.
        var wide = MapFrame.Around([new AreaShape("Large", [[0, 45, 2, 45, 2, 46, 0, 46]], 1, 45.5, 0, 45, 2, 46)], [])!;
        Assert.True(wide.Width > wide.Height, $"{wide.Width} × {wide.Height}");
        var lone = MapFrame.Around([], [points[0]])!;
        Assert.Equal(0.02 * 1.12, lone.Box.Width, 6);
    }

    [Fact]
    public void A_search_ignores_case_and_accents_and_combines_its_filters()
    {
        ListedEntry Entry(string name, EntryKind kind, string commune, Access access) =>
            new(Guid.NewGuid(), name, kind, "", "", commune, null, null, "", access, "", "fr", null, []);
        IReadOnlyList<ListedEntry> entries =
        [
            Entry("Médiathèque François-Mitterrand", EntryKind.MediationPlace, "Lorient", Access.StepFree),
            Entry("Maison des associations", EntryKind.Association, "Lanester", Access.None),
            Entry("Espace médiation", EntryKind.MediationPlace, "Quéven", Access.None),
        ];
        DirectoryQuery Query(string words = "", EntryKind? kind = null, string commune = "", bool stepFree = false) => new(words, kind, commune, null, stepFree);
        Assert.Equal(["Médiathèque François-Mitterrand"], Query("MEDIATHEQUE francois").Apply(entries).Select(e => e.Name));
        Assert.Equal(2, Query(kind: EntryKind.MediationPlace).Apply(entries).Count);
        Assert.Equal(["Espace médiation"], Query(commune: "queven").Apply(entries).Select(e => e.Name));
        Assert.Equal(["Médiathèque François-Mitterrand"], Query("media", stepFree: true).Apply(entries).Select(e => e.Name));
        Assert.Equal("?q=m%C3%A9dia&kind=MediationPlace&access=step-free", Query("média", EntryKind.MediationPlace, stepFree: true).QueryString);
    }

    /// <summary>What the form's binding lets through is checked again by the command: flags, links, phones, coordinates, themes.</summary>
    [Fact]
    public void An_entry_s_content_is_checked_whatever_the_form_let_through()
    {
        var theme = Guid.NewGuid();
        var good = new EntryContent("Espace numérique", EntryKind.MediationPlace, "", "Place de l'Hôtel de Ville", "Lorient", 47.7, -3.3, "", Access.StepFree, "",
            "02 97 00 00 01", "https://example.org", ["http://example.org/agenda"], [theme]);
        Assert.Null(LocalDirectoryCommands.Problem(good, [theme]));
        Assert.Equal("Directory.Invalid.Access", LocalDirectoryCommands.Problem(good with { Access = (Access)255 }, [theme]));
        Assert.Equal("Directory.Invalid.Website", LocalDirectoryCommands.Problem(good with { Website = "javascript:alert(1)" }, [theme]));
        Assert.Equal("Directory.Invalid.Links", LocalDirectoryCommands.Problem(good with { Links = ["ftp://example.org"] }, [theme]));
        Assert.Equal("Directory.Invalid.Phone", LocalDirectoryCommands.Problem(good with { Phone = "appelez-nous" }, [theme]));
        Assert.Equal("Directory.Invalid.Latitude", LocalDirectoryCommands.Problem(good with { Longitude = null }, [theme]));
        Assert.Equal("Directory.Invalid.Longitude", LocalDirectoryCommands.Problem(good with { Longitude = 200 }, [theme]));
        Assert.Equal("Directory.Invalid.Themes", LocalDirectoryCommands.Problem(good, []));
        Assert.Equal("Directory.Invalid.Kind", LocalDirectoryCommands.Problem(good with { Kind = (EntryKind)99 }, [theme]));
        Assert.Equal("Latitude", LocalDirectoryCommands.FieldOf("Directory.Invalid.Latitude"));
    }
}
