using NetTopologySuite.Features;
using Envelope = NetTopologySuite.Geometries.Envelope;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Territory;

namespace Parvis.Tests.Unit;

/// <summary>Backgrounds read from PMTiles and MBTiles archives (or refused, saying why), and drawn as SVG under a map.</summary>
[Trait("Suite", "unit")]
public sealed class BasemapTests
{
    private static readonly DateTimeOffset _now = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

    /// <summary>The tile ids PMTiles' own implementations are tested with.</summary>
    [Theory]
    [InlineData(0L, 0, 0, 0)]
    [InlineData(1L, 1, 0, 0)]
    [InlineData(2L, 1, 0, 1)]
    [InlineData(3L, 1, 1, 1)]
    [InlineData(4L, 1, 1, 0)]
    [InlineData(5L, 2, 0, 0)]
    [InlineData(19_078_479L, 12, 3423, 1763)]
    [InlineData(366_563_052_717L, 20, 1234, 5678)]
    public void A_tile_id_stands_for_its_zoom_column_and_row(long id, int zoom, int x, int y)
    {
        Assert.Equal((zoom, x, y), BasemapFile.PmTiles.Position(id));
        Assert.Equal((ulong)id, CraftedBasemap.TileId(zoom, x, y));
    }

    [Fact]
    public void Pmtiles_and_mbtiles_archives_give_the_same_tiles_and_say_whom_the_data_is_owed_to()
    {
        var expected = CraftedBasemap.Tiles().Select(t => (t.Zoom, t.X, t.Y)).Order().ToList();
        foreach (var (bytes, name) in new[] { (CraftedBasemap.PmTiles(), "lorient.pmtiles"), (CraftedBasemap.MbTiles(), "lorient.mbtiles") })
        {
            var (file, error, _) = BasemapFile.Read(bytes, $"/tmp/../{name}", _now);
            Assert.Equal("", error);
            Assert.NotNull(file);
            Assert.Equal(name, file.Basemap.FileName);
            Assert.Equal("© OpenStreetMap contributors", file.Basemap.Attribution);
            Assert.Equal((9, 12), (file.Basemap.MinZoom, file.Basemap.MaxZoom));
            Assert.Equal([-3.45, 47.68, -3.25, 47.8], new[] { file.Basemap.West, file.Basemap.South, file.Basemap.East, file.Basemap.North }.Select(d => Math.Round(d, 5)));
            Assert.Equal(expected, file.Tiles.Select(t => (t.Zoom, t.X, t.Y)).Order().ToList());
            Assert.Equal(expected.Count, file.Basemap.TileCount);
            Assert.All(file.Tiles, t => Assert.Equal(file.Basemap.Id, t.BasemapId));
            // Kept gzipped whatever the archive's packing.
            Assert.All(file.Tiles, t => Assert.True(t.Data is [0x1f, 0x8b, ..], $"{name} {t.Zoom}/{t.X}/{t.Y}: {Convert.ToHexString(t.Data)}"));
        }
        var (raw, rawError, _) = BasemapFile.Read(CraftedBasemap.PmTiles(tileCompression: 1), "raw.pmtiles", _now);
        Assert.Equal("", rawError);
        Assert.All(raw!.Tiles, t => Assert.Equal([0x1f, 0x8b], t.Data[..2]));
    }

    [Fact]
    public void A_file_that_is_not_an_archive_of_vector_tiles_is_refused_saying_why()
    {
        string Error(byte[] bytes) => BasemapFile.Read(bytes, "f", _now).ErrorKey;
        Assert.Equal("Basemap.NotArchive", Error("{\"type\":\"FeatureCollection\"}"u8.ToArray()));
        Assert.Equal("Basemap.NotVector", Error(CraftedBasemap.PmTiles(tileType: 2)));
        Assert.Equal("Basemap.NotVector", Error(CraftedBasemap.MbTiles("png")));
        Assert.Equal("Basemap.Zstd", Error(CraftedBasemap.PmTiles(tileCompression: 4)));
        var old = CraftedBasemap.PmTiles();
        old[7] = 2;
        Assert.Equal("Basemap.PmTilesVersion", Error(old));
        var cut = CraftedBasemap.PmTiles();
        Assert.Equal("Basemap.Unreadable", Error(cut[..(cut.Length / 2)]));
        Assert.Equal("Basemap.Unreadable", Error(CraftedBasemap.MbTiles()[..4096]));
        Assert.Equal("Basemap.Empty", Error(CraftedBasemap.PmTiles(tiles: [])));
        // Tiles that are not vector tiles: refused at once, not on every map.
        Assert.Equal("Basemap.Unreadable", Error(CraftedBasemap.PmTiles(tiles: [(9, 251, 178, "\u0089PNG not a vector tile"u8.ToArray())])));
    }

