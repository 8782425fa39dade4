using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Privacy;

namespace Parvis.Web.Modules.LocalDirectory;

/// <summary>
/// The directory's share of a person's data: the versions they proposed, and those they decided as staff. Entries are
/// about structures and places, not about their proposers: they stay. Removal takes the person's waiting proposals
/// with it; the versions staff took in stay, unsigned, as the entry's history.
/// </summary>
public sealed class LocalDirectoryPersonalData(ParvisDbContext db) : IPersonalDataSource
{
    public string Name => LocalDirectoryModule.Key;

    public async Task<object> ExportAsync(Guid personId, CancellationToken cancellationToken)
    {
        var proposed = await db.DirectoryVersions.AsNoTracking().Where(v => v.AuthorId == personId).OrderBy(v => v.ProposedAt)
            .Select(v => new { v.Id, v.EntryId, v.Number, v.State, v.ProposedAt, v.Note, v.Content, v.Reason }).ToListAsync(cancellationToken);
        var decided = await db.DirectoryVersions.AsNoTracking().Where(v => v.DecidedById == personId).OrderBy(v => v.DecidedAt)
            .Select(v => new { v.Id, v.EntryId, v.Number, v.State, v.DecidedAt }).ToListAsync(cancellationToken);
        return new { proposed, decided };
    }

    public async Task EraseAsync(Guid personId, ErasureChoice choice, CancellationToken cancellationToken)
    {
        if (choice == ErasureChoice.Remove)
        {
            // An entry never listed is only its proposer's words: it goes with them, unless someone else proposed it too.
            var versions = db.DirectoryVersions;
            await db.DirectoryEntries.Where(e => (e.State == EntryState.Proposed || e.State == EntryState.Refused)
                    && versions.Any(v => v.EntryId == e.Id) && !versions.Any(v => v.EntryId == e.Id && (v.AuthorId == null || v.AuthorId != personId)))
                .ExecuteDeleteAsync(cancellationToken);
            await db.DirectoryVersions.Where(v => v.AuthorId == personId && v.State != VersionState.Accepted).ExecuteDeleteAsync(cancellationToken);
        }
        await db.DirectoryVersions.Where(v => v.AuthorId == personId).ExecuteUpdateAsync(s => s.SetProperty(v => v.AuthorId, (Guid?)null).SetProperty(v => v.Note, ""), cancellationToken);
        await db.DirectoryVersions.Where(v => v.DecidedById == personId).ExecuteUpdateAsync(s => s.SetProperty(v => v.DecidedById, (Guid?)null), cancellationToken);
    }
}
