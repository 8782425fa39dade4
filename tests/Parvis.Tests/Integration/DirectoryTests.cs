using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Privacy;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Tests.Integration;

/// <summary>
/// The directory: entries proposed by anyone and unseen until staff accept them, changes waiting beside the entry they
/// change, every accepted version kept, the list searched without script, entries closed with a reason, the maps drawn
/// over an imported territory without any other server, open data, and a proposer's data.
/// </summary>
[Trait("Suite", "integration")]
public sealed class DirectoryTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    private static Dictionary<string, string> Entry(string name, string hours = "Mardi au samedi, 10 h – 18 h", string website = "https://example.org/mediatheque",
        string latitude = "47,7477", string longitude = "-3.3669") => new()
    {
        ["Input.Name"] = name, ["Input.Kind"] = "MediationPlace", ["Input.Description"] = "Un conseiller numérique aide aux démarches en ligne.",
        ["Input.Address"] = "Place de l'Hôtel de Ville", ["Input.Commune"] = "Lorient", ["Input.Latitude"] = latitude, ["Input.Longitude"] = longitude,
        ["Input.OpeningHours"] = hours, ["Input.Access"] = "StepFree", ["Input.Phone"] = "02 97 00 00 01", ["Input.Website"] = website,
        ["Input.Note"] = "Vu sur l'affiche de la mairie.",
    };

    private async Task<Process> DirectoryProcessAsync(string slug) =>
        await app.AddProcessAsync(slug, new Phase
        {
            Title = "Annuaire", StartsOn = DateOnly.FromDateTime(DateTime.Today.AddDays(-3)), EndsOn = DateOnly.FromDateTime(DateTime.Today.AddDays(30)),
            Switches = [Parvis.Web.Modules.LocalDirectory.LocalDirectoryModule.Proposing],
        });

    [Fact]
    public async Task An_entry_is_proposed_checked_changed_and_closed_with_every_version_kept()
    {
        var process = await DirectoryProcessAsync("annuaire");
        var list = $"/processes/{process.Slug}/directory";
        var (proposer, person) = await app.SignedInAsync("Habitante qui signale");
        var (other, _) = await app.SignedInAsync("Autre habitant");
        var (staff, _) = await app.SignedInAsync("Équipe annuaire", Role.Administrator);
        var visitor = app.NewSession();

        // A visitor is asked to sign in; a hostile link and a half coordinate are refused next to their fields, nothing lost or stored.
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.GetAsync($"{list}/new")).Status);
        var hostile = await proposer.PostAsync($"{list}/new", Entry("Espace numérique de la médiathèque", website: "javascript:alert(1)"));
        Assert.Equal(HttpStatusCode.OK, hostile.Status);
        Assert.Contains("https://", hostile.Text("#Input_Website-error"), StringComparison.Ordinal);
        Assert.Equal("Espace numérique de la médiathèque", hostile.Document.QuerySelector("#Input_Name")?.GetAttribute("value"));
        var half = await proposer.PostAsync($"{list}/new", Entry("Espace numérique de la médiathèque", longitude: ""));
        Assert.Contains("latitude", half.Text("#Input_Latitude-error"), StringComparison.Ordinal);
        var everyFlag = Entry("Espace numérique de la médiathèque");
        everyFlag["Input.Access"] = "255";
        Assert.Equal(HttpStatusCode.OK, (await proposer.PostAsync($"{list}/new", everyFlag)).Status);
        var notNumber = await proposer.PostAsync($"{list}/new", Entry("Espace numérique de la médiathèque", latitude: "nord"));
        Assert.Contains("nombre", notNumber.Text("#Input_Latitude-error"), StringComparison.Ordinal);
        Assert.False(await app.WithDatabaseAsync(db => db.DirectoryEntries.AnyAsync(e => e.ProcessId == process.Id)));
        // A description of emoji at its longest, which JSON writes six characters to the half, is stored whole.
        var emoji = Entry("Le café des émojis");
        emoji["Input.Description"] = string.Concat(Enumerable.Repeat("😀", Parvis.Web.Modules.LocalDirectory.EntryContent.DescriptionMax / 2));
        Assert.Equal(HttpStatusCode.Redirect, (await proposer.PostAsync($"{list}/new", emoji)).Status);
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.DirectoryEntries.CountAsync(e => e.ProcessId == process.Id)));
        await app.WithDatabaseAsync(db => db.DirectoryEntries.Where(e => e.ProcessId == process.Id).ExecuteDeleteAsync());

        // Proposed: seen by its proposer and staff only, out of the list.
        var proposed = await proposer.PostAsync($"{list}/new", Entry("Espace numérique de la médiathèque"));
        Assert.Equal(HttpStatusCode.Redirect, proposed.Status);
        var page = proposed.Location!;
        var id = Guid.Parse(page.Split('/')[^1]);
        var entry = await app.WithDatabaseAsync(db => db.DirectoryEntries.SingleAsync(e => e.Id == id));
        Assert.Equal((Parvis.Web.Modules.LocalDirectory.EntryState.Proposed, 0, 47.7477), (entry.State, entry.Version, entry.Latitude!.Value));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(page)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(page)).Status);
        Assert.Contains("attend la vérification", (await proposer.GetAsync(page)).Texts(".notice").Last(), StringComparison.Ordinal);
        Assert.Contains("Aucune fiche", (await visitor.GetAsync(list)).Text("#found"), StringComparison.Ordinal);

        // Staff see it waiting, and accept it: listed, version 1, checked today.
        var admin = await staff.GetAsync($"/admin/processes/{process.Id}/directory");
        var review = admin.Document.QuerySelector("section[aria-labelledby=waiting] a")!.GetAttribute("href")!;
        Assert.Contains("Nouvelle fiche", admin.Text("section[aria-labelledby=waiting]"), StringComparison.Ordinal);
        Assert.Contains("Vu sur l'affiche", admin.Text("section[aria-labelledby=waiting]"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await proposer.GetAsync(review)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync($"{review}?handler=Accept", [], review)).Status);
        entry = await app.WithDatabaseAsync(db => db.DirectoryEntries.SingleAsync(e => e.Id == id));
        Assert.Equal((Parvis.Web.Modules.LocalDirectory.EntryState.Published, 1), (entry.State, entry.Version));
        Assert.NotNull(entry.CheckedAt);
        var shown = await visitor.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, shown.Status);
        Assert.Contains("Informations vérifiées le", shown.Text("dl.facts"), StringComparison.Ordinal);
        Assert.Contains("Accès de plain-pied", shown.Text("dl.facts"), StringComparison.Ordinal);

        // The list is searched by link, without regard to case or accents, and by kind, commune and access.
        Assert.Contains("Espace numérique", (await visitor.GetAsync($"{list}?q=MEDIATHEQUE")).Text("ul.card-list"), StringComparison.Ordinal);
        Assert.Contains("1 fiche trouvée", (await visitor.GetAsync($"{list}?q=mediatheque&kind=MediationPlace&commune=lorient&access=step-free")).Text("#found"), StringComparison.Ordinal);
        Assert.Contains("Aucune fiche trouvée", (await visitor.GetAsync($"{list}?kind=Training")).Text("#found"), StringComparison.Ordinal);
        Assert.Contains("Aucune fiche trouvée", (await visitor.GetAsync($"{list}?q=piscine")).Text("#found"), StringComparison.Ordinal);

        // A change waits beside the entry, which stays as it is; a second one from the same person replaces the first.
        var change = $"{page}/change";
        Assert.Equal("Mardi au samedi, 10 h – 18 h", (await proposer.GetAsync(change)).Text("#Input_OpeningHours"));
        Assert.Equal(HttpStatusCode.Redirect, (await proposer.PostAsync(change, Entry("Espace numérique de la médiathèque", hours: "Lundi, 9 h – 12 h"))).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await proposer.PostAsync(change, Entry("Espace numérique de la médiathèque", hours: "Mardi au samedi, 9 h – 19 h"))).Status);
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.DirectoryVersions.CountAsync(v => v.EntryId == id && v.State == Parvis.Web.Modules.LocalDirectory.VersionState.Pending)));
        Assert.Contains("Mardi au samedi, 10 h – 18 h", (await visitor.GetAsync(page)).Text("dl.facts"), StringComparison.Ordinal);
        Assert.Contains("attend la vérification", (await proposer.GetAsync(page)).Text("section[aria-labelledby=change]"), StringComparison.Ordinal);

        // Another person's change, refused with a reason; the first accepted after a side-by-side look.
        Assert.Equal(HttpStatusCode.Redirect, (await other.PostAsync(change, Entry("Espace numérique fermé", hours: "Fermé"))).Status);
        var waiting = (await staff.GetAsync($"/admin/processes/{process.Id}/directory")).Document.QuerySelectorAll("section[aria-labelledby=waiting] tbody tr")
            .Select(r => (Link: r.QuerySelector("a")!.GetAttribute("href")!, Text: r.TextContent)).ToList();
        Assert.Equal(2, waiting.Count);
        Assert.All(waiting, w => Assert.Contains("Horaires", w.Text, StringComparison.Ordinal));
        var wrong = waiting.Single(w => w.Text.Contains("Nom", StringComparison.Ordinal)).Link;
        var right = waiting.Single(w => !w.Text.Contains("Nom", StringComparison.Ordinal)).Link;
        var side = await staff.GetAsync(right);
        var changedRow = side.Document.QuerySelectorAll("tbody tr.changed").Select(r => r.TextContent).Single();
        Assert.Contains("Mardi au samedi, 10 h – 18 h", changedRow, StringComparison.Ordinal);
        Assert.Contains("Mardi au samedi, 9 h – 19 h", changedRow, StringComparison.Ordinal);
        var noReason = await staff.PostAsync($"{wrong}?handler=Refuse", new Dictionary<string, string> { ["Reason"] = "" }, wrong);
        Assert.Equal(HttpStatusCode.OK, noReason.Status);
        Assert.NotEmpty(noReason.Text("#Reason-error"));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync($"{wrong}?handler=Refuse", new Dictionary<string, string> { ["Reason"] = "Le lieu est ouvert, nous avons appelé." }, wrong)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync($"{right}?handler=Accept", [], right)).Status);
        var history = await visitor.GetAsync($"{page}/history");
        var versions = history.Texts("ol.card-list > li").ToList();
        Assert.Equal(2, versions.Count);
        Assert.Contains("Version 2", versions[0], StringComparison.Ordinal);
        Assert.Contains("Modifié\u00a0: Horaires", versions[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Habitante", history.Body, StringComparison.Ordinal);
        Assert.Contains("9 h – 19 h", (await visitor.GetAsync(page)).Text("dl.facts"), StringComparison.Ordinal);

        // Staff change an entry at once: a third version, taken in without waiting.
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync(change, Entry("Espace numérique de la médiathèque", hours: "Mardi au samedi, 9 h – 19 h", website: "https://example.org/numerique"))).Status);
        entry = await app.WithDatabaseAsync(db => db.DirectoryEntries.SingleAsync(e => e.Id == id));
        Assert.Equal((3, "https://example.org/numerique"), (entry.Version, entry.Website));
        // Sent twice at once, the second save finds the number taken (here by a row written as the first click would): refused, not an error.
        await app.WithDatabaseAsync(async db =>
        {
            db.DirectoryVersions.Add(new Parvis.Web.Modules.LocalDirectory.DirectoryVersion
            {
                EntryId = id, Number = 4, BasedOn = 3, State = Parvis.Web.Modules.LocalDirectory.VersionState.Accepted, Content = "{}", ProposedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        });
        var twice = await staff.PostAsync(change, Entry("Espace numérique de la médiathèque", hours: "Lundi au samedi", website: "https://example.org/numerique"));
        Assert.Contains("vient d'être acceptée", twice.Text(".alert"), StringComparison.Ordinal);
        Assert.Equal(3, await app.WithDatabaseAsync(db => db.DirectoryEntries.Where(e => e.Id == id).Select(e => e.Version).SingleAsync()));
        await app.WithDatabaseAsync(db => db.DirectoryVersions.Where(v => v.EntryId == id && v.Number == 4).ExecuteDeleteAsync());

        // Written in another language than the site's: the writer says so, the entry's page marks it, the history says it changed.
        Assert.Equal("fr", entry.Language);
        var english = Entry("Espace numérique de la médiathèque", hours: "Tuesday to Saturday, 9 am to 7 pm", website: "https://example.org/numerique");
        english[Parvis.Web.Kernel.Text.ContentLanguage.Field] = "en";
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync(change, english)).Status);
        var written = await app.WithDatabaseAsync(db => db.DirectoryEntries.SingleAsync(e => e.Id == id));
        Assert.Equal((4, "en"), (written.Version, written.Language));
        Assert.Equal("en", (await visitor.GetAsync(page)).Document.QuerySelector("h1")!.GetAttribute("lang"));
        Assert.Contains("Langue", (await visitor.GetAsync($"{page}/history")).Text("ol.card-list > li"), StringComparison.Ordinal);

        // Open data carries the listed entry and its place; the proposer's data carries their proposals.
        var csv = await visitor.GetAsync($"/open-data/directory.csv?process={process.Slug}");
        Assert.Contains("Espace numérique de la médiathèque", csv.Body, StringComparison.Ordinal);
        var geojson = await visitor.GetAsync($"/open-data/directory.geojson?process={process.Slug}");
        Assert.Contains("-3.3669", geojson.Body, StringComparison.Ordinal);
        Assert.Contains("47.7477", geojson.Body, StringComparison.Ordinal);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var data = scope.ServiceProvider.GetRequiredService<PersonalData>();
            var db = scope.ServiceProvider.GetRequiredService<ParvisDbContext>();
            var export = Encoding.UTF8.GetString(await data.ExportAsync(await db.Users.SingleAsync(u => u.Id == person.Id)));
            Assert.Contains("affiche de la mairie.", export, StringComparison.Ordinal);
        }

        // A result's update names the entry as the actor carrying it: each page leads to the other; an unknown actor is refused.
        var added = await staff.PostAsync($"/processes/{process.Slug}/synthesis", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Action", ["Input.Title"] = "Des permanences numériques dans chaque commune", ["Input.Body"] = "",
        });
        var action = Guid.Parse(added.Location!.Split("#item-")[1]);
        var update = $"/synthesis/{action}/update";
        Dictionary<string, string> Update(string actor) => new()
        {
            ["Status"] = "InProgress", ["Progress"] = "10", ["ResponsibleBody"] = "Lorient Agglomération", ["Note"] = "Première permanence ouverte.",
            ["On"] = DateTime.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["Actor"] = actor,
        };
        Assert.Contains(id.ToString(), (await staff.GetAsync(update)).Document.QuerySelector("#Actor")!.InnerHtml, StringComparison.Ordinal);
        var unknown = await staff.PostAsync(update, Update(Guid.NewGuid().ToString()));
        Assert.NotEmpty(unknown.Text("#Actor-error"));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync(update, Update(id.ToString()))).Status);
        // Saved again with the same actor, the result keeps one mention.
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync(update, Update(id.ToString()))).Status);
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.ActorMentions.CountAsync(m => m.SubjectId == action)));
        Assert.Equal($"/directory/{id}", (await visitor.GetAsync($"/synthesis/{action}")).Document.QuerySelector("section[aria-labelledby=tracking] a[href^='/directory/']")?.GetAttribute("href"));
        Assert.Equal($"/synthesis/{action}", (await visitor.GetAsync(page)).Document.QuerySelector("section[aria-labelledby=appears] a")?.GetAttribute("href"));

        // Closed with a public reason: out of the list, its page says why; staff list it again.
        var missing = await staff.PostAsync($"{page}?handler=Close", new Dictionary<string, string> { ["Reason"] = "" }, page);
        Assert.NotEmpty(missing.Text("#Reason-error"));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync($"{page}?handler=Close", new Dictionary<string, string> { ["Reason"] = "Lieu fermé depuis septembre." }, page)).Status);
        Assert.Contains("Aucune fiche", (await visitor.GetAsync(list)).Text("#found"), StringComparison.Ordinal);
        Assert.Contains("Lieu fermé depuis septembre.", (await visitor.GetAsync(page)).Texts(".notice").Last(), StringComparison.Ordinal);
        Assert.Contains(",closed,", (await visitor.GetAsync($"/open-data/directory.csv?process={process.Slug}")).Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync($"{page}?handler=Reopen", [], page)).Status);
        Assert.Contains("1 fiche", (await visitor.GetAsync(list)).Text("#found"), StringComparison.Ordinal);

        // Where the phase does not open proposals, a participant is refused; staff still keep the directory up to date.
        var closed = await app.WithDatabaseAsync(db => db.Processes.SingleAsync(p => p.Id == app.World.ClosedProcessId));
        Assert.Equal(HttpStatusCode.Redirect, (await proposer.GetAsync($"/processes/{closed.Slug}/directory/new")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync($"/processes/{closed.Slug}/directory/new", Entry("France services"))).Status);

        // Erasure with removal takes a person's waiting proposals with it; taken-in versions stay, unsigned.
        Assert.Equal(HttpStatusCode.Redirect, (await proposer.PostAsync(change, Entry("Espace numérique de la médiathèque", hours: "Le soir"))).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await proposer.PostAsync($"{list}/new", Entry("Atelier jamais vérifié"))).Status);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var data = scope.ServiceProvider.GetRequiredService<PersonalData>();
            var db = scope.ServiceProvider.GetRequiredService<ParvisDbContext>();
            await data.EraseAsync(await db.Users.SingleAsync(u => u.Id == person.Id), ErasureChoice.Remove);
        }
        var left = await app.WithDatabaseAsync(db => db.DirectoryVersions.Where(v => v.EntryId == id).Select(v => new { v.State, v.AuthorId, v.Note }).ToListAsync());
        Assert.DoesNotContain(left, v => v.State == Parvis.Web.Modules.LocalDirectory.VersionState.Pending);
        Assert.DoesNotContain(left, v => v.AuthorId == person.Id);
        Assert.Equal(4, left.Count(v => v.State == Parvis.Web.Modules.LocalDirectory.VersionState.Accepted));
        Assert.False(await app.WithDatabaseAsync(db => db.DirectoryEntries.AnyAsync(e => e.Name == "Atelier jamais vérifié")));
    }

    [Fact]
    public async Task A_directory_listing_as_many_entries_as_it_shows_takes_no_more_so_none_goes_missing()
    {
        var process = await DirectoryProcessAsync("annuaire-plein");
        var list = $"/processes/{process.Slug}/directory";
        var (proposer, _) = await app.SignedInAsync("Habitant d'un grand annuaire");
        var (staff, _) = await app.SignedInAsync("Équipe du grand annuaire", Role.Administrator);
        var waiting = await proposer.PostAsync($"{list}/new", Entry("Fiche qui attendait"));
        Assert.Equal(HttpStatusCode.Redirect, waiting.Status);
        await app.WithDatabaseAsync(async db =>
        {
            db.DirectoryEntries.AddRange(Enumerable.Range(0, Parvis.Web.Modules.LocalDirectory.DirectoryListing.MostListed).Select(i => new Parvis.Web.Modules.LocalDirectory.DirectoryEntry
            {
                OrganisationId = app.World.OrganisationId, ProcessId = process.Id, Name = $"Fiche {i:D4}", State = Parvis.Web.Modules.LocalDirectory.EntryState.Published, Version = 1,
            }));
            await db.SaveChangesAsync();
        });

        // Staff's new entry is refused, saying why, what they typed kept; a waiting one is not taken in either.
        var added = await staff.PostAsync($"{list}/new", Entry("Une fiche de trop"));
        Assert.Equal(HttpStatusCode.OK, added.Status);
        Assert.Contains("5\u00a0000 fiches", added.Text(".alert, .error-summary"), StringComparison.Ordinal);
        Assert.Equal("Une fiche de trop", added.Document.QuerySelector("#Input_Name")?.GetAttribute("value"));
        var review = (await staff.GetAsync($"/admin/processes/{process.Id}/directory")).Document.QuerySelector("section[aria-labelledby=waiting] a")!.GetAttribute("href")!;
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"{review}?handler=Accept", [], review)).Status);
        Assert.False(await app.WithDatabaseAsync(db => db.DirectoryEntries.AnyAsync(e => e.ProcessId == process.Id && (e.Name == "Une fiche de trop" || (e.Name == "Fiche qui attendait" && e.State == Parvis.Web.Modules.LocalDirectory.EntryState.Published)))));

        // One entry closed frees a place: the waiting one is taken in.
        var first = await app.WithDatabaseAsync(db => db.DirectoryEntries.Where(e => e.ProcessId == process.Id && e.Name == "Fiche 0000").Select(e => e.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync($"/directory/{first}?handler=Close", new Dictionary<string, string> { ["Reason"] = "Lieu fermé depuis l'été." }, $"/directory/{first}")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync($"{review}?handler=Accept", [], review)).Status);
        // Full again: the closed one cannot be listed again.
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/directory/{first}?handler=Reopen", [], $"/directory/{first}")).Status);
        Assert.Equal(Parvis.Web.Modules.LocalDirectory.EntryState.Closed, await app.WithDatabaseAsync(db => db.DirectoryEntries.Where(e => e.Id == first).Select(e => e.State).SingleAsync()));

        // The list reads a page at a time, the second going on where the first stopped.
        var visitor = app.NewSession();
        var (one, two) = (await visitor.GetAsync(list), await visitor.GetAsync($"{list}?page=2"));
        Assert.Equal("Page 2 sur 100", two.Text("nav .pagination li:nth-child(2)"));
        Assert.Equal($"{list}?page=1", two.Document.QuerySelector("nav .pagination a[rel=prev]")!.GetAttribute("href"));
        var (firstNames, secondNames) = (one.Texts("main li h3").ToList(), two.Texts("main li h3").ToList());
        Assert.Equal((50, 50), (firstNames.Count, secondNames.Count));
        Assert.Empty(firstNames.Intersect(secondNames));
    }

    [Fact]
    public async Task The_territory_is_imported_and_the_maps_are_drawn_over_it_by_the_server_alone()
    {
        var process = await DirectoryProcessAsync("annuaire-carte");
        var list = $"/processes/{process.Slug}/directory";
        var (admin, _) = await app.SignedInAsync("Administratrice du territoire", Role.Administrator);
        var visitor = app.NewSession();

        // A refused file names its faulty features and changes nothing.
        static string Square(string name, double west, double south) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{{\"type\":\"Feature\",\"properties\":{{\"nom\":\"{name}\"}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[[{west},{south}],[{west + 0.06},{south}],[{west + 0.06},{south + 0.06}],[{west},{south + 0.06}],[{west},{south}]]]}}}}");
        static byte[] Collection(params string[] features) => Encoding.UTF8.GetBytes($"{{\"type\":\"FeatureCollection\",\"features\":[{string.Join(',', features)}]}}");
        var refused = await admin.PostFileAsync("/admin/territory", "file", "communes.geojson", Collection(Square("Lorient", -3.40, 47.72), Square("Loin", 227000, 6750000)));
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("Élément 2", refused.Text("#file-error"), StringComparison.Ordinal);
        Assert.Contains("WGS 84", refused.Text("#file-error"), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.TerritoryAreas.CountAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFileAsync("/admin/territory", "file", "communes.geojson", Collection(Square("Lorient", -3.40, 47.72), Square("Lanester", -3.34, 47.72)))).Status);
        var territory = await admin.GetAsync("/admin/territory");
        Assert.Equal(2, territory.Document.QuerySelectorAll("svg .areas path").Length);

        // An entry placed by its coordinates, another only by its commune: drawn at the commune's label, marked as rough.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync($"{list}/new", Entry("Espace numérique de la médiathèque"))).Status);
        var rough = Entry("France services de Lanester", latitude: "", longitude: "");
        rough["Input.Commune"] = "Lanester";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync($"{list}/new", rough)).Status);
        var map = await visitor.GetAsync($"{list}/map");
        Assert.Equal(HttpStatusCode.OK, map.Status);
        var svg = map.Document.QuerySelector("figure.map svg")!;
        Assert.Equal(["Lorient", "Lanester"], svg.QuerySelectorAll(".areas text").Select(t => t.TextContent).OrderByDescending(t => t));
        Assert.Equal(2, svg.QuerySelectorAll(".points a").Length);
        Assert.Equal(1, svg.QuerySelectorAll("circle.approximate").Length);
        Assert.All(svg.QuerySelectorAll(".points a"), a => Assert.StartsWith("/directory/", a.GetAttribute("href"), StringComparison.Ordinal));
        Assert.Equal(["http://www.w3.org/2000/svg"], System.Text.RegularExpressions.Regex.Matches(svg.OuterHtml, "https?://[^\"]*").Select(m => m.Value).Distinct());
        Assert.Equal(2, map.Document.QuerySelectorAll("ol.legend li").Length);
        Assert.Contains("centre de la commune", map.Text("ol.legend"), StringComparison.Ordinal);

        // The map follows the list's search; the printed map has its numbered legend as a table.
        Assert.Equal(1, (await visitor.GetAsync($"{list}/map?commune=Lanester")).Document.QuerySelectorAll("figure.map svg .points a").Length);
        var print = await visitor.GetAsync($"{list}/print");
        Assert.Equal(["1", "2"], print.Document.QuerySelectorAll("table.legend tbody tr td:first-child").Select(c => c.TextContent));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"{list}/elsewhere")).Status);

        // An entry's page shows it on the territory; removed, the territory leaves the maps to their points.
        var id = await app.WithDatabaseAsync(db => db.DirectoryEntries.Where(e => e.ProcessId == process.Id && e.Commune == "Lanester").Select(e => e.Id).SingleAsync());
        Assert.Equal(1, (await visitor.GetAsync($"/directory/{id}")).Document.QuerySelectorAll("figure.map svg circle.approximate").Length);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/admin/territory?handler=Remove", new Dictionary<string, string> { ["confirmed"] = "true" }, "/admin/territory")).Status);
        var bare = await visitor.GetAsync($"{list}/map");
        Assert.Empty(bare.Document.QuerySelectorAll("svg .areas"));
        Assert.Equal(1, bare.Document.QuerySelectorAll("figure.map svg .points a").Length);
        Assert.Contains("France services", bare.Text("section[aria-labelledby=legend] ul"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_background_map_is_imported_from_its_archive_and_drawn_under_the_maps_by_the_server()
    {
        var process = await DirectoryProcessAsync("annuaire-fond");
        var list = $"/processes/{process.Slug}/directory";
        var (admin, _) = await app.SignedInAsync("Administrateur du fond de carte", Role.Administrator);
        var (manager, _) = await app.SignedInAsync("Responsable de démarche", Role.ProcessManager);
        var visitor = app.NewSession();
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync($"{list}/new", Entry("Tiers-lieu du port"))).Status);
        var id = await app.WithDatabaseAsync(db => db.DirectoryEntries.Where(e => e.ProcessId == process.Id).Select(e => e.Id).SingleAsync());
        // Without territory or background, an entry's page has no map: a point on a blank page says nothing.
        Assert.Empty((await visitor.GetAsync($"/directory/{id}")).Document.QuerySelectorAll("figure.map"));

        // Only who manages the organisation imports; a file that is not an archive is refused next to its field.
        await manager.PostFileAsync("/admin/territory?handler=Basemap", "basemap", "lorient.pmtiles", CraftedBasemap.PmTiles(), "/account/sign-out");
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.Basemaps.CountAsync()));
        var refused = await admin.PostFileAsync("/admin/territory?handler=Basemap", "basemap", "communes.geojson", "{\"type\":\"FeatureCollection\"}"u8.ToArray());
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("ni une archive PMTiles ni une archive MBTiles", refused.Text("#basemap-error"), StringComparison.Ordinal);
        Assert.Equal("basemap", refused.Document.QuerySelector("#basemap")!.GetAttribute("name"));
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.Basemaps.CountAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFileAsync("/admin/territory?handler=Basemap", "basemap", "lorient.pmtiles", CraftedBasemap.PmTiles())).Status);
        var settings = await admin.GetAsync("/admin/territory");
        Assert.Contains("lorient.pmtiles", settings.Text("section[aria-labelledby=basemap-title] dl"), StringComparison.Ordinal);
        Assert.Contains("© OpenStreetMap contributors", settings.Text("section[aria-labelledby=basemap-title] dl"), StringComparison.Ordinal);
        Assert.NotNull(settings.Document.QuerySelector("figure.map svg.with-basemap g.basemap path.water"));

        // The directory's map and an entry's page draw the background under the points, and say whom it is owed to.
        var map = await visitor.GetAsync($"{list}/map");
        var svg = map.Document.QuerySelector("figure.map svg")!;
        // Around the lone point, a town's width: the park and the main road nearby, not the sea further south.
        Assert.Equal(["green", "road major"], svg.QuerySelectorAll("g.basemap path").Select(p => p.GetAttribute("class")));
        Assert.Equal("true", svg.QuerySelector("g.basemap")!.GetAttribute("aria-hidden"));
        Assert.Equal(1, svg.QuerySelectorAll(".points a").Length);
        Assert.Equal(["http://www.w3.org/2000/svg"], System.Text.RegularExpressions.Regex.Matches(svg.OuterHtml, "https?://[^\"]*").Select(m => m.Value).Distinct());
        Assert.Equal("Fond de carte\u00a0: © OpenStreetMap contributors", map.Text("figure.map .map-attribution"));
        var entry = await visitor.GetAsync($"/directory/{id}");
        Assert.NotNull(entry.Document.QuerySelector("figure.map svg g.basemap path.green"));

        // Another archive replaces the first; the attribution typed wins over the file's.
        var replaced = await admin.PostFileAsync("/admin/territory?handler=Basemap", "basemap", "lorient.mbtiles", CraftedBasemap.MbTiles(),
            fields: new Dictionary<string, string> { ["Attribution"] = "Données © OpenStreetMap, extrait de la ville" });
        Assert.Equal(HttpStatusCode.Redirect, replaced.Status);
        var stored = await app.WithDatabaseAsync(db => db.Basemaps.SingleAsync());
        Assert.Equal(("lorient.mbtiles", "Données © OpenStreetMap, extrait de la ville"), (stored.FileName, stored.Attribution));
        Assert.Equal(stored.TileCount, await app.WithDatabaseAsync(db => db.BasemapTiles.CountAsync()));
        Assert.Contains("Données © OpenStreetMap", (await visitor.GetAsync($"{list}/map")).Text("figure.map .map-attribution"), StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDatabaseAsync(db => db.AuditEntries.CountAsync(a => a.Action == "basemap.import")));

        // Removed, with its tiles: the maps go back to the territory and the points.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/admin/territory?handler=RemoveBasemap", new Dictionary<string, string> { ["confirmed"] = "true" }, "/admin/territory")).Status);
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.BasemapTiles.CountAsync()));
        var bare = await visitor.GetAsync($"{list}/map");
        Assert.Empty(bare.Document.QuerySelectorAll("g.basemap, .map-attribution"));
        Assert.Equal(1, bare.Document.QuerySelectorAll("figure.map svg .points a").Length);
    }
}
