using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Setup;

namespace Parvis.Tests.Integration;

[Trait("Suite", "integration")]
public sealed class PlatformTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    [Fact]
    public async Task The_database_is_the_one_the_test_run_asked_for()
    {
        var isPostgres = await app.WithDatabaseAsync(db => Task.FromResult(db.Database.IsNpgsql()));
        Assert.Equal(TestDatabase.IsPostgres, isPostgres);
    }

    /// <summary>A module that changes its model without adding its migration fails here, on the provider it forgot.</summary>
    [Fact]
    public async Task The_model_of_the_kernel_and_every_module_is_the_one_the_migrations_build() =>
        Assert.False(await app.WithDatabaseAsync(db => Task.FromResult(db.Database.HasPendingModelChanges())));

    [Fact]
    public async Task A_notice_after_a_redirect_shows_only_our_own_messages_and_only_once()
    {
        using var visitor = app.NewSession();
        async Task<(string? Notice, bool Cleared)> HomeWithNoticeAsync(string cookie)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Add("Cookie", $"{Web.Shared.ParvisPageModel.FlashCookie}={Uri.EscapeDataString(cookie)}");
            using var response = await visitor.Client.SendAsync(request);
            var page = await Session.Response.ReadAsync(response);
            return (page.Document.QuerySelector("p.notice")?.TextContent,
                response.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith(Web.Shared.ParvisPageModel.FlashCookie + "=;", StringComparison.Ordinal)));
        }

        Assert.Equal(("Votre soutien est enregistré.", true), await HomeWithNoticeAsync("""["Proposals.Supported"]"""));
        // The values are text in one of our sentences, encoded like any other.
        var (imported, _) = await HomeWithNoticeAsync("""["Results.Imported","<b>12</b>"]""");
        Assert.Equal("<b>12</b> mises à jour importées.", imported);
        // A cookie naming no message of ours, or not written by us, shows nothing and is cleared.
        Assert.Equal((null, true), await HomeWithNoticeAsync("""["Un texte choisi ailleurs"]"""));
        Assert.Equal((null, true), await HomeWithNoticeAsync("pas du JSON"));
        // A pattern, or one of our messages short of its values, shows nothing either: a planted cookie breaks no page.
        Assert.Equal((null, true), await HomeWithNoticeAsync("""["{"]"""));
        Assert.Equal((null, true), await HomeWithNoticeAsync("""["Results.Imported"]"""));
    }

    [Fact]
    public async Task The_stylesheet_address_carries_its_version_so_a_new_release_is_fetched_anew()
    {
        using var visitor = app.NewSession();
        var home = await visitor.GetAsync("/");
        var address = home.Document.QuerySelector("link[rel=stylesheet][href^='/css/site.css']")?.GetAttribute("href");
        Assert.Matches("^/css/site.css\\?v=[A-Za-z0-9_-]{20,}$", address);
        var stylesheet = await visitor.Client.GetAsync(address);
        Assert.Equal(HttpStatusCode.OK, stylesheet.StatusCode);
        Assert.Equal("text/css", stylesheet.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Health_reports_the_database_state()
    {
        using var session = app.NewSession();
        var response = await session.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Healthy", response.Body);
    }

    [Fact]
    public async Task Pages_forbid_anything_from_elsewhere()
    {
        using var response = await app.CreateClient().GetAsync("/");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("http://", html.Replace("http://localhost", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task French_by_default_and_english_on_request()
    {
        using var session = app.NewSession();
        var french = await session.GetAsync("/");
        Assert.Equal("fr", french.Document.DocumentElement.GetAttribute("lang"));
        var english = session.Client.GetAsync(new Uri("/language/en?returnUrl=%2Fcharter", UriKind.Relative));
        using (var switched = await english)
        {
            Assert.Equal("/charter", switched.Headers.Location?.OriginalString);
        }
        var charter = await session.GetAsync("/charter");
        Assert.Equal("en", charter.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Participation charter", charter.Text("h1"));
        var missing = await session.GetAsync("/nowhere");
        Assert.Equal("Page not found", missing.Text("h1"));
    }

    [Fact]
    public async Task A_page_number_past_any_list_answers_an_empty_page_not_an_error()
    {
        // Times the page size, it would overflow into a negative offset, which PostgreSQL refuses.
        const int far = 50_000_000;
        var (member, _) = await app.SignedInAsync("Lectrice des pages lointaines");
        foreach (var address in new[] { $"/moderation?p={far}", $"/processes/{app.World.ProcessSlug}/fates?p={far}", $"/processes/{app.World.ProcessSlug}/journal?p={far}" })
        {
            Assert.Equal(HttpStatusCode.OK, (await app.NewSession().GetAsync(address)).Status);
        }
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/account/contributions?p={far}")).Status);
    }

    [Fact]
    public async Task The_language_switch_never_redirects_elsewhere()
    {
        using var session = app.NewSession();
        using var response = await session.Client.GetAsync(new Uri("/language/fr?returnUrl=%2F%2Fevil.example", UriKind.Relative));
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    /// <summary>Control characters, spaces and letters a header cannot carry once made the return address: home instead, never a 500.</summary>
    [Theory]
    [InlineData("%2F%0A")]
    [InlineData("%2Fcharter%00")]
    [InlineData("%2F%09%2Fevil.example")]
    [InlineData("%2Fcharter%0D%0ASet-Cookie%3A%20x%3D1")]
    [InlineData("%2Fcharte%20des%20r%C3%A8gles")]
    [InlineData("%2F%5C%2Fevil.example")]
    public async Task The_language_switch_sends_home_from_a_return_address_that_is_no_plain_local_path(string returnUrl)
    {
        using var session = app.NewSession();
        using var response = await session.Client.GetAsync(new Uri($"/language/en?returnUrl={returnUrl}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_language_switch_keeps_a_plain_local_return_address_with_its_query()
    {
        using var session = app.NewSession();
        using var response = await session.Client.GetAsync(new Uri("/language/en?returnUrl=%2Fprocesses%2Fouverte%2Fproposals%3Fq%3Dv%25C3%25A9lo%23list", UriKind.Relative));
        Assert.Equal("/processes/ouverte/proposals?q=v%C3%A9lo#list", response.Headers.Location?.OriginalString);
    }

    /// <summary>Behind nginx, HTTPS arrives as X-Forwarded-Proto; the test server's client on https://localhost stands for both.</summary>
    [Fact]
    public async Task Under_https_the_browser_is_told_to_stay_on_https_and_the_form_cookie_is_secure()
    {
        using var https = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        using var secure = await https.GetAsync(new Uri("/account/sign-in", UriKind.Relative));
        Assert.Equal("max-age=31536000", secure.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.Contains(secure.Headers.GetValues("Set-Cookie"), c => c.StartsWith(Web.Kernel.Web.KernelSetup.AntiforgeryCookie + "=", StringComparison.Ordinal)
            && c.Contains("; secure", StringComparison.OrdinalIgnoreCase));

        using var forwarded = new HttpRequestMessage(HttpMethod.Get, "/");
        forwarded.Headers.Add("X-Forwarded-Proto", "https");
        using var proxied = await app.CreateClient().SendAsync(forwarded);
        Assert.True(proxied.Headers.Contains("Strict-Transport-Security"));

        using var plain = await app.CreateClient().GetAsync(new Uri("/account/sign-in", UriKind.Relative));
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain(plain.Headers.GetValues("Set-Cookie"), c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Each_organisation_answers_on_its_own_host()
    {
        await app.WithDatabaseAsync(async db =>
        {
            if (!await db.Organisations.AnyAsync(o => o.Slug == "autre"))
            {
                var other = new Organisation { Slug = "autre", Name = "Ville voisine", DefaultCulture = "en" };
                other.Hosts.Add(new OrganisationHost { Host = "voisine.example" });
                db.Organisations.Add(other);
                await db.SaveChangesAsync();
            }
        });
        var client = app.CreateClient(new() { BaseAddress = new Uri("http://voisine.example") });
        var page = await Session.Response.ReadAsync(await client.GetAsync("/"));
        Assert.Equal("Ville voisine", page.Text("h1"));
        Assert.Equal("en", page.Document.DocumentElement.GetAttribute("lang"));
        using var home = app.NewSession();
        Assert.Equal("Conseil de test", (await home.GetAsync("/")).Text("h1"));
    }

    [Fact]
    public async Task The_first_administrator_is_created_from_the_command_line_without_a_password()
    {
        var email = $"{Guid.NewGuid():N}@example.org";
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        int code;
        try
        {
            code = await AdminCli.RunAsync(CommandLine.Parse(["create-admin", "--email", email, "--pseudonym", "Admin CLI", "--organisation", "test", "--url", "https://parvis.example"]), app.Services);
        }
        finally
        {
            Console.SetOut(console);
        }
        Assert.Equal(0, code);
        Assert.Contains("https://parvis.example/account/reset?id=", output.ToString(), StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var people = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Person>>();
        var admin = await people.FindByEmailAsync(email);
        Assert.NotNull(admin);
        Assert.Null(admin.PasswordHash);
        Assert.True(await app.WithDatabaseAsync(db => db.RoleAssignments.AnyAsync(r => r.PersonId == admin.Id && r.Role == Role.Administrator)));
    }

    [Fact]
    public async Task The_process_page_shows_the_phases_as_a_timeline_with_the_current_one()
    {
        using var visitor = app.NewSession();
        var page = await visitor.GetAsync($"/processes/{app.World.ProcessSlug}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("step", page.Document.QuerySelector(".timeline li.current")!.GetAttribute("aria-current"));
        Assert.Contains("<em>texte</em>", page.Body, StringComparison.Ordinal);
    }
}
