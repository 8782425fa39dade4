using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.VectorTiles.Mapbox;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Kernel.Territory;

/// <summary>
/// The organisation's map background: imported from its file (replacing the one before, in one transaction), and
/// drawn on the server as SVG beneath the territory and the points, from the tiles a map's frame covers.
/// </summary>
public sealed class Basemaps(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, AuditLog audit, SharedData shared)
{
    /// <summary>The tiles one drawing reads at most: the zoom is the most detailed at which the frame needs no more.</summary>
    public const int MostTilesDrawn = 16;

    /// <summary>What a background may add to a page, in characters: beyond, the less telling features are left out.</summary>
    public const int MostCharacters = 350_000;

    private sealed record Current(Basemap? Basemap);

    public async Task<Basemap?> CurrentAsync() => (await shared.GetAsync($"basemap:{organisation.Id}",
        async () => new Current(await db.Basemaps.AsNoTracking().FirstOrDefaultAsync(b => b.OrganisationId == organisation.Id)), ChangeKind.Organisations)).Basemap;

    public Task<CommandResult> ReplaceAsync(BasemapFile file) => MapChanges.ApplyAsync(db, authorizer, async () =>
    {
        await DeleteAsync();
        file.Basemap.OrganisationId = organisation.Id;
        db.Basemaps.Add(file.Basemap);
        db.BasemapTiles.AddRange(file.Tiles);
        audit.Record("basemap.import", $"organisation:{organisation.Id}", $"{file.Basemap.FileName} ({file.Tiles.Count})");
    });

    public Task<CommandResult> RemoveAsync() => MapChanges.ApplyAsync(db, authorizer, async () =>
    {
        await DeleteAsync();
        audit.Record("basemap.remove", $"organisation:{organisation.Id}");
    });

    private async Task DeleteAsync()
    {
        var old = db.Basemaps.Where(b => b.OrganisationId == organisation.Id).Select(b => b.Id);
        await db.BasemapTiles.Where(t => old.Contains(t.BasemapId)).ExecuteDeleteAsync();
        await db.Basemaps.Where(b => b.OrganisationId == organisation.Id).ExecuteDeleteAsync();
    }

    /// <summary>The background of a frame, as an SVG group; kept per frame (by its bytes) until the background changes.</summary>
    public Task<string> DrawAsync(Basemap basemap, MapFrame frame) =>
        shared.GetAsync(string.Create(CultureInfo.InvariantCulture, $"basemap:{basemap.Id}:{frame.Box.MinX:R},{frame.Box.MinY:R},{frame.Box.MaxX:R},{frame.Box.MaxY:R}"), async () =>
        {
            if (Zoom(basemap, frame.Box) is not { } zoom)
            {
                return "";
            }
            var (west, north) = TileGrid.Tile(zoom, frame.Box.MinX, frame.Box.MaxY);
            var (east, south) = TileGrid.Tile(zoom, frame.Box.MaxX, frame.Box.MinY);
            var tiles = await db.BasemapTiles.AsNoTracking()
                .Where(t => t.BasemapId == basemap.Id && t.Zoom == zoom && t.X >= west && t.X <= east && t.Y >= north && t.Y <= south).ToListAsync();
            return BasemapDrawing.Svg(tiles, frame);
        }, ChangeKind.Organisations, svg => 2L * svg.Length);

    /// <summary>The most detailed zoom of the archive at which the frame covers at most <see cref="MostTilesDrawn"/> tiles.</summary>
    public static int? Zoom(Basemap basemap, Envelope box)
    {
        for (var zoom = basemap.MaxZoom; zoom >= basemap.MinZoom; zoom--)
        {
            var (west, north) = TileGrid.Tile(zoom, box.MinX, box.MaxY);
            var (east, south) = TileGrid.Tile(zoom, box.MaxX, box.MinY);
            if ((long)(east - west + 1) * (south - north + 1) <= MostTilesDrawn)
            {
                return zoom;
            }
        }
        return null;
    }
}

/// <summary>A change to what the organisation's maps are drawn on: only by who manages the organisation, whole or not at all.</summary>
internal static class MapChanges
{
    public static async Task<CommandResult> ApplyAsync(ParvisDbContext db, Authorizer authorizer, Func<Task> change)
    {
        if (await authorizer.DecideAsync(Permission.ManageOrganisation) is var decision && decision != Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        await change();
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return CommandResult.Done();
    }
}

/// <summary>
/// Vector tiles drawn as SVG: water, green spaces, rivers and roads, each kind one path styled by the page. The
/// layers are recognised under the names of the two common schemas (OpenMapTiles and Protomaps); what is not
/// recognised (buildings, labels, boundaries) is left out, as the territory and the points carry the names.
/// </summary>
public static class BasemapDrawing
{
    /// <summary>The kinds drawn, in the order they are painted.</summary>
    public enum Kind { Green, Water, River, MinorRoad, Road, MajorRoad, Rail }

    /// <summary>What is kept first when the drawing would be too heavy: water and green shape a territory most.</summary>
    private static readonly Kind[] _priority = [Kind.Water, Kind.Green, Kind.MajorRoad, Kind.Road, Kind.River, Kind.Rail, Kind.MinorRoad];

    private static readonly HashSet<string> _green = new(StringComparer.Ordinal)
    {
        "park", "forest", "wood", "grass", "meadow", "nature_reserve", "national_park", "protected_area", "recreation_ground", "garden",
        "cemetery", "wetland", "scrub", "heath", "village_green", "golf_course", "playground", "allotments", "orchard",
    };

