using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using NetTopologySuite.IO.VectorTiles.Mapbox;

namespace Parvis.Web.Kernel.Territory;

/// <summary>
/// The background an organisation supplies for its maps: a regional vector-tile archive (PMTiles or MBTiles) whose
/// tiles Parvis keeps in its database and draws itself, so that no map ever asks a tile server for anything.
/// </summary>
public sealed class Basemap
{
    public const int FileNameMax = 200;
    public const int AttributionMax = 300;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public required string FileName { get; set; }

    /// <summary>Whom the map data is owed to, as its licence asks to say under every map (OpenStreetMap's ODbL does).</summary>
    public string Attribution { get; set; } = "";

    public int MinZoom { get; set; }
    public int MaxZoom { get; set; }
    public double West { get; set; }
    public double South { get; set; }
    public double East { get; set; }
    public double North { get; set; }
    public int TileCount { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
}

/// <summary>One vector tile of a background, by its zoom and its column and row counted from the north-west, gzipped.</summary>
public sealed class BasemapTile
{
    public Guid BasemapId { get; set; }
    public int Zoom { get; set; }
    public int X { get; set; }
    public int Y { get; set; }
    public required byte[] Data { get; set; }
}

/// <summary>What a background file may hold, bounded so that neither a large region nor a forged file can fill the database.</summary>
public static class BasemapLimits
{
    /// <summary>Under the reverse proxy's 20 MB for a request: a town or an intercommunality up to zoom 14 fits.</summary>
    public const long FileBytes = TerritoryLimits.FileBytes;

    public const int MostTiles = 60_000;

    /// <summary>What the tiles may weigh once unpacked, one by one and together: a forged file cannot unpack to gigabytes.</summary>
    public const int TileBytes = 2 * 1024 * 1024;

    public const long UnpackedBytes = 160L * 1024 * 1024;
}

/// <summary>A background read from its file: what it covers and its tiles, ready to be stored.</summary>
public sealed record BasemapFile(Basemap Basemap, IReadOnlyList<BasemapTile> Tiles)
{
    /// <summary>
    /// Reads a PMTiles (version 3) or MBTiles archive of vector tiles. Nothing is returned when anything is wrong:
    /// the error's text key says what, and its arguments the figures.
    /// </summary>
    public static (BasemapFile? File, string ErrorKey, object[] Arguments) Read(byte[] bytes, string fileName, DateTimeOffset now)
    {
        try
        {
            var archive = bytes.AsSpan().StartsWith("PMTiles"u8) ? PmTiles.Read(bytes)
                : bytes.AsSpan().StartsWith("SQLite format 3\0"u8) ? MbTiles.Read(bytes)
                : throw new BasemapException("Basemap.NotArchive");
            if (archive.Tiles.Count == 0)
            {
                throw new BasemapException("Basemap.Empty");
            }
            // The first tile is read as a vector tile: a mislabelled archive is refused here, not on every map.
            var first = archive.Tiles.MinBy(t => (t.Zoom, t.X, t.Y))!;
            using (var stream = new GZipStream(new MemoryStream(first.Data), CompressionMode.Decompress))
            {
                new MapboxTileReader().Read(stream, new NetTopologySuite.IO.VectorTiles.Tiles.Tile(first.X, first.Y, first.Zoom));
            }
            var basemap = archive.Basemap;
            // What the tiles kept cover, whatever the file's header says: a forged header cannot point maps at nothing.
            (basemap.MinZoom, basemap.MaxZoom) = (archive.Tiles.Min(t => t.Zoom), archive.Tiles.Max(t => t.Zoom));
            if (!(basemap.West >= -180 && basemap.East <= 180 && basemap.South >= -90 && basemap.North <= 90 && basemap.West < basemap.East && basemap.South < basemap.North))
            {
                var deepest = archive.Tiles.Where(t => t.Zoom == basemap.MaxZoom).ToList();
                (basemap.West, basemap.North) = TileGrid.Corner(basemap.MaxZoom, deepest.Min(t => t.X), deepest.Min(t => t.Y));
                (basemap.East, basemap.South) = TileGrid.Corner(basemap.MaxZoom, deepest.Max(t => t.X) + 1, deepest.Max(t => t.Y) + 1);
            }
            basemap.FileName = Path.GetFileName(fileName) is { Length: > 0 and <= Basemap.FileNameMax } name ? name : "basemap";
            basemap.Attribution = PlainText(basemap.Attribution, Basemap.AttributionMax);
            basemap.TileCount = archive.Tiles.Count;
            basemap.ImportedAt = now;
            foreach (var tile in archive.Tiles)
            {
                tile.BasemapId = basemap.Id;
            }
            return (archive, "", []);
        }
        catch (BasemapException e)
        {
            return (null, e.Message, e.Arguments);
        }
        catch (Exception e) when (e is InvalidDataException or SqliteException or JsonException or ArgumentException or OverflowException
            or IndexOutOfRangeException or EndOfStreamException or ProtoBuf.ProtoException or InvalidOperationException or NotSupportedException
            or InvalidCastException or RegexMatchTimeoutException)
        {
            return (null, "Basemap.Unreadable", []);
        }
    }

