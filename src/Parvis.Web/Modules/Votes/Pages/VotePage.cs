using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Votes.Pages;

/// <summary>What a vote's public pages share: the vote, its options and process, the clock.</summary>
public abstract class VotePage(ParvisDbContext db, CurrentOrganisation organisation, TimeProvider clock) : ParvisPageModel, IProcessPage
{
    public Vote Vote { get; private set; } = default!;
    public Process Process { get; private set; } = default!;
    public IReadOnlyList<VoteOption> Options { get; private set; } = [];

    public Guid? ComponentId => Vote?.ComponentId;

    public DateTimeOffset Now => clock.GetUtcNow();

    protected ParvisDbContext Db => db;

    protected async Task<bool> LoadAsync(Guid id)
    {
        var vote = await db.Votes.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id && v.OrganisationId == organisation.Id);
        var process = vote is null ? null : await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.Id == vote.ProcessId && p.Published);
        if (vote is null || process is null)
        {
            return false;
        }
        Vote = vote;
        Process = process;
        Options = await db.VoteOptions.AsNoTracking().Where(o => o.VoteId == id).OrderBy(o => o.Position).ToListAsync();
        return true;
    }
}
