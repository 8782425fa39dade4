using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using Envelope = NetTopologySuite.Geometries.Envelope;
using NetTopologySuite.IO.VectorTiles;
using NetTopologySuite.IO.VectorTiles.Mapbox;

namespace Parvis.Tests.Infrastructure;

/// <summary>
/// A small vector-tile archive around Lorient, written as PMTiles (version 3) and as MBTiles the way the tools that
/// make them do: the sea, a park, a main road, a footpath and a building, in the OpenMapTiles layers.
/// </summary>
public static class CraftedBasemap
{
    public const double West = -3.45, South = 47.68, East = -3.25, North = 47.80;
    public const string Attribution = "<a href=\"https://www.openstreetmap.org/copyright\">&copy; OpenStreetMap contributors</a>";

    private static readonly GeometryFactory _factory = new(new PrecisionModel(), 4326);

    private static Polygon Box(double west, double south, double east, double north) => _factory.CreatePolygon(
        [new(west, south), new(east, south), new(east, north), new(west, north), new(west, south)]);

    private static readonly (string Layer, Geometry Shape, string Class)[] _features =
    [
        ("water", Box(-3.42, 47.69, -3.34, 47.72), "ocean"),
        ("park", Box(-3.37, 47.75, -3.35, 47.76), "park"),
        ("transportation", _factory.CreateLineString([new(-3.45, 47.75), new(-3.35, 47.745), new(-3.25, 47.74)]), "primary"),
        ("transportation", _factory.CreateLineString([new(-3.36, 47.70), new(-3.30, 47.78)]), "path"),
        ("building", Box(-3.366, 47.748, -3.365, 47.749), "building"),
    ];

    /// <summary>Every tile of zooms 9 to 12 over the box with features, each an MVT with the features that touch it; as the tools do, no empty tile.</summary>
    public static IReadOnlyList<(int Zoom, int X, int Y, byte[] Mvt)> Tiles()
    {
        var tiles = new List<(int, int, int, byte[])>();
        for (var zoom = 9; zoom <= 12; zoom++)
        {
            var (west, north) = Parvis.Web.Kernel.Territory.TileGrid.Tile(zoom, West, North);
            var (east, south) = Parvis.Web.Kernel.Territory.TileGrid.Tile(zoom, East, South);
            for (var x = west; x <= east; x++)
            {
                for (var y = north; y <= south; y++)
                {
                    var (w, n) = Parvis.Web.Kernel.Territory.TileGrid.Corner(zoom, x, y);
                    var (e, s) = Parvis.Web.Kernel.Territory.TileGrid.Corner(zoom, x + 1, y + 1);
                    var envelope = new Envelope(w, e, s, n);
                    var tile = new NetTopologySuite.IO.VectorTiles.Tiles.Tile(x, y, zoom);
                    var vector = new VectorTile { TileId = tile.Id };
                    foreach (var group in _features.Where(f => f.Shape.EnvelopeInternal.Intersects(envelope)).GroupBy(f => f.Layer))
                    {
                        var layer = new Layer { Name = group.Key };
                        foreach (var feature in group)
                        {
                            layer.Features.Add(new Feature(feature.Shape, new AttributesTable { { "class", feature.Class } }));
                        }
                        vector.Layers.Add(layer);
                    }
                    if (vector.Layers.Count == 0)
                    {
                        continue;
                    }
                    using var mvt = new MemoryStream();
                    vector.Write(mvt, MapboxTileWriter.DefaultMinLinealExtent, MapboxTileWriter.DefaultMinPolygonalExtent);
                    tiles.Add((zoom, x, y, mvt.ToArray()));
                }
            }
        }
        return tiles;
    }

