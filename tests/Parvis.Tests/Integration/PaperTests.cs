using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Text;

namespace Parvis.Tests.Integration;

/// <summary>Paper: the kits to print, the spreadsheet template, and importing typed-in forms whole or not at all.</summary>
[Trait("Suite", "integration")]
public sealed class PaperTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    private async Task<(Workshop Workshop, Session Facilitator)> WorkshopAsync(string slug, Session? facilitator = null)
    {
        await app.WithDatabaseAsync(async db =>
        {
            if (!await db.Processes.AnyAsync(p => p.Slug == slug))
            {
                var today = DateOnly.FromDateTime(DateTime.Now);
                db.Processes.Add(ParvisApp.NewProcess(app.World.OrganisationId, slug, new Phase { Title = "Ateliers", StartsOn = today.AddDays(-3), EndsOn = today.AddDays(30) }));
                await db.SaveChangesAsync();
            }
        });
        var (manager, _) = await app.SignedInAsync($"Pilote {Guid.NewGuid():N}"[..20], Role.ProcessManager);
        var created = await manager.PostAsync($"/processes/{slug}/workshops", new Dictionary<string, string>
        {
            ["Title"] = "Atelier papier", ["Template"] = "htd", ["StartsAt"] = "2026-11-24T18:30", ["Place"] = "Hennebont",
        });
        var id = Guid.Parse(created.Location!.Split('/')[2]);
        var workshop = await app.WithDatabaseAsync(db => db.Workshops.Include(w => w.Times).Include(w => w.Groups).SingleAsync(w => w.Id == id));
        workshop.Groups = workshop.Groups.OrderBy(g => g.Position).ToList();
        return (workshop, facilitator ?? (await app.SignedInAsync($"Animation {Guid.NewGuid():N}"[..20], Role.Facilitator)).Session);
    }

    /// <summary>Sends a file to be checked, as the upload form does.</summary>
    private static Task<Session.Response> CheckAsync(Session facilitator, Workshop workshop, byte[] file, string name = "formulaires.csv") =>
        facilitator.PostFileAsync($"/workshops/{workshop.Id}/paper?handler=Check", "Upload", name, file, $"/workshops/{workshop.Id}/paper");

    /// <summary>Confirms the import of a checked file, with the rows the preview carries.</summary>
    private static Task<Session.Response> ConfirmAsync(Session facilitator, Workshop workshop, Session.Response check) =>
        facilitator.PostAsync($"/workshops/{workshop.Id}/paper?handler=Import", new Dictionary<string, string>
        {
            ["CheckedRows"] = check.Document.QuerySelector("input[name=CheckedRows]")!.GetAttribute("value")!,
        }, $"/workshops/{workshop.Id}/paper");

    private static string Csv(params string[] lines) => string.Join("\r\n", lines) + "\r\n";

    private const string Header = "Table;Type;Texte;Rattaché à (ligne ou texte);Ressource existante ou à créer;Structure qui pourrait la porter";

    private Task<List<WorkshopItem>> ItemsAsync(Guid workshopId) =>
        app.WithDatabaseAsync(db => db.WorkshopItems.Where(i => i.WorkshopId == workshopId).OrderBy(i => i.CreatedAt).ThenBy(i => i.Position).ToListAsync());

    [Fact]
    public async Task A_valid_file_is_previewed_without_saving_then_imported_whole_and_attributed_to_its_table()
    {
        var (workshop, facilitator) = await WorkshopAsync("papier-valide");
        var paper = $"/workshops/{workshop.Id}/paper";
        var template = await facilitator.GetAsync($"{paper}?handler=Template&format=csv");
        Assert.Equal("text/csv", template.ContentType);
        var first = workshop.Groups[0].Name;
        var file = template.Body.TrimStart('\uFEFF') + Csv(
            $"{first};préoccupation;La fracture numérique des personnes âgées;;;",
            $"{first};action;Des permanences dans les mairies;2;;",
            $"{workshop.Groups[1].Name};Resource;Les conseillers numériques;3;existing;France Services",
            $"{first.ToUpperInvariant()};Préoccupation;Les démarches en ligne obligatoires;;;",
            ";;;;;");
        var check = await CheckAsync(facilitator, workshop, Encoding.UTF8.GetBytes(file));
        Assert.Equal(HttpStatusCode.OK, check.Status);
        Assert.Empty(check.Document.QuerySelectorAll("#paper-errors"));
        Assert.Equal(4, check.Document.QuerySelectorAll("section[aria-labelledby=preview] tbody tr").Length);
        Assert.Contains("ligne 3", check.Text("section[aria-labelledby=preview] tbody tr:nth-child(3)"), StringComparison.Ordinal);
        Assert.Empty(await ItemsAsync(workshop.Id));

        var imported = await ConfirmAsync(facilitator, workshop, check);
        Assert.Equal(HttpStatusCode.Redirect, imported.Status);
        // Confirmed twice (a second click, the page sent again): the second adds nothing, and says why.
        Assert.Contains("déjà été importés", (await ConfirmAsync(facilitator, workshop, check)).Text("#Upload-error"), StringComparison.Ordinal);
        var items = await ItemsAsync(workshop.Id);
        Assert.Equal(4, items.Count);
        Assert.All(items, i => Assert.Equal(Channel.Paper, i.Channel));
        Assert.All(items, i => Assert.Null(i.AuthorId));
        var concern = items.Single(i => i.Text == "La fracture numérique des personnes âgées");
        var action = items.Single(i => i.ItemKind == ItemKind.Action);
        var resource = items.Single(i => i.ItemKind == ItemKind.Resource);
        Assert.Equal(concern.Id, action.ParentId);
        Assert.Equal(action.Id, resource.ParentId);
        Assert.Equal(ResourceStatus.Existing, resource.ResourceStatus);
        Assert.Equal("France Services", resource.Actor);
        Assert.Equal($"{workshop.Groups[1].Name} · Atelier papier", resource.Origin);
        Assert.Equal([0, 1], items.Where(i => i.ItemKind == ItemKind.Concern).Select(i => i.Position).Order());

        // A later file hangs an action on a concern already recorded, by its exact text.
        var later = Csv(Header, $"{first};action;Un numéro de téléphone unique;La fracture numérique des personnes âgées;;");
        await ConfirmAsync(facilitator, workshop, await CheckAsync(facilitator, workshop, Encoding.UTF8.GetBytes(later)));
        Assert.Equal(concern.Id, (await ItemsAsync(workshop.Id)).Single(i => i.Text == "Un numéro de téléphone unique").ParentId);
        // Another table's sheet may say what one already said, under another concern: it is no sheet sent twice.
        var again = Csv(Header, $"{first};préoccupation;Les démarches en ligne obligatoires;;;", $"{first};action;Un numéro de téléphone unique;2;;");
        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(facilitator, workshop, await CheckAsync(facilitator, workshop, Encoding.UTF8.GetBytes(again)))).Status);
        Assert.Equal(2, (await ItemsAsync(workshop.Id)).Count(i => i.Text == "Un numéro de téléphone unique"));
    }

    [Fact]
    public async Task A_file_with_one_bad_line_imports_nothing_and_names_the_line()
    {
        var (workshop, facilitator) = await WorkshopAsync("papier-erreurs");
        var paper = $"/workshops/{workshop.Id}/paper";
        var first = workshop.Groups[0].Name;
        var file = Csv(Header,
            $"{first};préoccupation;Une préoccupation correcte;;;",
            $"Table inconnue;préoccupation;Une autre;;;",
            $"{first};action;Une action sans préoccupation;;;",
            $"{first};ressource;Une ressource;2;peut-être;");
        var check = await CheckAsync(facilitator, workshop, Encoding.UTF8.GetBytes(file));
        var errors = check.Texts("#paper-errors li").ToList();
        Assert.Equal(4, errors.Count);
        Assert.StartsWith("Ligne 3\u00a0: la table «\u00a0Table inconnue\u00a0»", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("Ligne 4\u00a0: une action doit être rattachée", errors[1], StringComparison.Ordinal);
        Assert.Contains("Ligne 5", errors[2], StringComparison.Ordinal);
        Assert.Contains("Le fichier contient 4 erreurs", check.Text("#Upload-error"), StringComparison.Ordinal);
        Assert.Empty(check.Document.QuerySelectorAll("input[name=CheckedRows]"));

        // Sent to the import directly, the same rows are checked again and refused whole.
        var forced = await facilitator.PostAsync($"{paper}?handler=Import", new Dictionary<string, string>
        {
            ["CheckedRows"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(file)),
        }, paper);
        Assert.Equal(HttpStatusCode.OK, forced.Status);
        Assert.Equal(4, forced.Texts("#paper-errors li").Count());
        Assert.Empty(await ItemsAsync(workshop.Id));

        var tooMany = Csv([Header, .. Enumerable.Range(1, 6).Select(i => $"{first};préoccupation;Préoccupation {i};;;")]);
        check = await CheckAsync(facilitator, workshop, Encoding.UTF8.GetBytes(tooMany));
        Assert.Equal(["Ligne 7\u00a0: cette table dépasse 5 préoccupations"], check.Texts("#paper-errors li"));
        var notASheet = await CheckAsync(facilitator, workshop, [0x50, 0x4B, 1, 2, 3], "photo.xlsx");
        Assert.Contains("ne peut pas être lu", notASheet.Text("#Upload-error"), StringComparison.Ordinal);

        using var participant = (await app.SignedInAsync("Curieux du papier")).Session;
        Assert.StartsWith("http://localhost/error/403", (await participant.GetAsync(paper)).Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_XLSX_and_CSV_files_round_trip_from_one_workshop_to_another()
    {
        var (source, facilitator) = await WorkshopAsync("papier-aller-retour");
        var paper = $"/workshops/{source.Id}/paper";
        var first = source.Groups[0].Name;
        var file = Csv(Header,
            $"{first};préoccupation;L'illectronisme;;;",
            $"{first};action;Des ateliers dans les médiathèques;2;;",
            $"{first};ressource;Une salle équipée;3;à créer;La mairie",
            $"{source.Groups[2].Name};préoccupation;Les arnaques en ligne;;;",
            // Typed anonymously at a table: a spreadsheet must show these, never run them.
            $"{source.Groups[2].Name};préoccupation;=1+1 et les tableurs;;;",
            $"{source.Groups[2].Name};action;+ de médiateurs;6;;",
            $"{source.Groups[2].Name};ressource;-moins de papier;7;existante;@Mairie");
        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(facilitator, source, await CheckAsync(facilitator, source, Encoding.UTF8.GetBytes(file)))).Status);
        Assert.Contains(await ItemsAsync(source.Id), i => i.Text == "=1+1 et les tableurs");

        // The CSV export puts each formula-like cell behind a quote, quoted; the XLSX stores them as text, never as formulas.
        var csv = Encoding.UTF8.GetString(await facilitator.Client.GetByteArrayAsync($"{paper}?handler=Export&format=csv"));
        foreach (var cell in new[] { "\"'=1+1 et les tableurs\"", "\"'+ de médiateurs\"", "\"'-moins de papier\"", "\"'@Mairie\"" })
        {
            Assert.Contains(cell, csv, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(csv.Split('\n').SelectMany(l => l.Split(';')), f => f.Length > 0 && "=+-@".Contains(f[0], StringComparison.Ordinal));
        using (var workbook = SpreadsheetDocument.Open(new MemoryStream(await facilitator.Client.GetByteArrayAsync($"{paper}?handler=Export&format=xlsx")), false))
        {
            var cells = workbook.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>()).ToList();
            Assert.DoesNotContain(cells, c => c.CellFormula is not null);
            Assert.Contains(cells, c => c.DataType?.Value == DocumentFormat.OpenXml.Spreadsheet.CellValues.InlineString && c.InnerText == "=1+1 et les tableurs");
        }

        // The template as XLSX: a header the import recognises, and a help sheet naming the tables.
        var template = await facilitator.Client.GetByteArrayAsync($"{paper}?handler=Template&format=xlsx");
        Assert.Equal(Header.Split(';'), Spreadsheets.Read(new MemoryStream(template), PaperSheet.Limits)[0]);
        using (var workbook = SpreadsheetDocument.Open(new MemoryStream(template), false))
        {
            Assert.Equal(2, workbook.WorkbookPart!.WorksheetParts.Count());
        }

        foreach (var format in new[] { "xlsx", "csv" })
        {
            var exported = await facilitator.Client.GetByteArrayAsync($"{paper}?handler=Export&format={format}");
            var (target, _) = await WorkshopAsync($"papier-cible-{format}", facilitator);
            var targetCheck = await CheckAsync(facilitator, target, exported, $"export.{format}");
            Assert.Empty(targetCheck.Texts("#paper-errors li"));
            var imported = await ConfirmAsync(facilitator, target, targetCheck);
            Assert.Equal(HttpStatusCode.Redirect, imported.Status);
            Assert.Equal(Shape(await ItemsAsync(source.Id), source), Shape(await ItemsAsync(target.Id), target));
        }
    }

    [Fact]
    public async Task A_crafted_sheet_is_refused_quickly_next_to_the_file_field_and_nothing_is_saved()
    {
        var (workshop, facilitator) = await WorkshopAsync("papier-piege");
        var lastRow = CraftedXlsx.Build($"<row r=\"1048576\">{CraftedXlsx.Cell("A1048576", "x")}</row>");
        var lastColumn = CraftedXlsx.Build(w =>
        {
            for (var r = 1; r <= 2000; r++)
            {
                w.Write($"<row r=\"{r}\"><c r=\"XFD{r}\"><v>1</v></c></row>");
            }
        });
        var bomb = CraftedXlsx.Build(w =>
        {
            w.Write("<row><c t=\"inlineStr\"><is><t>");
            for (var i = 0; i < 400; i++)
            {
                w.Write(new string('a', 64 * 1024));
            }
            w.Write("</t></is></c></row>");
        });
        var rows = Encoding.UTF8.GetBytes(Csv([Header, .. Enumerable.Repeat(";;;;;", 2000)]));
        var cases = new (byte[] File, string Name, string Message)[]
        {
            (lastRow, "ligne.xlsx", "Ce fichier dépasse 2\u202F000 lignes."),
            (lastColumn, "colonne.xlsx", "Une ligne de ce fichier dépasse 20 colonnes."),
            (bomb, "bombe.xlsx", "Une fois décompressée, une partie de ce fichier dépasse 20\u00A0Mo."),
            (rows, "lignes.csv", "Ce fichier dépasse 2\u202F000 lignes."),
        };
        foreach (var (file, name, message) in cases)
        {
            Assert.True(file.Length < 64 * 1024, name);
            var started = System.Diagnostics.Stopwatch.StartNew();
            var check = await CheckAsync(facilitator, workshop, file, name);
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), name);
            Assert.Equal(HttpStatusCode.OK, check.Status);
            Assert.Equal(message, check.Text("#Upload-error"));
            Assert.Empty(check.Document.QuerySelectorAll("input[name=CheckedRows]"));
        }
        Assert.Empty(await ItemsAsync(workshop.Id));
    }

    [Fact]
    public async Task The_confirm_step_refuses_rows_too_big_or_with_a_DTD_with_a_message_and_saves_nothing()
    {
        var (workshop, facilitator) = await WorkshopAsync("papier-confirmation");
        var paper = $"/workshops/{workshop.Id}/paper";
        var first = workshop.Groups[0].Name;
        var dtd = CraftedXlsx.Build($"<row>{CraftedXlsx.Cell("A1", "&x;")}</row>", prolog: "<!DOCTYPE worksheet [<!ENTITY x \"Table\">]>");
        var tooBig = Encoding.UTF8.GetBytes(Csv([Header, .. Enumerable.Repeat($"{first};préoccupation;{new string('a', 400)};;;", 6000)]));
        foreach (var (rows, message) in new[] { (dtd, "ne peut pas être lu"), (tooBig, "Ce fichier dépasse 2\u00A0Mo.") })
        {
            var confirm = await facilitator.PostAsync($"{paper}?handler=Import", new Dictionary<string, string>
            {
                ["CheckedRows"] = Convert.ToBase64String(rows),
            }, paper);
            Assert.Equal(HttpStatusCode.OK, confirm.Status);
            Assert.Contains(message, confirm.Text("#Upload-error"), StringComparison.Ordinal);
        }
        Assert.Empty(await ItemsAsync(workshop.Id));
    }

    /// <summary>What a workshop holds, independent of ids: each item with its table, kind, parent's text and resource details.</summary>
    private static List<string> Shape(List<WorkshopItem> items, Workshop workshop) => items
        .Select(i => $"{workshop.Groups.Single(g => g.Id == i.GroupId).Name}|{i.ItemKind}|{i.Text}|{items.FirstOrDefault(p => p.Id == i.ParentId)?.Text}|{i.ResourceStatus}|{i.Actor}")
        .Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task The_kits_print_the_form_a_sheet_per_table_and_the_attendance_sheets_and_download_as_DOCX()
    {
        var (workshop, facilitator) = await WorkshopAsync("papier-kit");
        var kit = await facilitator.GetAsync($"/workshops/{workshop.Id}/kit");
        Assert.Equal(HttpStatusCode.OK, kit.Status);
        var headings = kit.Texts("article h2").ToList();
        Assert.Equal("Vos propositions", headings[0]);
        Assert.Equal(workshop.Groups.Count, headings.Count(h => h.StartsWith("Fiche d'animation", StringComparison.Ordinal)));
        Assert.StartsWith("Feuille d'émargement", headings[^1], StringComparison.Ordinal);
        Assert.Contains("Actions nécessaires", kit.Text("article"), StringComparison.Ordinal);
        Assert.Contains("Ressources existantes ou à créer", kit.Text("article"), StringComparison.Ordinal);
        Assert.Equal(workshop.Groups.Count + 1, kit.Document.QuerySelectorAll("article .page-break").Length);

        var docx = await facilitator.Client.GetByteArrayAsync($"/workshops/{workshop.Id}/kit?handler=Download&format=docx");
        using (var document = WordprocessingDocument.Open(new MemoryStream(docx), false))
        {
            var body = document.MainDocumentPart!.Document.Body!;
            Assert.Contains("Vos propositions", body.InnerText, StringComparison.Ordinal);
            Assert.Equal(workshop.Groups.Count + 1, body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Break>()
                .Count(b => b.Type?.Value == DocumentFormat.OpenXml.Wordprocessing.BreakValues.Page));
            Assert.DoesNotContain(body.Descendants<DocumentFormat.OpenXml.Wordprocessing.ParagraphStyleId>(), s => s.Val?.Value == "TOCHeading");
        }
    }
}
