using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.OpinionMaps;
using Parvis.OpinionMaps.Polis;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Privacy;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Text;

namespace Parvis.Tests.Integration;

[Trait("Suite", "integration")]
public sealed class OpinionMapTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    private static readonly string _london = Path.Combine(AppContext.BaseDirectory, "Unit", "OpinionMaps", "Data", "london.youth.policing");

    /// <summary>A map in the open test process, in its current phase (or a future one), with published statements.</summary>
    private Task<(Guid Map, Guid[] Statements)> MapAsync(bool preModeration = false, bool futurePhase = false) =>
        app.WithDatabaseAsync(async db =>
        {
            var process = await db.Processes.Include(p => p.Phases).FirstAsync(p => p.Id == app.World.ProcessId);
            var today = DateOnly.FromDateTime(DateTime.Now);
            var phase = process.CurrentPhase(today)!;
            if (futurePhase)
            {
                phase = new Phase { ProcessId = process.Id, Title = "Plus tard", StartsOn = today.AddDays(100), EndsOn = today.AddDays(120) };
                db.Phases.Add(phase);
            }
            var map = new OpinionMap { OrganisationId = process.OrganisationId, ProcessId = process.Id, ComponentId = process.Component(OpinionMapsModule.Key)!.Id, PhaseId = phase.Id, Question = "Que faire du port ?", PreModeration = preModeration };
            db.OpinionMaps.Add(map);
            var statements = Enumerable.Range(0, 3).Select(n => new Statement
            {
                OrganisationId = process.OrganisationId, ProcessId = process.Id, OpinionMapId = map.Id, Number = n,
                Text = $"Affirmation {n} sur le port", PublishedAt = DateTimeOffset.UtcNow,
            }).ToArray();
            db.Statements.AddRange(statements);
            await db.SaveChangesAsync();
            return (map.Id, statements.Select(s => s.Id).ToArray());
        });

    [Fact]
    public async Task Fifty_simultaneous_votes_by_one_person_leave_one_vote()
    {
        var (map, statements) = await MapAsync();
        var (session, person) = await app.SignedInAsync("Votante pressée");
        var page = await session.GetAsync($"/maps/{map}/vote");
        var token = page.Document.QuerySelector("input[name=__csrf]")!.GetAttribute("value")!;

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            session.PostRawAsync($"/maps/{map}/vote?handler=Vote", new Dictionary<string, string>
            {
                ["__csrf"] = token, ["statementId"] = statements[0].ToString(), ["value"] = i % 2 == 0 ? "1" : "-1",
            })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.Status));
        var (votes, participants) = await app.WithDatabaseAsync(async db => (
            await db.OpinionVotes.CountAsync(v => v.StatementId == statements[0]),
            await db.OpinionParticipants.CountAsync(p => p.OpinionMapId == map && p.PersonId == person.Id)));
        Assert.Equal(1, votes);
        Assert.Equal(1, participants);
    }

    [Fact]
    public async Task Voting_again_changes_the_vote_and_the_next_statement_moves_on()
    {
        var (map, statements) = await MapAsync();
        var (session, _) = await app.SignedInAsync("Hésitant");
        var first = await session.GetAsync($"/maps/{map}/vote");
        var shown = Guid.Parse(first.Document.QuerySelector("input[name=statementId]")!.GetAttribute("value")!);

        await session.PostAsync($"/maps/{map}/vote?handler=Vote", new Dictionary<string, string> { ["statementId"] = shown.ToString(), ["value"] = "1" });
        await session.PostAsync($"/maps/{map}/vote?handler=Vote", new Dictionary<string, string> { ["statementId"] = shown.ToString(), ["value"] = "0" });

        Assert.Equal(0, await app.WithDatabaseAsync(db => db.OpinionVotes.Where(v => v.StatementId == shown).Select(v => v.Value).SingleAsync()));
        var next = await session.GetAsync($"/maps/{map}/vote");
        Assert.NotEqual(shown.ToString(), next.Document.QuerySelector("input[name=statementId]")!.GetAttribute("value"));
        Assert.Contains(statements, s => s == shown);
    }

    [Fact]
    public async Task A_vote_without_a_choice_is_refused_with_a_message()
    {
        var (map, statements) = await MapAsync();
        var (session, _) = await app.SignedInAsync("Distrait");

        var response = await session.PostAsync($"/maps/{map}/vote?handler=Vote", new Dictionary<string, string> { ["statementId"] = statements[0].ToString() });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains("Ce vote n'existe pas.", response.Text("form.vote .alert"), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.OpinionVotes.CountAsync(v => v.OpinionMapId == map)));
    }

    [Fact]
    public async Task Outside_the_maps_phase_voting_is_refused_and_nothing_is_stored()
    {
        var (map, statements) = await MapAsync(futurePhase: true);
        var (session, _) = await app.SignedInAsync("En avance");

        var page = await session.GetAsync($"/maps/{map}/vote");
        var response = await session.PostAsync($"/maps/{map}/vote?handler=Vote",
            new Dictionary<string, string> { ["statementId"] = statements[0].ToString(), ["value"] = "1" }, formPage: "/account/sign-out");

        Assert.Contains("ne permet pas de voter", page.Text("main .alert"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.OpinionVotes.CountAsync(v => v.OpinionMapId == map)));
    }

    [Fact]
    public async Task Under_pre_moderation_a_statement_waits_until_a_moderator_publishes_it()
    {
        var (map, _) = await MapAsync(preModeration: true);
        var (author, _) = await app.SignedInAsync("Proposeuse");
        var (moderator, _) = await app.SignedInAsync("Modératrice du port", Role.Moderator);

        var submitted = await author.PostAsync($"/maps/{map}/vote?handler=Statement", new Dictionary<string, string> { ["Input.Text"] = "Il faut rouvrir la criée au public" });
        Assert.Equal(HttpStatusCode.Redirect, submitted.Status);
        var statement = await app.WithDatabaseAsync(db => db.Statements.AsNoTracking().SingleAsync(s => s.OpinionMapId == map && s.Text == "Il faut rouvrir la criée au public"));
        Assert.Null(statement.PublishedAt);
        Assert.Contains("3 affirmations publiées", (await author.GetAsync($"/maps/{map}/vote")).Text("main"), StringComparison.Ordinal);

        var refused = await author.PostAsync($"/admin/processes/{app.World.ProcessId}/maps?handler=Publish",
            new Dictionary<string, string> { ["statementId"] = statement.Id.ToString() }, formPage: $"/maps/{map}/vote");
        Assert.StartsWith("/error/403", new Uri(new Uri("http://localhost"), refused.Location).AbsolutePath, StringComparison.Ordinal);
        Assert.Null(await app.WithDatabaseAsync(db => db.Statements.Where(s => s.Id == statement.Id).Select(s => s.PublishedAt).SingleAsync()));
        var queue = await moderator.GetAsync($"/admin/processes/{app.World.ProcessId}/maps");
        Assert.Contains("Il faut rouvrir la criée au public", queue.Body, StringComparison.Ordinal);
        Assert.Empty(queue.Document.QuerySelectorAll("form[action*=Import]"));
        var published = await moderator.PostAsync($"/admin/processes/{app.World.ProcessId}/maps?handler=Publish", new Dictionary<string, string> { ["statementId"] = statement.Id.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, published.Status);
        Assert.Contains("4 affirmations publiées", (await author.GetAsync($"/maps/{map}/vote")).Text("main"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_too_short_statement_is_refused_next_to_the_field_and_kept()
    {
        var (map, _) = await MapAsync();
        var (session, _) = await app.SignedInAsync("Laconique");

        var response = await session.PostAsync($"/maps/{map}/vote?handler=Statement", new Dictionary<string, string> { ["Input.Text"] = "Non." });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.NotEmpty(response.Text("#Input_Text-error"));
        Assert.Equal("Non.", response.Document.QuerySelector("#Input_Text")!.TextContent.Trim());
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.Statements.CountAsync(s => s.OpinionMapId == map && s.Text == "Non.")));
        // Padded with spaces to pass the form's count, it is still four characters as stored.
        var padded = await session.PostAsync($"/maps/{map}/vote?handler=Statement", new Dictionary<string, string> { ["Input.Text"] = "          Non." });
        Assert.Contains("sans les espaces autour", padded.Text("#Input_Text-error"), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.Statements.CountAsync(s => s.OpinionMapId == map && s.Text == "Non.")));
    }

    [Fact]
    public async Task Staff_import_a_polis_conversation_and_export_it_back_with_its_groups()
    {
        var (staff, _) = await app.SignedInAsync("Chargé de mission", Role.ProcessManager);
        var phaseId = await app.WithDatabaseAsync(async db => (await db.Processes.Include(p => p.Phases).FirstAsync(p => p.Id == app.World.ProcessId)).CurrentPhase(DateOnly.FromDateTime(DateTime.Now))!.Id);

        var imported = await UploadAsync(staff, phaseId, "comments.csv", "votes.csv", "summary.csv");

        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        var original = PolisConversation.Load(_london);
        var map = await app.WithDatabaseAsync(db => db.OpinionMaps.AsNoTracking().SingleAsync(m => m.Question == original.Topic));
        Assert.Equal(original.ToMatrix().VoteCount, await app.WithDatabaseAsync(db => db.OpinionVotes.CountAsync(v => v.OpinionMapId == map.Id)));
        // Placed as the whole vote log replayed places them, and kept placed by the computations that follow.
        var placed = original.ComputeMap().Placed.Select(p => p.Id).Order().ToArray();
        Assert.Equal(placed, JsonSerializer.Deserialize<OpinionMapResult>(map.Result!, OpinionMapCommands.Json)!.Placed.Select(p => p.Id).Order());
        await app.Services.GetRequiredService<OpinionMapRecomputer>().RecomputeAsync(map.Id);
        Assert.Equal(placed, (await AssertTalliesMatchStoredVotesAsync(map.Id)).Placed.Select(p => p.Id).Order());
        const string formula = "=HYPERLINK(\"http://exemple.org\")";
        await app.WithDatabaseAsync(async db =>
        {
            (await db.Statements.OrderBy(s => s.Number).FirstAsync(s => s.OpinionMapId == map.Id)).Text = formula;
            await db.SaveChangesAsync();
        });

        using var download = await staff.Client.GetAsync($"/admin/processes/{app.World.ProcessId}/maps?handler=Export&mapId={map.Id}");
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
        var folder = Path.Combine(Path.GetTempPath(), "parvis-test-export-" + Guid.NewGuid().ToString("N"));
        try
        {
            ZipFile.ExtractToDirectory(await download.Content.ReadAsStreamAsync(), folder);
            var exported = PolisConversation.Load(folder);
            Assert.Contains("\"'=HYPERLINK(\"\"http://exemple.org\"\")\"", await File.ReadAllTextAsync(Path.Combine(folder, "comments.csv")), StringComparison.Ordinal);
            Assert.Equal(formula, Spreadsheets.Restore(exported.Statements.OrderBy(s => s.Id).First().Text));
            Assert.Equal(original.ToMatrix().VoteCount, exported.ToMatrix().VoteCount);
            Assert.Equal(original.Statements.Count, exported.Statements.Count);
            Assert.True(exported.Groups.Values.Count(g => g is not null) >= 20);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        using var visitor = app.NewSession();
        Assert.Contains("Groupe A", (await visitor.GetAsync($"/maps/{map.Id}")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_without_votes_says_what_is_missing_and_creates_nothing()
    {
        var (staff, _) = await app.SignedInAsync("Cheffe de projet", Role.ProcessManager);
        var phaseId = await app.WithDatabaseAsync(async db => (await db.Processes.Include(p => p.Phases).FirstAsync(p => p.Id == app.World.ProcessId)).CurrentPhase(DateOnly.FromDateTime(DateTime.Now))!.Id);
        var before = await app.WithDatabaseAsync(db => db.OpinionMaps.CountAsync());

        using var response = await UploadAsync(staff, phaseId, "comments.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("votes.csv", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDatabaseAsync(db => db.OpinionMaps.CountAsync()));
    }

    [Fact]
    public async Task A_recomputation_after_changed_and_removed_votes_counts_exactly_the_votes_stored()
    {
        var (map, statements) = await MapAsync();
        await app.WithDatabaseAsync(async db =>
        {
            for (var n = 0; n < 12; n++)
            {
                var participant = new OpinionParticipant { OpinionMapId = map, Number = n };
                db.OpinionParticipants.Add(participant);
                db.OpinionVotes.AddRange(statements.Select((s, j) => new OpinionVote
                {
                    OpinionMapId = map, StatementId = s, ParticipantId = participant.Id, Value = (n + j) % 3 - 1, CastAt = DateTimeOffset.UtcNow.AddHours(-1),
                }));
            }
            await db.SaveChangesAsync();
        });
        var recomputer = app.Services.GetRequiredService<OpinionMapRecomputer>();
        await recomputer.RecomputeAsync(map);
        await AssertTalliesMatchStoredVotesAsync(map);

        // Votes changed since: read incrementally, from the kept matrix.
        await app.WithDatabaseAsync(async db =>
        {
            foreach (var vote in await db.OpinionVotes.Where(v => v.OpinionMapId == map && v.StatementId == statements[0]).Take(5).ToListAsync())
            {
                vote.Value = vote.Value == 1 ? -1 : 1;
                vote.CastAt = DateTimeOffset.UtcNow;
            }
            await db.SaveChangesAsync();
        });
        await recomputer.RecomputeAsync(map);
        await AssertTalliesMatchStoredVotesAsync(map);

        // Votes removed (as an erasure on another server would): the count differs, everything is read again.
        await app.WithDatabaseAsync(db => db.OpinionParticipants.Where(p => p.OpinionMapId == map && p.Number < 2).ExecuteDeleteAsync());
        await recomputer.RecomputeAsync(map);
        var result = await AssertTalliesMatchStoredVotesAsync(map);
        Assert.DoesNotContain(result.Placed, p => p.Id < 2);
    }

    [Fact]
    public async Task The_map_its_table_and_its_method_say_how_firmly_people_sit_in_their_group()
    {
        var (map, shown) = await MapAsync();
        // Nine statements; two camps of fifteen that answer each the opposite of the other, and four people who side
        // with one camp on the first four or five statements and with the other on the rest.
        var statements = await app.WithDatabaseAsync(async db =>
        {
            var first = await db.Statements.SingleAsync(s => s.Id == shown[0]);
            var more = Enumerable.Range(3, 6).Select(n => new Statement
            {
                OrganisationId = first.OrganisationId, ProcessId = first.ProcessId, OpinionMapId = map, Number = n,
                Text = $"Affirmation {n} sur le port", PublishedAt = DateTimeOffset.UtcNow,
            }).ToArray();
            db.Statements.AddRange(more);
            for (var n = 0; n < 34; n++)
            {
                var participant = new OpinionParticipant { OpinionMapId = map, Number = 100 + n };
                db.OpinionParticipants.Add(participant);
                for (var j = 0; j < 9; j++)
                {
                    var campA = j % 2 == 0 ? 1 : -1;
                    var value = n < 15 ? campA : n < 30 ? -campA : j < 4 + n % 2 ? campA : -campA;
                    db.OpinionVotes.Add(new OpinionVote
                    {
                        OpinionMapId = map, StatementId = j < 3 ? shown[j] : more[j - 3].Id, ParticipantId = participant.Id, Value = value,
                        CastAt = DateTimeOffset.UtcNow.AddHours(-1),
                    });
                }
            }
            await db.SaveChangesAsync();
            return shown.Concat(more.Select(s => s.Id)).ToArray();
        });
        var (session, _) = await app.SignedInAsync("Votant du premier camp");
        for (var j = 0; j < statements.Length; j++)
        {
            await session.PostAsync($"/maps/{map}/vote?handler=Vote", new Dictionary<string, string> { ["statementId"] = statements[j].ToString(), ["value"] = j % 2 == 0 ? "1" : "-1" });
        }
        await WaitForCountedVotesAsync(map, 35 * 9);

        var result = await AssertTalliesMatchStoredVotesAsync(map);
        Assert.All(result.Placed.Where(p => p.Id < 130), p => Assert.True(p.Confidence >= 0.8, $"{p.Id}: {p.Confidence}"));
        Assert.All(result.Placed.Where(p => p.Id is >= 130 and < 134), p => Assert.True(p.Confidence < 0.8, $"{p.Id}: {p.Confidence}"));
        var page = await session.GetAsync($"/maps/{map}");
        Assert.Contains("de façon ferme", page.Text("main p strong"), StringComparison.Ordinal);
        Assert.Contains("Placement incertain", page.Texts("table th"));
        Assert.Equal(4, page.Document.QuerySelectorAll("table tbody td:last-child").Sum(td => int.Parse(td.TextContent, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.NotEmpty(page.Document.QuerySelectorAll("svg circle.uncertain"));
        // The people in between make small groups of their own, whose members are mostly uncertain: the page says so.
        Assert.Contains(result.Groups, g => g.MostlyUncertain);
        Assert.Contains("ce groupe peut changer avec les prochains votes", page.Body, StringComparison.Ordinal);
        var method = await session.GetAsync($"/maps/{map}/method");
        Assert.Contains("tirées au hasard 40 fois", method.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_a_voter_erases_their_account_the_map_is_recomputed_without_their_votes()
    {
        var (map, statements) = await MapAsync();
        var (session, person) = await app.SignedInAsync("Votante qui part");
        foreach (var statement in statements)
        {
            await session.PostAsync($"/maps/{map}/vote?handler=Vote", new Dictionary<string, string> { ["statementId"] = statement.ToString(), ["value"] = "1" });
        }
        // Only the background recomputations, which run one after the other: one started here could store an older snapshot last.
        await WaitForCountedVotesAsync(map, 3);
        Assert.Equal(3, (await AssertTalliesMatchStoredVotesAsync(map)).Statements.Sum(s => s.Agree));
        var voters = await VotersAsync();

        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PersonalData>().EraseAsync(
                await scope.ServiceProvider.GetRequiredService<ParvisDbContext>().Users.SingleAsync(p => p.Id == person.Id), ErasureChoice.Remove);
        }

        await WaitForCountedVotesAsync(map, 0);
        Assert.Equal(0, (await AssertTalliesMatchStoredVotesAsync(map)).Statements.Sum(s => s.Agree + s.Disagree + s.Pass));

        // Their number was in the open data with their votes: the next voter never takes it.
        var numbers = await app.WithDatabaseAsync(db => db.OpinionParticipants.Where(p => p.OpinionMapId == map)
            .Select(p => new { p.Number, p.PersonId }).ToListAsync());
        var erased = Assert.Single(numbers);
        Assert.Null(erased.PersonId);
        var (next, nextPerson) = await app.SignedInAsync("Votant qui arrive");
        await next.PostAsync($"/maps/{map}/vote?handler=Vote", new Dictionary<string, string> { ["statementId"] = statements[0].ToString(), ["value"] = "-1" });
        var nextNumber = await app.WithDatabaseAsync(db => db.OpinionParticipants.Where(p => p.OpinionMapId == map && p.PersonId == nextPerson.Id)
            .Select(p => p.Number).SingleAsync());
        Assert.NotEqual(erased.Number, nextNumber);
        // The council's report counts the people who voted: the erased person no longer, the new one.
        Assert.Equal(voters, await VotersAsync());
    }

    private Task<int> VotersAsync() => app.WithDatabaseAsync(async db =>
        (await new OpinionMapsContributions().FiguresAsync(db, await db.Processes.Include(p => p.Components).SingleAsync(p => p.Id == app.World.ProcessId)))
            .Single(f => f.Key == "CouncilReport.Figure.Voters").Count);

    /// <summary>Waits (10 s at most) until the stored result counts the given number of votes.</summary>
    private async Task WaitForCountedVotesAsync(Guid map, int votes)
    {
        var counted = -1;
        for (var wait = 0; wait < 100 && counted != votes; wait++)
        {
            await Task.Delay(100);
            var json = await app.WithDatabaseAsync(db => db.OpinionMaps.Where(m => m.Id == map).Select(m => m.Result).SingleAsync());
            counted = json is null ? -1 : JsonSerializer.Deserialize<OpinionMapResult>(json, OpinionMapCommands.Json)!.Statements.Sum(s => s.Agree + s.Disagree + s.Pass);
        }
    }

    private Task<OpinionMapResult> AssertTalliesMatchStoredVotesAsync(Guid map) => AssertTalliesMatchStoredVotesAsync(app, map);

    /// <summary>The stored result counts, statement by statement, exactly the votes in the database.</summary>
    internal static async Task<OpinionMapResult> AssertTalliesMatchStoredVotesAsync(ParvisApp app, Guid map)
    {
        var (json, votes) = await app.WithDatabaseAsync(async db => (
            await db.OpinionMaps.Where(m => m.Id == map).Select(m => m.Result).SingleAsync(),
            await db.OpinionVotes.Where(v => v.OpinionMapId == map)
                .Join(db.Statements, v => v.StatementId, s => s.Id, (v, s) => new { s.Number, v.Value }).ToListAsync()));
        var result = JsonSerializer.Deserialize<OpinionMapResult>(json!, OpinionMapCommands.Json)!;
        foreach (var tally in result.Statements)
        {
            var stored = votes.Where(v => v.Number == tally.Id).ToArray();
            Assert.Equal((stored.Count(v => v.Value == 1), stored.Count(v => v.Value == -1), stored.Count(v => v.Value == 0)), (tally.Agree, tally.Disagree, tally.Pass));
        }
        return result;
    }

    private async Task<HttpResponseMessage> UploadAsync(Session staff, Guid phaseId, params string[] files)
    {
        var path = $"/admin/processes/{app.World.ProcessId}/maps";
        var page = await staff.GetAsync(path);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(page.Document.QuerySelector("input[name=__csrf]")!.GetAttribute("value")!), "__csrf" },
            { new StringContent(phaseId.ToString()), "importPhaseId" },
        };
        foreach (var file in files)
        {
            form.Add(new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(_london, file))), "files", file);
        }
        return await staff.Client.PostAsync(path + "?handler=Import", form);
    }
}
