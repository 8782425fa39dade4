using Parvis.Web.Kernel.Data;

namespace Parvis.Web.Kernel.Contributions;

/// <summary>
/// What anyone may read of contributions, whatever their module: neither hidden nor erased, nor read within one that
/// moderation hid (a comment of a hidden proposal), which each module answers since only it knows what holds what.
/// Every page that names contributions by themselves (their own address, a report, a list of fates) reads them here.
/// </summary>
public static class ShownContributions
{
    public static IQueryable<Contribution> Of(ParvisDbContext db, IEnumerable<IContributionSource> sources)
    {
        var shown = db.Contributions.Where(c => c.HiddenAt == null && c.ErasedAt == null);
        foreach (var within in sources.Select(s => s.WithinHidden(db)).OfType<IQueryable<Guid>>())
        {
            shown = shown.Where(c => !within.Contains(c.Id));
        }
        return shown;
    }
}
