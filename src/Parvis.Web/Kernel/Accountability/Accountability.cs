using Parvis.Web.Kernel.Contributions;

namespace Parvis.Web.Kernel.Accountability;

/// <summary>One decision on a contribution's fate. The latest is the current one; all stay public as its history.</summary>
public sealed class FateDecision
{
    public const int TextMax = 4_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid ProcessId { get; set; }
    public Guid ContributionId { get; set; }
    public Fate Fate { get; set; }

    /// <summary>The answer (answered), the reason (not retained) or a note; public.</summary>
    public string Text { get; set; } = "";

    /// <summary>The synthesis item it was retained in.</summary>
    public Guid? SynthesisItemId { get; set; }

    /// <summary>The contribution it was merged into.</summary>
    public Guid? MergedIntoId { get; set; }

    /// <summary>Kept for the audit, never shown: the fate is the analysis team's, not a person's.</summary>
    public Guid? AnalystId { get; set; }

    public DateTimeOffset DecidedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>The kinds of synthesis items, in the order the synthesis and the report present them.</summary>
public enum SynthesisItemKind
{
    Concern,
    PointOfVigilance,
    UseToDevelop,
    Recommendation,
    Action,
}

/// <summary>One item of a process's synthesis, linked to the contributions behind it.</summary>
public sealed class SynthesisItem
{
    public const int TitleMax = 200;
    public const int BodyMax = 6_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid ProcessId { get; set; }
    public SynthesisItemKind Kind { get; set; }
    public required string Title { get; set; }

    /// <summary>Plain text; paragraphs separated by blank lines.</summary>
    public string Body { get; set; } = "";

    public int Position { get; set; }

    /// <summary>The process theme it belongs to: the report presents each kind theme by theme.</summary>
    public Guid? ThemeId { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>Recommendations and actions are followed up after the process; the rest are findings.</summary>
    public bool IsTracked => Kind is SynthesisItemKind.Recommendation or SynthesisItemKind.Action;

    /// <summary>For a tracked item, copied from its latest <see cref="ResultUpdate"/>.</summary>
    public ResultStatus Status { get; set; }

    public int Progress { get; set; }

    /// <summary>Who carries it (a service, an elected body, an association).</summary>
    public string ResponsibleBody { get; set; } = "";

    public DateOnly? LastUpdateOn { get; set; }
}

public enum ResultStatus
{
    NotStarted,
    InProgress,
    Done,
    Abandoned,
}

/// <summary>A dated, public update of a recommendation or an action: the timeline of what was done.</summary>
public sealed class ResultUpdate
{
    public const int TextMax = 4_000;
    public const int ResponsibleMax = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid ProcessId { get; set; }
    public Guid SynthesisItemId { get; set; }
    public ResultStatus Status { get; set; }
    public int Progress { get; set; }
    public string ResponsibleBody { get; set; } = "";
    public required string Text { get; set; }

    /// <summary>The day it happened, which may be before it was recorded.</summary>
    public DateOnly On { get; set; }

    public DateTimeOffset RecordedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>Kept for the audit, never shown.</summary>
    public Guid? AuthorId { get; set; }
}

/// <summary>A contribution behind a synthesis item; read from either side.</summary>
public sealed class SynthesisLink
{
    public Guid SynthesisItemId { get; set; }
    public Guid ContributionId { get; set; }
    public DateTimeOffset LinkedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>A recommendation or an action answering another item of the synthesis (a concern, a point of vigilance…); read both ways.</summary>
public sealed class SynthesisItemLink
{
    /// <summary>The recommendation or action.</summary>
    public Guid FromItemId { get; set; }

    /// <summary>What it answers.</summary>
    public Guid ToItemId { get; set; }
}

/// <summary>
/// A theme an analyst gave a contribution, of any module or channel (a workshop item, a paper form, a comment): next
/// to the theme a module's own contribution may carry (a proposal's, chosen by its author).
/// </summary>
public sealed class ContributionTheme
{
    public Guid ContributionId { get; set; }
    public Guid ThemeId { get; set; }
    public DateTimeOffset CodedAt { get; set; }
}
