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
using Parvis.Web.Kernel.Web;
using Parvis.Web.Kernel.Mediation;

namespace Parvis.Web.Modules.Votes;

/// <param name="Title">What the option says.</param>
/// <param name="Cost">A participatory budget's project: its cost.</param>
/// <param name="ProjectId">The submitted project it puts to the vote.</param>
public sealed record DraftOption(string Title, long? Cost = null, Guid? ProjectId = null);

/// <summary>A participatory budget's settings: the money to share, how baskets are counted, and what a basket must hold.</summary>
public sealed record BudgetDraft(long Budget, BudgetCount Count, int? MinProjects, int? MaxProjects, int MinSharePercent);

/// <summary>Who may vote: everyone, residents of a territory, or a body's members; and an age they attest reaching.</summary>
public sealed record Eligibility(Electorate Electorate, string Territory = "", int? MinimumAge = null, Guid? BodyId = null);

public sealed record VoteDraft(
    string Question, string Description, VotePurpose Purpose, VoteMethod Method, int Seats, IReadOnlyList<DraftOption> Options,
    DateTimeOffset OpensAt, DateTimeOffset ClosesAt, bool Secret, bool ResultsBeforeClose, BudgetDraft? Budget = null, Eligibility? Who = null,
    bool Lifelong = false, bool Mediated = false);

/// <summary>The files a vote's ballots download as.</summary>
public enum BallotFormat
{
    PrefLib,
    Pabulib,
    Csv,
}

/// <param name="Vote">The vote.</param>
/// <param name="Options">Its options, by position.</param>
/// <param name="Turnout">Voters by channel, from the register.</param>
/// <param name="Ballots">Ballots in the ballot box.</param>
/// <param name="Blank">Ballots that say nothing.</param>
/// <param name="Outcome">The count; none while it is withheld from the person (<see cref="Withheld"/>).</param>
/// <param name="Named">A named vote, once closed: each voter's ballot, by pseudonym.</param>
/// <param name="Desks">Its paper desks: their register, and once counted their sheets.</param>
public sealed record VoteResults(
    Vote Vote, IReadOnlyList<VoteOption> Options, IReadOnlyDictionary<VoteChannel, int> Turnout, long Ballots, long Blank, Outcome? Outcome,
    IReadOnlyList<NamedBallot> Named, IReadOnlyList<DeskSummary> Desks)
{
    /// <summary>The count is withheld: only who took part, by channel, and the desks' state are told.</summary>
    public bool Withheld => Outcome is null;

    /// <summary>Paper ballots counted apart, not in the ballot box.</summary>
    public int Spoiled => Desks.Where(d => d.Counted).Sum(d => d.Spoiled);

    /// <summary>Desks whose register was signed and whose ballots are not counted yet: the results are not final.</summary>
    public int DesksCounting => Desks.Count(d => !d.Counted && d.Signatures > 0);
}

/// <summary>A named vote's ballot, with the pseudonym of the person who cast it.</summary>
public sealed record NamedBallot(string Voter, string Content);

/// <summary>A vote of this organisation with its options and process, and what the person may do there.</summary>
public sealed record VoteAccess(Vote Vote, IReadOnlyList<VoteOption> Options, Process Process, Decision Decision)
{
    public bool Allowed => Decision == Decision.Allowed;
}

