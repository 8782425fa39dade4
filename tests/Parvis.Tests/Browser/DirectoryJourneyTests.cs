using Parvis.Web.Kernel.People;

namespace Parvis.Tests.Browser;

public sealed partial class JourneyTests
{
    [Fact]
    public async Task A_visitor_finds_a_mediation_place_in_the_list_and_on_the_map_by_keyboard_from_this_server_alone()
    {
        var page = await app.NewPageAsync();
        var elsewhere = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(app.BaseUrl + "/", StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                elsewhere.Add(request.Url);
            }
        };
        var list = $"/processes/{app.World.ProcessSlug}/directory";
        await page.GotoAsync($"/processes/{app.World.ProcessSlug}");
        await TabToAsync(page, $"a[href='{list}']");
        await Infrastructure.BrowserApp.ForNewPageAsync(page, () => page.Keyboard.PressAsync("Enter"));
        Assert.EndsWith(list, page.Url, StringComparison.Ordinal);
        await app.AssertAccessibleAsync(page);

        // The search is a form sent by the keyboard: words without accents, and the kind.
        await TabToAsync(page, "#q");
        await page.Keyboard.TypeAsync("mediatheque");
        await TabToAsync(page, "#kind");
        await page.SelectOptionAsync("#kind", "MediationPlace");
        await TabToAsync(page, "form.filters button[type=submit]");
        await Infrastructure.BrowserApp.ForNewPageAsync(page, () => page.Keyboard.PressAsync("Enter"));
        Assert.Equal(["Espace numérique de la médiathèque"], (await page.Locator("ul.card-list h3").AllTextContentsAsync()).Select(t => t.Trim()));
        await app.AssertAccessibleAsync(page);

        // The same search on the map: its point is a link the keyboard reaches, and leads to the entry.
        await TabToAsync(page, "a[href*='/directory/map']");
        await Infrastructure.BrowserApp.ForNewPageAsync(page, () => page.Keyboard.PressAsync("Enter"));
        Assert.Contains("kind=MediationPlace", page.Url, StringComparison.Ordinal);
        Assert.True(await page.Locator("figure.map svg .areas path").CountAsync() > 0);
        await app.AssertAccessibleAsync(page);
        await TabToAsync(page, ".territory-map .points a");
        Assert.Contains("médiathèque", await page.EvaluateAsync<string>("() => document.activeElement.querySelector('title').textContent"), StringComparison.Ordinal);
        await Infrastructure.BrowserApp.ForNewPageAsync(page, () => page.Keyboard.PressAsync("Enter"));
        Assert.Equal("Espace numérique de la médiathèque", (await page.TextContentAsync("h1"))?.Trim());
        Assert.Contains("Boucle magnétique", await page.TextContentAsync("dl.facts"), StringComparison.Ordinal);
        await app.AssertAccessibleAsync(page);

        // The printed map and its legend, then the entry's history.
        await page.GotoAsync($"{list}/print");
        Assert.True(await page.Locator("table.legend tbody tr").CountAsync() >= 5);
        await app.AssertAccessibleAsync(page);
        Assert.Empty(elsewhere);
    }

    [Fact]
    public async Task A_participant_proposes_a_change_and_staff_check_it_against_the_entry()
    {
        var participant = await app.CreatePersonAsync("Habitante qui corrige");
        var admin = await app.CreatePersonAsync("Administrateur annuaire", Role.Administrator);
        var page = await app.NewPageAsync();
        await SignInAsync(page, participant.Email!);
        await page.GotoAsync($"/processes/{app.World.ProcessSlug}/directory?q=Groix");
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.Locator("ul.card-list h3 a"));
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.Locator("section[aria-labelledby=change] a.button"));
        await app.AssertAccessibleAsync(page);
        await page.FillAsync("#Input_OpeningHours", "Samedi matin et mercredi après-midi");
        await page.FillAsync("#Input_Website", "ftp://passeurs.example");
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.Locator("main form button[type=submit]"));
        Assert.Equal(1, await page.Locator("#Input_Website-error").CountAsync());
        Assert.Equal("Samedi matin et mercredi après-midi", await page.InputValueAsync("#Input_OpeningHours"));
        // Checking the page in English and back loaded the form afresh.
        await app.AssertAccessibleAsync(page);
        await page.FillAsync("#Input_OpeningHours", "Samedi matin et mercredi après-midi");
        await page.FillAsync("#Input_Website", "https://passeurs.example");
        await page.FillAsync("#Input_Note", "Affiché sur la porte du local.");
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.Locator("main form button[type=submit]"));
        Assert.Contains("attend la vérification", await page.TextContentAsync("section[aria-labelledby=change]"), StringComparison.Ordinal);

        var staff = await app.NewPageAsync();
        await SignInAsync(staff, admin.Email!);
        await staff.GotoAsync($"/admin/processes/{app.World.ProcessId}/directory");
        await app.AssertAccessibleAsync(staff);
        await Infrastructure.BrowserApp.ClickForNewPageAsync(staff, staff.Locator("section[aria-labelledby=waiting] tbody tr", new() { HasText = "Affiché sur la porte" }).Locator("a"));
        Assert.Contains("Samedi matin et mercredi après-midi", string.Join(" ", await staff.Locator("tbody tr.changed").AllTextContentsAsync()), StringComparison.Ordinal);
        await app.AssertAccessibleAsync(staff);
        await Infrastructure.BrowserApp.ClickForNewPageAsync(staff, staff.Locator("form[action*='handler=Accept'] button"));
        await staff.GotoAsync("/admin/territory");
        Assert.True(await staff.Locator("figure.map svg .areas path").CountAsync() > 0);
        await app.AssertAccessibleAsync(staff);

        // Staff give the maps a background from a vector-tile archive: drawn under the territory, its source said.
        await staff.SetInputFilesAsync("#basemap", new Microsoft.Playwright.FilePayload { Name = "lorient.pmtiles", MimeType = "application/octet-stream", Buffer = Infrastructure.CraftedBasemap.PmTiles() });
        await Infrastructure.BrowserApp.ClickForNewPageAsync(staff, staff.Locator("form[action*='handler=Basemap'] button[type=submit]"));
        Assert.Contains("Fond de carte importé", await staff.Locator(".notice").Last.TextContentAsync(), StringComparison.Ordinal);
        Assert.True(await staff.Locator("figure.map svg g.basemap path.water").CountAsync() > 0);
        Assert.Contains("OpenStreetMap", await staff.TextContentAsync("figure.map .map-attribution"), StringComparison.Ordinal);
        await app.AssertAccessibleAsync(staff);
        await staff.GotoAsync($"/processes/{app.World.ProcessSlug}/directory/map");
        Assert.True(await staff.Locator("figure.map svg g.basemap path").CountAsync() > 0);
        await app.AssertAccessibleAsync(staff);

        await page.ReloadAsync();
        Assert.Contains("mercredi après-midi", await page.TextContentAsync("dl.facts"), StringComparison.Ordinal);
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.Locator("dl.facts a[href$='/history']"));
        Assert.Contains("Horaires", await page.TextContentAsync("ol.card-list > li"), StringComparison.Ordinal);
        await app.AssertAccessibleAsync(page);
    }
}
