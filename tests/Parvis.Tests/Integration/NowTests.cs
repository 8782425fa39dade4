using Microsoft.EntityFrameworkCore;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Tests.Integration;

/// <summary>The home page and a process page say first what a visitor can do there today, from each tool in use.</summary>
[Trait("Suite", "integration")]
public sealed class NowTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    private Task<Process> ProcessAsync(string slug, params string[] switches)
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        return app.AddProcessAsync(slug, new Phase { Title = "Contributions", StartsOn = today.AddDays(-5), EndsOn = today.AddDays(5), Switches = [.. switches] });
    }

    private static string[] Actions(Session.Response page) => [.. page.Texts("#now ~ .now-actions a, .now-actions a")];

    [Fact]
    public async Task A_process_page_leads_with_what_the_phase_opens_the_next_meeting_and_the_maps_to_vote_on()
    {
        var process = await ProcessAsync("agir-aujourdhui", ProposalsModule.Proposing, ProposalsModule.Supporting);
        var phase = process.Phases[0];
        var evening = new DateTimeOffset(DateTime.Today.AddDays(2).AddHours(18).AddMinutes(30));
        await app.WithDatabaseAsync(async db =>
        {
            var meetings = process.Component(MeetingsModule.Key)!.Id;
            db.Meetings.AddRange(
                new Meeting { OrganisationId = process.OrganisationId, ProcessId = process.Id, ComponentId = meetings, Title = "Réunion passée", StartsAt = DateTimeOffset.Now.AddHours(-4), EndsAt = DateTimeOffset.Now.AddHours(-2) },
                new Meeting { OrganisationId = process.OrganisationId, ProcessId = process.Id, ComponentId = meetings, Title = "Réunion de quartier", Registration = true, StartsAt = evening, EndsAt = evening.AddHours(2) },
                new Meeting { OrganisationId = process.OrganisationId, ProcessId = process.Id, ComponentId = meetings, Title = "Réunion plus tard", StartsAt = evening.AddDays(7), EndsAt = evening.AddDays(7).AddHours(2) });
            db.OpinionMaps.Add(new OpinionMap
            {
                OrganisationId = process.OrganisationId, ProcessId = process.Id, ComponentId = process.Component(OpinionMapsModule.Key)!.Id, PhaseId = phase.Id,
                Question = "Que faire de la place ?",
            });
            await db.SaveChangesAsync();
        });
        // Two people with an account wrote three proposals; a fourth came on paper, from nobody the site knows.
        var first = await app.CreatePersonAsync("ecrit-deux-fois");
        var second = await app.CreatePersonAsync("ecrit-une-fois");
        await app.WithDatabaseAsync(db =>
        {
            db.AddRange(
                new Proposal { OrganisationId = process.OrganisationId, ProcessId = process.Id, AuthorId = first.Id, Title = "Des bancs", Body = "." },
                new Proposal { OrganisationId = process.OrganisationId, ProcessId = process.Id, AuthorId = first.Id, Title = "Des arbres", Body = "." },
                new Proposal { OrganisationId = process.OrganisationId, ProcessId = process.Id, AuthorId = second.Id, Title = "De l'ombre", Body = "." },
                new Proposal { OrganisationId = process.OrganisationId, ProcessId = process.Id, Channel = Channel.Paper, Title = "Une fontaine", Body = "." });
            return db.SaveChangesAsync();
        });

        using var visitor = app.NewSession();
        var page = await visitor.GetAsync($"/processes/{process.Slug}");
        var actions = Actions(page);
        Assert.Contains("Proposer une idée", actions);
        Assert.Contains("Soutenir les propositions", actions);
        Assert.Contains(actions, a => a.StartsWith("S'inscrire à «\u00a0Réunion de quartier\u00a0»", StringComparison.Ordinal));
        Assert.DoesNotContain(actions, a => a.Contains("Réunion passée", StringComparison.Ordinal) || a.Contains("Réunion plus tard", StringComparison.Ordinal));
        Assert.Contains("Poser une question aux experts", actions);
        Assert.Contains("Donner votre avis\u00a0: Que faire de la place ?", actions);
        // Each tool's first action is its primary one.
        var primary = page.Document.QuerySelectorAll(".now-actions a.button").Select(a => a.TextContent).ToList();
        Assert.Contains("Proposer une idée", primary);
        Assert.Contains(primary, a => a.StartsWith("S'inscrire à", StringComparison.Ordinal));
        Assert.DoesNotContain("Soutenir les propositions", primary);
        Assert.DoesNotContain("Poser une question aux experts", primary);

        // The meetings to come are listed next, soonest first, with their time; the one that is over is not.
        var upcoming = page.Document.QuerySelectorAll(".appointments li").ToList();
        Assert.Equal(["Réunion de quartier", "Réunion plus tard"], upcoming.Select(li => li.QuerySelector("a")!.TextContent));
        Assert.Equal(evening.ToString("o"), upcoming[0].QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Contains($"de {evening.ToLocalTime():H'\u00a0h\u00a0'mm} à", upcoming[0].QuerySelector("time")!.TextContent, StringComparison.Ordinal);

        // What to do now comes first, then what is to come; what became of the contributions before the analysts' material, kept apart.
        var sections = page.Document.QuerySelectorAll("main h2[id]").Select(h => h.Id).ToList();
        Assert.True(sections.IndexOf("now") < sections.IndexOf("upcoming") && sections.IndexOf("upcoming") < sections.IndexOf("participate")
            && sections.IndexOf("participate") < sections.IndexOf("accountability")
            && sections.IndexOf("accountability") < sections.IndexOf("analysis"), string.Join(", ", sections));
        Assert.NotNull(page.Document.QuerySelector($"section[aria-labelledby=analysis] a[href='/processes/{process.Slug}/grids']"));
        Assert.Null(page.Document.QuerySelector($"section[aria-labelledby=accountability] a[href='/processes/{process.Slug}/grids']"));

        // The home page's card names the same first actions, and how much was said.
        var home = await visitor.GetAsync("/");
        var card = home.Document.QuerySelectorAll("li.card").Single(c => c.QuerySelector("h3")!.TextContent.Contains(process.Title, StringComparison.Ordinal));
        var offered = card.QuerySelectorAll(".now-actions a").Select(a => a.TextContent).ToList();
        Assert.Contains(offered, a => a.StartsWith("Proposer une idée", StringComparison.Ordinal));
        Assert.Contains(offered, a => a.StartsWith("S'inscrire à", StringComparison.Ordinal));
        var counts = card.QuerySelector(".meta")!.TextContent;
        Assert.Contains("4 contributions", counts, StringComparison.Ordinal);
        Assert.Contains("2 personnes inscrites y ont contribué", counts, StringComparison.Ordinal);
        Assert.Contains("2 rendez-vous à venir", counts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_phase_that_opens_nothing_says_so_and_a_closed_process_offers_nothing()
    {
        var process = await ProcessAsync("rien-aujourdhui");
        // Without meetings, maps nor workshops under way, only the experts are open (while a phase runs).
        await app.WithDatabaseAsync(db => db.Set<ProcessComponent>().Where(c => c.ProcessId == process.Id && c.Module == MeetingsModule.Key)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Enabled, false)));
        using var visitor = app.NewSession();
        var page = await visitor.GetAsync($"/processes/{process.Slug}");
        Assert.Empty(Actions(page));
        Assert.Contains("Rien n'est ouvert aux contributions en ce moment", page.Text("section[aria-labelledby=now]"), StringComparison.Ordinal);

        await app.WithDatabaseAsync(db => db.Processes.Where(p => p.Id == process.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.ClosedAt, DateTimeOffset.UtcNow)));
        Assert.Empty((await visitor.GetAsync($"/processes/{process.Slug}")).Document.QuerySelectorAll("section[aria-labelledby=now]"));
    }

    [Fact]
    public async Task Every_page_of_what_came_out_of_a_process_has_the_same_tabs_with_its_own_marked_current()
    {
        var process = await ProcessAsync("onglets");
        using var visitor = app.NewSession();
        var tabs = Parvis.Web.Shared.ProcessTabs.All.Select(t => $"/processes/{process.Slug}{t.Path}").ToList();
        foreach (var address in tabs.Skip(1))
        {
            var page = await visitor.GetAsync(address);
            var links = page.Document.QuerySelectorAll("nav.tabs a").ToList();
            Assert.Equal(tabs, links.Select(a => a.GetAttribute("href")));
            Assert.Equal([address], links.Where(a => a.GetAttribute("aria-current") == "page").Select(a => a.GetAttribute("href")));
            Assert.Equal(process.Title, links[0].TextContent.Trim());
            // The tabs come before the page's heading, as the way back to the process did.
            Assert.True(page.Document.QuerySelector("nav.tabs")!.CompareDocumentPosition(page.Document.QuerySelector("h1")!).HasFlag(AngleSharp.Dom.DocumentPositions.Following), address);
        }
    }
}
