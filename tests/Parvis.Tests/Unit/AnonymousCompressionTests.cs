using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parvis.Web.Kernel.Web;

namespace Parvis.Tests.Unit;

[Trait("Suite", "unit")]
public sealed class AnonymousCompressionTests
{
    private static readonly AnonymousCompression _compression = new(new ServiceCollection().AddLogging().BuildServiceProvider(), Options.Create(new ResponseCompressionOptions
    {
        Providers =
        {
            new BrotliCompressionProvider(Options.Create(new BrotliCompressionProviderOptions())),
            new GzipCompressionProvider(Options.Create(new GzipCompressionProviderOptions())),
        },
    }));

    private static DefaultHttpContext Request(string? cookie)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.AcceptEncoding = "gzip, deflate, br";
        if (cookie is not null)
        {
            context.Request.Headers.Cookie = cookie;
        }
        return context;
    }

    [Fact]
    public void A_request_with_a_session_cookie_is_never_wrapped_for_compression()
    {
        Assert.True(_compression.CheckRequestAcceptsCompression(Request(null)));
        Assert.True(_compression.CheckRequestAcceptsCompression(Request($"{KernelSetup.AntiforgeryCookie}=t; .AspNetCore.Culture=c%3Den")));
        Assert.False(_compression.CheckRequestAcceptsCompression(Request($"{KernelSetup.AntiforgeryCookie}=t; {KernelSetup.SessionCookie}=s")));
        Assert.Equal("br", _compression.GetCompressionProvider(Request(null))?.EncodingName);
    }

    [Fact]
    public void A_signed_in_response_is_never_compressed()
    {
        var visitor = Request(null);
        visitor.Response.ContentType = "text/html; charset=utf-8";
        Assert.True(_compression.ShouldCompressResponse(visitor));

        var signedIn = Request(null);
        signedIn.Response.ContentType = "text/html; charset=utf-8";
        signedIn.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "someone")], "cookie"));
        Assert.False(_compression.ShouldCompressResponse(signedIn));
    }
}
