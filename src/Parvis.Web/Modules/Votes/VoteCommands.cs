using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Parvis.Voting;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Text;

namespace Parvis.Web.Modules.Votes;

public sealed record VoteDraft(
    string Question, string Description, VotePurpose Purpose, VoteMethod Method, int Seats, IReadOnlyList<string> Options,
    DateTimeOffset OpensAt, DateTimeOffset ClosesAt, bool Secret, bool ResultsBeforeClose);

/// <param name="Vote">The vote.</param>
/// <param name="Options">Its options, by position.</param>
/// <param name="Turnout">Voters by channel, from the register.</param>
/// <param name="Ballots">Ballots in the ballot box.</param>
/// <param name="Blank">Ballots that say nothing.</param>
/// <param name="Outcome">The count.</param>
public sealed record VoteResults(Vote Vote, IReadOnlyList<VoteOption> Options, IReadOnlyDictionary<VoteChannel, int> Turnout, long Ballots, long Blank, Outcome Outcome);

/// <summary>Everything that changes votes, and their count. Each command checks the permission itself.</summary>
public sealed class VoteCommands(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, AuditLog audit, TimeProvider clock, ProcessAccess processes)
{
    public async Task<CommandResult> CreateAsync(Guid processId, Guid componentId, VoteDraft draft)
    {
        var process = await processes.FindAsync(processId, VotesModule.Key, componentId);
        if (process is null)
        {
            return CommandResult.Missing();
        }
        if (await authorizer.DecideAsync(VotesPermissions.Manage, process, componentId) is var decision and not Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        var options = draft.Options.Select(o => o.Trim()).Where(o => o.Length > 0).ToList();
        if (options.Count < 2 || options.Count > Vote.OptionsMax)
        {
            return CommandResult.Refused("Votes.OptionCount");
        }
        if (options.Any(o => o.Length > VoteOption.TitleMax))
        {
            return CommandResult.Refused("Votes.OptionLength");
        }
        if (options.Distinct(StringComparer.CurrentCultureIgnoreCase).Count() != options.Count)
        {
            return CommandResult.Refused("Votes.OptionTwice");
        }
        if (draft.ClosesAt <= draft.OpensAt)
        {
            return CommandResult.Refused("Votes.ClosesBeforeOpening");
        }
        var seats = draft.Method == VoteMethod.Stv ? draft.Seats : 1;
        if (seats < 1 || seats >= options.Count)
        {
            return CommandResult.Refused("Votes.SeatCount");
        }
        var vote = new Vote
        {
            OrganisationId = organisation.Id,
            ProcessId = process.Id,
            ComponentId = componentId,
            Question = draft.Question.Trim(),
            Description = draft.Description.Trim(),
            Purpose = draft.Purpose,
            Method = draft.Method,
            Seats = seats,
            OpensAt = draft.OpensAt,
            ClosesAt = draft.ClosesAt,
            Secret = draft.Secret,
            ResultsBeforeClose = draft.ResultsBeforeClose,
            // Drawn now and shown on the vote's page before anyone votes: nobody can choose it after seeing the ballots.
            TieBreak = string.Join(',', Voting.TieBreak.Drawn(options.Count).Order),
        };
        db.Votes.Add(vote);
        db.VoteOptions.AddRange(options.Select((title, position) => new VoteOption { VoteId = vote.Id, Position = position, Title = title }));
        audit.Record("vote.create", $"vote:{vote.Id}", vote.Question);
        await db.SaveChangesAsync();
        return CommandResult.Done(vote.Id);
    }

    /// <summary>
    /// Puts a ballot in the box and the voter on the register, both or neither: the register's unique index refuses a
    /// second ballot from the same person, whatever the channel, even when both arrive at the same instant.
    /// </summary>
    public async Task<CommandResult> CastAsync(Guid voteId, IReadOnlyList<int?> values)
    {
        var (vote, process) = await VoteAsync(voteId);
        if (vote is null || process is null)
        {
            return CommandResult.Missing();
        }
        if (await authorizer.DecideAsync(VotesPermissions.Cast, process, vote.ComponentId) is var decision and not Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        if (!vote.IsOpen(clock.GetUtcNow()))
        {
            return CommandResult.Refused("Votes.Closed");
        }
        var optionCount = await db.VoteOptions.CountAsync(o => o.VoteId == vote.Id);
        if (values.Count != optionCount || BallotContent.Problems(vote, values).Count > 0)
        {
            return CommandResult.Refused("Votes.Problem.Unknown");
        }
        var content = BallotContent.Encode(values);
        db.VoteRegister.Add(new VoteRegistration
        {
            VoteId = vote.Id,
            PersonId = authorizer.PersonId,
            Channel = VoteChannel.Online,
            Day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
            NamedBallot = vote.Secret ? null : content,
        });
        db.Ballots.Add(new CastBallot { VoteId = vote.Id, Content = content });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return CommandResult.Refused("Votes.AlreadyVoted");
        }
        return CommandResult.Done(vote.Id);
    }

    /// <summary>The count, for anyone once the vote closed (or before, if the vote says so); staff see it any time.</summary>
    public async Task<VoteResults?> ResultsAsync(Guid voteId)
    {
        var (vote, process) = await VoteAsync(voteId);
        if (vote is null || process is null)
        {
            return null;
        }
        if (!vote.ResultsShown(clock.GetUtcNow()) && !await authorizer.CanAsync(VotesPermissions.Manage, process, vote.ComponentId))
        {
            return null;
        }
        var options = await db.VoteOptions.AsNoTracking().Where(o => o.VoteId == vote.Id).OrderBy(o => o.Position).ToListAsync();
        var contents = await db.Ballots.AsNoTracking().Where(b => b.VoteId == vote.Id)
            .GroupBy(b => b.Content).Select(g => new { Content = g.Key, Count = g.LongCount() }).ToListAsync();
        var turnout = await db.VoteRegister.AsNoTracking().Where(r => r.VoteId == vote.Id)
            .GroupBy(r => r.Channel).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var ballots = contents.Select(c => (c.Content, c.Count)).ToList();
        var tieBreak = new TieBreak(vote.TieBreakOrder);
        var blank = ballots.Where(b => BallotContent.Decode(b.Content).All(v => v is null)).Sum(b => b.Count);
        Outcome outcome = vote.Method switch
        {
            VoteMethod.MajorityJudgment => MajorityJudgment.Count(BallotContent.Graded(vote, options.Count, ballots), tieBreak),
            VoteMethod.Score => ScoreVoting.Count(BallotContent.Graded(vote, options.Count, ballots), tieBreak),
            VoteMethod.SingleChoice => Plurality.Count(BallotContent.Ranked(vote, options.Count, ballots), tieBreak),
            VoteMethod.Approval => Approval.Count(ApprovalBallots.From(BallotContent.Ranked(vote, options.Count, ballots)), tieBreak),
            VoteMethod.Borda => Borda.Count(BallotContent.Ranked(vote, options.Count, ballots), tieBreak),
            VoteMethod.InstantRunoff => InstantRunoff.Count(BallotContent.Ranked(vote, options.Count, ballots), tieBreak),
            VoteMethod.Schulze => Schulze.Count(BallotContent.Ranked(vote, options.Count, ballots), tieBreak),
            _ => SingleTransferableVote.Count(BallotContent.Ranked(vote, options.Count, ballots), vote.Seats, tieBreak),
        };
        return new VoteResults(vote, options, turnout, ballots.Sum(b => b.Count), blank, outcome);
    }

    /// <summary>
    /// The ballot box for anyone to count again, once the results are public: PrefLib for the methods that rank or
    /// choose, CSV (one line per ballot, one column per option) for all. Identical ballots are grouped or sorted, so the
    /// order they arrived in is not told.
    /// </summary>
    public async Task<(byte[] Bytes, string FileName)?> BallotsAsync(Guid voteId, bool prefLib)
    {
        if (await ResultsAsync(voteId) is not { } results || (prefLib && results.Vote.Graded))
        {
            return null;
        }
        var contents = await db.Ballots.AsNoTracking().Where(b => b.VoteId == voteId).Select(b => b.Content).ToListAsync();
        var name = $"vote-{voteId:N}";
        if (!prefLib)
        {
            IReadOnlyList<string>[] header = [[.. results.Options.Select(o => o.Title)]];
            var rows = contents.Order(StringComparer.Ordinal).Select(c => (IReadOnlyList<string>)c.Split(','));
            return (Spreadsheets.WriteCsv(header.Concat(rows)), name + ".csv");
        }
        var ballots = BallotContent.Ranked(results.Vote, results.Options.Count, contents.GroupBy(c => c, StringComparer.Ordinal).Select(g => (g.Key, (long)g.Count())));
        var text = new StringWriter(CultureInfo.InvariantCulture);
        var type = PrefLib.Write(text, results.Vote.Question, [.. results.Options.Select(o => o.Title)], ballots, name);
        return (Encoding.UTF8.GetBytes(text.ToString()), $"{name}.{type}");
    }

    private async Task<(Vote?, Process?)> VoteAsync(Guid voteId)
    {
        var vote = await db.Votes.AsNoTracking().FirstOrDefaultAsync(v => v.Id == voteId && v.OrganisationId == organisation.Id);
        return (vote, vote is null ? null : await processes.FindAsync(vote.ProcessId, VotesModule.Key, vote.ComponentId));
    }
}
