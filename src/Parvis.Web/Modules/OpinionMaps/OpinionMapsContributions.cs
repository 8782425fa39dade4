using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.OpinionMaps;

/// <summary>Statements await a fate once published (not while they wait for a moderator).</summary>
public sealed class OpinionMapsContributions : IContributionSource
{
    public IQueryable<Guid> AwaitingFate(ParvisDbContext db, Process process) =>
        db.Statements.Where(s => s.ProcessId == process.Id && s.PublishedAt != null).Select(s => s.Id);

    /// <summary>Statements answer the map's question and have no theme.</summary>
    public IQueryable<Guid> InTheme(ParvisDbContext db, Guid themeId) => db.Statements.Where(s => false).Select(s => s.Id);

    public async Task<IReadOnlyList<(string Key, int Count)>> FiguresAsync(ParvisDbContext db, Process process)
    {
        // The maps of the components in use: the report's method is that of the tools in use.
        var inUse = process.ComponentsInUse.Where(c => c.Module == OpinionMapsModule.Key).Select(c => c.Id).ToList();
        var maps = db.OpinionMaps.Where(m => inUse.Contains(m.ComponentId)).Select(m => m.Id);
        var votes = db.OpinionVotes;
        return
        [
            ("CouncilReport.Figure.Votes", await votes.CountAsync(v => maps.Contains(v.OpinionMapId))),
            ("CouncilReport.Figure.Voters", await db.OpinionParticipants.CountAsync(p => maps.Contains(p.OpinionMapId) && votes.Any(v => v.ParticipantId == p.Id))),
        ];
    }
}
