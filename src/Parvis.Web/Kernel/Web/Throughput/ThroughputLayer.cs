using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;

namespace Parvis.Web.Kernel.Web.Throughput;

/// <summary>
/// The throughput layer: pieces that spare a signed-in page work the framework does again on every request. Each
/// keeps an answer the framework gave and gives it again for the same input; none decides anything the framework
/// would not, and an input never seen goes through the framework as before.
/// <list type="bullet">
/// <item><see cref="RememberedProtection"/>: the session and antiforgery cookies' ciphertexts, opened once per node.</item>
/// <item><see cref="RememberedTickets"/>: the session cookie's ticket, read once per cookie.</item>
/// <item><see cref="RememberedAntiforgery"/>: a signed-in person's form token, worked out once per cookie.</item>
/// <item><see cref="ResponseText"/>: a page's text encoded once, straight into the server's own body.</item>
/// </list>
/// Each rests on a seam of the framework a new version may change: each has a switch, Performance:{its name}, on
/// unless set to false, and the test command's "plain" suite runs the integration tests with every switch off, so an
/// operator can turn off one piece and keep the rest. A module's own pieces follow the same rule.
/// </summary>
public static class ThroughputLayer
{
    public const string Section = "Performance";

    /// <summary>Whether a piece is on: every piece is, unless Performance:{name} says false.</summary>
    public static bool IsOn(IConfiguration configuration, string piece) => configuration.GetValue($"{Section}:{piece}", defaultValue: true);

    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        if (IsOn(configuration, nameof(RememberedProtection)))
        {
            services.Decorate<IDataProtectionProvider>((s, keys) =>
            {
                var http = s.GetRequiredService<IHttpContextAccessor>();
                return new RememberedProtection(keys, mayRepeat: () => http.HttpContext is { } context && !AnonymousCompression.MayCompress(context));
            });
        }
        if (IsOn(configuration, nameof(RememberedTickets)))
        {
            RememberedTickets.Register(services);
        }
        if (IsOn(configuration, nameof(RememberedAntiforgery)))
        {
            services.Decorate<IAntiforgery>((_, framework) => new RememberedAntiforgery(framework));
        }
        if (IsOn(configuration, nameof(ResponseText)))
        {
            ResponseText.Register(services);
        }
    }
}
