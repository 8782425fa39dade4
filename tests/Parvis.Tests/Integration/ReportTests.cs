using System.Net;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Privacy;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Tests.Integration;

/// <summary>The council's report: the DOCX read back, its conversion to PDF by LibreOffice, and the verbatim annex.</summary>
[Trait("Suite", "integration")]
public sealed class ReportTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    /// <summary>The report's sections, in order (French interface).</summary>
    private static readonly string[] _sections =
    [
        "Introduction", "Contexte et saisine", "Méthode et participation", "Préoccupations", "Points de vigilance",
        "Usages à développer", "Recommandations", "Actions", "Ressources et acteurs", "Grilles d'analyse",
        "Suivi des résultats", "Devenir des contributions", "Conclusion", "Annexe\u00a0: verbatim des contributions",
    ];

    [Fact]
    public async Task The_report_is_a_valid_docx_with_its_sections_in_order_every_verbatim_once_converts_to_pdf_and_leaves_out_removed_people()
    {
        var (process, kept, removedText) = await SeedAsync();
        var (manager, _) = await app.SignedInAsync("Responsable de l'avis", Role.ProcessManager);
        var saved = await manager.PostAsync($"/admin/processes/{process.Id}/report", new Dictionary<string, string>
        {
            ["Referral"] = "Le président de l'agglomération a saisi le conseil le 3 septembre.",
            ["Introduction"] = "Le conseil a consulté largement.\n\nCet avis en rend compte.",
            ["Conclusion"] = "Le numérique doit rester un moyen.",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);

        using var visitor = app.NewSession();
        var response = await visitor.Client.GetAsync($"/processes/{process.Slug}/report?handler=Docx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var docx = await response.Content.ReadAsByteArrayAsync();
        string title;
        using (var document = WordprocessingDocument.Open(new MemoryStream(docx), false))
        {
            title = document.PackageProperties.Title!;
            Assert.Equal("fr", document.PackageProperties.Language);
            var body = document.MainDocumentPart!.Document.Body!;
            string Style(Paragraph p) => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "";
            var paragraphs = body.Elements<Paragraph>().ToList();
            Assert.Equal(_sections, paragraphs.Where(p => Style(p) == "Heading1").Select(p => p.InnerText));
            var styles = document.MainDocumentPart.StyleDefinitionsPart!.Styles!.Elements<Style>().ToList();
            Assert.Equal(0, styles.Single(s => s.StyleId == "Heading1").StyleParagraphProperties!.OutlineLevel!.Val!.Value);
            Assert.Contains(body.Descendants<FieldCode>(), f => f.Text.Contains("TOC", StringComparison.Ordinal));
            Assert.All(body.Elements<Table>(), table =>
            {
                Assert.NotNull(table.GetFirstChild<TableProperties>()!.TableCaption);
                Assert.NotNull(table.Elements<TableRow>().First().TableRowProperties?.GetFirstChild<TableHeader>());
            });
            Assert.Contains(paragraphs, p => p.InnerText == "Cet avis en rend compte.");

            // The grid's graph is a native, described chart whose bars carry the table's numbers.
            var drawing = Assert.Single(body.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties>());
            Assert.Contains("Le numérique au crible", drawing.Description?.Value, StringComparison.Ordinal);
            var chart = Assert.Single(document.MainDocumentPart.ChartParts).ChartSpace!;
            var series = chart.Descendants<DocumentFormat.OpenXml.Drawing.Charts.BarChartSeries>().ToList();
            Assert.Equal(["1", "1"], series[0].Descendants<DocumentFormat.OpenXml.Drawing.Charts.NumericPoint>().Select(p => p.InnerText));
            Assert.Equal(["1", "0"], series[1].Descendants<DocumentFormat.OpenXml.Drawing.Charts.NumericPoint>().Select(p => p.InnerText));
            Assert.Contains(paragraphs, p => p.InnerText == "Le président de l'agglomération a saisi le conseil le 3 septembre.");

            // Every contribution of the process, word for word, exactly once in the annex; nothing of the removed person.
            var quotes = paragraphs.Where(p => Style(p) == "Quote").Select(p => p.InnerText).ToList();
            Assert.Equal(kept.Order(), quotes.Order());
            Assert.DoesNotContain(removedText, body.InnerText, StringComparison.Ordinal);
            Assert.DoesNotContain("masquée par la modération", body.InnerText, StringComparison.Ordinal);
            var sources = paragraphs.Where(p => Style(p) == "QuoteSource").Select(p => p.InnerText).ToList();
            Assert.All(sources, s => Assert.Matches("^Personne ([0-9]+|non identifiée) · ", s));
            Assert.DoesNotContain("Citoyenne visible", body.InnerText, StringComparison.Ordinal);
        }

        // LibreOffice (installed by scripts/test.sh) turns the same document into a PDF with every section, in order.
        var pdfResponse = await visitor.Client.GetAsync($"/processes/{process.Slug}/report?handler=Pdf");
        Assert.Equal("application/pdf", pdfResponse.Content.Headers.ContentType?.MediaType);
        var pdfBytes = await pdfResponse.Content.ReadAsByteArrayAsync();
        var text = await PdfTextAsync(pdfBytes);
        // Tagged for screen readers (PDF/UA): its structure has the headings and tables, its title and language are the report's.
        var info = await PopplerAsync("pdfinfo", pdfBytes);
        Assert.Matches(@"(?m)^Tagged:\s+yes$", info);
        Assert.Matches($@"(?m)^Title:\s+{Regex.Escape(title)}", info);
        Assert.Contains("/Lang(fr-FR)", System.Text.Encoding.Latin1.GetString(pdfBytes), StringComparison.Ordinal);
        var structure = await PopplerAsync("pdfinfo", pdfBytes, "-struct");
        Assert.Matches(@"(?m)^\s*H1\b", structure);
        Assert.Matches(@"(?m)^\s*H2\b", structure);
        Assert.Matches(@"(?m)^\s*Table\b", structure);
        // The PDF's text has plain spaces where the document has no-break ones.
        var sections = _sections.Select(h => h.Replace('\u00a0', ' ')).ToList();
        var position = text.LastIndexOf(sections[^1], StringComparison.Ordinal);
        Assert.True(position > text.IndexOf(sections[^1], StringComparison.Ordinal), "the annex heading appears in the contents and in the body");
        var cursor = text.IndexOf(sections[^1], StringComparison.Ordinal) + sections[^1].Length;
        foreach (var section in sections)
        {
            cursor = text.IndexOf(section, cursor, StringComparison.Ordinal);
            Assert.True(cursor >= 0, $"section {section} missing or out of order in the PDF");
        }
        foreach (var contribution in kept)
        {
            Assert.Contains(contribution, text.ReplaceLineEndings(" "), StringComparison.Ordinal);
        }

        var page = await visitor.GetAsync($"/processes/{process.Slug}/report");
        Assert.Equal(_sections, page.Texts("h2.report-section"));
        Assert.Equal(kept.Order(), page.Texts(".verbatim blockquote").Order());
        // In each cell, strengths then weaknesses: the same numbers as the table's.
        Assert.Equal(["1", "1", "1", "0"], page.Document.QuerySelectorAll("figure.chart rect").Select(r => r.GetAttribute("data-count")));
    }

    /// <summary>A process with contributions on several channels and themes, a fate, a synthesis, and one person who asked to be removed.</summary>
    private async Task<(Process Process, string[] Kept, string Removed)> SeedAsync()
    {
        var visible = await app.CreatePersonAsync("Citoyenne visible");
        var leaving = await app.CreatePersonAsync("Citoyen qui part");
        var process = await app.WithDatabaseAsync(async db =>
        {
            var today = DateOnly.FromDateTime(DateTime.Now);
            var process = ParvisApp.NewProcess(app.World.OrganisationId, "avis-du-conseil", new Phase { Title = "Contributions", StartsOn = today.AddDays(-20), EndsOn = today.AddDays(-1) });
            db.Processes.Add(process);
            await db.SaveChangesAsync();
            Proposal New(string title, Guid? author, Channel channel, Guid? theme = null, bool hidden = false) => new()
            {
                OrganisationId = process.OrganisationId, ProcessId = process.Id, AuthorId = author, Title = title, Body = $"{title} : le détail.",
                Channel = channel, ThemeId = theme, HiddenAt = hidden ? DateTimeOffset.UtcNow : null, HiddenReason = hidden ? "Hors charte" : null,
            };
            var proposals = new[]
            {
                New("Des bornes de recharge dans les bourgs", visible.Id, Channel.Online, process.Themes[0].Id),
                New("Un guichet humain dans chaque mairie", visible.Id, Channel.Paper),
                New("Former les aidants numériques", null, Channel.Workshop, process.Themes[1].Id),
                New("Une proposition masquée par la modération", visible.Id, Channel.Online, hidden: true),
                New("Texte que son auteur veut voir disparaître", leaving.Id, Channel.Online, process.Themes[0].Id),
            };
            db.Proposals.AddRange(proposals);
            db.Comments.Add(new Parvis.Web.Modules.Proposals.Comment { OrganisationId = process.OrganisationId, ProcessId = process.Id, ProposalId = proposals[0].Id, AuthorId = visible.Id, Body = "Un commentaire hors annexe" });
            var item = new SynthesisItem { OrganisationId = process.OrganisationId, ProcessId = process.Id, Kind = SynthesisItemKind.Action, Title = "Installer des bornes", ResponsibleBody = "Syndicat d'énergie" };
            db.SynthesisItems.Add(item);
            proposals[0].Fate = Fate.Retained;
            db.FateDecisions.Add(new FateDecision { OrganisationId = process.OrganisationId, ProcessId = process.Id, ContributionId = proposals[0].Id, Fate = Fate.Retained, SynthesisItemId = item.Id });
            db.SynthesisLinks.Add(new SynthesisLink { SynthesisItemId = item.Id, ContributionId = proposals[0].Id });

            // The ISO 26000 x SNDD grid: two items in the first cell (one +, one -), one + in another.
            var iso = await db.Frameworks.Where(f => f.Key == "iso26000").Select(f => f.Id).SingleAsync();
            var sndd = await db.Frameworks.Where(f => f.Key == "sndd-2010-2013").Select(f => f.Id).SingleAsync();
            var rows = await db.FrameworkEntries.Where(e => e.FrameworkId == iso).OrderBy(e => e.Position).Select(e => e.Id).ToListAsync();
            var columns = await db.FrameworkEntries.Where(e => e.FrameworkId == sndd).OrderBy(e => e.Position).Select(e => e.Id).ToListAsync();
            var grid = new AnalysisGrid { OrganisationId = process.OrganisationId, ProcessId = process.Id, Title = "Le numérique au crible", RowFrameworkId = iso, ColumnFrameworkId = sndd };
            db.AnalysisGrids.Add(grid);
            db.GridCodings.AddRange(
                new GridCoding { GridId = grid.Id, RowEntryId = rows[0], ColumnEntryId = columns[0], Sign = GridSign.Strength, ContributionId = proposals[0].Id },
                new GridCoding { GridId = grid.Id, RowEntryId = rows[0], ColumnEntryId = columns[0], Sign = GridSign.Weakness, ContributionId = proposals[2].Id },
                new GridCoding { GridId = grid.Id, RowEntryId = rows[1], ColumnEntryId = columns[2], Sign = GridSign.Strength, ContributionId = proposals[1].Id });
            await db.SaveChangesAsync();
            return process;
        });
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParvisDbContext>();
            await scope.ServiceProvider.GetRequiredService<PersonalData>().EraseAsync(await db.Users.SingleAsync(p => p.Id == leaving.Id), ErasureChoice.Remove);
        }
        string[] kept =
        [
            "Des bornes de recharge dans les bourgs — Des bornes de recharge dans les bourgs : le détail.",
            "Un guichet humain dans chaque mairie — Un guichet humain dans chaque mairie : le détail.",
            "Former les aidants numériques — Former les aidants numériques : le détail.",
        ];
        return (process, kept, "Texte que son auteur veut voir disparaître");
    }

    private static async Task<string> PdfTextAsync(byte[] pdf) =>
        (await PopplerAsync("pdftotext", pdf, "-")).Replace('\u00a0', ' ');

    /// <summary>What a poppler tool prints of the PDF; the file goes before any option after it (pdftotext's "-").</summary>
    private static async Task<string> PopplerAsync(string tool, byte[] pdf, string option = "")
    {
        var file = Path.Combine(Path.GetTempPath(), $"parvis-report-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            string[] arguments = tool == "pdftotext" ? [file, option] : option.Length > 0 ? [option, file] : [file];
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true })!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