    /// <summary>A forged tile that unpacks to gigabytes is stopped at the limit, not followed.</summary>
    [Fact]
    public void A_tile_that_would_unpack_beyond_the_limit_is_refused()
    {
        var (file, error, arguments) = BasemapFile.Read(CraftedBasemap.PmTiles(tiles: [(9, 251, 178, new byte[BasemapLimits.TileBytes + 1])]), "bomb.pmtiles", _now);
        Assert.Null(file);
        Assert.Equal("Basemap.TooLargeUnpacked", error);
        Assert.Equal([BasemapLimits.TileBytes / (1024 * 1024)], arguments.Cast<int>());
    }

    /// <summary>An MBTiles file whose tiles are a view asking SQLite for a value far larger than a tile: refused, not built.</summary>
    [Fact]
    public void An_mbtiles_view_cannot_make_sqlite_build_huge_values()
    {
        var path = Path.Combine(Path.GetTempPath(), $"parvis-test-{Guid.NewGuid():N}.mbtiles");
        try
        {
            using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = """
                    CREATE TABLE metadata (name TEXT, value TEXT);
                    INSERT INTO metadata VALUES ('format', 'pbf');
                    CREATE VIEW tiles AS SELECT 9 AS zoom_level, 251 AS tile_column, 333 AS tile_row, randomblob(500000000) AS tile_data;
                    """;
                command.ExecuteNonQuery();
            }
            Assert.Equal("Basemap.Unreadable", BasemapFile.Read(File.ReadAllBytes(path), "view.mbtiles", _now).ErrorKey);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A forged directory: a run of a trillion empty tiles, the same tile twice. Stopped, not followed.</summary>
    [Fact]
    public void A_forged_directory_is_refused_without_being_followed()
    {
        Assert.Equal("Basemap.TooManyTiles", BasemapFile.Read(CraftedBasemap.PmTiles(tileCompression: 1, tiles: [(9, 251, 178, [])], runLength: 1_000_000_000_000), "run.pmtiles", _now).ErrorKey);
        var tile = CraftedBasemap.Tiles()[0];
        Assert.Equal("Basemap.Unreadable", BasemapFile.Read(CraftedBasemap.PmTiles(tiles: [tile, tile]), "twice.pmtiles", _now).ErrorKey);
    }

    [Fact]
    public void The_zoom_is_the_most_detailed_at_which_a_frame_needs_at_most_sixteen_tiles()
    {
        // At zoom 12 the box spans columns 2008 to 2011 and rows 1427 to 1429 (12 tiles); at zoom 13, 6 × 5.
        var basemap = new Basemap { FileName = "f", MinZoom = 9, MaxZoom = 14 };
        Assert.Equal(12, Basemaps.Zoom(basemap, new Envelope(-3.45, -3.25, 47.68, 47.80)));
        Assert.Equal(14, Basemaps.Zoom(basemap, new Envelope(-3.37, -3.35, 47.74, 47.76)));
        Assert.Null(Basemaps.Zoom(basemap, new Envelope(-5, 8, 42, 51)));
    }

    [Fact]
    public void Water_green_spaces_roads_and_rivers_are_drawn_and_the_rest_left_out()
    {
        var attributes = (string key, string value) => new AttributesTable { { key, value } };
        Assert.Equal(BasemapDrawing.Kind.Water, BasemapDrawing.Classify("water", attributes("class", "ocean"), area: true));
        Assert.Equal(BasemapDrawing.Kind.River, BasemapDrawing.Classify("water", attributes("kind", "river"), area: false));
        Assert.Equal(BasemapDrawing.Kind.MajorRoad, BasemapDrawing.Classify("roads", attributes("kind", "highway"), area: false));
        Assert.Equal(BasemapDrawing.Kind.Road, BasemapDrawing.Classify("transportation", attributes("class", "tertiary"), area: false));
        Assert.Equal(BasemapDrawing.Kind.Green, BasemapDrawing.Classify("landuse", attributes("kind", "park"), area: true));
        Assert.Null(BasemapDrawing.Classify("landuse", attributes("kind", "industrial"), area: true));
        Assert.Null(BasemapDrawing.Classify("transportation", attributes("class", "path"), area: false));
        Assert.Null(BasemapDrawing.Classify("building", null, area: true));

        var (file, _, _) = BasemapFile.Read(CraftedBasemap.PmTiles(), "lorient.pmtiles", _now);
        var areas = new[] { new AreaShape("Lorient", [[-3.40, 47.70, -3.30, 47.70, -3.30, 47.78, -3.40, 47.78]], -3.35, 47.74, -3.40, 47.70, -3.30, 47.78) };
        var frame = MapFrame.Around(areas, [])!;
        var zoom = Basemaps.Zoom(file!.Basemap, frame.Box)!.Value;
        var svg = BasemapDrawing.Svg([.. file.Tiles.Where(t => t.Zoom == zoom)], frame);
        Assert.StartsWith("<g class=\"basemap\" aria-hidden=\"true\">", svg);
        // Painted in order: green, water, then roads over them.
        Assert.Equal(["green", "water", "road major"], System.Text.RegularExpressions.Regex.Matches(svg, "class=\"([a-z ]+)\" d=").Select(m => m.Groups[1].Value).ToList());
        // The sea's north-east corner (-3.34, 47.72) is where the frame puts it, within the tiles' grid.
        var sea = System.Text.RegularExpressions.Regex.Match(svg, "class=\"water\" d=\"([^\"]+)\"").Groups[1].Value;
        var numbers = System.Text.RegularExpressions.Regex.Matches(sea, @"-?[\d.]+").Select(m => double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.InRange(numbers.Where((_, i) => i % 2 == 0).Max(), frame.X(-3.34) - 1, frame.X(-3.34) + 1);
        Assert.InRange(numbers.Where((_, i) => i % 2 == 1).Min(), frame.Y(47.72) - 1, frame.Y(47.72) + 1);

        // A tile the reader cannot read is left out of the drawing, not the whole map.
        var broken = new BasemapTile { Zoom = zoom, X = 0, Y = 0, Data = CraftedBasemap.Gzip("not a vector tile"u8.ToArray()) };
        Assert.Equal(svg, BasemapDrawing.Svg([broken, .. file.Tiles.Where(t => t.Zoom == zoom)], frame));

        var map = TerritoryMap.Svg(frame, svg, areas, [], "Carte", "test");
        Assert.Contains("class=\"territory-map with-basemap\"", map);
        Assert.True(map.IndexOf("class=\"basemap\"", StringComparison.Ordinal) < map.IndexOf("class=\"areas\"", StringComparison.Ordinal), "the background is under the areas");
    }

    /// <summary>An archive written by tilemaker from an OpenStreetMap extract (Unit/Basemaps/Data/README.md says how).</summary>
    [Fact]
    public void An_archive_made_by_tilemaker_is_read_and_drawn()
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Unit", "Basemaps", "Data", "tilemaker-lorient.mbtiles"));
        var (file, error, _) = BasemapFile.Read(bytes, "tilemaker-lorient.mbtiles", _now);
        Assert.Equal("", error);
        // tilemaker writes no attribution: staff are asked to type it.
        Assert.Equal("", file!.Basemap.Attribution);
        // Its zooms 0 to 6 hold empty tiles only, not kept.
        Assert.Equal((7, 13), (file.Basemap.MinZoom, file.Basemap.MaxZoom));
        Assert.Equal([-3.45, 47.68, -3.25, 47.8], new[] { file.Basemap.West, file.Basemap.South, file.Basemap.East, file.Basemap.North });

        var frame = MapFrame.Around([], [new MapPoint(1, 47.755, -3.36, "Au jardin", "fr", "/directory/1", false), new MapPoint(2, 47.70, -3.40, "Au bord de l'eau", "fr", "/directory/2", false)])!;
        var zoom = Basemaps.Zoom(file.Basemap, frame.Box)!.Value;
        var svg = BasemapDrawing.Svg([.. file.Tiles.Where(t => t.Zoom == zoom)], frame);
        // The lake, the park and the primary road; the footway is left out.
        Assert.Equal(["green", "water", "road major"], System.Text.RegularExpressions.Regex.Matches(svg, "class=\"([a-z ]+)\" d=").Select(m => m.Groups[1].Value).ToList());
    }
}
