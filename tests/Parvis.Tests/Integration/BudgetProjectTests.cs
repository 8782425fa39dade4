using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Privacy;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Tests.Integration;

/// <summary>A participatory budget from project submission to followed actions.</summary>
public sealed partial class VoteTests
{
    /// <summary>A process taking projects, its votes component, and the staff page of its votes.</summary>
    private async Task<(Process Process, Guid Component, string Admin)> BudgetProcessAsync(string slug)
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        var process = await app.AddProcessAsync(slug, new Phase
        {
            Title = "Dépôt des projets", StartsOn = today.AddDays(-2), EndsOn = today.AddDays(20), Switches = [VotesModule.Submitting],
        });
        var component = process.Component(VotesModule.Key)!.Id;
        return (process, component, $"/admin/processes/{process.Id}/votes/{component}");
    }

    [Fact]
    public async Task A_participatory_budget_runs_from_submitted_projects_to_followed_actions()
    {
        var (process, component, admin) = await BudgetProcessAsync("budget-des-quartiers");
        var list = $"/processes/{process.Slug}/projects/{component}";
        var (staff, _) = await app.SignedInAsync("Chargée du budget participatif", Role.ProcessManager);
        var (citizen, citizenPerson) = await app.SignedInAsync("Porteuse de projets de Kervénanec");

        // Staff give the district its money; a participant submits projects in it.
        var noAmount = await staff.PostAsync($"{admin}?handler=Area", new Dictionary<string, string> { ["Area.Name"] = "Kervénanec", ["Area.Amount"] = "" });
        Assert.NotEqual("", noAmount.Text("#Area_Amount-error"));
        Assert.Equal("Kervénanec", noAmount.Document.QuerySelector("#Area_Name")!.GetAttribute("value"));
        var added = await staff.PostAsync($"{admin}?handler=Area", new Dictionary<string, string> { ["Area.Name"] = "Kervénanec", ["Area.Amount"] = "50000" });
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        var area = await app.WithDatabaseAsync(db => db.BudgetAreas.SingleAsync(a => a.ComponentId == component));
        var tooShort = await citizen.PostAsync(list, new Dictionary<string, string> { ["Title"] = "Des bancs", ["Description"] = "Trop court", ["AreaId"] = $"{area.Id}" });
        Assert.NotEqual("", tooShort.Text("#Description-error"));
        Assert.Equal("Des bancs", tooShort.Document.QuerySelector("#Title")!.GetAttribute("value"));
        async Task<Guid> Submit(string title)
        {
            var submitted = await citizen.PostAsync(list, new Dictionary<string, string>
            {
                ["Title"] = title, ["Description"] = $"{title} : pour les familles et les personnes âgées du quartier.", ["AreaId"] = $"{area.Id}",
            });
            Assert.Equal(HttpStatusCode.Redirect, submitted.Status);
            return Guid.Parse(submitted.Location!.Split('/')[^1]);
        }
        var (garden, benches, pool) = (await Submit("Jardin partagé"), await Submit("Des bancs à l'ombre"), await Submit("Piscine olympique"));
        Assert.Equal(["Jardin partagé", "Des bancs à l'ombre", "Piscine olympique"], (await app.NewSession().GetAsync(list)).Texts("h3 a"));
        Assert.Contains("/error/403", (await citizen.PostAsync($"/votes/projects/{garden}", new Dictionary<string, string> { ["Feasible"] = "true", ["Cost"] = "1" })).Location, StringComparison.Ordinal);

        // Staff review each one publicly: a cost, or a reason that becomes the project's fate.
        Task<Session.Response> Review(Guid project, bool feasible, string cost, string text) => staff.PostAsync($"/votes/projects/{project}", new Dictionary<string, string>
        {
            ["Feasible"] = feasible ? "true" : "false", ["Cost"] = cost, ["ReviewText"] = text,
        });
        var overArea = await Review(garden, true, "80000", "Devis de la régie.");
        Assert.Contains("enveloppe", overArea.Text("#Cost-error"), StringComparison.Ordinal);
        Assert.Equal("Devis de la régie.", overArea.Text("#ReviewText"));
        Assert.Equal(HttpStatusCode.Redirect, (await Review(garden, true, "30000", "Devis de la régie.")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await Review(benches, true, "15000", "Prix du catalogue.")).Status);
        var noReason = await Review(pool, false, "", "");
        Assert.Contains("pourquoi", noReason.Text("#ReviewText-error"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await Review(pool, false, "", "Le terrain est trop petit.")).Status);
        var poolPage = await app.NewSession().GetAsync($"/votes/projects/{pool}");
        Assert.Contains("Non réalisable", poolPage.Text("section.card"), StringComparison.Ordinal);
        Assert.Contains("Le terrain est trop petit.", poolPage.Text("main"), StringComparison.Ordinal);
        Assert.Equal(Fate.NotRetained, await app.WithDatabaseAsync(db => db.BudgetProjects.Where(p => p.Id == pool).Select(p => p.Fate).SingleAsync()));
        Assert.Contains("ne change plus", (await Review(pool, true, "100", "")).Text("[role=alert]"), StringComparison.Ordinal);

        // The district's vote takes its feasible projects with their costs, and its money.
        var created = await staff.PostAsync(admin, new Dictionary<string, string>
        {
            ["Input.Question"] = "Quels projets pour Kervénanec ?", ["Input.Purpose"] = "AssemblyDecision", ["Input.Method"] = "Budget", ["Input.Seats"] = "1",
            ["Input.AreaId"] = $"{area.Id}", ["Input.Options"] = "", ["Input.BudgetCount"] = "Greedy", ["Input.MinSharePercent"] = "0",
            ["Input.OpensAt"] = DateTime.Now.AddHours(-1).ToString("yyyy-MM-ddTHH:mm"), ["Input.ClosesAt"] = DateTime.Now.AddDays(3).ToString("yyyy-MM-ddTHH:mm"),
            ["Input.Secret"] = "true", ["Input.ResultsBeforeClose"] = "false",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var vote = Guid.Parse(created.Location!.Split('/')[^1]);
        var (budget, options) = await app.WithDatabaseAsync(async db => (
            await db.Votes.Where(v => v.Id == vote).Select(v => v.Budget).SingleAsync(),
            await db.VoteOptions.Where(o => o.VoteId == vote).OrderBy(o => o.Position).Select(o => new { o.Title, o.Cost, o.ProjectId }).ToListAsync()));
        Assert.Equal(50_000, budget);
        Assert.Equal([("Des bancs à l'ombre", (long?)15_000, (Guid?)benches), ("Jardin partagé", 30_000, garden)], options.Select(o => (o.Title, o.Cost, o.ProjectId)));
        var gardenPage = await staff.GetAsync($"/votes/projects/{garden}");
        Assert.Contains(gardenPage.Document.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/votes/{vote}");
        Assert.Empty(gardenPage.Document.QuerySelectorAll("#give-review"));
        Assert.Contains("est sur un bulletin de vote", gardenPage.Text("main"), StringComparison.Ordinal);

        // Voters choose; once closed, staff make the funded projects actions followed in the results.
        Assert.Equal(HttpStatusCode.Redirect, (await citizen.PostAsync($"/votes/{vote}", new Dictionary<string, string> { ["o1"] = "1" })).Status);
        var (other, _) = await app.SignedInAsync("Voisin du jardin");
        Assert.Equal(HttpStatusCode.Redirect, (await other.PostAsync($"/votes/{vote}", new Dictionary<string, string> { ["o0"] = "1", ["o1"] = "1" })).Status);
        // While the secret vote runs, the public report counts none of its ballots: a running count would tell who voted when.
        async Task<string> ReportedBallots() => (await app.NewSession().GetAsync($"/processes/{process.Slug}/report")).Document.QuerySelectorAll("tr")
            .Single(r => r.TextContent.Contains("Bulletins déposés", StringComparison.Ordinal)).Children[^1].TextContent.Trim();
        Assert.Equal("0", await ReportedBallots());
        // Moderation hides a project already on the ballot: funded, its action takes the ballot's words, not the hidden description.
        await app.WithDatabaseAsync(db => db.BudgetProjects.Where(p => p.Id == benches)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.HiddenAt, DateTimeOffset.UtcNow).SetProperty(p => p.HiddenReason, "Hors charte")));
        await app.WithDatabaseAsync(db => db.Votes.Where(v => v.Id == vote)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.OpensAt, DateTimeOffset.UtcNow.AddDays(-2)).SetProperty(v => v.ClosesAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        Assert.Equal("2", await ReportedBallots());
        Assert.Empty((await citizen.GetAsync($"/votes/{vote}/results")).Document.QuerySelectorAll("#fund"));
        var funded = await staff.PostAsync($"/votes/{vote}/results?handler=Fund", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, funded.Status);
        var again = await staff.PostAsync($"/votes/{vote}/results?handler=Fund", new Dictionary<string, string>(), $"/votes/{vote}/results");
        Assert.Contains("déjà des actions suivies", again.Text("#fund ~ [role=alert], section[aria-labelledby=fund]"), StringComparison.Ordinal);

        var actions = await app.WithDatabaseAsync(db => db.SynthesisItems.Where(i => i.ProcessId == process.Id).Select(i => new { i.Kind, i.Title, i.Body }).ToListAsync());
        Assert.Equal([(SynthesisItemKind.Action, "Des bancs à l'ombre"), (SynthesisItemKind.Action, "Jardin partagé")], actions.Select(a => (a.Kind, a.Title)).Order());
        Assert.Equal("", actions.Single(a => a.Title == "Des bancs à l'ombre").Body);
        Assert.StartsWith("Jardin partagé : pour les familles", actions.Single(a => a.Title == "Jardin partagé").Body, StringComparison.Ordinal);
        Assert.Equal(Fate.Retained, await app.WithDatabaseAsync(db => db.BudgetProjects.Where(p => p.Id == garden).Select(p => p.Fate).SingleAsync()));
        var results = await app.NewSession().GetAsync(funded.Location!);
        Assert.Contains("Jardin partagé", results.Text("main"), StringComparison.Ordinal);
        Assert.Contains("Financé par le vote", (await app.NewSession().GetAsync($"/votes/projects/{garden}")).Text("main"), StringComparison.Ordinal);
        var export = await citizen.PostAsync("/account?handler=Export", new Dictionary<string, string>());
        Assert.Contains("\"budget-project\"", export.Body, StringComparison.Ordinal);
        Assert.Contains(garden.ToString(), export.Body, StringComparison.Ordinal);

        // She leaves and takes her words: they leave the actions made of her projects, in the results and the audit log.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParvisDbContext>();
            await scope.ServiceProvider.GetRequiredService<PersonalData>().EraseAsync(await db.Users.SingleAsync(p => p.Id == citizenPerson.Id), ErasureChoice.Remove);
        }
        var left = await app.WithDatabaseAsync(db => db.SynthesisItems.Where(i => i.ProcessId == process.Id).Select(i => i.Title + "|" + i.Body).ToListAsync());
        Assert.Equal([$"{CitedSummaries.Withdrawn}|", $"{CitedSummaries.Withdrawn}|{CitedSummaries.Withdrawn}"], left.Order());
        Assert.DoesNotContain("Jardin partagé", (await app.NewSession().GetAsync($"/processes/{process.Slug}/synthesis")).Text("main"), StringComparison.Ordinal);
        Assert.False(await app.WithDatabaseAsync(db => db.AuditEntries.AnyAsync(e => e.Details.Contains("Jardin partagé"))));
    }

    [Fact]
    public async Task An_area_s_projects_of_the_same_title_are_numbered_on_the_ballot_and_an_area_it_cannot_make_is_said_beside_it()
    {
        var (process, component, admin) = await BudgetProcessAsync("budget-homonymes");
        var (staff, _) = await app.SignedInAsync("Chargé des homonymes", Role.ProcessManager);
        var (citizen, _) = await app.SignedInAsync("Porteur de jardins");
        async Task<Guid> AreaAsync(string name)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync($"{admin}?handler=Area", new Dictionary<string, string> { ["Area.Name"] = name, ["Area.Amount"] = "50000" })).Status);
            return await app.WithDatabaseAsync(db => db.BudgetAreas.Where(a => a.ComponentId == component && a.Name == name).Select(a => a.Id).SingleAsync());
        }
        async Task FeasibleAsync(Guid area, string title, string cost)
        {
            var submitted = await citizen.PostAsync($"/processes/{process.Slug}/projects/{component}", new Dictionary<string, string>
            {
                ["Title"] = title, ["Description"] = $"{title} : pour les familles et les personnes âgées du quartier.", ["AreaId"] = $"{area}",
            });
            var project = Guid.Parse(submitted.Location!.Split('/')[^1]);
            Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync($"/votes/projects/{project}", new Dictionary<string, string>
            {
                ["Feasible"] = "true", ["Cost"] = cost, ["ReviewText"] = "Devis de la régie.",
            })).Status);
        }
        Dictionary<string, string> Vote(Guid area) => new()
        {
            ["Input.Question"] = "Quels projets pour le quartier ?", ["Input.Purpose"] = "AssemblyDecision", ["Input.Method"] = "Budget", ["Input.Seats"] = "1",
            ["Input.AreaId"] = $"{area}", ["Input.Options"] = "", ["Input.BudgetCount"] = "Greedy", ["Input.MinSharePercent"] = "0",
            ["Input.OpensAt"] = DateTime.Now.AddHours(-1).ToString("yyyy-MM-ddTHH:mm"), ["Input.ClosesAt"] = DateTime.Now.AddDays(3).ToString("yyyy-MM-ddTHH:mm"),
            ["Input.Secret"] = "true", ["Input.ResultsBeforeClose"] = "false",
        };

        // Two gardens proposed apart: each its own line, numbered.
        var gardens = await AreaAsync("Bois-du-Château");
        await FeasibleAsync(gardens, "Jardin partagé", "20000");
        await FeasibleAsync(gardens, "Jardin partagé", "25000");
        var created = await staff.PostAsync(admin, Vote(gardens));
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var vote = Guid.Parse(created.Location!.Split('/')[^1]);
        Assert.Equal(["Jardin partagé (1)", "Jardin partagé (2)"],
            await app.WithDatabaseAsync(db => db.VoteOptions.Where(o => o.VoteId == vote).OrderBy(o => o.Position).Select(o => o.Title).ToListAsync()));

        // An area with a single feasible project makes no ballot: said beside the area, not under the empty options.
        var single = await AreaAsync("Keryado");
        await FeasibleAsync(single, "Des bancs à l'ombre", "5000");
        var refused = await staff.PostAsync(admin, Vote(single));
        Assert.NotEqual("", refused.Text("#Input_AreaId-error"));
        Assert.Empty(refused.Document.QuerySelectorAll("#Input_Options-error"));
    }

    [Fact]
    public async Task Equal_shares_say_when_the_shares_stopped_rising_and_the_rest_went_by_votes()
    {
        // Two voters, each wanting a project that costs the whole budget: no share of half the budget pays for either,
        // however often it rises within the rule's limit; what is left then goes to one by the published tie-break.
        var vote = await VoteAsync(VoteMethod.Budget, ["Salle de sport", "Piscine"], closed: true, costs: [10_000, 10_000], budget: 10_000,
            count: BudgetCount.EqualShares);
        await app.WithDatabaseAsync(async db =>
        {
            db.Ballots.AddRange(new CastBallot { VoteId = vote, Content = "1," }, new CastBallot { VoteId = vote, Content = ",1" });
            await db.SaveChangesAsync();
        });

        var results = await app.NewSession().GetAsync($"/votes/{vote}/results");

        Assert.Contains("fois, le plus que la règle permet", results.Text("main"), StringComparison.Ordinal);
        Assert.Equal(["Salle de sport"], results.Texts("ol.winners li"));
    }
}
