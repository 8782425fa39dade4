using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Offline;
using Parvis.Web.Modules.Workshops.Offline;

namespace Parvis.Tests.Integration;

/// <summary>
/// The "débrayable" workshop between two installations, each with its own database: the main one exports,
/// a laptop runs the workshop alone, its signed bundle comes back once, without duplicates, tampering refused.
/// </summary>
[Trait("Suite", "integration")]
public sealed class OfflineTests(ParvisApp main) : IClassFixture<ParvisApp>
{
    private static Task<Session.Response> ConsoleAsync(Session session, Guid workshopId, string handler, Dictionary<string, string> fields) =>
        session.PostAsync($"/workshops/{workshopId}/console?handler={handler}", fields, $"/workshops/{workshopId}/console");

    private static Task<Session.Response> UploadAsync(Session session, string page, string handler, byte[] file) =>
        session.PostFileAsync($"{page}?handler={handler}", "Upload", "atelier.json", file, page);

    private static Task<List<WorkshopItem>> ItemsAsync(ParvisApp app, Guid workshopId) =>
        app.WithDatabaseAsync(db => db.WorkshopItems.AsNoTracking().Where(i => i.WorkshopId == workshopId).OrderBy(i => i.Id).ToListAsync());

    /// <summary>Each item as both sides must agree on it: a hidden one hidden on both, its words on the main side only.</summary>
    private static List<string> Same(List<WorkshopItem> items) =>
        items.Select(i => $"{i.Id}|{i.GroupId}|{i.ItemKind}|{i.ParentId}|{(i.HiddenAt is null ? i.Text : "(masqué)")}|{i.Carried}|{i.MergedIntoId}|{i.Origin}").ToList();

