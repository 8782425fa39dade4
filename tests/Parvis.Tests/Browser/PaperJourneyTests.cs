using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Web.Kernel.People;

namespace Parvis.Tests.Browser;

public sealed partial class JourneyTests
{
    [Fact]
    public async Task A_facilitator_prints_the_kits_types_in_the_paper_forms_and_prepares_the_laptop()
    {
        var facilitator = await app.CreatePersonAsync("Animateur papier", Role.Facilitator);
        var page = await app.NewPageAsync();
        await SignInAsync(page, facilitator.Email!);
        var workshop = await app.WithDatabaseAsync(db => db.Workshops.Include(w => w.Groups).SingleAsync(w => w.Title == "Atelier : le numérique dans nos vies"));
        var table = workshop.Groups.OrderBy(g => g.Position).First().Name;

        await page.GotoAsync($"/workshops/{workshop.Id}/kit");
        await Expect(page.Locator("article h2").First).ToHaveTextAsync("Vos propositions");
        await app.AssertAccessibleAsync(page);

        await page.GotoAsync($"/workshops/{workshop.Id}/paper");
        await app.AssertAccessibleAsync(page);
        var csv = "Table;Type;Texte;Rattaché à (ligne ou texte);Ressource existante ou à créer;Structure qui pourrait la porter\n"
            + $"{table};préoccupation;Les horaires des bus introuvables;;;\n"
            + $"{table};action;Un affichage dans les abribus;2;;\n"
            + "Table 99;préoccupation;Une ligne fautive;;;\n";
        await page.SetInputFilesAsync("#Upload", new FilePayload { Name = "formulaires.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.ClickAsync("section[aria-labelledby=upload-title] button[type=submit]");
        await Expect(page.Locator("#paper-errors li")).ToHaveTextAsync(new Regex("^Ligne 4\\s: la table «\\sTable 99\\s»"));
        await app.AssertAccessibleAsync(page);

        // The accessibility check reloads the page, which forgets the preview: the file is sent again after it.
        var valid = new FilePayload { Name = "formulaires.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv[..csv.LastIndexOf("Table 99", StringComparison.Ordinal)]) };
        await page.SetInputFilesAsync("#Upload", valid);
        await page.ClickAsync("section[aria-labelledby=upload-title] button[type=submit]");
        await Expect(page.Locator("section[aria-labelledby=preview] tbody tr")).ToHaveCountAsync(2);
        await app.AssertAccessibleAsync(page);
        await page.SetInputFilesAsync("#Upload", valid);
        await page.ClickAsync("section[aria-labelledby=upload-title] button[type=submit]");
        await Infrastructure.BrowserApp.ClickToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Importer les 2 lignes" }), new Regex($"/workshops/{workshop.Id}$"));
        await Expect(page.Locator("main")).ToContainTextAsync("Un affichage dans les abribus");

        await page.GotoAsync($"/workshops/{workshop.Id}/offline");
        await app.AssertAccessibleAsync(page);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Télécharger le paquet de l'atelier" }).ClickAsync());
        Assert.EndsWith(".parvis-package.json", download.SuggestedFilename, StringComparison.Ordinal);

        // The laptop's page to receive a package is for those who manage workshops.
        var manager = await app.CreatePersonAsync("Responsable portable", Role.ProcessManager);
        var laptop = await app.NewPageAsync();
        await SignInAsync(laptop, manager.Email!);
        await laptop.GotoAsync("/offline");
        await app.AssertAccessibleAsync(laptop);
        var meeting = await app.WithDatabaseAsync(db => db.Meetings.FirstAsync(m => m.Title == "Table ronde d'experts"));
        await laptop.GotoAsync($"/meetings/{meeting.Id}/kit");
        await Expect(laptop.Locator("article")).ToContainTextAsync("Yann de Groix");
        await app.AssertAccessibleAsync(laptop);
    }
}
