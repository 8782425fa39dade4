using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;

namespace Parvis.Web.Kernel.Web;

/// <summary>
/// Public pages (home, process, proposals) are kept in memory for people who are not signed in, per host,
/// address and language, until the data changes. Signed-in pages are personal and never come from the cache.
/// </summary>
public sealed class PublicPagePolicy : IOutputCachePolicy
{
    public const string Name = "public-page";
    private const string Tag = "pages";

    /// <summary>The pages of one organisation, or every page when none is named.</summary>
    public static string TagFor(Guid? organisationId) => organisationId is { } id ? $"{Tag}:{id:N}" : Tag;

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
        if (http.RequestServices.GetRequiredService<ContentChanges>().CurrentOrganisation() is { } organisation)
        {
            context.Tags.Add(TagFor(organisation));
        }
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
