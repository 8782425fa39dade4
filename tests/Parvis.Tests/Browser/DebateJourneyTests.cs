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
    }
}
