using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Tests.Integration;

[Trait("Suite", "integration")]
public sealed partial class OpenDataTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    /// <summary>What the scenario wrote: a process with public and hidden content, and another process.</summary>
    private sealed record Scenario(Process Process, Process Other, Person Alice, Guid Shown, Guid Hidden, Guid Comment, string Secret);

    private async Task<Scenario> SeedAsync(string slug)
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        var process = await app.AddProcessAsync(slug, new Phase { Title = "Propositions", StartsOn = today.AddDays(-5), EndsOn = today.AddDays(20) });
        var other = await app.AddProcessAsync(slug + "-autre", new Phase { Title = "Autre", StartsOn = today.AddDays(-5), EndsOn = today.AddDays(20) });
        var alice = await app.CreatePersonAsync($"Alice {slug}"[..Math.Min(30, slug.Length + 6)]);
        var bob = await app.CreatePersonAsync($"Bob {slug}"[..Math.Min(30, slug.Length + 4)]);
        var secret = $"secret-masque-{Guid.NewGuid():N}";
        return await app.WithDatabaseAsync(async db =>
        {
            Proposal Propose(Process inProcess, Person author, string title, string body) => new()
            {
                OrganisationId = app.World.OrganisationId, ProcessId = inProcess.Id, AuthorId = author.Id, Title = title, Body = body, ThemeId = inProcess.Themes[0].Id,
            };
            var shown = Propose(process, alice, "Des bancs au parc", "Pour s'asseoir à l'ombre.");
            var hidden = Propose(process, alice, "Masquée", secret);
            hidden.HiddenAt = DateTimeOffset.UtcNow;
            hidden.HiddenReason = "Hors charte";
            var elsewhere = Propose(other, bob, "Ailleurs", "Dans une autre démarche.");
            db.Proposals.AddRange(shown, hidden, elsewhere);
            var comment = new Comment { OrganisationId = app.World.OrganisationId, ProcessId = process.Id, ProposalId = shown.Id, AuthorId = alice.Id, Body = "=HYPERLINK(\"http://x\")" };
            var underHidden = new Comment { OrganisationId = app.World.OrganisationId, ProcessId = process.Id, ProposalId = hidden.Id, AuthorId = bob.Id, Body = secret + "-reponse" };
            db.Comments.AddRange(comment, underHidden);
            db.FateDecisions.AddRange(
                new FateDecision { OrganisationId = app.World.OrganisationId, ProcessId = process.Id, ContributionId = shown.Id, Fate = Fate.Retained, Text = "Retenue." },
                new FateDecision { OrganisationId = app.World.OrganisationId, ProcessId = process.Id, ContributionId = hidden.Id, Fate = Fate.NotRetained, Text = secret });
            var map = new OpinionMap
            {
                OrganisationId = app.World.OrganisationId, ProcessId = process.Id, ComponentId = process.Components.Single(c => c.Module == OpinionMapsModule.Key).Id,
                PhaseId = process.Phases[0].Id, Question = "Que pensez-vous du parc ?",
            };
            db.OpinionMaps.Add(map);
            var statement = new Statement { OrganisationId = app.World.OrganisationId, ProcessId = process.Id, OpinionMapId = map.Id, Number = 0, Text = "Le parc manque d'ombre.", PublishedAt = DateTimeOffset.UtcNow, AuthorId = alice.Id };
            var hiddenStatement = new Statement { OrganisationId = app.World.OrganisationId, ProcessId = process.Id, OpinionMapId = map.Id, Number = 1, Text = secret, PublishedAt = DateTimeOffset.UtcNow, HiddenAt = DateTimeOffset.UtcNow };
            // A statement whose author erased their account, and the number of a voter who did the same.
            var orphan = new Statement { OrganisationId = app.World.OrganisationId, ProcessId = process.Id, OpinionMapId = map.Id, Number = 2, Text = "Le parc ferme trop tôt.", PublishedAt = DateTimeOffset.UtcNow };
            db.Statements.AddRange(statement, hiddenStatement, orphan);
            var voter = new OpinionParticipant { OpinionMapId = map.Id, Number = 0, PersonId = bob.Id };
            db.OpinionParticipants.AddRange(voter, new OpinionParticipant { OpinionMapId = map.Id, Number = 1 });
            db.OpinionVotes.AddRange(
                new OpinionVote { OpinionMapId = map.Id, StatementId = statement.Id, ParticipantId = voter.Id, Value = 1 },
                new OpinionVote { OpinionMapId = map.Id, StatementId = hiddenStatement.Id, ParticipantId = voter.Id, Value = -1 });
            var petition = new Petition { OrganisationId = app.World.OrganisationId, ProcessId = process.Id, AuthorId = alice.Id, Title = "Un parc ombragé", Text = "Plantons.", Stage = PetitionStage.Signing, OnlineSignatures = 12 };
            var forming = new Petition { OrganisationId = app.World.OrganisationId, ProcessId = process.Id, AuthorId = alice.Id, Title = "En formation", Text = secret, Stage = PetitionStage.Committee };
            db.Petitions.AddRange(petition, forming);
            db.PetitionDemands.AddRange(new PetitionDemand { PetitionId = petition.Id, Number = 1, Text = "Dix arbres." }, new PetitionDemand { PetitionId = forming.Id, Number = 1, Text = secret });
            db.SignatureSheets.Add(new SignatureSheet { PetitionId = petition.Id, Number = 1, Signatures = 30, EnteredAt = DateTimeOffset.UtcNow });
            var debate = new Debate { OrganisationId = app.World.OrganisationId, ProcessId = process.Id, Question = "Faut-il piétonniser le parc ?", CreatedAt = DateTimeOffset.UtcNow };
            db.Debates.Add(debate);
            db.Arguments.AddRange(
                new Argument { OrganisationId = app.World.OrganisationId, ProcessId = process.Id, DebateId = debate.Id, AuthorId = alice.Id, Side = Side.For, Title = "Le calme", Text = "Moins de bruit." },
                new Argument { OrganisationId = app.World.OrganisationId, ProcessId = process.Id, DebateId = debate.Id, AuthorId = bob.Id, Side = Side.Against, Title = "Masqué", Text = secret, HiddenAt = DateTimeOffset.UtcNow });
            Vote NewVote(string question, DateTimeOffset closes) => new()
            {
                OrganisationId = app.World.OrganisationId, ProcessId = process.Id, ComponentId = process.Components.Single(c => c.Module == VotesModule.Key).Id,
                Question = question, Method = VoteMethod.SingleChoice, OpensAt = closes.AddDays(-7), ClosesAt = closes,
            };
            var closedVote = NewVote("Quel arbre planter ?", DateTimeOffset.UtcNow.AddDays(-1));
            var openVote = NewVote("Quel banc choisir ?", DateTimeOffset.UtcNow.AddDays(3));
            db.Votes.AddRange(closedVote, openVote);
            db.VoteOptions.AddRange(new VoteOption { VoteId = closedVote.Id, Position = 0, Title = "Chêne" }, new VoteOption { VoteId = closedVote.Id, Position = 1, Title = "Tilleul" });
            db.VoteRegister.AddRange(new VoteRegistration { VoteId = closedVote.Id, PersonId = bob.Id, Day = today }, new VoteRegistration { VoteId = openVote.Id, PersonId = bob.Id, Day = today });
            db.Ballots.AddRange(new CastBallot { VoteId = closedVote.Id, Content = "1,0" }, new CastBallot { VoteId = openVote.Id, Content = "0,1" });
            await db.SaveChangesAsync();
            return new Scenario(process, other, alice, shown.Id, hidden.Id, comment.Id, secret);
        });
    }

    [Fact]
    public async Task Every_dataset_file_follows_its_schema_states_its_count_and_licence_and_holds_nothing_personal_or_hidden()
    {
        var scenario = await SeedAsync("donnees-ouvertes");
        var datasets = app.Services.GetRequiredService<ModuleCatalog>().Datasets;
        using var visitor = app.NewSession();
        var package = JsonDocument.Parse((await visitor.GetAsync("/open-data/datapackage.json")).Body).RootElement;
        Assert.Equal("etalab-2.0", package.GetProperty("licenses")[0].GetProperty("name").GetString());
        Assert.Equal(datasets.Select(d => d.Key), package.GetProperty("resources").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        var pseudonyms = new Dictionary<string, HashSet<string>>();

        foreach (var dataset in datasets)
        {
            foreach (var process in new[] { null, scenario.Process.Slug })
            {
                var query = process is null ? "" : $"?process={process}";
                var schemaAnswer = await visitor.GetAsync($"/open-data/{dataset.Key}.schema.json");
                Assert.Equal(HttpStatusCode.OK, schemaAnswer.Status);
                var fields = JsonDocument.Parse(schemaAnswer.Body).RootElement.GetProperty("fields").EnumerateArray().ToList();
                Assert.All(fields, f => Assert.False(string.IsNullOrWhiteSpace(f.GetProperty("description").GetString())));
                var names = fields.Select(f => f.GetProperty("name").GetString()!).ToList();

                var csvAnswer = await visitor.GetAsync($"/open-data/{dataset.Key}.csv{query}");
                Assert.Equal(HttpStatusCode.OK, csvAnswer.Status);
                Assert.StartsWith("text/csv", csvAnswer.ContentType, StringComparison.Ordinal);
                using var csv = new CsvReader(new StringReader(csvAnswer.Body), CultureInfo.InvariantCulture);
                var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
                using (var header = new CsvReader(new StringReader(csvAnswer.Body), CultureInfo.InvariantCulture))
                {
                    header.Read();
                    header.ReadHeader();
                    Assert.Equal(names, header.HeaderRecord);
                }

                var jsonAnswer = await visitor.GetAsync($"/open-data/{dataset.Key}.json{query}");
                var file = JsonDocument.Parse(jsonAnswer.Body).RootElement;
                var jsonRows = file.GetProperty("rows").EnumerateArray().ToList();
                Assert.Equal(jsonRows.Count, file.GetProperty("count").GetInt32());
                Assert.Equal(rows.Count, jsonRows.Count);
                Assert.Equal("etalab-2.0", file.GetProperty("licence").GetProperty("name").GetString());
                Assert.True(DateTimeOffset.TryParse(file.GetProperty("generated").GetString(), CultureInfo.InvariantCulture, out _));
                if (process is null)
                {
                    Assert.Equal(jsonRows.Count, package.GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("name").GetString() == dataset.Key).GetProperty("count").GetInt32());
                }
                foreach (var (row, line) in jsonRows.Zip(rows))
                {
                    Assert.Equal(names, row.EnumerateObject().Select(p => p.Name));
                    foreach (var field in fields)
                    {
                        var name = field.GetProperty("name").GetString()!;
                        AssertValid(dataset.Key, field, row.GetProperty(name), (string)line[name]);
                        if (name == "author" && row.GetProperty(name).GetString() is { } author)
                        {
                            Assert.Matches("^p-[0-9a-f]{16}$", author);
                            pseudonyms.TryAdd(row.GetProperty("id").GetString()!, []);
                            pseudonyms[row.GetProperty("id").GetString()!].Add(author);
                        }
                    }
                    if (process is not null && row.TryGetProperty("process_id", out var processId))
                    {
                        Assert.Equal(scenario.Process.Id.ToString(), processId.GetString());
                    }
                }
                if (dataset.HasPlaces)
                {
                    var geo = JsonDocument.Parse((await visitor.GetAsync($"/open-data/{dataset.Key}.geojson{query}")).Body).RootElement;
                    Assert.Equal("FeatureCollection", geo.GetProperty("type").GetString());
                    Assert.Equal(jsonRows.Count, geo.GetProperty("features").GetArrayLength());
                }
                else
                {
                    Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/open-data/{dataset.Key}.geojson")).Status);
                }
                foreach (var body in new[] { csvAnswer.Body, jsonAnswer.Body })
                {
                    Assert.DoesNotMatch(EmailAddress(), body);
                    Assert.DoesNotContain(scenario.Secret, body, StringComparison.Ordinal);
                    Assert.DoesNotContain(scenario.Alice.Id.ToString(), body, StringComparison.OrdinalIgnoreCase);
                    Assert.DoesNotContain(scenario.Alice.Pseudonym, body, StringComparison.Ordinal);
                }
            }
        }

        // Alice's proposal and comment carry one pseudonymous id, in every file; her statement only its number in its map.
        var alice = Assert.Single(new[] { scenario.Shown, scenario.Comment }.SelectMany(id => pseudonyms[id.ToString()]).Distinct());
        Assert.DoesNotContain(alice, (await visitor.GetAsync("/open-data/opinion-maps-statements.json")).Body, StringComparison.Ordinal);
        // What is public is there: the shown proposal, its comment (neutralised in CSV only), the open petition with both counts.
        var proposals = (await visitor.GetAsync($"/open-data/proposals.csv?process={scenario.Process.Slug}")).Body;
        Assert.Contains("Des bancs au parc", proposals, StringComparison.Ordinal);
        Assert.DoesNotContain("Ailleurs", proposals, StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK", (await visitor.GetAsync("/open-data/proposals-comments.csv")).Body, StringComparison.Ordinal);
        Assert.Contains("\"=HYPERLINK", (await visitor.GetAsync("/open-data/proposals-comments.json")).Body, StringComparison.Ordinal);
        var petition = JsonDocument.Parse((await visitor.GetAsync($"/open-data/petitions.json?process={scenario.Process.Slug}")).Body).RootElement.GetProperty("rows").EnumerateArray().Single();
        Assert.Equal((12, 30), (petition.GetProperty("online_signatures").GetInt32(), petition.GetProperty("paper_signatures").GetInt32()));
        var votes = JsonDocument.Parse((await visitor.GetAsync($"/open-data/opinion-maps-votes.json?process={scenario.Process.Slug}")).Body).RootElement.GetProperty("rows").EnumerateArray().Single();
        Assert.Equal((0, 0, 1), (votes.GetProperty("comment-id").GetInt32(), votes.GetProperty("voter-id").GetInt32(), votes.GetProperty("vote").GetInt32()));
        // A statement without an author is nobody's: never credited to another number without an account.
        var orphan = JsonDocument.Parse((await visitor.GetAsync($"/open-data/opinion-maps-statements.json?process={scenario.Process.Slug}")).Body).RootElement
            .GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("text").GetString() == "Le parc ferme trop tôt.");
        Assert.Equal(JsonValueKind.Null, orphan.GetProperty("author_number").ValueKind);
        // A vote's ballots and turnout are public once it has closed, never while it runs; a hidden argument is not there.
        var ballots = JsonDocument.Parse((await visitor.GetAsync($"/open-data/votes-ballots.json?process={scenario.Process.Slug}")).Body).RootElement.GetProperty("rows").EnumerateArray().Single();
        Assert.Equal("1,0", ballots.GetProperty("content").GetString());
        var turnout = JsonDocument.Parse((await visitor.GetAsync($"/open-data/votes.json?process={scenario.Process.Slug}")).Body).RootElement.GetProperty("rows").EnumerateArray()
            .ToDictionary(v => v.GetProperty("question").GetString()!, v => v.GetProperty("participants"));
        Assert.Equal(1, turnout["Quel arbre planter ?"].GetInt32());
        Assert.Equal(JsonValueKind.Null, turnout["Quel banc choisir ?"].ValueKind);
        var debate = JsonDocument.Parse((await visitor.GetAsync($"/open-data/debates.json?process={scenario.Process.Slug}")).Body).RootElement.GetProperty("rows").EnumerateArray().Single();
        Assert.Equal((1, 0), (debate.GetProperty("arguments_for").GetInt32(), debate.GetProperty("arguments_against").GetInt32()));

        // A tool switched off takes its data out with its pages.
        await app.WithDatabaseAsync(async db =>
        {
            var stored = await db.Processes.Include(p => p.Components).SingleAsync(p => p.Id == scenario.Process.Id);
            stored.Components.Single(c => c.Module == OpinionMapsModule.Key).Enabled = false;
            stored.Components.Single(c => c.Module == ProposalsModule.Key).Enabled = false;
            await db.SaveChangesAsync();
        });
        foreach (var key in new[] { "opinion-maps-votes", "opinion-maps-statements", "proposals", "proposals-comments" })
        {
            Assert.Equal(0, JsonDocument.Parse((await visitor.GetAsync($"/open-data/{key}.json?process={scenario.Process.Slug}")).Body).RootElement.GetProperty("count").GetInt32());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/open-data/proposals.csv?process=nulle-part")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/open-data/nothing.csv")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/open-data/proposals.xml")).Status);
    }

    [Fact]
    public async Task The_pages_explain_each_dataset_in_both_languages_with_its_count_files_and_chart()
    {
        var scenario = await SeedAsync("pages-donnees");
        using var visitor = app.NewSession();
        var index = await visitor.GetAsync("/open-data");
        Assert.Equal(HttpStatusCode.OK, index.Status);
        Assert.NotNull(index.Document.QuerySelector("a[href='/open-data/proposals.csv']"));
        Assert.NotNull(index.Document.QuerySelector("a[rel='license noopener'][href='https://www.etalab.gouv.fr/licence-ouverte-open-licence/']"));
        var inProcess = await visitor.GetAsync($"/processes/{scenario.Process.Slug}/open-data");
        Assert.NotNull(inProcess.Document.QuerySelector($"a[href='/open-data/proposals.csv?process={scenario.Process.Slug}']"));
        Assert.NotNull((await visitor.GetAsync($"/processes/{scenario.Process.Slug}")).Document.QuerySelector($"a[href='/processes/{scenario.Process.Slug}/open-data']"));

        var page = await visitor.GetAsync($"/open-data/proposals?process={scenario.Process.Slug}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("1 ligne à ce jour", page.Body, StringComparison.Ordinal);
        Assert.Equal(["1"], page.Texts("table.chart td.number"));
        Assert.Contains("Combien de personnes la soutiennent.", page.Text("main"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/open-data/nothing")).Status);

        await visitor.GetAsync("/language/en?returnUrl=/");
        var english = await visitor.GetAsync("/open-data/proposals");
        Assert.Contains("How many people support it.", english.Text("main"), StringComparison.Ordinal);
        Assert.Contains("The read API", (await visitor.GetAsync("/open-data/api")).Text("h1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_is_described_by_a_valid_openapi_document_its_answers_match_page_by_keyset_and_revalidate()
    {
        var scenario = await SeedAsync("api-donnees");
        using var visitor = app.NewSession();
        var description = await visitor.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, description.Status);
        var read = OpenApiDocument.Parse(description.Body, "json");
        Assert.Empty(read.Diagnostic?.Errors ?? []);
        var document = read.Document!;
        var datasets = app.Services.GetRequiredService<ModuleCatalog>().Datasets;
        Assert.Equal(datasets.Count + 1, document.Paths.Count);

        foreach (var dataset in datasets)
        {
            var operation = document.Paths[$"/api/v1/datasets/{dataset.Key}"].Operations![HttpMethod.Get];
            var schema = operation.Responses!["200"].Content!["application/json"].Schema!;
            var answer = await visitor.GetAsync($"/api/v1/datasets/{dataset.Key}?limit=3");
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            AssertMatches(schema, JsonDocument.Parse(answer.Body).RootElement, dataset.Key);
        }
        var list = document.Paths["/api/v1/datasets"].Operations![HttpMethod.Get].Responses!["200"].Content!["application/json"].Schema!;
        AssertMatches(list, JsonDocument.Parse((await visitor.GetAsync("/api/v1/datasets")).Body).RootElement, "datasets");

        // Pages by keyset: following "next" reads every row once, in the file's order.
        await app.WithDatabaseAsync(async db =>
        {
            for (var i = 0; i < 4; i++)
            {
                db.Proposals.Add(new Proposal { OrganisationId = app.World.OrganisationId, ProcessId = scenario.Process.Id, AuthorId = scenario.Alice.Id, Title = $"Page {i}", Body = "." });
            }
            await db.SaveChangesAsync();
        });
        var expected = JsonDocument.Parse((await visitor.GetAsync($"/open-data/proposals.json?process={scenario.Process.Slug}")).Body).RootElement
            .GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(5, expected.Count);
        var seen = new List<string?>();
        string? next = $"/api/v1/datasets/proposals?process={scenario.Process.Slug}&limit=2";
        while (next is not null)
        {
            var page = JsonDocument.Parse((await visitor.GetAsync(next)).Body).RootElement;
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
            next = page.GetProperty("next").GetString() is { } link ? new Uri(link).PathAndQuery : null;
        }
        Assert.Equal(expected, seen);

        // The same answer has the same tag: a client that holds it gets a 304; a change gives a new one.
        var path = $"/api/v1/datasets/proposals?process={scenario.Process.Slug}";
        var first = await visitor.Client.GetAsync(path);
        var tag = first.Headers.ETag!;
        using (var again = new HttpRequestMessage(HttpMethod.Get, path))
        {
            again.Headers.IfNoneMatch.Add(tag);
            Assert.Equal(HttpStatusCode.NotModified, (await visitor.Client.SendAsync(again)).StatusCode);
        }
        using (var weakened = new HttpRequestMessage(HttpMethod.Get, path))
        {
            // A proxy may pass the tag on as a weak one: it still matches.
            weakened.Headers.TryAddWithoutValidation("If-None-Match", "W/" + tag.Tag);
            Assert.Equal(HttpStatusCode.NotModified, (await visitor.Client.SendAsync(weakened)).StatusCode);
        }
        await app.WithDatabaseAsync(db => db.Proposals.Where(p => p.Id == scenario.Shown).ExecuteUpdateAsync(u => u.SetProperty(p => p.SupportCount, 3)));
        using (var changed = new HttpRequestMessage(HttpMethod.Get, path))
        {
            changed.Headers.IfNoneMatch.Add(tag);
            var answer = await visitor.Client.SendAsync(changed);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.NotEqual(tag, answer.Headers.ETag);
        }

        // Filters: by date, and a clear refusal of what is not understood.
        var future = await visitor.GetAsync($"/api/v1/datasets/proposals?process={scenario.Process.Slug}&since={DateTime.UtcNow.AddDays(1):yyyy-MM-dd}");
        Assert.Equal(0, JsonDocument.Parse(future.Body).RootElement.GetProperty("items").GetArrayLength());
        // A moment written with its offset is that moment: an hour ago, written as five hours east of UTC.
        var anHourAgo = DateTimeOffset.UtcNow.AddHours(-1);
        async Task<int> SinceAsync(DateTimeOffset moment)
        {
            var answer = await visitor.GetAsync($"/api/v1/datasets/proposals?process={scenario.Process.Slug}&since={Uri.EscapeDataString(moment.ToString("o", CultureInfo.InvariantCulture))}");
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            return JsonDocument.Parse(answer.Body).RootElement.GetProperty("items").GetArrayLength();
        }
        Assert.NotEqual(0, await SinceAsync(anHourAgo));
        Assert.Equal(await SinceAsync(anHourAgo), await SinceAsync(anHourAgo.ToOffset(TimeSpan.FromHours(5))));
        var bad = await visitor.GetAsync("/api/v1/datasets/proposals?since=hier&limit=0&after=rien");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        var errors = JsonDocument.Parse(bad.Body).RootElement.GetProperty("errors");
        Assert.Equal(["after", "limit", "since"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal(HttpStatusCode.BadRequest, (await visitor.GetAsync("/api/v1/datasets/phases?since=2026-01-01")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/api/v1/datasets/proposals?process=nulle-part")).Status);
    }

    /// <summary>A value of a file, as its schema types it, the same in CSV and JSON.</summary>
    private static void AssertValid(string dataset, JsonElement field, JsonElement json, string cell)
    {
        var name = $"{dataset}.{field.GetProperty("name").GetString()}";
        var required = field.TryGetProperty("constraints", out var constraints) && constraints.TryGetProperty("required", out var r) && r.GetBoolean();
        if (json.ValueKind == JsonValueKind.Null)
        {
            Assert.False(required, $"{name} is required");
            Assert.Equal("", cell);
            return;
        }
        var format = field.TryGetProperty("format", out var f) ? f.GetString() : null;
        switch (field.GetProperty("type").GetString())
        {
            case "integer":
                Assert.Equal(json.GetInt64().ToString(CultureInfo.InvariantCulture), cell);
                break;
            case "number":
                Assert.Equal(json.GetDouble(), double.Parse(cell, CultureInfo.InvariantCulture));
                break;
            case "boolean":
                Assert.Equal(json.GetBoolean() ? "true" : "false", cell);
                break;
            case "datetime":
                Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", cell);
                Assert.Equal(json.GetString(), cell);
                break;
            case "date":
                Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", cell);
                Assert.Equal(json.GetString(), cell);
                break;
            case "string":
                var text = json.GetString()!;
                Assert.Equal(Parvis.Web.Kernel.Text.Spreadsheets.Neutralise(text), cell);
                if (format == "uuid")
                {
                    Assert.True(Guid.TryParse(text, out _), $"{name}: {text}");
                }
                if (constraints.ValueKind == JsonValueKind.Object && constraints.TryGetProperty("enum", out var values))
                {
                    Assert.Contains(text, values.EnumerateArray().Select(v => v.GetString()));
                }
                break;
            default:
                Assert.Fail($"{name}: unknown type");
                break;
        }
    }

    /// <summary>An answer as its OpenAPI schema describes it: each property there with its type, format and values.</summary>
    private static void AssertMatches(IOpenApiSchema schema, JsonElement value, string path)
    {
        var type = schema.Type!.Value;
        if (value.ValueKind == JsonValueKind.Null)
        {
            Assert.True(type.HasFlag(JsonSchemaType.Null), $"{path} may not be null");
            return;
        }
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                Assert.True(type.HasFlag(JsonSchemaType.Object), path);
                Assert.Equal(schema.Properties!.Keys.Where(k => schema.Required?.Contains(k) == true || value.TryGetProperty(k, out _)).Order(),
                    value.EnumerateObject().Select(p => p.Name).Order());
                foreach (var property in value.EnumerateObject())
                {
                    AssertMatches(schema.Properties[property.Name], property.Value, $"{path}.{property.Name}");
                }
                break;
            case JsonValueKind.Array:
                Assert.True(type.HasFlag(JsonSchemaType.Array), path);
                foreach (var item in value.EnumerateArray())
                {
                    AssertMatches(schema.Items!, item, $"{path}[]");
                }
                break;
            case JsonValueKind.String:
                Assert.True(type.HasFlag(JsonSchemaType.String), path);
                var text = value.GetString()!;
                switch (schema.Format)
                {
                    case "uuid":
                        Assert.True(Guid.TryParse(text, out _), path);
                        break;
                    case "date-time":
                        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", text);
                        break;
                    case "date":
                        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", text);
                        break;
                    case "uri":
                        Assert.True(Uri.IsWellFormedUriString(text, UriKind.Absolute), path);
                        break;
                }
                if (schema.Enum is { Count: > 0 } values)
                {
                    Assert.Contains(text, values.Where(v => v is not null).Select(v => v!.GetValue<string>()));
                }
                break;
            case JsonValueKind.Number:
                Assert.True(type.HasFlag(JsonSchemaType.Number) || (type.HasFlag(JsonSchemaType.Integer) && value.TryGetInt64(out _)), path);
                break;
            default:
                Assert.True(type.HasFlag(JsonSchemaType.Boolean), path);
                break;
        }
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.-]+")]
    private static partial Regex EmailAddress();
}
