using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Tests.Integration;

/// <summary>Workshops: templates as data, the facilitator's console, contributions by code without an account, the wall.</summary>
[Trait("Suite", "integration")]
public sealed class WorkshopTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    private sealed record Setup(Process Process, Session Manager, Session Facilitator, Workshop Workshop)
    {
        public Guid Group(int i) => Workshop.Groups.OrderBy(g => g.Position).ElementAt(i).Id;
        public Guid Time(int i) => Workshop.Times.OrderBy(t => t.Position).ElementAt(i).Id;
        public string Console => $"/workshops/{Workshop.Id}/console";
    }

    private async Task<Setup> SetUpAsync(string slug)
    {
        var process = await app.WithDatabaseAsync(async db =>
        {
            var today = DateOnly.FromDateTime(DateTime.Now);
            var process = ParvisApp.NewProcess(app.World.OrganisationId, slug, new Phase { Title = "Ateliers", StartsOn = today.AddDays(-3), EndsOn = today.AddDays(30) });
            db.Processes.Add(process);
            await db.SaveChangesAsync();
            return process;
        });
        var (manager, _) = await app.SignedInAsync($"Pilote {slug}", Role.ProcessManager);
        var created = await manager.PostAsync($"/processes/{slug}/workshops", new Dictionary<string, string>
        {
            ["Title"] = "Atelier citoyenneté", ["Template"] = "htd", ["StartsAt"] = "2026-11-24T18:30", ["Place"] = "Médiathèque de Bourges",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var id = Guid.Parse(created.Location!.Split('/')[2]);
        var workshop = await app.WithDatabaseAsync(db => db.Workshops.Include(w => w.Times).Include(w => w.Groups).SingleAsync(w => w.Id == id));
        var (facilitator, _) = await app.SignedInAsync($"Animation {slug}", Role.Facilitator);
        return new Setup(process, manager, facilitator, workshop);
    }

    private static Task<Session.Response> ConsoleAsync(Session session, Setup setup, string handler, Dictionary<string, string> fields) =>
        session.PostAsync($"{setup.Console}?handler={handler}", fields, setup.Console);

    private static Task<Session.Response> AddAsync(Session facilitator, Setup setup, int group, ItemKind kind, string text, Guid? parent = null) =>
        ConsoleAsync(facilitator, setup, "Add", new Dictionary<string, string>
        {
            ["group"] = setup.Group(group).ToString(), ["kind"] = kind.ToString(), ["ItemText"] = text, ["ParentId"] = parent?.ToString() ?? "",
        });

    /// <summary>Someone at a table, on a phone, without an account.</summary>
    private static Task<Session.Response> JoinAsync(Session phone, Setup setup, int group, string text, Guid? parent = null, string? actor = null) =>
        phone.PostAsync($"/w/{setup.Workshop.JoinCode}", new Dictionary<string, string>
        {
            ["Group"] = setup.Group(group).ToString(), ["ItemText"] = text, ["ParentId"] = parent?.ToString() ?? "",
            ["Status"] = "ToCreate", ["Actor"] = actor ?? "",
        }, $"/w/{setup.Workshop.JoinCode}?group={setup.Group(group)}");

    private Task<Guid> ItemIdAsync(string text) => app.WithDatabaseAsync(db => db.WorkshopItems.Where(i => i.Text == text).Select(i => i.Id).SingleAsync());

    /// <summary>A mediator helping someone at a table: the item names nobody, and the person's journal says only the day.</summary>
    [Fact]
    public async Task An_item_added_under_a_mandate_is_joined_to_nobody_and_journaled_by_the_day()
    {
        var setup = await SetUpAsync("atelier-aide");
        Assert.Equal(HttpStatusCode.Redirect, (await ConsoleAsync(setup.Facilitator, setup, "Start", new() { ["timeId"] = setup.Time(0).ToString() })).Status);
        var (admin, _) = await app.SignedInAsync("Admin de l'atelier aidé", Role.Administrator);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/admin/mediation?handler=Structure", new Dictionary<string, string> { ["Name"] = "Espace public numérique de Bourges", ["Kind"] = "MediationPlace" })).Status);
        var structure = await app.WithDatabaseAsync(db => db.MediationStructures.Where(s => s.Name == "Espace public numérique de Bourges").Select(s => s.Id).SingleAsync());
        var (mediator, mediatorPerson) = await app.SignedInAsync("Médiateur de l'atelier");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/admin/mediation?handler=Mediator", new Dictionary<string, string> { ["StructureId"] = structure.ToString(), ["Pseudonym"] = mediatorPerson.Pseudonym })).Status);
        var opened = await mediator.PostAsync("/mediation?handler=Open", new Dictionary<string, string>
        {
            ["Pseudonym"] = "Gisèle de l'atelier", ["Terms.StructureId"] = structure.ToString(), ["Terms.ProcessId"] = setup.Process.Id.ToString(),
            ["Terms.Duration"] = "SixMonths", ["Terms.Allows"] = "ContributeWith",
        });
        var mandate = Guid.Parse(opened.Location!.Split('/')[^1]);
        Assert.Equal(HttpStatusCode.Redirect, (await mediator.PostAsync($"/mediation/mandates/{mandate}?handler=Consent", new Dictionary<string, string> { ["Consent"] = "Attestation" })).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await mediator.PostAsync($"/mediation/mandates/{mandate}?handler=Start", new Dictionary<string, string> { ["Mode"] = "With" })).Status);

        Assert.Equal(HttpStatusCode.Redirect, (await JoinAsync(mediator, setup, 0, "Les horaires de la mairie")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await JoinAsync(mediator, setup, 0, "Le bus du dimanche")).Status);

        var items = await app.WithDatabaseAsync(db => db.WorkshopItems.Where(i => i.WorkshopId == setup.Workshop.Id).ToListAsync());
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal((null, null), (i.AuthorId, i.MediatedById)));
        var act = await app.WithDatabaseAsync(db => db.MandateActs.SingleAsync(a => a.MandateId == mandate));
        Assert.Equal((setup.Workshop.Id, null, true), (act.SubjectId, act.Address, act.DayOnly));
        Assert.Equal(TimeSpan.Zero, act.At.ToLocalTime().TimeOfDay);
    }

    /// <summary>Phones still open on the join page when staff take workshops away from the process write nothing more.</summary>
    [Fact]
    public async Task Once_the_process_stops_using_workshops_a_phone_adds_nothing_with_the_code()
    {
        var setup = await SetUpAsync("atelier-retire");
        using var phone = app.NewSession();
        Assert.Equal(HttpStatusCode.Redirect, (await ConsoleAsync(setup.Facilitator, setup, "Start", new() { ["timeId"] = setup.Time(0).ToString() })).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await JoinAsync(phone, setup, 0, "Avant le retrait")).Status);
        var page = await phone.GetAsync($"/w/{setup.Workshop.JoinCode}?group={setup.Group(0)}");
        // The code is the address's: one in a form field, sent to another address, adds nothing (the limit counts the address's).
        var aside = await phone.PostRawAsync("/w/ZZZZZZ", new Dictionary<string, string>
        {
            ["__csrf"] = page.Document.QuerySelector("input[name=__csrf]")!.GetAttribute("value")!, ["Code"] = setup.Workshop.JoinCode,
            ["Group"] = setup.Group(0).ToString(), ["ItemText"] = "Par un autre code", ["ParentId"] = "", ["Status"] = "ToCreate", ["Actor"] = "",
        });
        Assert.NotEqual(HttpStatusCode.Redirect, aside.Status);
        Assert.False(await app.WithDatabaseAsync(db => db.WorkshopItems.AnyAsync(i => i.Text == "Par un autre code")));

        await app.WithDatabaseAsync(db => db.Set<ProcessComponent>().Where(c => c.ProcessId == setup.Process.Id && c.Module == WorkshopsModule.Key)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Enabled, false)));
        var token = page.Document.QuerySelector("input[name=__csrf]")!.GetAttribute("value")!;
        var late = await phone.PostRawAsync($"/w/{setup.Workshop.JoinCode}", new Dictionary<string, string>
        {
            ["__csrf"] = token, ["Group"] = setup.Group(0).ToString(), ["ItemText"] = "Après le retrait", ["ParentId"] = "", ["Status"] = "ToCreate", ["Actor"] = "",
        });
        Assert.NotEqual(HttpStatusCode.Redirect, late.Status);
        Assert.False(await app.WithDatabaseAsync(db => db.WorkshopItems.AnyAsync(i => i.Text == "Après le retrait")));
        // The facilitator's console is gone with the tool: its commands too.
        Assert.Equal(HttpStatusCode.NotFound, (await ConsoleAsync(setup.Facilitator, setup, "Start", new() { ["timeId"] = setup.Time(1).ToString() })).Status);
    }

    [Fact]
    public async Task Once_the_process_closes_neither_phones_nor_its_facilitator_add_to_a_running_workshop()
    {
        var setup = await SetUpAsync("atelier-demarche-close");
        using var phone = app.NewSession();
        Assert.Equal(HttpStatusCode.Redirect, (await ConsoleAsync(setup.Facilitator, setup, "Start", new() { ["timeId"] = setup.Time(0).ToString() })).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await JoinAsync(phone, setup, 0, "Avant la clôture")).Status);

        // Closing the process checked that every contribution had a fate: nothing comes in after it, by the code or the console.
        await app.WithDatabaseAsync(db => db.Processes.Where(p => p.Id == setup.Process.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.ClosedAt, DateTimeOffset.UtcNow)));
        Assert.Contains("La démarche est close", (await JoinAsync(phone, setup, 0, "Après la clôture, par le code")).Text("main"), StringComparison.Ordinal);
        Assert.Contains("La démarche est close", (await AddAsync(setup.Facilitator, setup, 0, ItemKind.Resource, "Après la clôture, à la console")).Text("main"), StringComparison.Ordinal);
        Assert.False(await app.WithDatabaseAsync(db => db.WorkshopItems.AnyAsync(i => i.Text.StartsWith("Après la clôture"))));
    }

    [Fact]
    public async Task Closing_a_workshop_is_confirmed_first_and_then_phones_can_add_nothing()
    {
        var setup = await SetUpAsync("atelier-a-clore");
        Assert.Equal(HttpStatusCode.Redirect, (await ConsoleAsync(setup.Facilitator, setup, "Start", new() { ["timeId"] = setup.Time(0).ToString() })).Status);
        Task<DateTimeOffset?> ClosedAtAsync() => app.WithDatabaseAsync(db => db.Workshops.Where(w => w.Id == setup.Workshop.Id).Select(w => w.ClosedAt).SingleAsync());

        var console = await setup.Facilitator.GetAsync(setup.Console);
        Assert.NotNull(console.Document.QuerySelector("details.confirm form input[name=confirmed][value=true]"));
        var slip = await ConsoleAsync(setup.Facilitator, setup, "Close", new() { ["group"] = setup.Group(0).ToString() });
        Assert.Equal(HttpStatusCode.OK, slip.Status);
        Assert.Contains("pas été clos", slip.Text("[role=alert]"), StringComparison.Ordinal);
        Assert.Null(await ClosedAtAsync());

        var closed = await ConsoleAsync(setup.Facilitator, setup, "Close", new() { ["group"] = setup.Group(0).ToString(), ["confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, closed.Status);
        Assert.NotNull(await ClosedAtAsync());
        using var phone = app.NewSession();
        var join = await phone.GetAsync($"/w/{setup.Workshop.JoinCode}?group={setup.Group(0)}");
        Assert.Equal(HttpStatusCode.OK, join.Status);
        Assert.Contains("L'atelier est terminé", join.Text("main .notice"), StringComparison.Ordinal);
        Assert.Empty(join.Document.QuerySelectorAll("form[method=post]"));
    }

    [Fact]
    public async Task A_phone_that_sends_nothing_or_chooses_no_table_is_told_so_and_nothing_is_added()
    {
        var setup = await SetUpAsync("atelier-vide");
        using var phone = app.NewSession();
        Assert.Equal(HttpStatusCode.Redirect, (await ConsoleAsync(setup.Facilitator, setup, "Start", new() { ["timeId"] = setup.Time(0).ToString() })).Status);
        var empty = await JoinAsync(phone, setup, 0, "");
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.NotEmpty(empty.Text("#ItemText-error"));
        Assert.DoesNotContain("field is required", empty.Body, StringComparison.Ordinal);
        Assert.False(await app.WithDatabaseAsync(db => db.WorkshopItems.AnyAsync(i => i.WorkshopId == setup.Workshop.Id)));

        // No table is chosen for the person: continuing without one asks for it.
        var choose = await phone.GetAsync($"/w/{setup.Workshop.JoinCode}");
        Assert.Equal("", choose.Document.QuerySelector("#Group option")!.GetAttribute("value"));
        Assert.All(choose.Document.QuerySelectorAll("#Group option[selected]"), o => Assert.Equal("", o.GetAttribute("value")));
        Assert.Contains("Choisissez votre table", (await phone.GetAsync($"/w/{setup.Workshop.JoinCode}?group=")).Text("#Group-error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_HTD_template_is_copied_as_data_and_the_three_times_run_from_the_console_and_phones()
    {
        var setup = await SetUpAsync("atelier-htd");
        var workshop = setup.Workshop;
        Assert.Equal([30, 15, 20], workshop.Times.OrderBy(t => t.Position).Select(t => t.Minutes!.Value));
        Assert.Equal([TimeOutput.Concerns, TimeOutput.Actions, TimeOutput.Resources], workshop.Times.OrderBy(t => t.Position).Select(t => t.Output));
        Assert.Equal(4, workshop.Groups.Count);
        Assert.Matches("^[A-HJ-NP-Z2-9]{6}$", workshop.JoinCode);

        using var phone = app.NewSession();
        var early = await phone.GetAsync($"/w/{workshop.JoinCode.ToLowerInvariant()}?group={setup.Group(0)}");
        Assert.Contains("pas encore commencé", early.Text("main"), StringComparison.Ordinal);
        Assert.Empty(early.Document.QuerySelectorAll("form[method=post]"));
        Assert.Contains("Aucun atelier n'a ce code", (await phone.GetAsync("/w/ZZZZZZ")).Text("#Code-error"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await ConsoleAsync(setup.Facilitator, setup, "Start", new() { ["timeId"] = setup.Time(0).ToString() })).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await JoinAsync(phone, setup, 0, "La fracture numérique des personnes âgées")).Status);
        var fromPhone = await app.WithDatabaseAsync(db => db.WorkshopItems.SingleAsync(i => i.Text == "La fracture numérique des personnes âgées"));
        Assert.Null(fromPhone.AuthorId);
        Assert.Equal(Channel.Workshop, fromPhone.Channel);
        Assert.Equal(ItemKind.Concern, fromPhone.ItemKind);
        Assert.StartsWith("Atelier 1", fromPhone.Origin, StringComparison.Ordinal);

        foreach (var text in new[] { "Les fausses informations", "La confiance dans les élus", "Les démarches en ligne obligatoires", "Les fausses nouvelles" })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(setup.Facilitator, setup, 0, ItemKind.Concern, text)).Status);
        }
        // Three to five concerns: a sixth is refused, next to the field, with what was typed kept.
        var sixth = await AddAsync(setup.Facilitator, setup, 0, ItemKind.Concern, "Une sixième préoccupation");
        Assert.Equal(HttpStatusCode.OK, sixth.Status);
        Assert.Contains("nombre maximum", sixth.Text("#ItemText-error"), StringComparison.Ordinal);
        Assert.Equal("Une sixième préoccupation", sixth.Document.QuerySelector("#ItemText")?.GetAttribute("value"));

        // The facilitator merges a duplicate, then the sixth fits.
        var kept = await ItemIdAsync("Les fausses informations");
        var duplicate = await ItemIdAsync("Les fausses nouvelles");
        Assert.Equal(HttpStatusCode.Redirect, (await ConsoleAsync(setup.Facilitator, setup, "Merge", new() { ["itemId"] = duplicate.ToString(), ["intoId"] = kept.ToString(), ["group"] = setup.Group(0).ToString() })).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(setup.Facilitator, setup, 0, ItemKind.Concern, "Une sixième préoccupation")).Status);
        var trust = await ItemIdAsync("La confiance dans les élus");
        Assert.Equal(HttpStatusCode.Redirect, (await ConsoleAsync(setup.Facilitator, setup, "Move", new() { ["itemId"] = trust.ToString(), ["direction"] = "-1", ["group"] = setup.Group(0).ToString() })).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await ConsoleAsync(setup.Facilitator, setup, "Carry", new() { ["itemId"] = kept.ToString(), ["carried"] = "true", ["group"] = setup.Group(0).ToString() })).Status);

        // Time 2: actions, each for one of the group's own concerns.
        Assert.Equal(HttpStatusCode.Redirect, (await ConsoleAsync(setup.Facilitator, setup, "Start", new() { ["timeId"] = setup.Time(1).ToString() })).Status);
        var noConcern = await JoinAsync(phone, setup, 0, "Former des médiateurs et des médiatrices");
        Assert.Contains("Choisissez la préoccupation", noConcern.Text("#ParentId-error"), StringComparison.Ordinal);
        var otherGroupsConcern = await JoinAsync(phone, setup, 1, "Former des médiateurs et des médiatrices", kept);
        Assert.Contains("Choisissez la préoccupation", otherGroupsConcern.Text("#ParentId-error"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await JoinAsync(phone, setup, 0, "Former des médiateurs et des médiatrices", kept)).Status);
        var action = await ItemIdAsync("Former des médiateurs et des médiatrices");

        // Time 3 gathers every group's work: a phone at table 2 adds a resource to table 1's action, its actor suggested
        // from the directory; named as there (but for case), the resource appears on the actor's entry.
        var crij = await app.WithDatabaseAsync(async db =>
        {
            var entry = new DirectoryEntry { OrganisationId = app.World.OrganisationId, ProcessId = workshop.ProcessId, Name = "Le Crij", State = EntryState.Published, Version = 1 };
            db.DirectoryEntries.Add(entry);
            await db.SaveChangesAsync();
            return entry.Id;
        });
        Assert.Equal(HttpStatusCode.Redirect, (await ConsoleAsync(setup.Facilitator, setup, "Start", new() { ["timeId"] = setup.Time(2).ToString() })).Status);
        var form = await phone.GetAsync($"/w/{setup.Workshop.JoinCode}?group={setup.Group(1)}");
        Assert.Equal("actors", form.Document.QuerySelector("#Actor")?.GetAttribute("list"));
        Assert.Equal(["Le Crij"], form.Document.QuerySelectorAll("datalist#actors option").Select(o => o.GetAttribute("value")));
        Assert.Equal(HttpStatusCode.Redirect, (await JoinAsync(phone, setup, 1, "Un guide de vérification des sources", action, "Le CRIJ")).Status);
        var resource = await app.WithDatabaseAsync(db => db.WorkshopItems.SingleAsync(i => i.Text == "Un guide de vérification des sources"));
        Assert.Equal((ResourceStatus.ToCreate, "Le CRIJ", setup.Group(1)), (resource.ResourceStatus!.Value, resource.Actor!, resource.GroupId));
        using (var reader = app.NewSession())
        {
            var appears = (await reader.GetAsync($"/directory/{crij}")).Document.QuerySelector("section[aria-labelledby=appears] a");
            Assert.Equal(("Un guide de vérification des sources", $"/workshops/{workshop.Id}#item-{resource.Id}"), (appears?.TextContent, appears?.GetAttribute("href")));
        }

        // The public page: the order the facilitator chose, the tree, the carried concern, the merged duplicate.
        using var visitor = app.NewSession();
        var page = await visitor.GetAsync($"/workshops/{workshop.Id}");
        var group = $"section[aria-labelledby=group-{setup.Group(0)}]";
        Assert.Equal(
            ["La fracture numérique des personnes âgées", "La confiance dans les élus", "Les fausses informations", "Les démarches en ligne obligatoires", "Une sixième préoccupation"],
            page.Texts($"{group} ol.concerns > li > .item-text"));
        Assert.Equal("portée par le groupe", page.Text($"#item-{kept} > .badge"));
        Assert.Equal("Former des médiateurs et des médiatrices", page.Text($"#item-{kept} .actions-list > li > .item-text"));
        Assert.Contains("Un guide de vérification des sources", page.Text($"#item-{action} .resources-list"), StringComparison.Ordinal);
        Assert.Contains("Le CRIJ", page.Text($"#item-{action} .resources-list"), StringComparison.Ordinal);
        Assert.Contains("«\u00a0Les fausses nouvelles\u00a0», fusionnée avec «\u00a0Les fausses informations\u00a0»", page.Text("section[aria-labelledby=merged]"), StringComparison.Ordinal);

        // Its own page says which table it comes from; the report attributes it to the table too.
        Assert.Contains("Venue de\u00a0: Atelier 1", (await visitor.GetAsync($"/contributions/{fromPhone.Id}")).Text("main"), StringComparison.Ordinal);

        // Every item awaits a fate, except the merged duplicate; the report counts the workshop's work.
        var awaiting = await app.WithDatabaseAsync(db => new WorkshopsContributions().AwaitingFate(db, setup.Process).ToListAsync());
        Assert.Equal(7, awaiting.Count);
        Assert.DoesNotContain(duplicate, awaiting);
        var figures = await app.WithDatabaseAsync(db => new WorkshopsContributions().FiguresAsync(db, setup.Process));
        Assert.Equal([1, 4, 5, 1, 1], figures.Select(f => f.Count));
        var report = await visitor.GetAsync($"/processes/{setup.Process.Slug}/report");
        var row = report.Document.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")?.TextContent == "Ateliers").QuerySelector("tbody tr")!;
        Assert.Equal(["Atelier citoyenneté", "Médiathèque de Bourges", "4", "7"], row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public async Task The_wall_is_sent_again_only_when_the_workshop_changed_even_when_tables_add_at_the_same_moment()
    {
        var setup = await SetUpAsync("atelier-mur");
        Assert.Equal(HttpStatusCode.Redirect, (await ConsoleAsync(setup.Facilitator, setup, "Start", new() { ["timeId"] = setup.Time(0).ToString() })).Status);
        using var wall = app.NewSession();
        var revision = await app.WithDatabaseAsync(db => db.Workshops.Where(w => w.Id == setup.Workshop.Id).Select(w => w.Revision).SingleAsync());
        var board = $"/workshops/{setup.Workshop.Id}/wall?handler=Board&revision={revision}";
        Assert.Equal(HttpStatusCode.NoContent, (await wall.GetAsync(board)).Status);

        var phones = Enumerable.Range(0, 4).Select(_ => app.NewSession()).ToList();
        var answers = await Task.WhenAll(phones.Select((phone, i) => JoinAsync(phone, setup, i, $"Préoccupation de la table {i + 1}")));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.Status));
        phones.ForEach(p => p.Dispose());
        Assert.Equal(revision + 4, await app.WithDatabaseAsync(db => db.Workshops.Where(w => w.Id == setup.Workshop.Id).Select(w => w.Revision).SingleAsync()));

        var changed = await wall.GetAsync(board);
        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.Equal((revision + 4).ToString(System.Globalization.CultureInfo.InvariantCulture), changed.Document.QuerySelector("[data-board]")?.GetAttribute("data-revision"));
        Assert.Equal(4, changed.Document.QuerySelectorAll("ol.concerns > li").Length);
        var full = await wall.GetAsync($"/workshops/{setup.Workshop.Id}/wall");
        Assert.Contains(setup.Workshop.JoinCode, full.Text(".join-code"), StringComparison.Ordinal);
        Assert.Equal("image/svg+xml", (await wall.GetAsync($"/w/{setup.Workshop.JoinCode}?handler=Qr")).ContentType);
    }

    [Fact]
    public async Task The_wall_is_projected_without_the_site_header_and_sizes_its_type_from_what_the_groups_hold()
    {
        var setup = await SetUpAsync("atelier-projete");
        using var wall = app.NewSession();
        var address = $"/workshops/{setup.Workshop.Id}/wall";
        var empty = await wall.GetAsync(address);
        Assert.Empty(empty.Document.QuerySelectorAll(".site-header, .site-footer, nav"));
        Assert.Equal("Atelier citoyenneté", empty.Text("main#main h1"));
        Assert.Equal(4, empty.Document.QuerySelectorAll("main h2").Length);
        // Before the start people can already scan the code and choose their table.
        Assert.Equal(setup.Workshop.JoinCode, empty.Text(".join-code"));
        Assert.Equal("0", empty.Document.QuerySelector(".wall-board")?.GetAttribute("data-scale"));

        await app.WithDatabaseAsync(db =>
        {
            db.WorkshopItems.AddRange(setup.Workshop.Groups.SelectMany(group => Enumerable.Range(0, 20).Select(i => new WorkshopItem
            {
                OrganisationId = app.World.OrganisationId, ProcessId = setup.Process.Id, WorkshopId = setup.Workshop.Id, GroupId = group.Id,
                ItemKind = ItemKind.Concern, Text = $"Préoccupation {i} : " + new string('x', 80), Position = i, Channel = Channel.Workshop,
            })));
            return db.SaveChangesAsync();
        });
        // The board workshop.js fetches carries its size with it.
        var full = await wall.GetAsync($"{address}?handler=Board");
        Assert.Equal($"{WallScale.Sizes.Count - 1}", full.Document.QuerySelector(".wall-board")?.GetAttribute("data-scale"));
        Assert.Equal($"{WallScale.Sizes.Count}", full.Document.QuerySelector(".wall-board")?.GetAttribute("data-scales"));

        // The stylesheet has the sizes the estimate reckons with.
        var css = await wall.Client.GetStringAsync(new Uri("/css/site.css", UriKind.Relative));
        Assert.All(WallScale.Sizes.Select((size, level) => $"[data-scale=\"{level}\"] {{ --s: {size.ToString(System.Globalization.CultureInfo.InvariantCulture)}; }}"),
            rule => Assert.Contains(rule, css, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Times_and_groups_are_edited_as_data_and_a_group_that_produced_something_stays()
    {
        var setup = await SetUpAsync("atelier-edition");
        var facilitatorId = await app.WithDatabaseAsync(db => db.Users.Where(u => u.Pseudonym == "Animation atelier-edition").Select(u => u.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(setup.Facilitator, setup, 0, ItemKind.Concern, "Saisie après coup")).Status);
        var edit = $"/workshops/{setup.Workshop.Id}/edit";
        Dictionary<string, string> Form(bool keepFirstGroup) => new()
        {
            ["Title"] = "Tables de quartier", ["Description"] = "", ["Place"] = "Café la Ziv", ["StartsAt"] = "",
            ["Times[0].Id"] = setup.Time(0).ToString(), ["Times[0].Title"] = "Nos préoccupations", ["Times[0].Minutes"] = "20",
            ["Times[0].Output"] = "Concerns", ["Times[0].MinItems"] = "3", ["Times[0].MaxItems"] = "4", ["Times[0].Gathered"] = "false",
            ["Times[1].Title"] = "Nos actions", ["Times[1].Minutes"] = "", ["Times[1].Output"] = "Actions", ["Times[1].Gathered"] = "false",
            ["Groups[0].Id"] = keepFirstGroup ? setup.Group(0).ToString() : setup.Group(1).ToString(), ["Groups[0].Name"] = "Table A",
            ["Groups[0].FacilitatorId"] = facilitatorId.ToString(),
            ["Groups[1].Name"] = "Table B", ["Groups[1].FacilitatorId"] = "",
        };

        Assert.Contains("/error/403", (await setup.Facilitator.GetAsync(edit)).Location, StringComparison.Ordinal);
        var refused = await setup.Manager.PostAsync(edit, Form(keepFirstGroup: false));
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("ne peut pas être retiré", refused.Text("[role=alert]"), StringComparison.Ordinal);
        Assert.Equal("Café la Ziv", refused.Document.QuerySelector("#Place")?.GetAttribute("value"));
        Assert.Equal(4, await app.WithDatabaseAsync(db => db.WorkshopGroups.CountAsync(g => g.WorkshopId == setup.Workshop.Id)));

        Assert.Equal(HttpStatusCode.Redirect, (await setup.Manager.PostAsync(edit, Form(keepFirstGroup: true))).Status);
        var saved = await app.WithDatabaseAsync(db => db.Workshops.Include(w => w.Times).Include(w => w.Groups).SingleAsync(w => w.Id == setup.Workshop.Id));
        Assert.Equal(["Nos préoccupations", "Nos actions"], saved.Times.OrderBy(t => t.Position).Select(t => t.Title));
        Assert.Equal(["Table A", "Table B"], saved.Groups.OrderBy(g => g.Position).Select(g => g.Name));
        Assert.Equal(setup.Group(0), saved.Groups.Single(g => g.Name == "Table A").Id);
        using var visitor = app.NewSession();
        var page = await visitor.GetAsync($"/workshops/{setup.Workshop.Id}");
        Assert.Contains("Animation\u00a0: Animation atelier-edition", page.Text($"section[aria-labelledby=group-{setup.Group(0)}]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_facilitators_and_staff_run_a_workshop()
    {
        var setup = await SetUpAsync("atelier-droits");
        using var anonymous = app.NewSession();
        Assert.Contains("/account/sign-in", (await anonymous.GetAsync(setup.Console)).Location, StringComparison.Ordinal);
        var (participant, _) = await app.SignedInAsync("Participante atelier-droits");
        Assert.Contains("/error/403", (await participant.GetAsync(setup.Console)).Location, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await setup.Facilitator.GetAsync(setup.Console)).Status);
        Assert.Equal(HttpStatusCode.OK, (await setup.Manager.GetAsync(setup.Console)).Status);
        // Running is not preparing: a facilitator cannot create a workshop.
        var created = await setup.Facilitator.PostAsync($"/processes/{setup.Process.Slug}/workshops", new Dictionary<string, string> { ["Title"] = "Non", ["Template"] = "tables" },
            $"/workshops/{setup.Workshop.Id}");
        Assert.Contains("/error/403", created.Location, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.Workshops.CountAsync(w => w.ProcessId == setup.Process.Id)));
    }
}
