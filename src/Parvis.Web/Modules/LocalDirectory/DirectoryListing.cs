using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Territory;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Kernel.Text;

namespace Parvis.Web.Modules.LocalDirectory;

/// <summary>An entry as the list, the map and the printed legend show it.</summary>
public sealed record ListedEntry(
    Guid Id, string Name, EntryKind Kind, string Description, string Address, string Commune, double? Latitude, double? Longitude,
    string OpeningHours, Access Access, string Phone, string Language, DateTimeOffset? CheckedAt, IReadOnlyList<Guid> Themes);

/// <summary>
/// What a visitor looks for in the directory, from the address (so a search is a link, and works without script):
/// words, a kind, a commune, a theme, and access without steps.
/// </summary>
public sealed record DirectoryQuery(string Words, EntryKind? Kind, string Commune, Guid? Theme, bool StepFree)
{
    public const int WordsMax = 100;

    public static DirectoryQuery From(IQueryCollection query) => new(
        Excerpts.Clip(query["q"].ToString().Trim(), WordsMax),
        Enum.TryParse<EntryKind>(query["kind"], out var kind) && Enum.IsDefined(kind) ? kind : null,
        query["commune"].ToString().Trim(),
        Guid.TryParse(query["theme"], out var theme) ? theme : null,
        query["access"] == "step-free");

    public bool Any => Words.Length > 0 || Kind is not null || Commune.Length > 0 || Theme is not null || StepFree;

    /// <summary>The query as it is in the address, for the links between the list, the map and the printed map.</summary>
    public string QueryString
    {
        get
        {
            var parts = new List<string>();
            void Add(string name, string? value)
            {
                if (!string.IsNullOrEmpty(value))
                {
                    parts.Add($"{name}={Uri.EscapeDataString(value)}");
                }
            }
            Add("q", Words);
            Add("kind", Kind?.ToString());
            Add("commune", Commune);
            Add("theme", Theme?.ToString());
            Add("access", StepFree ? "step-free" : null);
            return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
        }
    }

    /// <summary>
    /// The entries that answer: every word found in the name, the description, the address or the commune, without
    /// regard to case or accents ("Medial" finds "Médiathèque").
    /// </summary>
    public IReadOnlyList<ListedEntry> Apply(IReadOnlyList<ListedEntry> entries)
    {
        var compare = CultureInfo.InvariantCulture.CompareInfo;
        const CompareOptions loose = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace;
        var words = Words.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return [.. entries.Where(e =>
            (Kind is null || e.Kind == Kind)
            && (Commune.Length == 0 || compare.Compare(e.Commune, Commune, loose) == 0)
            && (Theme is null || e.Themes.Contains(Theme.Value))
            && (!StepFree || e.Access.HasFlag(Access.StepFree))
            && words.All(w => new[] { e.Name, e.Description, e.Address, e.Commune }.Any(field => compare.IndexOf(field, w, loose) >= 0)))];
    }
}

/// <summary>The listed entries of a process, read once until something changes, and drawn on a map.</summary>
public static class DirectoryListing
{
    /// <summary>The most entries one process lists: beyond, a directory wants splitting into processes or kinds.</summary>
    public const int MostListed = 5_000;

    public static Task<IReadOnlyList<ListedEntry>> ListedAsync(ParvisDbContext db, SharedData shared, Guid processId) =>
        shared.GetAsync<IReadOnlyList<ListedEntry>>($"directory:{processId}", async () =>
        {
            var entries = await db.DirectoryEntries.AsNoTracking().Where(e => e.ProcessId == processId && e.State == EntryState.Published)
                .OrderBy(e => e.Name).Take(MostListed).ToListAsync();
            var themes = await db.ThemesOf([.. entries.Select(e => e.Id)]);
            return [.. entries.OrderBy(e => e.Name, StringComparer.Create(CultureInfo.InvariantCulture, CompareOptions.IgnoreCase))
                .Select(e => new ListedEntry(e.Id, e.Name, e.Kind, e.Description, e.Address, e.Commune, e.Latitude, e.Longitude, e.OpeningHours, e.Access,
                    e.Phone, e.Language, e.CheckedAt, [.. themes[e.Id]]))];
        });

    /// <summary>
    /// The entries as points, numbered in the list's order: where they were placed, or else at their commune's name on
    /// the territory (marked as roughly placed); those with neither are left off the map, and named by the page.
    /// </summary>
    public static IReadOnlyList<(ListedEntry Entry, MapPoint? Point)> Points(IReadOnlyList<ListedEntry> entries, IReadOnlyDictionary<string, (double Latitude, double Longitude)> centres) =>
        [.. entries.Select((e, i) => (e, e switch
        {
            { Latitude: { } lat, Longitude: { } lon } => new MapPoint(i + 1, lat, lon, e.Name, e.Language, $"/directory/{e.Id}", false),
            _ when centres.TryGetValue(e.Commune, out var centre) => new MapPoint(i + 1, centre.Latitude, centre.Longitude, e.Name, e.Language, $"/directory/{e.Id}", true),
            _ => null,
        }))];
}
