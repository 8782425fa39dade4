using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Parvis.Web.Kernel.OpenData;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.OpenData;

/// <summary>The organisation's open data: every dataset of its published processes, with its row count and files.</summary>
[EnableRateLimiting(Kernel.Web.RateLimits.OpenData)]
public sealed class IndexModel(OpenDataService data) : ParvisPageModel
{
    public IReadOnlyList<DatasetSummary> Datasets { get; private set; } = [];

    public Licence Licence => data.Licence;

    public async Task<IActionResult> OnGetAsync()
    {
        Datasets = await data.SummariesAsync((await data.ScopeAsync(null))!, null, null, HttpContext.RequestAborted);
        return Page();
    }
}
