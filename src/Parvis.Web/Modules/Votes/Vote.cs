using System.Globalization;
using Parvis.Web.Kernel.Mediation;

namespace Parvis.Web.Modules.Votes;

/// <summary>What a vote is for, said on its page before anything else: a vote online never pretends to be an election.</summary>
public enum VotePurpose
{
    /// <summary>An advisory opinion: the council hears it and decides.</summary>
    Advisory,

    /// <summary>A decision of the assembly or body that votes (its rules make it binding).</summary>
    AssemblyDecision,

    /// <summary>A poll: a picture of opinions, nothing more.</summary>
    Poll,
}

/// <summary>How the ballots are filled and counted.</summary>
public enum VoteMethod
{
    SingleChoice,
    Approval,
    Borda,
    InstantRunoff,
    Schulze,

    /// <summary>Single transferable vote: several seats.</summary>
    Stv,
    MajorityJudgment,
    Score,

    /// <summary>A participatory budget: a basket of projects whose costs fit in the budget.</summary>
    Budget,

    /// <summary>A decision by consent: one proposal, consent or objection (with its reason); adopted once every objection has an answer.</summary>
    Consent,
}

/// <summary>How a participatory budget's baskets are counted.</summary>
public enum BudgetCount
{
    /// <summary>The most voted projects first, each funded if it fits in what is left.</summary>
    Greedy,

    /// <summary>The Method of Equal Shares: every voter's equal share of the budget pays for the projects they chose.</summary>
    EqualShares,
}

/// <summary>Who may vote.</summary>
public enum Electorate
{
    /// <summary>Anyone with an account.</summary>
    Participants,

    /// <summary>The residents of the territory, each attesting it on their honour (no proof is kept).</summary>
    Residents,

    /// <summary>The members of a council body or college (<see cref="VotingBody"/>).</summary>
    Body,
}

/// <summary>How a ballot reached the ballot box.</summary>
public enum VoteChannel
{
    Online,
    Paper,
    Mediated,
}

/// <summary>
/// A vote in a process: its question and options, what it is for, its method, when it is open, whether it is secret,
/// and the tie-break order drawn when it was created (published on its page before anyone votes).
/// </summary>
public sealed class Vote
{
    public const int QuestionMax = 200;
    public const int DescriptionMax = 4_000;
    public const int OptionsMax = 50;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid ProcessId { get; set; }
    public Guid ComponentId { get; set; }

    public required string Question { get; set; }
    public string Description { get; set; } = "";
    public VotePurpose Purpose { get; set; }
    public VoteMethod Method { get; set; }

    /// <summary>STV: how many are elected.</summary>
    public int Seats { get; set; } = 1;

    public DateTimeOffset OpensAt { get; set; }
    public DateTimeOffset ClosesAt { get; set; }

    /// <summary>Secret: the ballot box holds nothing that leads to a voter. Otherwise (a body's named vote) the register shows each voter's ballot.</summary>
    public bool Secret { get; set; } = true;

    /// <summary>A participatory budget: the money to share, in whole currency units.</summary>
    public long? Budget { get; set; }

    public BudgetCount BudgetCount { get; set; }

    /// <summary>A participatory budget: the fewest and most projects a basket holds (null: no limit).</summary>
    public int? MinProjects { get; set; }

    public int? MaxProjects { get; set; }

    /// <summary>A participatory budget: the least share of the budget, in percent, a basket spends (0: none).</summary>
    public int MinSharePercent { get; set; }

    public Electorate Electorate { get; set; }

    /// <summary>Residents: the territory they attest living in ("Lorient Agglomération").</summary>
    public string Territory { get; set; } = "";

    /// <summary>The age voters attest reaching, if the vote has one (no birth date is asked).</summary>
    public int? MinimumAge { get; set; }

    /// <summary>A body's vote: the body whose members vote.</summary>
    public Guid? BodyId { get; set; }

    /// <summary>Whether each voter attests, on their honour, living in the territory or reaching the age.</summary>
    public bool NeedsAttestation => Electorate == Electorate.Residents || MinimumAge is not null;

    /// <summary>Whether a mediator may record a ballot for a person present who asks for it (off by default).</summary>
    public bool Mediated { get; set; }

    /// <summary>
    /// The lifelong election: over the mandate (from opening to close), each voter casts a ballot once a year, from the
    /// anniversary of their first ballot; at the close every year's ballots are counted together.
    /// </summary>
    public bool Lifelong { get; set; }

