using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Votes;

/// <summary>Participatory-budget projects are contributions: each awaits a fate (not feasible, funded, or another).</summary>
public sealed class VotesContributions(TimeProvider clock) : IContributionSource
{
    public IQueryable<Guid> AwaitingFate(ParvisDbContext db, Process process) =>
        db.BudgetProjects.Where(p => p.ProcessId == process.Id).Select(p => p.Id);

    /// <summary>Projects belong to an area of the budget (a district, a theme with its own money), not to a process theme.</summary>
    public IQueryable<Guid> InTheme(ParvisDbContext db, Guid themeId) => db.BudgetProjects.Where(_ => false).Select(p => p.Id);

    public async Task<IReadOnlyList<(string Key, int Count)>> FiguresAsync(ParvisDbContext db, Process process)
    {
        // Closed votes only: a running count would tell who voted when, as the open data's does not.
        var now = clock.GetUtcNow();
        var votes = db.Votes.Where(v => v.ProcessId == process.Id && v.ClosesAt <= now).Select(v => v.Id);
        return
        [
            ("Votes.Figure.Projects", await db.BudgetProjects.CountAsync(p => p.ProcessId == process.Id)),
            ("Votes.Figure.Ballots", await db.VoteRegister.CountAsync(r => votes.Contains(r.VoteId))),
        ];
    }
}
