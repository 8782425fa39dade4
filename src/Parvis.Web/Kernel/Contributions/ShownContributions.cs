using Parvis.Web.Kernel.Data;

namespace Parvis.Web.Kernel.Contributions;

/// <summary>
/// What anyone may read of contributions, whatever their module: neither hidden nor erased, nor withheld by their module
/// (a comment of a hidden proposal, an answer to a running survey), which each module answers since only it knows what holds what.
/// Every page that names contributions by themselves (their own address, a report, a list of fates) reads them here.
/// </summary>
public static class ShownContributions
{
    public static IQueryable<Contribution> Of(ParvisDbContext db, IEnumerable<IContributionSource> sources) =>
        Among(db.Contributions, Withheld(db, sources));

    /// <summary>Those of <paramref name="contributions"/> (a module's own kind) anyone may read.</summary>
    public static IQueryable<T> Among<T>(IQueryable<T> contributions, IEnumerable<IQueryable<Guid>> withinHidden) where T : Contribution
    {
        var shown = contributions.Where(c => c.HiddenAt == null && c.ErasedAt == null);
        foreach (var within in withinHidden)
        {
            shown = shown.Where(c => !within.Contains(c.Id));
        }
        return shown;
    }

    /// <summary>Every module's contributions no one may read by themselves yet.</summary>
    public static IReadOnlyList<IQueryable<Guid>> Withheld(ParvisDbContext db, IEnumerable<IContributionSource> sources) =>
        [.. sources.Select(s => s.Withheld(db)).OfType<IQueryable<Guid>>()];

    /// <summary>What news and follows no longer name: the contributions withheld, and the modules' own items moderation hid.</summary>
    public static IReadOnlyList<IQueryable<Guid>> Unshown(ParvisDbContext db, IEnumerable<IContributionSource> sources) =>
        [.. Withheld(db, sources), .. sources.Select(s => s.HiddenItems(db)).OfType<IQueryable<Guid>>()];
}