    /// <summary>How long after their anniversary a voter of a lifelong election may cast that year's ballot.</summary>
    public const int RenewalDays = 30;

    /// <summary>
    /// The round a person may vote in today, given the day of their first ballot (null if none) and the rounds they
    /// voted in: 0 for a first ballot; in a lifelong election, the k-th year from the k-th anniversary of their first
    /// ballot for <see cref="RenewalDays"/> days, once. Null when they may not vote today.
    /// </summary>
    public int? RoundOn(DateOnly today, DateOnly? first, IReadOnlyCollection<int> voted)
    {
        if (first is not { } start)
        {
            return 0;
        }
        if (!Lifelong)
        {
            return null;
        }
        var year = YearsSince(start, today);
        return year >= 1 && today < start.AddYears(year).AddDays(RenewalDays) && !voted.Contains(year) ? year : null;
    }

    /// <summary>A lifelong election: the first day of the voter's next round after today, given their first ballot's day.</summary>
    public static DateOnly NextRound(DateOnly today, DateOnly first) => first.AddYears(YearsSince(first, today) + 1);

    private static int YearsSince(DateOnly start, DateOnly today)
    {
        var years = today.Year - start.Year;
        return start.AddYears(years) > today ? years - 1 : years;
    }

    /// <summary>Whether the running count is public before the close.</summary>
    public bool ResultsBeforeClose { get; set; }

    /// <summary>The options' positions in the order that wins ties, drawn by lot at creation ("2,0,1").</summary>
    public string TieBreak { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>A participatory budget: when its funded projects were made actions.</summary>
    public DateTimeOffset? FundedAt { get; set; }

    public bool IsOpen(DateTimeOffset now) => now >= OpensAt && now < ClosesAt;

    public bool ResultsShown(DateTimeOffset now) => now >= ClosesAt || (ResultsBeforeClose && now >= OpensAt);

    public IReadOnlyList<int> TieBreakOrder => [.. TieBreak.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture))];

    /// <summary>Whether a ballot ranks the options (rather than choosing, approving or grading them).</summary>
    public bool Ranked => Method is VoteMethod.Borda or VoteMethod.InstantRunoff or VoteMethod.Schulze or VoteMethod.Stv;

    public bool Graded => Method is VoteMethod.MajorityJudgment or VoteMethod.Score;

    /// <summary>A decision by consent: its single option is the proposal; a ballot consents (1) or objects (0).</summary>
    public bool Consenting => Method == VoteMethod.Consent;

    /// <summary>Whether a ballot chooses any number of options (approval, a budget's basket).</summary>
    public bool Approving => Method is VoteMethod.Approval or VoteMethod.Budget;
}

public sealed class VoteOption
{
    public const int TitleMax = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VoteId { get; set; }

    /// <summary>Its place on the ballot, from 0: what ballots and the tie-break refer to.</summary>
    public int Position { get; set; }

    public required string Title { get; set; }

    /// <summary>A participatory budget's project: what it costs, in whole currency units.</summary>
    public long? Cost { get; set; }

    /// <summary>The submitted project it puts to the vote, if it is one: funded, it becomes an action.</summary>
    public Guid? ProjectId { get; set; }
}

/// <summary>
/// The register ("liste d'émargement"): who voted, by which channel, on which day. One row per person, vote and round
/// (a unique index): a person votes once, whatever the channel (once a year in a lifelong election). It holds no
/// reference to the ballot.
/// </summary>
public sealed class VoteRegistration : IPersonAct
{
    string IPersonAct.ActKind => "vote";

    string? IPersonAct.ActAddress => $"/votes/{VoteId}";

    Guid? IPersonAct.ActSubjectId => VoteId;

    // As the register keeps only the day, so does the journal.
    bool IPersonAct.ActDayOnly => true;

    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid VoteId { get; set; }

    /// <summary>Null once the person erased their account: the line stays, so the turnout stays true.</summary>
    public Guid? PersonId { get; set; }

    public VoteChannel Channel { get; set; }

    /// <summary>The day only: a time would let someone pair the register with the order ballots arrived.</summary>
    public DateOnly Day { get; set; }

    /// <summary>A lifelong election: the voter's year (0 for their first ballot); always 0 otherwise.</summary>
    public int Round { get; set; }

    /// <summary>A paper vote: the desk whose register the person signed.</summary>
    public Guid? DeskId { get; set; }

