using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Proposals;

/// <summary>Proposals await a fate unless withdrawn; comments only when the process asks for it. A comment is in its proposal's theme.</summary>
public sealed class ProposalsContributions : IContributionSource
{
    /// <summary>A hidden proposal's page shows none of its comments.</summary>
    public IQueryable<Guid> Withheld(ParvisDbContext db)
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
    /// where it was, so nobody counts twice); each remembers where it came from. Counts move in the database, as every
    /// support does, so that a support given meanwhile is not lost.
    /// </summary>
    public async Task CarryOverAsync(ParvisDbContext db, Contribution merged, Guid into)
    {
        if (merged is not Proposal || !await db.Proposals.AnyAsync(p => p.Id == into))
        {
            return;
        }
        var already = db.Supports.Where(s => s.ProposalId == into && s.PersonId != null).Select(s => s.PersonId);
        var carried = await db.Supports.Where(s => s.ProposalId == merged.Id && (s.PersonId == null || !already.Contains(s.PersonId)))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ProposalId, into).SetProperty(x => x.CarriedFromId, merged.Id));
        await CountAsync(db, merged.Id, -carried);
        await CountAsync(db, into, carried);
    }

    /// <summary>
    /// Each support goes back where it was given, but for a person who supported the merged proposal again meanwhile:
    /// theirs is already there.
    /// </summary>
    public async Task CarryBackAsync(ParvisDbContext db, Contribution merged)
    {
        if (merged is not Proposal)
        {
            return;
        }
        var carried = db.Supports.Where(s => s.CarriedFromId == merged.Id);
        var again = db.Supports.Where(s => s.ProposalId == merged.Id && s.PersonId != null).Select(s => s.PersonId);
        var byTarget = await carried.GroupBy(s => s.ProposalId).Select(g => new { Target = g.Key, Count = g.Count() }).ToListAsync();
        await carried.Where(s => s.PersonId != null && again.Contains(s.PersonId)).ExecuteDeleteAsync();
        var back = await carried.ExecuteUpdateAsync(s => s.SetProperty(x => x.ProposalId, merged.Id).SetProperty(x => x.CarriedFromId, (Guid?)null));
        foreach (var target in byTarget)
        {
            await CountAsync(db, target.Target, -target.Count);
        }
        await CountAsync(db, merged.Id, back);
    }

    private static Task CountAsync(ParvisDbContext db, Guid proposal, int change) => change == 0
        ? Task.CompletedTask
        : db.Proposals.Where(p => p.Id == proposal).ExecuteUpdateAsync(s => s.SetProperty(p => p.SupportCount, p => p.SupportCount + change));

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
