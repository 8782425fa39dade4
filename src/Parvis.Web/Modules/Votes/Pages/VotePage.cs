using Microsoft.EntityFrameworkCore;
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
        BodyName = vote.BodyId is { } bodyId ? await db.VotingBodies.Where(b => b.Id == bodyId).Select(b => b.Name).FirstOrDefaultAsync() : null;
        return true;
    }

    /// <summary>A body's vote: the body whose members vote.</summary>
    public string? BodyName { get; private set; }

    /// <summary>Who may vote, in words.</summary>
    public string Electorate
    {
        get
        {
            var who = Vote.Electorate switch
            {
                Votes.Electorate.Residents => Text["Votes.Who.Residents", Vote.Territory].Value,
                Votes.Electorate.Body => Text["Votes.Who.Body", BodyName ?? ""].Value,
                _ => Text["Votes.Who.Participants"].Value,
            };
            return Vote.MinimumAge is { } age ? Text["Votes.Who.WithAge", who, age] : who;
        }
    }

    /// <summary>What each voter attests on their honour, in words: as the voter says it ("Votes.Attest") or the desk ("Votes.Desk.Attest").</summary>
    public string Attestation(string prefix) => (Vote.Electorate == Votes.Electorate.Residents, Vote.MinimumAge) switch
    {
        (true, { } age) => Text[$"{prefix}.ResidentAge", Vote.Territory, age],
        (true, null) => Text[$"{prefix}.Resident", Vote.Territory],
        (false, { } age) => Text[$"{prefix}.Age", age],
        _ => "",
    };
}
