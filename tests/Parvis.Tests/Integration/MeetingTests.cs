using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Notifications;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Privacy;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Tests.Integration;

/// <summary>Meetings in several places, registration with a waiting list, calendars, the record of the evening, questions to experts.</summary>
[Trait("Suite", "integration")]
public sealed class MeetingTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    private sealed record Setup(Process Process, Session Manager, Meeting Meeting)
    {
        public Guid Site(int i) => Meeting.Sites.OrderBy(s => s.Position).ElementAt(i).Id;
        public string Page => $"/meetings/{Meeting.Id}";
    }

    private async Task<Setup> SetUpAsync(string slug, string template = "lorient")
    {
        var process = await app.WithDatabaseAsync(async db =>
        {
            var today = DateOnly.FromDateTime(DateTime.Now);
            var process = ParvisApp.NewProcess(app.World.OrganisationId, slug, new Phase { Title = "Débats", StartsOn = today.AddDays(-3), EndsOn = today.AddDays(30) });
            db.Processes.Add(process);
            await db.SaveChangesAsync();
            return process;
        });
        var (manager, _) = await app.SignedInAsync($"Pilote {slug}", Role.ProcessManager);
        var created = await manager.PostAsync($"/processes/{slug}/meetings", new Dictionary<string, string>
        {
            ["Title"] = "Numérique, danger ou opportunité ?", ["Template"] = template, ["StartsAt"] = Local(DateTime.Now.AddDays(7)), ["Mode"] = "InPerson",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var id = Guid.Parse(created.Location!.Split('/')[2]);
        var meeting = await app.WithDatabaseAsync(db => db.Meetings.Include(m => m.Sites).SingleAsync(m => m.Id == id));
        return new Setup(process, manager, meeting);
    }

    private static string Local(DateTime time) => time.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The edit form as the manager would send it: every site kept, with the given capacity at the first one.</summary>
    private static Dictionary<string, string> EditForm(Setup setup, int? capacity, string mode = "InPerson", string link = "", bool registration = true)
    {
        var form = new Dictionary<string, string>
        {
            ["Title"] = setup.Meeting.Title, ["Description"] = "Cinq cafés, le même soir.", ["Mode"] = mode, ["OnlineLink"] = link,
            ["StartsAt"] = Local(setup.Meeting.StartsAt.ToLocalTime().DateTime), ["EndsAt"] = Local(setup.Meeting.EndsAt.ToLocalTime().DateTime),
            ["Agenda"] = "1. Accueil\n2. **Débat**", ["Registration"] = registration ? "true" : "false",
        };
        var sites = setup.Meeting.Sites.OrderBy(s => s.Position).ToList();
        for (var i = 0; i < sites.Count; i++)
        {
            form[$"Rows[{i}].Id"] = sites[i].Id.ToString();
            form[$"Rows[{i}].Name"] = sites[i].Name;
            form[$"Rows[{i}].Address"] = sites[i].Address;
            form[$"Rows[{i}].Capacity"] = i == 0 ? capacity?.ToString() ?? "" : "";
            form[$"Rows[{i}].Access"] = i == 0 ? "StepFree" : "HearingLoop";
            form[$"Rows[{i}].AccessNotes"] = i == 0 ? "Arrêt de bus Dumont à 50 m" : "";
        }
        return form;
    }

    private static Task<Session.Response> RegisterAsync(Session person, Setup setup, Guid site) =>
        person.PostAsync($"{setup.Page}?handler=Register", new Dictionary<string, string> { ["SiteId"] = site.ToString() });

    /// <summary>Every command loads its process the same way (ProcessAccess): a draft is only for those who may edit it.</summary>
    [Fact]
    public async Task In_a_process_not_yet_published_staff_prepare_a_meeting_and_nobody_registers()
    {
        var setup = await SetUpAsync("brouillon-des-reunions");
        await app.WithDatabaseAsync(db => db.Processes.Where(p => p.Id == setup.Process.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Published, false)));

        var (early, _) = await app.SignedInAsync("Inscrite trop tôt");
        Assert.Equal(HttpStatusCode.NotFound, (await early.PostAsync($"{setup.Page}?handler=Register",
            new Dictionary<string, string> { ["SiteId"] = setup.Site(0).ToString() }, "/account/sign-out")).Status);
        Assert.False(await app.WithDatabaseAsync(db => db.MeetingRegistrations.AnyAsync(r => r.MeetingId == setup.Meeting.Id)));

        Assert.Equal(HttpStatusCode.Redirect, (await setup.Manager.PostAsync($"{setup.Page}/edit", EditForm(setup, capacity: 12))).Status);
        Assert.Equal(12, await app.WithDatabaseAsync(db => db.MeetingSites.Where(s => s.Id == setup.Site(0)).Select(s => s.Capacity).SingleAsync()));
    }

    [Fact]
    public async Task The_organisations_agenda_gathers_every_process_filtered_and_as_a_calendar_with_links_places_and_online_links()
    {
        var cafes = await SetUpAsync("agenda-cafes");
        var expert = await SetUpAsync("agenda-experts", "single");
        var form = EditForm(expert, capacity: 40, mode: "Hybrid", link: "https://visio.example.org/table-ronde");
        form["Rows[0].Name"] = "Quai 9";
        form["Rows[0].Address"] = "Quai 9, Lanester";
        form["Rows[0].Place"] = "47.7561, -3.3353";
        // A site named as a place of the directory (but for case) puts the meeting on the place's entry; the form suggests the names.
        var quai = await app.WithDatabaseAsync(async db =>
        {
            var entry = new DirectoryEntry { OrganisationId = app.World.OrganisationId, ProcessId = expert.Process.Id, Name = "QUAI 9", State = EntryState.Published, Version = 1 };
            db.DirectoryEntries.Add(entry);
            await db.SaveChangesAsync();
            return entry.Id;
        });
        Assert.Equal(["QUAI 9"], (await expert.Manager.GetAsync($"{expert.Page}/edit")).Document.QuerySelectorAll("datalist#actors option").Select(o => o.GetAttribute("value")));
        Assert.Equal(HttpStatusCode.Redirect, (await expert.Manager.PostAsync($"{expert.Page}/edit", form)).Status);
        using (var reader = app.NewSession())
        {
            Assert.Equal(expert.Page, (await reader.GetAsync($"/directory/{quai}")).Document.QuerySelector("section[aria-labelledby=appears] a")?.GetAttribute("href"));
        }

        using var visitor = app.NewSession();
        var agenda = await visitor.GetAsync("/meetings");
        Assert.Equal(HttpStatusCode.OK, agenda.Status);
        var listed = agenda.Document.QuerySelectorAll(".meeting-list > li > a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains(cafes.Page, listed);
        Assert.Contains(expert.Page, listed);
        Assert.NotNull(agenda.Document.QuerySelector($".meeting-list .meta a[href='/processes/{expert.Process.Slug}']"));
        var groix = await visitor.GetAsync("/meetings?place=GROIX");
        Assert.Contains(cafes.Page, groix.Document.QuerySelectorAll(".meeting-list > li > a").Select(a => a.GetAttribute("href")));
        Assert.DoesNotContain(expert.Page, groix.Document.QuerySelectorAll(".meeting-list > li > a").Select(a => a.GetAttribute("href")));
        Assert.NotNull(groix.Document.QuerySelector("a[href='/meetings.ics?place=GROIX']"));
        Assert.DoesNotContain(cafes.Page, (await visitor.GetAsync("/meetings?mode=Hybrid")).Document.QuerySelectorAll(".meeting-list > li > a").Select(a => a.GetAttribute("href")));
        var unknown = await visitor.GetAsync("/meetings?process=nulle-part&place=50%25");
        Assert.Contains("choisissez-en une dans la liste", unknown.Text("#Process-error"), StringComparison.Ordinal);
        Assert.Equal("50%", unknown.Document.QuerySelector("#Place")!.GetAttribute("value"));
        Assert.Empty(unknown.Document.QuerySelectorAll(".meeting-list > li"));

        var file = await visitor.GetAsync($"/meetings.ics?process={expert.Process.Slug}");
        Assert.Equal("text/calendar", file.ContentType);
        var calendar = Ical.Net.Calendar.Load(file.Body)!;
        var meeting = Assert.Single(calendar.Events);
        Assert.Equal(new Uri($"http://localhost{expert.Page}"), meeting.Url);
        Assert.Contains("Quai 9, Lanester", meeting.Location, StringComparison.Ordinal);
        Assert.Equal("https://visio.example.org/table-ronde", meeting.Properties.Get<string>("CONFERENCE"));
        Assert.Equal((47.7561, -3.3353), (meeting.GeographicLocation!.Latitude, meeting.GeographicLocation.Longitude));
        Assert.Contains(calendar.Events, e => e.Uid == $"{expert.Meeting.Id}@parvis");
        var everything = Ical.Net.Calendar.Load((await visitor.GetAsync("/meetings.ics")).Body)!;
        Assert.Contains(everything.Events, e => e.Uid == $"{cafes.Meeting.Id}@parvis");
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/meetings.ics?process=nulle-part")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await visitor.GetAsync("/meetings.ics?mode=bateau")).Status);
    }

    [Fact]
    public async Task The_day_before_a_meeting_those_registered_and_those_who_follow_its_place_hear_of_it()
    {
        var setup = await SetUpAsync("reunion-demain");
        Assert.Equal(HttpStatusCode.Redirect, (await setup.Manager.PostAsync($"{setup.Page}/edit", EditForm(setup, capacity: 20))).Status);
        var (islander, islanderPerson) = await app.SignedInAsync("Habitante de Groix");
        var agenda = await islander.GetAsync("/meetings?place=GROIX");
        Assert.Equal(Places.IdOf("groix").ToString(), agenda.Document.QuerySelector("form.follow input[name=subjectId]")!.GetAttribute("value"));
        Dictionary<string, string> Follow(string place, Guid id) => new()
        {
            ["kind"] = "Place", ["subjectId"] = id.ToString(), ["place"] = place, ["following"] = "true", ["returnUrl"] = "/meetings",
        };
        Assert.Equal(HttpStatusCode.NotFound, (await islander.PostAsync("/follow", Follow("Lorient", Places.IdOf("Groix")), "/meetings")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await islander.PostAsync("/follow", Follow("GROIX", Places.IdOf("Groix")), "/meetings")).Status);
        Assert.Contains("GROIX", (await islander.GetAsync("/account/notifications/settings")).Text("main"), StringComparison.Ordinal);
        // A place named in another script at the longest: its address, that the list of follows links to, fits its column.
        var far = new string('Ж', Places.NameMax);
        Assert.Equal(HttpStatusCode.Redirect, (await islander.PostAsync("/follow", Follow(far, Places.IdOf(far)), "/meetings")).Status);
        var followed = await islander.GetAsync("/account/notifications/settings");
        Assert.Contains(followed.Document.QuerySelectorAll("main a"), a => a.TextContent == far && a.GetAttribute("href") == $"/meetings?place={far}");
        // Any name can be typed: the places one follows are bounded, and the refusal says why.
        var (collector, _) = await app.SignedInAsync("Collectionneur de lieux");
        for (var i = 0; i < Parvis.Web.Kernel.Notifications.FollowCommands.PlacesMax; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await collector.PostAsync("/follow", Follow($"Lieu {i}", Places.IdOf($"Lieu {i}")), "/meetings")).Status);
        }
        await collector.PostAsync("/follow", Follow("Un lieu de trop", Places.IdOf("Un lieu de trop")), "/meetings");
        var bounded = await collector.GetAsync("/account/notifications/settings");
        Assert.DoesNotContain("Un lieu de trop", bounded.Text("main"), StringComparison.Ordinal);
        Assert.Contains("Vous suivez déjà 50 lieux", bounded.Text("body"), StringComparison.Ordinal);
        Assert.Contains("Lieu 49", bounded.Text("main"), StringComparison.Ordinal);
        var (elsewhere, elsewherePerson) = await app.SignedInAsync("Habitant de Belle-Île");
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.PostAsync("/follow", Follow("Belle-Île", Places.IdOf("belle-ile")), "/meetings")).Status);
        var (registered, registeredPerson) = await app.SignedInAsync("Inscrite à Lorient");
        Assert.Equal(HttpStatusCode.Redirect, (await RegisterAsync(registered, setup, setup.Site(0))).Status);

        var tomorrow = app.Clock.GetUtcNow().AddHours(20);
        await app.WithDatabaseAsync(db => db.Meetings.Where(m => m.Id == setup.Meeting.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.StartsAt, tomorrow).SetProperty(m => m.EndsAt, tomorrow.AddHours(2))));
        await app.DispatchAsync();
        var told = await app.WithDatabaseAsync(db => db.Notifications
            .Where(n => db.NotificationEvents.Any(e => e.Id == n.EventId && e.Kind == MeetingsModule.Soon.Key && e.ItemId == setup.Meeting.Id))
            .Select(n => n.PersonId).ToListAsync());
        Assert.Contains(islanderPerson.Id, told);
        Assert.Contains(registeredPerson.Id, told);
        Assert.DoesNotContain(elsewherePerson.Id, told);
        // Raised once, however often the job runs.
        await app.DispatchAsync();
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.NotificationEvents.CountAsync(e => e.Kind == MeetingsModule.Soon.Key && e.ItemId == setup.Meeting.Id)));
    }

    [Fact]
    public async Task A_site_placed_on_a_map_links_to_it_and_shows_in_the_open_data_map()
    {
        var setup = await SetUpAsync("reunion-sur-la-carte");
        var form = EditForm(setup, capacity: 20);
        // A date past the calendar's reach is refused next to its field, not added to.
        var far = await setup.Manager.PostAsync($"{setup.Page}/edit", new Dictionary<string, string>(form) { ["StartsAt"] = "9999-12-31T23:00", ["EndsAt"] = "9999-12-31T23:30" });
        Assert.Equal("Choisissez une date entre 2000 et 2200.", far.Text("#StartsAt-error"));
        form["Rows[0].Place"] = "au bout du quai";
        var refused = await setup.Manager.PostAsync($"{setup.Page}/edit", form);
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("latitude puis la longitude", refused.Text("#Rows_0__Place-error"), StringComparison.Ordinal);
        Assert.Equal("au bout du quai", refused.Document.QuerySelector("#Rows_0__Place")!.GetAttribute("value"));
        Assert.Null(await app.WithDatabaseAsync(db => db.MeetingSites.Where(s => s.Id == setup.Site(0)).Select(s => s.Capacity).SingleAsync()));

        form["Rows[0].Place"] = "47,7475 ; -3,3669";
        Assert.Equal(HttpStatusCode.Redirect, (await setup.Manager.PostAsync($"{setup.Page}/edit", form)).Status);
        Assert.Equal("47.7475, -3.3669", (await setup.Manager.GetAsync($"{setup.Page}/edit")).Document.QuerySelector("#Rows_0__Place")!.GetAttribute("value"));
        using var visitor = app.NewSession();
        Assert.NotNull((await visitor.GetAsync(setup.Page)).Document.QuerySelector(
            $"#site-{setup.Site(0)} a[href='https://www.openstreetmap.org/?mlat=47.7475&mlon=-3.3669#map=17/47.7475/-3.3669']"));

        var map = System.Text.Json.JsonDocument.Parse((await visitor.GetAsync($"/open-data/meetings-sites.geojson?process={setup.Process.Slug}")).Body).RootElement;
        var features = map.GetProperty("features").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!);
        Assert.Equal(5, features.Count);
        var placed = features[setup.Site(0).ToString()];
        Assert.Equal([-3.3669, 47.7475], placed.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()));
        Assert.Equal("Lorient", placed.GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, features[setup.Site(1).ToString()].GetProperty("geometry").ValueKind);
    }

    [Fact]
    public async Task The_Lorient_template_opens_five_places_the_same_evening_with_access_information_and_calendars()
    {
        var setup = await SetUpAsync("lorient-cinq-lieux");
        Assert.Equal(["Lorient", "Quimperlé", "Hennebont", "Groix", "Port-Louis"], setup.Meeting.Sites.OrderBy(s => s.Position).Select(s => s.Name));
        Assert.Equal(TimeSpan.FromHours(2), setup.Meeting.EndsAt - setup.Meeting.StartsAt);
        Assert.Contains("Qu'attendez-vous des outils numériques", setup.Meeting.Agenda, StringComparison.Ordinal);

        var saved = await setup.Manager.PostAsync($"{setup.Page}/edit", EditForm(setup, capacity: 30));
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        using var visitor = app.NewSession();
        var page = await visitor.GetAsync(setup.Page);
        Assert.Equal(5, page.Document.QuerySelectorAll("section[aria-labelledby=sites] li.card").Length);
        var lorient = page.Text($"#site-{setup.Site(0)}");
        Assert.Contains("Accès de plain-pied", lorient, StringComparison.Ordinal);
        Assert.Contains("Arrêt de bus Dumont", lorient, StringComparison.Ordinal);
        Assert.Contains("30 places libres sur 30", lorient, StringComparison.Ordinal);
        Assert.Contains("Boucle à induction", page.Text($"#site-{setup.Site(3)}"), StringComparison.Ordinal);
        Assert.Equal("Débat", page.Text("#agenda + div ol li:last-child strong"));

        var calendar = await visitor.GetAsync($"{setup.Page}?handler=Calendar");
        Assert.Equal("text/calendar", calendar.ContentType);
        Assert.Contains("BEGIN:VEVENT", calendar.Body, StringComparison.Ordinal);
        Assert.Contains($"UID:{setup.Meeting.Id}@parvis", calendar.Body, StringComparison.Ordinal);
        Assert.Contains($"DTSTART:{setup.Meeting.StartsAt.UtcDateTime:yyyyMMdd'T'HHmmss}Z", calendar.Body, StringComparison.Ordinal);
        Assert.Contains("SEQUENCE:1", calendar.Body, StringComparison.Ordinal);
        Assert.Contains("Groix (Bar de Tréville\\, Groix)", calendar.Body.Replace("\r\n ", "", StringComparison.Ordinal), StringComparison.Ordinal);

        var second = await setup.Manager.PostAsync($"/processes/{setup.Process.Slug}/meetings", new Dictionary<string, string>
        {
            ["Title"] = "Table ronde d'experts", ["Template"] = "single", ["StartsAt"] = Local(DateTime.Now.AddDays(9)), ["Mode"] = "Hybrid",
        });
        Assert.Equal(HttpStatusCode.Redirect, second.Status);
        var all = await visitor.GetAsync($"/processes/{setup.Process.Slug}/meetings?handler=Calendar");
        Assert.Equal(2, all.Body.Split("BEGIN:VEVENT").Length - 1);
        Assert.Contains("Table ronde d'experts", all.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editing_a_meeting_refuses_bad_input_next_to_the_field_and_saves_nothing()
    {
        var setup = await SetUpAsync("reunion-saisie", template: "single");
        var form = EditForm(setup, capacity: 10);
        form["EndsAt"] = form["StartsAt"];
        form["Title"] = "Titre modifié";
        var refused = await setup.Manager.PostAsync($"{setup.Page}/edit", form);
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("La fin doit venir après le début", refused.Text("#EndsAt-error"), StringComparison.Ordinal);
        Assert.Equal("Titre modifié", refused.Document.QuerySelector("#Title")?.GetAttribute("value"));

        var online = EditForm(setup, capacity: 10, mode: "Online", link: "javascript:alert(1)");
        refused = await setup.Manager.PostAsync($"{setup.Page}/edit", online);
        Assert.Contains("https://", refused.Text("#OnlineLink-error"), StringComparison.Ordinal);
        var stored = await app.WithDatabaseAsync(db => db.Meetings.Include(m => m.Sites).SingleAsync(m => m.Id == setup.Meeting.Id));
        Assert.Equal(setup.Meeting.Title, stored.Title);
        Assert.Null(stored.Sites.Single().Capacity);

        using var participant = (await app.SignedInAsync("Curieuse")).Session;
        Assert.StartsWith("http://localhost/error/403", (await participant.GetAsync($"{setup.Page}/edit")).Location, StringComparison.Ordinal);
        Assert.StartsWith("http://localhost/error/403", (await participant.GetAsync($"{setup.Page}/record")).Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simultaneous_registrations_never_exceed_the_seats_and_a_freed_seat_goes_to_the_first_person_waiting()
    {
        var setup = await SetUpAsync("reunion-places");
        Assert.Equal(HttpStatusCode.Redirect, (await setup.Manager.PostAsync($"{setup.Page}/edit", EditForm(setup, capacity: 4))).Status);
        var people = await Task.WhenAll(Enumerable.Range(1, 12).Select(i => app.SignedInAsync($"Habitant {i}")));
        var answers = await Task.WhenAll(people.Select(p => RegisterAsync(p.Session, setup, setup.Site(0))));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.Status));

        var registrations = await app.WithDatabaseAsync(db => db.MeetingRegistrations.Where(r => r.MeetingId == setup.Meeting.Id).ToListAsync());
        Assert.Equal(12, registrations.Count);
        Assert.Equal(4, registrations.Count(r => r.Status == RegistrationStatus.Confirmed));
        Assert.Equal(8, registrations.Count(r => r.Status == RegistrationStatus.Waiting));

        // The same person twice at the same moment holds one registration; another site is refused with the reason.
        var again = await Task.WhenAll(RegisterAsync(people[0].Session, setup, setup.Site(0)), RegisterAsync(people[0].Session, setup, setup.Site(0)));
        Assert.All(again, a => Assert.Equal(HttpStatusCode.Redirect, a.Status));
        var elsewhere = await RegisterAsync(people[0].Session, setup, setup.Site(1));
        Assert.Contains("déjà inscrit", elsewhere.Text("#registration .alert"), StringComparison.Ordinal);
        Assert.Equal(12, await app.WithDatabaseAsync(db => db.MeetingRegistrations.CountAsync(r => r.MeetingId == setup.Meeting.Id)));

        var waiting = registrations.Where(r => r.Status == RegistrationStatus.Waiting).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToList();
        var first = people.Single(p => p.Person.Id == waiting[0].PersonId);
        var second = people.Single(p => p.Person.Id == waiting[1].PersonId);
        Assert.Contains("en position 2", (await second.Session.GetAsync(setup.Page)).Text("#registration"), StringComparison.Ordinal);

        var seated = people.Where(p => registrations.Any(r => r.PersonId == p.Person.Id && r.Status == RegistrationStatus.Confirmed)).Take(2).ToList();
        var cancels = await Task.WhenAll(seated.Select(p => p.Session.PostAsync($"{setup.Page}?handler=Cancel", new Dictionary<string, string>())));
        Assert.All(cancels, c => Assert.Equal(HttpStatusCode.Redirect, c.Status));
        var after = await app.WithDatabaseAsync(db => db.MeetingRegistrations.Where(r => r.MeetingId == setup.Meeting.Id).ToListAsync());
        Assert.Equal(4, after.Count(r => r.Status == RegistrationStatus.Confirmed));
        Assert.Equal(RegistrationStatus.Confirmed, after.Single(r => r.PersonId == first.Person.Id).Status);
        Assert.Equal(RegistrationStatus.Confirmed, after.Single(r => r.PersonId == second.Person.Id).Status);
        var mail = await app.Mail.WaitForAsync(first.Person.Email!, m => m.Subject?.Contains("place s'est libérée", StringComparison.Ordinal) == true);
        Assert.Contains($"/meetings/{setup.Meeting.Id}", mail.TextBody, StringComparison.Ordinal);

        // More seats: the waiting list moves up at once.
        Assert.Equal(HttpStatusCode.Redirect, (await setup.Manager.PostAsync($"{setup.Page}/edit", EditForm(setup, capacity: 7))).Status);
        after = await app.WithDatabaseAsync(db => db.MeetingRegistrations.Where(r => r.MeetingId == setup.Meeting.Id).ToListAsync());
        Assert.Equal(7, after.Count(r => r.Status == RegistrationStatus.Confirmed));
        Assert.Equal(3, after.Count(r => r.Status == RegistrationStatus.Waiting));

        // A site with registrations cannot be removed; the facilitator's list shows pseudonyms only.
        var removing = EditForm(setup, capacity: 7);
        removing["Rows[0].Name"] = "";
        var refused = await setup.Manager.PostAsync($"{setup.Page}/edit", removing);
        Assert.Contains("ne peut pas être retiré", refused.Text(".alert"), StringComparison.Ordinal);
        var list = await setup.Manager.GetAsync($"{setup.Page}/record");
        Assert.Contains(first.Person.Pseudonym, list.Text("section[aria-labelledby=registrants]"), StringComparison.Ordinal);
        Assert.DoesNotContain("@example.org", list.Body, StringComparison.Ordinal);
        var kit = await setup.Manager.GetAsync($"{setup.Page}/kit");
        var lorientSheet = kit.Document.QuerySelector("article table")!;
        Assert.Contains(first.Person.Pseudonym, lorientSheet.TextContent, StringComparison.Ordinal);
        Assert.Equal(5, kit.Texts("article h2").Count(h => h.StartsWith("Feuille d'émargement", StringComparison.Ordinal)));
        Assert.Contains("Votre question aux experts", kit.Text("article"), StringComparison.Ordinal);

        // An erasure that fails after the seat was freed undoes it all, and tells nobody.
        var next = people.Single(p => p.Person.Id == waiting[5].PersonId);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParvisDbContext>();
            var failing = new PersonalData(db, scope.ServiceProvider.GetRequiredService<UserManager<Person>>(),
                [.. scope.ServiceProvider.GetServices<IPersonalDataSource>(), new FailingSource()], scope.ServiceProvider.GetServices<IContributionSource>(),
                scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<PersonalData>>());
            var person = await db.Users.SingleAsync(p => p.Id == first.Person.Id);
            await Assert.ThrowsAsync<InvalidOperationException>(() => failing.EraseAsync(person, ErasureChoice.Remove));
        }
        Assert.Equal(RegistrationStatus.Waiting, await app.WithDatabaseAsync(db => db.MeetingRegistrations.Where(r => r.PersonId == next.Person.Id).Select(r => r.Status).SingleAsync()));

        // A seated person erases their account: the seat goes to the next waiting, who is told as after a cancellation,
        // once (the mail queue is first in, first out: a mail of the failed erasure would have come first).
        await first.Session.PostAsync("/account/delete", new Dictionary<string, string> { ["Choice"] = "Remove", ["Password"] = ParvisApp.Password });
        Assert.Equal(RegistrationStatus.Confirmed, await app.WithDatabaseAsync(db => db.MeetingRegistrations.Where(r => r.PersonId == next.Person.Id).Select(r => r.Status).SingleAsync()));
        var told = await app.Mail.WaitForAsync(next.Person.Email!, m => m.Subject?.Contains("place s'est libérée", StringComparison.Ordinal) == true);
        Assert.Contains($"/meetings/{setup.Meeting.Id}", told.TextBody, StringComparison.Ordinal);
        await app.Services.GetRequiredService<Parvis.Web.Kernel.Email.IEmailSender>().SendAsync("marque@example.org", "Après", "Tout ce qui précède est arrivé.");
        await app.Mail.WaitForAsync("marque@example.org");
        Assert.Single(app.Mail.Messages, m => m.To.Mailboxes.Any(a => a.Address == next.Person.Email) && m.Subject?.Contains("place s'est libérée", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Many_questions_to_the_experts_are_listed_a_page_at_a_time_by_theme_and_counted_over_all()
    {
        var setup = await SetUpAsync("reunion-nombreuses-questions");
        var themes = setup.Process.Themes.OrderBy(t => t.Position).ToList();
        var pageSize = Parvis.Web.Modules.Meetings.Pages.Questions.IndexModel.PageSize;
        // The page's last question is of the last theme, asked first: the order is the themes', then the asking's.
        await app.WithDatabaseAsync(async db =>
        {
            var start = DateTimeOffset.UtcNow.AddHours(-5);
            db.ExpertQuestions.AddRange(Enumerable.Range(0, pageSize + 1).Select(i => new ExpertQuestion
            {
                OrganisationId = setup.Process.OrganisationId, ProcessId = setup.Process.Id, ComponentId = setup.Meeting.ComponentId,
                Text = $"Question numéro {i + 1}", ThemeId = i == 0 ? themes[^1].Id : themes[0].Id, CreatedAt = start.AddMinutes(i),
                Status = i % 2 == 0 ? QuestionStatus.Answered : QuestionStatus.Open, Origin = "Site de Groix", Channel = Channel.Meeting,
            }));
            await db.SaveChangesAsync();
            return 0;
        });
        var list = $"/processes/{setup.Process.Slug}/questions/{setup.Meeting.ComponentId}";
        using var visitor = app.NewSession();

        var first = await visitor.GetAsync(list);
        Assert.Equal(pageSize, first.Document.QuerySelectorAll(".question-list li").Length);
        Assert.Contains($"{pageSize + 1} questions. {pageSize / 2 + 1} réponses publiées.", first.Text("main .meta"), StringComparison.Ordinal);
        Assert.Equal($"{list}?p=2", first.Document.QuerySelector("nav[aria-label='Pages des questions'] a[rel=next]")!.GetAttribute("href"));
        var second = await visitor.GetAsync($"{list}?p=2");
        Assert.Equal(["Question numéro 1"], second.Texts(".question-list li a"));
        Assert.Equal(themes[^1].Name, second.Text($"#theme-{themes[^1].Id}"));
        Assert.Contains("page 2", second.Text("title"), StringComparison.Ordinal);
        Assert.Equal(list, second.Document.QuerySelector("nav[aria-label='Pages des questions'] a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"{list}?p=3")).Status);
    }

    [Fact]
    public async Task What_each_site_said_and_the_questions_it_raised_are_contributions_of_the_site_answered_in_public()
    {
        var setup = await SetUpAsync("reunion-questions");
        var (facilitator, _) = await app.SignedInAsync("Animatrice Groix", Role.Facilitator);
        var (expert, expertPerson) = await app.SignedInAsync("Experte cybersécurité", Role.Expert);
        var themes = setup.Process.Themes.OrderBy(t => t.Position).ToList();
        var record = $"{setup.Page}/record";

        var remark = await facilitator.PostAsync($"{record}?handler=Add", new Dictionary<string, string>
        {
            ["SiteId"] = setup.Site(3).ToString(), ["Kind"] = "Remark", ["ThemeId"] = themes[0].Id.ToString(), ["EntryText"] = "Le bateau du matin ne permet pas la télémédecine",
        }, record);
        Assert.Equal(HttpStatusCode.Redirect, remark.Status);
        Assert.EndsWith($"?site={setup.Site(3)}", remark.Location, StringComparison.Ordinal);
        var collected = await facilitator.PostAsync($"{record}?handler=Add", new Dictionary<string, string>
        {
            ["SiteId"] = setup.Site(3).ToString(), ["Kind"] = "Question", ["ThemeId"] = themes[1].Id.ToString(), ["EntryText"] = "Qui protège mes données de santé ?",
        }, record);
        Assert.Equal(HttpStatusCode.Redirect, collected.Status);
        var empty = await facilitator.PostAsync($"{record}?handler=Add", new Dictionary<string, string>
        {
            ["SiteId"] = setup.Site(0).ToString(), ["Kind"] = "Remark", ["ThemeId"] = "", ["EntryText"] = "   ",
        }, record);
        Assert.Contains("Écrivez ce qui a été dit", empty.Text("#EntryText-error"), StringComparison.Ordinal);

        var (participant, asker) = await app.SignedInAsync("Lectrice de Ouest-France");
        var asked = await participant.PostAsync($"/processes/{setup.Process.Slug}/questions", new Dictionary<string, string>
        {
            ["QuestionText"] = "Le covoiturage en ligne marche-t-il hors des villes ?", ["ThemeId"] = themes[0].Id.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, asked.Status);

        var contributions = await app.WithDatabaseAsync(db => db.Contributions.Where(c => c.ProcessId == setup.Process.Id).ToListAsync());
        var fromGroix = contributions.Where(c => c.Channel == Channel.Meeting).ToList();
        Assert.Equal(2, fromGroix.Count);
        Assert.All(fromGroix, c => Assert.Equal($"Groix · {setup.Meeting.Title}", c.Origin));
        Assert.All(fromGroix, c => Assert.Null(c.AuthorId));
        var online = Assert.IsType<ExpertQuestion>(contributions.Single(c => c.Channel == Channel.Online));
        Assert.Equal(asker.Id, online.AuthorId);
        var health = contributions.OfType<ExpertQuestion>().Single(q => q.Channel == Channel.Meeting);

        // Routing is for staff; answering for experts; a question left uncovered says why.
        var notExpert = await facilitator.PostAsync($"/questions/{health.Id}?handler=Answer", new Dictionary<string, string>
        {
            ["Outcome"] = "Answered", ["Answer"] = "Une réponse", ["MeetingId"] = "",
        }, $"/questions/{health.Id}");
        Assert.Equal(HttpStatusCode.OK, notExpert.Status);
        Assert.Empty(notExpert.Document.QuerySelectorAll("form[action*=Answer]"));
        Assert.Equal(QuestionStatus.Open, await app.WithDatabaseAsync(db => db.ExpertQuestions.Where(q => q.Id == health.Id).Select(q => q.Status).SingleAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await setup.Manager.PostAsync($"/questions/{health.Id}?handler=Route", new Dictionary<string, string>
        {
            ["ExpertId"] = expertPerson.Id.ToString(),
        })).Status);
        var forMe = await expert.GetAsync($"/processes/{setup.Process.Slug}/questions");
        Assert.Contains("Qui protège mes données de santé", forMe.Text("section[aria-labelledby=for-me]"), StringComparison.Ordinal);
        var noReason = await expert.PostAsync($"/questions/{health.Id}?handler=Answer", new Dictionary<string, string>
        {
            ["Outcome"] = "NotCovered", ["Answer"] = "", ["MeetingId"] = "",
        });
        Assert.Contains("Indiquez pourquoi", noReason.Text("#Answer-error"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await expert.PostAsync($"/questions/{health.Id}?handler=Answer", new Dictionary<string, string>
        {
            ["Outcome"] = "NotCovered", ["Answer"] = "Aucun médecin n'était présent à la table ronde.", ["MeetingId"] = setup.Meeting.Id.ToString(),
        })).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await expert.PostAsync($"/questions/{online.Id}?handler=Answer", new Dictionary<string, string>
        {
            ["Outcome"] = "Answered", ["Answer"] = "Oui, avec des **lignes régulières** de covoiturage.", ["MeetingId"] = "",
        })).Status);

        // After the meeting: minutes, head counts, the theme the experts could not cover.
        var form = new Dictionary<string, string>
        {
            ["Minutes"] = "Une quarantaine de contributeurs et de contributrices.", ["UncoveredThemes"] = themes[1].Id.ToString(),
            [$"Attendance[{setup.Site(0)}]"] = "12", [$"Attendance[{setup.Site(3)}]"] = "7",
        };
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.PostAsync(record, form)).Status);
        form[$"Attendance[{setup.Site(3)}]"] = "-1";
        var negative = await facilitator.PostAsync(record, form);
        Assert.Contains("négatif", negative.Text($"#attendance-{setup.Site(3)}-error"), StringComparison.Ordinal);
        Assert.Equal("-1", negative.Document.QuerySelector($"#attendance-{setup.Site(3)}")?.GetAttribute("value"));
        Assert.Equal(7, await app.WithDatabaseAsync(db => db.MeetingSites.Where(s => s.Id == setup.Site(3)).Select(s => s.Attendance).SingleAsync()));
        // A theme ticked twice (a form sent by hand) counts once.
        form[$"Attendance[{setup.Site(3)}]"] = "7";
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.PostAsync(record, [.. form, new("UncoveredThemes", themes[0].Id.ToString()), new("UncoveredThemes", themes[0].Id.ToString())])).Status);
        Assert.Equal(2, await app.WithDatabaseAsync(db => db.UncoveredThemes.CountAsync(u => u.MeetingId == setup.Meeting.Id)));
        // A count past any meeting's (two such would overflow the report's total) is refused where it was typed.
        form[$"Attendance[{setup.Site(3)}]"] = "2000000000";
        Assert.NotEqual("", (await facilitator.PostAsync(record, form)).Text($"#attendance-{setup.Site(3)}-error"));
        Assert.Equal(7, await app.WithDatabaseAsync(db => db.MeetingSites.Where(s => s.Id == setup.Site(3)).Select(s => s.Attendance).SingleAsync()));
        // An entry refused after the record was written shows the record as stored, so saving it from there keeps it.
        var refused = await facilitator.PostAsync($"{record}?handler=Add", new Dictionary<string, string>
        {
            ["SiteId"] = setup.Site(0).ToString(), ["Kind"] = "Remark", ["ThemeId"] = "", ["EntryText"] = "",
        }, record);
        Assert.NotEqual("", refused.Text("#EntryText-error"));
        Assert.Contains("Une quarantaine", refused.Document.QuerySelector("textarea[name=Minutes]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("12", refused.Document.QuerySelector($"#attendance-{setup.Site(0)}")?.GetAttribute("value"));
        Assert.NotNull(refused.Document.QuerySelector($"input[name=UncoveredThemes][value='{themes[0].Id}'][checked]"));

        // A site where a remark was recorded cannot be removed; a facilitator must hold the role.
        var edit = EditForm(setup, capacity: null);
        var last = setup.Meeting.Sites.Count - 1;
        foreach (var field in new[] { "Id", "Name", "Address", "Capacity", "Access", "AccessNotes" })
        {
            edit[$"Rows[3].{field}"] = edit[$"Rows[{last}].{field}"];
            edit.Remove($"Rows[{last}].{field}");
        }
        Assert.Contains("ne peut pas être retiré", (await setup.Manager.PostAsync($"{setup.Page}/edit", edit)).Text("main"), StringComparison.Ordinal);
        var stranger = await app.CreatePersonAsync("Animateur de nulle part");
        var unknown = await setup.Manager.PostAsync($"{setup.Page}/edit", new Dictionary<string, string>(EditForm(setup, capacity: null)) { ["Rows[0].FacilitatorId"] = stranger.Id.ToString() });
        Assert.Contains("n'a pas ce rôle", unknown.Text("main"), StringComparison.Ordinal);
        Assert.False(await app.WithDatabaseAsync(db => db.MeetingSites.AnyAsync(s => s.FacilitatorId == stranger.Id)));

        using var visitor = app.NewSession();
        var page = await visitor.GetAsync(setup.Page);
        Assert.Contains("Une quarantaine", page.Text("section[aria-labelledby=minutes]"), StringComparison.Ordinal);
        Assert.Contains("7 personnes présentes", page.Text($"#site-{setup.Site(3)}"), StringComparison.Ordinal);
        Assert.Contains("télémédecine", page.Text("section[aria-labelledby=remarks]"), StringComparison.Ordinal);
        Assert.Contains("Santé", page.Text("section[aria-labelledby=uncovered]"), StringComparison.Ordinal);
        var questions = await visitor.GetAsync($"/processes/{setup.Process.Slug}/questions");
        Assert.Contains("Santé\u00a0: ce thème n'a pas pu être traité", questions.Text("section[aria-labelledby=uncovered]"), StringComparison.Ordinal);
        Assert.Contains("2 questions. 1 réponse publiée.", questions.Text("main"), StringComparison.Ordinal);
        var answered = await visitor.GetAsync($"/questions/{online.Id}");
        Assert.Equal("lignes régulières", answered.Text("section[aria-labelledby=answer] strong"));
        Assert.Contains("Experte cybersécurité", answered.Text("section[aria-labelledby=answer]"), StringComparison.Ordinal);
        Assert.Contains("Lectrice de Ouest-France", answered.Text("main"), StringComparison.Ordinal);
        Assert.Contains("Aucun médecin", (await visitor.GetAsync($"/questions/{health.Id}")).Text("section[aria-labelledby=not-covered]"), StringComparison.Ordinal);

        // Accountability: every remark and question awaits a fate; the report counts meetings and attendance.
        var fates = await visitor.GetAsync($"/processes/{setup.Process.Slug}/fates");
        Assert.Equal(HttpStatusCode.OK, fates.Status);
        Assert.Contains("télémédecine", fates.Body, StringComparison.Ordinal);
        Assert.Contains("Qui protège mes données", fates.Body, StringComparison.Ordinal);
        var figures = await app.WithDatabaseAsync(db => new MeetingsContributions().FiguresAsync(db, setup.Process));
        Assert.Equal(1, figures.Single(f => f.Key == "CouncilReport.Figure.Meetings").Count);
        Assert.Equal(19, figures.Single(f => f.Key == "CouncilReport.Figure.Attendance").Count);
        Assert.Equal(2, figures.Single(f => f.Key == "CouncilReport.Figure.Questions").Count);
        Assert.Equal(1, figures.Single(f => f.Key == "CouncilReport.Figure.QuestionsAnswered").Count);
        var report = await visitor.GetAsync($"/processes/{setup.Process.Slug}/report");
        var meetingsTable = report.Document.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")?.TextContent.Contains("Réunions publiques", StringComparison.Ordinal) == true);
        var groix = meetingsTable.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("Bar de Tréville", StringComparison.Ordinal));
        Assert.Equal("7", groix.QuerySelector("td:last-child")?.TextContent.Trim());
        Assert.Contains("Santé", report.Document.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")?.TextContent.Contains("n'ont pas pu traiter", StringComparison.Ordinal) == true).TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_meeting_posted_without_a_template_is_refused_in_the_interface_language()
    {
        var setup = await SetUpAsync("reunion-sans-modele");
        var refused = await setup.Manager.PostAsync($"/processes/{setup.Process.Slug}/meetings", new Dictionary<string, string>
        {
            ["Title"] = "Sans modèle", ["Template"] = "", ["StartsAt"] = Local(DateTime.Now.AddDays(7)), ["Mode"] = "InPerson",
        });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal("Ce champ est obligatoire.", refused.Text("#Template-error"));
        Assert.Equal("Sans modèle", refused.Document.QuerySelector("#Title")!.GetAttribute("value"));
        Assert.False(await app.WithDatabaseAsync(db => db.Meetings.AnyAsync(m => m.Title == "Sans modèle")));
    }

    [Fact]
    public async Task A_meeting_that_is_over_says_so_and_offers_no_seat_nor_online_link()
    {
        var setup = await SetUpAsync("reunion-passee");
        await app.WithDatabaseAsync(db => db.Meetings.Where(m => m.Id == setup.Meeting.Id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.StartsAt, DateTimeOffset.UtcNow.AddDays(-3)).SetProperty(m => m.EndsAt, DateTimeOffset.UtcNow.AddDays(-3).AddHours(2))
            .SetProperty(m => m.Registration, true).SetProperty(m => m.Mode, MeetingMode.Hybrid).SetProperty(m => m.OnlineLink, "https://visio.example.org/passee")));
        var (participant, _) = await app.SignedInAsync("Retardataire");
        var page = await participant.GetAsync(setup.Page);
        Assert.Contains("Cette réunion a eu lieu le", page.Text("main .notice"), StringComparison.Ordinal);
        Assert.DoesNotContain("visio.example.org", page.Body, StringComparison.Ordinal);
        Assert.Empty(page.Document.QuerySelectorAll("form[action*=Register], input[name=SiteId]"));
    }

    [Fact]
    public async Task A_place_whose_accessibility_is_not_given_says_so()
    {
        var setup = await SetUpAsync("lieux-sans-accessibilite");
        using var visitor = app.NewSession();
        var page = await visitor.GetAsync(setup.Page);
        Assert.All(page.Document.QuerySelectorAll("li.card[id^=site-]"), site => Assert.Contains("non renseignée", site.TextContent, StringComparison.Ordinal));
        // Once given (the first place is step-free), it is listed instead.
        Assert.Equal(HttpStatusCode.Redirect, (await setup.Manager.PostAsync($"{setup.Page}/edit", EditForm(setup, capacity: null))).Status);
        var edited = await visitor.GetAsync(setup.Page);
        Assert.DoesNotContain("non renseignée", edited.Text($"#site-{setup.Site(0)}"), StringComparison.Ordinal);
    }

    /// <summary>A module whose share of an erasure fails, after the others have done theirs.</summary>
    private sealed class FailingSource : IPersonalDataSource
    {
        public string Name => "failing";
        public Task<object> ExportAsync(Guid personId, CancellationToken cancellationToken) => Task.FromResult<object>(new { });
        public Task EraseAsync(Guid personId, ErasureChoice choice, CancellationToken cancellationToken) => throw new InvalidOperationException("A module failed.");
    }
}
