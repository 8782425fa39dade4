using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Parvis.Tests.Browser;

public sealed partial class JourneyTests
{
    [Fact]
    public async Task Three_participants_vote_without_javascript_and_see_groups_appear()
    {
        var mapId = await app.WithDatabaseAsync(async db =>
        {
            var process = await db.Processes.Include(p => p.Phases).FirstAsync(p => p.Id == app.World.ProcessId);
            var phase = process.CurrentPhase(DateOnly.FromDateTime(DateTime.Now))!;
            var map = new OpinionMap { OrganisationId = process.OrganisationId, ProcessId = process.Id, ComponentId = process.Component(OpinionMapsModule.Key)!.Id, PhaseId = phase.Id, Question = "Quel avenir pour le centre-ville ?" };
            db.OpinionMaps.Add(map);
            for (var number = 0; number < 8; number++)
            {
                db.Statements.Add(new Statement
                {
                    OrganisationId = process.OrganisationId, ProcessId = process.Id, OpinionMapId = map.Id, Number = number,
                    Text = $"Affirmation numéro {number} sur le centre-ville", PublishedAt = DateTimeOffset.UtcNow,
                });
            }
            await db.SaveChangesAsync();
            return map.Id;
        });

        // Two people vote alike, the third the opposite way.
        IPage? last = null;
        for (var voter = 0; voter < 3; voter++)
        {
            var person = await app.CreatePersonAsync($"Votant {voter}");
            var page = await app.NewPageAsync();
            await SignInAsync(page, person.Email!);
            await page.GotoAsync($"/maps/{mapId}/vote");
            await app.AssertAccessibleAsync(page);
            for (var vote = 0; vote < 8; vote++)
            {
                var statement = await page.TextContentAsync("form.vote q");
                var number = int.Parse(Regex.Match(statement!, @"\d+").Value, System.Globalization.CultureInfo.InvariantCulture);
                var label = (number % 2 == 0) == (voter < 2) ? "D'accord" : "Pas d'accord";
                await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.GetByRole(AriaRole.Button, new() { Name = label, Exact = true }));
                if (vote < 7)
                {
                    // One Tab after a vote reaches the next statement's first answer.
                    await page.Keyboard.PressAsync("Tab");
                    Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement?.matches('form.vote button[value=\"1\"]') === true"),
                        await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML ?? 'nothing'"));
                }
            }
            Assert.Contains("toutes les affirmations", await page.TextContentAsync("main"), StringComparison.Ordinal);
            last = page;
        }

        // The recomputation runs in the background: the map shows the groups within seconds.
        for (var attempt = 0; attempt < 40; attempt++)
        {
            await last!.GotoAsync($"/maps/{mapId}");
            if ((await last.TextContentAsync("main"))!.Contains("Vous êtes dans le groupe", StringComparison.Ordinal))
            {
                break;
            }
            await Task.Delay(250);
        }
        var main = await last!.TextContentAsync("main");
        Assert.Contains("Vous êtes dans le groupe", main, StringComparison.Ordinal);
        Assert.Contains("Groupe B", main, StringComparison.Ordinal);
        Assert.Equal(1, await last.Locator("svg circle.you").CountAsync());
        await app.AssertAccessibleAsync(last);
        await last.GotoAsync($"/maps/{mapId}/method");
        Assert.Contains("Silhouette", await last.TextContentAsync("main"), StringComparison.Ordinal);
        await app.AssertAccessibleAsync(last);
    }
}