    [Fact]
    public async Task A_workshop_runs_on_a_laptop_without_network_and_comes_back_once_with_nothing_lost_or_doubled()
    {
        // The main installation: a workshop with a concern already recorded.
        await main.WithDatabaseAsync(async db =>
        {
            var today = DateOnly.FromDateTime(DateTime.Now);
            db.Processes.Add(ParvisApp.NewProcess(main.World.OrganisationId, "debrayable", new Phase { Title = "Ateliers", StartsOn = today.AddDays(-3), EndsOn = today.AddDays(30) }));
            await db.SaveChangesAsync();
        });
        var (manager, _) = await main.SignedInAsync("Pilote principal", Role.ProcessManager);
        var created = await manager.PostAsync("/processes/debrayable/workshops", new Dictionary<string, string>
        {
            ["Title"] = "Atelier à Groix", ["Template"] = "htd", ["StartsAt"] = "2026-11-24T18:30", ["Place"] = "Bar de Tréville",
        });
        var workshopId = Guid.Parse(created.Location!.Split('/')[2]);
        var workshop = await main.WithDatabaseAsync(db => db.Workshops.Include(w => w.Groups).Include(w => w.Times).SingleAsync(w => w.Id == workshopId));
        var groups = workshop.Groups.OrderBy(g => g.Position).Select(g => g.Id).ToList();
        var times = workshop.Times.OrderBy(t => t.Position).Select(t => t.Id).ToList();
        await ConsoleAsync(manager, workshopId, "Add", new() { ["group"] = groups[0].ToString(), ["kind"] = "Concern", ["ItemText"] = "Le bateau et le réseau", ["ParentId"] = "" });
        // Moderation hid one: its words stay off the stick and the laptop, where it is hidden too.
        await ConsoleAsync(manager, workshopId, "Add", new() { ["group"] = groups[1].ToString(), ["kind"] = "Concern", ["ItemText"] = "Un propos injurieux", ["ParentId"] = "" });
        await main.WithDatabaseAsync(db => db.WorkshopItems.Where(i => i.Text == "Un propos injurieux").ExecuteUpdateAsync(u => u.SetProperty(i => i.HiddenAt, DateTimeOffset.UtcNow)));
        var offlinePage = $"/workshops/{workshopId}/offline";
        var package = await manager.PostAsync($"{offlinePage}?handler=Package", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, package.Status);
        Assert.DoesNotContain("injurieux", Encoding.UTF8.GetString(Convert.FromBase64String(JsonNode.Parse(package.Body)!["payload"]!.GetValue<string>())), StringComparison.Ordinal);
        var packageBytes = Encoding.UTF8.GetBytes(package.Body);

        // The laptop: another installation with its own database, no link to the main one but the file.
        await using var laptop = new ParvisApp();
        await ((IAsyncLifetime)laptop).InitializeAsync();
        var (owner, _) = await laptop.SignedInAsync("Animatrice portable", Role.ProcessManager);
        var received = await UploadAsync(owner, "/offline", "", packageBytes);
        Assert.Equal(HttpStatusCode.Redirect, received.Status);
        Assert.Equal($"/workshops/{workshopId}/console", received.Location);
        Assert.Equal(Same(await ItemsAsync(main, workshopId)), Same(await ItemsAsync(laptop, workshopId)));
        Assert.Equal(1, (await ItemsAsync(laptop, workshopId)).Count(i => i.HiddenAt != null && i.Text == ""));
        Assert.Contains("déjà sur cette installation", (await UploadAsync(owner, "/offline", "", packageBytes)).Text("#Upload-error"), StringComparison.Ordinal);
        // Another organisation of the laptop's installation has a copy too: this one's staff do not see it listed.
        await laptop.WithDatabaseAsync(async db =>
        {
            var other = new Parvis.Web.Kernel.Organisations.Organisation { Slug = "voisine-hors-ligne", Name = "Ville voisine", DefaultCulture = "fr" };
            var process = ParvisApp.NewProcess(other.Id, "voisine", new Phase { Title = "Ateliers", StartsOn = DateOnly.FromDateTime(DateTime.Now), EndsOn = DateOnly.FromDateTime(DateTime.Now).AddDays(9) });
            var theirs = new Workshop { OrganisationId = other.Id, ProcessId = process.Id, Title = "Atelier de la ville voisine", JoinCode = "VOISIN" };
            db.AddRange(other, process, theirs, new OfflineLink { WorkshopId = theirs.Id, Role = OfflineRole.Copy, ExportId = Guid.NewGuid(), Key = SignedFile.NewKey(), Baseline = "{}" });
            await db.SaveChangesAsync();
        });
        var copies = (await owner.GetAsync("/offline")).Text("main");
        Assert.Contains("Atelier à Groix", copies, StringComparison.Ordinal);
        Assert.DoesNotContain("Atelier de la ville voisine", copies, StringComparison.Ordinal);

        // The session on the laptop: the console, a phone by code, the concern from the main side carried.
        var laptopWorkshop = await laptop.WithDatabaseAsync(db => db.Workshops.SingleAsync(w => w.Id == workshopId));
        await ConsoleAsync(owner, workshopId, "Start", new() { ["timeId"] = times[0].ToString() });
        await ConsoleAsync(owner, workshopId, "Add", new() { ["group"] = groups[0].ToString(), ["kind"] = "Concern", ["ItemText"] = "Les démarches en ligne", ["ParentId"] = "" });
        using (var phone = laptop.NewSession())
        {
            var joined = await phone.PostAsync($"/w/{laptopWorkshop.JoinCode}", new Dictionary<string, string>
            {
                ["Group"] = groups[1].ToString(), ["ItemText"] = "Les arnaques par SMS", ["ParentId"] = "", ["Status"] = "", ["Actor"] = "",
            }, $"/w/{laptopWorkshop.JoinCode}?group={groups[1]}");
            Assert.Equal(HttpStatusCode.Redirect, joined.Status);
        }
        var carriedId = (await ItemsAsync(laptop, workshopId)).Single(i => i.Text == "Le bateau et le réseau").Id;
        await ConsoleAsync(owner, workshopId, "Carry", new() { ["itemId"] = carriedId.ToString(), ["carried"] = "true" });
        await ConsoleAsync(owner, workshopId, "Start", new() { ["timeId"] = times[1].ToString() });
        await ConsoleAsync(owner, workshopId, "Add", new() { ["group"] = groups[0].ToString(), ["kind"] = "Action", ["ItemText"] = "Un relais wifi au port", ["ParentId"] = carriedId.ToString() });
        // The hidden item moved on the laptop (its table's items reordered): its place follows, never its missing words.
        await laptop.WithDatabaseAsync(db => db.WorkshopItems.Where(i => i.WorkshopId == workshopId && i.HiddenAt != null).ExecuteUpdateAsync(u => u.SetProperty(i => i.Position, 7)));
        var bundle = await owner.Client.GetByteArrayAsync($"{offlinePage}?handler=Bundle");

        // Back on the main installation: three new items, two updated, the same on both sides.
        var imported = await UploadAsync(manager, offlinePage, "Import", bundle);
        Assert.Equal("3 contributions ajoutées, 2 mises à jour.", imported.Text("#offline-report p"));
        var hiddenOnMain = (await ItemsAsync(main, workshopId)).Single(i => i.HiddenAt != null);
        Assert.Equal(("Un propos injurieux", 7), (hiddenOnMain.Text, hiddenOnMain.Position));
        var onMain = await ItemsAsync(main, workshopId);
        Assert.Equal(Same(await ItemsAsync(laptop, workshopId)), Same(onMain));
        Assert.Equal(3, onMain.Count(i => i.Channel == Channel.Offline));
        Assert.True(onMain.Single(i => i.Id == carriedId).Carried);
        // Carried, its words unchanged: the analysts' comparison need not read it again.
        Assert.Null(onMain.Single(i => i.Id == carriedId).RevisedAt);
        Assert.Equal(carriedId, onMain.Single(i => i.Text == "Un relais wifi au port").ParentId);

        // The same bundle again adds nothing; a changed or foreign bundle is refused and changes nothing.
        var again = await UploadAsync(manager, offlinePage, "Import", bundle);
        Assert.StartsWith("Aucune contribution ajoutée, aucune mise à jour.", again.Text("#offline-report"), StringComparison.Ordinal);
        Assert.Contains("déjà été importé", again.Text("#offline-report"), StringComparison.Ordinal);
        var tampered = OfflineFileEdits.Altered(bundle, payload => payload["items"]![0]!["text"] = "Un texte changé après coup");
        Assert.Contains("signature du lot ne correspond pas", (await UploadAsync(manager, offlinePage, "Import", tampered)).Text("#Upload-error"), StringComparison.Ordinal);
        var foreign = OfflineFileEdits.Altered(bundle, payload => payload["exportId"] = Guid.NewGuid().ToString());
        Assert.Contains("ne correspond à aucun export", (await UploadAsync(manager, offlinePage, "Import", foreign)).Text("#Upload-error"), StringComparison.Ordinal);
        Assert.Contains("pas un lot", (await UploadAsync(manager, offlinePage, "Import", packageBytes)).Text("#Upload-error"), StringComparison.Ordinal);
        var huge = new byte[SignedFile.MaxBytes + 1];
        Assert.Equal("Ce fichier dépasse 16\u00A0Mo.", (await UploadAsync(manager, offlinePage, "Import", huge)).Text("#Upload-error"));
        Assert.Equal("Ce fichier dépasse 16\u00A0Mo.", (await UploadAsync(owner, "/offline", "", huge)).Text("#Upload-error"));
        Assert.Equal(Same(onMain), Same(await ItemsAsync(main, workshopId)));

        // Changed on both sides since: reported, and the main installation's version kept.
        await ConsoleAsync(manager, workshopId, "Carry", new() { ["itemId"] = carriedId.ToString(), ["carried"] = "false" });
        await ConsoleAsync(owner, workshopId, "Move", new() { ["itemId"] = carriedId.ToString(), ["direction"] = "1" });
        await ConsoleAsync(owner, workshopId, "Add", new() { ["group"] = groups[2].ToString(), ["kind"] = "Concern", ["ItemText"] = "Après la pause", ["ParentId"] = "" });
        // The laptop's clock went back a year (a flat battery): its bundles are told apart by their numbers, not their times.
        laptop.Clock.Advance(TimeSpan.FromDays(-365));
        var secondBundle = await owner.Client.GetByteArrayAsync($"{offlinePage}?handler=Bundle");
        laptop.Clock.Reset();
        var second = await UploadAsync(manager, offlinePage, "Import", secondBundle);
        Assert.Equal("1 contribution ajoutée, 1 mise à jour.", second.Text("#offline-report p"));
        Assert.Contains("«\u00a0Le bateau et le réseau\u00a0» a été modifié ici et sur le portable", second.Text("#offline-report li"), StringComparison.Ordinal);
        Assert.False((await ItemsAsync(main, workshopId)).Single(i => i.Id == carriedId).Carried);

        // The first bundle picked again by mistake would take back what the second brought: refused, nothing changed.
        var afterSecond = Same(await ItemsAsync(main, workshopId));
        Assert.Contains("plus ancien que le dernier", (await UploadAsync(manager, offlinePage, "Import", bundle)).Text("#Upload-error"), StringComparison.Ordinal);
        Assert.Equal(afterSecond, Same(await ItemsAsync(main, workshopId)));
    }

