using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Parvis.Web.Kernel.People;

/// <summary>
/// One OpenID Connect provider the operator lets people sign in with (FranceConnect, ProConnect for staff, a council's
/// own Keycloak), under Authentication:Providers:{name}.
/// </summary>
public sealed class ExternalProviderOptions
{
    public string DisplayName { get; set; } = "";
    public string Authority { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";

    /// <summary>Beyond openid: the e-mail address is needed for the account, nothing else is asked by default.</summary>
    public string[] Scopes { get; set; } = ["email"];

    /// <summary>What some providers require (FranceConnect's "eidas1").</summary>
    public string? AcrValues { get; set; }

    /// <summary>Off only for a provider on the same machine or in tests.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Providers that put the address in the userinfo answer rather than the identity token (FranceConnect).</summary>
    public bool ClaimsFromUserInfo { get; set; } = true;
}

/// <summary>The providers configured, each an authentication scheme of its own, as the sign-in and account pages offer them.</summary>
public sealed class ExternalProviders(IReadOnlyList<ExternalProvider> providers)
{
    public IReadOnlyList<ExternalProvider> All => providers;

    public ExternalProvider? Find(string? scheme) => providers.FirstOrDefault(p => p.Scheme == scheme);

    /// <summary>Registers one OpenID Connect scheme per configured provider: authorization code with PKCE, nothing kept but the account link.</summary>
    public static void Register(WebApplicationBuilder builder)
    {
        var providers = new List<ExternalProvider>();
        var authentication = builder.Services.AddAuthentication();
        foreach (var section in builder.Configuration.GetSection("Authentication:Providers").GetChildren())
        {
            var settings = section.Get<ExternalProviderOptions>() ?? new ExternalProviderOptions();
            if (string.IsNullOrWhiteSpace(settings.Authority) || string.IsNullOrWhiteSpace(settings.ClientId))
            {
                continue;
            }
            var provider = new ExternalProvider($"oidc-{section.Key.ToLowerInvariant()}", settings.DisplayName.Length > 0 ? settings.DisplayName : section.Key);
            providers.Add(provider);
            authentication.AddOpenIdConnect(provider.Scheme, provider.DisplayName, o =>
            {
                o.SignInScheme = IdentityConstants.ExternalScheme;
                o.Authority = settings.Authority;
                o.ClientId = settings.ClientId;
                o.ClientSecret = settings.ClientSecret;
                o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
                o.CallbackPath = $"/signin-{provider.Scheme}";
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.UsePkce = true;
                // A top-level redirect back carries the Lax cookies of the exchange; a cross-site form post would need SameSite=None.
                o.ResponseMode = OpenIdConnectResponseMode.Query;
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.GetClaimsFromUserInfoEndpoint = settings.ClaimsFromUserInfo;
                o.SaveTokens = false;
                o.Scope.Clear();
                o.Scope.Add(OpenIdConnectScope.OpenId);
                foreach (var scope in settings.Scopes)
                {
                    o.Scope.Add(scope);
                }
                o.Events.OnRedirectToIdentityProvider = context =>
                {
                    if (settings.AcrValues is { Length: > 0 } acr)
                    {
                        context.ProtocolMessage.AcrValues = acr;
                    }
                    return Task.CompletedTask;
                };
                // A refusal or a failure at the provider comes back as a message on the sign-in page, never an error page.
                o.Events.OnRemoteFailure = context =>
                {
                    context.Response.Redirect("/account/sign-in?external=failed");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        }
        builder.Services.AddSingleton(new ExternalProviders(providers));
    }
}

public sealed record ExternalProvider(string Scheme, string DisplayName);
