using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Caching.Memory;

namespace Parvis.Web.Kernel.Web.Throughput;

/// <summary>
/// A signed-in person's form token, worked out once per antiforgery cookie. The framework reads the cookie's token
/// and derives the form token from it and the person on every page with a form (a twenty-fifth of the proposal page);
/// for the same cookie and the same person it gives the same token every time, since a signed-in page repeats its
/// ciphertexts (<see cref="RememberedProtection"/>). A visitor, a cookie never seen, or one the framework replaces goes
/// through the framework as before, and every post is checked by it.
/// </summary>
public sealed class RememberedAntiforgery(IAntiforgery framework) : IAntiforgery
{
    private static readonly TimeSpan _kept = TimeSpan.FromMinutes(10);
    // Bounded by the bytes kept (the cookie as key, the tokens), as every cache is.
    private readonly MemoryCache _tokens = new(new MemoryCacheOptions { SizeLimit = 8 * 1024 * 1024 });

    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext)
    {
        if (AnonymousCompression.MayCompress(httpContext)
            || httpContext.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } person
            || !httpContext.Request.Cookies.TryGetValue(KernelSetup.AntiforgeryCookie, out var cookie))
        {
            return framework.GetAndStoreTokens(httpContext);
        }
        var key = (cookie, person);
        // The framework would also say "not to be stored": SecurityHeadersMiddleware already does for every signed-in page.
        if (_tokens.TryGetValue(key, out AntiforgeryTokenSet? tokens))
        {
            return tokens!;
        }
        tokens = framework.GetAndStoreTokens(httpContext);
        // Kept only when the cookie was good: otherwise the framework has just issued another one.
        if (tokens.CookieToken is null)
        {
            _tokens.Set(key, tokens, new MemoryCacheEntryOptions
            {
                Size = 256 + (2 * (cookie.Length + person.Length + (tokens.RequestToken?.Length ?? 0))), AbsoluteExpirationRelativeToNow = _kept,
            });
        }
        return tokens;
    }

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => framework.GetTokens(httpContext);

    public Task<bool> IsRequestValidAsync(HttpContext httpContext) => framework.IsRequestValidAsync(httpContext);

    public Task ValidateRequestAsync(HttpContext httpContext) => framework.ValidateRequestAsync(httpContext);

    public void SetCookieTokenAndHeader(HttpContext httpContext) => framework.SetCookieTokenAndHeader(httpContext);
}
