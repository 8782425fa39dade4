using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Modules.Workshops.Pages;

namespace Parvis.Tests.Integration;

/// <summary>Parvis with the limits it ships with: 60 contributions a minute, 20 sign-in forms.</summary>
public sealed class LimitedApp : ParvisApp
{
    protected override int AuthPermitLimit => 20;

    protected override int ContributePermitLimit => 60;

    protected override int OpenDataPermitLimit => RateLimits.OpenDataPermits;

    protected override int CodeMissPermitLimit => Parvis.Web.Modules.Workshops.Pages.JoinModel.Misses.Permits;
}

[Trait("Suite", "integration")]
public sealed class RateLimitTests(LimitedApp app) : IClassFixture<LimitedApp>
{
    private static int _visitors;

    /// <summary>Each action a person or a visitor posts: the 61st post in a minute is refused, whatever the handler.</summary>
    [Theory]
    [InlineData("/processes/{process}/proposals/new")]
    [InlineData("/proposals/{id}?handler=Comment")]
    [InlineData("/proposals/{id}?handler=Support")]
    [InlineData("/processes/{process}/questions")]
    [InlineData("/questions/{id}")]
    [InlineData("/meetings/{id}?handler=Register")]
    [InlineData("/meetings/{id}?handler=Cancel")]
    [InlineData("/maps/{id}/vote")]
    [InlineData("/flag/{id}")]
    [InlineData("/account?handler=Export")]
    [InlineData("/account/delete")]
    [InlineData("/workshops/{id}/console")]
    public async Task The_61st_contribution_in_a_minute_is_refused(string action)
    {
        var (session, _) = await app.SignedInAsync($"Pressée {Guid.NewGuid():N}"[..22]);
        var path = action.Replace("{process}", app.World.ProcessSlug, StringComparison.Ordinal)
            .Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
        await AssertSixtyFirstRefusedAsync(session, path, 60);
    }

    [Fact]
    public async Task At_a_workshop_the_61st_post_in_a_minute_from_one_address_is_refused_whatever_table_it_names()
    {
        // Two workshops of these codes: what is counted here is posts to a workshop, not codes that lead nowhere.
        await app.WithDatabaseAsync(db =>
        {
            db.Workshops.AddRange(new[] { "ABCDEF", "GHJKLM" }.Select(code => new Workshop
            {
                OrganisationId = app.World.OrganisationId, ProcessId = app.World.ProcessId, Title = $"Atelier {code}", JoinCode = code,
                Groups = [new WorkshopGroup { Name = "Table 1" }],
            }));
            return db.SaveChangesAsync();
        });
        using var cafe = app.NewSession();
        await AssertSixtyFirstRefusedAsync(cafe, $"/w/ABCDEF?group={Guid.NewGuid()}", 60);
        // Naming another table, made up or not, is no way around it; another workshop is counted apart.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await cafe.PostRawAsync($"/w/ABCDEF?group={Guid.NewGuid()}", new Dictionary<string, string>())).Status);
        // Nor is writing the code another way, which reaches the same workshop.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await cafe.PostRawAsync("/w/ab-c.d_ef", new Dictionary<string, string>())).Status);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await cafe.PostRawAsync("/w/GHJKLM", new Dictionary<string, string>())).Status);
    }

    [Fact]
    public async Task Open_data_its_pages_and_the_api_are_read_120_times_a_minute_per_address_then_refused()
    {
        using var reader = app.NewSession();
        reader.Client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        var paths = new[] { "/api/v1/datasets/themes", "/open-data/themes.csv", "/open-data/themes.schema.json", "/openapi/v1.json", "/open-data/themes" };
        for (var i = 0; i < RateLimits.OpenDataPermits; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(paths[i % paths.Length])).Status);
        }
        foreach (var path in paths)
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, (await reader.GetAsync(path)).Status);
        }
        // Another address reads on; the site's other pages are not counted.
        using var neighbour = app.NewSession();
        neighbour.Client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.8");
        Assert.Equal(HttpStatusCode.OK, (await neighbour.GetAsync("/api/v1/datasets/themes")).Status);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/charter")).Status);
    }

    [Theory]
    [InlineData("/account/sign-in")]
    [InlineData("/account/register")]
    [InlineData("/account/forgot-password")]
    [InlineData("/account/reset")]
    [InlineData("/account/confirm")]
    public async Task The_21st_account_form_in_a_minute_from_one_address_is_refused(string path)
    {
        using var visitor = app.NewSession();
        // Each case comes from an address of its own: cases sharing one would share its budget.
        visitor.Client.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.51.100.{Interlocked.Increment(ref _visitors)}");
        await AssertSixtyFirstRefusedAsync(visitor, path, 20);
    }

    [Fact]
    public void Every_page_is_limited_on_its_class_and_no_handler_names_a_limit_that_would_do_nothing()
    {
        var handlers = typeof(KernelSetup).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PageModel)))
            .SelectMany(t => t.GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttributes<EnableRateLimitingAttribute>().Any() || m.GetCustomAttributes<DisableRateLimitingAttribute>().Any())
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}");
        Assert.Empty(handlers);

        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null)
            .ToList();
        Assert.NotEmpty(pages);
        var unlimited = pages.Where(e => e.Metadata.GetMetadata<EnableRateLimitingAttribute>() is null && e.Metadata.GetMetadata<DisableRateLimitingAttribute>() is null)
            .Select(e => e.RoutePattern.RawText);
        Assert.Empty(unlimited);
    }

    [Fact]
    public async Task Codes_that_lead_to_no_workshop_are_counted_per_visitor_whatever_the_code()
    {
        await app.WithDatabaseAsync(db =>
        {
            db.Workshops.Add(new Workshop
            {
                OrganisationId = app.World.OrganisationId, ProcessId = app.World.ProcessId, Title = "Atelier ouvert", JoinCode = "PQRSTU",
                Groups = [new WorkshopGroup { Name = "Table 1" }],
            });
            return db.SaveChangesAsync();
        });
        using var guesser = app.NewSession();
        var misses = JoinModel.Misses.Permits;
        // A right code costs nothing: a café's phones share one address.
        for (var i = 0; i < misses + 5; i++)
        {
            Assert.Contains("Atelier ouvert", (await guesser.GetAsync("/w/PQRSTU")).Text("main"), StringComparison.Ordinal);
        }
        for (var i = 0; i < misses; i++)
        {
            // Each code its own: the page's own limit, by code, never stops this.
            var code = $"ZZZ{i:D3}".Replace('0', 'A').Replace('1', 'B');
            var miss = i % 2 == 0 ? await guesser.GetAsync($"/w/{code}") : await guesser.PostAsync($"/w/{code}", new Dictionary<string, string>(), "/w");
            Assert.Equal(HttpStatusCode.OK, miss.Status);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await guesser.GetAsync("/w/ZZZZZZ")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await guesser.GetAsync("/w/ZZZZZZ?handler=Qr")).Status);
        // Nor does a right code answer then: that it did, while wrong ones were refused, would tell them apart.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await guesser.GetAsync("/w/PQRSTU")).Status);
    }

    private static async Task AssertSixtyFirstRefusedAsync(Session session, string path, int limit)
    {
        for (var i = 0; i < limit; i++)
        {
            var allowed = await session.PostRawAsync(path, new Dictionary<string, string>());
            Assert.NotEqual(HttpStatusCode.TooManyRequests, allowed.Status);
        }
        var refused = await session.PostRawAsync(path, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        // Reading the page is never limited.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await session.GetAsync(path.Split('?')[0])).Status);
    }
}
