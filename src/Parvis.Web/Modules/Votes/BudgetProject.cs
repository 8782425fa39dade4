using Parvis.Web.Kernel.Contributions;

namespace Parvis.Web.Modules.Votes;

/// <summary>
/// A district or theme of a participatory budget with its own money ("Quartier de Kervénanec : 50 000 €"): projects
/// are submitted in it, and its budget vote shares its amount among its feasible projects.
/// </summary>
public sealed class BudgetArea
{
    public const int NameMax = 120;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProcessId { get; set; }
    public Guid ComponentId { get; set; }
    public required string Name { get; set; }

    /// <summary>In whole currency units.</summary>
    public long Amount { get; set; }
}

/// <summary>Staff's public review of a submitted project.</summary>
public enum ProjectReview
{
    Pending,

    /// <summary>Feasible, at the cost staff estimated: it goes to the vote.</summary>
    Feasible,

    /// <summary>Not feasible, with the reason: it gets that fate ("not retained") publicly.</summary>
    NotFeasible,
}

/// <summary>
/// A project submitted for a participatory budget: a contribution like any other, with a fate (not retained when not
/// feasible, retained into its action when funded), and staff's feasibility review with a cost or a reason, both public.
/// </summary>
public sealed class BudgetProject : Contribution
{
    public const int TitleMax = 150;
    public const int DescriptionMax = 4_000;
    public const int ReviewTextMax = 2_000;

    public Guid ComponentId { get; set; }
    public Guid AreaId { get; set; }
    public required string Title { get; set; }
    public required string Description { get; set; }

    public ProjectReview Review { get; set; }

    /// <summary>Feasible: staff's estimate of its cost, in whole currency units.</summary>
    public long? Cost { get; set; }

    /// <summary>What the review says: how the cost was estimated, or why the project is not feasible.</summary>
    public string ReviewText { get; set; } = "";

    public DateTimeOffset? ReviewedAt { get; set; }

    public override string Kind => "budget-project";

    public override string Excerpt => $"{Title} — {Description}";

    public override string Address => $"/votes/projects/{Id}";

    public override void EraseContent()
    {
        Title = "";
        Description = "";
    }
}
