using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;

namespace Parvis.Web.Kernel.Accountability;

public sealed record SynthesisItemRef(Guid Id, SynthesisItemKind Kind, string Title);

/// <summary>A contribution named in a list; Address is null (and Excerpt empty) once it was hidden or erased.</summary>
public sealed record ContributionRef(Guid Id, string Kind, string Excerpt, string? Address);

public sealed record FateLine(Fate Fate, string Text, DateTimeOffset DecidedAt, SynthesisItemRef? Item, ContributionRef? MergedInto);

/// <summary>What a contribution's page shows of its fate: the current one, the items it feeds, and the public history.</summary>
public sealed record FateView(Guid ContributionId, IReadOnlyList<FateLine> History, IReadOnlyList<SynthesisItemRef> Items)
{
    public FateLine? Current => History.Count > 0 ? History[0] : null;

    public static async Task<FateView> LoadAsync(ParvisDbContext db, Guid contributionId)
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
        var merged = (await db.Contributions.AsNoTracking().Where(c => mergedIds.Contains(c.Id)).ToListAsync())
            .ToDictionary(c => c.Id, Reference);
        var references = items.ToDictionary(i => i.Id, i => new SynthesisItemRef(i.Id, i.Kind, i.Title));
        return new FateView(
            contributionId,
            decisions.Select(d => new FateLine(d.Fate, d.Text, d.DecidedAt,
                d.SynthesisItemId is { } item ? references.GetValueOrDefault(item) : null,
                d.MergedIntoId is { } into ? merged.GetValueOrDefault(into) : null)).ToList(),
            items.Where(i => i.Linked).Select(i => references[i.Id]).ToList());
    }

    /// <summary>A hidden or erased contribution is named without its text.</summary>
    public static ContributionRef Reference(Contribution c) =>
        c.HiddenAt is null && c.ErasedAt is null ? new(c.Id, c.Kind, c.Excerpt, c.Address) : new(c.Id, c.Kind, "", null);
}
