using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Web.Kernel.People;

namespace Parvis.Tests.Browser;

public sealed partial class JourneyTests
{
    [Fact]
    public async Task On_a_phone_a_participant_signs_the_demo_petition_by_keyboard_and_staff_count_a_paper_sheet()
    {
        var (buses, benches) = await app.WithDatabaseAsync(async db => (
            await db.Petitions.Where(p => p.Stage == PetitionStage.Signing).Select(p => p.Id).FirstAsync(),
            await db.Petitions.Where(p => p.Stage == PetitionStage.Answered).Select(p => p.Id).FirstAsync()));
        var person = await app.CreatePersonAsync("Signataire au téléphone");
        var phone = await app.NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        await SignInAsync(phone, person.Email!);
        await phone.GotoAsync($"/processes/{app.World.ProcessSlug}/petitions");
        await app.AssertAccessibleAsync(phone);
        await Infrastructure.BrowserApp.ClickForNewPageAsync(phone, phone.GetByRole(AriaRole.Link, new() { Name = "Des bus le soir à l'arrivée des bateaux" }));
        await app.AssertAccessibleAsync(phone);
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the petition is wider than the phone");

        // The box to appear on the list, then the button, by keyboard only.
        await phone.FocusAsync("#Shown");
        await phone.Keyboard.PressAsync("Space");
        await phone.Keyboard.PressAsync("Tab");
        Assert.True(await phone.EvaluateAsync<bool>("() => document.activeElement?.textContent?.trim() === 'Signer la pétition'"));
        await phone.Keyboard.PressAsync("Enter");
        await phone.WaitForSelectorAsync("text=Votre signature est enregistrée");
        Assert.Contains("Vous avez signé", await phone.TextContentAsync("main"), StringComparison.Ordinal);
        Assert.Contains("Signataire au téléphone", await phone.TextContentAsync("section[aria-labelledby=signatures] ul"), StringComparison.Ordinal);
        await phone.GotoAsync($"/petitions/{buses}/sheet?number=2");
        await app.AssertAccessibleAsync(phone);
        await phone.GotoAsync($"/petitions/{benches}");
        Assert.Contains("La réplique du comité", await phone.TextContentAsync("main"), StringComparison.Ordinal);
        await app.AssertAccessibleAsync(phone);
        await phone.GotoAsync($"/processes/{app.World.ProcessSlug}/petitions/new");
        await app.AssertAccessibleAsync(phone);

        // Staff count a returned sheet; the total on the petition counts it.
        var manager = await app.CreatePersonAsync("Responsable des pétitions", Role.ProcessManager);
        var page = await app.NewPageAsync();
        await SignInAsync(page, manager.Email!);
        await page.GotoAsync($"/admin/processes/{app.World.ProcessId}/petitions");
        await app.AssertAccessibleAsync(page);
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Des bus le soir à l'arrivée des bateaux" }));
        await app.AssertAccessibleAsync(page);
        await page.FillAsync("#SheetSignatures", "12");
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Compter cette feuille" }));
        await page.WaitForSelectorAsync("text=Feuille comptée");
        Assert.Equal(36, await app.WithDatabaseAsync(db => db.SignatureSheets.Where(s => s.PetitionId == buses).SumAsync(s => s.Signatures)));
        await page.GotoAsync($"/admin/petitions/{benches}");
        await app.AssertAccessibleAsync(page);
    }
}
