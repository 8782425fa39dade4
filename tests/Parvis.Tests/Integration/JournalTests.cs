using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Notifications;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Tests.Integration;

[Trait("Suite", "integration")]
public sealed class JournalTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    [Fact]
    public async Task A_published_process_changes_only_with_a_public_reason_its_followers_hear_of()
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        var process = await app.AddProcessAsync("journal-public", new Phase { Title = "Propositions", StartsOn = today.AddDays(-2), EndsOn = today.AddDays(10) });
        var phase = process.Phases[0];
        var (manager, _) = await app.SignedInAsync("Gestionnaire du journal", Role.ProcessManager);
        var (follower, followerPerson) = await app.SignedInAsync("Personne qui suit la démarche");
        Assert.Equal(HttpStatusCode.Redirect, (await follower.PostAsync("/follow", new Dictionary<string, string>
        {
            ["kind"] = "Process", ["subjectId"] = process.Id.ToString(), ["following"] = "true", ["returnUrl"] = $"/processes/{process.Slug}",
        }, $"/processes/{process.Slug}")).Status);

        var page = $"/admin/processes/{process.Id}/phases/{phase.Id}";
        var form = new Dictionary<string, string>
        {
            ["Input.Title"] = "Propositions", ["Input.Description"] = "",
            ["Input.StartsOn"] = phase.StartsOn.ToString("yyyy-MM-dd"), ["Input.EndsOn"] = phase.EndsOn.AddDays(7).ToString("yyyy-MM-dd"),
            ["Change.Reason"] = "", ["Change.Prompts"] = "",
        };
        // Without a reason, nothing changes, and the page says why next to the field, keeping what was typed.
        var refused = await manager.PostAsync(page, form);
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("Dites pourquoi ce changement", refused.Text("#phase-change-reason-error"), StringComparison.Ordinal);
        Assert.Equal(phase.EndsOn.AddDays(7).ToString("yyyy-MM-dd"), refused.Document.QuerySelector("#Input_EndsOn")!.GetAttribute("value"));
        var badPrompt = await manager.PostAsync(page, new Dictionary<string, string>(form) { ["Change.Reason"] = "Prolongée.", ["Change.Prompts"] = "javascript:alert(1)" });
        Assert.Contains("adresse de ce site", badPrompt.Text("#phase-change-prompts-error"), StringComparison.Ordinal);
        Assert.Equal("Prolongée.", badPrompt.Document.QuerySelector("#phase-change-reason")!.TextContent);
        Assert.Equal(phase.EndsOn, (await app.WithDatabaseAsync(db => db.Phases.AsNoTracking().SingleAsync(p => p.Id == phase.Id))).EndsOn);
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.JournalEntries.CountAsync(j => j.ProcessId == process.Id)));

        var saved = await manager.PostAsync(page, new Dictionary<string, string>(form)
        {
            ["Change.Reason"] = "Les participants et participantes ont demandé une semaine de plus.",
            ["Change.Prompts"] = $"/processes/{process.Slug}\nhttps://example.org/deliberation-12",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        // Saving the same again changes nothing, and writes nothing.
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostAsync(page, form)).Status);

        using var visitor = app.NewSession();
        var journal = await visitor.GetAsync($"/processes/{process.Slug}/journal");
        Assert.Equal(HttpStatusCode.OK, journal.Status);
        Assert.Equal(new[] { "Phase «\u00a0Propositions\u00a0»" }, journal.Texts(".journal-entry h3"));
        var states = journal.Texts(".journal-entry dd").ToList();
        Assert.Contains(phase.EndsOn.ToString("dd/MM/yyyy"), states[0], StringComparison.Ordinal);
        Assert.Contains(phase.EndsOn.AddDays(7).ToString("dd/MM/yyyy"), states[1], StringComparison.Ordinal);
        Assert.Contains("une semaine de plus", journal.Text(".journal-entry"), StringComparison.Ordinal);
        Assert.Equal(new[] { $"/processes/{process.Slug}", "https://example.org/deliberation-12" },
            journal.Document.QuerySelectorAll(".journal-entry li a").Select(a => a.GetAttribute("href")));
        Assert.NotNull((await visitor.GetAsync($"/processes/{process.Slug}")).Document.QuerySelector($"a[href='/processes/{process.Slug}/journal']"));

        // Its follower hears of it, with the reason; the manager who made it does not.
        var news = await follower.GetAsync("/account/notifications");
        Assert.Contains("une semaine de plus", news.Text(".notification-list"), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.Notifications.CountAsync(n => n.PersonId == followerPerson.Id
            && db.NotificationEvents.Any(e => e.Id == n.EventId && e.Kind == KernelNotifications.ProcessChanged.Key))));
        Assert.Contains("Propositions", (await visitor.GetAsync($"/processes/{process.Slug}/feed.atom")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task As_a_phase_ends_participants_say_if_it_was_clear_fair_and_useful_and_see_what_it_changed()
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        var process = await app.AddProcessAsync("avis-de-phase", new Phase { Title = "Ateliers", StartsOn = today.AddDays(-20), EndsOn = today.AddDays(2) });
        var phase = process.Phases[0];
        var page = $"/processes/{process.Slug}/feedback";
        using var visitor = app.NewSession();
        Assert.Contains("Donnez votre avis sur la phase", (await visitor.GetAsync($"/processes/{process.Slug}")).Text($"a[href='{page}']"), StringComparison.Ordinal);
        Assert.NotNull((await visitor.GetAsync(page)).Document.QuerySelector($"a[href='/account/sign-in?returnUrl={Uri.EscapeDataString(page)}']"));

        var (first, firstPerson) = await app.SignedInAsync("Première à donner son avis");
        var form = new Dictionary<string, string> { ["PhaseId"] = phase.Id.ToString(), ["Comment"] = "Trop court pour en parler chez nous." };
        var refused = await first.PostAsync(page, form);
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal("Choisissez une réponse.", refused.Text($"#Clear-{phase.Id}-error"));
        Assert.Equal("Trop court pour en parler chez nous.", refused.Document.QuerySelector("#Comment")!.TextContent);
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.PhaseFeedback.CountAsync(f => f.PhaseId == phase.Id)));

        Assert.Equal(HttpStatusCode.Redirect, (await first.PostAsync(page, new Dictionary<string, string>(form) { ["Clear"] = "Yes", ["Fair"] = "Partly", ["Useful"] = "No" })).Status);
        var (second, _) = await app.SignedInAsync("Second à donner son avis");
        Assert.Equal(HttpStatusCode.Redirect, (await second.PostAsync(page, new Dictionary<string, string>
        {
            ["PhaseId"] = phase.Id.ToString(), ["Clear"] = "Yes", ["Fair"] = "Yes", ["Useful"] = "Yes", ["Comment"] = "",
        })).Status);
        // Answering again changes one's answers: still one per person.
        var again = await first.GetAsync(page);
        Assert.NotNull(again.Document.QuerySelector($"#Useful-{phase.Id}-No[checked]"));
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostAsync(page, new Dictionary<string, string>(form) { ["Clear"] = "No", ["Fair"] = "Partly", ["Useful"] = "No" })).Status);
        Assert.Equal(2, await app.WithDatabaseAsync(db => db.PhaseFeedback.CountAsync(f => f.PhaseId == phase.Id)));

        // Everyone reads the counts; only staff who analyse read the comments, without their authors.
        var results = await visitor.GetAsync(page);
        Assert.Equal("Ce qu'en pensent 2 personnes", results.Text($"#phase-{phase.Id} caption"));
        Assert.Collection(results.Texts($"#phase-{phase.Id} tbody tr:first-child td"),
            yes => Assert.Matches(@"^1 \(50\s%\)$", yes), partly => Assert.Matches(@"^0 \(0\s%\)$", partly), no => Assert.Matches(@"^1 \(50\s%\)$", no));
        Assert.DoesNotContain("Trop court", results.Body, StringComparison.Ordinal);
        var (analyst, _) = await app.SignedInAsync("Analyste des avis", Role.Analyst);
        var staffView = await analyst.GetAsync(page);
        Assert.Contains("Trop court pour en parler chez nous.", staffView.Text($"#phase-{phase.Id} details"), StringComparison.Ordinal);
        Assert.DoesNotContain("Première à donner son avis", staffView.Body, StringComparison.Ordinal);

        // A change made because of them names them: it is listed under "you said, we did".
        var (manager, _) = await app.SignedInAsync("Gestionnaire à l'écoute", Role.ProcessManager);
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostAsync($"/admin/processes/{process.Id}/phases/{phase.Id}", new Dictionary<string, string>
        {
            ["Input.Title"] = "Ateliers", ["Input.Description"] = "",
            ["Input.StartsOn"] = phase.StartsOn.ToString("yyyy-MM-dd"), ["Input.EndsOn"] = phase.EndsOn.AddDays(14).ToString("yyyy-MM-dd"),
            ["Change.Reason"] = "Deux semaines de plus : la phase a paru trop courte.", ["Change.Prompts"] = PhaseFeedback.Address(process.Slug, phase.Id),
        })).Status);
        var linked = await visitor.GetAsync(page);
        Assert.Contains("la phase a paru trop courte", linked.Text($"#phase-{phase.Id} ul"), StringComparison.Ordinal);
        var entry = await app.WithDatabaseAsync(db => db.JournalEntries.SingleAsync(j => j.ProcessId == process.Id));
        Assert.NotNull(linked.Document.QuerySelector($"a[href='/processes/{process.Slug}/journal#j-{entry.Id}']"));
        Assert.NotNull((await visitor.GetAsync($"/processes/{process.Slug}/journal")).Document.QuerySelector($"#j-{entry.Id}"));

        // The counts are open data; nobody's answers are.
        var data = System.Text.Json.JsonDocument.Parse((await visitor.GetAsync($"/open-data/phase-feedback.json?process={process.Slug}")).Body).RootElement;
        var row = data.GetProperty("rows").EnumerateArray().Single();
        Assert.Equal((2, 1, 1, 0), (row.GetProperty("answers").GetInt32(), row.GetProperty("clear_yes").GetInt32(), row.GetProperty("clear_no").GetInt32(), row.GetProperty("useful_partly").GetInt32()));

        // Long after its end the form is closed, and a visitor who posts is asked to sign in.
        await app.WithDatabaseAsync(db => db.Phases.Where(p => p.Id == phase.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.EndsOn, today.AddDays(-40))));
        var late = await second.PostAsync(page, new Dictionary<string, string> { ["PhaseId"] = phase.Id.ToString(), ["Clear"] = "No", ["Fair"] = "No", ["Useful"] = "No" }, "/account/sign-out");
        Assert.Contains("pas ouvert", late.Text(".alert"), StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDatabaseAsync(db => db.PhaseFeedback.CountAsync(f => f.PhaseId == phase.Id)));
        Assert.Null((await visitor.GetAsync(page)).Document.QuerySelector("form[method=post]"));
        Assert.Equal(firstPerson.Id, await app.WithDatabaseAsync(db => db.PhaseFeedback.Where(f => f.PhaseId == phase.Id && f.Clear == FeedbackAnswer.No).Select(f => f.PersonId).SingleAsync()));
    }

    [Fact]
    public async Task A_change_to_the_charter_goes_into_the_journal_of_every_open_published_process()
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        var open = await app.AddProcessAsync("charte-ouverte", new Phase { Title = "En cours", StartsOn = today.AddDays(-2), EndsOn = today.AddDays(10) });
        var closed = await app.AddProcessAsync("charte-close", new Phase { Title = "Finie", StartsOn = today.AddDays(-20), EndsOn = today.AddDays(-10) });
        await app.WithDatabaseAsync(db => db.Processes.Where(p => p.Id == closed.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.ClosedAt, DateTimeOffset.UtcNow)));
        var (admin, _) = await app.SignedInAsync("Administratrice de la charte", Role.Administrator);
        var before = await app.WithDatabaseAsync(db => db.Organisations.Where(o => o.Id == app.World.OrganisationId).Select(o => new { o.Name, o.AccentColour, o.Charter }).SingleAsync());
        var form = new Dictionary<string, string>
        {
            ["Input.Name"] = before.Name, ["Input.AccentColour"] = before.AccentColour, ["Input.DefaultCulture"] = "fr", ["Input.RetentionMonths"] = "24",
            ["Input.Charter"] = before.Charter + "\n\nLes attaques personnelles sont masquées.", ["Change.Reason"] = "", ["Change.Prompts"] = "",
        };
        var refused = await admin.PostAsync("/admin/organisation", form);
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("Dites pourquoi ce changement", refused.Text("#charter-change-reason-error"), StringComparison.Ordinal);
        Assert.Equal(before.Charter, await app.WithDatabaseAsync(db => db.Organisations.Where(o => o.Id == app.World.OrganisationId).Select(o => o.Charter).SingleAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/admin/organisation", new Dictionary<string, string>(form)
        {
            ["Change.Reason"] = "Une règle demandée par les participants et participantes après la réunion de Groix.",
        })).Status);
        var entries = await app.WithDatabaseAsync(db => db.JournalEntries.Where(j => j.ProcessId == open.Id || j.ProcessId == closed.Id).ToListAsync());
        var entry = Assert.Single(entries);
        Assert.Equal(open.Id, entry.ProcessId);
        Assert.Contains("attaques personnelles", entry.After, StringComparison.Ordinal);
        using var visitor = app.NewSession();
        Assert.Contains("réunion de Groix", (await visitor.GetAsync($"/processes/{open.Slug}/journal")).Text("main"), StringComparison.Ordinal);
        // Saving the same charter again asks for nothing and writes nothing.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/admin/organisation", new Dictionary<string, string>(form) { ["Input.Charter"] = before.Charter + "\n\nLes attaques personnelles sont masquées." })).Status);
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.JournalEntries.CountAsync(j => j.ProcessId == open.Id)));
    }

    [Fact]
    public async Task A_draft_changes_without_a_reason_and_without_a_journal()
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        var process = await app.AddProcessAsync("journal-brouillon", new Phase { Title = "Préparation", StartsOn = today, EndsOn = today.AddDays(10) });
        await app.WithDatabaseAsync(db => db.Processes.Where(p => p.Id == process.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.Published, false)));
        var (manager, _) = await app.SignedInAsync("Gestionnaire du brouillon", Role.ProcessManager);
        var edit = $"/admin/processes/edit/{process.Id}";
        Assert.Null((await manager.GetAsync(edit)).Document.QuerySelector("textarea[name='Change.Reason']"));
        var saved = await manager.PostAsync($"{edit}?handler=AddTheme", new Dictionary<string, string> { ["ThemeName"] = "Logement" }, edit);
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.JournalEntries.CountAsync(j => j.ProcessId == process.Id)));
    }

    [Fact]
    public async Task A_module_s_settings_of_a_published_process_change_in_its_journal_too()
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        var process = await app.AddProcessAsync("journal-petitions", new Phase { Title = "Pétitions", StartsOn = today, EndsOn = today.AddDays(30) });
        var (manager, _) = await app.SignedInAsync("Gestionnaire des règles", Role.ProcessManager);
        var page = $"/admin/processes/{process.Id}/petitions?handler=Rules";
        var rules = new Dictionary<string, string>
        {
            ["Rules.CommitteeMinimum"] = "2", ["Rules.Threshold"] = "150", ["Rules.AnswerDays"] = "45", ["Rules.WithoutAccount"] = "false",
        };
        var refused = await manager.PostAsync(page, rules);
        Assert.Contains("Dites pourquoi ce changement", refused.Text("#rules-change-reason-error"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostAsync(page, new Dictionary<string, string>(rules)
        {
            ["Change.Reason"] = "Un seuil à la mesure de la commune, voté en conseil.",
        })).Status);
        var entry = await app.WithDatabaseAsync(db => db.JournalEntries.AsNoTracking().SingleAsync(j => j.ProcessId == process.Id));
        Assert.Contains("500 signatures", entry.Before, StringComparison.Ordinal);
        Assert.Contains("150 signatures", entry.After, StringComparison.Ordinal);
    }
}