    public static string Svg(IReadOnlyList<BasemapTile> tiles, MapFrame frame)
    {
        var paths = Enum.GetValues<Kind>().ToDictionary(k => k, _ => new StringBuilder());
        var reader = new MapboxTileReader();
        foreach (var tile in tiles)
        {
            if (Read(reader, tile) is not { } vector)
            {
                continue;
            }
            foreach (var layer in vector.Layers)
            {
                foreach (var feature in layer.Features)
                {
                    if (feature.Geometry is { IsEmpty: false } geometry && geometry.EnvelopeInternal.Intersects(frame.Box)
                        && Classify(layer.Name, feature.Attributes, geometry is IPolygonal) is { } kind)
                    {
                        Draw(paths[kind], geometry, frame);
                    }
                }
            }
        }
        var kept = new HashSet<Kind>();
        var total = 0;
        foreach (var kind in _priority.Where(k => paths[k].Length > 0))
        {
            if (total + paths[kind].Length <= Basemaps.MostCharacters)
            {
                kept.Add(kind);
                total += paths[kind].Length;
            }
        }
        if (kept.Count == 0)
        {
            return "";
        }
        var svg = new StringBuilder("<g class=\"basemap\" aria-hidden=\"true\">");
        foreach (var kind in Enum.GetValues<Kind>().Where(kept.Contains))
        {
            svg.Append(CultureInfo.InvariantCulture, $"<path class=\"{CssClass(kind)}\" d=\"{paths[kind]}\"/>");
        }
        return svg.Append("</g>").ToString();
    }

    /// <summary>A tile as vector features; null for one the reader cannot read, left out rather than failing the whole map.</summary>
    private static NetTopologySuite.IO.VectorTiles.VectorTile? Read(MapboxTileReader reader, BasemapTile tile)
    {
        try
        {
            using var stream = new GZipStream(new MemoryStream(tile.Data), CompressionMode.Decompress);
            return reader.Read(stream, new NetTopologySuite.IO.VectorTiles.Tiles.Tile(tile.X, tile.Y, tile.Zoom));
        }
        catch (Exception e) when (e is InvalidDataException or ProtoBuf.ProtoException or ArgumentException or InvalidOperationException or IndexOutOfRangeException
            or EndOfStreamException or NotSupportedException or OverflowException)
        {
            return null;
        }
    }

    private static string CssClass(Kind kind) => kind switch
    {
        Kind.Green => "green", Kind.Water => "water", Kind.River => "river", Kind.MinorRoad => "road minor",
        Kind.Road => "road", Kind.MajorRoad => "road major", _ => "rail",
    };

    /// <summary>What a feature is drawn as, from its layer and its class (OpenMapTiles) or kind (Protomaps); null when it is left out.</summary>
    public static Kind? Classify(string layer, IAttributesTable? attributes, bool area)
    {
        var sort = attributes is null ? "" : new[] { "class", "kind", "subclass" }.Where(attributes.Exists).Select(n => attributes[n]?.ToString() ?? "").FirstOrDefault(v => v.Length > 0) ?? "";
        return layer switch
        {
            "water" or "ocean" => area ? Kind.Water : Kind.River,
            "waterway" => area ? null : Kind.River,
            "park" => area ? Kind.Green : null,
            "landcover" or "landuse" => area && _green.Contains(sort) ? Kind.Green : null,
            "transportation" or "roads" when !area => sort switch
            {
                "motorway" or "trunk" or "primary" or "highway" or "major_road" => Kind.MajorRoad,
                "secondary" or "tertiary" or "medium_road" => Kind.Road,
                "minor" or "minor_road" or "residential" or "unclassified" or "street" => Kind.MinorRoad,
                "rail" => Kind.Rail,
                _ => null,
            },
            _ => null,
        };
    }

    /// <summary>Appends a geometry's outline, leaving out the points closer than a unit to the last one kept.</summary>
    private static void Draw(StringBuilder path, Geometry geometry, MapFrame frame)
    {
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            switch (geometry.GetGeometryN(i))
            {
                case Polygon polygon:
                    Line(path, polygon.ExteriorRing.Coordinates, frame, closed: true);
                    foreach (var hole in polygon.InteriorRings)
                    {
                        Line(path, hole.Coordinates, frame, closed: true);
                    }
                    break;
                case LineString line:
                    Line(path, line.Coordinates, frame, closed: false);
                    break;
            }
        }
    }

    private static void Line(StringBuilder path, Coordinate[] coordinates, MapFrame frame, bool closed)
    {
        var points = new List<(double X, double Y)>(coordinates.Length);
        foreach (var c in coordinates)
        {
            var (x, y) = (frame.X(c.X), frame.Y(c.Y));
            if (points.Count == 0 || Math.Abs(x - points[^1].X) + Math.Abs(y - points[^1].Y) >= 1)
            {
                points.Add((x, y));
            }
        }
        if (points.Count < (closed ? 3 : 2))
        {
            return;
        }
        for (var i = 0; i < points.Count; i++)
        {
            path.Append(i == 0 ? 'M' : 'L').Append(points[i].X.ToString("0.#", CultureInfo.InvariantCulture)).Append(' ').Append(points[i].Y.ToString("0.#", CultureInfo.InvariantCulture));
        }
        if (closed)
        {
            path.Append('Z');
        }
    }
}
