namespace Parvis.Web.Kernel.Processes;

/// <summary>A participation process ("démarche"), run by an organisation in phases.</summary>
public sealed class Process
{
    public const int TitleMax = 150;
    public const int SummaryMax = 500;
    public const int DescriptionMax = 20_000;
    public const int TerritoryMax = 200;
    public const int ClosingNoteMax = 2_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string Summary { get; set; } = "";

    /// <summary>The same summary in plain language (FALC) for readers who need it.</summary>
    public string PlainSummary { get; set; } = "";

    /// <summary>Markdown, rendered without raw HTML.</summary>
    public string Description { get; set; } = "";

    public string Territory { get; set; } = "";
    public bool Published { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>Whether comments, like proposals, are each given a fate by the analysts.</summary>
    public bool CommentsAwaitFate { get; set; }

    /// <summary>Once closed nobody contributes any more, whatever the phase dates say.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Why it was closed with contributions left without a fate; public.</summary>
    public string? ClosingNote { get; set; }

    /// <summary>How many contributions had no fate at closing.</summary>
    public int ClosedWithoutFate { get; set; }

    public List<Phase> Phases { get; set; } = [];
    public List<Theme> Themes { get; set; } = [];

    /// <summary>The phase whose dates contain the given day; phases are not expected to overlap, the earliest wins.</summary>
    public Phase? CurrentPhase(DateOnly today) =>
        Phases.OrderBy(p => p.StartsOn).FirstOrDefault(p => p.StartsOn <= today && today <= p.EndsOn);
}

/// <summary>A period of a process; what participants may do is switched per phase.</summary>
public sealed class Phase
{
    public const int TitleMax = 120;
    public const int DescriptionMax = 2_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProcessId { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public bool ProposalsOpen { get; set; }
    public bool SupportsOpen { get; set; }
    public bool CommentsOpen { get; set; }
}

public sealed class Theme
{
    public const int NameMax = 80;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProcessId { get; set; }
    public required string Name { get; set; }
    public int Position { get; set; }
}
