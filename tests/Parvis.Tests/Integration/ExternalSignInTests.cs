using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Parvis.Tests.Infrastructure;

namespace Parvis.Tests.Integration;

/// <summary>Parvis with one OpenID Connect provider, a real one started on loopback for the class (<see cref="OidcServer"/>).</summary>
public sealed class ProviderApp : ParvisApp
{
    public const string Scheme = "oidc-franceconnect";

    public OidcServer OpenIdProvider { get; private set; } = default!;

    public override async Task InitializeAsync()
    {
        OpenIdProvider = await OidcServer.StartAsync([$"http://localhost/signin-{Scheme}"]);
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Authentication:Providers:FranceConnect:DisplayName", "FranceConnect");
        builder.UseSetting("Authentication:Providers:FranceConnect:Authority", OpenIdProvider.Authority);
        builder.UseSetting("Authentication:Providers:FranceConnect:ClientId", OpenIdProvider.ClientId);
        builder.UseSetting("Authentication:Providers:FranceConnect:ClientSecret", OpenIdProvider.ClientSecret);
        builder.UseSetting("Authentication:Providers:FranceConnect:RequireHttpsMetadata", "false");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await OpenIdProvider.DisposeAsync();
    }
}

[Trait("Suite", "integration")]
public sealed class ExternalSignInTests(ProviderApp app) : IClassFixture<ProviderApp>
{
    private readonly HttpClient _browserAtProvider = new(new HttpClientHandler { AllowAutoRedirect = false });