    /// <summary>An attribution as archives write it, often in HTML: its text alone, on one line.</summary>
    private static string PlainText(string html, int most)
    {
        // Cut first: the expressions below never read more than a long attribution's markup.
        html = html.Length <= 8 * most ? html : html[..(8 * most)];
        var text = Regex.Replace(System.Net.WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]*>", " ", RegexOptions.None, TimeSpan.FromSeconds(1))), @"\s+", " ",
            RegexOptions.None, TimeSpan.FromSeconds(1)).Trim();
        return text.Length <= most ? text : text[..most];
    }

    /// <summary>The tiles of an archive, unpacked within the limits and stored gzipped whatever their packing in the file.</summary>
    private sealed class TileCollector
    {
        private readonly HashSet<(int, int, int)> _seen = [];
        private long _unpacked;

        public List<BasemapTile> Tiles { get; } = [];

        /// <summary>Every tile the file lists counts, empty or not: a run of a billion empty tiles stops at the limit.</summary>
        public void Add(int zoom, int x, int y, ReadOnlySpan<byte> data, byte compression)
        {
            if (_seen.Count >= BasemapLimits.MostTiles)
            {
                throw new BasemapException("Basemap.TooManyTiles", BasemapLimits.MostTiles);
            }
            if (zoom is < 0 or > 22 || x < 0 || y < 0 || x >= 1 << zoom || y >= 1 << zoom || !_seen.Add((zoom, x, y)))
            {
                throw new BasemapException("Basemap.Unreadable");
            }
            var raw = Unpack(data, compression, BasemapLimits.TileBytes);
            if (raw.Length == 0)
            {
                // An empty tile draws nothing: not kept.
                return;
            }
            _unpacked += raw.Length;
            if (_unpacked > BasemapLimits.UnpackedBytes)
            {
                throw new BasemapException("Basemap.TooLargeUnpacked", BasemapLimits.UnpackedBytes / (1024 * 1024));
            }
            Tiles.Add(new BasemapTile { Zoom = zoom, X = x, Y = y, Data = compression == Compression.Gzip ? data.ToArray() : Gzip(raw) });
        }

        private static byte[] Gzip(byte[] raw)
        {
            using var packed = new MemoryStream();
            using (var gzip = new GZipStream(packed, CompressionLevel.Optimal))
            {
                gzip.Write(raw);
            }
            return packed.ToArray();
        }
    }

    /// <summary>The packings of PMTiles' header; MBTiles' tiles are told apart by gzip's first bytes.</summary>
    private static class Compression
    {
        public const byte None = 1;
        public const byte Gzip = 2;
        public const byte Brotli = 3;
        public const byte Zstd = 4;
    }

