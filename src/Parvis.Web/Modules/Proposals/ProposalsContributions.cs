using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Proposals;

/// <summary>Proposals await a fate unless withdrawn; comments only when the process asks for it. A comment is in its proposal's theme.</summary>
public sealed class ProposalsContributions : IContributionSource
{
    /// <summary>A hidden proposal's page shows none of its comments.</summary>
    public IQueryable<Guid> WithinHidden(ParvisDbContext db)
    {
        var proposals = db.Proposals;
        return db.Comments.Where(c => proposals.Any(p => p.Id == c.ProposalId && p.HiddenAt != null)).Select(c => c.Id);
    }

    public IQueryable<Guid> AwaitingFate(ParvisDbContext db, Process process)
    {
        var proposals = db.Proposals.Where(p => p.ProcessId == process.Id && p.WithdrawnAt == null).Select(p => p.Id);
        return process.Component(ProposalsModule.Key)?.IsOn(ProposalsModule.CommentsAwaitFate) == true
            ? proposals.Concat(db.Comments.Where(c => c.ProcessId == process.Id).Select(c => c.Id))
            : proposals;
    }

    public IQueryable<Guid> InTheme(ParvisDbContext db, Guid themeId)
    {
        var inTheme = db.Proposals.Where(p => p.ThemeId == themeId);
        return inTheme.Select(p => p.Id).Concat(db.Comments.Where(c => inTheme.Any(p => p.Id == c.ProposalId)).Select(c => c.Id));
    }

    /// <summary>
    /// A proposal merged into another gives it its supports, except those of people who support both (theirs stays
    /// where it was, so nobody counts twice); each remembers where it came from.
    /// </summary>
    public async Task CarryOverAsync(ParvisDbContext db, Contribution merged, Guid into)
    {
        if (merged is not Proposal from || await db.Proposals.FirstOrDefaultAsync(p => p.Id == into) is not { } target)
        {
            return;
        }
        var already = db.Supports.Where(s => s.ProposalId == into && s.PersonId != null).Select(s => s.PersonId);
        var carried = await db.Supports.Where(s => s.ProposalId == from.Id && (s.PersonId == null || !already.Contains(s.PersonId))).ToListAsync();
        foreach (var support in carried)
        {
            (support.ProposalId, support.CarriedFromId) = (into, from.Id);
        }
        from.SupportCount -= carried.Count;
        target.SupportCount += carried.Count;
    }

    public async Task CarryBackAsync(ParvisDbContext db, Contribution merged)
    {
        if (merged is not Proposal from)
        {
            return;
        }
        var carried = await db.Supports.Where(s => s.CarriedFromId == from.Id).ToListAsync();
        var targets = carried.Select(s => s.ProposalId).Distinct().ToList();
        foreach (var target in await db.Proposals.Where(p => targets.Contains(p.Id)).ToListAsync())
        {
            target.SupportCount -= carried.Count(s => s.ProposalId == target.Id);
        }
        foreach (var support in carried)
        {
            (support.ProposalId, support.CarriedFromId) = (from.Id, null);
        }
        from.SupportCount += carried.Count;
    }

    public async Task<IReadOnlyList<(string Key, int Count)>> FiguresAsync(ParvisDbContext db, Process process)
    {
        var proposals = db.Proposals.Where(p => p.ProcessId == process.Id);
        var supports = db.Supports.Where(s => proposals.Any(p => p.Id == s.ProposalId));
        return
        [
            ("CouncilReport.Figure.Supports", await supports.CountAsync()),
            ("CouncilReport.Figure.Supporters", await supports.Where(s => s.PersonId != null).Select(s => s.PersonId).Distinct().CountAsync()),
        ];
    }
}
