using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Privacy;

namespace Parvis.Tests.Integration;

/// <summary>
/// Who took part against the territory: the population imported whole or not at all, the optional answers a person
/// gives, changes and deletes, and the analysts' table of aggregates with small cells suppressed.
/// </summary>
[Trait("Suite", "integration")]
public sealed class DemographicsTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    /// <summary>A commune's figures: the age bands, then the sexes, then the eight categories, each set adding up to the same total.</summary>
    private static IEnumerable<string> Commune(string name, int[] ages, int[] sexes, int[] categories) =>
    [
        .. new[] { "15-29", "30-44", "45-59", "60-74", "75+" }.Zip(ages, (band, count) => $"{name};age;{band};{count}"),
        .. new[] { "F", "M" }.Zip(sexes, (band, count) => $"{name};gender;{band};{count}"),
        .. Enumerable.Range(1, 8).Zip(categories, (band, count) => $"{name};category;{band};{count}"),
    ];

    private static byte[] Csv(IEnumerable<string> lines) => Encoding.UTF8.GetBytes(string.Join("\n", ["commune;dimension;band;count", .. lines]));

    [Fact]
    public async Task The_population_is_imported_whole_and_the_answers_read_against_it_as_aggregates_only()
    {
        var (admin, _) = await app.SignedInAsync("Admin population", Role.Administrator);
        var lorient = Commune("Lorient", [2000, 3000, 2500, 1500, 1000], [5200, 4800], [100, 400, 1500, 2000, 1800, 1200, 2500, 500]);
        var lanester = Commune("Lanester", [800, 900, 700, 400, 200], [1500, 1500], [50, 150, 300, 600, 700, 500, 500, 200]);

        // A wrong total, a band that does not exist and a missing count: named by line, and nothing stored.
        string[] faulty = [.. lorient, .. lanester.Select(l => l.Replace("Lanester;gender;M;1500", "Lanester;gender;M;1400", StringComparison.Ordinal))];
        var refused = await admin.PostFileAsync("/admin/population", "file", "population.csv", Csv(faulty));
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("Lanester", refused.Text("#file-error"), StringComparison.Ordinal);
        Assert.Contains("totaux", refused.Text("#file-error"), StringComparison.Ordinal);
        var badBand = await admin.PostFileAsync("/admin/population", "file", "population.csv", Csv([.. lorient, "Lanester;age;10-14;300", "Lanester;gender;F;"]));
        Assert.Contains("Ligne 17", badBand.Text("#file-error"), StringComparison.Ordinal);
        Assert.Contains("Ligne 18", badBand.Text("#file-error"), StringComparison.Ordinal);
        Assert.False(await app.WithDatabaseAsync(db => db.PopulationFigures.AnyAsync()));
        var imported = await admin.PostFileAsync("/admin/population", "file", "population.csv", Csv([.. lorient, .. lanester]));
        Assert.Equal(HttpStatusCode.Redirect, imported.Status);
        Assert.Equal(30, await app.WithDatabaseAsync(db => db.PopulationFigures.CountAsync()));

        // Six people answer; one answers with a choice that is not offered, and is told so with nothing stored.
        var process = await app.WithDatabaseAsync(db => db.Processes.SingleAsync(p => p.Id == app.World.ProcessId));
        var page = $"/processes/{process.Slug}/about-you";
        var people = new List<(Session Session, Person Person)>();
        for (var i = 0; i < 6; i++)
        {
            people.Add(await app.SignedInAsync($"Répondante {i}"));
        }
        var wrong = await people[0].Session.PostAsync(page, new Dictionary<string, string> { ["AgeBand"] = "99", ["Gender"] = "F" });
        Assert.Contains("ne fait pas partie des choix", wrong.Text(".alert"), StringComparison.Ordinal);
        Assert.Equal("F", wrong.Document.QuerySelector("#Gender option[selected]")?.GetAttribute("value"));
        for (var i = 0; i < people.Count; i++)
        {
            var saved = await people[i].Session.PostAsync(page, new Dictionary<string, string>
            {
                ["AgeBand"] = "30-44", ["Gender"] = "F", ["Category"] = "5", ["Commune"] = i == 0 ? "Lanester" : "Lorient", ["FirstTime"] = "true",
            });
            Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        }
        var mine = await people[0].Session.GetAsync(page);
        Assert.Equal("30-44", mine.Document.QuerySelector("#AgeBand option[selected]")?.GetAttribute("value"));
        Assert.Equal("Lanester", mine.Document.QuerySelector("#Commune option[selected]")?.GetAttribute("value"));

        // A participant does not see the table; an analyst sees aggregates, the lone Lanester answer hidden.
        Assert.Equal(HttpStatusCode.Redirect, (await people[1].Session.GetAsync($"/processes/{process.Slug}/who-took-part")).Status);
        var (analyst, _) = await app.SignedInAsync("Analyste de la représentativité", Role.Analyst);
        var table = await analyst.GetAsync($"/processes/{process.Slug}/who-took-part");
        Assert.Equal(HttpStatusCode.OK, table.Status);
        var ages = table.Document.QuerySelectorAll("section[aria-labelledby=dimension-Age] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(ages, r => r.Contains("30 à 44 ans", StringComparison.Ordinal) && r.Contains("100", StringComparison.Ordinal) && r.Contains('6'));
        var communes = table.Document.QuerySelectorAll("section[aria-labelledby=dimension-Commune] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(communes, r => r.Contains("Lanester", StringComparison.Ordinal) && r.Contains("moins de 5", StringComparison.Ordinal));
        Assert.DoesNotContain(communes, r => r.Contains("Lorient", StringComparison.Ordinal) && r.Contains(" 5 ", StringComparison.Ordinal));
        Assert.Contains("75 ans et plus", table.Text("section[aria-labelledby=unheard]"), StringComparison.Ordinal);

        // Staff go and meet a commune barely heard in one step: a desk set up there, saying why, to complete; not elsewhere.
        Assert.Empty(table.Document.QuerySelectorAll("form[action*='handler=Outreach']"));
        var staffTable = await admin.GetAsync($"/processes/{process.Slug}/who-took-part");
        var button = staffTable.Document.QuerySelectorAll("section[aria-labelledby=unheard] form[action*='handler=Outreach']")
            .Single(f => f.QuerySelector("input[name=commune]")!.GetAttribute("value") == "Lanester");
        Assert.Equal("Organiser une permanence à Lanester", button.QuerySelector("button")!.TextContent);
        var component = button.QuerySelector("input[name=componentId]")!.GetAttribute("value")!;
        var forged = await admin.PostAsync($"/processes/{process.Slug}/who-took-part?handler=Outreach", new Dictionary<string, string> { ["componentId"] = component, ["commune"] = "Lorient" });
        Assert.Equal(HttpStatusCode.NotFound, forged.Status);
        var outreach = await admin.PostAsync($"/processes/{process.Slug}/who-took-part?handler=Outreach", new Dictionary<string, string> { ["componentId"] = component, ["commune"] = "Lanester" });
        Assert.Equal(HttpStatusCode.Redirect, outreach.Status);
        var desk = await app.WithDatabaseAsync(db => db.Meetings.Include(m => m.Sites).SingleAsync(m => m.Title == "Permanence à Lanester"));
        Assert.Equal($"/meetings/{desk.Id}/edit", outreach.Location);
        // Pressed again (a double click, another tab): the same desk to complete, not a second one.
        var again = await admin.PostAsync($"/processes/{process.Slug}/who-took-part?handler=Outreach", new Dictionary<string, string> { ["componentId"] = component, ["commune"] = "Lanester" });
        Assert.Equal(outreach.Location, again.Location);
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.Meetings.CountAsync(m => m.Title == "Permanence à Lanester")));
        Assert.Equal(["Lanester"], desk.Sites.Select(s => s.Name));
        Assert.Contains("Lanester compte 23 %", desk.Description.Replace('\u00a0', ' '), StringComparison.Ordinal);
        Assert.Equal(DateTime.Today.AddDays(14).AddHours(10), desk.StartsAt.ToLocalTime().DateTime);
        Assert.Contains("précisez la date", (await admin.GetAsync(outreach.Location!)).Texts(".notice").Last(), StringComparison.Ordinal);

        // The council's report carries the same table and its method, the small cells suppressed there too.
        var report = await analyst.GetAsync($"/processes/{process.Slug}/report");
        Assert.Contains("Qui a participé", report.Texts("h2, h3").ToList());
        var ageRows = report.Document.QuerySelectorAll("table").Where(t => t.QuerySelector("caption")?.TextContent.Contains("Âge", StringComparison.Ordinal) == true)
            .SelectMany(t => t.QuerySelectorAll("tbody tr")).Select(r => r.TextContent).ToList();
        Assert.Contains(ageRows, r => r.Contains("30 à 44 ans", StringComparison.Ordinal) && r.Contains("100", StringComparison.Ordinal));
        Assert.Contains("moins de 5", string.Join(" ", report.Document.QuerySelectorAll("table").Select(t => t.TextContent)), StringComparison.Ordinal);
        Assert.Contains("75 ans et plus", report.Text("main"), StringComparison.Ordinal);

        // The person's answers are theirs: in their data, deleted at will, gone with the account.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var data = scope.ServiceProvider.GetRequiredService<PersonalData>();
            var db = scope.ServiceProvider.GetRequiredService<ParvisDbContext>();
            Assert.Contains("\"30-44\"", Encoding.UTF8.GetString(await data.ExportAsync(await db.Users.SingleAsync(u => u.Id == people[2].Person.Id))), StringComparison.Ordinal);
            await data.EraseAsync(await db.Users.SingleAsync(u => u.Id == people[2].Person.Id), ErasureChoice.Anonymise);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await people[3].Session.PostAsync($"{page}?handler=Delete", new Dictionary<string, string> { ["confirmed"] = "true" }, page)).Status);
        Assert.Equal(4, await app.WithDatabaseAsync(db => db.DemographicAnswers.CountAsync(a => a.ProcessId == process.Id)));

        // A facilitator types in paper forms gathered at a workshop: counted in that channel, naming nobody; an empty one is refused.
        var forms = $"/processes/{process.Slug}/about-you/forms";
        Assert.Equal(HttpStatusCode.Redirect, (await people[1].Session.GetAsync(forms)).Status);
        var (facilitator, _) = await app.SignedInAsync("Animatrice qui recopie", Role.Facilitator, process.Id);
        var empty = await facilitator.PostAsync(forms, new Dictionary<string, string> { ["Channel"] = "Workshop" });
        Assert.Contains("vide", empty.Text(".alert"), StringComparison.Ordinal);
        for (var i = 0; i < 5; i++)
        {
            var typed = await facilitator.PostAsync(forms, new Dictionary<string, string> { ["Channel"] = "Workshop", ["AgeBand"] = "75+", ["Gender"] = "M", ["Commune"] = "Lanester" });
            Assert.Equal($"{forms}?channel=Workshop", typed.Location);
        }
        Assert.Equal(5, await app.WithDatabaseAsync(db => db.DemographicAnswers.CountAsync(a => a.ProcessId == process.Id && a.PersonId == null && a.Channel == Channel.Workshop)));
        Assert.Contains("5 questionnaires saisis", (await facilitator.GetAsync($"{forms}?channel=Workshop")).Text("main"), StringComparison.Ordinal);
        var withForms = await analyst.GetAsync($"/processes/{process.Slug}/who-took-part");
        var olderRow = withForms.Document.QuerySelectorAll("section[aria-labelledby=dimension-Age] tbody tr").Select(r => r.TextContent).Single(r => r.Contains("75 ans et plus", StringComparison.Ordinal));
        Assert.Contains("5", olderRow, StringComparison.Ordinal);
        Assert.Contains("atelier", withForms.Text("section[aria-labelledby=dimension-Age] thead"), StringComparison.OrdinalIgnoreCase);
    }
}
