using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;

namespace Parvis.Web.Kernel.Accountability;

public sealed record SynthesisItemRef(Guid Id, SynthesisItemKind Kind, string Title);

/// <summary>A contribution named in a list; Address is null (and Excerpt empty) once it was hidden or erased.</summary>
public sealed record ContributionRef(Guid Id, string Kind, string Excerpt, string? Address, string? Language);

public sealed record FateLine(Fate Fate, string Text, DateTimeOffset DecidedAt, SynthesisItemRef? Item, ContributionRef? MergedInto);

/// <summary>What a contribution's page shows of its fate: the current one, the items it feeds, and the public history.</summary>
public sealed record FateView(Guid ContributionId, IReadOnlyList<FateLine> History, IReadOnlyList<SynthesisItemRef> Items)
{
    public FateLine? Current => History.Count > 0 ? History[0] : null;

    /// <remarks>Merged-into contributions not in <c>shown</c> (<see cref="ShownContributions"/>) are named without their text.</remarks>
    public static async Task<FateView> LoadAsync(ParvisDbContext db, IQueryable<Contribution> shown, Guid contributionId)
    {
        var decisions = await db.FateDecisions.AsNoTracking().Where(d => d.ContributionId == contributionId)
            .OrderByDescending(d => d.DecidedAt).ToListAsync();
        var itemIds = decisions.Where(d => d.SynthesisItemId is not null).Select(d => d.SynthesisItemId!.Value).ToList();
        var items = await db.SynthesisItems.AsNoTracking()
            .Where(i => itemIds.Contains(i.Id) || db.SynthesisLinks.Any(l => l.SynthesisItemId == i.Id && l.ContributionId == contributionId))
            .OrderBy(i => i.Kind).ThenBy(i => i.Position)
            .Select(i => new { i.Id, i.Kind, i.Title, Linked = db.SynthesisLinks.Any(l => l.SynthesisItemId == i.Id && l.ContributionId == contributionId) })
            .ToListAsync();
        var mergedIds = decisions.Where(d => d.MergedIntoId is not null).Select(d => d.MergedIntoId!.Value).ToList();
        // Reading contributions of any kind joins every module's table: only when a fate names one.
        var merged = mergedIds.Count == 0 ? [] : (await ReferencesAsync(db.Contributions.Where(c => mergedIds.Contains(c.Id)), shown)).ToDictionary(c => c.Id);
        var references = items.ToDictionary(i => i.Id, i => new SynthesisItemRef(i.Id, i.Kind, i.Title));
        return new FateView(
            contributionId,
            decisions.Select(d => new FateLine(d.Fate, d.Text, d.DecidedAt,
                d.SynthesisItemId is { } item ? references.GetValueOrDefault(item) : null,
                d.MergedIntoId is { } into ? merged.GetValueOrDefault(into) : null)).ToList(),
            items.Where(i => i.Linked).Select(i => references[i.Id]).ToList());
    }

    /// <summary>The contributions named, in their order; one that is not <paramref name="shown"/> without its text.</summary>
    public static async Task<List<ContributionRef>> ReferencesAsync(IQueryable<Contribution> named, IQueryable<Contribution> shown) =>
        (await named.AsNoTracking().Select(c => new { Contribution = c, Shown = shown.Any(s => s.Id == c.Id) }).ToListAsync())
            .Select(r => r.Shown
                ? new ContributionRef(r.Contribution.Id, r.Contribution.Kind, r.Contribution.Excerpt, r.Contribution.Address, r.Contribution.Language)
                : new ContributionRef(r.Contribution.Id, r.Contribution.Kind, "", null, null))
            .ToList();
}
