using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Kernel.Organisations;

/// <summary>The organisation the current request is for, resolved once from the host name.</summary>
public sealed class CurrentOrganisation
{
    private Organisation? _organisation;
    private string? _address;

    public Organisation Value => _organisation ?? throw new InvalidOperationException("No organisation resolved for this request.");
    public Guid Id => Value.Id;
    public bool IsResolved => _organisation is not null;

    /// <summary>
    /// An absolute link to a path of this organisation, for e-mails, calendars and QR codes. Its host is always one the
    /// organisation is configured for, never what the request claimed: a forged Host header cannot send a reset token elsewhere.
    /// </summary>
    public string Link(string path) => (_address ?? throw new InvalidOperationException("No organisation resolved for this request.")) + path;

    internal void Set(Organisation organisation, string address)
    {
        _organisation = organisation;
        _address = address;
    }

    /// <summary>For work done in a scope of its own on behalf of a request.</summary>
    internal void CopyFrom(CurrentOrganisation other) => Set(other.Value, other._address!);
}

/// <summary>
/// Organisations by host name, read once and kept until one changes (on this node or, through Redis, another).
/// An unknown host is served only if the operator named a default host (Organisations:DefaultHost; the demo names
/// its own), as that host: never as whichever organisation came first. The copies are shared between requests:
/// read them, never change them.
/// </summary>
public sealed class OrganisationDirectory(ContentChanges changes, TimeProvider clock, IConfiguration configuration)
{
    public const string DefaultHostSetting = "Organisations:DefaultHost";

    private readonly string? _defaultHost = configuration[DefaultHostSetting]?.Trim().ToLowerInvariant() is { Length: > 0 } host ? host : null;

    /// <summary>Also re-read after a while, for organisations created from the command line by another process.</summary>
    private static readonly TimeSpan _maximumAge = TimeSpan.FromSeconds(30);

    private Snapshot? _snapshot;

    /// <summary>
    /// The organisation of a host and the configured host it answers as; the database is asked for only when the
    /// organisations must be read again. Null when the install has no organisation yet.
    /// </summary>
    public async Task<Resolution?> FindAsync(string host, IServiceProvider services, CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (snapshot is null || snapshot.Generation != changes.GenerationOf(ChangeKind.Organisations, organisationId: null) || clock.GetUtcNow() - snapshot.ReadAt > _maximumAge)
        {
            snapshot = await ReadAsync(services.GetRequiredService<ParvisDbContext>(), cancellationToken);
            // An install without organisation keeps asking, so the first one created is seen at once.
            _snapshot = snapshot.ByHost.Count == 0 ? null : snapshot;
        }
        if (snapshot.ByHost.Count == 0)
        {
            return null;
        }
        if (snapshot.ByHost.TryGetValue(host, out var organisation))
        {
            return new Resolution(organisation, host);
        }
        return _defaultHost is not null && snapshot.ByHost.TryGetValue(_defaultHost, out var fallback)
            ? new Resolution(fallback, _defaultHost)
            : new Resolution(null, null);
    }

    private async Task<Snapshot> ReadAsync(ParvisDbContext db, CancellationToken cancellationToken)
    {
        var generation = changes.GenerationOf(ChangeKind.Organisations, organisationId: null);
        var readAt = clock.GetUtcNow();
        var organisations = await db.Organisations.AsNoTracking().Include(o => o.Hosts).OrderBy(o => o.CreatedAt).ToListAsync(cancellationToken);
        var byHost = organisations.SelectMany(o => o.Hosts.Select(h => (h.Host, Organisation: o)))
            .ToDictionary(h => h.Host, h => h.Organisation, StringComparer.Ordinal);
        return new Snapshot(generation, readAt, byHost);
    }

    /// <summary>The organisation (null for a host nobody configured) and the host it answers as.</summary>
    public sealed record Resolution(Organisation? Organisation, string? Host);

    private sealed record Snapshot(long Generation, DateTimeOffset ReadAt, Dictionary<string, Organisation> ByHost);
}

/// <summary>
/// Resolves the request's organisation from its host name; says how to create the first one, and refuses a host
/// that no organisation is configured for.
/// </summary>
public sealed class OrganisationResolutionMiddleware(RequestDelegate next, OrganisationDirectory directory)
{
    public async Task InvokeAsync(HttpContext context, CurrentOrganisation current)
    {
        var request = context.Request;
        var found = await directory.FindAsync(request.Host.Host.ToLowerInvariant(), context.RequestServices, context.RequestAborted);
        if (found is { Organisation: { } organisation, Host: { } host })
        {
            // The port is the one the request came in on, or the public one a trusted proxy passed on (the forwarded
            // headers were applied): one typed in the Host header alone could point the links mailed from the request
            // at another service of the same machine.
            var port = request.Host.Port is { } given && (given == context.Connection.LocalPort || request.Headers.ContainsKey(ForwardedHeadersDefaults.XOriginalForHeaderName))
                ? $":{given}"
                : "";
            current.Set(organisation, $"{request.Scheme}://{host}{port}");
            ContentChanges.Serving(organisation.Id);
        }
        else if (!request.Path.StartsWithSegments("/health"))
        {
            context.Response.StatusCode = found is null ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(found is null
                ? "Parvis has no organisation yet. Create one with: dotnet Parvis.Web.dll create-organisation --name \"…\" --host example.org\n"
                : "Aucune organisation n’est configurée pour cette adresse. No organisation is configured for this address.\n");
            return;
        }
        await next(context);
    }
}
