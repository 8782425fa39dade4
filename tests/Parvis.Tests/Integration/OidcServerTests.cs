using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Tests.Infrastructure;

namespace Parvis.Tests.Integration;

/// <summary>The test OpenID Connect provider, driven by hand over HTTP as a relying party would.</summary>
[Trait("Suite", "integration")]
public sealed class OidcServerTests : IAsyncLifetime
{
    private const string RedirectUri = "http://localhost/signin-oidc-test";

    private OidcServer _server = null!;
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false });

    public async Task InitializeAsync() =>
        _server = await OidcServer.StartAsync([RedirectUri, "http://localhost/signin-oidc-other"]);

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task The_discovery_document_names_the_authority_as_issuer()
    {
        using var discovery = JsonDocument.Parse(await _http.GetStringAsync(new Uri(_server.AuthorityUri, ".well-known/openid-configuration")));
        var root = discovery.RootElement;
        Assert.Equal(_server.Authority, root.GetProperty("issuer").GetString());
        Assert.StartsWith("http://127.0.0.1:", _server.Authority, StringComparison.Ordinal);
        Assert.Contains("S256", root.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("code", root.GetProperty("response_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["email", "openid", "profile"],
            root.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()!).Where(s => s is "openid" or "email" or "profile").Order(StringComparer.Ordinal));
        using var jwks = JsonDocument.Parse(await _http.GetStringAsync(new Uri(root.GetProperty("jwks_uri").GetString()!)));
        Assert.NotEqual(0, jwks.RootElement.GetProperty("keys").GetArrayLength());
    }

    [Fact]
    public async Task The_code_flow_with_pkce_signs_the_next_user_in()
    {
        _server.NextUser = new OidcUser("fc-123", "camille@example.org", true, "Camille", "Martin");
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var nonce = Guid.NewGuid().ToString("N");
        var state = Guid.NewGuid().ToString("N");

        using var authorize = await _http.GetAsync(AuthorizeUri(Challenge(verifier), nonce, state));
        Assert.Equal(HttpStatusCode.Found, authorize.StatusCode);
        var location = authorize.Headers.Location!;
        Assert.StartsWith(RedirectUri + "?", location.AbsoluteUri, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(state, query["state"].ToString());
        var code = query["code"].ToString();
        Assert.NotEmpty(code);

        using var token = await _http.PostAsync(await DiscoveredAsync("token_endpoint"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
            ["code_verifier"] = verifier,
            ["client_id"] = _server.ClientId,
            ["client_secret"] = _server.ClientSecret,
        }));
        var body = await token.Content.ReadAsStringAsync();
        Assert.True(token.IsSuccessStatusCode, body);
        using var tokens = JsonDocument.Parse(body);
        using var idToken = JsonDocument.Parse(Convert.FromBase64String(Padded(tokens.RootElement.GetProperty("id_token").GetString()!.Split('.')[1])));
        var claims = idToken.RootElement;
        Assert.Equal(_server.Authority, claims.GetProperty("iss").GetString());
        Assert.Equal(_server.ClientId, claims.GetProperty("aud").ValueKind == JsonValueKind.Array
            ? claims.GetProperty("aud")[0].GetString() : claims.GetProperty("aud").GetString());
        Assert.Equal("fc-123", claims.GetProperty("sub").GetString());
        Assert.Equal("camille@example.org", claims.GetProperty("email").GetString());
        Assert.True(claims.GetProperty("email_verified").GetBoolean());
        Assert.Equal("Camille", claims.GetProperty("given_name").GetString());
        Assert.Equal("Martin", claims.GetProperty("family_name").GetString());
        Assert.Equal("Camille Martin", claims.GetProperty("name").GetString());
        Assert.Equal(nonce, claims.GetProperty("nonce").GetString());

        // The access token opens the userinfo endpoint, with the same claims.
        using var userInfoRequest = new HttpRequestMessage(HttpMethod.Get, await DiscoveredAsync("userinfo_endpoint"));
        userInfoRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.RootElement.GetProperty("access_token").GetString());
        using var userInfo = await _http.SendAsync(userInfoRequest);
        var userInfoBody = await userInfo.Content.ReadAsStringAsync();
        Assert.True(userInfo.IsSuccessStatusCode, userInfoBody);
        using var info = JsonDocument.Parse(userInfoBody);
        Assert.Equal("fc-123", info.RootElement.GetProperty("sub").GetString());
        Assert.Equal("camille@example.org", info.RootElement.GetProperty("email").GetString());
        Assert.True(info.RootElement.GetProperty("email_verified").GetBoolean());

        // A code serves once.
        using var again = await _http.PostAsync(await DiscoveredAsync("token_endpoint"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = RedirectUri, ["code_verifier"] = verifier,
            ["client_id"] = _server.ClientId, ["client_secret"] = _server.ClientSecret,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task Without_a_next_user_the_provider_refuses_with_access_denied()
    {
        _server.NextUser = null;
        var state = Guid.NewGuid().ToString("N");
        using var authorize = await _http.GetAsync(AuthorizeUri(Challenge(Base64Url(RandomNumberGenerator.GetBytes(32))), "n", state));
        Assert.Equal(HttpStatusCode.Found, authorize.StatusCode);
        var location = authorize.Headers.Location!;
        Assert.StartsWith(RedirectUri + "?", location.AbsoluteUri, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("access_denied", query["error"].ToString());
        Assert.Equal(state, query["state"].ToString());
        Assert.False(query.ContainsKey("code"));
    }

    [Fact]
    public async Task An_unregistered_redirect_uri_is_refused_without_a_redirect()
    {
        _server.NextUser = new OidcUser("x", "x@example.org", true, "X", "Y");
        var uri = AuthorizeUri(Challenge("a-verifier-long-enough-to-be-accepted-by-the-provider-0123"), "n", "s")
            .Replace(Uri.EscapeDataString(RedirectUri), Uri.EscapeDataString("http://evil.example/cb"), StringComparison.Ordinal);
        using var authorize = await _http.GetAsync(new Uri(uri));
        Assert.Equal(HttpStatusCode.BadRequest, authorize.StatusCode);
    }

    private string AuthorizeUri(string challenge, string nonce, string state) =>
        QueryHelpers.AddQueryString(new Uri(_server.AuthorityUri, "connect/authorize").AbsoluteUri, new Dictionary<string, string?>
        {
            ["client_id"] = _server.ClientId,
            ["redirect_uri"] = RedirectUri,
            ["response_type"] = "code",
            ["response_mode"] = "query",
            ["scope"] = "openid email profile",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            ["nonce"] = nonce,
            ["state"] = state,
        });

    private async Task<Uri> DiscoveredAsync(string endpoint)
    {
        using var discovery = JsonDocument.Parse(await _http.GetStringAsync(new Uri(_server.AuthorityUri, ".well-known/openid-configuration")));
        return new Uri(discovery.RootElement.GetProperty(endpoint).GetString()!);
    }

    private static string Challenge(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Padded(string base64Url)
    {
        var base64 = base64Url.Replace('-', '+').Replace('_', '/');
        return base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
    }
}
