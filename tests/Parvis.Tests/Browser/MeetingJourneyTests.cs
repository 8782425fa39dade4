using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Web.Kernel.People;

namespace Parvis.Tests.Browser;

public sealed partial class JourneyTests
{
    [Fact]
    public async Task A_five_place_public_meeting_is_prepared_filled_recorded_and_its_questions_answered()
    {
        // Preparing: Lorient's five places, one seat in Lorient so the second person waits.
        var manager = await app.CreatePersonAsync("Pilote des réunions", Role.ProcessManager);
        var desk = await app.NewPageAsync();
        await SignInAsync(desk, manager.Email!);
        await desk.GotoAsync($"/processes/{app.World.ProcessSlug}/meetings");
        await app.AssertAccessibleAsync(desk);
        await desk.FillAsync("#Title", "Numérique, danger ou opportunité ?");
        await desk.SelectOptionAsync("#Template", "lorient");
        await desk.FillAsync("#StartsAt", DateTime.Now.AddDays(10).ToString("yyyy-MM-dd'T'18:30", System.Globalization.CultureInfo.InvariantCulture));
        await Infrastructure.BrowserApp.ClickToAsync(desk, desk.Locator("main form button[type=submit]"), new Regex("/meetings/[0-9a-f-]{36}/edit$"));
        await app.AssertAccessibleAsync(desk);
        await desk.CheckAsync("#Registration");
        await desk.FillAsync("#Rows_0__Capacity", "1");
        await desk.CheckAsync("#Rows_0_Access_StepFree");
        await Infrastructure.BrowserApp.ClickToAsync(desk, desk.Locator("main form button[type=submit]"), new Regex("/meetings/[0-9a-f-]{36}$"));
        await app.AssertAccessibleAsync(desk);
        var meeting = await app.WithDatabaseAsync(db => db.Meetings.Include(m => m.Sites).SingleAsync(m => m.Title == "Numérique, danger ou opportunité ?"));
        Assert.Equal(SiteAccess.StepFree, meeting.Sites.Single(s => s.Name == "Lorient").Access);

        // Two people register for Lorient by keyboard: the first gets the seat, the second waits.
        foreach (var (name, expected) in new[] { ("Habitante de Lorient", "Vous êtes inscrit ou inscrite"), ("Habitant de Lanester", "liste d'attente") })
        {
            var person = await app.CreatePersonAsync(name);
            var page = await app.NewPageAsync();
            await SignInAsync(page, person.Email!);
            await page.GotoAsync($"/meetings/{meeting.Id}");
            await page.GetByLabel("Lorient", new() { Exact = true }).CheckAsync();
            await page.GetByLabel("Lorient", new() { Exact = true }).PressAsync("Enter");
            await Expect(page.Locator("#registration [role=status]")).ToContainTextAsync(expected);
            await app.AssertAccessibleAsync(page);
        }

        // At Groix, the facilitator writes down a question for the experts, then the evening's record.
        var facilitator = await app.CreatePersonAsync("Animateur de Groix", Role.Facilitator);
        var record = await app.NewPageAsync();
        await SignInAsync(record, facilitator.Email!);
        await record.GotoAsync($"/meetings/{meeting.Id}/record");
        await app.AssertAccessibleAsync(record);
        await record.SelectOptionAsync("#SiteId", new SelectOptionValue { Label = "Groix" });
        await record.SelectOptionAsync("#Kind", "Question");
        await record.SelectOptionAsync("#ThemeId", new SelectOptionValue { Label = "Santé" });
        await record.FillAsync("#EntryText", "Qui protège mes données de santé ?");
        await record.ClickAsync("section[aria-labelledby=entry] button[type=submit]");
        await Expect(record.Locator("section[aria-labelledby=entry] ul")).ToContainTextAsync("Qui protège mes données de santé ?");
        Assert.True(await record.EvaluateAsync<bool>("() => document.activeElement?.id === 'EntryText'"));
        Assert.Equal("Groix", (await record.Locator("#SiteId option:checked").TextContentAsync())?.Trim());
        await record.FillAsync("#Minutes", "Une quarantaine de contributeurs et de contributrices.");
        await record.FillAsync($"#attendance-{meeting.Sites.Single(s => s.Name == "Groix").Id}", "7");
        await record.GetByLabel("Santé").CheckAsync();
        await app.AssertAccessibleAsync(record);
        await record.FillAsync("#Minutes", "Une quarantaine de contributeurs et de contributrices.");
        await record.FillAsync($"#attendance-{meeting.Sites.Single(s => s.Name == "Groix").Id}", "7");
        await record.GetByLabel("Santé").CheckAsync();
        await Infrastructure.BrowserApp.ClickToAsync(record, record.Locator("section[aria-labelledby=after] button[type=submit]"), new Regex("/meetings/[0-9a-f-]{36}$"));
        await Expect(record.Locator("section[aria-labelledby=minutes]")).ToContainTextAsync("Une quarantaine");
        await Expect(record.Locator("section[aria-labelledby=uncovered]")).ToContainTextAsync("Santé");

        // The expert answers in public; everyone reads it on the questions page.
        var expert = await app.CreatePersonAsync("Expert santé numérique", Role.Expert);
        var answer = await app.NewPageAsync();
        await SignInAsync(answer, expert.Email!);
        var question = await app.WithDatabaseAsync(db => db.ExpertQuestions.SingleAsync(q => q.MeetingId == meeting.Id));
        await answer.GotoAsync($"/questions/{question.Id}");
        await app.AssertAccessibleAsync(answer);
        await answer.FillAsync("#Answer", "Le **dossier médical partagé** est hébergé en France.");
        await answer.ClickAsync("section[aria-labelledby=respond] button[type=submit]");
        await Expect(answer.Locator("section[aria-labelledby=answer] strong")).ToHaveTextAsync("dossier médical partagé");
        await app.AssertAccessibleAsync(answer);
        await answer.GotoAsync($"/processes/{app.World.ProcessSlug}/questions");
        await Expect(answer.Locator("main")).ToContainTextAsync("Qui protège mes données de santé ?");
        await app.AssertAccessibleAsync(answer);
    }
}
