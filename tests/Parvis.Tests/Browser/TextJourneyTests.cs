using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Web.Kernel.People;

namespace Parvis.Tests.Browser;

public sealed partial class JourneyTests
{
    [Fact]
    public async Task On_a_phone_a_participant_votes_on_an_article_and_amends_it_then_staff_publish_a_version_a_visitor_compares()
    {
        var text = await app.WithDatabaseAsync(db => db.CollaborativeTexts.Where(t => t.Version > 0).FirstAsync());
        var article = await app.WithDatabaseAsync(db => db.TextArticles.Where(a => a.TextId == text.Id && a.Version == text.Version).OrderBy(a => a.Position).LastAsync());
        var person = await app.CreatePersonAsync("Amendeuse au téléphone");
        var phone = await app.NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        await SignInAsync(phone, person.Email!);
        await phone.GotoAsync($"/processes/{app.World.ProcessSlug}/texts");
        await app.AssertAccessibleAsync(phone);
        await phone.GotoAsync($"/texts/{text.Id}");
        await app.AssertAccessibleAsync(phone);
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the text is wider than the phone");
        await phone.GotoAsync($"/texts/{text.Id}/articles/{article.Id}");
        await app.AssertAccessibleAsync(phone);
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the article is wider than the phone");

        // The vote by keyboard only: the opinion, then the button.
        await phone.FocusAsync($"#vote-{article.Id}-Mixed");
        await phone.Keyboard.PressAsync("Space");
        await phone.Keyboard.PressAsync("Tab");
        Assert.True(await phone.EvaluateAsync<bool>("() => document.activeElement?.textContent?.trim().startsWith('Voter')"));
        await phone.Keyboard.PressAsync("Enter");
        await phone.WaitForSelectorAsync("text=Votre vote est enregistré");
        Assert.Equal(Web.Modules.Texts.Opinion.Mixed, await app.WithDatabaseAsync(db => db.TextVotes.Where(v => v.SubjectId == article.Id && v.PersonId == person.Id).Select(v => v.Opinion).SingleAsync()));
        Assert.Contains("Votre vote\u00a0: Mitigé", await phone.TextContentAsync($"#subject-{article.Id}"), StringComparison.Ordinal);

        // The amendment starts from the article's wording, changed where she wants, with her reason.
        Assert.Equal(article.Body, await phone.InputValueAsync("#Wording"));
        await phone.FocusAsync("#Wording");
        await phone.Keyboard.PressAsync("Control+End");
        await phone.Keyboard.TypeAsync(" Un résumé en facile à lire accompagne chaque document.");
        await phone.Keyboard.PressAsync("Tab");
        await phone.Keyboard.TypeAsync("Pour les personnes qui lisent difficilement.");
        await phone.Keyboard.PressAsync("Tab");
        await phone.Keyboard.PressAsync("Enter");
        await phone.WaitForSelectorAsync("text=Votre proposition est publiée");
        var amendment = await app.WithDatabaseAsync(db => db.Amendments.Where(a => a.AuthorId == person.Id).SingleAsync());
        Assert.EndsWith("Un résumé en facile à lire accompagne chaque document.", amendment.Wording, StringComparison.Ordinal);
        await phone.GotoAsync($"/texts/{text.Id}/new-articles");
        await app.AssertAccessibleAsync(phone);

        // Staff change the draft, explain the change, and publish the next version.
        var manager = await app.CreatePersonAsync("Rédactrice de la charte", Role.ProcessManager);
        var page = await app.NewPageAsync();
        await SignInAsync(page, manager.Email!);
        await page.GotoAsync($"/admin/processes/{app.World.ProcessId}/texts");
        await app.AssertAccessibleAsync(page);
        await page.GotoAsync($"/admin/texts/{text.Id}");
        await app.AssertAccessibleAsync(page);
        var draft = await page.InputValueAsync("#Draft");
        await page.FillAsync("#Draft", draft.Replace(article.Body, $"{article.Body} Un résumé en facile à lire accompagne chaque document.", StringComparison.Ordinal));
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.Locator("form[action*=Draft] button"));
        await page.WaitForSelectorAsync("text=Le projet est enregistré");
        await app.AssertAccessibleAsync(page);
        Assert.Equal(article.Heading, await page.InputValueAsync("input[name='Reasons[0].Heading']"));
        await page.FillAsync("#reason-0", "L'amendement d'une participante est repris : le résumé facile à lire.");
        await page.CheckAsync($"#cause-0-{amendment.Id}");
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.Locator("form[action*=Publish] button"));
        await page.WaitForSelectorAsync("text=La version est publiée");
        var next = text.Version + 1;
        Assert.Equal(next, await app.WithDatabaseAsync(db => db.CollaborativeTexts.Where(t => t.Id == text.Id).Select(t => t.Version).SingleAsync()));
        await page.GotoAsync($"/admin/texts/{text.Id}/entry");
        await app.AssertAccessibleAsync(page);
        var administrator = await app.CreatePersonAsync("Administrateur des badges", Role.Administrator);
        var admin = await app.NewPageAsync();
        await SignInAsync(admin, administrator.Email!);
        await admin.GotoAsync("/admin/voices");
        await app.AssertAccessibleAsync(admin);

        // A visitor reads what changed and compares the versions, inline and side by side.
        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync($"/texts/{text.Id}");
        Assert.Contains("Un résumé en facile à lire", await visitor.TextContentAsync($"section[aria-labelledby=changelog-{next}] ins"), StringComparison.Ordinal);
        await app.AssertAccessibleAsync(visitor);
        await visitor.SelectOptionAsync("#from", $"{next - 1}");
        await visitor.SelectOptionAsync("#to", $"{next}");
        await Infrastructure.BrowserApp.ClickForNewPageAsync(visitor, visitor.Locator("form[action$=compare] button"));
        Assert.Contains("1 article diffère", await visitor.TextContentAsync("main"), StringComparison.Ordinal);
        await app.AssertAccessibleAsync(visitor);
        await visitor.SelectOptionAsync("#view", "side");
        await Infrastructure.BrowserApp.ClickForNewPageAsync(visitor, visitor.Locator("main form button"));
        Assert.Equal(2, await visitor.Locator(".debate-columns > div").CountAsync());
        await app.AssertAccessibleAsync(visitor);
        await visitor.GotoAsync($"/texts/{text.Id}?version=1");
        await app.AssertAccessibleAsync(visitor);
        await visitor.GotoAsync($"/texts/{text.Id}/print");
        await app.AssertAccessibleAsync(visitor);
        await visitor.GotoAsync($"/texts/{text.Id}/booklet");
        await app.AssertAccessibleAsync(visitor);
    }
}
