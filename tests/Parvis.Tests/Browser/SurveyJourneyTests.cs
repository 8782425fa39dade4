using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Web.Kernel.People;

namespace Parvis.Tests.Browser;

public sealed partial class JourneyTests
{
    [Fact]
    public async Task On_a_phone_a_participant_answers_the_demo_survey_whose_answer_brings_a_question_and_staff_test_and_type_in_paper()
    {
        var survey = await app.WithDatabaseAsync(db => db.Surveys.Where(s => s.Title == "Vos usages du numérique").Select(s => s.Id).SingleAsync());
        var person = await app.CreatePersonAsync("Répondante au téléphone");
        var phone = await app.NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        await SignInAsync(phone, person.Email!);
        await phone.GotoAsync($"/processes/{app.World.ProcessSlug}/surveys");
        await app.AssertAccessibleAsync(phone);
        await Infrastructure.BrowserApp.ClickForNewPageAsync(phone, phone.GetByRole(AriaRole.Link, new() { Name = "Vos usages du numérique" }));
        await app.AssertAccessibleAsync(phone);
        Assert.Equal(0, await phone.Locator("#q-q5").CountAsync());

        // "Yes, something holds me back" brings the question on what does, marked as new, nothing typed lost.
        async Task AnswerUpToTheNewQuestion()
        {
            await phone.CheckAsync("#a-q1-3");
            await phone.CheckAsync("#a-q2-0");
            await phone.CheckAsync("#a-q3-2");
            await phone.CheckAsync("#a-q4-0");
            await phone.FillAsync("#a-q6", "À la médiathèque de Groix.");
            await Infrastructure.BrowserApp.ClickForNewPageAsync(phone, phone.GetByRole(AriaRole.Button, new() { Name = "Envoyer mes réponses" }));
            Assert.Equal("Nouvelle question", (await phone.TextContentAsync("#q-q5 .badge"))?.Trim());
            Assert.True(await phone.IsCheckedAsync("#a-q1-3"));
            Assert.Equal("À la médiathèque de Groix.", await phone.InputValueAsync("#a-q6"));
        }
        await AnswerUpToTheNewQuestion();
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the survey is wider than the phone");
        // Checking both languages reloads the page: the answers are given again.
        await app.AssertAccessibleAsync(phone);
        await AnswerUpToTheNewQuestion();

        // The new question by keyboard: tick "other" and say what, then send.
        await phone.FocusAsync("#a-q5-other");
        await phone.Keyboard.PressAsync("Space");
        await phone.Keyboard.PressAsync("Tab");
        await phone.Keyboard.TypeAsync("Mes yeux");
        await Infrastructure.BrowserApp.ClickForNewPageAsync(phone, phone.GetByRole(AriaRole.Button, new() { Name = "Continuer" }));
        await phone.WaitForSelectorAsync("text=Vos réponses sont enregistrées");
        Assert.Contains("Vous avez déjà répondu", await phone.TextContentAsync("main"), StringComparison.Ordinal);
        Assert.Equal("Mes yeux", await phone.InputValueAsync("#o-q5"));
        var texts = await app.WithDatabaseAsync(db => db.SurveyTexts.Where(t => t.SurveyId == survey && t.AuthorId == person.Id).OrderBy(t => t.QuestionKey).Select(t => t.Text).ToListAsync());
        Assert.Equal(["Mes yeux", "À la médiathèque de Groix."], texts);

        // Staff: the editor, the path tester, a paper form typed in, the results and the form to print.
        var manager = await app.CreatePersonAsync("Responsable des questionnaires", Role.ProcessManager);
        var page = await app.NewPageAsync();
        await SignInAsync(page, manager.Email!);
        await page.GotoAsync($"/admin/processes/{app.World.ProcessId}/surveys");
        await app.AssertAccessibleAsync(page);
        await page.GotoAsync($"/admin/surveys/{survey}");
        await app.AssertAccessibleAsync(page);
        await page.GotoAsync($"/admin/surveys/{survey}/test");
        await page.CheckAsync("#a-q4-0");
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Essayer ces réponses" }));
        Assert.Equal(1, await page.Locator("#q-q5.added").CountAsync());
        await app.AssertAccessibleAsync(page);
        await page.GotoAsync($"/admin/surveys/{survey}/entry");
        await page.CheckAsync("#a-q1-1");
        await page.CheckAsync("#a-q2-1");
        await page.CheckAsync("#a-q3-1");
        await page.CheckAsync("#a-q4-1");
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer cette réponse" }));
        await page.WaitForSelectorAsync("text=La réponse est enregistrée");
        await app.AssertAccessibleAsync(page);
        await page.GotoAsync($"/surveys/{survey}/results?by=q1");
        Assert.Contains("8 réponses", await page.TextContentAsync("main"), StringComparison.Ordinal);
        await app.AssertAccessibleAsync(page);
        await page.GotoAsync($"/surveys/{survey}/print?easy=true");
        Assert.Contains("Où habitez-vous", await page.TextContentAsync("article"), StringComparison.Ordinal);
        await app.AssertAccessibleAsync(page);
    }
}
