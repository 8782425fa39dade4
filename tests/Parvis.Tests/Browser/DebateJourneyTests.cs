using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Web.Kernel.People;

namespace Parvis.Tests.Browser;

public sealed partial class JourneyTests
{
    [Fact]
    public async Task On_a_phone_a_participant_reads_the_demo_debate_adds_an_argument_by_keyboard_and_supports_one()
    {
        var (open, closed) = await app.WithDatabaseAsync(async db => (
            await db.Debates.Where(d => d.ClosedAt == null).Select(d => d.Id).FirstAsync(),
            await db.Debates.Where(d => d.ClosedAt != null).Select(d => d.Id).FirstAsync()));
        var person = await app.CreatePersonAsync("Débatteuse au téléphone");
        var phone = await app.NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        await SignInAsync(phone, person.Email!);
        await phone.GotoAsync($"/processes/{app.World.ProcessSlug}/debates");
        await app.AssertAccessibleAsync(phone);
        await phone.GotoAsync($"/debates/{open}");
        await app.AssertAccessibleAsync(phone);
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the debate is wider than the phone");
        // On a phone the columns stand one under the other.
        Assert.True(await phone.EvaluateAsync<bool>(
            "() => document.querySelector('[aria-labelledby=side-Against]').getBoundingClientRect().top > document.querySelector('[aria-labelledby=side-For]').getBoundingClientRect().bottom"));

        // The argument by keyboard only: the side, the title, the text, then the button.
        await phone.FocusAsync("#Side-Against");
        await phone.Keyboard.PressAsync("Space");
        await phone.Keyboard.PressAsync("Tab");
        await phone.Keyboard.TypeAsync("Les démarches sans ordinateur");
        await phone.Keyboard.PressAsync("Tab");
        await phone.Keyboard.TypeAsync("Ma voisine n'a pas d'ordinateur et la mairie ne reçoit plus que sur rendez-vous en ligne.");
        await phone.Keyboard.PressAsync("Tab");
        Assert.True(await phone.EvaluateAsync<bool>("() => document.activeElement?.textContent?.trim() === 'Publier l\\'argument'"));
        await phone.Keyboard.PressAsync("Enter");
        await phone.WaitForSelectorAsync("text=Votre argument est publié");
        Assert.Contains("Les démarches sans ordinateur", await phone.TextContentAsync("section[aria-labelledby=side-Against]"), StringComparison.Ordinal);

        var first = await app.WithDatabaseAsync(db => db.Arguments.Where(a => a.DebateId == open && a.Invited == "").OrderByDescending(a => a.Supports).FirstAsync());
        await Infrastructure.BrowserApp.ClickForNewPageAsync(phone, phone.Locator($"#argument-{first.Id} > form button"));
        await phone.WaitForSelectorAsync("text=Votre soutien est enregistré");
        Assert.Equal(first.Supports + 1, await app.WithDatabaseAsync(db => db.Arguments.Where(a => a.Id == first.Id).Select(a => a.Supports).SingleAsync()));
        await phone.GotoAsync($"/debates/{closed}");
        Assert.Contains("Points d'accord", await phone.TextContentAsync("section[aria-labelledby=record]"), StringComparison.Ordinal);
        await app.AssertAccessibleAsync(phone);

        var manager = await app.CreatePersonAsync("Responsable des débats", Role.ProcessManager);
        var page = await app.NewPageAsync();
        await SignInAsync(page, manager.Email!);
        await page.GotoAsync($"/admin/processes/{app.World.ProcessId}/debates");
        await app.AssertAccessibleAsync(page);
        await page.GotoAsync($"/admin/debates/{open}");
        await app.AssertAccessibleAsync(page);

        // Moderation hides the debate with its reason: the participant reads why, and nothing of it; then it is shown again.
        await page.GotoAsync($"/debates/{open}");
        await page.ClickAsync("form[action*='handler=Moderate'] button");
        await page.WaitForSelectorAsync("#ModerationReason-error");
        await app.AssertAccessibleAsync(page);
        await page.FillAsync("#ModerationReason", "Essai de la modération des débats.");
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.Locator("form[action*='handler=Moderate'] button"));
        await page.WaitForSelectorAsync("text=Le débat est masqué");
        Assert.Contains("masqué par la modération", await page.TextContentAsync("main .alert:not([role=status])") ?? "", StringComparison.Ordinal);
        await app.AssertAccessibleAsync(page);
        await phone.GotoAsync($"/debates/{open}");
        Assert.Equal("Débat masqué par la modération", (await phone.TextContentAsync("h1"))?.Trim());
        await app.AssertAccessibleAsync(phone);
        await page.FillAsync("#ModerationReason", "Fin de l'essai.");
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.Locator("form[action*='handler=Moderate'] button"));
        await page.WaitForSelectorAsync("text=de nouveau visible");
        Assert.Null(await app.WithDatabaseAsync(db => db.Debates.Where(d => d.Id == open).Select(d => d.HiddenAt).SingleAsync()));
    }
}
