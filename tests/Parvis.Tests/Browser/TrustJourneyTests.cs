using System.Text.RegularExpressions;
using Parvis.Tests.Infrastructure;

namespace Parvis.Tests.Browser;

public sealed partial class JourneyTests
{
    [Fact]
    public async Task A_person_turns_on_two_step_verification_sees_their_sessions_and_signs_in_with_a_code()
    {
        var person = await app.CreatePersonAsync("Prudente du clavier");
        var page = await app.NewPageAsync();
        await SignInAsync(page, person.Email!);
        await page.GotoAsync("/account");
        await Expect(page.Locator("#sessions ~ table tbody tr")).ToHaveCountAsync(1);
        await app.AssertAccessibleAsync(page);

        await page.GotoAsync("/account/two-factor");
        await app.AssertAccessibleAsync(page);
        var key = await page.Locator("#key").InnerTextAsync();
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.Locator("main form button[type=submit]"));
        var message = await app.Mail.WaitForAsync(person.Email!, m => m.Subject?.Contains("activer la vérification", StringComparison.Ordinal) == true);
        var emailCode = Regex.Match(message.TextBody!, @"\b[0-9]{6}\b").Value;
        await page.FillAsync("#EmailCode", emailCode);
        await page.FillAsync("#Code", "000000");
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.Locator("main form button[type=submit]"));
        await Expect(page.Locator("#Code-error")).ToContainTextAsync("n'est pas le bon");
        await app.AssertAccessibleAsync(page);
        // The check came back to the page as it opens: the code is asked for again (the one received still holds).
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.Locator("main form button[type=submit]"));
        await page.FillAsync("#EmailCode", emailCode);
        await page.FillAsync("#Code", Authenticators.Code(key));
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.Locator("main form button[type=submit]"));
        await Expect(page.Locator(".recovery-codes li")).ToHaveCountAsync(10);
        await app.AssertAccessibleAsync(page);

        var later = await app.NewPageAsync();
        await later.GotoAsync("/account/sign-in");
        await later.FillAsync("#Input_Email", person.Email!);
        await later.FillAsync("#Input_Password", ParvisApp.Password);
        await Infrastructure.BrowserApp.ClickToAsync(later, later.Locator("main button[type=submit]"), new Regex("/account/sign-in/second-step"));
        await app.AssertAccessibleAsync(later);
        await later.FillAsync("#Code", Authenticators.Code(key));
        await Infrastructure.BrowserApp.ForNewPageAsync(later, () => later.Keyboard.PressAsync("Enter"));
        Assert.Equal(app.BaseUrl + "/", later.Url);
        await later.GotoAsync("/account");
        // The first browser's session, which turned it on, and this one.
        await Expect(later.Locator("#sessions ~ table tbody tr")).ToHaveCountAsync(2);
    }
}
