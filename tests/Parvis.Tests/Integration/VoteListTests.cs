using Microsoft.EntityFrameworkCore;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Tests.Integration;

/// <summary>A process page names the latest votes only; the component's list holds them all, a page at a time.</summary>
[Trait("Suite", "integration")]
public sealed class VoteListTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    [Fact]
    public async Task A_process_page_names_the_five_latest_votes_and_leads_to_the_list_of_all()
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        var process = await app.AddProcessAsync("votes-nombreux", new Phase { Title = "Votes", StartsOn = today.AddDays(-60), EndsOn = today.AddDays(30) });
        var component = process.Component(VotesModule.Key)!.Id;
        await app.WithDatabaseAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            db.Votes.AddRange(Enumerable.Range(1, 7).Select(i => new Vote
            {
                OrganisationId = process.OrganisationId, ProcessId = process.Id, ComponentId = component, Question = $"Vote numéro {i}",
                Purpose = VotePurpose.Advisory, Method = VoteMethod.SingleChoice, OpensAt = now.AddDays(-30 + i), ClosesAt = now.AddDays(-29 + i), TieBreak = "0,1", CreatedAt = now.AddDays(-40 + i),
            }));
            return await db.SaveChangesAsync();
        });

        using var visitor = app.NewSession();
        var page = await visitor.GetAsync($"/processes/{process.Slug}");
        var named = page.Texts("main a[href^='/votes/']").ToList();
        Assert.Equal(["Vote numéro 7", "Vote numéro 6", "Vote numéro 5", "Vote numéro 4", "Vote numéro 3"], named.Select(n => n[(n.IndexOf("Vote numéro", StringComparison.Ordinal))..]));
        var all = page.Document.QuerySelector($"main a[href='/processes/{process.Slug}/votes/{component}']");
        Assert.Equal("Tous les votes (7)", all?.TextContent.Trim());

        var list = await visitor.GetAsync($"/processes/{process.Slug}/votes/{component}");
        Assert.Equal(Enumerable.Range(1, 7).Reverse().Select(i => $"Vote numéro {i}"), list.Texts("main .card h2"));
        Assert.All(list.Texts("main .card .badge"), state => Assert.Equal("Clos", state));
    }
}
