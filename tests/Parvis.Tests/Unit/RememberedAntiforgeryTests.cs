using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Kernel.Web.Throughput;

namespace Parvis.Tests.Unit;

[Trait("Suite", "unit")]
public sealed class RememberedAntiforgeryTests
{
    /// <summary>Stands for the framework: a new form token each time it is asked, and a new cookie when told to.</summary>
    private sealed class CountingFramework : IAntiforgery
    {
        public int Asked;
        public bool IssuesCookie;

        public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext) =>
            new($"form-token-{++Asked}", IssuesCookie ? $"cookie-{Asked}" : null, "__csrf", null);

        public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => throw new NotSupportedException();
        public Task<bool> IsRequestValidAsync(HttpContext httpContext) => throw new NotSupportedException();
        public Task ValidateRequestAsync(HttpContext httpContext) => throw new NotSupportedException();
        public void SetCookieTokenAndHeader(HttpContext httpContext) => throw new NotSupportedException();
    }

    private static DefaultHttpContext Request(string? person, string? cookie = "csrf-cookie")
    {
        var context = new DefaultHttpContext();
        if (person is not null)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, person)], "Identity.Application"));
        }
        if (cookie is not null)
        {
            context.Request.Headers.Cookie = $"{KernelSetup.AntiforgeryCookie}={cookie}";
        }
        return context;
    }

    [Fact]
    public void A_signed_in_persons_token_is_worked_out_once_per_cookie()
    {
        var framework = new CountingFramework();
        var antiforgery = new RememberedAntiforgery(framework);

        var first = antiforgery.GetAndStoreTokens(Request("person-1"));
        var second = antiforgery.GetAndStoreTokens(Request("person-1"));

        Assert.Equal(1, framework.Asked);
        Assert.Equal(first.RequestToken, second.RequestToken);
    }

    [Fact]
    public void Another_person_or_another_cookie_gets_the_frameworks_own_token()
    {
        var framework = new CountingFramework();
        var antiforgery = new RememberedAntiforgery(framework);

        var mine = antiforgery.GetAndStoreTokens(Request("person-1"));
        var theirs = antiforgery.GetAndStoreTokens(Request("person-2"));
        var otherCookie = antiforgery.GetAndStoreTokens(Request("person-1", "another-cookie"));

        Assert.Equal(3, framework.Asked);
        Assert.Equal(3, new[] { mine.RequestToken, theirs.RequestToken, otherCookie.RequestToken }.Distinct().Count());
    }

    [Fact]
    public void A_visitor_a_missing_cookie_or_one_the_framework_replaces_is_never_remembered()
    {
        var framework = new CountingFramework();
        var antiforgery = new RememberedAntiforgery(framework);

        antiforgery.GetAndStoreTokens(Request(null));
        antiforgery.GetAndStoreTokens(Request(null));
        antiforgery.GetAndStoreTokens(Request("person-1", cookie: null));
        antiforgery.GetAndStoreTokens(Request("person-1", cookie: null));
        framework.IssuesCookie = true;
        antiforgery.GetAndStoreTokens(Request("person-1", "forged"));
        antiforgery.GetAndStoreTokens(Request("person-1", "forged"));

        Assert.Equal(6, framework.Asked);
    }
}
