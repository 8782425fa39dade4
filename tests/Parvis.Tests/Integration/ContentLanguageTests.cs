using System.Net;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Contributions;

namespace Parvis.Tests.Integration;

/// <summary>
/// Content keeps the language it was written in (RGAA 8.7): a contribution takes its author's interface language or
/// the one they chose, pages mark it where it differs from theirs, and the report and open data carry it.
/// </summary>
[Trait("Suite", "integration")]
public sealed class ContentLanguageTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    [Fact]
    public async Task A_proposal_keeps_its_language_and_pages_documents_and_open_data_say_it()
    {
        var (author, _) = await app.SignedInAsync("Visiting from Cork");
        await author.GetAsync("/language/en");
        var english = await ProposeAsync(author, "Night buses after the last ferry", "The last ferry arrives after the last bus to Lanester.", chosen: null);
        var french = await ProposeAsync(author, "Des bancs sur les quais du port", "Pour s'asseoir en attendant le bateau de Groix.", chosen: "fr");
        // A language the site does not have is no choice: the interface's stands.
        var unknown = await ProposeAsync(author, "Bike racks at the harbour", "Twenty covered places near the ferry terminal.", chosen: "xx");
        Assert.Equal("en", await LanguageAsync(english));
        Assert.Equal("fr", await LanguageAsync(french));
        Assert.Equal("en", await LanguageAsync(unknown));

        // The French page marks the English proposal, and only it; the English page marks the French one.
        using var visitor = app.NewSession();
        var page = await visitor.GetAsync($"/proposals/{english}");
        Assert.Equal("en", page.Document.QuerySelector("h1#proposal-title")!.GetAttribute("lang"));
        Assert.Equal("en", page.Document.QuerySelector(".proposal-body")!.GetAttribute("lang"));
        Assert.Null((await visitor.GetAsync($"/proposals/{french}")).Document.QuerySelector("h1#proposal-title")!.GetAttribute("lang"));
        var list = await visitor.GetAsync($"/processes/{app.World.ProcessSlug}/proposals?q=ferry");
        Assert.Equal("en", list.Document.QuerySelector($"a[href='/proposals/{english}']")!.GetAttribute("lang"));
        await visitor.GetAsync("/language/en");
        Assert.Null((await visitor.GetAsync($"/proposals/{english}")).Document.QuerySelector("h1#proposal-title")!.GetAttribute("lang"));
        Assert.Equal("fr", (await visitor.GetAsync($"/proposals/{french}")).Document.QuerySelector("h1#proposal-title")!.GetAttribute("lang"));
        await visitor.GetAsync("/language/fr");

        // The form offers the choice, set to what the proposal is in; its author changes it by editing.
        var edit = await author.GetAsync($"/proposals/{english}/edit");
        Assert.Equal("en", edit.Document.QuerySelector("#ContentLanguage option[selected]")!.GetAttribute("value"));
        var edited = await author.PostAsync($"/proposals/{english}/edit", new Dictionary<string, string>
        {
            ["Input.Title"] = "Night buses after the last ferry", ["Input.Body"] = "The last ferry arrives after the last bus to Lanester.",
            ["Input.ThemeId"] = "", ["ContentLanguage"] = "fr",
        });
        Assert.Equal(HttpStatusCode.Redirect, edited.Status);
        Assert.Equal("fr", await LanguageAsync(english));

        // Open data says each text's language.
        var rows = JsonDocument.Parse((await visitor.GetAsync($"/open-data/proposals.json?process={app.World.ProcessSlug}")).Body).RootElement
            .GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetGuid(), r => r.GetProperty("language").GetString());
        Assert.Equal("en", rows[unknown]);
        Assert.Equal("fr", rows[french]);

        // The report's verbatim annex (a French document) says which quotes are in English, in its HTML and its DOCX.
        var report = await visitor.GetAsync($"/processes/{app.World.ProcessSlug}/report");
        var quote = report.Document.QuerySelectorAll("blockquote").Single(q => q.TextContent.Contains("Bike racks at the harbour", StringComparison.Ordinal));
        Assert.Equal("en", quote.GetAttribute("lang"));
        var docx = await visitor.Client.GetByteArrayAsync($"/processes/{app.World.ProcessSlug}/report?handler=Docx");
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var runs = document.MainDocumentPart!.Document.Body!.Descendants<Run>().ToList();
        Assert.Equal("en-GB", runs.Single(r => r.InnerText.StartsWith("Bike racks at the harbour", StringComparison.Ordinal)).RunProperties?.Languages?.Val?.Value);
        Assert.Null(runs.Single(r => r.InnerText.StartsWith("Des bancs sur les quais du port", StringComparison.Ordinal)).RunProperties?.Languages);
    }

    private async Task<Guid> ProposeAsync(Session author, string title, string body, string? chosen)
    {
        var fields = new Dictionary<string, string> { ["Input.Title"] = title, ["Input.Body"] = body, ["Input.ThemeId"] = "" };
        if (chosen is not null)
        {
            fields["ContentLanguage"] = chosen;
        }
        var proposed = await author.PostAsync($"/processes/{app.World.ProcessSlug}/proposals/new", fields);
        Assert.Equal(HttpStatusCode.Redirect, proposed.Status);
        return Guid.Parse(proposed.Location!.Split('/')[^1]);
    }

    private Task<string> LanguageAsync(Guid contribution) =>
        app.WithDatabaseAsync(db => db.Set<Contribution>().Where(c => c.Id == contribution).Select(c => c.Language).SingleAsync());
}