/// <summary>Everything that changes votes, and their count. Each command checks the permission itself.</summary>
public sealed class VoteCommands(
    ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, AuditLog audit, TimeProvider clock, ProcessAccess processes,
    SharedData shared, ContentChanges changes, BallotWriter ballots, MediationCommands mediation)
{
    /// <summary>
    /// A vote of this organisation and its options, by position; kept until the organisation's content changes, as
    /// every ballot reads them. Shared between requests: read them, never change them.
    /// </summary>
    public Task<(Vote Vote, IReadOnlyList<VoteOption> Options)?> FindAsync(Guid voteId) =>
        shared.GetAsync<(Vote, IReadOnlyList<VoteOption>)?>($"vote:{organisation.Id}:{voteId}", async () =>
        {
            var vote = await db.Votes.AsNoTracking().FirstOrDefaultAsync(v => v.Id == voteId && v.OrganisationId == organisation.Id);
            return vote is null ? null : (vote, await db.VoteOptions.AsNoTracking().Where(o => o.VoteId == voteId).OrderBy(o => o.Position).ToListAsync());
        });

    /// <summary>The vote, its options and process, and whether the person holds the permission there; null when there is no such vote.</summary>
    public async Task<VoteAccess?> AccessAsync(Guid voteId, Permission permission) =>
        await FindAsync(voteId) is var (vote, options) && await processes.FindAsync(vote.ProcessId, VotesModule.Key, vote.ComponentId) is { } process
            ? new VoteAccess(vote, options, process, await authorizer.DecideAsync(permission, process, vote.ComponentId))
            : null;

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
        // A decision by consent has one option, its proposal: the question itself.
        var options = draft.Method == VoteMethod.Consent
            ? [new DraftOption(draft.Question.Trim())]
            : draft.Options.Select(o => o with { Title = o.Title.Trim() }).Where(o => o.Title.Length > 0).ToList();
        if (draft.Method == VoteMethod.Consent && draft.Secret)
        {
            return CommandResult.Refused("Votes.ConsentNamed");
        }
        if ((options.Count < 2 && draft.Method != VoteMethod.Consent) || options.Count > Vote.OptionsMax)
        {
            return CommandResult.Refused("Votes.OptionCount");
        }
        if (options.Any(o => o.Title.Length > VoteOption.TitleMax))
        {
            return CommandResult.Refused("Votes.OptionLength");
        }
        if (options.Select(o => o.Title).Distinct(StringComparer.CurrentCultureIgnoreCase).Count() != options.Count)
        {
            return CommandResult.Refused("Votes.OptionTwice");
        }
        if (draft.ClosesAt <= draft.OpensAt)
        {
            return CommandResult.Refused("Votes.ClosesBeforeOpening");
        }
        // A lifelong election lasts a mandate: at least a year, so that each voter has a second round.
        if (draft.Lifelong && draft.ClosesAt < draft.OpensAt.AddYears(1))
        {
            return CommandResult.Refused("Votes.Lifelong.TooShort");
        }
        var seats = draft.Method == VoteMethod.Stv ? draft.Seats : 1;
        if (seats < 1 || (seats >= options.Count && draft.Method != VoteMethod.Consent))
        {
            return CommandResult.Refused("Votes.SeatCount");
        }
        var who = draft.Who ?? new Eligibility(Electorate.Participants);
        if (await EligibilityProblemAsync(who, componentId) is { } ineligible)
        {
            return CommandResult.Refused(ineligible);
        }
        var budget = draft.Method == VoteMethod.Budget ? draft.Budget : null;
        if (draft.Method == VoteMethod.Budget && BudgetProblem(budget, options) is { } problem)
        {
            return CommandResult.Refused(problem);
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
            Lifelong = draft.Lifelong,
            Mediated = draft.Mediated && draft.Method != VoteMethod.Consent,
            ResultsBeforeClose = draft.ResultsBeforeClose,
            Budget = budget?.Budget,
            BudgetCount = budget?.Count ?? BudgetCount.Greedy,
            MinProjects = budget?.MinProjects,
            MaxProjects = budget?.MaxProjects,
            MinSharePercent = budget?.MinSharePercent ?? 0,
            Electorate = who.Electorate,
            Territory = who.Electorate == Electorate.Residents ? who.Territory.Trim() : "",
            MinimumAge = who.MinimumAge,
            BodyId = who.Electorate == Electorate.Body ? who.BodyId : null,
            // Drawn now and shown on the vote's page before anyone votes: nobody can choose it after seeing the ballots.
            TieBreak = string.Join(',', Voting.TieBreak.Drawn(options.Count).Order),
        };
        db.Votes.Add(vote);
        db.VoteOptions.AddRange(options.Select((option, position) => new VoteOption
        {
            VoteId = vote.Id, Position = position, Title = option.Title, Cost = budget is null ? null : option.Cost,
            ProjectId = budget is null ? null : option.ProjectId,
        }));
        audit.Record("vote.create", $"vote:{vote.Id}", vote.Question);
        await db.SaveChangesAsync();
        return CommandResult.Done(vote.Id);
    }

    /// <summary>What is wrong with who may vote, as a text key, if anything.</summary>
    private async Task<string?> EligibilityProblemAsync(Eligibility who, Guid componentId) => who switch
    {
        { MinimumAge: < 1 or > 120 } => "Votes.MinimumAge",
        { Electorate: Electorate.Residents } when who.Territory.Trim().Length is 0 or > VotingBody.NameMax => "Votes.TerritoryNeeded",
        { Electorate: Electorate.Body } when who.BodyId is not { } bodyId || !await db.VotingBodies.AnyAsync(b => b.Id == bodyId && b.ComponentId == componentId)
            => "Votes.BodyNeeded",
        _ => null,
    };

    /// <summary>Whether a person may vote in a body's vote (anyone may in the others): a member of the body.</summary>
    public async Task<bool> InElectorateAsync(Vote vote, Guid? personId) =>
        vote.Electorate != Electorate.Body || (personId is { } id && await db.BodyMembers.AnyAsync(m => m.BodyId == vote.BodyId && m.PersonId == id));

    /// <summary>What is wrong with a participatory budget's settings, as a text key, if anything.</summary>
    private static string? BudgetProblem(BudgetDraft? budget, List<DraftOption> projects)
    {
        if (budget is null || budget.Budget <= 0)
        {
            return "Votes.BudgetAmount";
        }
        // A project costing more than the whole budget could never be funded; refused, it also keeps every basket's sum
        // far from overflowing.
        if (projects.Any(p => p.Cost is not > 0 || p.Cost > budget.Budget))
        {
            return "Votes.OptionCost";
        }
        if (budget.MinProjects < 0 || budget.MaxProjects < 1 || budget.MinProjects > budget.MaxProjects || budget.MinProjects > projects.Count
            || budget.MinSharePercent is < 0 or > 100)
        {
            return "Votes.BasketRules";
        }
        return null;
    }

    /// <summary>
    /// Puts a ballot in the box and the voter on the register, both or neither (<see cref="BallotWriter"/>): the
    /// register's unique index refuses a second ballot from the same person, whatever the channel, even when both arrive
    /// at the same instant.
    /// </summary>
    /// <param name="voteId">The vote.</param>
    /// <param name="values">One value per option (see <see cref="BallotContent"/>).</param>
    /// <param name="reason">A decision by consent: why the person objects (required then, public).</param>
    /// <param name="attested">Whether the person attested, on their honour, what the vote asks (living in the territory, the age).</param>
    public async Task<CommandResult> CastAsync(Guid voteId, IReadOnlyList<int?> values, string? reason = null, bool attested = false)
    {
        if (await AccessAsync(voteId, VotesPermissions.Cast) is not (var vote, var options, var process, var decision))
        {
            return CommandResult.Missing();
        }
        if (decision != Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        var now = clock.GetUtcNow();
        // A closed process takes nothing more, whatever its votes' dates say.
        if (!vote.IsOpen(now) || process.ClosedAt is not null)
        {
            return CommandResult.Refused("Votes.Closed");
        }
        if (values.Count != options.Count || BallotContent.Problems(vote, options, values).Count > 0)
        {
            return CommandResult.Refused("Votes.Problem.Unknown");
        }
        if (!await InElectorateAsync(vote, authorizer.PersonId))
        {
            return CommandResult.Refused("Votes.NotInBody");
        }
        if (vote.NeedsAttestation && !attested)
        {
            return CommandResult.Refused("Votes.AttestationNeeded");
        }
        reason = reason?.Trim() ?? "";
        var objects = vote.Consenting && values[0] == 0;
        if (objects && reason.Length == 0)
        {
            return CommandResult.Refused("Votes.Problem.ReasonNeeded");
        }
        if (reason.Length > VoteObjection.TextMax)
        {
            return CommandResult.Refused("Votes.Problem.ReasonLength");
        }
        // A lifelong election asks which year the person votes for; any other vote has one round, and its register's
        // unique index alone refuses a second ballot.
        var round = 0;
        if (vote.Lifelong)
        {
            if ((await db.RoundAsync(vote, authorizer.PersonId, null, authorizer.Today())).Round is not { } year)
            {
                return CommandResult.Refused("Votes.AlreadyVoted");
            }
            round = year;
        }
        var content = BallotContent.Encode(values);
        var ballot = new BallotWriter.Request(Guid.NewGuid(), vote.Id, authorizer.PersonId!.Value, authorizer.Today(), round, content,
            vote.Secret ? null : content, objects ? (Guid.CreateVersion7(), reason) : null);
        // Under a mandate (which must allow it), only where the vote takes ballots through a mediator, within the number
        // of people a mediator may vote for; written through this request, so that it is journaled.
        if (mediation.Acting is not null)
        {
            if (!vote.Mediated || vote.Consenting)
            {
                return CommandResult.Refused("Votes.Mediate.NotAllowed");
            }
            if (!await mediation.WithinLimitAsync(vote.Id))
            {
                return CommandResult.Refused("Mediation.LimitReached");
            }
            if (!await BallotWriter.WriteAsync(db, ballot, VoteChannel.Mediated))
            {
                return CommandResult.Refused("Votes.AlreadyVoted");
            }
        }
        // Written with the others cast at the same moment; a ballot changes no page anyone else sees, unless the running
        // count is public: only then are pages dropped.
        else if (!await ballots.WriteAsync(ballot))
        {
            return CommandResult.Refused("Votes.AlreadyVoted");
        }
        if (vote.ResultsShown(now))
        {
            changes.Committed(ChangeKind.Content, organisation.Id);
        }
        return CommandResult.Done(vote.Id);
    }

    /// <summary>The count, for anyone once the vote closed (or before, if the vote says so); staff see it any time.</summary>
    public async Task<VoteResults?> ResultsAsync(Guid voteId)
    {
        if (await AllowedAsync(voteId) is not var (vote, options, staff))
        {
            return null;
        }
        // A closed vote is counted once (until the organisation's content changes); an open one at each look, as its
        // ballots drop nothing while the count is not public.
        var now = clock.GetUtcNow();
        var closed = now >= vote.ClosesAt;
        var results = closed ? await shared.GetAsync($"vote-results:{organisation.Id}:{voteId}", Count) : await Count();
        // Once closed, the public waits for the last desk's count: counted one after the other, each desk would change
        // the published figures by exactly its ballots, and a small desk's few would be told. Staff see each desk anyway.
        return closed && !staff && results.DesksCounting > 0
            ? results with { Outcome = null, Ballots = 0, Blank = 0, Named = [] }
            : results;

        async Task<VoteResults> Count()
        {
            // While a secret vote runs, only the ballots the box has taken, shuffled in groups, but its latest group:
            // envelopes counted one by one would let two looks, before and after someone votes, tell their ballot, and
            // the final count less the last running one would tell the few taken at the close. A named vote (consent
            // among them) shows its ballots anyway.
            var box = db.BallotBox(vote.Id);
            if (vote.Secret && !closed)
            {
                var taken = db.Ballots.Where(b => b.VoteId == vote.Id);
                var latest = await taken.MaxAsync(b => (int?)b.Round) ?? 0;
                box = taken.Where(b => b.Round == 0 || b.Round < latest).Select(b => b.Content);
            }
            var contents = await box.GroupBy(c => c).Select(g => new { Content = g.Key, Count = g.LongCount() }).ToListAsync();
            var turnout = await db.VoteRegister.AsNoTracking().Where(r => r.VoteId == vote.Id)
                .GroupBy(r => r.Channel).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
            var all = contents.Select(c => (c.Content, c.Count)).ToList();
            // A blank ballot counts in the turnout, and in nothing else (in a budget it would take a share of the money).
            var ballots = all.Where(b => BallotContent.Decode(b.Content).Any(v => v is not null)).ToList();
            var tieBreak = new TieBreak(vote.TieBreakOrder);
            var unanswered = vote.Consenting ? await db.VoteObjections.CountAsync(o => o.VoteId == vote.Id && o.Answer == null) : 0;
            Outcome outcome = vote.Method switch
            {
                VoteMethod.Consent => Consent.Count(ballots.Where(b => b.Content == "1").Sum(b => b.Count), ballots.Where(b => b.Content == "0").Sum(b => b.Count), unanswered),
                VoteMethod.MajorityJudgment => MajorityJudgment.Count(BallotContent.Graded(vote, options.Count, ballots), tieBreak),
                VoteMethod.Score => ScoreVoting.Count(BallotContent.Graded(vote, options.Count, ballots), tieBreak),
                VoteMethod.SingleChoice => Plurality.Count(BallotContent.Ranked(vote, options.Count, ballots), tieBreak),
                VoteMethod.Approval => Approval.Count(ApprovalBallots.From(BallotContent.Ranked(vote, options.Count, ballots)), tieBreak),
                VoteMethod.Borda => Borda.Count(BallotContent.Ranked(vote, options.Count, ballots), tieBreak),
                VoteMethod.InstantRunoff => InstantRunoff.Count(BallotContent.Ranked(vote, options.Count, ballots), tieBreak),
                VoteMethod.Schulze => Schulze.Count(BallotContent.Ranked(vote, options.Count, ballots), tieBreak),
                VoteMethod.Budget => CountBudget(vote, options, ApprovalBallots.From(BallotContent.Ranked(vote, options.Count, ballots)), tieBreak),
                _ => SingleTransferableVote.Count(BallotContent.Ranked(vote, options.Count, ballots), vote.Seats, tieBreak),
            };
            var named = vote.Secret || !closed ? [] : await db.VoteRegister.AsNoTracking()
                .Where(r => r.VoteId == vote.Id && r.NamedBallot != null)
                .Join(db.Users, r => r.PersonId, p => p.Id, (r, p) => new NamedBallot(p.Pseudonym, r.NamedBallot!))
                .ToListAsync();
            return new VoteResults(vote, options, turnout, all.Sum(b => b.Count), all.Sum(b => b.Count) - ballots.Sum(b => b.Count), outcome,
                [.. named.OrderBy(n => n.Voter, StringComparer.CurrentCulture)], await db.DeskSummaries(vote.Id));
        }
    }

    /// <summary>The vote and its options when the person may see its count (anyone once shown, staff at any time), and whether they are staff.</summary>
    private async Task<(Vote, IReadOnlyList<VoteOption>, bool Staff)?> AllowedAsync(Guid voteId) =>
        await AccessAsync(voteId, VotesPermissions.Manage) is { } access && (access.Vote.ResultsShown(clock.GetUtcNow()) || access.Allowed)
            ? (access.Vote, access.Options, access.Allowed)
            : null;

    private static BudgetOutcome CountBudget(Vote vote, IReadOnlyList<VoteOption> projects, ApprovalBallots baskets, TieBreak tieBreak)
    {
        long[] costs = [.. projects.Select(p => p.Cost ?? 0)];
        return vote.BudgetCount == BudgetCount.EqualShares
            ? EqualShares.Count(costs, vote.Budget!.Value, baskets, Utility.Cost, tieBreak)
            : GreedyBudget.Count(costs, vote.Budget!.Value, baskets, tieBreak);
    }

    /// <summary>
    /// The ballot box for anyone to count again, once the results are public: PrefLib for the methods that rank or
    /// choose, CSV (one line per ballot, one column per option) for all. Identical ballots are grouped or sorted, so the
    /// order they arrived in is not told.
    /// </summary>
    public async Task<(byte[] Bytes, string FileName)?> BallotsAsync(Guid voteId, BallotFormat format)
    {
        // Only once final: two downloads of a running count, or before and after a desk's count, would tell each ballot
        // cast in between.
        var counting = db.VotesCounting;
        if (await AllowedAsync(voteId) is not var (vote, options, _) || clock.GetUtcNow() < vote.ClosesAt || !Formats(vote).Contains(format)
            || await counting.ContainsAsync(voteId))
        {
            return null;
        }
        var contents = await db.BallotBox(voteId).ToListAsync();
        var name = $"vote-{voteId:N}";
        if (format == BallotFormat.Csv)
        {
            IReadOnlyList<string>[] header = [[.. options.Select(o => o.Title)]];
            var rows = contents.Order(StringComparer.Ordinal).Select(c => (IReadOnlyList<string>)c.Split(','));
            return (Spreadsheets.WriteCsv(header.Concat(rows)), name + ".csv");
        }
        var ballots = BallotContent.Ranked(vote, options.Count, contents.GroupBy(c => c, StringComparer.Ordinal).Select(g => (g.Key, (long)g.Count())));
        var text = new StringWriter(CultureInfo.InvariantCulture);
        if (format == BallotFormat.Pabulib)
        {
            // Opened in a spreadsheet, a title must not run as a formula.
            (string, string)[] meta =
            [
                ("description", Spreadsheets.Neutralise(vote.Question)), ("country", "France"), ("instance", vote.Id.ToString()),
                ("rule", vote.BudgetCount == BudgetCount.EqualShares ? "equalshares/add1" : "greedy"),
                ("date_begin", vote.OpensAt.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)), ("date_end", vote.ClosesAt.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)),
            ];
            var baskets = ApprovalBallots.From(ballots);
            Pabulib.Write(text, meta, [.. options.Select(o => (Spreadsheets.Neutralise(o.Title), o.Cost ?? 0))], vote.Budget!.Value, baskets);
            return (Encoding.UTF8.GetBytes(text.ToString()), name + ".pb");
        }
        var type = PrefLib.Write(text, vote.Question, [.. options.Select(o => o.Title)], ballots, name);
        return (Encoding.UTF8.GetBytes(text.ToString()), $"{name}.{type}");
    }

    /// <summary>The files a vote's ballots download as: PrefLib for orders and choices, Pabulib for budgets, CSV for all.</summary>
    public static IReadOnlyList<BallotFormat> Formats(Vote vote) => vote switch
    {
        { Method: VoteMethod.Budget } => [BallotFormat.Pabulib, BallotFormat.Csv],
        { Graded: true } or { Consenting: true } => [BallotFormat.Csv],
        _ => [BallotFormat.PrefLib, BallotFormat.Csv],
    };

    /// <summary>A decision by consent's objections, oldest first, with who raised them: public, as the decision is named.</summary>
    public async Task<IReadOnlyList<(VoteObjection Objection, string? By)>> ObjectionsAsync(Guid voteId) =>
        [.. (await db.VoteObjections.AsNoTracking().Where(o => o.VoteId == voteId).OrderBy(o => o.Id)
            .Select(o => new { Objection = o, By = db.Users.Where(u => u.Id == o.PersonId).Select(u => u.Pseudonym).FirstOrDefault() })
            .ToListAsync()).Select(o => (o.Objection, o.By))];

    /// <summary>Records the answer to an objection (or corrects it): once every objection has one, the proposal is adopted.</summary>
    public async Task<CommandResult> AnswerAsync(Guid objectionId, string answer)
    {
        var objection = await db.VoteObjections.FirstOrDefaultAsync(o => o.Id == objectionId);
        if (objection is null || await AccessAsync(objection.VoteId, VotesPermissions.Manage) is not { } access)
        {
            return CommandResult.Missing();
        }
        if (!access.Allowed)
        {
            return CommandResult.Refused(access.Decision);
        }
        var vote = access.Vote;
        answer = answer.Trim();
        if (answer.Length is 0 or > VoteObjection.TextMax)
        {
            return CommandResult.Refused("Votes.Objection.AnswerLength");
        }
        (objection.Answer, objection.AnsweredAt) = (answer, clock.GetUtcNow());
        // Recorded after the close too: that is how a proposal waiting for its answers is adopted.
        audit.Record("vote.objection.answer", $"vote:{vote.Id}", $"{objection.Id}: {Excerpts.Clip(answer, 200)}");
        await db.SaveChangesAsync();
        return CommandResult.Done(vote.Id);
    }

    /// <summary>
    /// A council body or college of the component, with its members named by pseudonym (one each); the pseudonyms no
    /// account has are given back, and nothing is stored then.
    /// </summary>
    public async Task<(CommandResult Result, IReadOnlyList<string> Unknown)> CreateBodyAsync(Guid processId, Guid componentId, string name, IReadOnlyList<string> members)
    {
        var process = await processes.FindAsync(processId, VotesModule.Key, componentId);
        if (process is null)
        {
            return (CommandResult.Missing(), []);
        }
        if (await authorizer.DecideAsync(VotesPermissions.Manage, process, componentId) is var decision and not Decision.Allowed)
        {
            return (CommandResult.Refused(decision), []);
        }
        name = name.Trim();
        var pseudonyms = members.Select(m => m.Trim()).Where(m => m.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (name.Length is 0 or > VotingBody.NameMax)
        {
            return (CommandResult.Refused("Votes.Body.NameLength"), []);
        }
        if (pseudonyms.Count is 0 or > VotingBody.MembersMax)
        {
            return (CommandResult.Refused("Votes.Body.MemberCount"), []);
        }
        if (await db.VotingBodies.AnyAsync(b => b.ComponentId == componentId && b.Name == name))
        {
            return (CommandResult.Refused("Votes.Body.NameTaken"), []);
        }
        var people = await db.Users.Where(p => pseudonyms.Contains(p.Pseudonym)).Select(p => new { p.Id, p.Pseudonym }).ToListAsync();
        var unknown = pseudonyms.Except(people.Select(p => p.Pseudonym), StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            return (CommandResult.Refused("Votes.Body.Unknown"), unknown);
        }
        var body = new VotingBody { ProcessId = processId, ComponentId = componentId, Name = name };
        db.VotingBodies.Add(body);
        db.BodyMembers.AddRange(people.Select(p => new BodyMember { BodyId = body.Id, PersonId = p.Id }));
        audit.Record("vote.body.create", $"body:{body.Id}", $"{name}: {people.Count}");
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // The same form sent twice at once.
            db.ChangeTracker.Clear();
            return (CommandResult.Refused("Votes.Body.NameTaken"), []);
        }
        return (CommandResult.Done(body.Id), []);
    }
}
