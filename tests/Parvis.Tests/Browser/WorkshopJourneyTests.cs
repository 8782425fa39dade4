using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Web.Kernel.People;

namespace Parvis.Tests.Browser;

public sealed partial class JourneyTests
{
    [Fact]
    public async Task A_facilitator_runs_a_two_group_workshop_a_phone_joins_by_code_and_the_wall_shows_everything()
    {
        // Preparing: from the HTD template, down to two groups.
        var manager = await app.CreatePersonAsync("Pilote des ateliers", Role.ProcessManager);
        var desk = await app.NewPageAsync();
        await SignInAsync(desk, manager.Email!);
        await desk.GotoAsync($"/processes/{app.World.ProcessSlug}/workshops");
        await app.AssertAccessibleAsync(desk);
        await desk.FillAsync("#Title", "Atelier citoyenneté numérique");
        await desk.FillAsync("#Place", "Café la Ziv, Hennebont");
        await desk.ClickAsync("main form button[type=submit]");
        await desk.WaitForURLAsync(new Regex("/workshops/[0-9a-f-]{36}/edit$"));
        await app.AssertAccessibleAsync(desk);
        await desk.FillAsync("#Groups_2__Name", "");
        await desk.FillAsync("#Groups_3__Name", "");
        await desk.ClickAsync("main form button[type=submit]");
        await desk.WaitForURLAsync(new Regex("/workshops/[0-9a-f-]{36}$"));
        await app.AssertAccessibleAsync(desk);
        var workshop = await app.WithDatabaseAsync(db => db.Workshops.Include(w => w.Groups).SingleAsync(w => w.Title == "Atelier citoyenneté numérique"));
        Assert.Equal(2, workshop.Groups.Count);

        // Time 1 at table 1, typed by the facilitator, keyboard only: type, Enter, type again.
        var facilitator = await app.CreatePersonAsync("Animatrice de table", Role.Facilitator);
        var console = await app.NewPageAsync();
        await SignInAsync(console, facilitator.Email!);
        await console.GotoAsync($"/workshops/{workshop.Id}/console");
        await app.AssertAccessibleAsync(console);
        await console.GetByRole(AriaRole.Button, new() { Name = "Lancer : Temps 1" }).ClickAsync();
        await console.Locator(".countdown").WaitForAsync();
        await Expect(console.Locator(".countdown")).ToHaveTextAsync(new Regex("^(29|30):[0-5][0-9]$"));
        await console.Locator("#ItemText").FillAsync("Les démarches en ligne obligatoires");
        // The page still shows "time started" in its status: wait for the next page, not for a status.
        await Infrastructure.BrowserApp.ForNewPageAsync(console, () => console.Locator("#ItemText").PressAsync("Enter"));
        await Expect(console.Locator("[role=status]")).ToHaveTextAsync("C'est noté.");
        Assert.True(await console.EvaluateAsync<bool>("() => document.activeElement?.id === 'ItemText'"));
        await console.Keyboard.TypeAsync("La fracture numérique des personnes âgées");
        await console.Keyboard.PressAsync("Enter");
        await console.Locator(".console-items .item-text", new() { HasText = "La fracture numérique" }).WaitForAsync();
        await app.AssertAccessibleAsync(console);

        // A participant at table 2, on a phone, with the code and no account.
        var phone = await app.NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        await phone.GotoAsync("/w");
        await app.AssertAccessibleAsync(phone);
        await phone.FillAsync("#Code", workshop.JoinCode.ToLowerInvariant());
        await phone.ClickAsync("main form button[type=submit]");
        await phone.SelectOptionAsync("#Group", new SelectOptionValue { Label = workshop.Groups.OrderBy(g => g.Position).Last().Name });
        await phone.ClickAsync("main form button[type=submit]");
        await app.AssertAccessibleAsync(phone);
        await phone.FillAsync("#ItemText", "Les fausses informations sur les réseaux");
        await phone.ClickAsync("main form button[type=submit]");
        await Expect(phone.Locator("[role=status]")).ToContainTextAsync("ajouté à votre table");
        Assert.Contains("Les fausses informations sur les réseaux", await phone.TextContentAsync("#added"), StringComparison.Ordinal);

        // Time 2: an action for the first concern; time 3: a resource and who could carry it.
        await console.GetByRole(AriaRole.Button, new() { Name = "Lancer : Temps 2" }).ClickAsync();
        await console.SelectOptionAsync("#ParentId", new SelectOptionValue { Label = "Les démarches en ligne obligatoires" });
        await console.FillAsync("#ItemText", "Des permanences d'aide dans les mairies");
        await console.PressAsync("#ItemText", "Enter");
        await console.Locator(".console-items .item-text", new() { HasText = "Des permanences d'aide" }).WaitForAsync();
        await console.GetByRole(AriaRole.Button, new() { Name = "Lancer : Temps 3" }).ClickAsync();
        await console.SelectOptionAsync("#ParentId", new SelectOptionValue { Label = "Des permanences d'aide dans les mairies" });
        await console.FillAsync("#ItemText", "Les conseillers et les conseillères numériques");
        await console.CheckAsync("#status-Existing");
        await console.FillAsync("#Actor", "France Services");
        await console.ClickAsync("#entry button[type=submit]");
        await console.Locator(".console-items .actor", new() { HasText = "France Services" }).WaitForAsync();
        await app.AssertAccessibleAsync(console);

        // The wall gathers both tables in one place and follows what is added while it is shown.
        var wall = await app.NewPageAsync();
        await wall.GotoAsync($"/workshops/{workshop.Id}/wall");
        var board = wall.Locator(".wall-groups");
        foreach (var text in new[] { "Les démarches en ligne obligatoires", "Les fausses informations sur les réseaux", "Des permanences d'aide dans les mairies", "France Services" })
        {
            await Expect(board).ToContainTextAsync(text);
        }
        await Expect(wall.Locator(".join-code")).ToHaveTextAsync(workshop.JoinCode);
        await app.AssertAccessibleAsync(wall);
        await console.SelectOptionAsync("#ParentId", new SelectOptionValue { Label = "Des permanences d'aide dans les mairies" });
        await console.FillAsync("#ItemText", "Un annuaire des lieux d'aide");
        await console.ClickAsync("#entry button[type=submit]");
        await Expect(board).ToContainTextAsync("Un annuaire des lieux d'aide", new() { Timeout = 15_000 });
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