    /// <summary>Unpacks at most <paramref name="most"/> bytes: beyond, the file is refused rather than followed.</summary>
    private static byte[] Unpack(ReadOnlySpan<byte> data, byte compression, int most)
    {
        if (compression == Compression.None)
        {
            return data.Length <= most ? data.ToArray() : throw new BasemapException("Basemap.TooLargeUnpacked", most / (1024 * 1024));
        }
        using Stream source = compression switch
        {
            Compression.Gzip => new GZipStream(new MemoryStream(data.ToArray()), CompressionMode.Decompress),
            Compression.Brotli => new BrotliStream(new MemoryStream(data.ToArray()), CompressionMode.Decompress),
            Compression.Zstd => throw new BasemapException("Basemap.Zstd"),
            _ => throw new BasemapException("Basemap.Unreadable"),
        };
        using var target = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            if (target.Length + read > most)
            {
                throw new BasemapException("Basemap.TooLargeUnpacked", most / (1024 * 1024));
            }
            target.Write(buffer, 0, read);
        }
        return target.ToArray();
    }

    /// <summary>
    /// PMTiles version 3: a fixed header, then directories of varint-coded entries (tile id, run length, length,
    /// offset), the tile id walking the zoom levels along a Hilbert curve.
    /// </summary>
    internal static class PmTiles
    {
        private const byte VectorTiles = 1;

        public static BasemapFile Read(byte[] file)
        {
            if (file.Length < 127)
            {
                throw new BasemapException("Basemap.Unreadable");
            }
            if (file[7] != 3)
            {
                throw new BasemapException("Basemap.PmTilesVersion");
            }
            long At(int offset) => checked((long)BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(offset, 8)));
            double Degrees(int offset) => BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(offset, 4)) / 1e7;
            var (internalCompression, tileCompression, tileType) = (file[97], file[98], file[99]);
            if (tileType != VectorTiles)
            {
                throw new BasemapException("Basemap.NotVector");
            }
            var basemap = new Basemap
            {
                FileName = "",
                West = Degrees(102), South = Degrees(106), East = Degrees(110), North = Degrees(114),
            };
            var metadata = Slice(file, At(24), At(32));
            if (metadata.Length > 0 && JsonDocument.Parse(Unpack(metadata, internalCompression, BasemapLimits.TileBytes)) is var json
                && json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("attribution", out var attribution)
                && attribution.ValueKind == JsonValueKind.String)
            {
                basemap.Attribution = attribution.GetString() ?? "";
            }
            var collector = new TileCollector();
            var (leaves, tileData) = (At(40), At(56));
            var (visited, directoryBytes) = (0, 0L);
            void Walk(ReadOnlySpan<byte> directory, int depth)
            {
                // A directory may point to leaves, never deeper than a few levels: a loop in a forged file ends here.
                if (depth > 4 || ++visited > 10_000)
                {
                    throw new BasemapException("Basemap.Unreadable");
                }
                var unpacked = Unpack(directory, internalCompression, BasemapLimits.TileBytes * 8);
                // All directories together unpack within the same budget as one: the tiles they list are bounded anyway.
                if ((directoryBytes += unpacked.Length) > BasemapLimits.TileBytes * 8)
                {
                    throw new BasemapException("Basemap.TooLargeUnpacked", BasemapLimits.TileBytes * 8 / (1024 * 1024));
                }
                foreach (var entry in Entries(unpacked))
                {
                    if (entry.RunLength == 0)
                    {
                        Walk(Slice(file, checked(leaves + entry.Offset), entry.Length), depth + 1);
                        continue;
                    }
                    var data = Slice(file, checked(tileData + entry.Offset), entry.Length);
                    for (var id = entry.TileId; id < entry.TileId + entry.RunLength; id++)
                    {
                        var (zoom, x, y) = Position(id);
                        collector.Add(zoom, x, y, data, tileCompression);
                    }
                }
            }
            Walk(Slice(file, At(8), At(16)), 0);
            return new BasemapFile(basemap, collector.Tiles);
        }

        /// <summary>The zoom, column and row a tile id stands for: the tiles of lower zooms first, then the Hilbert curve's order.</summary>
        public static (int Zoom, int X, int Y) Position(long id)
        {
            var (zoom, before) = (0, 0L);
            while (zoom < 27 && before + (1L << (2 * zoom)) <= id)
            {
                before += 1L << (2 * zoom);
                zoom++;
            }
            var (x, y, rest) = (0L, 0L, id - before);
            for (var side = 1L; side < 1L << zoom; side *= 2)
            {
                var right = 1 & (rest / 2);
                var up = 1 & (rest ^ right);
                if (up == 0)
                {
                    if (right == 1)
                    {
                        (x, y) = (side - 1 - x, side - 1 - y);
                    }
                    (x, y) = (y, x);
                }
                x += side * right;
                y += side * up;
                rest /= 4;
            }
            return (zoom, checked((int)x), checked((int)y));
        }

        private readonly record struct Entry(long TileId, long RunLength, int Length, long Offset);

        private static List<Entry> Entries(byte[] directory)
        {
            var position = 0;
            long Next()
            {
                var (value, shift) = (0L, 0);
                while (true)
                {
                    if (position >= directory.Length || shift > 63)
                    {
                        throw new BasemapException("Basemap.Unreadable");
                    }
                    var b = directory[position++];
                    value |= (long)(b & 0x7f) << shift;
                    if (b < 0x80)
                    {
                        return value;
                    }
                    shift += 7;
                }
            }
            var count = Next();
            // Each entry takes a byte at least in each of its four lists.
            if (count < 0 || count > directory.Length / 4)
            {
                throw new BasemapException("Basemap.Unreadable");
            }
            var (ids, runs, lengths, offsets) = (new long[count], new long[count], new int[count], new long[count]);
            var last = 0L;
            for (var i = 0; i < count; i++)
            {
                ids[i] = last = checked(last + Next());
            }
            for (var i = 0; i < count; i++)
            {
                runs[i] = Next();
            }
            for (var i = 0; i < count; i++)
            {
                lengths[i] = checked((int)Next());
            }
            for (var i = 0; i < count; i++)
            {
                // Zero says "right after the previous one", as a clustered archive writes its tiles.
                var value = Next();
                offsets[i] = value == 0 && i > 0 ? offsets[i - 1] + lengths[i - 1] : value - 1;
            }
            return [.. Enumerable.Range(0, (int)count).Select(i => new Entry(ids[i], runs[i], lengths[i], offsets[i]))];
        }

        private static ReadOnlySpan<byte> Slice(byte[] file, long offset, long length) =>
            offset < 0 || length < 0 || offset + length > file.Length ? throw new BasemapException("Basemap.Unreadable") : file.AsSpan((int)offset, (int)length);
    }

    /// <summary>MBTiles: an SQLite database with its tiles in rows counted from the south (TMS) and its metadata as names and values.</summary>
    private static class MbTiles
    {
        public static BasemapFile Read(byte[] file)
        {
            // SQLite reads a database from a file: the upload is written to one of its own, removed right after.
            var path = Path.Combine(Path.GetTempPath(), $"parvis-basemap-{Guid.NewGuid():N}.mbtiles");
            File.WriteAllBytes(path, file);
            try
            {
                using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
                connection.Open();
                // The file's own SQL runs (tiles may be a view): no value larger than a tile, and no query longer than a minute.
                SQLitePCL.raw.sqlite3_limit(connection.Handle, SQLitePCL.raw.SQLITE_LIMIT_LENGTH, BasemapLimits.TileBytes + 1024);
                var deadline = DateTime.UtcNow.AddMinutes(1);
                SQLitePCL.raw.sqlite3_progress_handler(connection.Handle, 100_000, _ => DateTime.UtcNow > deadline ? 1 : 0, null);
                var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                using (var command = connection.CreateCommand())
                {
                    command.CommandText = "SELECT name, value FROM metadata LIMIT 200";
                    using var reader = command.ExecuteReader();
                    while (reader.Read())
                    {
                        metadata[reader.GetString(0)] = reader.IsDBNull(1) ? "" : reader.GetString(1);
                    }
                }
                if (metadata.TryGetValue("format", out var format) && format is not ("pbf" or "mvt"))
                {
                    throw new BasemapException("Basemap.NotVector");
                }
                var collector = new TileCollector();
                using (var command = connection.CreateCommand())
                {
                    command.CommandText = "SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles";
                    using var reader = command.ExecuteReader();
                    while (reader.Read())
                    {
                        var (zoom, x, row) = (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
                        var data = reader.GetValue(3) as byte[] ?? throw new BasemapException("Basemap.Unreadable");
                        collector.Add(zoom, x, (1 << Math.Clamp(zoom, 0, 22)) - 1 - row, data, data is [0x1f, 0x8b, ..] ? Compression.Gzip : Compression.None);
                    }
                }
                var bounds = metadata.GetValueOrDefault("bounds", "").Split(',').Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN).ToArray();
                var basemap = new Basemap { FileName = "", Attribution = metadata.GetValueOrDefault("attribution", "") };
                if (bounds is [var west, var south, var east, var north])
                {
                    (basemap.West, basemap.South, basemap.East, basemap.North) = (west, south, east, north);
                }
                return new BasemapFile(basemap, collector.Tiles);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}

/// <summary>Why a background file is refused: a text key and its figures.</summary>
public sealed class BasemapException(string key, params object[] arguments) : Exception(key)
{
    public object[] Arguments { get; } = arguments;
}

/// <summary>The web's tile grid (spherical Mercator): which tile holds a point at a zoom, and where a tile's corner lies.</summary>
public static class TileGrid
{
    private const double MostLatitude = 85.0511;

    public static (int X, int Y) Tile(int zoom, double longitude, double latitude)
    {
        var n = 1 << zoom;
        var lat = Math.Clamp(latitude, -MostLatitude, MostLatitude) * Math.PI / 180;
        var x = (int)Math.Floor((longitude + 180) / 360 * n);
        var y = (int)Math.Floor((1 - Math.Log(Math.Tan(lat) + 1 / Math.Cos(lat)) / Math.PI) / 2 * n);
        return (Math.Clamp(x, 0, n - 1), Math.Clamp(y, 0, n - 1));
    }

    /// <summary>The north-west corner of a tile, in longitude and latitude.</summary>
    public static (double Longitude, double Latitude) Corner(int zoom, int x, int y)
    {
        var n = (double)(1 << zoom);
        return (x / n * 360 - 180, Math.Atan(Math.Sinh(Math.PI * (1 - 2 * y / n))) * 180 / Math.PI);
    }
}
