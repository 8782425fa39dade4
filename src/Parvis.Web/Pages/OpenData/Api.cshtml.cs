using Parvis.Web.Kernel.OpenData;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.OpenData;

/// <summary>The read API's reference in words: its addresses, parameters, pages, cache, limits and errors, and every dataset's address.</summary>
public sealed class ApiModel(OpenDataService data, IConfiguration configuration) : ParvisPageModel
{
    public IReadOnlyList<Dataset> Datasets => data.Datasets;

    /// <summary>The requests a visitor may make, and in how many seconds, as the limiter counts them.</summary>
    public System.Threading.RateLimiting.FixedWindowRateLimiterOptions Limit { get; } = RateLimits.Window(configuration, RateLimits.OpenData, RateLimits.OpenDataPermits);
}
