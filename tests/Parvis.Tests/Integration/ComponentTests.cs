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
    private async Task<Process> ProcessAsync(string slug, Phase phase) => await app.WithDatabaseAsync(async db =>
    {
        var process = ParvisApp.NewProcess(app.World.OrganisationId, slug, phase);
        db.Processes.Add(process);
        await db.SaveChangesAsync();
        return process;
    });

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
        Assert.NotEmpty(overview.Document.QuerySelectorAll($"a[href='/processes/{process.Slug}/meetings']"));
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
        Assert.Empty(edit.Document.QuerySelectorAll($"a[href='/admin/processes/{process.Id}/maps']"));
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
        Assert.NotEmpty((await manager.GetAsync(phasePage)).Document.QuerySelectorAll($"input[name='Input.Switches'][value='{ProposalsModule.Proposing}']"));

        Assert.Equal(HttpStatusCode.Redirect, (await ComponentForm.PostAsync(manager, process.Id, ProposalsModule.Key, enabled: false)).Status);
        Assert.Empty((await manager.GetAsync(phasePage)).Document.QuerySelectorAll("input[name='Input.Switches']"));
        var saved = await manager.PostAsync(phasePage, new Dictionary<string, string>
        {
            ["Input.Title"] = "Contributions prolongées", ["Input.Description"] = "",
            ["Input.StartsOn"] = process.Phases[0].StartsOn.ToString("yyyy-MM-dd"), ["Input.EndsOn"] = process.Phases[0].EndsOn.AddDays(7).ToString("yyyy-MM-dd"),
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var phase = await app.WithDatabaseAsync(db => db.Phases.AsNoTracking().SingleAsync(p => p.Id == phaseId));
        Assert.Equal("Contributions prolongées", phase.Title);
        Assert.Equal([ProposalsModule.Proposing, ProposalsModule.Supporting], phase.Switches.Order());
    }
}
