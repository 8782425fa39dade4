using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Privacy;

namespace Parvis.Web.Modules.OpinionMaps;

/// <summary>The module's share of a person's data: the number they vote under, and their votes. Statements are exported and erased by the kernel as contributions.</summary>
public sealed class OpinionMapsPersonalData(Kernel.Data.ParvisDbContext db, OpinionMapRecomputer recomputer) : IPersonalDataSource
{
    private Guid[] _touchedMaps = [];

    public string Name => OpinionMapsModule.Key;

    public async Task<object> ExportAsync(Guid personId, CancellationToken cancellationToken)
    {
        var participations = await db.OpinionParticipants.AsNoTracking().Where(p => p.PersonId == personId)
            .Select(p => new { p.Id, p.OpinionMapId, p.Number })
            .ToListAsync(cancellationToken);
        var votes = await db.OpinionVotes.AsNoTracking()
            .Join(db.OpinionParticipants.Where(p => p.PersonId == personId), v => v.ParticipantId, p => p.Id, (v, p) => v)
            .Select(v => new { v.Id, v.OpinionMapId, v.StatementId, v.Value, v.CastAt })
            .ToListAsync(cancellationToken);
        return new { participations, votes };
    }

    /// <summary>Anonymised: the votes stay, tied to a number nobody can link back. Removed: the votes go.</summary>
    public async Task EraseAsync(Guid personId, ErasureChoice choice, CancellationToken cancellationToken)
    {
        // Maps where the person voted or wrote: their results change once the erasure is committed.
        _touchedMaps = await db.OpinionParticipants.Where(p => p.PersonId == personId).Select(p => p.OpinionMapId)
            .Union(db.Statements.Where(s => s.AuthorId == personId).Select(s => s.OpinionMapId))
            .ToArrayAsync(cancellationToken);
        var participations = db.OpinionParticipants.Where(p => p.PersonId == personId).Select(p => p.Id);
        if (choice == ErasureChoice.Remove)
        {
            await db.OpinionVotes.Where(v => participations.Contains(v.ParticipantId)).ExecuteDeleteAsync(cancellationToken);
        }
        // The number stays taken, unlinked: a new voter never gets it, so open data published before never ties
        // the erased person's votes to somebody else.
        await db.OpinionParticipants.Where(p => p.PersonId == personId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.PersonId, (Guid?)null), cancellationToken);
    }

    public Task ErasedAsync(CancellationToken cancellationToken)
    {
        foreach (var map in _touchedMaps)
        {
            recomputer.Request(map);
        }
        return Task.CompletedTask;
    }
}
