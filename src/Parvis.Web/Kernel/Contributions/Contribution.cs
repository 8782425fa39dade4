namespace Parvis.Web.Kernel.Contributions;

/// <summary>
/// Anything a person contributes to a process (a proposal, a comment, later a workshop concern…).
/// Moderation, flags and the fate of contributions work on this kernel concept, so they
/// never need to read a module's own tables. Modules derive from it (table per type).
/// </summary>
public abstract class Contribution : Mediation.IPersonAct
{
    public const int OriginMax = 300;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid ProcessId { get; set; }

    /// <summary>Null once the author deleted their account and chose to stay as a "deleted participant".</summary>
    public Guid? AuthorId { get; set; }

    /// <summary>The table or site it comes from when it belongs to a group rather than a person ("Table 2 · Atelier…").</summary>
    public string? Origin { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>
    /// When its text was last changed after it was written, by a module that lets it be: what compares contributions
    /// reads it again.
    /// </summary>
    public DateTimeOffset? RevisedAt { get; set; }

    /// <summary>What it is written in (its author's interface language unless they said otherwise): pages mark it with <c>lang</c>.</summary>
    public string Language { get; set; } = Text.ContentLanguage.Current;

    /// <summary>Set by a moderator, with the reason that appears in the public moderation log.</summary>
    public DateTimeOffset? HiddenAt { get; set; }
    public string? HiddenReason { get; set; }

    /// <summary>Set when the author erased their account and asked for their contributions to be removed.</summary>
    public DateTimeOffset? ErasedAt { get; set; }

    /// <summary>How it reached the process: analysis grids and the report's annex group by it.</summary>
    public Channel Channel { get; set; } = Channel.Online;

    /// <summary>The current fate, copied from the latest <see cref="Parvis.Web.Kernel.Accountability.FateDecision"/> so that counts need no history.</summary>
    public Fate? Fate { get; set; }

    public DateTimeOffset? FateDecidedAt { get; set; }

    /// <summary>The structure whose mediator entered it under the author's mandate ("entered with the help of…").</summary>
    public Guid? MediatedById { get; set; }

    /// <summary>Stable name of the kind ("proposal", "comment") used in logs, reports and exports.</summary>
    public abstract string Kind { get; }

    string Mediation.IPersonAct.ActKind => Kind;

    string? Mediation.IPersonAct.ActAddress => Address;

    /// <summary>The text a moderator reads to decide.</summary>
    public abstract string Excerpt { get; }

    /// <summary>What lists of follows and notifications call it: its title where it has one, else the start of its text.</summary>
    public virtual string Caption => Text.Excerpts.Cut(Excerpt, 120);

    /// <summary>The page where it is read in its module (a comment: its proposal's page, at the comment).</summary>
    public abstract string Address { get; }

    /// <summary>Replaces the text with nothing, keeping the place in threads so replies by others stay readable.</summary>
    public abstract void EraseContent();
}

/// <summary>How a contribution reached the process.</summary>
public enum Channel
{
    Online,
    Workshop,

    /// <summary>Written down at a public meeting or a round table, attributed to its site.</summary>
    Meeting,
    Paper,
    Offline,

    /// <summary>Entered by a mediator under the author's mandate, with them or for them.</summary>
    Mediated,
}

/// <summary>What became of a contribution, decided by an analyst; public with its history.</summary>
public enum Fate
{
    /// <summary>Taken into one or more synthesis items.</summary>
    Retained,

    /// <summary>Merged into another contribution that says the same.</summary>
    Merged,

    /// <summary>Given a direct answer.</summary>
    Answered,

    /// <summary>Not taken up, with the reason.</summary>
    NotRetained,

    /// <summary>Outside what the process can decide.</summary>
    OutOfScope,
}

/// <summary>A flag ("signalement"): someone says a contribution breaks the charter.</summary>
public sealed class ContributionFlag
{
    public const int ReasonMax = 1_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ContributionId { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid? FlaggedById { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? ResolvedAt { get; set; }
}

public enum ModerationAction
{
    Hide,
    Restore,

    /// <summary>Another moderator agreed with the author who contested the hiding: the contribution is shown again.</summary>
    AppealGranted,

    /// <summary>Another moderator confirmed the hiding the author contested.</summary>
    AppealRejected,
}

/// <summary>
/// The author's contest of a hiding, once per decision to hide, with their reason; decided by a moderator other than
/// the one who hid it, whose answer joins the public moderation log.
/// </summary>
public sealed class ModerationAppeal : Mediation.IPersonAct
{
    public const int ReasonMax = 1_000;

    string Mediation.IPersonAct.ActKind => "appeal";

    string? Mediation.IPersonAct.ActAddress => $"/contributions/{ContributionId}";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid ContributionId { get; set; }

    /// <summary>The hiding contested: one appeal each.</summary>
    public Guid HidingId { get; set; }

    /// <summary>Null once the author erased their account.</summary>
    public Guid? AuthorId { get; set; }

    public required string Reason { get; set; }
    public DateTimeOffset FiledAt { get; set; }

    /// <summary>Null while it waits; then <see cref="ModerationAction.AppealGranted"/> or <see cref="ModerationAction.AppealRejected"/>.</summary>
    public ModerationAction? Outcome { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }
}

/// <summary>One line of the public moderation log: what was hidden or restored, when and why.</summary>
public sealed class ModerationDecision
{
    public const int ReasonMax = 1_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid ProcessId { get; set; }
    public Guid ContributionId { get; set; }
    public required string ContributionKind { get; set; }
    public ModerationAction Action { get; set; }
    public required string Reason { get; set; }
    public Guid ModeratorId { get; set; }
    public DateTimeOffset DecidedAt { get; set; } = DateTimeOffset.UtcNow;
}
