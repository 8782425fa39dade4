using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;

namespace Parvis.Web.Kernel.Organisations;

/// <summary>The organisation the current request is for, resolved once from the host name.</summary>
public sealed class CurrentOrganisation
{
    private Organisation? _organisation;

    public Organisation Value => _organisation ?? throw new InvalidOperationException("No organisation resolved for this request.");
    public Guid Id => Value.Id;
    public bool IsResolved => _organisation is not null;

    internal void Set(Organisation organisation) => _organisation = organisation;
}

/// <summary>
/// Finds the organisation by host name. An unknown host falls back to the oldest organisation,
/// so a fresh single-organisation install works on any address (localhost, an IP, a new domain).
/// </summary>
public sealed class OrganisationResolutionMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, ParvisDbContext db, CurrentOrganisation current)
    {
        var host = context.Request.Host.Host.ToLowerInvariant();
        var organisation = await db.Organisations.AsNoTracking()
            .Where(o => o.Hosts.Any(h => h.Host == host))
            .FirstOrDefaultAsync(context.RequestAborted)
            ?? await db.Organisations.AsNoTracking().OrderBy(o => o.CreatedAt).FirstOrDefaultAsync(context.RequestAborted);

        if (organisation is null && !context.Request.Path.StartsWithSegments("/health"))
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(
                "Parvis has no organisation yet. Create one with: dotnet Parvis.Web.dll create-organisation --name \"…\" --host example.org\n");
            return;
        }
        if (organisation is not null)
        {
            current.Set(organisation);
        }
        await next(context);
    }
}
