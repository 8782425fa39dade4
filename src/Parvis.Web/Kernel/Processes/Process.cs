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

    /// <summary>Once closed nobody contributes any more, whatever the phase dates say.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Why it was closed with contributions left without a fate; public.</summary>
    public string? ClosingNote { get; set; }

    /// <summary>How many contributions had no fate at closing.</summary>
    public int ClosedWithoutFate { get; set; }

    /// <summary>Always loaded with the process, so that no decision is made without them.</summary>
    public List<Phase> Phases { get; set; } = [];

    public List<Theme> Themes { get; set; } = [];

    /// <summary>Staff switched off the suggestions offered to analysts (likely duplicates, cells of the grids).</summary>
    public bool SuggestionsOff { get; set; }

    /// <summary>The modules staff switched on for it, and those switched off (kept for their title and order); always loaded.</summary>
    public List<ProcessComponent> Components { get; set; } = [];

    /// <summary>The module's component in use, the first in the process's order if the module is used more than once.</summary>
    public ProcessComponent? Component(string module)
    {
        // Asked on every permission a module checks: a plain loop, no delegate.
        ProcessComponent? first = null;
        foreach (var component in Components)
        {
            if (component.Enabled && component.Module == module && (first is null || component.Position < first.Position))
            {
                first = component;
            }
        }
        return first;
    }

    /// <summary>The component, if it is this process's and in use.</summary>
    public ProcessComponent? Component(Guid componentId)
    {
        foreach (var component in Components)
        {
            if (component.Id == componentId)
            {
                return component.Enabled ? component : null;
            }
        }
        return null;
    }

    public bool Uses(string module) => Component(module) is not null;

    /// <summary>The components in use, in their order.</summary>
    public IEnumerable<ProcessComponent> ComponentsInUse => Components.Where(c => c.Enabled).OrderBy(c => c.Position);

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

    /// <summary>
    /// The modules' switches that are on during this phase, each for one component ("proposals.proposing/{component
    /// id}"): a module used twice in a process has each component's settings of its own.
    /// </summary>
    public HashSet<string> Switches { get; set; } = [];

    public bool IsOn(ProcessComponent component, string moduleSwitch) => Switches.Contains(Entry(component.Id, moduleSwitch));

    public void SwitchOn(ProcessComponent component, params IEnumerable<string> moduleSwitches) =>
        Switches.UnionWith(moduleSwitches.Select(s => Entry(component.Id, s)));

    /// <summary>How a switch of a component is kept in <see cref="Switches"/>.</summary>
    public static string Entry(Guid componentId, string moduleSwitch) => $"{moduleSwitch}/{componentId}";
}

/// <summary>What one phase switches on for one component: what a module's phase rule reads.</summary>
public readonly record struct PhaseSettings(Phase Phase, ProcessComponent? Component)
{
    public bool IsOn(string moduleSwitch) => Component is not null && Phase.IsOn(Component, moduleSwitch);
}

/// <summary>
/// A module a process uses (Decidim's component): staff switch it on, give it a title and a place among the others.
/// Switched off, it is hidden and its contributions stay, with their fates, in the report and in personal data.
/// </summary>
public sealed class ProcessComponent
{
    public const int TitleMax = 120;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProcessId { get; set; }

    /// <summary>The module's name in the catalog.</summary>
    public required string Module { get; set; }

    /// <summary>Empty for the module's own title.</summary>
    public string Title { get; set; } = "";

    public int Position { get; set; }
    public bool Enabled { get; set; } = true;

    /// <summary>The module's switches that are on for the whole process ("proposals.comments-await-fate").</summary>
    public HashSet<string> Switches { get; set; } = [];

    public bool IsOn(string moduleSwitch) => Switches.Contains(moduleSwitch);

    /// <summary>Whether a title fails to tell its component apart from the others of its module: empty, or one of theirs.</summary>
    public static bool SameTitle(string title, IEnumerable<string> others) =>
        others.Any() && (title.Trim().Length == 0 || others.Any(o => string.Equals(o.Trim(), title.Trim(), StringComparison.InvariantCultureIgnoreCase)));
}

public sealed class Theme
{
    public const int NameMax = 80;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProcessId { get; set; }
    public required string Name { get; set; }
    public int Position { get; set; }
}