    /// <summary>
    /// A paper vote by someone without an account: a hash of the vote and their name and birth date (see
    /// <see cref="PaperDesks.IdentityKey"/>), so that two desks cannot both take their ballot. Another vote's key differs.
    /// </summary>
    public string? IdentityKey { get; set; }

    /// <summary>A named (public) vote only: the ballot, as in the ballot box. Always null when the vote is secret.</summary>
    public string? NamedBallot { get; set; }
}

/// <summary>
/// A ballot just cast, written with the voter's line in the register (both or neither), until the ballot box takes it
/// (<see cref="BallotBox"/>): the same shape as a ballot, and only there as long as it must be.
/// </summary>
public sealed class Envelope
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid VoteId { get; set; }
    public required string Content { get; set; }
}

/// <summary>
/// A ballot in the ballot box: the vote, what was voted, and the round that took it, nothing else. Its id is random (not
/// time-ordered), it has no date, and it was written by the ballot box among others in a shuffled order, in a
/// transaction of its own: neither its place nor its transaction pairs it with the register.
/// </summary>
public sealed class CastBallot
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid VoteId { get; set; }

    /// <summary>
    /// Which of the vote's rounds of the ballot box took it (1, 2…), each of at least <see cref="Kernel.Data.ShuffledBox.Together"/>
    /// envelopes but the one at the close: what the round's shared transaction tells anyway. A running count leaves the
    /// latest round out, so the final count differs from any running one by a full round at least. 0: taken before the
    /// box numbered its rounds, counted as before.
    /// </summary>
    public int Round { get; set; }

    /// <summary>One value per option, in position order, comma-separated, empty where the ballot says nothing: see <see cref="BallotContent"/>.</summary>
    public required string Content { get; set; }
}

/// <summary>
/// A place where paper ballots are cast and counted (a "bureau de vote": a town hall desk, a library, a market stall):
/// its register is signed there; once the register is closed its ballots are typed twice, then taken into the ballot box.
/// </summary>
public sealed class VoteDesk
{
    public const int NameMax = 120;
    public const int NoteMax = 1_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VoteId { get; set; }
    public required string Name { get; set; }

    /// <summary>When its register was closed: nobody signs there after, and its sheets can be typed.</summary>
    public DateTimeOffset? RegisterClosedAt { get; set; }

    /// <summary>When its ballots went into the ballot box; nothing is typed there after.</summary>
    public DateTimeOffset? CountedAt { get; set; }

    /// <summary>Why the sheets and the signatures differ, when they do, as the desk's officers wrote it.</summary>
    public string Note { get; set; } = "";
}

/// <summary>
/// A paper ballot as one of the two typists read it: the first and second readings of each sheet must agree before the
/// desk's ballots are counted. The sheet's number is its place in the pile taken out of the ballot box, not its voter.
/// </summary>
public sealed class PaperEntry
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid DeskId { get; set; }

    /// <summary>From 1.</summary>
    public int Sheet { get; set; }

    /// <summary>1 for the first reading, 2 for the second, typed by someone else.</summary>
    public int Pass { get; set; }

    /// <summary>As a ballot's content; empty when the sheet is spoiled.</summary>
    public required string Content { get; set; }

    /// <summary>A sheet that says nothing readable or breaks the rules ("bulletin nul"): counted apart, not in the ballot box.</summary>
    public bool Spoiled { get; set; }

    /// <summary>Who typed it (an officer, never the voter): a second reading is someone else's.</summary>
    public Guid? TypedBy { get; set; }
}

/// <summary>
/// An objection to a proposal decided by consent: its reason and the answer recorded to it, both public. A decision by
/// consent is named, so the objection says who raised it (until they erase their account).
/// </summary>
public sealed class VoteObjection
{
    public const int TextMax = 2_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VoteId { get; set; }
    public Guid? PersonId { get; set; }
    public required string Reason { get; set; }
    public string? Answer { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
}

/// <summary>A council body or college whose members vote on the votes given to it ("Collège des habitants").</summary>
public sealed class VotingBody
{
    public const int NameMax = 120;

    /// <summary>More members than any council body has.</summary>
    public const int MembersMax = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProcessId { get; set; }
    public Guid ComponentId { get; set; }
    public required string Name { get; set; }
}

public sealed class BodyMember
{
    public Guid BodyId { get; set; }
    public Guid PersonId { get; set; }
}
