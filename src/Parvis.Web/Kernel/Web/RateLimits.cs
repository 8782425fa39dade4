using System.Security.Claims;
using System.Threading.RateLimiting;

namespace Parvis.Web.Kernel.Web;

/// <summary>
/// Named limits pages opt into with [EnableRateLimiting]: "auth" for sign-in, registration and password
/// reset (per address), "contribute" for writing and supporting (per person). Configurable under RateLimits.
/// </summary>
public static class RateLimits
{
    public const string Auth = "auth";
    public const string Contribute = "contribute";

    public static IServiceCollection AddParvisRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Auth, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => Window(configuration, Auth, permits: 20)));
            o.AddPolicy(Contribute, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => Window(configuration, Contribute, permits: 60)));
        });
        return services;
    }

    private static FixedWindowRateLimiterOptions Window(IConfiguration configuration, string name, int permits) => new()
    {
        PermitLimit = configuration.GetValue($"RateLimits:{name}:PermitLimit", permits),
        Window = TimeSpan.FromSeconds(configuration.GetValue($"RateLimits:{name}:WindowSeconds", 60)),
        QueueLimit = 0,
    };
}
