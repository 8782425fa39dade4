using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Demographics;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Processes;

/// <summary>
/// Who took part compared with the territory, for the process's analysts: by band, as shares and ratios with the number
/// of answers behind them, per channel, small cells suppressed, and the bands we barely heard.
/// </summary>
public sealed class WhoTookPartModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, DemographicCommands commands) : ParvisPageModel
{
    public Process Process { get; private set; } = default!;
    public IReadOnlyList<DimensionTable> Tables { get; private set; } = [];
    public bool HasPopulation { get; private set; }

    /// <summary>Whether the reader may type in paper forms (the page links to them; a published process only).</summary>
    public bool CanTypeForms { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var slug = RouteValue("slug");
        var process = await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.OrganisationId == organisation.Id && p.Slug == slug);
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
        return Page();
    }
}