    [Fact]
    public async Task Someone_new_signs_in_with_the_provider_chooses_a_pseudonym_and_the_providers_name_is_kept_nowhere()
    {
        var subject = Guid.NewGuid().ToString("N");
        var email = $"{subject}@example.org";
        app.OpenIdProvider.NextUser = new OidcUser(subject, email, true, "Annaïg", "Le Goff");
        using var visitor = app.NewSession();
        var signInPage = await visitor.GetAsync("/account/sign-in");
        Assert.Contains("Se connecter avec FranceConnect", signInPage.Body, StringComparison.Ordinal);

        var back = await ThroughProviderAsync(visitor);
        Assert.Equal(HttpStatusCode.OK, back.Status);
        Assert.Contains("choisissez votre pseudonyme", back.Text("h1"), StringComparison.Ordinal);
        var taken = await visitor.PostAsync("/account/external?handler=Create", new Dictionary<string, string> { ["Input.Pseudonym"] = "ab" }, "/account/external?handler=Callback");
        Assert.NotEmpty(taken.Text("#Input_Pseudonym-error"));
        var created = await visitor.PostRawAsync("/account/external?handler=Create", new Dictionary<string, string>
        {
            ["Input.Pseudonym"] = "Annaïg de Quimperlé", ["__csrf"] = await visitor.TokenAsync(),
        });
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var account = await visitor.GetAsync("/account");
        Assert.Equal(HttpStatusCode.OK, account.Status);
        Assert.Contains("Annaïg de Quimperlé", account.Body, StringComparison.Ordinal);
        Assert.Contains("Relié à FranceConnect", account.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Le Goff", account.Body, StringComparison.Ordinal);
        var person = await app.WithDatabaseAsync(db => db.Users.AsNoTracking().SingleAsync(p => p.Email == email));
        Assert.True(person.EmailConfirmed);
        Assert.Null(person.PasswordHash);
        var export = await visitor.PostAsync("/account?handler=Export", new Dictionary<string, string>());
        Assert.Contains(subject, export.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Le Goff", export.Body, StringComparison.Ordinal);

        // The next time, the provider signs the same account in at once.
        using var later = app.NewSession();
        var again = await ThroughProviderAsync(later);
        Assert.Equal(HttpStatusCode.Redirect, again.Status);
        Assert.Contains("Annaïg de Quimperlé", (await later.GetAsync("/account")).Body, StringComparison.Ordinal);
        // Without a password, its only way in cannot be unlinked.
        Assert.DoesNotContain("Délier", (await later.GetAsync("/account")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_account_links_the_provider_and_keeps_its_pseudonym_but_an_address_is_never_linked_by_itself()
    {
        var owner = await app.CreatePersonAsync("Titulaire reliée");
        // Someone at the provider with the owner's address: no account is taken over.
        app.OpenIdProvider.NextUser = new OidcUser(Guid.NewGuid().ToString("N"), owner.Email!, true, "Faux", "Titulaire");
        using var stranger = app.NewSession();
        await ThroughProviderAsync(stranger);
        var refused = await stranger.PostRawAsync("/account/external?handler=Create", new Dictionary<string, string>
        {
            ["Input.Pseudonym"] = "Usurpatrice", ["__csrf"] = await stranger.TokenAsync(),
        });
        Assert.Contains("existe déjà", refused.Text("[role=alert]"), StringComparison.Ordinal);
        Assert.Equal("Usurpatrice", refused.Document.QuerySelector("#Input_Pseudonym")!.GetAttribute("value"));
        Assert.False(await app.WithDatabaseAsync(db => db.Users.AnyAsync(p => p.Pseudonym == "Usurpatrice")));
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.GetAsync("/account")).Status);

        var subject = Guid.NewGuid().ToString("N");
        app.OpenIdProvider.NextUser = new OidcUser(subject, $"{subject}@example.org", true, "Vrai", "Nom");
        using var session = app.NewSession();
        await session.SignInAsync(owner.Email!, ParvisApp.Password);
        var linked = await ThroughProviderAsync(session, signedIn: true);
        Assert.Equal("/account", linked.Location);
        Assert.Contains("Relié à FranceConnect", (await session.GetAsync("/account")).Body, StringComparison.Ordinal);

        using var later = app.NewSession();
        Assert.Equal(HttpStatusCode.Redirect, (await ThroughProviderAsync(later)).Status);
        var account = await later.GetAsync("/account");
        Assert.Contains("Titulaire reliée", account.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Vrai", account.Body, StringComparison.Ordinal);

        var unlinked = await later.PostAsync("/account?handler=Unlink", new Dictionary<string, string> { ["provider"] = ProviderApp.Scheme });
        Assert.Equal(HttpStatusCode.Redirect, unlinked.Status);
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.UserLogins.CountAsync(l => l.UserId == owner.Id)));
        Assert.Equal(HttpStatusCode.OK, (await later.GetAsync("/account")).Status);
    }

    [Fact]
    public async Task An_address_the_provider_does_not_vouch_for_makes_no_account()
    {
        var subject = Guid.NewGuid().ToString("N");
        app.OpenIdProvider.NextUser = new OidcUser(subject, $"{subject}@example.org", false, "Non", "Vérifiée");
        using var visitor = app.NewSession();
        await ThroughProviderAsync(visitor);
        var refused = await visitor.PostRawAsync("/account/external?handler=Create", new Dictionary<string, string>
        {
            ["Input.Pseudonym"] = "Adresse non garantie", ["__csrf"] = await visitor.TokenAsync(),
        });
        Assert.Contains("ne garantit pas", refused.Text("[role=alert]"), StringComparison.Ordinal);
        Assert.False(await app.WithDatabaseAsync(db => db.Users.AnyAsync(p => p.Email == $"{subject}@example.org")));
    }

    [Fact]
    public async Task A_refusal_at_the_provider_comes_back_as_a_message_on_the_sign_in_page()
    {
        app.OpenIdProvider.NextUser = null;
        using var visitor = app.NewSession();
        var back = await ThroughProviderAsync(visitor);
        Assert.Equal(HttpStatusCode.Redirect, back.Status);
        var page = await visitor.GetAsync(back.Location!);
        Assert.Contains("n'a pas abouti", page.Text("[role=alert]"), StringComparison.Ordinal);
    }

    /// <summary>
    /// Clicks the provider's button, lets the provider (a real server) answer as a browser would follow it, and brings its
    /// answer back to Parvis; returns what Parvis says after the callback (a redirect to the account page, to the home
    /// page, to the sign-in page, or the page asking someone new for a pseudonym).
    /// </summary>
    private async Task<Session.Response> ThroughProviderAsync(Session visitor, bool signedIn = false)
    {
        // The provider's own button, with the token its form carries, as a browser sends it.
        var page = await visitor.GetAsync(signedIn ? "/account" : "/account/sign-in");
        var button = page.Document.QuerySelector("form[action='/account/external']")!;
        var token = button.QuerySelector("input[name=__csrf]")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(token), "The provider's form carries no antiforgery token.");
        var challenge = await visitor.PostRawAsync("/account/external", new Dictionary<string, string>
        {
            ["provider"] = button.QuerySelector("input[name=provider]")!.GetAttribute("value")!, ["__csrf"] = token,
        });
        Assert.Equal(HttpStatusCode.Redirect, challenge.Status);
        Assert.StartsWith(app.OpenIdProvider.Authority, challenge.Location, StringComparison.Ordinal);
        using var atProvider = await _browserAtProvider.GetAsync(new Uri(challenge.Location!));
        Assert.Equal(HttpStatusCode.Found, atProvider.StatusCode);
        var callback = atProvider.Headers.Location!;
        Assert.Equal("localhost", callback.Host);
        var back = await visitor.GetAsync(callback.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, back.Status);
        return back.Location!.StartsWith("/account/external", StringComparison.Ordinal) ? await visitor.GetAsync(back.Location) : back;
    }
}
