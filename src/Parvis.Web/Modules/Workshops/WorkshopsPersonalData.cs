using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Privacy;

namespace Parvis.Web.Modules.Workshops;

/// <summary>
/// The workshops module's share of a person's data: the tables they facilitate, the offline packages they carried and
/// the bundles they brought back. A board's items name nobody; items a person added online are contributions.
/// </summary>
public sealed class WorkshopsPersonalData(ParvisDbContext db) : IPersonalDataSource
{
    public string Name => WorkshopsModule.Key;

    public async Task<object> ExportAsync(Guid personId, CancellationToken cancellationToken)
    {
        var facilitated = await db.WorkshopGroups.AsNoTracking().Where(g => g.FacilitatorId == personId)
            .Select(g => new { g.Id, g.WorkshopId, g.Name }).ToListAsync(cancellationToken);
        var packages = await db.OfflineLinks.AsNoTracking().Where(l => l.CreatedById == personId)
            .Select(l => new { l.Id, l.WorkshopId, l.ExportId, l.CreatedAt }).ToListAsync(cancellationToken);
        var imports = await db.OfflineImports.AsNoTracking().Where(i => i.ImportedById == personId)
            .Select(i => new { i.Id, i.WorkshopId, i.LinkId, i.Added, i.Updated, i.Conflicts, i.ImportedAt }).ToListAsync(cancellationToken);
        return new { facilitated, packages, imports };
    }

    /// <summary>
    /// Whatever the choice, the tables, packages and imports stay, as the workshop's record, without the person: a
    /// table without its facilitator (the key does it), a package and an import without who carried them.
    /// </summary>
    public async Task EraseAsync(Guid personId, ErasureChoice choice, CancellationToken cancellationToken)
    {
        await db.OfflineLinks.Where(l => l.CreatedById == personId)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.CreatedById, (Guid?)null), cancellationToken);
        await db.OfflineImports.Where(i => i.ImportedById == personId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ImportedById, (Guid?)null), cancellationToken);
    }
}
