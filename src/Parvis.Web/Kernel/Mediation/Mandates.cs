using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;

namespace Parvis.Web.Kernel.Mediation;

/// <summary>What kind of place a structure of mediators is.</summary>
public enum StructureKind
{
    MediationPlace,
    Association,
    TownHallDesk,
    ThirdPlace,
    Other,
}

/// <summary>
/// A structure whose people help others take part (a mediation place, an association, a town hall desk), declared by
/// the organisation: its name is what "entered with the help of…" shows.
/// </summary>
public sealed class MediationStructure
{
    public const int NameMax = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public required string Name { get; set; }
    public StructureKind Kind { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A person who mediates for a structure: holding the role is having such a line.</summary>
public sealed class Mediator
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid StructureId { get; set; }
    public Guid PersonId { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>What a mandate allows a structure's mediators to do with or for the person.</summary>
[Flags]
public enum MandateAllows
{
    None = 0,

    /// <summary>Explain and read with the person: nothing is written under it.</summary>
    Explain = 1,

    /// <summary>Contribute with the person, who is there and says what to write.</summary>
    ContributeWith = 2,

    /// <summary>Contribute for the person, who is not there.</summary>
    ContributeFor = 4,

    /// <summary>Vote for the person, where a vote allows votes through a mediator at all.</summary>
    VoteFor = 8,
}

public enum MandateDuration
{
    /// <summary>Ends with the first session acting under it.</summary>
    Session,

    /// <summary>Ends when its process closes.</summary>
    Process,
    SixMonths,
    TwelveMonths,
}

/// <summary>How the person consented, in person: they signed the printed attestation, or said so before a second mediator.</summary>
public enum ConsentForm
{
    Attestation,
    WitnessedOral,
}

/// <summary>
/// A participation mandate between a person and a structure: its scope (a process, or all the organisation's), what it
/// allows, how long it lasts, and the consent given for it. It acts only once a mediator recorded the consent, and no
/// longer once revoked (by the person, or by a mediator at their request) or expired.
/// </summary>
public sealed class Mandate
{
    /// <summary>The version of the consent text shown on the attestation: a new text is a new version.</summary>
    public const string ConsentVersion = "2026-12";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }

    /// <summary>The person helped.</summary>
    public Guid PersonId { get; set; }
    public Guid StructureId { get; set; }

    /// <summary>The process it is for; null for all the organisation's processes.</summary>
    public Guid? ProcessId { get; set; }
    public MandateAllows Allows { get; set; }
    public MandateDuration Duration { get; set; }
    public required string ConsentTextVersion { get; set; }

    /// <summary>Who wrote it down: a mediator, or the person from their own page.</summary>
    public Guid CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ConsentRecordedAt { get; set; }
    public Guid? ConsentRecordedById { get; set; }
    public ConsentForm? Consent { get; set; }

    /// <summary>The second mediator before whom an oral consent was given.</summary>
    public Guid? WitnessId { get; set; }

    /// <summary>When that second mediator confirmed it, from their own account: only then does an oral consent count.</summary>
    public DateTimeOffset? WitnessConfirmedAt { get; set; }

    /// <summary>When it ends by itself (six or twelve months from the consent, or the end of its session).</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public Guid? RevokedById { get; set; }

    /// <summary>Whether mediators may act under it now (a process-long mandate also needs its process open).</summary>
    public bool ActsAt(DateTimeOffset now) => Consented && RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    /// <summary>Whether the consent is recorded and, given orally, confirmed by its witness.</summary>
    public bool Consented => ConsentRecordedAt is not null && (Consent != ConsentForm.WitnessedOral || WitnessConfirmedAt is not null);

    /// <summary>When a consent recorded at <paramref name="at"/> makes it end, if by a date.</summary>
    public static DateTimeOffset? EndOf(MandateDuration duration, DateTimeOffset at) => duration switch
    {
        MandateDuration.SixMonths => at.AddMonths(6),
        MandateDuration.TwelveMonths => at.AddMonths(12),
        _ => null,
    };
}

/// <summary>How a mediator acts in a session: with the person there, for them, or only explaining.</summary>
public enum MediationMode
{
    Explain,
    With,
    For,
}

/// <summary>
/// One thing done under a mandate (a contribution, a support, a signature, a vote cast: never what the ballot said):
/// the journal of who did what for whom, and when, which the person reads on their page.
/// </summary>
public sealed class MandateAct
{
    public const int KindMax = 40;
    public const int AddressMax = 300;

    // Random, not time-ordered: a vote's line must not tell its time.
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganisationId { get; set; }
    public Guid MandateId { get; set; }
    public Guid PersonId { get; set; }
    public Guid MediatorId { get; set; }
    public MediationMode Mode { get; set; }

    /// <summary>What was done, as the interface names it ("proposal", "support", "vote").</summary>
    public required string Kind { get; set; }

    /// <summary>Where it can be seen, if anywhere.</summary>
    public string? Address { get; set; }

    /// <summary>The vote or petition it counts in, for the limit of people a mediator acts for in each.</summary>
    public Guid? SubjectId { get; set; }

    /// <summary>When, or for a vote only the day (its local midnight).</summary>
    public DateTimeOffset At { get; set; }

    public bool DayOnly { get; set; }

    /// <summary>Whether it was written, changed or withdrawn (deleted, unsupported) under the mandate.</summary>
    public MandateChange Change { get; set; }
}

/// <summary>What an act did to what it is about: the journal says a change or a withdrawal as plainly as a first write.</summary>
public enum MandateChange
{
    Added,
    Changed,
    Withdrawn,
}

/// <summary>A mediator acting under a mandate in one browser: it ends when they stop, leave, or after 30 minutes unused.</summary>
public sealed class MediationSession
{
    public static readonly TimeSpan IdleLimit = TimeSpan.FromMinutes(30);

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MandateId { get; set; }
    public Guid MediatorId { get; set; }
    public MediationMode Mode { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
}

/// <summary>
/// An account a structure opened for someone without one (a pseudonym, no e-mail address), held under their mandate
/// until they claim it with the code printed on their attestation.
/// </summary>
public sealed class HeldAccount
{
    public const int CodeLength = 12;

    public Guid PersonId { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid StructureId { get; set; }

    /// <summary>The claim code's hash (SHA-256): the code itself is only ever on paper.</summary>
    public required byte[] CodeHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The hold ends once the person has proven an address of theirs, whichever link proved it.</summary>
    public static Task EndAsync(ParvisDbContext db, Guid personId) => db.HeldAccounts.Where(h => h.PersonId == personId).ExecuteDeleteAsync();
}

/// <summary>Something written under a mandate that its person should find in their journal.</summary>
public interface IPersonAct
{
    /// <summary>What it is, as the interface names it (a text key's last part: "support", "vote").</summary>
    string ActKind { get; }

    /// <summary>Where it can be seen, if anywhere.</summary>
    string? ActAddress { get; }

    /// <summary>The vote or petition it counts in, if a mediator may act for a limited number of people in it; the map it is about.</summary>
    Guid? ActSubjectId => null;

    /// <summary>Whether its journal line keeps only the day (a vote: the time could be paired with the ballots' order).</summary>
    bool ActDayOnly => false;
}
