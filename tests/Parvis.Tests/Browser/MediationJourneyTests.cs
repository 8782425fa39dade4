using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.People;

namespace Parvis.Tests.Browser;

public sealed partial class JourneyTests
{
    [Fact]
    public async Task A_mediator_contributes_for_a_person_under_a_mandate_declared_by_the_organisation()
    {
        var admin = await app.CreatePersonAsync("Administratrice médiation", Role.Administrator);
        var mediator = await app.CreatePersonAsync("Conseillère numérique");
        var staff = await app.NewPageAsync();
        await SignInAsync(staff, admin.Email!);
        await staff.GotoAsync("/admin/mediation");
        await app.AssertAccessibleAsync(staff);
        await staff.FillAsync("#Name", "Médiathèque du Bourg");
        await staff.SelectOptionAsync("#Kind", "ThirdPlace");
        await Infrastructure.BrowserApp.ClickForNewPageAsync(staff, staff.Locator("section[aria-labelledby=add-structure] button[type=submit]"));
        await staff.FillAsync("#Pseudonym", mediator.Pseudonym);
        await Infrastructure.BrowserApp.ClickForNewPageAsync(staff, staff.Locator("section[aria-labelledby=add-mediator] button[type=submit]"));
        Assert.Contains(mediator.Pseudonym, await staff.TextContentAsync("section[aria-labelledby=structures]"), StringComparison.Ordinal);
        await app.AssertAccessibleAsync(staff);

        var page = await app.NewPageAsync();
        await SignInAsync(page, mediator.Email!);
        await page.GotoAsync("/account");
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.Locator("main a[href='/mediation']"));
        await app.AssertAccessibleAsync(page);
        // A refused form keeps what was typed and says why next to the field.
        await page.FillAsync("#Pseudonym", "Ro");
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.Locator("section[aria-labelledby=open-account] button[type=submit]"));
        Assert.Equal(1, await page.Locator("#Pseudonym-error").CountAsync());
        await app.AssertAccessibleAsync(page);
        await page.FillAsync("#Pseudonym", "Roger de la médiathèque");
        await page.SelectOptionAsync("#Terms_ProcessId", app.World.ProcessId.ToString());
        await page.CheckAsync("#Terms_Allows_ContributeFor");
        await page.CheckAsync("#Terms_Duration_TwelveMonths");
        await Infrastructure.BrowserApp.ClickToAsync(page, page.Locator("section[aria-labelledby=open-account] button[type=submit]"), new Regex("/mediation/mandates/"));
        Assert.Contains("Signature de la personne", await page.TextContentAsync("main"), StringComparison.Ordinal);
        await app.AssertAccessibleAsync(page);

        await page.CheckAsync("#Consent_Attestation");
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.Locator("section[aria-labelledby=consent] button[type=submit]"));
        await page.CheckAsync("#Mode_For");
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.Locator("section[aria-labelledby=act] button[type=submit]"));
        Assert.Contains("Vous agissez pour Roger de la médiathèque", await page.TextContentAsync(".acting"), StringComparison.Ordinal);
        await app.AssertAccessibleAsync(page);

        await page.GotoAsync($"/processes/{app.World.ProcessSlug}/proposals/new");
        await page.FillAsync("#Input_Title", "Des ateliers pour écrire aux services publics");
        await page.FillAsync("#Input_Body", "Une fois par semaine, à la médiathèque, avec quelqu'un pour aider.");
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.Locator("main form button[type=submit]"));
        Assert.Contains("saisi avec l'aide de Médiathèque du Bourg", await page.TextContentAsync(".mediated"), StringComparison.Ordinal);
        await app.AssertAccessibleAsync(page);
        var proposal = await app.WithDatabaseAsync(db => db.Proposals.SingleAsync(p => p.Title == "Des ateliers pour écrire aux services publics"));
        Assert.Equal(Channel.Mediated, proposal.Channel);

        await Infrastructure.BrowserApp.ClickToAsync(page, page.Locator(".acting a"), new Regex("/mediation/stop$"));
        await app.AssertAccessibleAsync(page);
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.Locator("main button[type=submit]"));
        Assert.Equal(0, await page.Locator(".acting").CountAsync());
        Assert.Contains("Proposition", await page.TextContentAsync("ul.journal"), StringComparison.Ordinal);
        await app.AssertAccessibleAsync(page);
    }
}
