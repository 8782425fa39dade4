using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Kernel.Modules;

/// <summary>
/// The demo process as the demo seeded it, for each module to add its part (<see cref="IParvisModule.SeedDemo"/>): a
/// published process whose phases are placed around today, its themes, a few people without a password, and the
/// synthesis the analysis has written so far. What a module adds is saved with the rest, in one transaction.
/// </summary>
public sealed class DemoProcess(ParvisDbContext db, Process process, IReadOnlyList<Person> people, IReadOnlyDictionary<string, SynthesisItem> synthesis)
{
    private readonly List<Func<IServiceProvider, Task>> _afterCommit = [];

    public ParvisDbContext Db => db;

    public Process Process => process;

    /// <summary>In order: contributions and meetings (the current phase), analysis and synthesis, the opinion given.</summary>
    public IReadOnlyList<Phase> Phases { get; } = [.. process.Phases.OrderBy(p => p.StartsOn)];

    public IReadOnlyList<Person> People => people;

    public Theme Theme(string name) => process.Themes.First(t => t.Name == name);

    /// <summary>A synthesis item the demo's analysis wrote, by the name the demo gives it.</summary>
    public SynthesisItem Synthesis(string name) => synthesis[name];

    /// <summary>The process uses the module (once more): its component comes after those seeded before.</summary>
    public ProcessComponent Use(string module, string title = "")
    {
        var component = new ProcessComponent { Module = module, Title = title, Position = process.Components.Count + 1 };
        process.Components.Add(component);
        return component;
    }

    /// <summary>A fate the analysts decided, publicly, with the synthesis item it feeds if any.</summary>
    public void Decide(Contribution contribution, Fate fate, string text, SynthesisItem? item = null)
    {
        contribution.Fate = fate;
        contribution.FateDecidedAt = DateTimeOffset.UtcNow;
        db.FateDecisions.Add(new FateDecision
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, ContributionId = contribution.Id,
            Fate = fate, Text = text, SynthesisItemId = item?.Id,
        });
        if (item is not null)
        {
            db.SynthesisLinks.Add(new SynthesisLink { SynthesisItemId = item.Id, ContributionId = contribution.Id });
        }
    }

    /// <summary>Work for once the demo is committed, such as a computation that reads what was seeded.</summary>
    public void AfterCommit(Func<IServiceProvider, Task> work) => _afterCommit.Add(work);

    public async Task CommittedAsync(IServiceProvider services)
    {
        foreach (var work in _afterCommit)
        {
            await work(services);
        }
    }
}
