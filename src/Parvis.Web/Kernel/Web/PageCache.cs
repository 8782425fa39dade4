using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;

namespace Parvis.Web.Kernel.Web;

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
