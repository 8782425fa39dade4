using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Demographics;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Processes;

/// <summary>
/// Who took part compared with the territory, for the process's analysts: by band, as shares and ratios with the number
/// of answers behind them, per channel, small cells suppressed, and the bands we barely heard; for a commune barely
/// heard, staff set up in one step what the process's modules offer to go and meet its people (a desk).
/// </summary>
public sealed class WhoTookPartModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, DemographicCommands commands, ModuleCatalog modules)
    : ParvisPageModel
{
    public Process Process { get; private set; } = default!;
    public IReadOnlyList<DimensionTable> Tables { get; private set; } = [];
    public bool HasPopulation { get; private set; }

    /// <summary>Whether the reader may type in paper forms (the page links to them; a published process only).</summary>
    public bool CanTypeForms { get; private set; }

    /// <summary>What staff may set up in each commune barely heard: the components whose module offers it, with its button's text.</summary>
    public IReadOnlyList<(ProcessComponent Component, IOutreach Outreach, string? Of)> Outreach { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    /// <summary>Sets up the component's outreach in a commune the tables say was barely heard (and only such a one).</summary>
    public async Task<IActionResult> OnPostOutreachAsync(Guid componentId, string? commune)
    {
        if (await LoadAsync() is { } refused)
        {
            return refused;
        }
        var line = Tables.Where(t => t.Dimension == Dimension.Commune).SelectMany(t => t.Lines).FirstOrDefault(l => l.Unheard && l.Band == commune);
        var chosen = Outreach.FirstOrDefault(o => o.Component.Id == componentId);
        if (chosen.Outreach is null || line is null)
        {
            return NotFound();
        }
        var reason = Text["Representativeness.OutreachReason", line.Band, Process.Title, RepresentativenessWords.Share(line.PopulationShare), RepresentativenessWords.Share(line.AnswerShare)];
        var (result, next) = await chosen.Outreach.CreateAsync(HttpContext.RequestServices, Process, chosen.Component, line.Band, reason);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }
        Flash("Representativeness.OutreachCreated", line.Band);
        return Redirect(next!);
    }

    private async Task<IActionResult?> LoadAsync()
    {
        var slug = RouteValue("slug");
        var process = await db.Processes.AsNoTracking().Include(p => p.Components).FirstOrDefaultAsync(p => p.OrganisationId == organisation.Id && p.Slug == slug);
        if (process is null)
        {
            return NotFound();
        }
        if (Denied(await authorizer.DecideAsync(Permission.Analyse, process)) is { } denied)
        {
            return denied;
        }
        Process = process;
        Tables = await commands.TablesAsync(process);
        HasPopulation = await db.PopulationFigures.AnyAsync(f => f.OrganisationId == organisation.Id);
        CanTypeForms = process.Published && await authorizer.DecideAsync(Permission.TypeForms, process) == Decision.Allowed;
        if (await authorizer.DecideAsync(Permission.EditProcess, process) == Decision.Allowed)
        {
            Outreach = [.. modules.InUse(process).Where(x => x.Module.Outreach is not null)
                .Select(x => (x.Component, x.Module.Outreach!, process.ComponentsInUse.Count(c => c.Module == x.Component.Module) > 1 ? x.Component.Title : null))];
        }
        return null;
    }
}
