using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Privacy;

namespace Parvis.Web.Modules.Debates;

/// <summary>
/// The debates module's share of a person's data: the arguments they supported and the debates they opened. Their
/// arguments and replies are contributions, exported and erased by the kernel; the words of the debates they opened are
/// erased here when they ask.
/// </summary>
public sealed class DebatesPersonalData(ParvisDbContext db) : IPersonalDataSource
{
    public string Name => DebatesModule.Key;

    public async Task<object> ExportAsync(Guid personId, CancellationToken cancellationToken)
    {
        var supports = await db.ArgumentSupports.AsNoTracking().Where(s => s.PersonId == personId)
            .Join(db.Arguments, s => s.ArgumentId, a => a.Id, (s, a) => new { s.ArgumentId, a.Title, s.SupportedAt }).ToListAsync(cancellationToken);
        var opened = await db.Debates.AsNoTracking().Where(d => d.OpenedById == personId).Select(d => new { d.Id, d.Question, d.Context, d.PlainSummary, d.CreatedAt }).ToListAsync(cancellationToken);
        return new { supports, opened };
    }

    /// <summary>
    /// A support goes with the account, whichever the choice: it is the person's, not a text others answered. A debate
    /// they opened stays with its arguments; on removal its words go, with others' news and follows that named it.
    /// </summary>
    public async Task EraseAsync(Guid personId, ErasureChoice choice, CancellationToken cancellationToken)
    {
        // In one transaction (the kernel's erasure): each count goes down by the supports removed with it.
        var supports = db.ArgumentSupports;
        await db.Arguments.Where(a => supports.Any(s => s.ArgumentId == a.Id && s.PersonId == personId))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Supports, a => a.Supports - 1), cancellationToken);
        await db.ArgumentSupports.Where(s => s.PersonId == personId).ExecuteDeleteAsync(cancellationToken);
        var opened = db.Debates.Where(d => d.OpenedById == personId);
        if (choice == ErasureChoice.Remove)
        {
            var ids = await opened.Select(d => d.Id).ToListAsync(cancellationToken);
            await db.NotificationEvents.Where(e => ids.Contains(e.ItemId)).ExecuteDeleteAsync(cancellationToken);
            await db.Follows.Where(f => ids.Contains(f.SubjectId)).ExecuteDeleteAsync(cancellationToken);
            // Points sent to the experts at its close name it as their origin.
            var referred = db.ClosingPoints.Where(p => ids.Contains(p.DebateId) && p.ReferredId != null).Select(p => p.ReferredId!.Value);
            foreach (var question in await db.Contributions.Where(c => referred.Contains(c.Id)).ToListAsync(cancellationToken))
            {
                question.Origin = null;
            }
            await db.SaveChangesAsync(cancellationToken);
            await opened.ExecuteUpdateAsync(s => s.SetProperty(d => d.Question, "").SetProperty(d => d.Context, "").SetProperty(d => d.PlainSummary, ""), cancellationToken);
        }
        await opened.ExecuteUpdateAsync(s => s.SetProperty(d => d.OpenedById, (Guid?)null), cancellationToken);
    }
}