    /// <summary>
    /// A bundle as a laptop signs it, made from the package (its key and export): the items given, nothing else
    /// changed. What a faulty or hand-made laptop file can hold, with a valid signature.
    /// </summary>
    private static byte[] SignedBundle(byte[] package, params JsonObject[] items) => SignedBundle(package, _ => { }, items);

    /// <summary>The same, with its payload changed first (its tables, its times), still signed.</summary>
    private static byte[] SignedBundle(byte[] package, Action<JsonObject> change, params JsonObject[] items)
    {
        var payload = JsonNode.Parse(Convert.FromBase64String(JsonNode.Parse(package)!["payload"]!.GetValue<string>()))!.AsObject();
        var key = Convert.FromBase64String(payload["key"]!.GetValue<string>());
        payload["kind"] = "bundle";
        payload.Remove("key");
        change(payload);
        var itemList = payload["items"]!.AsArray();
        foreach (var item in items)
        {
            itemList.Add(item);
        }
        var bytes = Encoding.UTF8.GetBytes(payload.ToJsonString());
        return Encoding.UTF8.GetBytes(new JsonObject
        {
            ["payload"] = Convert.ToBase64String(bytes), ["signature"] = Convert.ToBase64String(HMACSHA256.HashData(key, bytes)),
        }.ToJsonString());
    }

