using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Territory;

namespace Parvis.Web.Modules.LocalDirectory;

/// <summary>The directory's entries as the actors other pages can name: listed ones offered, closed ones still found.</summary>
public sealed class DirectoryActors : IActorDirectory
{
    /// <summary>What a choice list can hold; a directory larger than this is searched, not picked from.</summary>
    public const int MostChoices = 2_000;

    public async Task<IReadOnlyList<ActorChoice>> ChoicesAsync(ParvisDbContext db, Guid organisationId) =>
        [.. (await db.DirectoryEntries.AsNoTracking().Where(e => e.OrganisationId == organisationId && e.State == EntryState.Published)
            .OrderBy(e => e.Name).Take(MostChoices).ToListAsync()).Select(Choice)];

    public async Task<ActorChoice?> FindAsync(ParvisDbContext db, Guid organisationId, Guid actorId) =>
        await db.DirectoryEntries.AsNoTracking().Where(e => e.Id == actorId && e.OrganisationId == organisationId && (e.State == EntryState.Published || e.State == EntryState.Closed))
            .FirstOrDefaultAsync() is { } entry ? Choice(entry) : null;

    // The address is made here, not in the query: a provider writes ids in its own case.
    private static ActorChoice Choice(DirectoryEntry entry) => new(entry.Id, entry.Name, entry.Commune, $"/directory/{entry.Id}", entry.Language);
}
