using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Modules;

namespace Parvis.Tests.Integration;

/// <summary>A database built by an earlier schema, with data in it, keeps its behaviour once migrated.</summary>
[Trait("Suite", "integration")]
public sealed class MigrationTests
{
    [Fact]
    public async Task Processes_of_the_schema_before_components_get_the_components_they_have_content_for_and_keep_their_phase_switches_down_and_up_again()
    {
        await FromAsync("Initial", async (db, migrator, organisation, Id, Now) =>
        {
            object Day(DateOnly day) => db.Database.IsNpgsql() ? day : day.ToString("yyyy-MM-dd");
            var (proposing, ideas, meeting, nothing) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
            foreach (var (process, slug, awaitFate) in new[] { (proposing, "proposer", true), (ideas, "idees", false), (meeting, "se-reunir", false), (nothing, "rien", false) })
            {
                await db.Database.ExecuteSqlRawAsync(
                    """
                    INSERT INTO kernel_processes ("Id", "OrganisationId", "Slug", "Title", "Summary", "PlainSummary", "Description", "Territory", "Published", "CreatedAt", "CommentsAwaitFate", "ClosedWithoutFate")
                    VALUES ({0}, {1}, {2}, {2}, '', '', '', '', {3}, {4}, {5}, 0)
                    """, Id(process), Id(organisation), slug, true, Now(), awaitFate);
            }
            var today = DateOnly.FromDateTime(DateTime.Now);
            async Task<Guid> PhaseAsync(Guid process, string title, int from, bool proposals, bool supports, bool comments)
            {
                var id = Guid.NewGuid();
                await db.Database.ExecuteSqlRawAsync(
                    """
                    INSERT INTO kernel_phases ("Id", "ProcessId", "Title", "Description", "StartsOn", "EndsOn", "ProposalsOpen", "SupportsOpen", "CommentsOpen")
                    VALUES ({0}, {1}, {2}, '', {3}, {4}, {5}, {6}, {7})
                    """, Id(id), Id(process), title, Day(today.AddDays(from)), Day(today.AddDays(from + 9)), proposals, supports, comments);
                return id;
            }
            await PhaseAsync(proposing, "Dépôt", -5, proposals: true, supports: true, comments: false);
            await PhaseAsync(proposing, "Vote", 5, proposals: false, supports: true, comments: true);
            await PhaseAsync(ideas, "Lecture", -5, proposals: false, supports: false, comments: false);
            var gathering = await PhaseAsync(meeting, "Rencontres", -5, proposals: false, supports: false, comments: false);
            await PhaseAsync(nothing, "Rien", -5, proposals: false, supports: false, comments: false);
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO meetings_meetings ("Id", "OrganisationId", "ProcessId", "Title", "Description", "Mode", "StartsAt", "EndsAt", "Agenda", "Registration", "Minutes", "Sequence")
                VALUES ({0}, {1}, {2}, 'Réunion publique', '', 'InPerson', {3}, {3}, '', {4}, '', 0)
                """, Id(Guid.NewGuid()), Id(organisation), Id(meeting), Now(), false);
            // An opinion map and a question asked online, in the process with the meeting: all three join its components.
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO opinionmaps_maps ("Id", "OrganisationId", "ProcessId", "PhaseId", "Question", "Description", "PreModeration", "CreatedAt")
                VALUES ({0}, {1}, {2}, {3}, 'Et le port ?', '', {4}, {5})
                """, Id(Guid.NewGuid()), Id(organisation), Id(meeting), Id(gathering), false, Now());
            var question = Guid.NewGuid();
            await db.Database.ExecuteSqlRawAsync(
                """INSERT INTO kernel_contributions ("Id", "OrganisationId", "ProcessId", "CreatedAt", "Channel") VALUES ({0}, {1}, {2}, {3}, 'Online')""",
                Id(question), Id(organisation), Id(meeting), Now());
            await db.Database.ExecuteSqlRawAsync(
                """INSERT INTO meetings_questions ("Id", "Text", "Status") VALUES ({0}, 'Qui paiera ?', 'Open')""", Id(question));

            // A proposal from an earlier phase, flagged: the process uses proposals, and the flag stays.
            var (proposal, flag) = (Guid.NewGuid(), Guid.NewGuid());
            await db.Database.ExecuteSqlRawAsync(
                """INSERT INTO kernel_contributions ("Id", "OrganisationId", "ProcessId", "CreatedAt", "Channel") VALUES ({0}, {1}, {2}, {3}, 'Online')""",
                Id(proposal), Id(organisation), Id(ideas), Now());
            await db.Database.ExecuteSqlRawAsync(
                """INSERT INTO proposals_proposals ("Id", "Title", "Body", "Status", "SupportCount", "CommentCount") VALUES ({0}, 'Une idée', 'Expliquée.', 'Published', 0, 0)""",
                Id(proposal));
            await db.Database.ExecuteSqlRawAsync(
                """INSERT INTO kernel_contribution_reports ("Id", "ContributionId", "OrganisationId", "Reason", "CreatedAt") VALUES ({0}, {1}, {2}, 'Hors charte', {3})""",
                Id(flag), Id(proposal), Id(organisation), Now());

            await migrator.MigrateAsync();
            await AssertMigratedAsync();
            // Every migration's Down, then Up again, keeps the same.
            await migrator.MigrateAsync("Initial");
            await migrator.MigrateAsync();
            await AssertMigratedAsync();
            Assert.False(db.Database.HasPendingModelChanges());

            async Task AssertMigratedAsync()
            {
                var processes = await db.Processes.AsNoTracking().ToDictionaryAsync(p => p.Id);
                var withProposals = processes[proposing];
                Assert.Equal([ProposalsModule.Key], withProposals.Components.Where(c => c.Enabled).Select(c => c.Module));
                Assert.True(withProposals.Component(ProposalsModule.Key)!.IsOn(ProposalsModule.CommentsAwaitFate));
                var phases = withProposals.Phases.OrderBy(p => p.StartsOn).ToList();
                var proposals = withProposals.Component(ProposalsModule.Key)!;
                string[] Open(Phase phase) => [.. new[] { ProposalsModule.Proposing, ProposalsModule.Supporting, ProposalsModule.Commenting }.Where(s => phase.IsOn(proposals, s))];
                Assert.Equal([ProposalsModule.Proposing, ProposalsModule.Supporting], Open(phases[0]));
                Assert.Equal([ProposalsModule.Supporting, ProposalsModule.Commenting], Open(phases[1]));
                Assert.Equal(2, phases[1].Switches.Count);
                // What a permission decides from them is what the phase's columns decided.
                Assert.True(ProposalsPermissions.Propose.OpenIn(phases[0], proposals));
                Assert.False(ProposalsPermissions.Comment.OpenIn(phases[0], proposals));

                Assert.Equal([ProposalsModule.Key], processes[ideas].Components.Select(c => c.Module));
                Assert.Empty(processes[ideas].Phases.Single().Switches);
                Assert.Equal("Hors charte", (await db.ContributionFlags.AsNoTracking().SingleAsync(f => f.Id == flag)).Reason);

                var gatherings = processes[meeting];
                Assert.Equal([OpinionMapsModule.Key, MeetingsModule.Key], gatherings.ComponentsInUse.Select(c => c.Module));
                Assert.Empty(gatherings.Phases.Single().Switches);
                var meetings = gatherings.Component(MeetingsModule.Key)!.Id;
                Assert.Equal(meetings, (await db.Meetings.AsNoTracking().SingleAsync(m => m.ProcessId == meeting)).ComponentId);
                Assert.Equal(meetings, (await db.ExpertQuestions.AsNoTracking().SingleAsync(q => q.Id == question)).ComponentId);
                Assert.Equal(gatherings.Component(OpinionMapsModule.Key)!.Id, (await db.OpinionMaps.AsNoTracking().SingleAsync(m => m.ProcessId == meeting)).ComponentId);
                Assert.Empty(processes[nothing].Components);
            }
        });
    }

    [Fact]
    public async Task Stored_addresses_of_paged_items_are_rewritten_in_every_table_to_open_the_page_that_holds_them()
    {
        await FromAsync("SurveyEnvelopes", async (db, migrator, organisation, Id, Now) =>
        {
            Task Insert(string sql, params object[] values) => db.Database.ExecuteSqlRawAsync(sql, values);
            var (person, process, structure, mandate) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
            await Insert("""INSERT INTO kernel_people ("Id", "AccessFailedCount", "CreatedAt", "EmailConfirmed", "LockoutEnabled", "PhoneNumberConfirmed", "Pseudonym", "TwoFactorEnabled") VALUES ({0}, 0, {1}, {2}, {2}, {2}, 'Camille', {2})""",
                Id(person), Now(), false);
            await Insert("""INSERT INTO kernel_processes ("Id", "ClosedWithoutFate", "CreatedAt", "Description", "OrganisationId", "PlainSummary", "Published", "Slug", "SuggestionsOff", "Summary", "Territory", "Title") VALUES ({0}, 0, {1}, '', {2}, '', {3}, 'p', {3}, '', '', 'P')""",
                Id(process), Now(), Id(organisation), true);
            await Insert("""INSERT INTO kernel_mediation_structures ("Id", "CreatedAt", "Kind", "Name", "OrganisationId") VALUES ({0}, {1}, 'Association', 'Médiathèque', {2})""",
                Id(structure), Now(), Id(organisation));
            await Insert("""INSERT INTO kernel_mandates ("Id", "Allows", "ConsentTextVersion", "CreatedAt", "CreatedById", "Duration", "OrganisationId", "PersonId", "StructureId") VALUES ({0}, 0, '1', {1}, {2}, 'Session', {3}, {2}, {4})""",
                Id(mandate), Now(), Id(person), Id(organisation), Id(structure));

            var (page, item, article) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
            var addresses = new Dictionary<string, string>
            {
                [$"/proposals/{page}#comment-{item}"] = $"/proposals/{page}?comment={item}#comment-{item}",
                [$"/debates/{page}#argument-{item}"] = $"/debates/{page}?argument={item}#argument-{item}",
                [$"/texts/{page}/articles/{article}#amendment-{item}"] = $"/texts/{page}/articles/{article}?amendment={item}#amendment-{item}",
                [$"/texts/{page}/new-articles#amendment-{item}"] = $"/texts/{page}/new-articles?amendment={item}#amendment-{item}",
                [$"/texts/{page}/articles/{article}#argument-{item}"] = $"/texts/{page}/articles/{article}?argument={item}#argument-{item}",
                [$"/texts/{page}/new-articles#argument-{item}"] = $"/texts/{page}/new-articles?argument={item}#argument-{item}",
                // Already in the new shape, or of another shape: left as they are.
                [$"/proposals/{page}?comment={item}#comment-{item}"] = $"/proposals/{page}?comment={item}#comment-{item}",
                [$"/proposals/{page}"] = $"/proposals/{page}",
                [$"/texts/{page}/articles/{article}#subject-{item}"] = $"/texts/{page}/articles/{article}#subject-{item}",
                [$"/texts/{page}/versions/{article}#argument-{item}"] = $"/texts/{page}/versions/{article}#argument-{item}",
            };
            // Each address in each of the four tables that keep them, under its own subject.
            var rows = new List<(string Table, Guid Subject, string Address)>();
            foreach (var address in addresses.Keys)
            {
                var (news, followed, act, mention) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
                await Insert("""INSERT INTO kernel_notification_events ("Id", "OrganisationId", "Kind", "ItemId", "ItemTitle", "Address", "Arguments", "RaisedAt") VALUES ({0}, {1}, 'comment', {2}, 'Titre', {3}, '{{}}', {4})""",
                    Id(news), Id(organisation), Id(item), address, Now());
                await Insert("""INSERT INTO kernel_follows ("PersonId", "SubjectId", "Address", "ChosenAt", "Following", "Kind", "OrganisationId", "Title") VALUES ({0}, {1}, {2}, {3}, {4}, 'proposal', {5}, 'Titre')""",
                    Id(person), Id(followed), address, Now(), true, Id(organisation));
                await Insert("""INSERT INTO kernel_mandate_acts ("Id", "At", "Change", "DayOnly", "Kind", "MandateId", "MediatorId", "Mode", "OrganisationId", "PersonId", "SubjectId", "Address") VALUES ({0}, {1}, '', {2}, 'comment', {3}, {4}, 'With', {5}, {4}, {6}, {7})""",
                    Id(act), Now(), false, Id(mandate), Id(person), Id(organisation), Id(act), address);
                await Insert("""INSERT INTO kernel_actor_mentions ("Id", "ActorId", "Address", "Kind", "OrganisationId", "ProcessId", "SubjectId", "Title") VALUES ({0}, {1}, {2}, 'comment', {3}, {4}, {5}, 'Titre')""",
                    Id(mention), Id(Guid.NewGuid()), address, Id(organisation), Id(process), Id(mention));
                rows.AddRange([("news", news, address), ("follows", followed, address), ("acts", act, address), ("mentions", mention, address)]);
            }

            await migrator.MigrateAsync();

            var stored = new Dictionary<(string, Guid), string?>();
            foreach (var e in await db.NotificationEvents.Select(r => new { Key = r.Id, r.Address }).ToListAsync())
            {
                stored[("news", e.Key)] = e.Address;
            }
            foreach (var f in await db.Follows.Select(r => new { Key = r.SubjectId, r.Address }).ToListAsync())
            {
                stored[("follows", f.Key)] = f.Address;
            }
            foreach (var a in await db.MandateActs.Select(r => new { Key = r.Id, r.Address }).ToListAsync())
            {
                stored[("acts", a.Key)] = a.Address;
            }
            foreach (var m in await db.ActorMentions.Select(r => new { Key = r.Id, r.Address }).ToListAsync())
            {
                stored[("mentions", m.Key)] = m.Address;
            }
            Assert.All(rows, row => Assert.Equal(addresses[row.Address], stored[(row.Table, row.Subject)]));
        });
    }

    /// <summary>The test on a database of the schema up to a migration, holding one organisation; the file removed after.</summary>
    private static async Task FromAsync(string migration, Func<ParvisDbContext, IMigrator, Guid, Func<Guid, object>, Func<object>, Task> test)
    {
        await using var database = await TestDatabase.CreateAsync();
        var file = Path.Combine(Path.GetTempPath(), $"parvis-migration-{Guid.NewGuid():N}.db");
        try
        {
            await using var db = Context(database, file);
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(migration);
            var pg = database.Provider == "Postgres";
            object Id(Guid id) => pg ? id : id.ToString().ToUpperInvariant();
            object Now() => pg ? DateTimeOffset.UtcNow : 0L;
            var organisation = Guid.NewGuid();
            await db.Database.ExecuteSqlRawAsync(
                """INSERT INTO kernel_organisations ("Id", "Slug", "Name", "AccentColour", "DefaultCulture", "Charter", "CreatedAt") VALUES ({0}, 'org', 'Org', '#1d4f91', 'fr', '', {1})""",
                Id(organisation), Now());
            await test(db, migrator, organisation, Id, Now);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Unusual_activity_news_already_raised_names_the_structure_instead_of_the_mediator()
    {
        await FromAsync("StoredTextAddresses", async (db, migrator, organisation, Id, Now) =>
        {
            var (unusual, other) = (Guid.NewGuid(), Guid.NewGuid());
            const string Insert = """INSERT INTO kernel_notification_events ("Id", "OrganisationId", "Kind", "ItemId", "ItemTitle", "Address", "Arguments", "RaisedAt") VALUES ({0}, {1}, {2}, {3}, {4}, '/admin/mediation', {5}, {6})""";
            const string Arguments = """[{"Value":"Camille Médiatrice","Kind":"Written"},{"Value":"11","Kind":"Written"}]""";
            await db.Database.ExecuteSqlRawAsync(Insert, Id(unusual), Id(organisation), "mediation.unusual", Id(Guid.NewGuid()), "Médiathèque « L'Îlot »", Arguments, Now());
            await db.Database.ExecuteSqlRawAsync(Insert, Id(other), Id(organisation), "fate.decided", Id(Guid.NewGuid()), "Médiathèque « L'Îlot »", Arguments, Now());
            // Arguments edited by hand into something else than JSON: left as they are, the migration going on.
            var broken = Guid.NewGuid();
            await db.Database.ExecuteSqlRawAsync(Insert, Id(broken), Id(organisation), "mediation.unusual", Id(Guid.NewGuid()), "Médiathèque « L'Îlot »", "pas du JSON", Now());

            await migrator.MigrateAsync();

            var stored = await db.NotificationEvents.AsNoTracking().ToDictionaryAsync(e => e.Id, e => e.Arguments);
            string[] Values(string json) => [.. System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateArray().Select(a => a.GetProperty("Value").GetString()!)];
            Assert.Equal(["Médiathèque « L'Îlot »", "11"], Values(stored[unusual]));
            Assert.Equal(["Camille Médiatrice", "11"], Values(stored[other]));
            Assert.Equal("pas du JSON", stored[broken]);
        });
    }

    private static ParvisDbContext Context(TestDatabase database, string sqliteFile) => database.Provider == "Postgres"
        ? new PostgresParvisDbContext(ModulesOptions.Use(new DbContextOptionsBuilder<PostgresParvisDbContext>().UseNpgsql(database.Connection), Installed.Modules).Options)
        : new SqliteParvisDbContext(ModulesOptions.Use(new DbContextOptionsBuilder<SqliteParvisDbContext>().UseSqlite($"Data Source={sqliteFile}"), Installed.Modules).Options);
}
