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
    ModuleCatalog modules)
    : ParvisPageModel
{
    private ParvisDbContext Db => database.Context;

    public Process Process { get; private set; } = default!;
    public Phase? CurrentPhase { get; private set; }
    public IReadOnlyList<ProcessEntry> Entries { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public FateCount Fates { get; private set; } = default!;
    public int SynthesisItems { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var slug = RouteValue("slug");
        var overview = await shared.GetAsync($"process:{organisation.Id}:{slug}", () => OverviewAsync(slug));
        CanEdit = overview is not null && await authorizer.CanAsync(Permission.EditProcess, overview.Process);
        if (overview is null || (!overview.Process.Published && !CanEdit))
        {
            return NotFound();
        }
        (Process, Entries, Fates, SynthesisItems) = overview;
        CurrentPhase = Process.CurrentPhase(authorizer.Today());
        return Page();
    }

    private sealed record Overview(Process Process, IReadOnlyList<ProcessEntry> Entries, FateCount Fates, int SynthesisItems);

    /// <summary>The same for everyone: read once per change, even for people signed in.</summary>
    private async Task<Overview?> OverviewAsync(string slug)
    {
        var process = await Db.Processes.AsNoTracking().Include(p => p.Phases).Include(p => p.Themes)
            .FirstOrDefaultAsync(p => p.OrganisationId == organisation.Id && p.Slug == slug);
        if (process is null)
        {
            return null;
        }
        var entries = new List<ProcessEntry>();
        foreach (var module in modules.Modules)
        {
            entries.AddRange(await module.EntriesAsync(Db, process));
        }
        return new Overview(process, entries, await fates.CountAsync(process), await Db.SynthesisItems.CountAsync(i => i.ProcessId == process.Id));
    }
}
