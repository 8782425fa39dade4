namespace Parvis.Web.Kernel.Notifications;

/// <summary>What someone follows: a whole process, a theme of one, or one item (a proposal, a petition, a text…).</summary>
public enum FollowedKind
{
    Process,
    Theme,
    Item,

    /// <summary>A commune or a place, by its name (<see cref="Places"/>): what happens there, whatever the process.</summary>
    Place,
}

/// <summary>
/// A person's explicit choice about one subject: following it, or no longer following it. People involved in an item
/// (its author, those who commented, supported, signed or registered) hear of it without a row here; a row with
/// <see cref="Following"/> false is how they stop, and is why a later contribution does not make them follow again.
/// </summary>
public sealed class Follow
{
    public const int TitleMax = 200;
    public const int AddressMax = 400;

    public Guid PersonId { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid SubjectId { get; set; }
    public FollowedKind Kind { get; set; }
    public bool Following { get; set; }

    /// <summary>What the person's list of follows shows, as the subject was titled when they chose.</summary>
    public required string Title { get; set; }

    public required string Address { get; set; }
    public DateTimeOffset ChosenAt { get; set; }
}

/// <summary>
/// Something that happened once, told to everyone concerned: each of them gets a <see cref="Notification"/> pointing
/// here. Its text is the kind's sentence with <see cref="Arguments"/>, written in each reader's language when read.
/// </summary>
public sealed class NotificationEvent
{
    public const int KindMax = 60;
    public const int DedupeKeyMax = 120;
    public const int ArgumentsMax = 4_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid? ProcessId { get; set; }

    /// <summary>The key of its <see cref="NotificationKind"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>The item digests group it under.</summary>
    public Guid ItemId { get; set; }

    /// <summary>The item's theme, for the theme's followers and feed.</summary>
    public Guid? ThemeId { get; set; }

    /// <summary>
    /// The contribution whose words the event quotes (a comment), if any: once moderation hides it or its author
    /// erases it, the event is no longer shown nor sent, as with a hidden item.
    /// </summary>
    public Guid? SourceId { get; set; }

    public required string ItemTitle { get; set; }

    /// <summary>The item's page, a path of the organisation's site.</summary>
    public required string Address { get; set; }

    /// <summary>The sentence's arguments, as JSON strings.</summary>
    public string Arguments { get; set; } = "[]";

    public DateTimeOffset RaisedAt { get; set; }

    /// <summary>Set for what a schedule raises (a phase opening): the database keeps it once even if two nodes raise it.</summary>
    public string? DedupeKey { get; set; }
}

/// <summary>One person's copy of an event: the in-site list reads it, and the mail dispatcher sends it once or never.</summary>
public sealed class Notification
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid EventId { get; set; }
    public Guid PersonId { get; set; }
    public Guid OrganisationId { get; set; }

    /// <summary>About the person's own contribution (its fate, an answer to it): first in every list and digest.</summary>
    public bool AboutYou { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    public MailState Mail { get; set; }

    /// <summary>The message that carried it, once sent.</summary>
    public Guid? MessageId { get; set; }
}

public enum MailState
{
    /// <summary>Waiting for its moment: now, or the person's next digest.</summary>
    Pending,
    Sent,

    /// <summary>Never to be sent: the person chose "never" for its kind, or has no confirmed address.</summary>
    NotSent,
}

/// <summary>How a person hears of a kind of event.</summary>
public enum NotificationMode
{
    Immediately,
    Daily,
    Weekly,
    Never,
}

/// <summary>A person's choices; without a row, each kind's default and a digest at six in the evening.</summary>
public sealed class NotificationSettings
{
    public const int DefaultHour = 18;

    public Guid PersonId { get; set; }

    /// <summary>The language they chose for their messages; until they do, each organisation writes in its own.</summary>
    public string? Culture { get; set; }

    /// <summary>The hour, local time, digests leave at.</summary>
    public int DigestHour { get; set; } = DefaultHour;

    public DayOfWeek WeeklyDay { get; set; } = DayOfWeek.Monday;

    /// <summary>No e-mail at all (the one-click stop of every message): news stays on the site.</summary>
    public bool EmailsOff { get; set; }

    /// <summary>The last daily and weekly digest moments handled, sent or found empty: a digest is never sent twice for one moment.</summary>
    public DateTimeOffset? LastDailyAt { get; set; }

    public DateTimeOffset? LastWeeklyAt { get; set; }
}

/// <summary>A person's choice for one kind, when it differs from the kind's default.</summary>
public sealed class NotificationChoice
{
    public Guid PersonId { get; set; }
    public required string Kind { get; set; }
    public NotificationMode Mode { get; set; }
}

/// <summary>
/// A message composed for one person, kept until it is sent so a node that stops mid-send loses nothing and sends
/// nothing twice: a message is claimed before it leaves, and a claim never confirmed is not sent again.
/// </summary>
public sealed class OutgoingMessage
{
    public const int SubjectMax = 200;
    public const int NodeMax = 100;
    public const int MaxAttempts = 5;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PersonId { get; set; }
    public Guid OrganisationId { get; set; }
    public required string Subject { get; set; }
    public required string Text { get; set; }
    public required string Html { get; set; }

    /// <summary>Where one click stops every message (RFC 8058), for the List-Unsubscribe header.</summary>
    public required string StopAddress { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public MessageState State { get; set; }
    public int Attempts { get; set; }

    /// <summary>Not tried again before then, after a failure.</summary>
    public DateTimeOffset NotBefore { get; set; }

    public string? Node { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}

public enum MessageState
{
    Queued,

    /// <summary>Claimed by a node, leaving now.</summary>
    Sending,
    Sent,

    /// <summary>Its node stopped while sending it: it may have left, so it is not sent again.</summary>
    Interrupted,

    /// <summary>Refused by the mail server <see cref="OutgoingMessage.MaxAttempts"/> times.</summary>
    Failed,

    /// <summary>Not sent: its person's account went, or they stopped every message, before it left.</summary>
    Withdrawn,
}
