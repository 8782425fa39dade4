using System.Globalization;
using System.Numerics;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace Parvis.Web.Kernel.Web;

[Flags]
public enum ChangeKind
{
    None = 0,
    Content = 1,
    Organisations = 2,
    Roles = 4,

    /// <summary>Processes, their phases and themes: what permission checks read.</summary>
    Processes = 8,

    /// <summary>Who supported what: the personal part of a proposal page.</summary>
    Supports = 16,

    /// <summary>A session ended: the only change that is not Content, since no page shows sessions to others.</summary>
    Sessions = 32,

    /// <summary>Everything: what a node assumes when it may have missed news from the others.</summary>
    All = Content | Organisations | Roles | Processes | Supports | Sessions,
}

/// <summary>
/// What changed since a node cached something. A committed write drops the cached public pages (and, when
/// organisations, roles, processes or supports changed, what is kept of them) on this node and, through
/// <see cref="Broadcast"/>, on the others.
/// </summary>
public sealed class ContentChanges(IOutputCacheStore pages)
{
    // One counter per kind, by its bit; every change moves Content's, so GenerationOf(Content) is "anything".
    private readonly long[] _generations = new long[BitOperations.Log2((uint)ChangeKind.All) + 1];

    /// <summary>Moves on with every change: a page rendered while it moved may show the old data and is not kept.</summary>
    public long Generation => GenerationOf(ChangeKind.Content);

    public long OrganisationsGeneration => GenerationOf(ChangeKind.Organisations);

    /// <summary>The counter of one kind (a single flag).</summary>
    public long GenerationOf(ChangeKind kind) => Interlocked.Read(ref _generations[BitOperations.Log2((uint)kind)]);

    /// <summary>Tells the other nodes; set when nodes share Redis.</summary>
    internal Action<ChangeKind>? Broadcast { get; set; }

    public void Committed(ChangeKind kind)
    {
        if (kind == ChangeKind.None)
        {
            return;
        }
        Apply(kind);
        Broadcast?.Invoke(kind);
    }

    /// <summary>A change made here or on another node.</summary>
    internal void Apply(ChangeKind kind)
    {
        var content = kind != ChangeKind.Sessions;
        if (content)
        {
            kind |= ChangeKind.Content;
        }
        for (var bit = 0; bit < _generations.Length; bit++)
        {
            if (((int)kind & (1 << bit)) != 0)
            {
                Interlocked.Increment(ref _generations[bit]);
            }
        }
        if (content)
        {
            // The in-memory store evicts synchronously; nothing to wait for.
            _ = pages.EvictByTagAsync(PublicPagePolicy.Tag, CancellationToken.None).AsTask();
        }
    }
}

/// <summary>
/// Public pages (home, process, proposals) are kept in memory for people who are not signed in, per host,
/// address and language, until the data changes. Signed-in pages are personal and never come from the cache.
/// </summary>
public sealed class PublicPagePolicy : IOutputCachePolicy
{
    public const string Name = "public-page";
    public const string Tag = "pages";

    private static readonly object _generationKey = new();

    /// <summary>Cookies an anonymous visitor may carry and still get the shared page: the language and the antiforgery pair.</summary>
    private static readonly HashSet<string> _sharedCookies = [CookieRequestCultureProvider.DefaultCookieName, KernelSetup.AntiforgeryCookie];

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        // Runs before authentication: the absence of any other cookie (the session's first) is what makes a visitor anonymous.
        var shareable = (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            && http.Request.Cookies.Keys.All(_sharedCookies.Contains);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = shareable;
        context.AllowCacheStorage = shareable;
        context.AllowLocking = true;
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.VaryByValues["culture"] = CultureInfo.CurrentUICulture.Name;
        // One copy per encoding the compression would choose (brotli, gzip, none), not per browser's way of asking.
        context.CacheVaryByRules.VaryByValues["encoding"] =
            http.RequestServices.GetRequiredService<IResponseCompressionProvider>().GetCompressionProvider(http)?.EncodingName ?? "";
        context.Tags.Add(Tag);
        context.ResponseExpirationTimeSpan = TimeSpan.FromMinutes(10);
        http.Items[_generationKey] = http.RequestServices.GetRequiredService<ContentChanges>().Generation;
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var changedMeanwhile = http.Items[_generationKey] is long started
            && started != http.RequestServices.GetRequiredService<ContentChanges>().Generation;
        // A page that sets a cookie (an antiforgery token, a message read once) belongs to one visitor.
        if (http.Response.StatusCode != StatusCodes.Status200OK || http.Response.Headers.SetCookie.Count > 0 || changedMeanwhile)
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Compresses static files and pages for visitors who are not signed in. Signed-in pages carry antiforgery
/// tokens next to text the visitor typed; compressing them would let an eavesdropper guess the token (BREACH).
/// </summary>
public sealed class AnonymousCompression(IServiceProvider services, IOptions<ResponseCompressionOptions> options) : IResponseCompressionProvider
{
    private readonly ResponseCompressionProvider _framework = new(services, options);

    public ICompressionProvider? GetCompressionProvider(HttpContext context) => _framework.GetCompressionProvider(context);

    /// <summary>
    /// A request with a session cookie gets no compressing wrapper at all, since its page will not be compressed: the
    /// page is then written to the server's own body (<see cref="ResponseText"/>). Decided before authentication, so
    /// a stale session cookie only costs its visitor an uncompressed page.
    /// </summary>
    public bool CheckRequestAcceptsCompression(HttpContext context) =>
        !context.Request.Cookies.ContainsKey(KernelSetup.SessionCookie) && _framework.CheckRequestAcceptsCompression(context);

    public bool ShouldCompressResponse(HttpContext context) => MayCompress(context) && _framework.ShouldCompressResponse(context);

    public static bool MayCompress(HttpContext context) => context.User.Identity?.IsAuthenticated != true;
}

public static class PageCache
{
    public static IServiceCollection AddParvisPageCache(this IServiceCollection services)
    {
        services.AddOutputCache(o => o.AddPolicy(PublicPagePolicy.Name, new PublicPagePolicy()));
        // Every address a visitor makes up is a page of its own: the copies are bounded by their bytes.
        services.AddOptions<OutputCacheOptions>().Configure<IConfiguration>((o, configuration) =>
            o.SizeLimit = configuration.GetValue("Caches:PublicPagesMegabytes", 64L) * 1024 * 1024);
        services.AddSingleton<ContentChanges>();
        services.AddSingleton<SharedData>();
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "image/svg+xml", "text/calendar"];
        });
        services.AddSingleton<IResponseCompressionProvider, AnonymousCompression>();
        return services;
    }
}
