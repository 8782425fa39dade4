using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Votes.Pages;

/// <summary>What a vote's public pages share: the vote, its options and process (both kept, as every ballot reads them), the clock.</summary>
public abstract class VotePage(ParvisDbContext db, VoteCommands commands, ProcessAccess processes, TimeProvider clock) : ParvisPageModel, IProcessPage
{
    public Vote Vote { get; private set; } = default!;
    public Process Process { get; private set; } = default!;
    public IReadOnlyList<VoteOption> Options { get; private set; } = [];

    public Guid? ComponentId => Vote?.ComponentId;

    public DateTimeOffset Now => clock.GetUtcNow();

    protected ParvisDbContext Db => db;

    protected VoteCommands Commands => commands;

    protected async Task<bool> LoadAsync(Guid id)
    {
        if (await commands.FindAsync(id) is not var (vote, options)
            || await processes.FindAsync(vote.ProcessId, VotesModule.Key, vote.ComponentId) is not { } process)
        {
            return false;
        }
        (Vote, Options, Process) = (vote, options, process);
        return true;
    }
}
