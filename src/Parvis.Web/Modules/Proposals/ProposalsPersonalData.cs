using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Privacy;

namespace Parvis.Web.Modules.Proposals;

/// <summary>The proposals module's share of a person's data. Proposals and comments are exported and erased by the kernel as contributions.</summary>
public sealed class ProposalsPersonalData(ParvisDbContext db) : IPersonalDataSource
{
    public string Name => ProposalsModule.Key;

    public async Task<object> ExportAsync(Guid personId, CancellationToken cancellationToken)
    {
        var supports = await db.Supports.AsNoTracking().Where(s => s.PersonId == personId)
            .Select(s => new { s.Id, s.ProposalId, s.CreatedAt })
            .ToListAsync(cancellationToken);
        return new { supports };
    }

    /// <summary>Supports are anonymous counts once the person leaves; removing them lowers the counters too.</summary>
    public async Task EraseAsync(Guid personId, ErasureChoice choice, CancellationToken cancellationToken)
    {
        if (choice == ErasureChoice.Remove)
        {
            var supported = await db.Supports.Where(s => s.PersonId == personId).Select(s => s.ProposalId).ToListAsync(cancellationToken);
            await db.Proposals.Where(p => supported.Contains(p.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.SupportCount, p => p.SupportCount - 1), cancellationToken);
            await db.Supports.Where(s => s.PersonId == personId).ExecuteDeleteAsync(cancellationToken);
        }
        else
        {
            await db.Supports.Where(s => s.PersonId == personId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.PersonId, (Guid?)null), cancellationToken);
        }
    }
}
