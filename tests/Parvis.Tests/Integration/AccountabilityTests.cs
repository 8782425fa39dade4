using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Tests.Integration;

/// <summary>The fate of contributions, the synthesis they feed, and the guard on closing a process.</summary>
[Trait("Suite", "integration")]
public sealed class AccountabilityTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    /// <summary>A process of its own per test, open for proposals, so that counts are the test's only.</summary>
    private Task<Process> ProcessAsync(string slug) => app.WithDatabaseAsync(async db =>
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        var process = ParvisApp.NewProcess(app.World.OrganisationId, slug, new Phase
        {
            Title = "Contributions", StartsOn = today.AddDays(-5), EndsOn = today.AddDays(5), Switches = [ProposalsModule.Proposing, ProposalsModule.Commenting],
        });
        db.Processes.Add(process);
        await db.SaveChangesAsync();
        return process;
    });

    private Task<Proposal> ProposalAsync(Process process, string title, Guid? authorId = null) => app.WithDatabaseAsync(async db =>
    {
        var proposal = new Proposal { OrganisationId = process.OrganisationId, ProcessId = process.Id, AuthorId = authorId, Title = title, Body = $"{title}, expliqué." };
        db.Proposals.Add(proposal);
        await db.SaveChangesAsync();
        return proposal;
    });

    private static async Task<Guid> SynthesisItemAsync(Session analyst, Process process, string title, string kind = "Recommendation", Guid? theme = null)
    {
        var added = await analyst.PostAsync($"/processes/{process.Slug}/synthesis", new Dictionary<string, string>
        {
            ["Input.Kind"] = kind, ["Input.Title"] = title, ["Input.Body"] = "Pourquoi nous le recommandons.", ["Input.ThemeId"] = theme?.ToString() ?? "",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        return Guid.Parse(added.Location!.Split("#item-")[1]);
    }

    private static Task<Session.Response> DecideAsync(Session analyst, Guid contribution, string fate, string text = "", Guid? item = null, Guid? into = null) =>
        analyst.PostAsync($"/contributions/{contribution}", new Dictionary<string, string>
        {
            ["Fate"] = fate, ["Explanation"] = text, ["SynthesisItemId"] = item?.ToString() ?? "", ["MergedIntoId"] = into?.ToString() ?? "",
        });

    [Fact]
    public async Task Supports_follow_a_merged_proposal_once_each_and_come_back_when_the_merge_is_undone()
    {
        var process = await ProcessAsync("soutiens-fusionnes");
        var kept = await ProposalAsync(process, "Des bus le soir après le bateau");
        var merged = await ProposalAsync(process, "Bus du soir pour Groix");
        var people = new List<Guid>();
        foreach (var name in new[] { "Soutien un", "Soutien deux", "Soutien des deux" })
        {
            people.Add((await app.CreatePersonAsync(name)).Id);
        }
        await app.WithDatabaseAsync(async db =>
        {
            // Three people and a deleted account support the merged one; one of the three supports both.
            db.Supports.AddRange([.. people.Select(p => new Support { ProposalId = merged.Id, PersonId = p }), new Support { ProposalId = merged.Id, PersonId = null },
                new Support { ProposalId = kept.Id, PersonId = people[2] }]);
            await db.Proposals.Where(p => p.Id == merged.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.SupportCount, 4));
            await db.Proposals.Where(p => p.Id == kept.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.SupportCount, 1));
            await db.SaveChangesAsync();
        });
        var (analyst, _) = await app.SignedInAsync("Analyste des fusions", Role.Analyst);
        Task<(int Kept, int Merged, int KeptRows, int MergedRows)> CountsAsync() => app.WithDatabaseAsync(async db =>
            (await db.Proposals.Where(p => p.Id == kept.Id).Select(p => p.SupportCount).SingleAsync(),
             await db.Proposals.Where(p => p.Id == merged.Id).Select(p => p.SupportCount).SingleAsync(),
             await db.Supports.CountAsync(s => s.ProposalId == kept.Id), await db.Supports.CountAsync(s => s.ProposalId == merged.Id)));

        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(analyst, merged.Id, "Merged", into: kept.Id)).Status);
        // Carried over: two people and the deleted account; who supported both counts once, where they supported first.
        Assert.Equal((4, 1, 4, 1), await CountsAsync());
        Assert.Equal(people[2], await app.WithDatabaseAsync(db => db.Supports.Where(s => s.ProposalId == merged.Id).Select(s => s.PersonId).SingleAsync()));

        // A proposal others were merged into is not merged in its turn: their supports would follow out of reach.
        var chained = await DecideAsync(analyst, kept.Id, "Merged", into: merged.Id);
        Assert.NotEmpty(chained.Text("#MergedIntoId-error"));

        // Merged into another instead: they go there, none left behind at the first.
        var other = await ProposalAsync(process, "Une navette vers le port le soir");
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(analyst, merged.Id, "Merged", into: other.Id)).Status);
        Assert.Equal((1, 0), await app.WithDatabaseAsync(async db => (await db.Proposals.Where(p => p.Id == kept.Id).Select(p => p.SupportCount).SingleAsync(),
            await db.Proposals.Where(p => p.Id == merged.Id).Select(p => p.SupportCount).SingleAsync())));
        Assert.Equal(4, await app.WithDatabaseAsync(db => db.Supports.CountAsync(s => s.ProposalId == other.Id && s.CarriedFromId == merged.Id)));

        // Someone supports the merged proposal again meanwhile: theirs is there already when the merge is undone.
        await app.WithDatabaseAsync(async db =>
        {
            db.Supports.Add(new Support { ProposalId = merged.Id, PersonId = people[0] });
            await db.Proposals.Where(p => p.Id == merged.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.SupportCount, p => p.SupportCount + 1));
            await db.SaveChangesAsync();
        });

        // Undone: each support is back where it was given, once.
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(analyst, merged.Id, "NotRetained", text: "Finalement distincte : elle vise Groix seulement.")).Status);
        Assert.Equal((1, 4, 1, 4), await CountsAsync());
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.Proposals.Where(p => p.Id == other.Id).Select(p => p.SupportCount).SingleAsync()));
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.Supports.CountAsync(s => s.CarriedFromId != null)));
    }

    [Fact]
    public async Task An_analyst_retains_a_contribution_then_changes_its_fate_and_the_history_stays_public()
    {
        var process = await ProcessAsync("devenir-historique");
        var proposal = await ProposalAsync(process, "Un bus de nuit vers Groix");
        var (analyst, _) = await app.SignedInAsync("Rapporteuse", Role.Analyst);
        var item = await SynthesisItemAsync(analyst, process, "Desservir les îles le soir");

        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(analyst, proposal.Id, "Retained", item: item)).Status);
        using var visitor = app.NewSession();
        var page = await visitor.GetAsync($"/contributions/{proposal.Id}");
        Assert.Contains("Retenue dans la synthèse", page.Text(".fate .badge"), StringComparison.Ordinal);
        Assert.Contains(page.Document.QuerySelectorAll(".fate a"), a => a.GetAttribute("href") == $"/synthesis/{item}");
        // Both ways: the item lists the contribution behind it, and the proposal's own page shows the fate.
        var itemPage = await visitor.GetAsync($"/synthesis/{item}");
        Assert.Contains(itemPage.Document.QuerySelectorAll(".contribution-list a"), a => a.GetAttribute("href") == $"/contributions/{proposal.Id}");
        Assert.Contains("Retenue dans la synthèse", (await visitor.GetAsync($"/proposals/{proposal.Id}")).Text(".fate .badge"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(analyst, proposal.Id, "NotRetained", "La commune ne gère pas les bateaux.")).Status);
        page = await visitor.GetAsync($"/contributions/{proposal.Id}");
        Assert.Contains("Non retenue", page.Text(".fate .badge"), StringComparison.Ordinal);
        Assert.Contains("La commune ne gère pas les bateaux.", page.Text(".fate"), StringComparison.Ordinal);
        Assert.Contains("Retenue dans\u00a0: Desservir les îles le soir", page.Text(".fate details li"), StringComparison.Ordinal);
        itemPage = await visitor.GetAsync($"/synthesis/{item}");
        Assert.Empty(itemPage.Document.QuerySelectorAll(".contribution-list a"));

        var stored = await app.WithDatabaseAsync(async db => (
            await db.FateDecisions.Where(d => d.ContributionId == proposal.Id).OrderBy(d => d.DecidedAt).Select(d => d.Fate).ToListAsync(),
            await db.Contributions.Where(c => c.Id == proposal.Id).Select(c => c.Fate).SingleAsync()));
        Assert.Equal([Fate.Retained, Fate.NotRetained], stored.Item1);
        Assert.Equal(Fate.NotRetained, stored.Item2);
    }

    [Fact]
    public async Task A_recommendation_says_which_concerns_it_answers_and_the_link_reads_both_ways()
    {
        var process = await ProcessAsync("synthese-liee");
        var other = await ProcessAsync("synthese-ailleurs");
        var (analyst, _) = await app.SignedInAsync("Rapporteuse des liens", Role.Analyst);
        var concern = await SynthesisItemAsync(analyst, process, "Personne ne doit rester seul face aux démarches", "Concern", process.Themes[1].Id);
        var vigilance = await SynthesisItemAsync(analyst, process, "Les arnaques en ligne", "PointOfVigilance");
        var recommendation = await SynthesisItemAsync(analyst, process, "Un guichet humain dans chaque mairie");
        var elsewhere = await SynthesisItemAsync(analyst, other, "Une autre démarche");
        var page = $"/synthesis/{recommendation}";

        var linked = await analyst.PostAsync($"{page}?handler=Answer", new Dictionary<string, string> { ["answered"] = concern.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, linked.Status);
        using var visitor = app.NewSession();
        Assert.Equal(["Personne ne doit rester seul face aux démarches"], (await visitor.GetAsync(page)).Texts("#answers li a"));
        Assert.Equal(["Un guichet humain dans chaque mairie"], (await visitor.GetAsync($"/synthesis/{concern}")).Texts("#answers li a"));
        Assert.Empty((await visitor.GetAsync($"/synthesis/{vigilance}")).Document.QuerySelectorAll("#answers"));

        // An item of another process, or a concern answering something, is refused and changes nothing.
        var refused = await analyst.PostAsync($"{page}?handler=Answer", new Dictionary<string, string> { ["answered"] = elsewhere.ToString() });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.NotEmpty(refused.Text(".alert"));
        var notTracked = await analyst.PostAsync($"/synthesis/{concern}?handler=Answer", new Dictionary<string, string> { ["answered"] = vigilance.ToString() });
        Assert.Contains("Seules les recommandations et les actions", notTracked.Text(".alert"), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.SynthesisItemLinks.CountAsync(l => l.FromItemId == recommendation || l.FromItemId == concern)));

        var report = await visitor.GetAsync($"/processes/{process.Slug}/report");
        Assert.Contains("Répond à\u00a0: Personne ne doit rester seul face aux démarches", report.Text("article"), StringComparison.Ordinal);

        // Given a theme, items are presented theme by theme in the report; a theme of another process is refused.
        var headings = report.Texts("article h3, article h4").ToList();
        Assert.Equal("Santé", headings[headings.IndexOf("Personne ne doit rester seul face aux démarches") - 1]);
        Assert.Contains("thème\u00a0: Santé", (await visitor.GetAsync($"/synthesis/{concern}")).Text(".meta"), StringComparison.Ordinal);
        var foreignTheme = await analyst.PostAsync($"/processes/{process.Slug}/synthesis", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Concern", ["Input.Title"] = "Mal classé", ["Input.Body"] = "", ["Input.ThemeId"] = other.Themes[0].Id.ToString(),
        });
        Assert.Equal(HttpStatusCode.OK, foreignTheme.Status);
        Assert.False(await app.WithDatabaseAsync(db => db.SynthesisItems.AnyAsync(i => i.Title == "Mal classé")));
    }

    [Fact]
    public async Task A_fate_that_lacks_what_it_needs_is_refused_next_to_the_field_and_nothing_is_stored()
    {
        var process = await ProcessAsync("devenir-refus");
        var proposal = await ProposalAsync(process, "Des bancs place Aristide-Briand");
        var (analyst, _) = await app.SignedInAsync("Rapporteur exigeant", Role.Analyst);

        var noReason = await DecideAsync(analyst, proposal.Id, "NotRetained", "   ");
        Assert.Equal(HttpStatusCode.OK, noReason.Status);
        Assert.Contains("raison", noReason.Text("#Explanation-error"), StringComparison.Ordinal);
        Assert.Equal("NotRetained", noReason.Document.QuerySelector("input[name=Fate][checked]")?.GetAttribute("value"));

        var noAnswer = await DecideAsync(analyst, proposal.Id, "Answered");
        Assert.Contains("réponse", noAnswer.Text("#Explanation-error"), StringComparison.Ordinal);
        var noItem = await DecideAsync(analyst, proposal.Id, "Retained", "Bonne idée");
        Assert.NotEmpty(noItem.Text("#SynthesisItemId-error"));
        Assert.Equal("Bonne idée", noItem.Text("#Explanation"));
        var intoItself = await DecideAsync(analyst, proposal.Id, "Merged", into: proposal.Id);
        Assert.NotEmpty(intoItself.Text("#MergedIntoId-error"));
        var noFate = await analyst.PostAsync($"/contributions/{proposal.Id}", new Dictionary<string, string> { ["Explanation"] = "?" });
        Assert.NotEmpty(noFate.Text("#fate-error"));

        var (participant, _) = await app.SignedInAsync("Curieux");
        Assert.StartsWith("http://localhost/error/403", (await DecideAsync(participant, proposal.Id, "OutOfScope")).Location, StringComparison.Ordinal);
        Assert.Empty((await participant.GetAsync($"/contributions/{proposal.Id}")).Document.QuerySelectorAll("form input[name=Fate]"));

        Assert.Equal(0, await app.WithDatabaseAsync(db => db.FateDecisions.CountAsync(d => d.ContributionId == proposal.Id)));
        Assert.Null(await app.WithDatabaseAsync(db => db.Contributions.Where(c => c.Id == proposal.Id).Select(c => c.Fate).SingleAsync()));
    }

    [Fact]
    public async Task A_participant_follows_each_of_their_contributions_to_its_fate()
    {
        var process = await ProcessAsync("devenir-mes-contributions");
        var (participant, person) = await app.SignedInAsync("Habitante de Lanester");
        var answered = await ProposalAsync(process, "Un composteur au square", person.Id);
        await ProposalAsync(process, "Des pistes cyclables continues", person.Id);
        var merged = await ProposalAsync(process, "Un composteur partagé", person.Id);
        var someoneElse = await ProposalAsync(process, "Une proposition d'une autre personne");
        var (analyst, _) = await app.SignedInAsync("Rapporteur attentif", Role.Analyst);
        await DecideAsync(analyst, answered.Id, "Answered", "Le composteur sera installé au printemps.");
        await DecideAsync(analyst, merged.Id, "Merged", into: answered.Id);

        var page = await participant.GetAsync("/account/contributions");
        var lines = page.Texts(".contribution-list li").ToList();
        Assert.Equal(3, lines.Count);
        Assert.Contains(lines, l => l.Contains("Un composteur au square", StringComparison.Ordinal) && l.Contains("Réponse apportée", StringComparison.Ordinal)
            && l.Contains("Le composteur sera installé au printemps.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Des pistes cyclables continues", StringComparison.Ordinal) && l.Contains("Sans devenir", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Un composteur partagé", StringComparison.Ordinal) && l.Contains("Fusionnée", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(someoneElse.Title, StringComparison.Ordinal));
        // The merged one leads to the contribution it was merged into.
        var mergedPage = await participant.GetAsync($"/contributions/{merged.Id}");
        Assert.Contains(mergedPage.Document.QuerySelectorAll(".fate a"), a => a.GetAttribute("href") == $"/contributions/{answered.Id}");
        using var visitor = app.NewSession();
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.GetAsync("/account/contributions")).Status);
    }

    [Fact]
    public async Task Counts_take_every_module_and_leave_out_withdrawn_hidden_pending_and_comments_unless_asked()
    {
        var process = await ProcessAsync("devenir-comptes");
        var visible = await ProposalAsync(process, "Une proposition visible");
        await app.WithDatabaseAsync(async db =>
        {
            var phase = await db.Phases.FirstAsync(p => p.ProcessId == process.Id);
            var map = new OpinionMap { OrganisationId = process.OrganisationId, ProcessId = process.Id, ComponentId = process.Component(OpinionMapsModule.Key)!.Id, PhaseId = phase.Id, Question = "Et le port ?" };
            db.AddRange(
                new Proposal { OrganisationId = process.OrganisationId, ProcessId = process.Id, Title = "Retirée", Body = "…", WithdrawnAt = DateTimeOffset.UtcNow },
                new Proposal { OrganisationId = process.OrganisationId, ProcessId = process.Id, Title = "Masquée", Body = "…", HiddenAt = DateTimeOffset.UtcNow, HiddenReason = "Hors charte" },
                new Comment { OrganisationId = process.OrganisationId, ProcessId = process.Id, ProposalId = visible.Id, Body = "Un commentaire" },
                map,
                new Statement { OrganisationId = process.OrganisationId, ProcessId = process.Id, OpinionMapId = map.Id, Number = 0, Text = "Publiée", PublishedAt = DateTimeOffset.UtcNow },
                new Statement { OrganisationId = process.OrganisationId, ProcessId = process.Id, OpinionMapId = map.Id, Number = 1, Text = "En attente de modération" });
            await db.SaveChangesAsync();
        });
        var (analyst, _) = await app.SignedInAsync("Rapporteuse comptable", Role.Analyst);
        await DecideAsync(analyst, visible.Id, "OutOfScope");

        using var visitor = app.NewSession();
        var page = await visitor.GetAsync($"/processes/{process.Slug}/fates");
        Assert.Contains("1 contributions sur 2 ont un devenir", page.Body, StringComparison.Ordinal);
        var undecided = await visitor.GetAsync($"/processes/{process.Slug}/fates?show=none");
        Assert.Equal(["Publiée"], undecided.Texts(".contribution-list li a"));
        Assert.Contains("1 contributions sur 2", (await visitor.GetAsync($"/processes/{process.Slug}")).Text("#accountability + p"), StringComparison.Ordinal);

        var (manager, _) = await app.SignedInAsync("Gestionnaire des devenirs", Role.ProcessManager);
        Assert.Equal(HttpStatusCode.Redirect,
            (await ComponentForm.PostAsync(manager, process.Id, ProposalsModule.Key, enabled: true, switches: [ProposalsModule.CommentsAwaitFate])).Status);
        page = await visitor.GetAsync($"/processes/{process.Slug}/fates");
        Assert.Contains("1 contributions sur 3 ont un devenir", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closing_with_contributions_left_without_a_fate_needs_an_explicit_public_and_logged_reason()
    {
        var process = await ProcessAsync("devenir-cloture");
        var decided = await ProposalAsync(process, "Une proposition décidée");
        await ProposalAsync(process, "Une proposition oubliée");
        var (analyst, _) = await app.SignedInAsync("Rapporteur de clôture", Role.Analyst);
        await DecideAsync(analyst, decided.Id, "Answered", "Fait.");
        var (manager, _) = await app.SignedInAsync("Responsable de clôture", Role.ProcessManager);
        var path = $"/admin/processes/{process.Id}/close";
        Assert.Contains("1 contributions n'ont pas encore de devenir", (await manager.GetAsync(path)).Text(".alert"), StringComparison.Ordinal);

        var unconfirmed = await manager.PostAsync(path, new Dictionary<string, string> { ["LeaveWithoutFate"] = "false", ["Note"] = "" });
        Assert.Equal(HttpStatusCode.OK, unconfirmed.Status);
        Assert.NotEmpty(unconfirmed.Text("#leave-error"));
        var withoutReason = await manager.PostAsync(path, new Dictionary<string, string> { ["LeaveWithoutFate"] = "true", ["Note"] = " " });
        Assert.NotEmpty(withoutReason.Text("#Note-error"));
        Assert.Null(await app.WithDatabaseAsync(db => db.Processes.Where(p => p.Id == process.Id).Select(p => p.ClosedAt).SingleAsync()));

        var (participant, _) = await app.SignedInAsync("Retardataire");
        var closed = await manager.PostAsync(path, new Dictionary<string, string> { ["LeaveWithoutFate"] = "true", ["Note"] = "Le conseil a dû rendre son avis avant l'été." });
        Assert.Equal(HttpStatusCode.Redirect, closed.Status);
        using var visitor = app.NewSession();
        var page = await visitor.GetAsync($"/processes/{process.Slug}");
        Assert.Contains("Le conseil a dû rendre son avis avant l'été.", page.Text(".alert"), StringComparison.Ordinal);
        Assert.Contains("1 contributions ont été laissées sans devenir", page.Text(".alert"), StringComparison.Ordinal);
        Assert.True(await app.WithDatabaseAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "process.close" && a.Subject == $"process:{process.Id}"
            && a.Details.Contains("1 without a fate"))));

        // Closed: nobody proposes any more, although the phase dates are current.
        var refused = await participant.PostAsync($"/processes/{process.Slug}/proposals/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "Trop tard", ["Input.Body"] = "Une idée après la clôture.", ["Input.ThemeId"] = "",
        });
        Assert.NotEqual(HttpStatusCode.Redirect, refused.Status);
        Assert.False(await app.WithDatabaseAsync(db => db.Proposals.AnyAsync(p => p.Title == "Trop tard")));
    }
}
