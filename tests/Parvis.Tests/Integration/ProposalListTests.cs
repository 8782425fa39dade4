using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Tests.Infrastructure;

namespace Parvis.Tests.Integration;

[Trait("Suite", "integration")]
public sealed class ProposalListTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    /// <summary>A process of its own with 47 proposals, several sharing a date and a count, so ties must be broken by id.</summary>
    private async Task<Guid> SeedAsync()
    {
        var process = ParvisApp.NewProcess(app.World.OrganisationId, $"liste-{Guid.NewGuid():N}"[..20], new Web.Kernel.Processes.Phase { Title = "Lecture" });
        var start = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        await app.WithDatabaseAsync(async db =>
        {
            db.Processes.Add(process);
            for (var i = 0; i < 47; i++)
            {
                db.Proposals.Add(new Proposal
                {
                    OrganisationId = app.World.OrganisationId, ProcessId = process.Id, Title = $"Proposition {i}", Body = "Un texte.",
                    CreatedAt = start.AddMinutes(i / 3), SupportCount = i % 4, CommentCount = i % 5,
                });
            }
            await db.SaveChangesAsync();
        });
        return process.Id;
    }

    /// <summary>The seeded process's address name, for tests that read its list as a visitor.</summary>
    private async Task<string> SeedListAsync()
    {
        var processId = await SeedAsync();
        return await app.WithDatabaseAsync(db => Task.FromResult(db.Processes.Single(p => p.Id == processId).Slug));
    }

    private async Task<ProposalResults> SearchAsync(ProposalQuery query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProposalSearch>().SearchAsync(query);
    }

    [Theory]
    [InlineData(ProposalSort.Newest)]
    [InlineData(ProposalSort.Oldest)]
    [InlineData(ProposalSort.MostSupported)]
    [InlineData(ProposalSort.MostDiscussed)]
    public async Task Next_and_previous_walk_the_same_pages_as_page_numbers(ProposalSort sort)
    {
        var processId = await SeedAsync();
        var byNumber = new List<IReadOnlyList<Guid>>();
        for (var page = 1; page <= 3; page++)
        {
            byNumber.Add([.. (await SearchAsync(new ProposalQuery(processId, Sort: sort, Page: page))).Items.Select(p => p.Id)]);
        }
        Assert.Equal(47, byNumber.SelectMany(p => p).Distinct().Count());

        var results = await SearchAsync(new ProposalQuery(processId, Sort: sort));
        for (var page = 2; page <= 3; page++)
        {
            results = await SearchAsync(new ProposalQuery(processId, Sort: sort, Page: page, After: results.Last));
            Assert.Equal(byNumber[page - 1], results.Items.Select(p => p.Id));
            Assert.Equal(page, results.Page);
        }
        for (var page = 2; page >= 1; page--)
        {
            results = await SearchAsync(new ProposalQuery(processId, Sort: sort, Page: page, Before: results.First));
            Assert.Equal(byNumber[page - 1], results.Items.Select(p => p.Id));
        }
    }

    [Fact]
    public async Task The_list_links_carry_the_cursor_and_a_forged_one_falls_back_to_the_page_number()
    {
        var slug = await SeedListAsync();
        using var visitor = app.NewSession();
        var first = await visitor.GetAsync($"/processes/{slug}/proposals?sort=Oldest");
        var next = first.Document.QuerySelectorAll("nav a").Select(a => a.GetAttribute("href")).Single(h => h!.Contains("after="))!;
        var second = await visitor.GetAsync($"/processes/{slug}/proposals{next}");
        var byNumber = await visitor.GetAsync($"/processes/{slug}/proposals?sort=Oldest&p=2");
        var titles = byNumber.Texts("h2, h3").ToList();
        Assert.Equal(20, titles.Count(t => t.StartsWith("Proposition", StringComparison.Ordinal)));
        Assert.Equal(titles, second.Texts("h2, h3"));
        Assert.All(titles.Where(t => t.StartsWith("Proposition", StringComparison.Ordinal)), t => Assert.DoesNotContain(t, first.Texts("h2, h3")));
        // Each page and each search has its own title.
        Assert.StartsWith("Propositions · ", first.Text("title"), StringComparison.Ordinal);
        Assert.StartsWith("Propositions, page 2 · ", second.Text("title"), StringComparison.Ordinal);
        Assert.StartsWith("Propositions pour «\u00a0banc\u00a0» · ", (await visitor.GetAsync($"/processes/{slug}/proposals?q=banc")).Text("title"), StringComparison.Ordinal);
        var forged = await visitor.GetAsync($"/processes/{slug}/proposals?sort=Oldest&p=2&after=not-a-cursor");
        Assert.Equal(HttpStatusCode.OK, forged.Status);
        Assert.Equal(titles, forged.Texts("h2, h3"));
    }

    [Fact]
    public async Task Filters_are_read_from_the_address_and_one_that_does_not_read_is_left_out()
    {
        var slug = await SeedListAsync();
        using var visitor = app.NewSession();
        var oldest = await visitor.GetAsync($"/processes/{slug}/proposals?sort=oldest&p=3");
        Assert.Equal("Oldest", oldest.Document.QuerySelector("#sort option[selected]")?.GetAttribute("value"));
        Assert.Equal(7, oldest.Texts("h2").Count(t => t.StartsWith("Proposition", StringComparison.Ordinal)));
        Assert.Contains("Proposition 46", oldest.Texts("h2"));

        var garbled = await visitor.GetAsync($"/processes/{slug}/proposals?theme=not-an-id&status=Nope&sort=7&p=x&q=");
        Assert.Equal(HttpStatusCode.OK, garbled.Status);
        Assert.Equal("47 propositions", garbled.Text("[role=status]"));
        Assert.Empty(garbled.Document.QuerySelectorAll("#theme option[selected], #status option[selected]"));
        Assert.Equal("Newest", garbled.Document.QuerySelector("#sort option[selected]")?.GetAttribute("value"));
        Assert.Equal(20, garbled.Texts("h2").Count(t => t.StartsWith("Proposition", StringComparison.Ordinal)));
    }
}
