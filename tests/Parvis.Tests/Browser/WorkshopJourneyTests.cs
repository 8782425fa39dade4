using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Web.Kernel.Contributions;
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
        await Infrastructure.BrowserApp.ClickToAsync(desk, desk.Locator("main form button[type=submit]"), new Regex("/workshops/[0-9a-f-]{36}/edit$"));
        await app.AssertAccessibleAsync(desk);
        await desk.FillAsync("#Groups_2__Name", "");
        await desk.FillAsync("#Groups_3__Name", "");
        await Infrastructure.BrowserApp.ClickToAsync(desk, desk.Locator("main form button[type=submit]"), new Regex("/workshops/[0-9a-f-]{36}$"));
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

    [Fact]
    public async Task The_wall_fills_a_projector_screen_without_scrolling_and_shrinks_its_type_as_the_groups_fill()
    {
        var small = await WorkshopUnderWayAsync("Mur de deux tables", groups: 2, items: 8);
        var large = await WorkshopUnderWayAsync("Mur de quatre ateliers", groups: 4, items: 12);
        var wall = await app.NewPageAsync();
        // Without JavaScript the server's estimate of the type size is all the wall has: it must fit too.
        var still = await (await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, JavaScriptEnabled = false })).NewPageAsync();
        var type = new Dictionary<(Guid, int, bool), double>();
        foreach (var (width, height) in new[] { (1280, 800), (1920, 1080) })
        {
            foreach (var page in new[] { wall, still })
            {
                await page.SetViewportSizeAsync(width, height);
                foreach (var workshop in new[] { small, large })
                {
                    await page.GotoAsync($"/workshops/{workshop}/wall");
                    var seen = await MeasureAsync(page, scripted: page == wall);
                    var at = $"{width}x{height}, {(page == wall ? "script" : "no script")}, {seen}";
                    Assert.True(seen.Bottom <= height && seen.Right <= width, $"the wall runs off the screen at {at}");
                    Assert.True(seen.ScrollWidth <= width && seen.ScrollHeight <= height, $"the wall scrolls at {at}");
                    Assert.False(seen.SiteHeader, $"the site's header or footer shows at {at}");
                    Assert.True(seen.Qr >= .25 * height, $"the QR code is small at {at}");
                    type[(workshop, width, page == wall)] = seen.Type;
                }
            }
        }
        // Type as large as the room allows: the fuller wall has the smaller, and the screen's measure refines the estimate.
        Assert.True(type[(small, 1280, true)] > type[(large, 1280, true)]);
        Assert.True(type[(large, 1920, true)] >= type[(large, 1920, false)]);
        await app.AssertAccessibleAsync(wall);

        // On a phone the wall scrolls down, never sideways.
        var phone = await app.NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        await phone.GotoAsync($"/workshops/{large}/wall");
        Assert.True((await MeasureAsync(phone)).ScrollWidth <= 390);
        await phone.SetViewportSizeAsync(320, 640);
        Assert.True((await MeasureAsync(phone)).ScrollWidth <= 320);
    }

    private sealed record WallMeasure(double Bottom, double Right, double ScrollWidth, double ScrollHeight, bool SiteHeader, double Qr, double Type);

    /// <summary>Where the wall's furthest box ends, how far the page scrolls, the QR code's size and the groups' type, in CSS pixels.</summary>
    private static async Task<WallMeasure> MeasureAsync(IPage page, bool scripted = true)
    {
        if (scripted)
        {
            // Two frames: workshop.js measures on "resize", which the browser sends before the next frame.
            await page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");
        }
        var seen = await page.EvaluateAsync<JsonElement>("""
            () => {
              const boxes = [...document.querySelectorAll('.wall-board, .wall-board *')].map(e => e.getBoundingClientRect());
              const root = document.documentElement;
              return {
                bottom: Math.max(...boxes.map(b => b.bottom)), right: Math.max(...boxes.map(b => b.right)),
                scrollWidth: root.scrollWidth, scrollHeight: root.scrollHeight,
                siteHeader: document.querySelector('.site-header, .site-footer') !== null,
                qr: document.querySelector('.wall .qr').getBoundingClientRect().height,
                type: parseFloat(getComputedStyle(document.querySelector('.wall-groups li')).fontSize),
              };
            }
            """);
        double Number(string name) => seen.GetProperty(name).GetDouble();
        return new WallMeasure(Number("bottom"), Number("right"), Number("scrollWidth"), Number("scrollHeight"),
            seen.GetProperty("siteHeader").GetBoolean(), Number("qr"), Number("type"));
    }

    /// <summary>
    /// A workshop at its first time, written straight to the database, from the HTD template (long group names and
    /// questions) cut to that many groups: each holds that many items, taken in turn as a concern, an action for it and a
    /// resource for the action.
    /// </summary>
    private Task<Guid> WorkshopUnderWayAsync(string title, int groups, int items) => app.WithDatabaseAsync(async db =>
    {
        string[] texts =
        [
            "Les démarches administratives en ligne obligatoires", "Des permanences d'aide numérique dans chaque mairie",
            "Les conseillers et conseillères numériques de France Services", "La peur de se tromper en remplissant un formulaire",
            "Des ateliers entre générations à la médiathèque", "Un annuaire des lieux d'aide près de chez soi",
        ];
        var workshop = new Workshop
        {
            OrganisationId = app.World.OrganisationId, ProcessId = app.World.ProcessId, Title = title, JoinCode = await WorkshopCommands.NewCodeAsync(db),
        };
        WorkshopTemplates.Load("htd").CopyInto(workshop, "fr");
        workshop.Groups.RemoveRange(groups, workshop.Groups.Count - groups);
        (workshop.CurrentTimeId, workshop.TimeStartedAt) = (workshop.Times[0].Id, DateTimeOffset.UtcNow);
        db.Workshops.Add(workshop);
        foreach (var group in workshop.Groups)
        {
            var parents = new Guid?[3];
            for (var i = 0; i < items; i++)
            {
                var kind = (ItemKind)(i % 3);
                var item = new WorkshopItem
                {
                    OrganisationId = workshop.OrganisationId, ProcessId = workshop.ProcessId, WorkshopId = workshop.Id, GroupId = group.Id,
                    ItemKind = kind, ParentId = parents[(int)kind], Text = $"{texts[i % texts.Length]} ({i + 1})", Position = i,
                    Channel = Channel.Workshop, Origin = group.Name,
                    ResourceStatus = kind == ItemKind.Resource ? ResourceStatus.ToCreate : null, Actor = kind == ItemKind.Resource ? "La médiathèque" : null,
                };
                if (kind != ItemKind.Resource)
                {
                    parents[(int)kind + 1] = item.Id;
                }
                db.WorkshopItems.Add(item);
            }
        }
        await db.SaveChangesAsync();
        return workshop.Id;
    });

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
