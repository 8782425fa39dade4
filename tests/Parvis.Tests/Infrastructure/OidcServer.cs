using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Parvis.Tests.Infrastructure;

/// <summary>The person the provider signs in at its next authorization request, without any login form.</summary>
public sealed record OidcUser(string Subject, string Email, bool EmailVerified, string GivenName, string FamilyName);

/// <summary>
/// A real OpenID Connect provider (OpenIddict) on a free loopback port, standing in for FranceConnect, ProConnect or a
/// council's Keycloak: discovery, JWKS, authorization code flow with PKCE, token and userinfo endpoints, one confidential
/// client. Its authorization endpoint signs in <see cref="NextUser"/> at once, or answers <c>access_denied</c> when it is
/// null. Start it before the Parvis app under test, so that the app's options can name <see cref="Authority"/>.
/// </summary>
public sealed class OidcServer : IAsyncDisposable
{
    private const string Scheme = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    private readonly WebApplication _app;
    private readonly SqliteConnection _keepAlive;
    private volatile OidcUser? _nextUser;

    private OidcServer(WebApplication app, SqliteConnection keepAlive, Uri authority, string clientId, string clientSecret)
    {
        _app = app;
        _keepAlive = keepAlive;
        AuthorityUri = authority;
        ClientId = clientId;
        ClientSecret = clientSecret;
    }

    /// <summary>The issuer, exactly as the discovery document and the tokens name it, such as <c>http://127.0.0.1:PORT/</c>.</summary>
    public string Authority => AuthorityUri.AbsoluteUri;

    public Uri AuthorityUri { get; }

    public string ClientId { get; }

    public string ClientSecret { get; }

    /// <summary>Who the next authorization request signs in; null makes it refuse with <c>access_denied</c>.</summary>
    public OidcUser? NextUser
    {
        get => _nextUser;
        set => _nextUser = value;
    }

    /// <summary>
    /// Starts the provider with one confidential client allowed to come back to <paramref name="redirectUris"/>
    /// (such as <c>http://localhost/signin-oidc-franceconnect</c>), and returns once it answers.
    /// </summary>
    public static async Task<OidcServer> StartAsync(IEnumerable<string> redirectUris, string clientId = "parvis",
        string clientSecret = "parvis-test-secret", OidcUser? nextUser = null)
    {
        var redirects = redirectUris.Select(u => new Uri(u, UriKind.Absolute)).ToList();
        if (redirects.Count == 0)
        {
            throw new ArgumentException("At least one redirect URI is needed.", nameof(redirectUris));
        }
        var port = LocalServer.FreePort();
        var authority = new Uri($"http://127.0.0.1:{port}/");

        // A private in-memory SQLite database, alive as long as this connection stays open.
        var keepAlive = new SqliteConnection($"Data Source=oidc-{Guid.NewGuid():N};Mode=Memory;Cache=Shared");
        await keepAlive.OpenAsync();
        var connectionString = keepAlive.ConnectionString;

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(OidcServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Development",
        });
        // Nothing from the test folder's appsettings or the environment: this host is configured here only.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));

        builder.Services.AddDbContext<OidcDbContext>(o =>
        {
            o.UseSqlite(connectionString);
            o.UseOpenIddict();
        });
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<OidcDbContext>())
            .AddServer(o =>
            {
                o.SetIssuer(authority);
                o.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetUserInfoEndpointUris("connect/userinfo");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile);
                o.RegisterClaims(Claims.Subject, Claims.Email, Claims.EmailVerified, Claims.GivenName, Claims.FamilyName, Claims.Name);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.DisableAccessTokenEncryption();
                o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            });

        var app = builder.Build();
        var server = new OidcServer(app, keepAlive, authority, clientId, clientSecret) { NextUser = nextUser };
        app.UseAuthentication();
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (Func<HttpContext, IResult>)server.Authorize);
        app.MapMethods("/connect/userinfo", [HttpMethods.Get, HttpMethods.Post], (Func<HttpContext, Task<IResult>>)UserInfoAsync);

        try
        {
            await using (var scope = app.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<OidcDbContext>().Database.EnsureCreatedAsync();
                var descriptor = new OpenIddictApplicationDescriptor
                {
                    ClientId = clientId,
                    ClientSecret = clientSecret,
                    ClientType = ClientTypes.Confidential,
                    DisplayName = "Parvis (tests)",
                    Permissions =
                    {
                        Permissions.Endpoints.Authorization,
                        Permissions.Endpoints.Token,
                        Permissions.GrantTypes.AuthorizationCode,
                        Permissions.ResponseTypes.Code,
                        Permissions.Scopes.Email,
                        Permissions.Scopes.Profile,
                    },
                    Requirements = { Requirements.Features.ProofKeyForCodeExchange },
                };
                descriptor.RedirectUris.UnionWith(redirects);
                await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(descriptor);
            }
            await app.StartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Signs the current test user in, with no form, or refuses when there is none.</summary>
    private IResult Authorize(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("Not an OpenID Connect authorization request.");
        var user = NextUser;
        if (user is null)
        {
            return Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.AccessDenied,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "No test user is set on the provider.",
            }), [Scheme]);
        }

        var identity = new ClaimsIdentity(Scheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Subject)
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(Claims.EmailVerified, user.EmailVerified)
            .SetClaim(Claims.GivenName, user.GivenName)
            .SetClaim(Claims.FamilyName, user.FamilyName)
            .SetClaim(Claims.Name, $"{user.GivenName} {user.FamilyName}");
        identity.SetScopes(request.GetScopes());
        // Every claim goes into the id_token, and into the access token so that the userinfo endpoint can give it back.
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: Scheme);
    }

    /// <summary>The claims of the access token's holder, as userinfo.</summary>
    private static async Task<IResult> UserInfoAsync(HttpContext context)
    {
        var principal = (await context.AuthenticateAsync(Scheme)).Principal;
        if (principal is null)
        {
            return Results.Challenge(authenticationSchemes: [Scheme]);
        }
        var claims = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var type in new[] { Claims.Subject, Claims.Email, Claims.GivenName, Claims.FamilyName, Claims.Name })
        {
            if (principal.GetClaim(type) is { } value)
            {
                claims[type] = value;
            }
        }
        if (principal.GetClaim(Claims.EmailVerified) is { } verified)
        {
            claims[Claims.EmailVerified] = bool.Parse(verified);
        }
        return Results.Json(claims);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync();
        }
        finally
        {
            await _app.DisposeAsync();
            await _keepAlive.DisposeAsync();
        }
    }
}

/// <summary>OpenIddict's applications, authorizations, scopes and tokens, in the provider's own SQLite database.</summary>
internal sealed class OidcDbContext(DbContextOptions<OidcDbContext> options) : DbContext(options);
