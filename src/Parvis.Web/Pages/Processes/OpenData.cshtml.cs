using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.OpenData;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Processes;

/// <summary>One published process's open data: the organisation's datasets, read within the process.</summary>
[EnableRateLimiting(Kernel.Web.RateLimits.OpenData)]
public sealed class OpenDataModel(OpenDataService data, Kernel.Data.ParvisDbContext db, Kernel.Organisations.CurrentOrganisation organisation) : ParvisPageModel
{
    public IReadOnlyList<DatasetSummary> Datasets { get; private set; } = [];

    public string Slug { get; private set; } = "";

    public string ProcessTitle { get; private set; } = "";

    public Licence Licence => data.Licence;

    public async Task<IActionResult> OnGetAsync()
    {
        Slug = RouteValue("slug");
        var title = await db.Processes.Where(p => p.OrganisationId == organisation.Id && p.Slug == Slug && p.Published).Select(p => p.Title).FirstOrDefaultAsync();
        if (title is null || await data.ScopeAsync(Slug) is not { } scope)
        {
            return NotFound();
        }
        ProcessTitle = title;
        Datasets = await data.SummariesAsync(scope, Slug, null, HttpContext.RequestAborted);
        return Page();
    }
}
