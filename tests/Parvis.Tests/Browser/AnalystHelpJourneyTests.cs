using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Tests.Infrastructure;
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
}