    public static byte[] Gzip(byte[] raw)
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Fastest))
        {
            gzip.Write(raw);
        }
        return packed.ToArray();
    }

    /// <summary>
    /// The archive as PMTiles: a header, one root directory (gzipped), the metadata, then the tiles in tile-id order.
    /// Tile type, packing and each entry's run of tiles can be set to anything a file may say, to see it refused.
    /// </summary>
    public static byte[] PmTiles(byte tileType = 1, byte tileCompression = 2, IReadOnlyList<(int Zoom, int X, int Y, byte[] Mvt)>? tiles = null, ulong runLength = 1)
    {
        var ordered = (tiles ?? Tiles()).Select(t => (Id: TileId(t.Zoom, t.X, t.Y), Data: tileCompression == 2 ? Gzip(t.Mvt) : t.Mvt)).OrderBy(t => t.Id).ToList();
        var directory = new MemoryStream();
        void Varint(ulong value)
        {
            while (value >= 0x80)
            {
                directory.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }
            directory.WriteByte((byte)value);
        }
        Varint((ulong)ordered.Count);
        var last = 0UL;
        foreach (var tile in ordered)
        {
            Varint(tile.Id - last);
            last = tile.Id;
        }
        ordered.ForEach(_ => Varint(runLength));
        ordered.ForEach(t => Varint((ulong)t.Data.Length));
        for (var i = 0; i < ordered.Count; i++)
        {
            // The first offset is written plus one; the others follow on, written as zero.
            Varint(i == 0 ? 1UL : 0UL);
        }
        var root = Gzip(directory.ToArray());
        var metadata = Gzip(Encoding.UTF8.GetBytes($$"""{"name":"Lorient","attribution":{{System.Text.Json.JsonSerializer.Serialize(Attribution)}}}"""));
        var data = ordered.SelectMany(t => t.Data).ToArray();
        var header = new byte[127];
        "PMTiles"u8.CopyTo(header);
        header[7] = 3;
        void Long(int offset, long value) => BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(offset), (ulong)value);
        void Degrees(int offset, double value) => BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(offset), (int)Math.Round(value * 1e7));
        Long(8, 127);
        Long(16, root.Length);
        Long(24, 127 + root.Length);
        Long(32, metadata.Length);
        Long(40, 127 + root.Length + metadata.Length);
        Long(48, 0);
        Long(56, 127 + root.Length + metadata.Length);
        Long(64, data.Length);
        Long(72, ordered.Count);
        Long(80, ordered.Count);
        Long(88, ordered.Count);
        (header[96], header[97], header[98], header[99], header[100], header[101]) = (1, 2, tileCompression, tileType, 9, 12);
        Degrees(102, West);
        Degrees(106, South);
        Degrees(110, East);
        Degrees(114, North);
        return [.. header, .. root, .. metadata, .. data];
    }

    /// <summary>The tile id PMTiles gives a tile: the tiles of the zooms before, then its rank along the Hilbert curve.</summary>
    public static ulong TileId(int zoom, int x, int y)
    {
        var before = 0UL;
        for (var z = 0; z < zoom; z++)
        {
            before += 1UL << (2 * z);
        }
        var n = 1L << zoom;
        var (px, py, rank) = ((long)x, (long)y, 0UL);
        for (var side = n / 2; side > 0; side /= 2)
        {
            var right = (px & side) > 0 ? 1L : 0L;
            var up = (py & side) > 0 ? 1L : 0L;
            rank += (ulong)(side * side * ((3 * right) ^ up));
            if (up == 0)
            {
                if (right == 1)
                {
                    (px, py) = (n - 1 - px, n - 1 - py);
                }
                (px, py) = (py, px);
            }
        }
        return before + rank;
    }

    /// <summary>The archive as MBTiles: an SQLite file, tiles by rows counted from the south, gzipped, with its metadata.</summary>
    public static byte[] MbTiles(string format = "pbf")
    {
        var path = Path.Combine(Path.GetTempPath(), $"parvis-test-{Guid.NewGuid():N}.mbtiles");
        try
        {
            using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = """
                    CREATE TABLE metadata (name TEXT, value TEXT);
                    CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
                    INSERT INTO metadata VALUES ('format', $format), ('attribution', $attribution), ('bounds', '-3.45,47.68,-3.25,47.8');
                    """;
                command.Parameters.AddWithValue("$format", format);
                command.Parameters.AddWithValue("$attribution", Attribution);
                command.ExecuteNonQuery();
                foreach (var (zoom, x, y, mvt) in Tiles())
                {
                    using var insert = connection.CreateCommand();
                    insert.CommandText = "INSERT INTO tiles VALUES ($z, $x, $row, $data)";
                    insert.Parameters.AddWithValue("$z", zoom);
                    insert.Parameters.AddWithValue("$x", x);
                    insert.Parameters.AddWithValue("$row", (1 << zoom) - 1 - y);
                    insert.Parameters.AddWithValue("$data", Gzip(mvt));
                    insert.ExecuteNonQuery();
                }
            }
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