    private static JsonObject Concern(Guid id, Guid group, string? text) => new()
    {
        ["id"] = id, ["groupId"] = group, ["kind"] = "Concern", ["text"] = text, ["position"] = 0, ["carried"] = false,
        ["createdAt"] = DateTimeOffset.UtcNow, ["channel"] = "Offline",
    };

    private static JsonObject Item(Guid id, Guid group, string kind, string text, Guid? parent = null, string? actor = null) => new()
    {
        ["id"] = id, ["groupId"] = group, ["kind"] = kind, ["parentId"] = parent, ["text"] = text, ["position"] = 0, ["carried"] = false,
        ["status"] = kind == "Resource" ? "Existing" : null, ["actor"] = actor, ["createdAt"] = DateTimeOffset.UtcNow, ["channel"] = "Offline",
    };

    [Fact]
    public async Task A_hand_edited_package_is_refused_with_its_reason_and_sets_up_nothing_on_the_laptop()
    {
        await main.WithDatabaseAsync(async db =>
        {
            var today = DateOnly.FromDateTime(DateTime.Now);
            db.Processes.Add(ParvisApp.NewProcess(main.World.OrganisationId, "paquets-abimes", new Phase { Title = "Ateliers", StartsOn = today.AddDays(-3), EndsOn = today.AddDays(30) }));
            await db.SaveChangesAsync();
        });
        var (manager, _) = await main.SignedInAsync("Pilote des paquets", Role.ProcessManager);
        var created = await manager.PostAsync("/processes/paquets-abimes/workshops", new Dictionary<string, string>
        {
            ["Title"] = "Atelier à Quéven", ["Template"] = "htd", ["StartsAt"] = "2026-11-27T18:30", ["Place"] = "Salle des fêtes",
        });
        var workshopId = Guid.Parse(created.Location!.Split('/')[2]);
        var group = await main.WithDatabaseAsync(db => db.WorkshopGroups.Where(g => g.WorkshopId == workshopId).OrderBy(g => g.Position).Select(g => g.Id).FirstAsync());
        await ConsoleAsync(manager, workshopId, "Add", new() { ["group"] = group.ToString(), ["kind"] = "Concern", ["ItemText"] = "Le car du marché", ["ParentId"] = "" });
        var package = Encoding.UTF8.GetBytes((await manager.PostAsync($"/workshops/{workshopId}/offline?handler=Package", new Dictionary<string, string>())).Body);

        await using var laptop = new ParvisApp();
        await ((IAsyncLifetime)laptop).InitializeAsync();
        var (owner, _) = await laptop.SignedInAsync("Animateur au portable", Role.ProcessManager);
        var item = (await ItemsAsync(main, workshopId)).Single().Id;
        foreach (var (broken, why) in new (Action<JsonNode>, string)[]
        {
            (p => p["workshop"]!["title"] = null, "a null title"),
            (p => p["workshop"]!["groups"]!.AsArray().Add(null), "a null table"),
            (p => p["items"]![0]!["text"] = null, "an item without text"),
            (p => p["workshop"]!["times"]![0]!["output"] = 99, "a number no output names"),
            (p => p["key"] = "pas une clé", "a key that is no base64"),
            (p => p["key"] = Convert.ToBase64String(new byte[300]), "a key past its column"),
            (p => p["workshop"]!["title"] = new string('a', 5_000), "a title past its column"),
            (p => p["items"]![0]!["text"] = new string('b', 50_000), "an item past its column"),
            (p => p["items"]!.AsArray().Add(p["items"]![0]!.DeepClone()), "an item twice"),
            (p => p["items"]![0]!["groupId"] = Guid.NewGuid(), "an item at a table that is not there"),
            (p => p["workshop"]!["times"]![0]!["minutes"] = 0, "a time of no minutes"),
            (p =>
            {
                p["workshop"]!["times"]![0]!["minItems"] = 9;
                p["workshop"]!["times"]![0]!["maxItems"] = 3;
            }, "more items at least than at most"),
            (p => p["workshop"]!["groups"]![0]!["themeId"] = Guid.NewGuid(), "a theme the process has not"),
            (p => p["workshop"]!["times"] = new JsonArray(), "no time"),
        })
        {
            var refused = await UploadAsync(owner, "/offline", "", OfflineFileEdits.Altered(package, broken));
            Assert.True(refused.Status == HttpStatusCode.OK, why);
            Assert.True(refused.Text("#Upload-error").StartsWith("Ce paquet a été modifié ou abîmé", StringComparison.Ordinal), $"{why}: {refused.Text("#Upload-error")}");
            Assert.False(await laptop.WithDatabaseAsync(db => db.Workshops.AnyAsync(w => w.Id == workshopId)), why);
            Assert.False(await laptop.WithDatabaseAsync(db => db.Processes.AnyAsync(p => p.Slug == "paquets-abimes")), why);
        }
        Assert.Contains("pas un paquet", (await UploadAsync(owner, "/offline", "", OfflineFileEdits.Altered(package, p => p["items"] = null))).Text("#Upload-error"), StringComparison.Ordinal);

        // What can be mended is: a slug no address could hold, a join code of another shape.
        var mended = await UploadAsync(owner, "/offline", "", OfflineFileEdits.Altered(package, p =>
        {
            p["process"]!["slug"] = "../Ateliers d'été/";
            p["workshop"]!["joinCode"] = "<b>";
        }));
        Assert.Equal($"/workshops/{workshopId}/console", mended.Location);
        var copy = await laptop.WithDatabaseAsync(db => db.Workshops.SingleAsync(w => w.Id == workshopId));
        Assert.Matches("^[A-Z2-9]{6}$", copy.JoinCode);
        Assert.Equal("ateliers-d-ete", await laptop.WithDatabaseAsync(db => db.Processes.Where(p => p.Id == copy.ProcessId).Select(p => p.Slug).SingleAsync()));
        Assert.Equal([item], (await ItemsAsync(laptop, workshopId)).Select(i => i.Id));

        // A second workshop of the same process, at a table of a theme added since the first package: set up with it.
        var processId = await main.WithDatabaseAsync(db => db.Workshops.Where(w => w.Id == workshopId).Select(w => w.ProcessId).SingleAsync());
        var second = await manager.PostAsync("/processes/paquets-abimes/workshops", new Dictionary<string, string>
        {
            ["Title"] = "Atelier à Inzinzac", ["Template"] = "htd", ["StartsAt"] = "2026-11-28T18:30", ["Place"] = "Salle polyvalente",
        });
        var secondId = Guid.Parse(second.Location!.Split('/')[2]);
        var theme = await main.WithDatabaseAsync(async db =>
        {
            var added = new Theme { ProcessId = processId, Name = "Mobilités rurales", Position = 9 };
            db.Themes.Add(added);
            await db.SaveChangesAsync();
            await db.WorkshopGroups.Where(g => g.WorkshopId == secondId).ExecuteUpdateAsync(u => u.SetProperty(g => g.ThemeId, added.Id));
            return added.Id;
        });
        var secondPackage = Encoding.UTF8.GetBytes((await manager.PostAsync($"/workshops/{secondId}/offline?handler=Package", new Dictionary<string, string>())).Body);
        Assert.Equal($"/workshops/{secondId}/console", (await UploadAsync(owner, "/offline", "", secondPackage)).Location);
        Assert.True(await laptop.WithDatabaseAsync(db => db.WorkshopGroups.AnyAsync(g => g.WorkshopId == secondId && g.ThemeId == theme)));
    }

    [Fact]
    public async Task A_resource_brought_back_from_a_laptop_appears_on_the_directory_entry_it_names_until_it_names_another()
    {
        var processId = await main.WithDatabaseAsync(async db =>
        {
            var today = DateOnly.FromDateTime(DateTime.Now);
            var process = ParvisApp.NewProcess(main.World.OrganisationId, "ressources-portables", new Phase { Title = "Ateliers", StartsOn = today.AddDays(-3), EndsOn = today.AddDays(30) });
            db.Processes.Add(process);
            db.DirectoryEntries.Add(new Parvis.Web.Modules.LocalDirectory.DirectoryEntry
            {
                OrganisationId = main.World.OrganisationId, ProcessId = process.Id, Name = "Médiathèque de Kervénanec", State = Parvis.Web.Modules.LocalDirectory.EntryState.Published, Version = 1,
            });
            await db.SaveChangesAsync();
            return process.Id;
        });
        var entry = await main.WithDatabaseAsync(db => db.DirectoryEntries.Where(e => e.Name == "Médiathèque de Kervénanec").Select(e => e.Id).SingleAsync());
        var (manager, _) = await main.SignedInAsync("Pilote des ressources", Role.ProcessManager);
        var created = await manager.PostAsync("/processes/ressources-portables/workshops", new Dictionary<string, string>
        {
            ["Title"] = "Atelier à Kervénanec", ["Template"] = "htd", ["StartsAt"] = "2026-11-25T18:30", ["Place"] = "Maison de quartier",
        });
        var workshopId = Guid.Parse(created.Location!.Split('/')[2]);
        var group = await main.WithDatabaseAsync(db => db.WorkshopGroups.Where(g => g.WorkshopId == workshopId).OrderBy(g => g.Position).Select(g => g.Id).FirstAsync());
        var page = $"/workshops/{workshopId}/offline";
        var package = Encoding.UTF8.GetBytes((await manager.PostAsync($"{page}?handler=Package", new Dictionary<string, string>())).Body);
        var (concern, action, resource) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        Task<List<Guid>> MentionedAsync() => main.WithDatabaseAsync(db => db.ActorMentions.Where(m => m.SubjectId == resource).Select(m => m.ActorId).ToListAsync());

        // Named on the laptop as the directory has it, but for case and accents: the entry lists the resource.
        var first = await UploadAsync(manager, page, "Import", SignedBundle(package,
            Item(concern, group, "Concern", "Personne pour aider aux démarches"),
            Item(action, group, "Action", "Des permanences le samedi", concern),
            Item(resource, group, "Resource", "Les ordinateurs en accès libre", action, "mediatheque de kervenanec")));
        Assert.Equal("3 contributions ajoutées, aucune mise à jour.", first.Text("#offline-report p"));
        Assert.Equal([entry], await MentionedAsync());
        using (var reader = main.NewSession())
        {
            var appears = (await reader.GetAsync($"/directory/{entry}")).Document.QuerySelector("section[aria-labelledby=appears] a");
            Assert.Equal(("Les ordinateurs en accès libre", $"/workshops/{workshopId}#item-{resource}"), (appears?.TextContent, appears?.GetAttribute("href")));
            // The process switches its workshops off: their resources go out of sight on the entry too, and come back with them.
            async Task SwitchAsync(bool on) => await main.WithDatabaseAsync(async db =>
            {
                var process = await db.Processes.SingleAsync(p => p.Id == processId);
                process.Components.Single(c => c.Module == Parvis.Web.Modules.Workshops.WorkshopsModule.Key).Enabled = on;
                await db.SaveChangesAsync();
            });
            await SwitchAsync(false);
            Assert.Empty((await reader.GetAsync($"/directory/{entry}")).Document.QuerySelectorAll("section[aria-labelledby=appears]"));
            await SwitchAsync(true);
            Assert.Single((await reader.GetAsync($"/directory/{entry}")).Document.QuerySelectorAll("section[aria-labelledby=appears] a"));
        }

        // Changed on the laptop to name someone the directory does not know: the entry no longer lists it.
        var second = await UploadAsync(manager, page, "Import", SignedBundle(package,
            Item(concern, group, "Concern", "Personne pour aider aux démarches"),
            Item(action, group, "Action", "Des permanences le samedi", concern),
            Item(resource, group, "Resource", "Les ordinateurs en accès libre", action, "Le voisin du dessus")));
        Assert.Equal("Aucune contribution ajoutée, 1 mise à jour.", second.Text("#offline-report p"));
        Assert.Empty(await MentionedAsync());
        Assert.Equal(processId, await main.WithDatabaseAsync(db => db.Workshops.Where(w => w.Id == workshopId).Select(w => w.ProcessId).SingleAsync()));
    }

    [Fact]
    public async Task A_signed_bundle_item_without_text_or_with_an_id_already_used_is_left_out_and_named_the_others_imported()
    {
        await main.WithDatabaseAsync(async db =>
        {
            var today = DateOnly.FromDateTime(DateTime.Now);
            db.Processes.Add(ParvisApp.NewProcess(main.World.OrganisationId, "lots-fautifs", new Phase { Title = "Ateliers", StartsOn = today.AddDays(-3), EndsOn = today.AddDays(30) }));
            await db.SaveChangesAsync();
        });
        var (manager, _) = await main.SignedInAsync("Pilote des lots", Role.ProcessManager);
        var created = await manager.PostAsync("/processes/lots-fautifs/workshops", new Dictionary<string, string>
        {
            ["Title"] = "Atelier à Lanester", ["Template"] = "htd", ["StartsAt"] = "2026-11-25T18:30", ["Place"] = "Salle Jean-Vilar",
        });
        var workshopId = Guid.Parse(created.Location!.Split('/')[2]);
        var group = await main.WithDatabaseAsync(db => db.WorkshopGroups.Where(g => g.WorkshopId == workshopId).OrderBy(g => g.Position).Select(g => g.Id).FirstAsync());
        var (author, _) = await main.SignedInAsync("Autrice d'ailleurs");
        var proposal = await author.PostAsync($"/processes/{main.World.ProcessSlug}/proposals/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "Une proposition ailleurs", ["Input.Body"] = "Un texte assez long pour être une vraie proposition.",
        });
        var proposalId = Guid.Parse(proposal.Location!.Split('/')[^1]);
        var page = $"/workshops/{workshopId}/offline";
        var package = Encoding.UTF8.GetBytes((await manager.PostAsync($"{page}?handler=Package", new Dictionary<string, string>())).Body);
        var twice = Guid.NewGuid();
        var (wordless, below) = (Guid.NewGuid(), Concern(Guid.NewGuid(), group, "Une action sous un élément sans texte"));
        (below["kind"], below["parentId"]) = ("Action", wordless);

        var report = await UploadAsync(manager, page, "Import", SignedBundle(package,
            Concern(Guid.NewGuid(), group, "Les bus du soir"),
            Concern(wordless, group, null),
            below,
            Concern(proposalId, group, "Sous l'identifiant d'une proposition"),
            Concern(twice, group, "Le même identifiant"),
            Concern(twice, group, "Le même identifiant, encore")));

        Assert.Equal(HttpStatusCode.OK, report.Status);
        Assert.Equal("2 contributions ajoutées, aucune mise à jour.", report.Text("#offline-report p"));
        var named = report.Texts("#offline-report li").ToList();
        Assert.Contains(named, n => n.StartsWith("Un élément sans texte", StringComparison.Ordinal));
        Assert.Contains("«\u00a0Une action sous un élément sans texte\u00a0»\u00a0: l'élément auquel il est rattaché n'a pas été importé, il ne l'a pas été non plus", named);
        Assert.Contains("«\u00a0Sous l'identifiant d'une proposition\u00a0»\u00a0: son identifiant est déjà celui d'une autre contribution, l'élément n'a pas été importé", named);
        Assert.Single(named, n => n.StartsWith("«\u00a0Le même identifiant", StringComparison.Ordinal) && n.Contains("déjà celui", StringComparison.Ordinal));
        Assert.Equal(["Le même identifiant", "Les bus du soir"], (await ItemsAsync(main, workshopId)).Select(i => i.Text).Order(StringComparer.Ordinal));
        Assert.Equal("Une proposition ailleurs", await main.WithDatabaseAsync(db => db.Proposals.Where(p => p.Id == proposalId).Select(p => p.Title).SingleAsync()));

        // A table twice, a table of another workshop, or a null one: refused whole. A theme removed meanwhile: the table keeps none.
        var other = await manager.PostAsync("/processes/lots-fautifs/workshops", new Dictionary<string, string>
        {
            ["Title"] = "Atelier à Hennebont", ["Template"] = "htd", ["StartsAt"] = "2026-11-26T18:30", ["Place"] = "Salle du parc",
        });
        var otherId = Guid.Parse(other.Location!.Split('/')[2]);
        var elsewhere = await main.WithDatabaseAsync(db => db.WorkshopGroups.Where(g => g.WorkshopId == otherId).Select(g => g.Id).FirstAsync());
        foreach (var broken in new Action<JsonObject>[]
        {
            p => p["workshop"]!["groups"]!.AsArray().Add(p["workshop"]!["groups"]![0]!.DeepClone()),
            p => p["workshop"]!["groups"]![0]!["id"] = elsewhere,
            p => p["workshop"]!["groups"]!.AsArray().Add(null),
            // Signed by its laptop, still checked as a package is: a time no editor would take breaks the timer's pages.
            p => p["workshop"]!["times"]![0]!["minutes"] = -2_000_000_000,
        })
        {
            Assert.Contains("en double", (await UploadAsync(manager, page, "Import", SignedBundle(package, broken))).Text("#Upload-error"), StringComparison.Ordinal);
        }
        // An item pointing to one the workshop does not hold, or of a kind no enum names: refused whole, nothing added.
        var orphan = Concern(Guid.NewGuid(), group, "Une action sans sa préoccupation");
        orphan["parentId"] = Guid.NewGuid();
        var merged = Concern(Guid.NewGuid(), group, "Fusionnée dans rien");
        merged["mergedIntoId"] = Guid.NewGuid();
        var unnamed = Concern(Guid.NewGuid(), group, "D'un genre inconnu");
        unnamed["kind"] = 99;
        foreach (var item in new[] { orphan, merged, unnamed })
        {
            Assert.Contains("en double", (await UploadAsync(manager, page, "Import", SignedBundle(package, item))).Text("#Upload-error"), StringComparison.Ordinal);
        }
        Assert.Equal(2, (await ItemsAsync(main, workshopId)).Count);
        var themed = await UploadAsync(manager, page, "Import", SignedBundle(package, p => p["workshop"]!["groups"]![0]!["themeId"] = Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.OK, themed.Status);
        Assert.Null(await main.WithDatabaseAsync(db => db.WorkshopGroups.Where(g => g.Id == group).Select(g => g.ThemeId).SingleAsync()));
    }
}
