using Microsoft.Extensions.Diagnostics.HealthChecks;
using Parvis.Web.Kernel.Data;

namespace Parvis.Web.Kernel.Web;

public sealed class DatabaseHealthCheck(ParvisDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database cannot be reached.");
}
