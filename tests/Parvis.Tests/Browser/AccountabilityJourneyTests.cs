using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Web.Kernel.People;

namespace Parvis.Tests.Browser;

public sealed partial class JourneyTests
{
    [Fact]
    public async Task An_analyst_builds_the_synthesis_and_a_grid_and_the_author_follows_the_fate_of_their_proposal()
    {
        var author = await app.CreatePersonAsync("Autrice suivie");
        var proposal = await app.WithDatabaseAsync(async db =>
        {
            var mine = new Proposal { OrganisationId = app.World.OrganisationId, ProcessId = app.World.ProcessId, AuthorId = author.Id, Title = "Un atelier numérique à la médiathèque", Body = "Pour les personnes éloignées du numérique.",
                // The oldest awaiting a fate: the list, oldest first, shows it on its first page whatever the demo holds.
                CreatedAt = DateTimeOffset.UtcNow.AddYears(-1) };
            db.Proposals.Add(mine);
            await db.SaveChangesAsync();
            return mine;
        });

        var analyst = await app.CreatePersonAsync("Analyste du conseil", Role.Analyst);
        var page = await app.NewPageAsync();
        await SignInAsync(page, analyst.Email!);
        await page.GotoAsync($"/processes/{app.World.ProcessSlug}/synthesis");
        await page.ClickAsync("main form button[type=submit]");
        Assert.Equal(1, await page.Locator("#Input_Title-error").CountAsync());
        await app.AssertAccessibleAsync(page);
        await page.SelectOptionAsync("#Input_Kind", "Recommendation");
        await page.FillAsync("#Input_Title", "Accompagner les personnes éloignées du numérique");
        await page.FillAsync("#Input_Body", "Des médiateurs et des médiatrices dans chaque commune.");
        await page.ClickAsync("main form button[type=submit]");
        await page.Locator("[role=status]").WaitForAsync();
        Assert.Contains("Accompagner les personnes éloignées du numérique", await page.TextContentAsync("section[aria-labelledby=kind-Recommendation]"), StringComparison.Ordinal);
        await app.AssertAccessibleAsync(page);

        await page.GotoAsync($"/processes/{app.World.ProcessSlug}/fates?show=none");
        await app.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = proposal.Title, Exact = false }).ClickAsync();
        await page.CheckAsync("#fate-NotRetained");
        await page.ClickAsync("section[aria-labelledby=decide] button[type=submit]");
        Assert.Equal(1, await page.Locator("#Explanation-error").CountAsync());
        await app.AssertAccessibleAsync(page);
        await page.CheckAsync("#fate-Retained");
        await page.SelectOptionAsync("#SynthesisItemId", new SelectOptionValue { Label = "Recommandation : Accompagner les personnes éloignées du numérique" });
        // Back to the list of contributions still without a fate, which no longer holds this one.
        await Infrastructure.BrowserApp.ClickToAsync(page, page.Locator("section[aria-labelledby=decide] button[type=submit]"), new Regex("fates\\?show=none"));
        Assert.DoesNotContain(proposal.Title, await page.TextContentAsync("main") ?? "", StringComparison.Ordinal);

        // The Grand Nancy grid: ISO 26000 crossed with the SNDD, offered by default.
        await page.GotoAsync($"/processes/{app.World.ProcessSlug}/grids");
        await app.AssertAccessibleAsync(page);
        await page.FillAsync("#Title", "Le numérique au regard de l'ISO 26000 et de la SNDD");
        await Infrastructure.BrowserApp.ClickToAsync(page, page.Locator("main form button[type=submit]"), new Regex("/grids/"));
        await page.SelectOptionAsync("#Subject", new SelectOptionValue { Label = "Recommandation : Accompagner les personnes éloignées du numérique" });
        await page.SelectOptionAsync("#RowEntryId", new SelectOptionValue { Label = "Communautés et développement local" });
        await page.SelectOptionAsync("#ColumnEntryId", new SelectOptionValue { Label = "Démographie, immigration et inclusion sociale" });
        await page.CheckAsync("#sign-Strength");
        await page.ClickAsync("section[aria-labelledby=coding] button[type=submit]");
        await page.Locator("td[data-row=COMM][data-column=DEMO] svg.bars").WaitForAsync();
        Assert.Equal("1", await page.TextContentAsync("table.grid-data tr[data-row=COMM] td.strengths"));
        await app.AssertAccessibleAsync(page);
        // Results tracking: the demo recommendation's public follow-up, and a dated update.
        var carpool = await app.WithDatabaseAsync(db => db.SynthesisItems.FirstAsync(i => i.Title.StartsWith("Un covoiturage local")));
        await page.GotoAsync($"/processes/{app.World.ProcessSlug}/results");
        await app.AssertAccessibleAsync(page);
        await page.GotoAsync($"/synthesis/{carpool.Id}/update");
        await page.FillAsync("#Progress", "150");
        await page.FillAsync("#Note", "Une application est en test.");
        await page.ClickAsync("main form button[type=submit]");
        Assert.Equal(1, await page.Locator("#Progress-error").CountAsync());
        Assert.Equal("Une application est en test.", await page.InputValueAsync("#Note"));
        await app.AssertAccessibleAsync(page);
        // The accessibility check reloads the page in both languages, so the form is filled again.
        await page.FillAsync("#Note", "Une application est en test.");
        await page.FillAsync("#Progress", "45");
        await Infrastructure.BrowserApp.ClickToAsync(page, page.Locator("main form button[type=submit]"), new Regex($"/synthesis/{carpool.Id}(#tracking)?$"));
        Assert.Contains("45 % réalisé", await page.TextContentAsync("section[aria-labelledby=tracking]"), StringComparison.Ordinal);
        await app.AssertAccessibleAsync(page);
        await page.GotoAsync("/frameworks/import");
        await page.ClickAsync("main form button[type=submit]");
        Assert.Equal(1, await page.Locator("#file-error").CountAsync());
        await app.AssertAccessibleAsync(page);

        var reader = await app.NewPageAsync();
        await SignInAsync(reader, author.Email!);
        await reader.GotoAsync("/account");
        await reader.GetByRole(AriaRole.Link, new() { Name = "Voir ce que sont devenues mes contributions" }).ClickAsync();
        Assert.Contains("Retenue dans la synthèse", await reader.TextContentAsync(".contribution-list li"), StringComparison.Ordinal);
        await app.AssertAccessibleAsync(reader);
        await reader.GetByRole(AriaRole.Link, new() { Name = proposal.Title, Exact = false }).ClickAsync();
        await app.AssertAccessibleAsync(reader);
        await reader.GetByRole(AriaRole.Link, new() { Name = "Accompagner les personnes éloignées du numérique" }).ClickAsync();
        Assert.Contains(proposal.Title, await reader.TextContentAsync(".contribution-list"), StringComparison.Ordinal);
        await app.AssertAccessibleAsync(reader);

        var manager = await app.CreatePersonAsync("Responsable de la démarche", Role.ProcessManager);
        var desk = await app.NewPageAsync();
        await SignInAsync(desk, manager.Email!);
        await desk.GotoAsync($"/admin/processes/{app.World.ProcessId}/close");
        await app.AssertAccessibleAsync(desk);
        await desk.ClickAsync("main form button[type=submit]");
        Assert.Equal(1, await desk.Locator("#leave-error").CountAsync());
        await app.AssertAccessibleAsync(desk);

        // The council's report: its texts written by the organisation, then the printable page.
        await desk.GotoAsync($"/admin/processes/{app.World.ProcessId}/report");
        await app.AssertAccessibleAsync(desk);
        await desk.FillAsync("#Introduction", "Le Conseil de développement a écouté les habitants et les habitantes du Pays de Lorient.");
        await Infrastructure.BrowserApp.ClickToAsync(desk, desk.Locator("main form button[type=submit]"), new Regex($"/processes/{app.World.ProcessSlug}/report$"));
        Assert.Contains("a écouté les habitants", await desk.TextContentAsync("article.report"), StringComparison.Ordinal);
        Assert.Equal(14, await desk.Locator("h2.report-section").CountAsync());
        await app.AssertAccessibleAsync(desk);
    }
}
