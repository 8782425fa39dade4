using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Tests.Integration;

/// <summary>Staff choose the modules a process uses: what is switched off has no page, and nothing of it is lost.</summary>
[Trait("Suite", "integration")]
public sealed class ComponentTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    private Task<Process> ProcessAsync(string slug, Phase phase) => app.AddProcessAsync(slug, phase);

    private static Phase Open(params string[] switches)
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        return new Phase { Title = "Contributions", StartsOn = today.AddDays(-5), EndsOn = today.AddDays(5), Switches = [.. switches] };
    }

    [Fact]
    public async Task A_process_without_proposals_shows_none_and_has_no_proposal_page_until_they_are_switched_back_on()
    {
        var process = await ProcessAsync("sans-propositions", Open(ProposalsModule.Proposing, ProposalsModule.Supporting, ProposalsModule.Commenting));
        var (author, _) = await app.SignedInAsync("Autrice d'une proposition cachée");
        var proposed = await author.PostAsync($"/processes/{process.Slug}/proposals/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "Un marché le soir", ["Input.Body"] = "Un marché de producteurs le jeudi soir, place de la mairie.", ["Input.ThemeId"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, proposed.Status);
        var proposalId = Guid.Parse(proposed.Location!.Split('/')[^1]);
        var (analyst, _) = await app.SignedInAsync("Analyste des composants", Role.Analyst);
        Assert.Equal(HttpStatusCode.Redirect, (await analyst.PostAsync($"/contributions/{proposalId}", new Dictionary<string, string>
        {
            ["Fate"] = "NotRetained", ["Explanation"] = "La place accueille déjà le marché du samedi.", ["SynthesisItemId"] = "", ["MergedIntoId"] = "",
        })).Status);

        var (manager, _) = await app.SignedInAsync("Gestionnaire des outils", Role.ProcessManager);
        Assert.Equal(HttpStatusCode.Redirect, (await ComponentForm.PostAsync(manager, process.Id, ProposalsModule.Key, enabled: false)).Status);

        using var visitor = app.NewSession();
        var overview = await visitor.GetAsync($"/processes/{process.Slug}");
        Assert.Equal(HttpStatusCode.OK, overview.Status);
        Assert.Empty(overview.Document.QuerySelectorAll($"a[href^='/processes/{process.Slug}/proposals']"));
        Assert.DoesNotContain("proposer", overview.Text(".timeline"), StringComparison.Ordinal);
        Assert.NotEmpty(overview.Document.QuerySelectorAll($"a[href^='/processes/{process.Slug}/meetings/']"));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/processes/{process.Slug}/proposals")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/proposals/{proposalId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await author.GetAsync($"/proposals/{proposalId}/edit")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await author.GetAsync($"/processes/{process.Slug}/proposals/new")).Status);
        var refused = await author.PostAsync($"/processes/{process.Slug}/proposals/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "Une autre idée", ["Input.Body"] = "Qui ne devrait pas être enregistrée.", ["Input.ThemeId"] = "",
        }, "/account/sign-out");
        Assert.Equal(HttpStatusCode.NotFound, refused.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await author.PostAsync($"/proposals/{proposalId}?handler=Support", new Dictionary<string, string>(), "/account/sign-out")).Status);
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.Proposals.CountAsync(p => p.ProcessId == process.Id)));

        // The report's method has no proposals in it; the proposal keeps its fate among the contributions.
        var report = await visitor.GetAsync($"/processes/{process.Slug}/report");
        Assert.DoesNotContain("Soutiens aux propositions", report.Body, StringComparison.Ordinal);
        Assert.Contains("Un marché le soir", (await visitor.GetAsync($"/processes/{process.Slug}/fates")).Body, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await ComponentForm.PostAsync(manager, process.Id, ProposalsModule.Key, enabled: true, title: "Vos idées pour le centre-bourg")).Status);
        overview = await visitor.GetAsync($"/processes/{process.Slug}");
        Assert.Contains("Vos idées pour le centre-bourg", overview.Texts("#participate ~ h3"));
        Assert.Contains("proposer", overview.Text(".timeline"), StringComparison.Ordinal);
        var shown = await visitor.GetAsync($"/proposals/{proposalId}");
        Assert.Equal(HttpStatusCode.OK, shown.Status);
        Assert.Contains("La place accueille déjà le marché du samedi.", shown.Body, StringComparison.Ordinal);
        Assert.Contains("Soutiens aux propositions", (await visitor.GetAsync($"/processes/{process.Slug}/report")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Components_are_listed_in_the_order_staff_give_and_a_page_of_a_module_switched_off_answers_404()
    {
        var process = await ProcessAsync("ordre-des-outils", Open());
        var (manager, _) = await app.SignedInAsync("Gestionnaire de l'ordre", Role.ProcessManager);
        Assert.Equal(HttpStatusCode.Redirect, (await ComponentForm.PostAsync(manager, process.Id, MeetingsModule.Key, enabled: true, title: "Les rencontres", position: 1)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await ComponentForm.PostAsync(manager, process.Id, WorkshopsModule.Key, enabled: false)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await ComponentForm.PostAsync(manager, process.Id, OpinionMapsModule.Key, enabled: false)).Status);

        using var visitor = app.NewSession();
        var overview = await visitor.GetAsync($"/processes/{process.Slug}");
        Assert.Equal("Les rencontres", overview.Texts("#participate ~ h3").First());
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/processes/{process.Slug}/workshops")).Status);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/processes/{process.Slug}/meetings")).Status);
        // The administration links only to the tools in use.
        var edit = await manager.GetAsync($"/admin/processes/edit/{process.Id}");
        Assert.Empty(edit.Document.QuerySelectorAll($"a[href^='/admin/processes/{process.Id}/maps']"));
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/admin/processes/{process.Id}/maps")).Status);

        // A title too long is refused next to its field, with what was typed kept, and nothing saved.
        var longTitle = new string('x', ProcessComponent.TitleMax + 1);
        var tooLong = await ComponentForm.PostAsync(manager, process.Id, MeetingsModule.Key, enabled: true, title: longTitle);
        Assert.Equal(HttpStatusCode.OK, tooLong.Status);
        var field = tooLong.Document.QuerySelectorAll("input[name$='.Title']").Single(i => i.GetAttribute("value") == longTitle);
        Assert.NotEmpty(tooLong.Text($"#{field.Id}-error"));
        Assert.Equal("Les rencontres", await app.WithDatabaseAsync(db =>
            db.Set<ProcessComponent>().Where(c => c.ProcessId == process.Id && c.Module == MeetingsModule.Key).Select(c => c.Title).SingleAsync()));
    }

    [Fact]
    public async Task The_phase_form_offers_the_switches_of_the_modules_in_use_and_keeps_those_of_a_module_switched_off()
    {
        var process = await ProcessAsync("etape-des-outils", Open(ProposalsModule.Proposing, ProposalsModule.Supporting));
        var phaseId = process.Phases[0].Id;
        var (manager, _) = await app.SignedInAsync("Gestionnaire des étapes", Role.ProcessManager);
        var phasePage = $"/admin/processes/{process.Id}/phases/{phaseId}";
        var proposals = process.Component(ProposalsModule.Key)!;
        Assert.NotEmpty((await manager.GetAsync(phasePage)).Document.QuerySelectorAll($"input[name='Input.Switches'][value='{Phase.Entry(proposals.Id, ProposalsModule.Proposing)}']"));

        Assert.Equal(HttpStatusCode.Redirect, (await ComponentForm.PostAsync(manager, process.Id, ProposalsModule.Key, enabled: false)).Status);
        Assert.Empty((await manager.GetAsync(phasePage)).Document.QuerySelectorAll($"input[name='Input.Switches'][value$='/{proposals.Id}']"));
        var saved = await manager.PostAsync(phasePage, new Dictionary<string, string>
        {
            ["Input.Title"] = "Contributions prolongées", ["Input.Description"] = "",
            ["Input.StartsOn"] = process.Phases[0].StartsOn.ToString("yyyy-MM-dd"), ["Input.EndsOn"] = process.Phases[0].EndsOn.AddDays(7).ToString("yyyy-MM-dd"),
            ["Change.Reason"] = "Une semaine de plus, demandée à la réunion du 3 mars.",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var phase = await app.WithDatabaseAsync(db => db.Phases.AsNoTracking().SingleAsync(p => p.Id == phaseId));
        Assert.Equal("Contributions prolongées", phase.Title);
        Assert.True(phase.IsOn(proposals, ProposalsModule.Proposing));
        Assert.True(phase.IsOn(proposals, ProposalsModule.Supporting));
        Assert.Equal(2, phase.Switches.Count);
    }

    [Fact]
    public async Task A_module_that_allows_it_serves_a_process_twice_each_component_with_its_own_content_and_pages()
    {
        var process = await ProcessAsync("deux-series", Open());
        var (manager, _) = await app.SignedInAsync("Gestionnaire des séries", Role.ProcessManager);
        Task<List<ProcessComponent>> MeetingComponentsAsync() => app.WithDatabaseAsync(db => db.Set<ProcessComponent>().AsNoTracking()
            .Where(c => c.ProcessId == process.Id && c.Module == MeetingsModule.Key).OrderBy(c => c.Position).ToListAsync());

        // Two sets of meetings need a title each, so that participants tell them apart: refused, and nothing stored.
        var untitled = await ComponentForm.PostAsync(manager, process.Id, MeetingsModule.Key, enabled: true, title: "Permanences numériques", another: true);
        Assert.Equal(HttpStatusCode.OK, untitled.Status);
        // Said next to the title missing, with the process's own form above kept as it is.
        var missing = untitled.Document.QuerySelectorAll("input[name$='.Title']").First(i => i.GetAttribute("name")!.StartsWith("Components[", StringComparison.Ordinal));
        Assert.Contains("titre différent", untitled.Text($"#{missing.Id}-error"), StringComparison.Ordinal);
        Assert.Equal(process.Title, untitled.Document.QuerySelector("#Input_Title")!.GetAttribute("value"));
        Assert.Single(await MeetingComponentsAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await ComponentForm.PostAsync(manager, process.Id, MeetingsModule.Key, enabled: true, title: "Réunions publiques")).Status);
        // Two uses under one title are no better.
        Assert.Equal(HttpStatusCode.OK,
            (await ComponentForm.PostAsync(manager, process.Id, MeetingsModule.Key, enabled: true, title: "réunions publiques ", another: true)).Status);
        Assert.Single(await MeetingComponentsAsync());
        Assert.Equal(HttpStatusCode.Redirect,
            (await ComponentForm.PostAsync(manager, process.Id, MeetingsModule.Key, enabled: true, title: "Permanences numériques", another: true)).Status);
        var components = await MeetingComponentsAsync();
        Assert.Equal(["Réunions publiques", "Permanences numériques"], components.Select(c => c.Title));
        var (publicMeetings, dropIn) = (components[0].Id, components[1].Id);
        // A module that does not allow it is offered once only.
        var form = await manager.GetAsync($"/admin/processes/edit/{process.Id}");
        Assert.Single(form.Document.QuerySelectorAll($"input[name$='.Module'][value='{ProposalsModule.Key}']"));
        Assert.Equal(3, form.Document.QuerySelectorAll($"input[name$='.Module'][value='{MeetingsModule.Key}']").Length);

        using var visitor = app.NewSession();
        var overview = await visitor.GetAsync($"/processes/{process.Slug}");
        Assert.Contains("Réunions publiques", overview.Texts("#participate ~ h3"));
        Assert.Contains("Permanences numériques", overview.Texts("#participate ~ h3"));
        Assert.NotEmpty(overview.Document.QuerySelectorAll($"a[href='/processes/{process.Slug}/meetings/{dropIn}']"));
        Assert.NotEmpty(overview.Document.QuerySelectorAll($"a[href='/processes/{process.Slug}/questions/{dropIn}']"));

        // A meeting made in the second set, and a question asked there, are that set's only.
        var created = await manager.PostAsync($"/processes/{process.Slug}/meetings/{dropIn}", new Dictionary<string, string>
        {
            ["Title"] = "Permanence à la médiathèque", ["Template"] = "single", ["Mode"] = "InPerson",
            ["StartsAt"] = DateTime.Now.AddDays(3).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var meetingId = Guid.Parse(created.Location!.Split('/')[2]);
        var (citizen, _) = await app.SignedInAsync("Habitante des permanences");
        var asked = await citizen.PostAsync($"/processes/{process.Slug}/questions/{dropIn}", new Dictionary<string, string>
        {
            ["QuestionText"] = "Faut-il prendre rendez-vous ?", ["ThemeId"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, asked.Status);
        var secondList = await visitor.GetAsync($"/processes/{process.Slug}/meetings/{dropIn}");
        Assert.Contains("Permanence à la médiathèque", secondList.Body, StringComparison.Ordinal);
        Assert.Contains("Permanences numériques", secondList.Text("h1"), StringComparison.Ordinal);
        Assert.DoesNotContain("Permanence à la médiathèque", (await visitor.GetAsync($"/processes/{process.Slug}/meetings/{publicMeetings}")).Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Permanence à la médiathèque", (await visitor.GetAsync($"/processes/{process.Slug}/meetings")).Body, StringComparison.Ordinal);
        Assert.Contains("Faut-il prendre rendez-vous ?", (await visitor.GetAsync($"/processes/{process.Slug}/questions/{dropIn}")).Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Faut-il prendre rendez-vous ?", (await visitor.GetAsync($"/processes/{process.Slug}/questions")).Body, StringComparison.Ordinal);
        // The report's method lists each set of meetings under its title.
        var report = await visitor.GetAsync($"/processes/{process.Slug}/report");
        Assert.Contains("Permanence à la médiathèque", report.Body, StringComparison.Ordinal);
        Assert.Contains(report.Texts("caption"), c => c.EndsWith("\u00a0: Permanences numériques", StringComparison.Ordinal));
        // A component of another process, or of another module, is no address here.
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/processes/{process.Slug}/meetings/{process.Component(ProposalsModule.Key)!.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/processes/{app.World.ProcessSlug}/meetings/{dropIn}")).Status);

        // Switched off, the second set's pages answer 404 and its commands refuse; the first set's still answer, and nothing is lost.
        Assert.Equal(HttpStatusCode.Redirect,
            (await ComponentForm.PostAsync(manager, process.Id, MeetingsModule.Key, enabled: false, title: "Permanences numériques", component: dropIn)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/processes/{process.Slug}/meetings/{dropIn}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/processes/{process.Slug}/questions/{dropIn}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/meetings/{meetingId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/meetings/{meetingId}/edit")).Status);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/processes/{process.Slug}/meetings/{publicMeetings}")).Status);
        Assert.DoesNotContain("Permanences numériques", (await visitor.GetAsync($"/processes/{process.Slug}")).Texts("#participate ~ h3"));
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.Meetings.CountAsync(m => m.ComponentId == dropIn)));
        Assert.DoesNotContain("Permanence à la médiathèque", (await visitor.GetAsync($"/processes/{process.Slug}/report")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_opinion_map_component_has_its_own_maps_and_administration()
    {
        var process = await ProcessAsync("deux-cartes", Open());
        var (manager, _) = await app.SignedInAsync("Gestionnaire des cartes", Role.ProcessManager);
        Assert.Equal(HttpStatusCode.Redirect, (await ComponentForm.PostAsync(manager, process.Id, OpinionMapsModule.Key, enabled: true, title: "Avis du quartier")).Status);
        Assert.Equal(HttpStatusCode.Redirect,
            (await ComponentForm.PostAsync(manager, process.Id, OpinionMapsModule.Key, enabled: true, title: "Avis des jeunes", another: true)).Status);
        var youth = await app.WithDatabaseAsync(db => db.Set<ProcessComponent>()
            .Where(c => c.ProcessId == process.Id && c.Title == "Avis des jeunes").Select(c => c.Id).SingleAsync());

        // The administration links to each, told apart by their titles.
        var edit = await manager.GetAsync($"/admin/processes/edit/{process.Id}");
        var link = edit.Document.QuerySelector($"a[href='/admin/processes/{process.Id}/maps/{youth}']");
        Assert.Contains("Avis des jeunes", link!.TextContent, StringComparison.Ordinal);
        var admin = $"/admin/processes/{process.Id}/maps/{youth}";
        var page = await manager.GetAsync(admin);
        Assert.Contains("Avis des jeunes", page.Text("h1"), StringComparison.Ordinal);
        var created = await manager.PostAsync($"{admin}?handler=Create", new Dictionary<string, string>
        {
            ["Input.Question"] = "Que manque-t-il aux jeunes ici ?", ["Input.Description"] = "Pour les 15-25 ans.", ["Input.PhaseId"] = process.Phases[0].Id.ToString(),
        }, admin);
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var map = await app.WithDatabaseAsync(db => db.OpinionMaps.AsNoTracking().SingleAsync(m => m.ProcessId == process.Id));
        Assert.Equal(youth, map.ComponentId);
        Assert.Contains("Que manque-t-il aux jeunes ici ?", (await manager.GetAsync(admin)).Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Que manque-t-il aux jeunes ici ?", (await manager.GetAsync($"/admin/processes/{process.Id}/maps")).Body, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect,
            (await ComponentForm.PostAsync(manager, process.Id, OpinionMapsModule.Key, enabled: false, title: "Avis des jeunes", component: youth)).Status);
        using var visitor = app.NewSession();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/maps/{map.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync(admin)).Status);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/admin/processes/{process.Id}/maps")).Status);
    }
}
