using Parvis.Web.Kernel.Contributions;

namespace Parvis.Web.Modules.Workshops;

/// <summary>
/// A facilitated workshop ("atelier"): timed steps ("temps") run one after the other by parallel groups
/// (tables), each with its facilitator. What the groups produce are <see cref="WorkshopItem"/>s.
/// </summary>
public sealed class Workshop
{
    public const int TitleMax = 200;
    public const int DescriptionMax = 4_000;
    public const int PlaceMax = 300;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid ProcessId { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public string Place { get; set; } = "";
    public DateTimeOffset? StartsAt { get; set; }

    /// <summary>The short code a participant types, or reads from the QR code, to contribute without an account.</summary>
    public required string JoinCode { get; set; }

    /// <summary>The time being run; null before the start and once closed.</summary>
    public Guid? CurrentTimeId { get; set; }

    public DateTimeOffset? TimeStartedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Moves on every change of the workshop or what its groups produced: the wall reloads only when it moved.</summary>
    public long Revision { get; set; }

    public List<WorkshopTime> Times { get; set; } = [];
    public List<WorkshopGroup> Groups { get; set; } = [];

    public WorkshopTime? CurrentTime => Times.FirstOrDefault(t => t.Id == CurrentTimeId);

    /// <summary>When the current time should end, if it has a duration.</summary>
    public DateTimeOffset? CurrentTimeEndsAt =>
        CurrentTime?.Minutes is { } minutes && TimeStartedAt is { } started ? started.AddMinutes(minutes) : null;
}

/// <summary>What a time asks the groups to produce.</summary>
public enum TimeOutput
{
    Concerns,
    Actions,
    Resources,
}

/// <summary>A timed step of a workshop ("Temps 1 : le diagnostic, 30 min").</summary>
public sealed class WorkshopTime
{
    public const int TitleMax = 200;
    public const int InstructionsMax = 2_000;
    public const int MinutesMax = 600;

    /// <summary>The most a time's least or most items can be: what a table's sheet holds.</summary>
    public const int ItemsMax = 50;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkshopId { get; set; }
    public int Position { get; set; }
    public required string Title { get; set; }
    public string Instructions { get; set; } = "";

    /// <summary>Null for a time without a set duration.</summary>
    public int? Minutes { get; set; }

    public TimeOutput Output { get; set; }

    /// <summary>How many items each group should record ("three to five major concerns"); null for no limit.</summary>
    public int? MinItems { get; set; }

    public int? MaxItems { get; set; }

    /// <summary>All groups' work is gathered in one place: every table adds to every group's items (HTD's time 3).</summary>
    public bool Gathered { get; set; }
}

/// <summary>A group working in parallel: one of the four HTD workshops, or a table of four or five.</summary>
public sealed class WorkshopGroup
{
    public const int NameMax = 200;
    public const int QuestionMax = 1_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkshopId { get; set; }
    public int Position { get; set; }
    public required string Name { get; set; }

    /// <summary>The question the group works on.</summary>
    public string Question { get; set; } = "";

    public Guid? FacilitatorId { get; set; }

    /// <summary>The process theme the group works on, so its items are found under that theme (grids, report).</summary>
    public Guid? ThemeId { get; set; }
}

public enum ItemKind
{
    Concern,
    Action,
    Resource,
}

public enum ResourceStatus
{
    Existing,
    ToCreate,
}

/// <summary>
/// What a group produced: a concern, an action for a concern, or a resource for an action with the
/// structure that could carry it. Attributed to the group, never to a person (Origin names the table).
/// </summary>
public sealed class WorkshopItem : Contribution
{
    public const int TextMax = 500;
    public const int ActorMax = 200;

    public Guid WorkshopId { get; set; }
    public Guid GroupId { get; set; }
    public ItemKind ItemKind { get; set; }

    /// <summary>An action's concern, a resource's action.</summary>
    public Guid? ParentId { get; set; }

    public required string Text { get; set; }

    /// <summary>Order among its siblings, as the facilitator arranged them.</summary>
    public int Position { get; set; }

    /// <summary>A concern the group chose to carry forward.</summary>
    public bool Carried { get; set; }

    /// <summary>Set when a facilitator merged this duplicate into another item; kept, so nothing is lost.</summary>
    public Guid? MergedIntoId { get; set; }

    public ResourceStatus? ResourceStatus { get; set; }

    /// <summary>The structure that could carry the action.</summary>
    public string? Actor { get; set; }

    public override string Kind => KindOf(ItemKind);

    public static string KindOf(ItemKind kind) => kind switch
    {
        ItemKind.Concern => "concern",
        ItemKind.Action => "action",
        _ => "resource",
    };

    public override string Excerpt => string.IsNullOrEmpty(Actor) ? Text : $"{Text} ({Actor})";

    public override string Address => $"/workshops/{WorkshopId}#item-{Id}";

    public bool IsVisible => HiddenAt is null && ErasedAt is null && MergedIntoId is null;

    public override void EraseContent()
    {
        Text = "";
        Actor = null;
    }
}

/// <summary>
/// Adding to a workshop's board by its code under a mandate, as the person's journal says it: once a day, workshop and
/// kind, with no time nor address, since the board's items name nobody.
/// </summary>
public sealed record WorkshopTakingPart(Guid WorkshopId, ItemKind Kind) : Kernel.Mediation.IPersonAct
{
    string Kernel.Mediation.IPersonAct.ActKind => WorkshopItem.KindOf(Kind);

    string? Kernel.Mediation.IPersonAct.ActAddress => null;

    Guid? Kernel.Mediation.IPersonAct.ActSubjectId => WorkshopId;

    bool Kernel.Mediation.IPersonAct.ActDayOnly => true;
}
