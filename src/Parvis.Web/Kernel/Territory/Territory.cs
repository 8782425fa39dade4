using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Simplify;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Kernel.Territory;

/// <summary>
/// One area of the organisation's territory (a commune, an IRIS), as drawn under its maps: its name, its code, its
/// outline simplified for a page, the point its name is written at, and its bounds. Imported from an open dataset;
/// maps are drawn by Parvis from it, without asking anything of another server.
/// </summary>
public sealed class TerritoryArea
{
    public const int CodeMax = 20;
    public const int NameMax = 120;
    public const int OutlineMax = 400_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public string Code { get; set; } = "";
    public required string Name { get; set; }

    /// <summary>Its rings, each "longitude latitude" pairs joined by commas, rings joined by semicolons.</summary>
    public required string Outline { get; set; }

    public double LabelLongitude { get; set; }
    public double LabelLatitude { get; set; }
    public double West { get; set; }
    public double South { get; set; }
    public double East { get; set; }
    public double North { get; set; }

    /// <summary>An area from its shape, in longitude and latitude: its outline rounded to about a metre, its label point inside it.</summary>
    public static TerritoryArea From(string name, string code, Geometry shape)
    {
        var rings = new List<string>();
        foreach (var polygon in Enumerable.Range(0, shape.NumGeometries).Select(shape.GetGeometryN).OfType<Polygon>())
        {
            foreach (var ring in new[] { polygon.ExteriorRing }.Concat(polygon.InteriorRings))
            {
                rings.Add(string.Join(',', ring.Coordinates.Select(c => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(c.X, 5)} {Math.Round(c.Y, 5)}"))));
            }
        }
        var label = shape.InteriorPoint;
        var box = shape.EnvelopeInternal;
        return new TerritoryArea
        {
            Name = name, Code = code, Outline = string.Join(';', rings), LabelLongitude = label.X, LabelLatitude = label.Y,
            West = box.MinX, South = box.MinY, East = box.MaxX, North = box.MaxY,
        };
    }
}

/// <summary>What a territory file may hold: bounded in bytes, areas and the points drawn once simplified.</summary>
public static class TerritoryLimits
{
    /// <summary>Under the reverse proxy's 20 MB for a request, with room for the form around the file.</summary>
    public const long FileBytes = 19 * 1024 * 1024;
    public const int MostAreas = 3_000;

    /// <summary>The points the simplified outlines keep, all areas together: what a page can carry.</summary>
    public const int MostPoints = 25_000;

    /// <summary>The names a file's areas may be named and coded by, as the official datasets write them.</summary>
    public static readonly IReadOnlyList<string> NameProperties = ["nom", "NOM", "NOM_COM", "nom_com", "name", "NAME", "libelle", "LIBELLE", "NOM_IRIS", "nom_iris"];

    public static readonly IReadOnlyList<string> CodeProperties = ["code", "CODE", "INSEE_COM", "insee_com", "code_insee", "CODE_IRIS", "code_iris", "insee", "INSEE"];
}

/// <summary>A problem with a territory file: the feature it is about (from 1; 0 for the whole file), and its text key.</summary>
public sealed record TerritoryError(int Feature, string ErrorKey, params object[] Arguments);

/// <summary>The territory's areas: read from a GeoJSON file (whole or not at all), and kept for the maps.</summary>
public sealed class TerritoryCommands(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, AuditLog audit)
{
    private static readonly JsonSerializerOptions _json = new() { MaxDepth = 64, Converters = { new GeoJsonConverterFactory() } };

    /// <summary>
    /// Reads a GeoJSON FeatureCollection of polygons in longitude and latitude (WGS 84), each named; simplifies the
    /// outlines until they fit a page. Nothing is returned when anything is wrong: every faulty feature is named.
    /// </summary>
    public static (IReadOnlyList<TerritoryArea> Areas, IReadOnlyList<TerritoryError> Errors) Read(Stream file)
    {
        FeatureCollection? features;
        try
        {
            features = JsonSerializer.Deserialize<FeatureCollection>(file, _json);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or NotSupportedException or FormatException)
        {
            return ([], [new TerritoryError(0, "Territory.NotGeoJson")]);
        }
        if (features is null || features.Count == 0)
        {
            return ([], [new TerritoryError(0, "Territory.Empty")]);
        }
        if (features.Count > TerritoryLimits.MostAreas)
        {
            return ([], [new TerritoryError(0, "Territory.TooManyAreas", TerritoryLimits.MostAreas)]);
        }
        var errors = new List<TerritoryError>();
        var read = new List<(string Name, string Code, Geometry Shape)>();
        for (var i = 0; i < features.Count; i++)
        {
            var feature = features[i];
            var name = Property(feature.Attributes, TerritoryLimits.NameProperties);
            if (feature.Geometry is not (Polygon or MultiPolygon) || feature.Geometry.IsEmpty)
            {
                errors.Add(new TerritoryError(i + 1, "Territory.NotPolygon"));
            }
            else if (name.Length is 0 or > TerritoryArea.NameMax)
            {
                errors.Add(new TerritoryError(i + 1, "Territory.NoName", string.Join(", ", TerritoryLimits.NameProperties.Where((_, n) => n % 2 == 0))));
            }
            else if (feature.Geometry.EnvelopeInternal is var box && (box.MinX < -180 || box.MaxX > 180 || box.MinY < -90 || box.MaxY > 90))
            {
                errors.Add(new TerritoryError(i + 1, "Territory.NotDegrees"));
            }
            else
            {
                read.Add((name, Property(feature.Attributes, TerritoryLimits.CodeProperties) is var code && code.Length <= TerritoryArea.CodeMax ? code : "", feature.Geometry));
            }
            if (errors.Count >= 20)
            {
                break;
            }
        }
        if (errors.Count > 0)
        {
            return ([], errors);
        }
        var whole = new Envelope();
        foreach (var area in read)
        {
            whole.ExpandToInclude(area.Shape.EnvelopeInternal);
        }
        // Simplified as for a page a thousand points wide, then coarser until every outline together fits.
        var tolerance = Math.Max(whole.Width, whole.Height) / 1000;
        for (var attempt = 0; attempt < 12; attempt++, tolerance *= 1.6)
        {
            var simplified = read.Select(a => (a.Name, a.Code, Shape: TopologyPreservingSimplifier.Simplify(a.Shape, tolerance))).ToList();
            if (simplified.Sum(a => a.Shape.NumPoints) <= TerritoryLimits.MostPoints
                && simplified.Select(a => TerritoryArea.From(a.Name, a.Code, a.Shape)).ToList() is var areas
                && areas.All(a => a.Outline.Length <= TerritoryArea.OutlineMax))
            {
                return (areas, []);
            }
        }
        return ([], [new TerritoryError(0, "Territory.TooDetailed")]);
    }

    /// <summary>Replaces the organisation's territory with the areas read, in one transaction.</summary>
    public Task<CommandResult> ReplaceAsync(IReadOnlyList<TerritoryArea> areas) => MapChanges.ApplyAsync(db, authorizer, async () =>
    {
        await db.TerritoryAreas.Where(a => a.OrganisationId == organisation.Id).ExecuteDeleteAsync();
        foreach (var area in areas)
        {
            area.OrganisationId = organisation.Id;
        }
        db.TerritoryAreas.AddRange(areas);
        audit.Record("territory.import", $"organisation:{organisation.Id}", areas.Count.ToString(CultureInfo.InvariantCulture));
    });

    /// <summary>Staff remove the territory: maps go back to their points alone.</summary>
    public Task<CommandResult> RemoveAsync() => MapChanges.ApplyAsync(db, authorizer, async () =>
    {
        await db.TerritoryAreas.Where(a => a.OrganisationId == organisation.Id).ExecuteDeleteAsync();
        audit.Record("territory.remove", $"organisation:{organisation.Id}");
    });

    private static string Property(IAttributesTable? attributes, IReadOnlyList<string> names) =>
        attributes is null ? "" : names.Where(attributes.Exists).Select(n => Convert.ToString(attributes[n], CultureInfo.InvariantCulture)?.Trim() ?? "")
            .FirstOrDefault(v => v.Length > 0) ?? "";
}

/// <summary>An area as a map draws it: its name, its rings as longitude and latitude pairs, and where its name goes.</summary>
public sealed record AreaShape(string Name, IReadOnlyList<double[]> Rings, double LabelLongitude, double LabelLatitude, double West, double South, double East, double North)
{
    public static AreaShape Of(TerritoryArea area) => new(area.Name,
        [.. area.Outline.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(ring => ring.Split(',', ' ').Select(n => double.Parse(n, CultureInfo.InvariantCulture)).ToArray())],
        area.LabelLongitude, area.LabelLatitude, area.West, area.South, area.East, area.North);
}

/// <summary>A point on a map: its number in the legend, where it is, its name and the language it is in, its page, and whether it is placed only roughly.</summary>
public sealed record MapPoint(int Number, double Latitude, double Longitude, string Name, string Language, string Href, bool Approximate);

/// <summary>
/// The territory as maps draw it, read once per organisation until its territory changes (kept by the bytes of its
/// outlines).
/// </summary>
public sealed class TerritoryShapes(ParvisDbContext db, CurrentOrganisation organisation, SharedData shared)
{
    public Task<IReadOnlyList<AreaShape>> AllAsync() => shared.GetAsync<IReadOnlyList<AreaShape>>($"territory:{organisation.Id}", async () =>
        [.. (await db.TerritoryAreas.AsNoTracking().Where(a => a.OrganisationId == organisation.Id).OrderBy(a => a.Name).ToListAsync()).Select(AreaShape.Of)],
        ChangeKind.Organisations, shapes => shapes.Sum(s => 64L + 2 * s.Name.Length + s.Rings.Sum(r => 24L + 8 * r.Length)));

    /// <summary>Where a commune's name is written: a point for an entry placed only by its commune.</summary>
    public async Task<IReadOnlyDictionary<string, (double Latitude, double Longitude)>> CentresAsync() =>
        (await AllAsync()).GroupBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (g.First().LabelLatitude, g.First().LabelLongitude), StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// Where a map's drawing sits: the box of longitudes and latitudes it shows (the territory and the points, a little
/// room around) and how it is scaled to a drawing whose longer side is <see cref="Size"/> units.
/// </summary>
public sealed class MapFrame
{
    /// <summary>The longer side of the drawing, in its own units: the page scales it to the space it has.</summary>
    public const int Size = 1000;

    private readonly double _squeeze;
    private readonly double _scale;

    private MapFrame(Envelope box)
    {
        Box = box;
        // Longitudes shrink with the cosine of the latitude: drawn so, the territory keeps its shape.
        _squeeze = Math.Cos(box.Centre.Y * Math.PI / 180);
        _scale = Math.Min(Size / (box.Width * _squeeze), Size / box.Height);
        (Width, Height) = ((int)Math.Ceiling(box.Width * _squeeze * _scale), (int)Math.Ceiling(box.Height * _scale));
    }

    public Envelope Box { get; }
    public int Width { get; }
    public int Height { get; }

    public double X(double longitude) => (longitude - Box.MinX) * _squeeze * _scale;

    public double Y(double latitude) => (Box.MaxY - latitude) * _scale;

    /// <summary>The frame around the areas and points, or around <paramref name="otherwise"/> when there are none; null when there is nothing to show.</summary>
    public static MapFrame? Around(IReadOnlyList<AreaShape> areas, IReadOnlyList<MapPoint> points, Envelope? otherwise = null)
    {
        var box = new Envelope();
        foreach (var area in areas)
        {
            box.ExpandToInclude(new Envelope(area.West, area.East, area.South, area.North));
        }
        foreach (var point in points)
        {
            box.ExpandToInclude(point.Longitude, point.Latitude);
        }
        if (box.IsNull && otherwise is not null)
        {
            box.ExpandToInclude(otherwise);
        }
        if (box.IsNull)
        {
            return null;
        }
        // A little room around, and at least a town's width, so a single point is not a map of nothing.
        var span = Math.Max(Math.Max(box.Width, box.Height), 0.02);
        box.ExpandBy(Math.Max(0, 0.02 - box.Width) / 2 + span * 0.06, Math.Max(0, 0.02 - box.Height) / 2 + span * 0.06);
        return new MapFrame(box);
    }
}

/// <summary>A map ready for a page: its SVG (empty when there is nothing to draw) and whom its background is owed to.</summary>
public sealed record MapDrawing(string Svg, string Attribution)
{
    public static readonly MapDrawing None = new("", "");
}

/// <summary>
/// Draws maps for pages: the organisation's background when it supplied one, its territory, and the points.
/// </summary>
public sealed class TerritoryMaps(TerritoryShapes shapes, Basemaps basemaps)
{
    /// <summary>
    /// The map of these points. With <paramref name="pointsAlone"/> false, points are drawn only over a territory or a
    /// background: a lone point on a blank page says nothing.
    /// </summary>
    public async Task<MapDrawing> DrawAsync(IReadOnlyList<MapPoint> points, string title, string id, bool pointsAlone = true)
    {
        var areas = await shapes.AllAsync();
        var basemap = await basemaps.CurrentAsync();
        if (!pointsAlone && areas.Count == 0 && basemap is null)
        {
            return MapDrawing.None;
        }
        var covered = basemap is null ? null : new Envelope(basemap.West, basemap.East, basemap.South, basemap.North);
        if (MapFrame.Around(areas, points, covered) is not { } frame)
        {
            return MapDrawing.None;
        }
        var background = basemap is null ? "" : await basemaps.DrawAsync(basemap, frame);
        return new MapDrawing(TerritoryMap.Svg(frame, background, areas, points, title, id), background.Length > 0 ? basemap!.Attribution : "");
    }
}

/// <summary>
/// Draws a map as SVG, on the server: the background, the territory's outlines and names, and numbered points, each a
/// link to its page reachable by keyboard. No tile, script or font is fetched from anywhere: the page carries the
/// whole map.
/// </summary>
public static class TerritoryMap
{
    public static string Svg(MapFrame frame, string background, IReadOnlyList<AreaShape> areas, IReadOnlyList<MapPoint> points, string title, string id)
    {
        string X(double longitude) => frame.X(longitude).ToString("0.#", CultureInfo.InvariantCulture);
        string Y(double latitude) => frame.Y(latitude).ToString("0.#", CultureInfo.InvariantCulture);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"{(background.Length > 0 ? "territory-map with-basemap" : "territory-map")}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {frame.Width} {frame.Height}\" aria-labelledby=\"{id}-title\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Escape(title)}</title>");
        svg.Append(background);
        if (areas.Count > 0)
        {
            svg.Append("<g class=\"areas\" aria-hidden=\"true\">");
            foreach (var area in areas)
            {
                svg.Append("<path d=\"");
                foreach (var ring in area.Rings)
                {
                    for (var i = 0; i + 1 < ring.Length; i += 2)
                    {
                        svg.Append(i == 0 ? 'M' : 'L').Append(X(ring[i])).Append(' ').Append(Y(ring[i + 1]));
                    }
                    svg.Append('Z');
                }
                svg.Append("\"/>");
            }
            foreach (var area in areas)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(area.LabelLongitude)}\" y=\"{Y(area.LabelLatitude)}\">{Escape(area.Name)}</text>");
            }
            svg.Append("</g>");
        }
        svg.Append("<g class=\"points\">");
        foreach (var point in points)
        {
            var (x, y) = (X(point.Longitude), Y(point.Latitude));
            svg.Append(CultureInfo.InvariantCulture, $"<a href=\"{Escape(point.Href)}\" lang=\"{Escape(point.Language)}\"><title>{point.Number}. {Escape(point.Name)}</title>");
            svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"{(point.Approximate ? "point approximate" : "point")}\" cx=\"{x}\" cy=\"{y}\" r=\"13\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{y}\" aria-hidden=\"true\">{point.Number}</text></a>");
        }
        svg.Append("</g></svg>");
        return svg.ToString();
    }

    private static string Escape(string text) => System.Security.SecurityElement.Escape(text);
}
