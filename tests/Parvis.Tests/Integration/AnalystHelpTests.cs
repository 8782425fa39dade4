using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Analysis;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Tests.Integration;

/// <summary>Help for analysts: likely duplicates across kinds of contribution, explained, and decided by a person only.</summary>
[Trait("Suite", "integration")]
public sealed class AnalystHelpTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    /// <summary>
    /// A process open for proposals; with comments, each getting a fate of its own, as a consultation that reads its
    /// discussions does.
    /// </summary>
    private async Task<Process> ProcessAsync(string slug, bool comments = false)
    {
        var today = DateOnly.FromDateTime(DateTime.Today);
        var process = await app.AddProcessAsync(slug, new Phase
        {
            Title = "Idées", StartsOn = today.AddDays(-1), EndsOn = today.AddDays(20),
            Switches = comments ? [ProposalsModule.Proposing, ProposalsModule.Commenting] : [ProposalsModule.Proposing],
        });
        if (comments)
        {
            await app.WithDatabaseAsync(async db =>
            {
                var stored = await db.Processes.SingleAsync(p => p.Id == process.Id);
                var proposals = stored.Components.Single(c => c.Module == ProposalsModule.Key);
                proposals.Switches = [.. proposals.Switches, ProposalsModule.CommentsAwaitFate];
                await db.SaveChangesAsync();
            });
        }
        return process;
    }

    /// <summary>Two themes of the process, for its contributions.</summary>
    private Task<(Guid Mobility, Guid Nature)> ThemesAsync(Process process) => app.WithDatabaseAsync(async db =>
    {
        var themes = (new Theme { ProcessId = process.Id, Name = "Mobilités", Position = 0 }, new Theme { ProcessId = process.Id, Name = "Nature en ville", Position = 1 });
        db.Themes.AddRange(themes.Item1, themes.Item2);
        await db.SaveChangesAsync();
        return (themes.Item1.Id, themes.Item2.Id);
    });

    [Fact]
    public async Task Likely_duplicates_are_offered_with_their_shared_words_and_an_analyst_merges_or_dismisses_them()
    {
        var process = await ProcessAsync("doublons", comments: true);
        var (participant, _) = await app.SignedInAsync("Habitante de Groix");
        var (analyst, _) = await app.SignedInAsync("Analyste des doublons", Role.Analyst);
        var boat = await ProposalForms.ProposeAsync(participant, process.Slug, "Des bus le soir", body: "Des bus plus tard le soir, après le dernier bateau de Groix.");
        var garden = await ProposalForms.ProposeAsync(participant, process.Slug, "Un jardin partagé", body: "Un jardin partagé derrière la médiathèque du quartier.");
        var again = await ProposalForms.ProposeAsync(participant, process.Slug, "Bus après le bateau", body: "Apres le dernier bateau, des BUS le soir plus tard.");
        // Another kind of contribution saying the same as a proposal: a comment.
        var comment = Guid.Parse(await ProposalForms.CommentAsync(participant, garden, "Un jardin partagé derrière la médiathèque, pour le quartier !"));
        var page = $"/processes/{process.Slug}/duplicates";

        // Analysts only: a participant is refused.
        var refused = await participant.GetAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, refused.Status);
        Assert.Contains("/error/403", refused.Location, StringComparison.Ordinal);
        var queue = await analyst.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, queue.Status);
        Assert.Contains("4 contributions comparées", queue.Text("main"), StringComparison.Ordinal);
        var pairs = queue.Document.QuerySelectorAll("ol.card-list > li").ToList();
        Assert.Equal(2, pairs.Count);
        var boats = pairs.Single(p => p.QuerySelector("input[name=merged]")!.GetAttribute("value") == again.ToString());
        Assert.Equal(boat.ToString(), boats.QuerySelector("input[name=into]")!.GetAttribute("value"));
        Assert.Contains("après le dernier bateau", boats.QuerySelectorAll("mark").Select(m => m.TextContent));
        Assert.Contains("bateau", boats.QuerySelector("p")!.TextContent, StringComparison.Ordinal);
        var gardens = pairs.Single(p => p != boats);
        Assert.Equal(["Proposition", "Commentaire"], gardens.QuerySelectorAll("p.meta").Select(m => m.TextContent.Split(" · ")[0]));

        // The contribution's page names its closest, for analysts only.
        var shown = await analyst.GetAsync($"/contributions/{boat}");
        Assert.Contains(again.ToString(), shown.Document.QuerySelector("section[aria-labelledby=similar] a")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Empty((await participant.GetAsync($"/contributions/{boat}")).Document.QuerySelectorAll("section[aria-labelledby=similar]"));

        // Dismissed: not offered again. Merged: the later one's fate says into which, and the pair is gone.
        var dismissed = await analyst.PostAsync($"{page}?handler=Dismiss", new Dictionary<string, string> { ["first"] = garden.ToString(), ["second"] = comment.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, dismissed.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await analyst.PostAsync($"{page}?handler=Dismiss", new Dictionary<string, string> { ["first"] = comment.ToString(), ["second"] = garden.ToString() })).Status);
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.DuplicateDismissals.CountAsync(d => d.ProcessId == process.Id)));
        var merged = await analyst.PostAsync($"{page}?handler=Merge", new Dictionary<string, string> { ["merged"] = again.ToString(), ["into"] = boat.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, merged.Status);
        var decided = await app.WithDatabaseAsync(db => db.FateDecisions.SingleAsync(d => d.ContributionId == again));
        Assert.Equal((Fate.Merged, boat), (decided.Fate, decided.MergedIntoId!.Value));
        var after = await analyst.GetAsync(page);
        Assert.Empty(after.Document.QuerySelectorAll("ol.card-list > li"));
        Assert.Contains("3 contributions comparées", after.Text("main"), StringComparison.Ordinal);

        // Nothing is decided by a participant, nor about a contribution of another process.
        await participant.PostAsync($"{page}?handler=Merge", new Dictionary<string, string> { ["merged"] = comment.ToString(), ["into"] = garden.ToString() }, "/account/sign-out");
        var elsewhere = await ProposalForms.ProposeAsync(participant, app.World.ProcessSlug, "Ailleurs", body: "Un jardin partagé derrière la médiathèque du quartier.");
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.PostAsync($"{page}?handler=Merge", new Dictionary<string, string> { ["merged"] = elsewhere.ToString(), ["into"] = garden.ToString() })).Status);
        Assert.Null(await app.WithDatabaseAsync(db => db.Contributions.Where(c => c.Id == garden || c.Id == comment || c.Id == elsewhere).Select(c => c.Fate).FirstOrDefaultAsync(f => f != null)));

        // The comparison is kept while the process's contributions stay the same, whatever else is written; a new one rebuilds it.
        await using var scope = app.Services.CreateAsyncScope();
        var similar = scope.ServiceProvider.GetRequiredService<SimilarContributions>();
        var stored = await app.WithDatabaseAsync(db => db.Processes.SingleAsync(p => p.Id == process.Id));
        var kept = await similar.IndexAsync(stored);
        await ProposalForms.ProposeAsync(participant, app.World.ProcessSlug, "Encore ailleurs", body: "Une fontaine sur la place du marché.");
        Assert.Same(kept, await similar.IndexAsync(stored));
        await ProposalForms.ProposeAsync(participant, process.Slug, "Une fontaine", body: "Une fontaine sur la place du marché.");
        Assert.Equal(kept.Count + 1, (await similar.IndexAsync(stored)).Count);
    }

    [Fact]
    public async Task Grid_cells_are_suggested_from_the_coded_contributions_and_only_an_analyst_codes_them()
    {
        var process = await ProcessAsync("cases-suggerees");
        var (participant, _) = await app.SignedInAsync("Habitant de Lanester");
        var (analyst, _) = await app.SignedInAsync("Analyste des cases", Role.Analyst);
        var (manager, _) = await app.SignedInAsync("Cheffe de projet des cases", Role.ProcessManager);
        var texts = new[]
        {
            "Des bus plus tard le soir pour rentrer du travail.", "Un bus toutes les dix minutes le matin vers la gare.",
            "Le train du soir vers Lorient est trop tôt, il faudrait des bus.", "Un jardin partagé au pied des immeubles.",
            "Planter des arbres et un jardin dans la cour de l'école.", "Des arbres le long du quai et un jardin public.",
            "Plus de bus le soir vers la gare, s'il vous plaît.", "Un jardin avec des arbres fruitiers près de la médiathèque.",
            // Nearly the same as the seventh: a likely duplicate, and left unanswered to the end.
            "Plus de bus le soir vers la gare s'il vous plaît !",
        };
        var ids = new List<Guid>();
        foreach (var (text, i) in texts.Select((t, i) => (t, i)))
        {
            ids.Add(await ProposalForms.ProposeAsync(participant, process.Slug, $"Idée {i + 1}", body: text));
        }
        var frameworks = await app.WithDatabaseAsync(db => db.Frameworks.Include(f => f.Entries).Where(f => f.Key == "iso26000" || f.Key == "sndd-2010-2013").ToListAsync());
        Guid Entry(string key, string code) => frameworks.Single(f => f.Key == key).Entries.Single(e => e.Code == code).Id;
        var grid = (await analyst.PostAsync($"/processes/{process.Slug}/grids", new Dictionary<string, string>
        {
            ["Title"] = "Mobilités et nature", ["RowFrameworkId"] = frameworks.Single(f => f.Key == "iso26000").Id.ToString(),
            ["ColumnFrameworkId"] = frameworks.Single(f => f.Key == "sndd-2010-2013").Id.ToString(),
        })).Location!;
        var gridId = Guid.Parse(grid.Split('/').Last());
        var (transport, nature) = (("ENV", "TRANS", "Weakness"), ("ENV", "BIO", "Strength"));
        foreach (var (id, (row, column, sign)) in ids.Take(6).Select((id, i) => (id, i < 3 ? transport : nature)))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await analyst.PostAsync(grid, new Dictionary<string, string>
            {
                ["Subject"] = $"contribution:{id}", ["RowEntryId"] = Entry("iso26000", row).ToString(), ["ColumnEntryId"] = Entry("sndd-2010-2013", column).ToString(), ["Sign"] = sign,
            })).Status);
        }
        var page = $"{grid}/suggestions";
        var transportCode = CodeSuggestions.CellCode(Entry("iso26000", "ENV"), Entry("sndd-2010-2013", "TRANS"), Parvis.Web.Kernel.Accountability.GridSign.Weakness);
        var natureCode = CodeSuggestions.CellCode(Entry("iso26000", "ENV"), Entry("sndd-2010-2013", "BIO"), Parvis.Web.Kernel.Accountability.GridSign.Strength);

        // Analysts only; what they see is offered, explained, and codes nothing by itself.
        var refused = await participant.GetAsync(page);
        Assert.Contains("/error/403", refused.Location, StringComparison.Ordinal);
        var queue = await analyst.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, queue.Status);
        Assert.Contains("Appris de 6 contributions codées", queue.Text("main"), StringComparison.Ordinal);
        var items = queue.Document.QuerySelectorAll("ol.card-list > li").ToList();
        Assert.Equal(3, items.Count);
        var bus = items.Single(i => i.QuerySelector("input[name=contribution]")!.GetAttribute("value") == ids[6].ToString());
        Assert.Equal(transportCode, bus.QuerySelector("input[name=code]")!.GetAttribute("value"));
        Assert.Matches(@"Confiance\s:\s100\s%", bus.TextContent);
        Assert.Contains(bus.QuerySelectorAll("mark"), m => m.TextContent.Contains("bus", StringComparison.Ordinal));
        Assert.Contains(bus.QuerySelectorAll("a[href^='/contributions/']").Select(a => a.GetAttribute("href")), href => ids.Take(3).Any(id => href == $"/contributions/{id}"));
        Assert.Equal(6, await app.WithDatabaseAsync(db => db.GridCodings.CountAsync(c => c.GridId == gridId)));

        // Rejected: remembered, and not offered again; accepted: coded as by hand.
        Assert.Equal(HttpStatusCode.Redirect, (await analyst.PostAsync($"{page}?handler=Reject", new Dictionary<string, string> { ["contribution"] = ids[7].ToString(), ["code"] = natureCode })).Status);
        var again = await analyst.PostAsync($"{page}?handler=Reject", new Dictionary<string, string> { ["contribution"] = ids[7].ToString(), ["code"] = natureCode });
        Assert.Contains("n'est plus proposée", again.Text("main"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await analyst.PostAsync($"{page}?handler=Accept", new Dictionary<string, string> { ["contribution"] = ids[6].ToString(), ["code"] = transportCode })).Status);
        var coded = await app.WithDatabaseAsync(db => db.GridCodings.SingleAsync(c => c.GridId == gridId && c.ContributionId == ids[6]));
        Assert.Equal((Entry("iso26000", "ENV"), Entry("sndd-2010-2013", "TRANS"), Parvis.Web.Kernel.Accountability.GridSign.Weakness), (coded.RowEntryId, coded.ColumnEntryId, coded.Sign));
        var answers = await app.WithDatabaseAsync(db => db.SuggestionDecisions.Where(d => d.ProcessId == process.Id).OrderBy(d => d.DecidedAt).ToListAsync());
        Assert.Equal([(ids[7], false), (ids[6], true)], answers.Select(a => (a.ContributionId, a.Accepted)));
        Assert.All(answers, a => Assert.Equal(1.0, a.Confidence));
        Assert.Equal([ids[8].ToString()], (await analyst.GetAsync(page)).Document.QuerySelectorAll("ol.card-list > li input[name=contribution]")
            .Select(i => i.GetAttribute("value")).Distinct());

        // A forged cell, a participant's post, nothing coded.
        var forged = await analyst.PostAsync($"{page}?handler=Accept", new Dictionary<string, string> { ["contribution"] = ids[7].ToString(), ["code"] = transportCode });
        Assert.Contains("n'est plus proposée", forged.Text("main"), StringComparison.Ordinal);
        await participant.PostAsync($"{page}?handler=Accept", new Dictionary<string, string> { ["contribution"] = ids[7].ToString(), ["code"] = natureCode }, "/account/sign-out");
        Assert.Equal(7, await app.WithDatabaseAsync(db => db.GridCodings.CountAsync(c => c.GridId == gridId)));

        // The method page is public: its figures come from what analysts decided; the measured quality is for analysts.
        using var visitor = app.NewSession();
        var method = await visitor.GetAsync($"/processes/{process.Slug}/analysis-help");
        Assert.Equal(HttpStatusCode.OK, method.Status);
        // The grid's row, after the process's themes'.
        static AngleSharp.Dom.IElement GridRow(Infrastructure.Session.Response page) =>
            page.Document.QuerySelectorAll("section[aria-labelledby=evaluation] tbody tr").Single(tr => tr.QuerySelector("th")!.TextContent.Trim() == "Mobilités et nature");
        var figures = GridRow(method);
        Assert.Equal(["7", "1", "1"], figures.QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Empty(method.Document.QuerySelectorAll("section[aria-labelledby=switch]"));
        var measured = await analyst.GetAsync($"/processes/{process.Slug}/analysis-help");
        // Measured as the service measures it, written as the French interface writes percentages.
        await using var scope = app.Services.CreateAsyncScope();
        var suggestions = scope.ServiceProvider.GetRequiredService<CodeSuggestions>();
        var quality = (await suggestions.BuildAsync(await app.WithDatabaseAsync(db => db.Processes.SingleAsync(p => p.Id == process.Id)),
            suggestions.ForGrid(await app.WithDatabaseAsync(db => db.AnalysisGrids.SingleAsync(g => g.Id == gridId))))).Quality;
        Assert.Equal((7, 7), (quality.Texts, quality.Expected));
        static string Percent(double? share) => share!.Value.ToString("P0", System.Globalization.CultureInfo.GetCultureInfo("fr"));
        Assert.Equal(["7", Percent(quality.Precision), Percent(quality.Recall), "1", "1"],
            GridRow(measured).QuerySelectorAll("td").Select(td => td.TextContent));

        // Switched off by staff, with a reason in the public journal: nothing is offered, and nothing can be accepted.
        Assert.NotEmpty((await analyst.GetAsync($"/processes/{process.Slug}/duplicates")).Document.QuerySelectorAll("ol.card-list > li"));
        var noReason = await manager.PostAsync($"/processes/{process.Slug}/analysis-help?handler=Switch", new Dictionary<string, string> { ["Offered"] = "false" });
        Assert.NotEmpty(noReason.Text("#suggestions-change-reason-error"));
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostAsync($"/processes/{process.Slug}/analysis-help?handler=Switch",
            new Dictionary<string, string> { ["Offered"] = "false", ["Change.Reason"] = "Le conseil préfère une lecture sans aide." })).Status);
        Assert.True(await app.WithDatabaseAsync(db => db.Processes.Where(p => p.Id == process.Id).Select(p => p.SuggestionsOff).SingleAsync()));
        Assert.Contains("Le conseil préfère une lecture sans aide.", (await visitor.GetAsync($"/processes/{process.Slug}/journal")).Text("main"), StringComparison.Ordinal);
        Assert.Contains("désactivées", (await analyst.GetAsync(page)).Text("main"), StringComparison.Ordinal);
        Assert.Empty((await analyst.GetAsync($"/contributions/{ids[0]}")).Document.QuerySelectorAll("section[aria-labelledby=similar]"));
        Assert.Empty((await analyst.GetAsync($"/processes/{process.Slug}/duplicates")).Document.QuerySelectorAll("ol.card-list > li"));
        var off = await analyst.PostAsync($"{page}?handler=Accept", new Dictionary<string, string> { ["contribution"] = ids[8].ToString(), ["code"] = transportCode });
        Assert.Contains("n'est plus proposée", off.Text("main"), StringComparison.Ordinal);
        Assert.Equal(7, await app.WithDatabaseAsync(db => db.GridCodings.CountAsync(c => c.GridId == gridId)));

        // A cell holds a contribution once: the first bus text, coded there as a weakness, is never offered it as a strength.
        var stored = await app.WithDatabaseAsync(db => db.Processes.SingleAsync(p => p.Id == process.Id));
        var analysis = await app.WithDatabaseAsync(db => db.AnalysisGrids.SingleAsync(g => g.Id == gridId));
        var strength = CodeSuggestions.CellCode(Entry("iso26000", "ENV"), Entry("sndd-2010-2013", "TRANS"), Parvis.Web.Kernel.Accountability.GridSign.Strength);
        var index = await scope.ServiceProvider.GetRequiredService<SimilarContributions>().IndexAsync(stored);
        var build = CodeSuggestions.Build(index, [(ids[1], strength), (ids[2], strength), (ids[6], strength)]);
        Assert.Contains(build.Ranked, r => r.Text == ids[0] && r.Suggestions.Any(s => s.Code == strength));
        Assert.DoesNotContain(await suggestions.QueueAsync(stored, suggestions.ForGrid(analysis), build), q => q.Contribution.Id == ids[0]);
    }

    [Fact]
    public async Task A_cited_summary_is_drafted_from_a_cell_rewritten_by_an_analyst_and_published_with_every_sentence_linked()
    {
        var process = await ProcessAsync("resumes-cites");
        var (participant, _) = await app.SignedInAsync("Habitante de Quéven");
        var (other, _) = await app.SignedInAsync("Habitant de Gestel");
        var (analyst, _) = await app.SignedInAsync("Analyste des résumés", Role.Analyst);
        var evening = await ProposalForms.ProposeAsync(participant, process.Slug, "Des bus le soir", body: "Le bus ne passe plus après 19 heures. Merci.");
        var work = await ProposalForms.ProposeAsync(other, process.Slug, "Rentrer du travail", body: "Il faudrait des bus après 19 heures pour rentrer du travail.");
        var parking = await ProposalForms.ProposeAsync(other, process.Slug, "La gare",
            body: "Les bus du soir après 19 heures manquent aux salariés. Et le parking de la gare est plein dès 8 heures.");
        var frameworks = await app.WithDatabaseAsync(db => db.Frameworks.Include(f => f.Entries).Where(f => f.Key == "iso26000" || f.Key == "sndd-2010-2013").ToListAsync());
        var (row, column) = (frameworks.Single(f => f.Key == "iso26000").Entries.Single(e => e.Code == "ENV").Id,
            frameworks.Single(f => f.Key == "sndd-2010-2013").Entries.Single(e => e.Code == "TRANS").Id);
        var grid = (await analyst.PostAsync($"/processes/{process.Slug}/grids", new Dictionary<string, string>
        {
            ["Title"] = "Mobilités", ["RowFrameworkId"] = frameworks.Single(f => f.Key == "iso26000").Id.ToString(),
            ["ColumnFrameworkId"] = frameworks.Single(f => f.Key == "sndd-2010-2013").Id.ToString(),
        })).Location!;
        foreach (var id in new[] { evening, work, parking })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await analyst.PostAsync(grid, new Dictionary<string, string>
            {
                ["Subject"] = $"contribution:{id}", ["RowEntryId"] = row.ToString(), ["ColumnEntryId"] = column.ToString(), ["Sign"] = "Weakness",
            })).Status);
        }
        var scope = CitedSummaries.CellScope(Guid.Parse(grid.Split('/').Last()), CodeSuggestions.CellCode(row, column, GridSign.Weakness));
        var page = $"/processes/{process.Slug}/summaries";

        // Offered from the grid's table, to analysts only.
        var link = (await analyst.GetAsync(grid)).Document.QuerySelector("table.grid-data td.weaknesses a")!.GetAttribute("href");
        Assert.Equal($"{page}?scope={scope}", link);
        Assert.Empty((await participant.GetAsync(grid)).Document.QuerySelectorAll("table.grid-data td a"));
        Assert.Contains("/error/403", (await participant.GetAsync(page)).Location, StringComparison.Ordinal);
        Assert.Contains("3 contribution(s)", (await analyst.GetAsync(link!)).Text("main"), StringComparison.Ordinal);
        var unknown = await analyst.PostAsync(page, new Dictionary<string, string> { ["Scope"] = $"theme:{Guid.NewGuid()}" });
        Assert.Equal(HttpStatusCode.OK, unknown.Status);
        Assert.Contains("n’existe pas", unknown.Text("#Scope-error").Replace('\'', '’'), StringComparison.Ordinal);
        // A theme nobody wrote in: said above the form, next to the scope shown in words.
        var empty = await app.WithDatabaseAsync(db => db.Themes.Where(t => t.ProcessId == process.Id).Select(t => t.Id).FirstAsync());
        var nothing = await analyst.PostAsync(page, new Dictionary<string, string> { ["Scope"] = CitedSummaries.ThemeScope(empty) });
        Assert.Contains("Aucune phrase à citer", nothing.Text("main .alert"), StringComparison.Ordinal);

        // Drafted: every sentence is a contribution's own, cited with the contributions that say it too.
        var drafted = await analyst.PostAsync(page, new Dictionary<string, string> { ["Scope"] = scope });
        Assert.Equal(HttpStatusCode.Redirect, drafted.Status);
        var address = drafted.Location!;
        var draft = await analyst.GetAsync(address);
        Assert.Contains("Brouillon non relu", draft.Text("main"), StringComparison.Ordinal);
        var citations = draft.Document.QuerySelectorAll("ol.citations > li").ToList();
        Assert.Equal(2, citations.Count);
        var texts = new Dictionary<Guid, string>
        {
            // As they are read: the proposal's title, then its text.
            [evening] = "Des bus le soir — Le bus ne passe plus après 19 heures. Merci.",
            [work] = "Rentrer du travail — Il faudrait des bus après 19 heures pour rentrer du travail.",
            [parking] = "La gare — Les bus du soir après 19 heures manquent aux salariés. Et le parking de la gare est plein dès 8 heures.",
        };
        foreach (var citation in citations)
        {
            var source = Guid.Parse(citation.QuerySelector("a[href^='/contributions/']")!.GetAttribute("href")!.Split('/').Last());
            Assert.Contains(citation.QuerySelector("blockquote")!.TextContent.Trim(), texts[source], StringComparison.Ordinal);
        }
        var first = citations[0].QuerySelector("blockquote")!.TextContent.Trim();
        Assert.Contains("19 heures", first, StringComparison.Ordinal);
        Assert.Contains("Dit par 3 contribution(s)\u00a0: 3 en ligne.", citations[0].TextContent, StringComparison.Ordinal);
        var body = draft.Document.QuerySelector("textarea[name='Input.Body']")!.TextContent.Trim();
        Assert.EndsWith("[2]", body, StringComparison.Ordinal);
        Dictionary<string, string> Form(string text) => new() { ["Input.Kind"] = "Concern", ["Input.Title"] = "Les bus du soir", ["Input.Body"] = text, ["Input.ThemeId"] = "" };

        // Never published as the machine wrote it, nor citing what it does not hold: said next to the text, the text kept.
        // As a browser sends it back, line breaks as CR LF.
        var unedited = await analyst.PostAsync($"{address}?handler=Publish", Form(body.ReplaceLineEndings("\r\n") + " "));
        Assert.Equal(HttpStatusCode.OK, unedited.Status);
        Assert.Contains("encore celui de la machine", unedited.Text("#Input_Body-error"), StringComparison.Ordinal);
        var dangling = await analyst.PostAsync($"{address}?handler=Publish", Form("Des bus le soir [1], et un train [7]."));
        Assert.Contains("retirez ce numéro", dangling.Text("#Input_Body-error"), StringComparison.Ordinal);
        Assert.Equal("Des bus le soir [1], et un train [7].", dangling.Document.QuerySelector("textarea[name='Input.Body']")!.TextContent.Trim());
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.SynthesisItems.CountAsync(i => i.ProcessId == process.Id)));

        // A sentence hidden by moderation since it was drafted: analysts no longer read it in the text to rewrite either.
        var second = citations[1].QuerySelector("blockquote")!.TextContent.Trim();
        var secondSource = Guid.Parse(citations[1].QuerySelector("a[href^='/contributions/']")!.GetAttribute("href")!.Split('/').Last());
        Assert.Contains(second, body, StringComparison.Ordinal);
        await app.WithDatabaseAsync(db => db.Contributions.Where(c => c.Id == secondSource)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.HiddenAt, DateTimeOffset.UtcNow).SetProperty(c => c.HiddenReason, "Test")));
        var redacted = (await analyst.GetAsync(address)).Document.QuerySelector("textarea[name='Input.Body']")!.TextContent;
        Assert.DoesNotContain(second, redacted, StringComparison.Ordinal);
        Assert.Contains("[…] [2]", redacted, StringComparison.Ordinal);
        await app.WithDatabaseAsync(db => db.Contributions.Where(c => c.Id == secondSource).ExecuteUpdateAsync(s => s.SetProperty(c => c.HiddenAt, (DateTimeOffset?)null)));

        // A citation taken out; then rewritten and published: the item's text links its sentence.
        Assert.Equal(HttpStatusCode.Redirect, (await analyst.PostAsync($"{address}?handler=Remove", new Dictionary<string, string> { ["number"] = "2" })).Status);
        Assert.Single((await analyst.GetAsync(address)).Document.QuerySelectorAll("ol.citations > li"));
        Assert.Contains("retirez ce numéro", (await analyst.PostAsync($"{address}?handler=Publish", Form("Bus [1], parking [2]."))).Text("#Input_Body-error"), StringComparison.Ordinal);
        var published = await analyst.PostAsync($"{address}?handler=Publish", Form($"« {first} » [1], disent les habitants et les habitantes."));
        Assert.Equal(HttpStatusCode.Redirect, published.Status);
        var item = await participant.GetAsync(published.Location!);
        Assert.Equal("#citation-1", item.Document.QuerySelector("article a[href^='#citation-']")!.GetAttribute("href"));
        var cited = item.Document.QuerySelector("#citation-1")!;
        var sourceId = Guid.Parse(cited.QuerySelector("a[href^='/contributions/']")!.GetAttribute("href")!.Split('/').Last());
        Assert.Contains(cited.QuerySelector("blockquote")!.TextContent.Trim(), texts[sourceId], StringComparison.Ordinal);
        Assert.Contains("Dit par 3 contribution(s)", cited.TextContent, StringComparison.Ordinal);
        // The council's report quotes it under the item, with whom it comes from as its annex names them.
        var report = await participant.GetAsync($"/processes/{process.Slug}/report");
        var quoted = report.Document.QuerySelectorAll("figure.verbatim").Single(f => f.QuerySelector("blockquote")!.TextContent.Trim().StartsWith("[1] ", StringComparison.Ordinal));
        Assert.Equal($"[1] {cited.QuerySelector("blockquote")!.TextContent.Trim()}", quoted.QuerySelector("blockquote")!.TextContent.Trim());
        Assert.Contains("Dit par 3 contribution(s)", quoted.QuerySelector("figcaption")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Publié", (await analyst.GetAsync(page)).Text("table"), StringComparison.Ordinal);
        Assert.Contains("déjà publié", (await analyst.PostAsync($"{address}?handler=Publish", Form("Autre chose [1]."))).Text("main"), StringComparison.Ordinal);

        // A sentence hidden by moderation, or erased by its author, is no longer shown; the others count one fewer. The
        // published text quoted it: it goes from there too, from the open data and from the report.
        var (moderator, _) = await app.SignedInAsync("Modératrice des synthèses", Role.Moderator);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostAsync($"/admin/moderate/{sourceId}", new Dictionary<string, string> { ["action"] = "Hide", ["Reason"] = "Hors charte" })).Status);
        var hidden = await participant.GetAsync(published.Location!);
        Assert.Contains("Phrase retirée", hidden.Text("#citation-1"), StringComparison.Ordinal);
        Assert.Empty(hidden.Document.QuerySelectorAll("#citation-1 blockquote"));
        Assert.Contains("Dit par 2 contribution(s)", hidden.Text("#citation-1"), StringComparison.Ordinal);
        Assert.Contains("« […] »", hidden.Text("article"), StringComparison.Ordinal);
        Assert.DoesNotContain(first, hidden.Text("article"), StringComparison.Ordinal);
        Assert.DoesNotContain(first, (await participant.GetAsync("/open-data/synthesis.csv")).Body, StringComparison.Ordinal);
        Assert.DoesNotContain(first, (await participant.GetAsync($"/processes/{process.Slug}/report")).Text("main"), StringComparison.Ordinal);
        // Shown again, its citation is back; the text stays as moderation left it, for analysts to quote it again.
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostAsync($"/admin/moderate/{sourceId}", new Dictionary<string, string> { ["action"] = "Restore", ["Reason"] = "Relu" })).Status);
        Assert.Single((await participant.GetAsync(published.Location!)).Document.QuerySelectorAll("#citation-1 blockquote"));
        using (var services = app.Services.CreateScope())
        {
            var db = services.ServiceProvider.GetRequiredService<Parvis.Web.Kernel.Data.ParvisDbContext>();
            var authorOfSource = await db.Contributions.Where(c => c.Id == sourceId).Select(c => c.AuthorId!.Value).SingleAsync();
            await services.ServiceProvider.GetRequiredService<Parvis.Web.Kernel.Privacy.PersonalData>()
                .EraseAsync(await db.Users.SingleAsync(p => p.Id == authorOfSource), Parvis.Web.Kernel.Privacy.ErasureChoice.Remove);
        }
        Assert.Equal([""], await app.WithDatabaseAsync(db => db.SummaryCitations.Where(c => c.ContributionId == sourceId).Select(c => c.Sentence).ToListAsync()));
        var erased = await participant.GetAsync(published.Location!);
        Assert.Contains("Phrase retirée", erased.Text("#citation-1"), StringComparison.Ordinal);
        // The words quoted from it in the published text went with it, and from the summary it was published from.
        Assert.Contains("« […] »", erased.Text("article"), StringComparison.Ordinal);
        Assert.DoesNotContain(first, erased.Text("article"), StringComparison.Ordinal);
        Assert.Equal("« […] » [1], disent les habitants et les habitantes.", await app.WithDatabaseAsync(db => db.Summaries.Where(s => s.ProcessId == process.Id).Select(s => s.Body).SingleAsync()));

        // Switched off, nothing more is drafted; what was published stays.
        await app.WithDatabaseAsync(db => db.Processes.Where(p => p.Id == process.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.SuggestionsOff, true)));
        var off = await analyst.PostAsync(page, new Dictionary<string, string> { ["Scope"] = scope });
        Assert.Equal(HttpStatusCode.OK, off.Status);
        Assert.Contains("désactivées", off.Text("main"), StringComparison.Ordinal);
        Assert.Empty((await analyst.GetAsync(grid)).Document.QuerySelectorAll("table.grid-data td a"));
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.Summaries.CountAsync(s => s.ProcessId == process.Id)));
    }

    [Fact]
    public async Task Themes_are_suggested_from_the_themed_contributions_of_any_kind_and_only_an_analyst_gives_them()
    {
        // Comments get a fate of their own here: they are compared and classed with the proposals.
        var process = await ProcessAsync("themes-suggeres", comments: true);
        var (mobility, nature) = await ThemesAsync(process);
        var (participant, _) = await app.SignedInAsync("Habitant de Ploemeur");
        var (analyst, _) = await app.SignedInAsync("Analyste des thèmes", Role.Analyst);
        // Themes chosen by their authors, as the proposals module lets them.
        await ProposalForms.ProposeAsync(participant, process.Slug, "Bus du soir", mobility, "Des bus plus tard le soir pour rentrer du travail.");
        await ProposalForms.ProposeAsync(participant, process.Slug, "Bus vers la gare", mobility, "Un bus toutes les dix minutes le soir vers la gare.");
        await ProposalForms.ProposeAsync(participant, process.Slug, "Jardin", nature, "Un jardin partagé au pied des immeubles.");
        await ProposalForms.ProposeAsync(participant, process.Slug, "Arbres", nature, "Planter des arbres et un jardin dans la cour de l'école.");
        var bus = await ProposalForms.ProposeAsync(participant, process.Slug, "Sans thème", body: "Plus de bus le soir vers la gare, s'il vous plaît.");
        // Another kind, with no theme of its own: an analyst gives it one from its page.
        var comment = Guid.Parse(await ProposalForms.CommentAsync(participant, bus, "Un jardin avec des arbres fruitiers au pied des immeubles."));
        var orchard = await ProposalForms.ProposeAsync(participant, process.Slug, "Verger", body: "Des arbres fruitiers dans un jardin du quartier.");
        var contributionPage = await analyst.GetAsync($"/contributions/{comment}");
        Assert.Contains("Nature en ville", contributionPage.Texts("section#themes label"));
        Assert.Empty((await participant.GetAsync($"/contributions/{comment}")).Document.QuerySelectorAll("section#themes"));
        Assert.Equal(HttpStatusCode.Redirect, (await analyst.PostAsync($"/contributions/{comment}?handler=Themes",
            new Dictionary<string, string> { ["ThemeIds"] = nature.ToString() })).Status);
        Assert.Equal("checked", (await analyst.GetAsync($"/contributions/{comment}")).Document.QuerySelector($"#theme-{nature}")!.GetAttribute("checked"));
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Contains(comment, await scope.ServiceProvider.GetRequiredService<FateCommands>().InTheme(nature).ToListAsync());
        // A theme of another process is refused.
        var elsewhere = await app.WithDatabaseAsync(db => db.Themes.Where(t => t.ProcessId != process.Id).Select(t => t.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.PostAsync($"/contributions/{comment}?handler=Themes",
            new Dictionary<string, string> { ["ThemeIds"] = elsewhere.ToString() })).Status);

        // Suggested with their reasons, to analysts only.
        var page = $"/processes/{process.Slug}/theme-suggestions";
        Assert.Contains("/error/403", (await participant.GetAsync(page)).Location, StringComparison.Ordinal);
        var queue = await analyst.GetAsync(page);
        Assert.Contains("Appris de 5 contribution(s)", queue.Text("main"), StringComparison.Ordinal);
        var items = queue.Document.QuerySelectorAll("ol.card-list > li").ToList();
        Assert.Equal([bus.ToString(), orchard.ToString()], items.Select(i => i.QuerySelector("input[name=contribution]")!.GetAttribute("value")).Order());
        var busItem = items.Single(i => i.QuerySelector("input[name=contribution]")!.GetAttribute("value") == bus.ToString());
        Assert.Contains("Thème suggéré : Mobilités".Replace(" :", "\u00a0:"), busItem.TextContent, StringComparison.Ordinal);
        Assert.Equal(mobility.ToString(), busItem.QuerySelector("input[name=code]")!.GetAttribute("value"));
        Assert.Contains(busItem.QuerySelectorAll("mark"), m => m.TextContent.Contains("bus", StringComparison.Ordinal));

        // Accepted: given as by hand; rejected: remembered and not offered again; forged: refused.
        Assert.Equal(HttpStatusCode.Redirect, (await analyst.PostAsync($"{page}?handler=Accept", new Dictionary<string, string> { ["contribution"] = bus.ToString(), ["code"] = mobility.ToString() })).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await analyst.PostAsync($"{page}?handler=Reject", new Dictionary<string, string> { ["contribution"] = orchard.ToString(), ["code"] = nature.ToString() })).Status);
        var forged = await analyst.PostAsync($"{page}?handler=Accept", new Dictionary<string, string> { ["contribution"] = orchard.ToString(), ["code"] = mobility.ToString() });
        Assert.Contains("n'est plus proposée", forged.Text("main"), StringComparison.Ordinal);
        await participant.PostAsync($"{page}?handler=Accept", new Dictionary<string, string> { ["contribution"] = orchard.ToString(), ["code"] = nature.ToString() }, "/account/sign-out");
        Assert.Equal([(bus, mobility), (comment, nature)], (await app.WithDatabaseAsync(db => db.ContributionThemes.Where(t => t.ThemeId == mobility || t.ThemeId == nature)
            .Select(t => new { t.ContributionId, t.ThemeId }).ToListAsync())).Select(t => (t.ContributionId, t.ThemeId)).OrderBy(t => t.ContributionId == comment));
        var answers = await app.WithDatabaseAsync(db => db.SuggestionDecisions.Where(d => d.ProcessId == process.Id).OrderBy(d => d.DecidedAt).ToListAsync());
        Assert.Equal([(bus, true), (orchard, false)], answers.Select(a => (a.ContributionId, a.Accepted)));
        Assert.All(answers, a => Assert.Equal(ProcessThemes.SchemeOf(process.Id), a.Scheme));
        Assert.Empty((await analyst.GetAsync(page)).Document.QuerySelectorAll("ol.card-list > li"));

        // The method page counts them, from the stored answers; the quality, measured leaving each themed contribution out, for analysts.
        using var visitor = app.NewSession();
        var row = (await visitor.GetAsync($"/processes/{process.Slug}/analysis-help")).Document.QuerySelector("section[aria-labelledby=evaluation] tbody tr")!;
        // The process's themes come first, whatever its grids.
        Assert.Equal("Thèmes de la démarche", row.QuerySelector("th")!.TextContent.Trim());
        Assert.Equal(["6", "1", "1"], row.QuerySelectorAll("td").Select(td => td.TextContent));
        var suggestions = scope.ServiceProvider.GetRequiredService<CodeSuggestions>();
        var stored = await app.WithDatabaseAsync(db => db.Processes.SingleAsync(p => p.Id == process.Id));
        var quality = (await suggestions.BuildAsync(stored, suggestions.ForThemes(stored))).Quality;
        Assert.Equal((6, 6), (quality.Texts, quality.Expected));
        static string Percent(double? share) => share!.Value.ToString("P0", System.Globalization.CultureInfo.GetCultureInfo("fr"));
        Assert.Equal(["6", Percent(quality.Precision), Percent(quality.Recall), "1", "1"], (await analyst.GetAsync($"/processes/{process.Slug}/analysis-help")).Document
            .QuerySelector("section[aria-labelledby=evaluation] tbody tr")!.QuerySelectorAll("td").Select(td => td.TextContent));
    }

    [Fact]
    public async Task A_contribution_that_arrives_is_compared_and_offered_a_theme_from_the_work_before()
    {
        var process = await ProcessAsync("themes-au-fil");
        var (mobility, nature) = await ThemesAsync(process);
        var (participant, _) = await app.SignedInAsync("Habitante de Larmor");
        var (analyst, _) = await app.SignedInAsync("Analyste au fil de l'eau", Role.Analyst);
        var themed = new (string Text, Guid Theme)[]
        {
            ("Des bus plus tard le soir pour rentrer du travail.", mobility), ("Un bus toutes les dix minutes le soir vers la gare.", mobility),
            ("Le train du soir vers la gare de Lorient part trop tôt.", mobility), ("Une piste cyclable jusqu'à la gare.", mobility),
            ("Des vélos en location près de la gare.", mobility), ("Un bus le dimanche soir vers la gare.", mobility),
            ("Un jardin partagé au pied des immeubles.", nature), ("Planter des arbres et un jardin dans la cour de l'école.", nature),
            ("Des arbres le long du quai et un jardin public.", nature), ("Un verger d'arbres fruitiers dans le jardin du quartier.", nature),
            ("Des fleurs et des arbres sur la place.", nature), ("Un jardin pour les enfants avec des arbres.", nature),
        };
        var themedIds = new List<Guid>();
        foreach (var (text, i) in themed.Select((t, i) => (t, i)))
        {
            themedIds.Add(await ProposalForms.ProposeAsync(participant, process.Slug, $"Idée {i + 1}", text.Theme, text.Text));
        }
        var others = new List<Guid>();
        foreach (var (text, i) in new[]
        {
            "Ouvrir la piscine le dimanche.", "Une salle pour les associations.", "Des bancs sur le front de mer.", "Moins de bruit la nuit en été.",
            "Un marché couvert le samedi.", "Une maison de santé au bourg.", "Des logements pour les jeunes.", "Une fête de quartier en juin.",
        }.Select((t, i) => (t, i)))
        {
            others.Add(await ProposalForms.ProposeAsync(participant, process.Slug, $"Autre idée {i + 1}", body: text));
        }
        var page = $"/processes/{process.Slug}/theme-suggestions";
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync(page)).Status);
        await using var scope = app.Services.CreateAsyncScope();
        var similar = scope.ServiceProvider.GetRequiredService<SimilarContributions>();
        var stored = await app.WithDatabaseAsync(db => db.Processes.SingleAsync(p => p.Id == process.Id));
        var before = await similar.IndexAsync(stored);
        Assert.Equal((20, 0), (before.Count, before.Drift));

        // One arrives: it is compared from the comparison before, and offered the theme of its look-alikes at once.
        var arrived = await ProposalForms.ProposeAsync(participant, process.Slug, "Bus de nuit", body: "Des bus le soir vers la gare après le travail.");
        var queue = await analyst.GetAsync(page);
        var offered = queue.Document.QuerySelectorAll("ol.card-list > li")
            .Single(i => i.QuerySelector("input[name=contribution]")!.GetAttribute("value") == arrived.ToString());
        Assert.Equal(mobility.ToString(), offered.QuerySelector("input[name=code]")!.GetAttribute("value"));
        var after = await similar.IndexAsync(stored);
        Assert.True(after.WeighsAs(before));
        Assert.Equal((21, 1), (after.Count, after.Drift));
        Assert.Contains(after.SimilarTo(arrived, 1)[0].Id, themedIds.Take(6));

        // One is rewritten by its author: compared again in its place with its new words, and offered their theme.
        Assert.Equal(HttpStatusCode.Redirect, (await participant.PostAsync($"/proposals/{others[0]}/edit", new Dictionary<string, string>
        {
            ["Input.Title"] = "Autre idée 1", ["Input.Body"] = "Un jardin avec des arbres au pied des immeubles.", ["Input.ThemeId"] = "", ["ContentLanguage"] = "fr",
        })).Status);
        var revisedAt = await app.WithDatabaseAsync(db => db.Contributions.Where(c => c.Id == others[0]).Select(c => c.RevisedAt).SingleAsync());
        Assert.NotNull(revisedAt);
        var rewritten = (await analyst.GetAsync(page)).Document.QuerySelectorAll("ol.card-list > li")
            .Single(i => i.QuerySelector("input[name=contribution]")!.GetAttribute("value") == others[0].ToString());
        Assert.Equal(nature.ToString(), rewritten.QuerySelector("input[name=code]")!.GetAttribute("value"));
        var again = await similar.IndexAsync(stored);
        Assert.True(again.WeighsAs(before));
        Assert.Equal(after.Ids, again.Ids);
        Assert.True(again.Holds(others[0], revisedAt));
    }

    [Fact]
    public async Task A_contribution_restored_after_newer_ones_is_still_the_one_a_later_duplicate_merges_into()
    {
        var process = await ProcessAsync("doublons-retablis");
        var (participant, _) = await app.SignedInAsync("Habitant de Locmiquélic");
        var (analyst, _) = await app.SignedInAsync("Analyste des retours", Role.Analyst);
        var earlier = await ProposalForms.ProposeAsync(participant, process.Slug, "Bus du soir", body: "Des bus plus tard le soir, après le dernier bateau de Groix.");
        var later = await ProposalForms.ProposeAsync(participant, process.Slug, "Bus après le bateau", body: "Après le dernier bateau de Groix, des bus plus tard le soir.");
        var places = new[] { "la piscine", "la médiathèque", "le marché", "la gare", "le stade", "le port", "la mairie", "l'école", "le parc", "la plage" };
        var needs = new[] { "Des bancs devant", "Un parking à vélos près de", "Une fontaine à côté de" };
        foreach (var (text, i) in needs.SelectMany(n => places.Select(p => $"{n} {p}.")).Select((t, i) => (t, i)))
        {
            await ProposalForms.ProposeAsync(participant, process.Slug, $"Idée {i + 1}", body: text);
        }
        var page = $"/processes/{process.Slug}/duplicates";
        string? Merged(Session.Response queue) => queue.Document.QuerySelectorAll("ol.card-list > li")
            .Select(li => li.QuerySelector("input[name=merged]")!.GetAttribute("value")).SingleOrDefault(v => v == earlier.ToString() || v == later.ToString());
        Assert.Equal(later.ToString(), Merged(await analyst.GetAsync(page)));

        // Hidden, then restored: compared again from the comparison before, it now stands after newer contributions.
        await app.WithDatabaseAsync(db => db.Contributions.Where(c => c.Id == earlier)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.HiddenAt, DateTimeOffset.UtcNow).SetProperty(c => c.HiddenReason, "Test")));
        Assert.Null(Merged(await analyst.GetAsync(page)));
        await app.WithDatabaseAsync(db => db.Contributions.Where(c => c.Id == earlier).ExecuteUpdateAsync(s => s.SetProperty(c => c.HiddenAt, (DateTimeOffset?)null)));
        var queue = await analyst.GetAsync(page);
        await using var scope = app.Services.CreateAsyncScope();
        var index = await scope.ServiceProvider.GetRequiredService<SimilarContributions>().IndexAsync(await app.WithDatabaseAsync(db => db.Processes.SingleAsync(p => p.Id == process.Id)));
        Assert.Equal((32, 2), (index.Count, index.Drift));
        Assert.Equal(earlier, index.Ids[^1]);
        // Still the later merged into the earlier, as written.
        Assert.Equal(later.ToString(), Merged(queue));
        Assert.Equal(earlier.ToString(), queue.Document.QuerySelectorAll("ol.card-list > li")
            .Single(li => li.QuerySelector("input[name=merged]")!.GetAttribute("value") == later.ToString()).QuerySelector("input[name=into]")!.GetAttribute("value"));
    }
}
