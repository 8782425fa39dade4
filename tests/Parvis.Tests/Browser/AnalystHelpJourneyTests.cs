using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.People;

namespace Parvis.Tests.Browser;

public sealed partial class JourneyTests
{
    [Fact]
    public async Task An_analyst_reads_likely_duplicates_with_their_shared_words_and_merges_one_with_the_keyboard()
    {
        var author = await app.CreatePersonAsync("Auteur d'un doublon");
        var (process, first, second) = await app.WithDatabaseAsync(async db =>
        {
            var today = DateOnly.FromDateTime(DateTime.Now);
            var created = ParvisApp.NewProcess(app.World.OrganisationId, "doublons-au-clavier",
                new Web.Kernel.Processes.Phase { Title = "Idées", StartsOn = today.AddDays(-1), EndsOn = today.AddDays(9) });
            db.Processes.Add(created);
            Proposal Written(string title, string body, int daysAgo) => new()
            {
                OrganisationId = app.World.OrganisationId, ProcessId = created.Id, AuthorId = author.Id, Title = title, Body = body,
                CreatedAt = DateTimeOffset.UtcNow.AddDays(-daysAgo),
            };
            var older = Written("Des bus après le dernier bateau", "Des bus plus tard le soir, après le dernier bateau de Groix.", 2);
            var later = Written("Bus le soir", "Après le dernier bateau, des bus le soir, plus tard.", 1);
            db.Proposals.AddRange(older, later, Written("Un jardin partagé", "Derrière la médiathèque du quartier.", 3));
            await db.SaveChangesAsync();
            return (created, older, later);
        });

        var analyst = await app.CreatePersonAsync("Analyste des doublons", Role.Analyst);
        var page = await app.NewPageAsync();
        await SignInAsync(page, analyst.Email!);
        await page.GotoAsync($"/processes/{process.Slug}");
        await Infrastructure.BrowserApp.ClickToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Doublons probables" }), new Regex($"/processes/{process.Slug}/duplicates$"));
        Assert.Equal(1, await page.Locator("ol.card-list > li").CountAsync());
        Assert.Contains("après le dernier bateau", await page.Locator("ol.card-list mark").AllTextContentsAsync());
        await app.AssertAccessibleAsync(page);

        // The contribution's page names its closest for the analyst.
        await page.GotoAsync($"/contributions/{first.Id}");
        Assert.Equal($"/contributions/{second.Id}", await page.Locator("section[aria-labelledby=similar] a").First.GetAttributeAsync("href"));
        await app.AssertAccessibleAsync(page);

        // With the keyboard alone: the merge button, then the queue is empty and the later one's fate says so.
        await page.GotoAsync($"/processes/{process.Slug}/duplicates");
        await page.GetByRole(AriaRole.Button, new() { Name = "Fusionner la seconde dans la première" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("[role=status]").WaitForAsync();
        Assert.Equal(0, await page.Locator("ol.card-list > li").CountAsync());
        await app.AssertAccessibleAsync(page);
        Assert.Equal(Fate.Merged, await app.WithDatabaseAsync(db => db.Contributions.Where(c => c.Id == second.Id).Select(c => c.Fate).SingleAsync()));
    }

    [Fact]
    public async Task An_analyst_accepts_a_suggested_cell_with_the_keyboard_and_reads_how_it_was_suggested()
    {
        var author = await app.CreatePersonAsync("Autrice des idées codées");
        var (process, grid, uncoded) = await app.WithDatabaseAsync(async db =>
        {
            var today = DateOnly.FromDateTime(DateTime.Now);
            var created = ParvisApp.NewProcess(app.World.OrganisationId, "cases-au-clavier",
                new Web.Kernel.Processes.Phase { Title = "Idées", StartsOn = today.AddDays(-1), EndsOn = today.AddDays(9) });
            db.Processes.Add(created);
            var texts = new[]
            {
                "Des bus plus tard le soir pour rentrer du travail.", "Un bus toutes les dix minutes le soir vers la gare.",
                "Le train du soir vers Lorient est trop tôt, il faudrait des bus.", "Plus de bus le soir vers la gare, s'il vous plaît.",
            };
            var proposals = texts.Select((body, i) => new Proposal
            {
                OrganisationId = app.World.OrganisationId, ProcessId = created.Id, AuthorId = author.Id, Title = $"Transport {i + 1}", Body = body,
            }).ToList();
            db.Proposals.AddRange(proposals);
            var frameworks = await db.Frameworks.Include(f => f.Entries).Where(f => f.Key == "iso26000" || f.Key == "sndd-2010-2013").ToListAsync();
            var (iso, sndd) = (frameworks.Single(f => f.Key == "iso26000"), frameworks.Single(f => f.Key == "sndd-2010-2013"));
            var analysis = new AnalysisGrid
            {
                OrganisationId = app.World.OrganisationId, ProcessId = created.Id, Title = "Mobilités", RowFrameworkId = iso.Id, ColumnFrameworkId = sndd.Id,
            };
            db.AnalysisGrids.Add(analysis);
            db.GridCodings.AddRange(proposals.Take(3).Select(p => new GridCoding
            {
                GridId = analysis.Id, ContributionId = p.Id, Sign = GridSign.Weakness,
                RowEntryId = iso.Entries.Single(e => e.Code == "ENV").Id, ColumnEntryId = sndd.Entries.Single(e => e.Code == "TRANS").Id,
            }));
            await db.SaveChangesAsync();
            return (created, analysis, proposals[3]);
        });

        var analyst = await app.CreatePersonAsync("Analyste des cases", Role.Analyst);
        var page = await app.NewPageAsync();
        await SignInAsync(page, analyst.Email!);
        await page.GotoAsync($"/grids/{grid.Id}");
        await Infrastructure.BrowserApp.ClickToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Cases suggérées" }), new Regex($"/grids/{grid.Id}/suggestions$"));
        Assert.Equal(1, await page.Locator("ol.card-list > li").CountAsync());
        Assert.Contains("Case suggérée", await page.Locator("ol.card-list h3").TextContentAsync(), StringComparison.Ordinal);
        await app.AssertAccessibleAsync(page);

        // With the keyboard alone: the accept button, then the contribution is coded and nothing is left to review.
        await page.GetByRole(AriaRole.Button, new() { Name = "Coder dans cette case" }).FocusAsync();
        await Infrastructure.BrowserApp.ForNewPageAsync(page, () => page.Keyboard.PressAsync("Enter"));
        await page.Locator("[role=status]").WaitForAsync();
        Assert.Equal(0, await page.Locator("ol.card-list > li").CountAsync());
        Assert.True(await app.WithDatabaseAsync(db => db.GridCodings.AnyAsync(c => c.GridId == grid.Id && c.ContributionId == uncoded.Id)));
        await app.AssertAccessibleAsync(page);

        // How it was worked out, and how often it was right.
        await Infrastructure.BrowserApp.ClickToAsync(page, page.Locator("main a[href$='/analysis-help']"), new Regex($"/processes/{process.Slug}/analysis-help$"));
        Assert.Equal("1", await page.Locator("section[aria-labelledby=evaluation] tbody tr", new() { HasText = "Mobilités" }).Locator("td").Nth(3).TextContentAsync());
        await app.AssertAccessibleAsync(page);

        // Staff switch them off there, saying why in the journal; the grid no longer offers them.
        var manager = await app.CreatePersonAsync("Cheffe de projet des cases", Role.ProcessManager);
        var staff = await app.NewPageAsync();
        await SignInAsync(staff, manager.Email!);
        await staff.GotoAsync($"/processes/{process.Slug}/analysis-help");
        await app.AssertAccessibleAsync(staff);
        await staff.UncheckAsync("#Offered");
        await Infrastructure.BrowserApp.ClickToAsync(staff, staff.Locator("section[aria-labelledby=switch] button[type=submit]"), new Regex("/analysis-help(\\?handler=Switch)?$"));
        Assert.Equal(1, await staff.Locator("#suggestions-change-reason-error").CountAsync());
        Assert.False(await staff.IsCheckedAsync("#Offered"));
        // Checked in both languages, which loads the page again as it stands: the choice is made again.
        await app.AssertAccessibleAsync(staff);
        await staff.UncheckAsync("#Offered");
        await staff.FillAsync("#suggestions-change-reason", "Le conseil préfère une lecture sans aide.");
        await Infrastructure.BrowserApp.ClickToAsync(staff, staff.Locator("section[aria-labelledby=switch] button[type=submit]"), new Regex("/analysis-help(\\?handler=Switch)?$"));
        Assert.Contains("Les suggestions sont désactivées pour cette démarche.", await staff.Locator("[role=status]").TextContentAsync(), StringComparison.Ordinal);
        Assert.True(await app.WithDatabaseAsync(db => db.Processes.Where(p => p.Id == process.Id).Select(p => p.SuggestionsOff).SingleAsync()));
        await staff.GotoAsync($"/grids/{grid.Id}");
        Assert.Equal(0, await staff.GetByRole(AriaRole.Link, new() { Name = "Cases suggérées" }).CountAsync());
    }

    [Fact]
    public async Task An_analyst_drafts_a_cited_summary_of_a_cell_rewrites_it_and_publishes_it_with_the_keyboard()
    {
        var author = await app.CreatePersonAsync("Autrice des idées résumées");
        var (grid, proposals) = await app.WithDatabaseAsync(async db =>
        {
            var today = DateOnly.FromDateTime(DateTime.Now);
            var created = ParvisApp.NewProcess(app.World.OrganisationId, "resumes-au-clavier",
                new Web.Kernel.Processes.Phase { Title = "Idées", StartsOn = today.AddDays(-1), EndsOn = today.AddDays(9) });
            db.Processes.Add(created);
            var texts = new[]
            {
                "Le bus ne passe plus après 19 heures.", "Il faudrait des bus après 19 heures pour rentrer du travail.",
                "Les bus du soir après 19 heures manquent. Le parking de la gare est plein dès 8 heures.",
            };
            var written = texts.Select((body, i) => new Proposal
            {
                OrganisationId = app.World.OrganisationId, ProcessId = created.Id, AuthorId = author.Id, Title = $"Transport {i + 1}", Body = body,
            }).ToList();
            db.Proposals.AddRange(written);
            var frameworks = await db.Frameworks.Include(f => f.Entries).Where(f => f.Key == "iso26000" || f.Key == "sndd-2010-2013").ToListAsync();
            var (iso, sndd) = (frameworks.Single(f => f.Key == "iso26000"), frameworks.Single(f => f.Key == "sndd-2010-2013"));
            var analysis = new AnalysisGrid
            {
                OrganisationId = app.World.OrganisationId, ProcessId = created.Id, Title = "Mobilités résumées", RowFrameworkId = iso.Id, ColumnFrameworkId = sndd.Id,
            };
            db.AnalysisGrids.Add(analysis);
            db.GridCodings.AddRange(written.Select(p => new GridCoding
            {
                GridId = analysis.Id, ContributionId = p.Id, Sign = GridSign.Weakness,
                RowEntryId = iso.Entries.Single(e => e.Code == "ENV").Id, ColumnEntryId = sndd.Entries.Single(e => e.Code == "TRANS").Id,
            }));
            await db.SaveChangesAsync();
            return (analysis, written);
        });

        var analyst = await app.CreatePersonAsync("Analyste des résumés", Role.Analyst);
        var page = await app.NewPageAsync();
        await SignInAsync(page, analyst.Email!);
        await page.GotoAsync($"/grids/{grid.Id}");
        await Infrastructure.BrowserApp.ClickToAsync(page, page.Locator("table.grid-data td.weaknesses a"), new Regex("/summaries\\?scope=cell"));
        Assert.Contains("3 contribution(s)", await page.Locator("main").TextContentAsync(), StringComparison.Ordinal);
        await app.AssertAccessibleAsync(page);

        // With the keyboard alone: drafted, then refused as the machine wrote it, the error next to the text.
        await page.GetByRole(AriaRole.Button, new() { Name = "Rédiger le brouillon" }).FocusAsync();
        await Infrastructure.BrowserApp.ForNewPageAsync(page, () => page.Keyboard.PressAsync("Enter"));
        Assert.Matches(new Regex("/summaries/[0-9a-f-]+$"), page.Url);
        Assert.Equal(2, await page.Locator("ol.citations > li").CountAsync());
        await app.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Publier dans la synthèse" }).FocusAsync();
        await Infrastructure.BrowserApp.ForNewPageAsync(page, () => page.Keyboard.PressAsync("Enter"));
        Assert.Contains("encore celui de la machine", await page.Locator("#Input_Body-error").TextContentAsync(), StringComparison.Ordinal);
        await app.AssertAccessibleAsync(page);

        // Rewritten and published: the item's [1] leads to the sentence, and the sentence to its contribution.
        await page.FillAsync("#Input_Body", "Les habitants et les habitantes demandent des bus après 19 heures [1].");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publier dans la synthèse" }).FocusAsync();
        await Infrastructure.BrowserApp.ForNewPageAsync(page, () => page.Keyboard.PressAsync("Enter"));
        Assert.Matches(new Regex("/synthesis/[0-9a-f-]+$"), page.Url);
        await page.GetByRole(AriaRole.Link, new() { Name = "citation 1" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex("#citation-1$"));
        var source = await page.Locator("#citation-1 a[href^='/contributions/']").GetAttributeAsync("href");
        Assert.Contains(source!.Split('/').Last(), proposals.Select(p => p.Id.ToString()));
        Assert.Contains("19 heures", await page.Locator("#citation-1 blockquote").TextContentAsync(), StringComparison.Ordinal);
        await app.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task An_analyst_gives_a_suggested_theme_with_the_keyboard_from_the_contribution_s_page()
    {
        var author = await app.CreatePersonAsync("Auteur des idées classées");
        var (process, theme, unthemed) = await app.WithDatabaseAsync(async db =>
        {
            var today = DateOnly.FromDateTime(DateTime.Now);
            var created = ParvisApp.NewProcess(app.World.OrganisationId, "themes-au-clavier",
                new Web.Kernel.Processes.Phase { Title = "Idées", StartsOn = today.AddDays(-1), EndsOn = today.AddDays(9) });
            db.Processes.Add(created);
            var mobility = new Web.Kernel.Processes.Theme { ProcessId = created.Id, Name = "Mobilités", Position = 0 };
            db.Themes.Add(mobility);
            Proposal Written(string body, Guid? themeId) => new()
            {
                OrganisationId = app.World.OrganisationId, ProcessId = created.Id, AuthorId = author.Id, Title = "Transport", Body = body, ThemeId = themeId,
            };
            var left = Written("Plus de bus le soir vers la gare, s'il vous plaît.", null);
            db.Proposals.AddRange(Written("Des bus plus tard le soir pour rentrer du travail.", mobility.Id),
                Written("Un bus toutes les dix minutes le soir vers la gare.", mobility.Id), left);
            await db.SaveChangesAsync();
            return (created, mobility, left);
        });

        var analyst = await app.CreatePersonAsync("Analyste des thèmes", Role.Analyst);
        var page = await app.NewPageAsync();
        await SignInAsync(page, analyst.Email!);
        await page.GotoAsync($"/contributions/{unthemed.Id}");
        Assert.False(await page.IsCheckedAsync($"#theme-{theme.Id}"));
        await app.AssertAccessibleAsync(page);
        await Infrastructure.BrowserApp.ClickToAsync(page, page.Locator("section#themes a"), new Regex($"/processes/{process.Slug}/theme-suggestions$"));
        Assert.Contains("Mobilités", await page.Locator("ol.card-list h3").TextContentAsync(), StringComparison.Ordinal);
        await app.AssertAccessibleAsync(page);

        // With the keyboard alone: the theme is given, and the contribution's page says so.
        await page.GetByRole(AriaRole.Button, new() { Name = "Donner ce thème" }).FocusAsync();
        await Infrastructure.BrowserApp.ForNewPageAsync(page, () => page.Keyboard.PressAsync("Enter"));
        await page.Locator("[role=status]").WaitForAsync();
        Assert.Equal(0, await page.Locator("ol.card-list > li").CountAsync());
        await page.GotoAsync($"/contributions/{unthemed.Id}");
        Assert.True(await page.IsCheckedAsync($"#theme-{theme.Id}"));
        Assert.True(await app.WithDatabaseAsync(db => db.ContributionThemes.AnyAsync(t => t.ContributionId == unthemed.Id && t.ThemeId == theme.Id)));
    }
}
