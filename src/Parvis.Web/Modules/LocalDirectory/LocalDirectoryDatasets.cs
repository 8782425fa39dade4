using Parvis.Web.Kernel.OpenData;

namespace Parvis.Web.Modules.LocalDirectory;

/// <summary>
/// The module's open data: the listed entries, with their places (GeoJSON for those placed), what they offer for
/// access, their contact and the themes they work on; and the closed ones, so a reuser can drop them.
/// </summary>
public static class LocalDirectoryDatasets
{
    public static IReadOnlyList<Dataset> All { get; } =
    [
        Dataset.Of(LocalDirectoryModule.Key, LocalDirectoryModule.Key, (db, scope) =>
        {
            var processes = scope.Using(LocalDirectoryModule.Key);
            var themes = db.EntryThemes;
            return db.DirectoryEntries.Where(e => processes.Contains(e.ProcessId) && (e.State == EntryState.Published || e.State == EntryState.Closed))
                .Select(e => new EntryRow
                {
                    Id = e.Id, ProcessId = e.ProcessId, Name = e.Name, Kind = e.Kind, State = e.State, Description = e.Description, Address = e.Address,
                    Commune = e.Commune, OpeningHours = e.OpeningHours, StepFree = (e.Access & Access.StepFree) != 0,
                    AccessibleToilets = (e.Access & Access.AccessibleToilets) != 0, HearingLoop = (e.Access & Access.HearingLoop) != 0,
                    AccessibleParking = (e.Access & Access.AccessibleParking) != 0, QuietSpace = (e.Access & Access.QuietSpace) != 0,
                    AccessNotes = e.AccessNotes, Phone = e.Phone, Website = e.Website, Links = e.Links, Language = e.Language,
                    Themes = themes.Count(t => t.EntryId == e.Id), Version = e.Version, UpdatedAt = e.UpdatedAt, CheckedAt = e.CheckedAt,
                    Latitude = e.Latitude, Longitude = e.Longitude,
                });
        }),
        Dataset.Of($"{LocalDirectoryModule.Key}-themes", LocalDirectoryModule.Key, (db, scope) =>
        {
            var processes = scope.Using(LocalDirectoryModule.Key);
            return from t in db.EntryThemes
            join e in db.DirectoryEntries on t.EntryId equals e.Id
            where processes.Contains(e.ProcessId) && e.State == EntryState.Published
            select new EntryThemeRow { Id = t.Id, EntryId = t.EntryId, ThemeId = t.ThemeId, ProcessId = e.ProcessId };
        }),
    ];
}

public sealed class EntryRow : DatasetRow
{
    public Guid ProcessId { get; init; }
    public required string Name { get; init; }
    public EntryKind Kind { get; init; }
    public EntryState State { get; init; }
    public required string Description { get; init; }
    public required string Address { get; init; }
    public required string Commune { get; init; }
    public required string OpeningHours { get; init; }
    public bool StepFree { get; init; }
    public bool AccessibleToilets { get; init; }
    public bool HearingLoop { get; init; }
    public bool AccessibleParking { get; init; }
    public bool QuietSpace { get; init; }
    public required string AccessNotes { get; init; }
    public required string Phone { get; init; }
    public required string Website { get; init; }

    /// <summary>Other links, one per line.</summary>
    public required string Links { get; init; }

    public required string Language { get; init; }

    /// <summary>How many themes it works on (directory-themes names them).</summary>
    public int Themes { get; init; }

    public int Version { get; init; }
    [Dated] public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? CheckedAt { get; init; }
    [Place(Coordinate.Latitude)] public double? Latitude { get; init; }
    [Place(Coordinate.Longitude)] public double? Longitude { get; init; }
}

/// <summary>A theme a listed entry works on: the entry's id, and the theme's.</summary>
public sealed class EntryThemeRow : DatasetRow
{
    public Guid EntryId { get; init; }

    public Guid ThemeId { get; init; }
    public Guid ProcessId { get; init; }
}
