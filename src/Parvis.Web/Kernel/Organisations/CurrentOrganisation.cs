using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Web;

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
/// Organisations by host name, read once and kept until one changes (on this node or, through Redis, another).
/// An unknown host falls back to the oldest organisation, so a fresh single-organisation install works on any
/// address (localhost, an IP, a new domain). The copies are shared between requests: read them, never change them.
/// </summary>
public sealed class OrganisationDirectory(ContentChanges changes, TimeProvider clock)
{
    /// <summary>Also re-read after a while, for organisations created from the command line by another process.</summary>
    private static readonly TimeSpan _maximumAge = TimeSpan.FromSeconds(30);

    private Snapshot? _snapshot;

    /// <summary>The database is asked for only when the organisations must be read again.</summary>
    public async Task<Organisation?> FindAsync(string host, IServiceProvider services, CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (snapshot is null || snapshot.Generation != changes.OrganisationsGeneration || clock.GetUtcNow() - snapshot.ReadAt > _maximumAge)
        {
            snapshot = await ReadAsync(services.GetRequiredService<ParvisDbContext>(), cancellationToken);
            // An install without organisation keeps asking, so the first one created is seen at once.
            _snapshot = snapshot.Fallback is null ? null : snapshot;
        }
        return snapshot.ByHost.GetValueOrDefault(host) ?? snapshot.Fallback;
    }

    private async Task<Snapshot> ReadAsync(ParvisDbContext db, CancellationToken cancellationToken)
    {
        var generation = changes.OrganisationsGeneration;
        var readAt = clock.GetUtcNow();
        var organisations = await db.Organisations.AsNoTracking().Include(o => o.Hosts).OrderBy(o => o.CreatedAt).ToListAsync(cancellationToken);
        var byHost = organisations.SelectMany(o => o.Hosts.Select(h => (h.Host, Organisation: o)))
            .ToDictionary(h => h.Host, h => h.Organisation, StringComparer.Ordinal);
        return new Snapshot(generation, readAt, byHost, organisations.FirstOrDefault());
    }

    private sealed record Snapshot(long Generation, DateTimeOffset ReadAt, Dictionary<string, Organisation> ByHost, Organisation? Fallback);
}

/// <summary>Resolves the request's organisation from its host name, or says how to create the first one.</summary>
public sealed class OrganisationResolutionMiddleware(RequestDelegate next, OrganisationDirectory directory)
{
    public async Task InvokeAsync(HttpContext context, CurrentOrganisation current)
    {
        var organisation = await directory.FindAsync(context.Request.Host.Host.ToLowerInvariant(), context.RequestServices, context.RequestAborted);
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
