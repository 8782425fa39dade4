using Parvis.Web.Kernel.Mediation;
using Parvis.Web.Kernel.Contributions;

namespace Parvis.Web.Modules.Meetings;

/// <summary>How people attend: in a room, through a link, or both.</summary>
public enum MeetingMode
{
    InPerson,
    Online,
    Hybrid,
}

/// <summary>What a site offers so that nobody is kept away; shown next to the address.</summary>
[Flags]
public enum SiteAccess
{
    None = 0,
    StepFree = 1,
    HearingLoop = 2,
    Childcare = 4,
    SignLanguage = 8,
    Transcription = 16,
    PublicTransport = 32,
}

/// <summary>
/// A meeting ("réunion"): a public meeting, an expert round table, a synthesis evening. It can be held
/// in several places at the same time (Lorient's five cafés the same evening), each a <see cref="MeetingSite"/>.
/// </summary>
public sealed class Meeting
{
    public const int TitleMax = 200;
    public const int DescriptionMax = 4_000;
    public const int AgendaMax = 8_000;
    public const int MinutesMax = 50_000;

    /// <summary>More than any meeting gathers, online or at a site: a typing slip, and totals stay far from overflowing.</summary>
    public const int AttendanceMax = 1_000_000;
    public const int LinkMax = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid ProcessId { get; set; }

    /// <summary>The set of meetings it belongs to: a process may hold public meetings and drop-in sessions apart.</summary>
    public Guid ComponentId { get; set; }

    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public MeetingMode Mode { get; set; }

    /// <summary>Where to join an online or hybrid meeting.</summary>
    public string? OnlineLink { get; set; }

    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }

    /// <summary>The order of the day, in Markdown.</summary>
    public string Agenda { get; set; } = "";

    /// <summary>Whether people register (and may wait for a seat); otherwise they just come.</summary>
    public bool Registration { get; set; }

    /// <summary>What was said and decided, in Markdown, written after the meeting.</summary>
    public string Minutes { get; set; } = "";

    /// <summary>How many followed online, for the report's method section.</summary>
    public int? OnlineAttendance { get; set; }

    /// <summary>Moves on each change, so calendars that imported the meeting take the new version (iCal SEQUENCE).</summary>
    public int Sequence { get; set; }

    public List<MeetingSite> Sites { get; set; } = [];

    public bool HasPlace => Mode != MeetingMode.Online;
    public bool HasLink => Mode != MeetingMode.InPerson;
}

/// <summary>One of the places where a meeting is held, with its own seats, facilitator and attendance.</summary>
public sealed class MeetingSite
{
    public const int NameMax = 200;
    public const int AddressMax = 500;
    public const int AccessNotesMax = 1_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MeetingId { get; set; }
    public int Position { get; set; }
    public required string Name { get; set; }
    public string Address { get; set; } = "";
    public SiteAccess Access { get; set; }

    /// <summary>Anything else about access: the nearest bus stop, a quiet room, how to ask for help.</summary>
    public string AccessNotes { get; set; } = "";

    /// <summary>Seats; null when the place has no limit.</summary>
    public int? Capacity { get; set; }

    /// <summary>Head count taken on the night, from the attendance sheet.</summary>
    public int? Attendance { get; set; }

    public Guid? FacilitatorId { get; set; }

    /// <summary>Where it is on a map (WGS 84), if staff gave it: the sites' open data is GeoJSON.</summary>
    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public Kernel.Text.GeoPoint? Place => Latitude is { } latitude && Longitude is { } longitude ? new(latitude, longitude) : null;

    /// <summary>Written first by every registration change on the site, so that those changes run one after another.</summary>
    public long Revision { get; set; }
}

public enum RegistrationStatus
{
    Confirmed,
    Waiting,
}

/// <summary>Someone's seat at a site, or their place on its waiting list. Only their pseudonym is ever shown.</summary>
public sealed class MeetingRegistration : IPersonAct
{
    string IPersonAct.ActKind => "registration";

    string? IPersonAct.ActAddress => $"/meetings/{MeetingId}";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MeetingId { get; set; }
    public Guid SiteId { get; set; }
    public Guid PersonId { get; set; }
    public RegistrationStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// What was said at a site and written down by its facilitator (an expectation, a proposal, a worry),
/// attributed to the site, never to a person.
/// </summary>
public sealed class MeetingRemark : Contribution
{
    public const int TextMax = 2_000;

    public Guid MeetingId { get; set; }
    public Guid? SiteId { get; set; }
    public Guid? ThemeId { get; set; }
    public required string Text { get; set; }

    public override string Kind => "remark";
    public override string Excerpt => Text;
    public override string Address => $"/meetings/{MeetingId}#remark-{Id}";

    public override void EraseContent() => Text = "";
}

public enum QuestionStatus
{
    /// <summary>Waiting for an expert.</summary>
    Open,
    Answered,

    /// <summary>The experts could not cover it; the reason is public and its theme listed as not covered.</summary>
    NotCovered,
}

/// <summary>
/// A citizen's question for the experts, asked online or collected at a meeting's site, routed to an
/// expert and answered in public (in writing, or at a round table).
/// </summary>
public sealed class ExpertQuestion : Contribution
{
    public const int TextMax = 2_000;
    public const int AnswerMax = 10_000;
    public const int ReasonMax = 1_000;

    public required string Text { get; set; }
    public Guid? ThemeId { get; set; }

    /// <summary>The set of meetings whose experts it is asked of (its meeting's, when collected at one).</summary>
    public Guid ComponentId { get; set; }

    /// <summary>The meeting and site where it was collected; null when asked online.</summary>
    public Guid? MeetingId { get; set; }

    public Guid? SiteId { get; set; }

    /// <summary>The expert it was routed to.</summary>
    public Guid? ExpertId { get; set; }

    public QuestionStatus Status { get; set; }

    /// <summary>The answer (Markdown), or why it could not be covered.</summary>
    public string? Answer { get; set; }

    public Guid? AnsweredById { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>The round table where it was answered, if it was answered aloud.</summary>
    public Guid? AnsweredAtMeetingId { get; set; }

    public override string Kind => "question";
    public override string Excerpt => Text;
    public override string Address => $"/questions/{Id}";

    public override void EraseContent() => Text = "";
}

/// <summary>A theme a round table could not cover ("ce thème n'a pas pu être traité par les experts"), recorded and shown as such.</summary>
public sealed class UncoveredTheme
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MeetingId { get; set; }
    public Guid ThemeId { get; set; }
}
