using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Processes;

[OutputCache(PolicyName = PublicPagePolicy.Name)]
public sealed class ShowModel(DatabaseOnDemand database, CurrentOrganisation organisation, Authorizer authorizer, FateCommands fates, SharedData shared,
    ModuleCatalog modules, TimeProvider clock)
    : ParvisPageModel
{
    private ParvisDbContext Db => database.Context;

    public Process Process { get; private set; } = default!;
    public Phase? CurrentPhase { get; private set; }

    /// <summary>The phase whose end participants are asked about now, if any.</summary>
    public Phase? FeedbackPhase { get; private set; }
    /// <summary>The hour what the page offers is for.</summary>
    public DateTimeOffset Hour { get; private set; }
    /// <summary>Each component in use with its title (empty for the module's own) and its links.</summary>
    public IReadOnlyList<ComponentEntries> Components { get; private set; } = [];

    public ModuleCatalog Modules => modules;

    /// <summary>What a participant can do now, component by component.</summary>
    public IReadOnlyList<ComponentActions> Actions { get; private set; } = [];
    /// <summary>What is to come that people can attend (meetings), the first few.</summary>
    public Upcoming Upcoming { get; private set; } = Upcoming.None;

    public bool CanEdit { get; private set; }

    /// <summary>Whether the visitor analyses the process: who took part is theirs to read.</summary>
    public bool CanAnalyse { get; private set; }
    public FateCount Fates { get; private set; } = default!;
    public int SynthesisItems { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var slug = RouteValue("slug");
        var today = authorizer.Today();
        var hour = Hour = ActionHour.Of(clock.GetLocalNow());
        var overview = await shared.GetAsync($"process:{organisation.Id}:{slug}:{hour:yyyy-MM-ddTHH}", () => OverviewAsync(slug, hour));
        CanEdit = overview is not null && await authorizer.CanAsync(Permission.EditProcess, overview.Process);
        CanAnalyse = overview is not null && await authorizer.CanAsync(Permission.Analyse, overview.Process);
        if (overview is null || (!overview.Process.Published && !CanEdit))
        {
            return NotFound();
        }
        (Process, Components, Actions, Upcoming, Fates, SynthesisItems) = overview;
        CurrentPhase = Process.CurrentPhase(today);
        FeedbackPhase = PhaseFeedback.Asked(Process.Phases, today);
        return Page();
    }

    private sealed record Overview(Process Process, IReadOnlyList<ComponentEntries> Components, IReadOnlyList<ComponentActions> Actions,
        Upcoming Upcoming, FateCount Fates, int SynthesisItems);

    /// <summary>How many appointments the page lists before saying how many more there are.</summary>
    private const int UpcomingShown = 5;

    public sealed record ComponentEntries(string Title, string TitleKey, IReadOnlyList<ModuleLink> Entries);

    /// <summary>The same for everyone: read once per change, even for people signed in.</summary>
    private async Task<Overview?> OverviewAsync(string slug, DateTimeOffset hour)
    {
        var process = await Db.Processes.AsNoTracking().Include(p => p.Themes)
            .FirstOrDefaultAsync(p => p.OrganisationId == organisation.Id && p.Slug == slug);
        if (process is null)
        {
            return null;
        }
        var components = new List<ComponentEntries>();
        foreach (var (component, module) in modules.InUse(process))
        {
            components.Add(new ComponentEntries(component.Title, module.TitleKey, await module.EntriesAsync(Db, process, component)));
        }
        return new Overview(process, components, await modules.ActionsAsync(Db, process, hour), await modules.UpcomingAsync(Db, process, hour, UpcomingShown),
            await fates.CountAsync(process),
            await Db.SynthesisItems.CountAsync(i => i.ProcessId == process.Id));
    }
}
