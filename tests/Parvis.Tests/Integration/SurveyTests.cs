using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Surveys;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Privacy;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Tests.Integration;

[Trait("Suite", "integration")]
public sealed class SurveyTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    private async Task<Process> ProcessAsync(string slug)
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        return await app.AddProcessAsync(slug, new Phase
        {
            Title = "Questionnaire", StartsOn = today.AddDays(-2), EndsOn = today.AddDays(60), Switches = [SurveysModule.Answering],
        });
    }

    /// <summary>A published survey put straight in the database: the editor has its own test.</summary>
    private async Task<Survey> PublishedAsync(Process process, SurveyMode mode, params SurveyQuestion[] questions) => await app.WithDatabaseAsync(async db =>
    {
        var survey = new Survey
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, Title = $"Questionnaire {mode}", Mode = mode, Stage = SurveyStage.Published,
            CreatedAt = DateTimeOffset.UtcNow.AddDays(-1), PublishedAt = DateTimeOffset.UtcNow.AddDays(-1), TokenKey = SurveyCodes.NewKey(),
        };
        survey.Write(questions);
        db.Surveys.Add(survey);
        await db.SaveChangesAsync();
        return survey;
    });

    private static readonly SurveyQuestion[] _commune =
    [
        new(new Question("q1", QuestionKind.SingleChoice, Required: true, Options: ["Lorient", "Groix"]), "Votre commune"),
        new(new Question("q2", QuestionKind.MultipleChoice, Options: ["Bus", "Bateau", "Vélo"], Other: true), "Vos transports"),
        new(new Question("q3", QuestionKind.LongText), "Une remarque"),
    ];

    private static KeyValuePair<string, string>[] Answers(string commune, string[] transports, string remark = "") =>
        [F("shown", "q1 q2 q3"), F("a-q1", commune), .. transports.Select(t => F("a-q2", t)), F("a-q3", remark)];

    [Fact]
    public async Task Staff_write_test_and_publish_a_conditional_survey_that_a_person_answers_changes_and_cannot_answer_after_the_close()
    {
        var process = await ProcessAsync("survey-editor");
        var (staff, _) = await app.SignedInAsync("Équipe des questionnaires", Role.ProcessManager);
        var created = await staff.PostAsync($"/admin/processes/{process.Id}/surveys", [F("Title", "Vos trajets")]);
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var editor = created.Location!;
        var id = Guid.Parse(editor.Split('/')[^1]);

        async Task<Session.Response> Add(string kind, string label, string options = "", bool required = false, params (string Question, string Comparison, string Value)[] when)
        {
            List<KeyValuePair<string, string>> fields = [F("Input.Kind", kind), F("Input.Label", label), F("Input.Options", options), F("Input.Required", required ? "true" : "false")];
            for (var i = 0; i < when.Length; i++)
            {
                fields.AddRange([F($"Input.Conditions[{i}].Question", when[i].Question), F($"Input.Conditions[{i}].Comparison", when[i].Comparison), F($"Input.Conditions[{i}].Value", when[i].Value)]);
            }
            return await staff.PostAsync($"{editor}?handler=Question", fields);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await Add("SingleChoice", "Prenez-vous le bus ?", "Oui\nNon", required: true)).Status);
        // A scale without its top is refused next to the field, with the question typed kept.
        var noTop = await Add("Scale", "Êtes-vous satisfait ou satisfaite ?", required: true, when: ("q1", "Equals", "Oui"));
        Assert.Contains("entre 2 et 10", noTop.Text("#Input_ScaleMax-error"), StringComparison.Ordinal);
        Assert.Contains("satisfaite", noTop.Text("#Input_Label"), StringComparison.Ordinal);
        var withTop = await staff.PostAsync($"{editor}?handler=Question", [F("Input.Kind", "Scale"), F("Input.Label", "Êtes-vous satisfait ou satisfaite ?"), F("Input.ScaleMax", "5"),
            F("Input.Required", "true"), F("Input.Conditions[0].Question", "q1"), F("Input.Conditions[0].Comparison", "Equals"), F("Input.Conditions[0].Value", "Oui")]);
        Assert.Equal(HttpStatusCode.Redirect, withTop.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await Add("MultipleChoice", "Autres transports", "Vélo\nTrain")).Status);
        // A condition that no answer can meet is shown next to its question, and publication is refused.
        Assert.Equal(HttpStatusCode.Redirect, (await Add("ShortText", "Pourquoi peut-être ?", required: true, when: ("q1", "Equals", "Peut-être"))).Status);
        var keys = (await app.WithDatabaseAsync(db => db.Surveys.SingleAsync(s => s.Id == id))).Read().Select(q => q.Key).ToList();
        Assert.Equal(["q1", "q2", "q3", "q4"], keys);
        var refused = await staff.PostAsync($"{editor}?handler=Publish", []);
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("Une question est à revoir", refused.Text(".alert"), StringComparison.Ordinal);
        Assert.Contains("valeur que la question ne peut pas prendre", refused.Text("#q-q4 .field-error"), StringComparison.Ordinal);
        Assert.Equal("", refused.Text("#q-q2 .field-error"));
        Assert.Equal(SurveyStage.Draft, await StageAsync(id));
        // The settings form shown with the refusal holds the survey's settings, not an empty form to save over them.
        Assert.Contains(F("Settings.Title", "Vos trajets"), refused.Fields("form[action*='handler=Settings']"));
        // Nobody answers a draft.
        Assert.Equal(HttpStatusCode.NotFound, (await app.NewSession().GetAsync($"/surveys/{id}")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync($"{editor}?handler=Remove", [F("key", "q4"), F("confirmed", "true")])).Status);

        // The path tester: answering "Oui" brings the scale, the answers kept; then the path is accepted.
        var tester = $"{editor}/test";
        var first = await staff.GetAsync(tester);
        Assert.Equal(["q1", "q3"], first.Document.QuerySelectorAll(".question").Select(q => q.Id![2..]));
        Assert.Contains("Affichée seulement si la réponse à «\u00a0Prenez-vous le bus ?\u00a0» est «\u00a0Oui\u00a0»", first.Text("section[aria-labelledby=path] li"), StringComparison.Ordinal);
        var brought = await staff.PostAsync(tester, [F("shown", "q1 q3"), F("a-q1", "Oui")]);
        Assert.Equal(["q1", "q2", "q3"], brought.Document.QuerySelectorAll(".question").Select(q => q.Id![2..]));
        Assert.Equal("Nouvelle question", brought.Text("#q-q2 .badge"));
        Assert.NotNull(brought.Document.QuerySelector("#a-q1-0[checked]"));
        var missing = await staff.PostAsync(tester, [F("shown", "q1 q2 q3"), F("a-q1", "Oui")]);
        Assert.Equal("Cette question demande une réponse.", missing.Text("#q-q2-error"));
        Assert.Contains("Ces réponses seraient acceptées", (await staff.PostAsync(tester, [F("shown", "q1 q2 q3"), F("a-q1", "Oui"), F("a-q2", "4")])).Text("main"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync($"{editor}?handler=Publish", [])).Status);
        Assert.Equal(SurveyStage.Published, await StageAsync(id));
        // Published questions no longer change.
        Assert.Contains("publié", (await Add("ShortText", "Trop tard")).Text(".alert"), StringComparison.Ordinal);

        // A person answers: "Oui" brings the scale, skipped it is refused, answered it is kept once.
        var page = $"/surveys/{id}";
        Assert.Contains("Se connecter pour répondre", (await app.NewSession().GetAsync(page)).Text("main"), StringComparison.Ordinal);
        var (person, who) = await app.SignedInAsync("Usagère du bus");
        var shown = await person.GetAsync(page);
        Assert.Equal(["q1", "q3"], shown.Document.QuerySelectorAll(".question").Select(q => q.Id![2..]));
        var next = await person.PostAsync(page, [F("shown", "q1 q3"), F("a-q1", "Oui"), F("a-q3", "Vélo")]);
        Assert.Equal("Nouvelle question", next.Text("#q-q2 .badge"));
        Assert.NotNull(next.Document.QuerySelector("#a-q3-0[checked]"));
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.SurveyResponses.CountAsync(r => r.SurveyId == id)));
        var skipped = await person.PostAsync(page, [F("shown", "q1 q2 q3"), F("a-q1", "Oui"), F("a-q3", "Vélo")]);
        Assert.Equal("Cette question demande une réponse.", skipped.Text("#q-q2-error"));
        // The summary's link puts the focus on the question's first control.
        Assert.Contains("Êtes-vous satisfait", skipped.Text(".alert a[href='#a-q2-1']"), StringComparison.Ordinal);
        var sent = await person.PostAsync(page, [F("shown", "q1 q2 q3"), F("a-q1", "Oui"), F("a-q2", "2"), F("a-q3", "Vélo"), F("a-q3", "Train")]);
        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        Assert.Equal(new Dictionary<string, string[]> { ["q1"] = ["Oui"], ["q2"] = ["2"], ["q3"] = ["Vélo", "Train"] }, await AnswersOfAsync(id, who.Id));

        // Changing the answer replaces it: the scale, hidden now, goes with it.
        var again = await person.GetAsync(page);
        Assert.NotNull(again.Document.QuerySelector("#a-q2-2[checked]"));
        Assert.Equal(HttpStatusCode.Redirect, (await person.PostAsync(page, [F("shown", "q1 q2 q3"), F("a-q1", "Non"), F("a-q2", "2")])).Status);
        Assert.Equal(new Dictionary<string, string[]> { ["q1"] = ["Non"] }, await AnswersOfAsync(id, who.Id));
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.Surveys.Where(s => s.Id == id).Select(s => s.Responses).SingleAsync()));

        // Results are staff's while the survey runs, everyone's once it is closed; an answer after the close is refused.
        Assert.Contains("/error/403", (await app.NewSession().GetAsync($"{page}/results")).Location ?? "403", StringComparison.Ordinal);
        // Closing asks again: sent without the confirmation, the survey stays open.
        await staff.PostAsync($"{editor}?handler=Close", []);
        Assert.Equal(SurveyStage.Published, await app.WithDatabaseAsync(db => db.Surveys.Where(s => s.Id == id).Select(s => s.Stage).SingleAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync($"{editor}?handler=Close", [F("confirmed", "true")])).Status);
        // Its settings still save as shown: the closing time, stored to the second, is not read as a new date in the past.
        var closedAt = await app.WithDatabaseAsync(db => db.Surveys.Where(s => s.Id == id).Select(s => s.ClosesAt).SingleAsync());
        var asShown = (await staff.GetAsync(editor)).Fields("form[action*='handler=Settings']");
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync($"{editor}?handler=Settings",
            [.. asShown.Where(f => f.Key != "Change.Reason"), F("Change.Reason", "Une coquille corrigée dans l'introduction.")])).Status);
        Assert.Equal(closedAt, await app.WithDatabaseAsync(db => db.Surveys.Where(s => s.Id == id).Select(s => s.ClosesAt).SingleAsync()));
        var late = await person.PostAsync(page, [F("shown", "q1 q3"), F("a-q1", "Oui")], $"/processes/{process.Slug}/surveys");
        Assert.NotEqual(HttpStatusCode.Redirect, late.Status);
        Assert.Equal(new Dictionary<string, string[]> { ["q1"] = ["Non"] }, await AnswersOfAsync(id, who.Id));
        var results = await app.NewSession().GetAsync($"{page}/results");
        Assert.Equal(HttpStatusCode.OK, results.Status);
        Assert.Contains("Une personne a répondu à cette question, sur 1", results.Text("main"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_count_people_per_option_hide_small_groups_and_export_formula_safe_cells_with_paper_answers()
    {
        var process = await ProcessAsync("survey-results");
        var survey = await PublishedAsync(process, SurveyMode.Open, _commune);
        var page = $"/surveys/{survey.Id}";
        // Anyone answers an open survey, and it says so; six from Lorient, two from Groix.
        var visitor = app.NewSession();
        Assert.Contains("plusieurs fois", (await visitor.GetAsync(page)).Text(".mode"), StringComparison.Ordinal);
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await visitor.PostAsync(page, Answers("Lorient", i % 2 == 0 ? ["Bus", "Bateau"] : ["Bus"]))).Status);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.PostAsync(page, Answers("Groix", ["Bateau", "other:"]))).Status);
        var other = await visitor.PostAsync(page, [.. Answers("Groix", ["Bateau", "other:"]), F("o-q2", "Trottinette")]);
        Assert.Equal(HttpStatusCode.Redirect, other.Status);
        // A paper form typed in by staff, with a text a spreadsheet would run.
        var (staff, _) = await app.SignedInAsync("Équipe de saisie", Role.ProcessManager);
        var entry = $"/admin/surveys/{survey.Id}/entry";
        var typed = await staff.PostAsync(entry, [F("Channel", "Paper"), .. Answers("Lorient", ["Vélo"], "=HYPERLINK(\"http://evil\")")]);
        Assert.Equal(HttpStatusCode.Redirect, typed.Status);
        var skipped = await staff.PostAsync(entry, [F("Channel", "Paper"), F("shown", "q1 q2 q3"), F("a-q2", "Bus")]);
        Assert.Equal("Cette question demande une réponse.", skipped.Text("#q-q1-error"));
        Assert.NotNull(skipped.Document.QuerySelector("#a-q2-0[checked]"));
        // The paper form is in the answers; the eight given online without a name wait apart.
        Assert.Equal((1, 8), await app.WithDatabaseAsync(async db =>
            (await db.SurveyResponses.CountAsync(r => r.SurveyId == survey.Id), await db.SurveyEnvelopes.CountAsync(e => e.SurveyId == survey.Id))));
        var early = await staff.GetAsync($"{page}/results");
        // While it runs, they are a number only: in the tables, each would show as it came to anyone looking twice.
        Assert.Contains("Une réponse (1 sur papier)", early.Text("main"), StringComparison.Ordinal);
        Assert.Matches(@"mises à part pour l'instant\W+8\.", early.Text(".notice"));
        Assert.DoesNotContain("Trottinette", early.Text("main"), StringComparison.Ordinal);
        // Closing the survey moves them at once, words and all.
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync($"/admin/surveys/{survey.Id}?handler=Close", [F("confirmed", "true")])).Status);
        Assert.Equal((9, 0), await app.WithDatabaseAsync(async db =>
            (await db.SurveyResponses.CountAsync(r => r.SurveyId == survey.Id), await db.SurveyEnvelopes.CountAsync(e => e.SurveyId == survey.Id))));

        var results = await staff.GetAsync($"{page}/results");
        Assert.DoesNotContain("mises à part", results.Text("main"), StringComparison.Ordinal);
        var transport = results.Document.QuerySelectorAll("table").First(t => t.QuerySelector("caption")!.TextContent.Contains("Vos transports", StringComparison.Ordinal));
        var rows = transport.QuerySelectorAll("tbody tr").Select(r => string.Join("|", r.Children.Select(c => c.TextContent.Trim()))).ToList();
        // Shares of the people who answered (9), never of combinations: Bus 6, Bateau 5, Vélo 1, Autre 1 add up past 100 %.
        string Share(double share) => share.ToString("P0", System.Globalization.CultureInfo.GetCultureInfo("fr"));
        Assert.Equal([$"Bus|6|{Share(6 / 9.0)}", $"Bateau|5|{Share(5 / 9.0)}", $"Vélo|1|{Share(1 / 9.0)}", $"Autre|1|{Share(1 / 9.0)}"], rows);
        Assert.Contains("Trottinette", results.Text("main"), StringComparison.Ordinal);
        Assert.Contains("9 réponses (8 en ligne, 1 sur papier)", results.Text("main"), StringComparison.Ordinal);

        // By commune: Groix has two people, too few to be shown.
        var byCommune = await staff.GetAsync($"{page}/results?by=q1");
        var breakdown = byCommune.Document.QuerySelector("section[aria-labelledby=breakdown] table")!;
        var groups = breakdown.QuerySelectorAll("tbody tr").Select(r => string.Join("|", r.Children.Select(c => c.TextContent.Trim()))).ToList();
        Assert.Equal("Groix|moins de 5|moins de 5|moins de 5|moins de 5", groups[0]);
        Assert.StartsWith("Lorient|7|", groups[1], StringComparison.Ordinal);
        // No column hides a single cell: Groix's could otherwise be worked out from the question's own results.
        var cells = groups.Select(g => g.Split('|')).ToList();
        for (var column = 2; column < cells[0].Length; column++)
        {
            Assert.NotEqual(1, cells.Count(row => row[column] == "moins de 5"));
        }

        var csv = await staff.GetAsync($"{page}/results?handler=Download&format=csv");
        Assert.Equal("text/csv", csv.ContentType);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", csv.Body, StringComparison.Ordinal);
        Assert.Contains("Bateau | other:Trottinette", csv.Body, StringComparison.Ordinal);
        var xlsx = await staff.Client.GetAsync($"{page}/results?handler=Download&format=xlsx");
        var sheet = Parvis.Web.Kernel.Text.Spreadsheets.Read(await xlsx.Content.ReadAsStreamAsync(), new Parvis.Web.Kernel.Text.UploadLimits(1_000_000, 1_000, 50));
        Assert.Contains(sheet, row => row.Contains("=HYPERLINK(\"http://evil\")"));
        // The answers one line each are staff's.
        Assert.Contains("/error/403", (await visitor.GetAsync($"{page}/results?handler=Download&format=csv")).Location ?? "", StringComparison.Ordinal);
        // The paper form carries every question.
        var paper = await visitor.GetAsync($"{page}/print");
        Assert.Contains("3. Une remarque", paper.Text("article"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_code_is_given_once_takes_one_answer_under_fifty_concurrent_posts_and_nothing_joins_the_answer_to_the_person()
    {
        var process = await ProcessAsync("survey-anonymous");
        var survey = await PublishedAsync(process, SurveyMode.Anonymous, _commune);
        var page = $"/surveys/{survey.Id}";
        var (person, who) = await app.SignedInAsync("Répondante anonyme");
        // A double click sends the form's request twice: both answers hold the same code.
        var request = (await person.GetAsync(page)).Fields("form[action*='handler=Code']");
        var clicks = await Task.WhenAll(person.PostAsync($"{page}?handler=Code", request), person.PostAsync($"{page}?handler=Code", request));
        var given = clicks[0];
        var code = given.Text(".survey-code");
        Assert.Matches("^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$", code);
        Assert.Equal(code, clicks[1].Text(".survey-code"));
        // Not put in the form: answered at once, the answer would follow the code's line closely.
        Assert.True(string.IsNullOrEmpty(given.Document.QuerySelector("#Code")!.GetAttribute("value")));
        // Another request (another page, another person's form) gets none.
        var twice = await person.PostAsync($"{page}?handler=Code", [F("request", Parvis.Web.Modules.Surveys.SurveyCodes.NewRequest())]);
        Assert.Contains("déjà reçu", twice.Text("main"), StringComparison.Ordinal);
        Assert.Equal("", twice.Text(".survey-code"));

        // A code that is not one of this survey's is refused next to it, the answers kept.
        var wrong = await person.PostAsync(page, [.. Answers("Groix", ["Bateau"]), F("Code", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")]);
        Assert.Contains("n'est pas un code", wrong.Text("#Code-error"), StringComparison.Ordinal);
        Assert.NotNull(wrong.Document.QuerySelector("#a-q1-1[checked]"));

        // Fifty posts with the same code at once, typed by hand in lower case without dashes, from signed-out visitors: one answer.
        var typed = code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        var visitors = Enumerable.Range(0, 50).Select(_ => app.NewSession()).ToList();
        var tokens = await Task.WhenAll(visitors.Select(v => v.TokenAsync()));
        var posts = await Task.WhenAll(visitors.Select((v, i) => v.PostRawAsync(page, [.. Answers("Groix", ["Bateau"]), F("Code", typed), F("__csrf", tokens[i])])));
        Assert.Equal(1, posts.Count(p => p.Status == HttpStatusCode.Redirect));
        Assert.All(posts.Where(p => p.Status != HttpStatusCode.Redirect), p => Assert.Contains("déjà servi", p.Text("#Code-error"), StringComparison.Ordinal));
        Assert.Single(await app.WithDatabaseAsync(db => db.SurveyAnswersAsync(survey.Id)));
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.Surveys.Where(s => s.Id == survey.Id).Select(s => s.Responses).SingleAsync()));

        // The schema: answers and used codes name no person and keep no time; a given code is a survey and a person, nothing else.
        await app.WithDatabaseAsync(async db =>
        {
            var model = db.Model;
            foreach (var type in new[] { typeof(SurveyResponse), typeof(SurveyEnvelope), typeof(SurveySpentCode) })
            {
                var entity = model.FindEntityType(type)!;
                Assert.DoesNotContain(entity.GetForeignKeys(), k => k.PrincipalEntityType.ClrType == typeof(Person));
                Assert.DoesNotContain(entity.GetProperties(), p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?));
            }
            Assert.Equal(["PersonId", "Request", "SurveyId"], model.FindEntityType(typeof(SurveyCodeGiven))!.GetProperties().Select(p => p.Name).Order());
            // Whatever points at an answer and may name a person: the signed respondents (none here) and the texts (no author here).
            var pointing = model.GetEntityTypes().Where(e => e.GetForeignKeys().Any(k => k.PrincipalEntityType.ClrType == typeof(SurveyResponse))).Select(e => e.ClrType).ToList();
            Assert.Equal([typeof(SurveyRespondent), typeof(SurveyText)], pointing.OrderBy(t => t.Name));
            Assert.Equal(0, await db.SurveyRespondents.CountAsync(r => r.SurveyId == survey.Id));
            Assert.Empty(await db.SurveyTexts.Where(t => t.SurveyId == survey.Id && t.AuthorId != null).ToListAsync());
            return 0;
        });
        var export = Encoding.UTF8.GetString(await ExportAsync(who.Id));
        Assert.Contains(survey.Title, export, StringComparison.Ordinal);
        Assert.DoesNotContain("Groix", export, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_without_a_name_wait_apart_then_move_by_tens_under_their_ids_and_a_process_waits_for_the_last()
    {
        var process = await ProcessAsync("survey-envelopes");
        var survey = await PublishedAsync(process, SurveyMode.Anonymous, _commune);
        var page = $"/surveys/{survey.Id}";
        var box = app.Services.GetRequiredService<SurveyBox>();
        async Task AnswerAsync(int i)
        {
            var (person, _) = await app.SignedInAsync($"Répondant mis à part {i}");
            if (i == 3)
            {
                await person.GetAsync("/language/en");
            }
            var code = (await person.PostAsync($"{page}?handler=Code", [])).Text(".survey-code");
            Assert.Equal(HttpStatusCode.Redirect, (await person.PostAsync(page, [.. Answers(i % 2 == 0 ? "Lorient" : "Groix", ["Bus"], $"Remarque numéro {i}"), F("Code", code)])).Status);
        }
        Task<(int Answers, int Waiting, int Texts)> StoredAsync() => app.WithDatabaseAsync(async db => (await db.SurveyResponses.CountAsync(r => r.SurveyId == survey.Id),
            await db.SurveyEnvelopes.CountAsync(e => e.SurveyId == survey.Id), await db.SurveyTexts.CountAsync(t => t.SurveyId == survey.Id)));
        for (var i = 0; i < ShuffledBox.Together - 1; i++)
        {
            await AnswerAsync(i);
        }

        // Fewer than ten in an open survey: the box leaves them apart, a number only, their words not yet contributions.
        await box.TakeAsync();
        Assert.Equal((0, 9, 0), await StoredAsync());
        var waitingIds = await app.WithDatabaseAsync(db => db.SurveyEnvelopes.Where(e => e.SurveyId == survey.Id).Select(e => e.Id).ToListAsync());
        var (staff, _) = await app.SignedInAsync("Équipe des réponses mises à part", Role.ProcessManager);
        var waiting = await staff.GetAsync($"{page}/results");
        Assert.Contains("Aucune réponse.", waiting.Text("main"), StringComparison.Ordinal);
        Assert.Matches(@"mises à part pour l'instant\W+9\.", waiting.Text(".notice"));
        Assert.DoesNotContain("Remarque numéro", waiting.Text("main"), StringComparison.Ordinal);
        // Nor a line each in the download, which two downloads apart would show each answer as it came.
        var download = await staff.GetAsync($"{page}/results?handler=Download&format=csv");
        Assert.Equal((HttpStatusCode.OK, "text/csv"), (download.Status, download.ContentType));
        Assert.Contains("Votre commune", download.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Remarque numéro", download.Body, StringComparison.Ordinal);

        // The tenth: the box moves them together, each under its id, its words in the language it was given in, naming no one.
        await AnswerAsync(9);
        await box.TakeAsync();
        Assert.Equal((10, 0, 10), await StoredAsync());
        var (moved, texts, published) = await app.WithDatabaseAsync(async db => (
            await db.SurveyResponses.Where(r => r.SurveyId == survey.Id).Select(r => r.Id).ToListAsync(),
            await db.SurveyTexts.Where(t => t.SurveyId == survey.Id).Select(t => new { t.Text, t.Language, t.AuthorId, t.MediatedById, t.CreatedAt }).ToListAsync(),
            await db.Surveys.Where(s => s.Id == survey.Id).Select(s => s.PublishedAt).SingleAsync()));
        Assert.Subset(moved.ToHashSet(), waitingIds.ToHashSet());
        Assert.All(texts, t => Assert.Equal((null, null, published), (t.AuthorId, t.MediatedById, (DateTimeOffset?)t.CreatedAt)));
        Assert.Equal(["Remarque numéro 3"], texts.Where(t => t.Language == "en").Select(t => t.Text));
        Assert.Equal(9, texts.Count(t => t.Language == "fr"));
        var all = await staff.GetAsync($"{page}/results");
        Assert.DoesNotContain("mises à part", all.Text("main"), StringComparison.Ordinal);
        Assert.Contains("Remarque numéro 9", all.Text("main"), StringComparison.Ordinal);

        // Closed on its date with an answer still waiting, the survey holds its process open until the box has moved it.
        await AnswerAsync(10);
        await app.WithDatabaseAsync(db => db.Surveys.Where(s => s.Id == survey.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.ClosesAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        var closing = await staff.PostAsync($"/admin/processes/{process.Id}/close", [F("LeaveWithoutFate", "true"), F("Note", "Fin de la démarche.")]);
        Assert.Contains("range encore ses dernières réponses", closing.Text("main"), StringComparison.Ordinal);
        Assert.Null(await app.WithDatabaseAsync(db => db.Processes.Where(p => p.Id == process.Id).Select(p => p.ClosedAt).SingleAsync()));
        // Closed, its results count the answer that waits, and say its words come shortly.
        var closedResults = await staff.GetAsync($"{page}/results");
        Assert.Contains("11 réponses (11 en ligne)", closedResults.Text("main"), StringComparison.Ordinal);
        Assert.Matches(@"arrivées en dernier\W+1\. Elles comptent ci-dessous", closedResults.Text(".notice"));
        await box.TakeAsync();
        Assert.Equal((11, 0, 11), await StoredAsync());
    }

    [Fact]
    public async Task Two_survey_boxes_moving_the_same_answers_at_once_keep_each_once()
    {
        var process = await ProcessAsync("survey-two-boxes");
        var survey = await PublishedAsync(process, SurveyMode.Open, _commune);
        await app.WithDatabaseAsync(async db =>
        {
            db.SurveyEnvelopes.AddRange(Enumerable.Range(0, 12).Select(i => new SurveyEnvelope
            {
                SurveyId = survey.Id, Answers = Survey.WriteAnswers(new Dictionary<string, Answer> { ["q1"] = new(["Groix"]), ["q3"] = new([$"Mot {i}"]) }),
            }));
            return await db.SaveChangesAsync();
        });
        // Two nodes' boxes at the same moment: one moves the answers, the other finds them gone or already there, and
        // goes on without an error.
        var box = app.Services.GetRequiredService<SurveyBox>();
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => box.TakeAsync()));
        Assert.Equal((12, 0, 12), await app.WithDatabaseAsync(async db => (await db.SurveyResponses.CountAsync(r => r.SurveyId == survey.Id),
            await db.SurveyEnvelopes.CountAsync(e => e.SurveyId == survey.Id), await db.SurveyTexts.CountAsync(t => t.SurveyId == survey.Id))));
    }

    [Fact]
    public async Task A_signed_answer_is_in_the_person_s_data_and_leaves_the_results_when_they_ask_for_removal()
    {
        var process = await ProcessAsync("survey-privacy");
        var survey = await PublishedAsync(process, SurveyMode.Named, _commune);
        var page = $"/surveys/{survey.Id}";
        var (keeper, kept) = await app.SignedInAsync("Répondant qui reste");
        var (leaver, left) = await app.SignedInAsync("Répondante qui part");
        Assert.Equal(HttpStatusCode.Redirect, (await keeper.PostAsync(page, Answers("Lorient", ["Bus"], "Plus de bus le dimanche"))).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await leaver.PostAsync(page, Answers("Groix", ["Bateau"], "Un bateau plus tard"))).Status);
        Assert.Contains("Plus de bus le dimanche", Encoding.UTF8.GetString(await ExportAsync(kept.Id)), StringComparison.Ordinal);

        await EraseAsync(left.Id, ErasureChoice.Remove);
        await EraseAsync(kept.Id, ErasureChoice.Anonymise);
        await app.WithDatabaseAsync(async db =>
        {
            Assert.Equal(["{\"q1\":[\"Lorient\"],\"q2\":[\"Bus\"],\"q3\":[\"Plus de bus le dimanche\"]}"],
                await db.SurveyResponses.Where(r => r.SurveyId == survey.Id).Select(r => r.Answers).ToListAsync());
            Assert.Equal(0, await db.SurveyRespondents.CountAsync(r => r.SurveyId == survey.Id));
            Assert.Equal(1, await db.Surveys.Where(s => s.Id == survey.Id).Select(s => s.Responses).SingleAsync());
            var texts = await db.SurveyTexts.AsNoTracking().Where(t => t.SurveyId == survey.Id).OrderBy(t => t.Text).ToListAsync();
            Assert.Equal([("", true), ("Plus de bus le dimanche", false)], texts.Select(t => (t.Text, t.ResponseId is null)));
            return 0;
        });
    }

    [Fact]
    public async Task A_free_answer_is_read_by_itself_only_once_the_survey_ends_and_nothing_is_typed_in_after_the_process_closes()
    {
        var process = await ProcessAsync("survey-words-withheld");
        var survey = await PublishedAsync(process, SurveyMode.Named, _commune);
        var (person, _) = await app.SignedInAsync("Répondante aux mots retenus");
        Assert.Equal(HttpStatusCode.Redirect, (await person.PostAsync($"/surveys/{survey.Id}", Answers("Lorient", ["Bus"], "Des navettes vers le marché"))).Status);
        var text = await app.WithDatabaseAsync(db => db.SurveyTexts.Where(t => t.SurveyId == survey.Id).Select(t => t.Id).SingleAsync());

        // While the survey runs, its results are staff's: so are its words, by their own address, the fates and the report.
        var visitor = app.NewSession();
        var withheld = await visitor.GetAsync($"/contributions/{text}");
        Assert.DoesNotContain("navettes", withheld.Body, StringComparison.Ordinal);
        Assert.Contains("questionnaire encore en cours", withheld.Text("main"), StringComparison.Ordinal);
        Assert.DoesNotContain("navettes", (await visitor.GetAsync($"/processes/{process.Slug}/fates?show=none")).Body, StringComparison.Ordinal);
        Assert.DoesNotContain("navettes", (await visitor.GetAsync($"/processes/{process.Slug}/report")).Body, StringComparison.Ordinal);
        // A fate would say it publicly: none yet, and the process does not close before its survey.
        var (staff, _) = await app.SignedInAsync("Équipe d'analyse et de saisie", Role.ProcessManager);
        var fate = await staff.PostAsync($"/contributions/{text}", [F("Fate", "Answered"), F("Explanation", "Merci."), F("SynthesisItemId", ""), F("MergedIntoId", "")]);
        Assert.Contains("/error/403", fate.Location, StringComparison.Ordinal);
        Assert.Empty((await staff.GetAsync($"/contributions/{text}")).Document.QuerySelectorAll("input[name=Fate]"));
        Assert.Null(await app.WithDatabaseAsync(db => db.SurveyTexts.Where(t => t.Id == text).Select(t => t.Fate).SingleAsync()));
        var closing = await staff.PostAsync($"/admin/processes/{process.Id}/close", [F("LeaveWithoutFate", "true"), F("Note", "Fin de la démarche.")]);
        Assert.Contains("Un questionnaire de la démarche est encore ouvert", closing.Text("main"), StringComparison.Ordinal);
        Assert.Null(await app.WithDatabaseAsync(db => db.Processes.Where(p => p.Id == process.Id).Select(p => p.ClosedAt).SingleAsync()));

        // Its closing date passed, they are everyone's, awaiting a fate like any contribution.
        await app.WithDatabaseAsync(db => db.Surveys.Where(s => s.Id == survey.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.ClosesAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        Assert.Contains("navettes", (await visitor.GetAsync($"/contributions/{text}")).Text("main"), StringComparison.Ordinal);
        Assert.Contains("navettes", (await visitor.GetAsync($"/processes/{process.Slug}/fates?show=none")).Text("main"), StringComparison.Ordinal);
        // A paper form filled while it ran is still typed in; nobody answers at a desk any more.
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync($"/admin/surveys/{survey.Id}/entry", [F("Channel", "Paper"), .. Answers("Groix", ["Bateau"])])).Status);
        var desk = await staff.PostAsync($"/admin/surveys/{survey.Id}/entry", [F("Channel", "Desk"), .. Answers("Groix", ["Bateau"])]);
        Assert.NotEqual(HttpStatusCode.Redirect, desk.Status);
        Assert.Equal(2, await app.WithDatabaseAsync(db => db.SurveyResponses.CountAsync(r => r.SurveyId == survey.Id)));

        // A closed process takes no paper form more, from staff either: closing it checked every contribution's fate.
        await app.WithDatabaseAsync(db => db.Processes.Where(p => p.Id == process.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.ClosedAt, DateTimeOffset.UtcNow)));
        var late = await staff.PostAsync($"/admin/surveys/{survey.Id}/entry", [F("Channel", "Paper"), .. Answers("Groix", ["Bateau"], "Arrivé après la clôture")]);
        Assert.Contains("La démarche est close", late.Text("main"), StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDatabaseAsync(db => db.SurveyResponses.CountAsync(r => r.SurveyId == survey.Id)));
    }

    [Fact]
    public async Task A_free_answer_its_respondent_rewrites_is_read_again_by_the_analysts_comparison()
    {
        var process = await ProcessAsync("survey-rewritten");
        var survey = await PublishedAsync(process, SurveyMode.Named, _commune);
        var page = $"/surveys/{survey.Id}";
        var (person, _) = await app.SignedInAsync("Répondante qui se reprend");
        Task<DateTimeOffset?> RevisedAtAsync() =>
            app.WithDatabaseAsync(db => db.SurveyTexts.Where(t => t.SurveyId == survey.Id).Select(t => t.RevisedAt).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await person.PostAsync(page, Answers("Lorient", ["Bus"], "Plus de bus le dimanche"))).Status);
        Assert.Null(await RevisedAtAsync());
        // The same words sent again change nothing; other words do.
        Assert.Equal(HttpStatusCode.Redirect, (await person.PostAsync(page, Answers("Groix", ["Bus"], "Plus de bus le dimanche"))).Status);
        Assert.Null(await RevisedAtAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await person.PostAsync(page, Answers("Groix", ["Bus"], "Un bateau plus tard le soir"))).Status);
        Assert.NotNull(await RevisedAtAsync());
    }

    [Fact]
    public async Task A_survey_is_answered_on_a_laptop_without_network_and_its_signed_answers_come_back_once()
    {
        var process = await ProcessAsync("survey-laptop");
        var survey = await PublishedAsync(process, SurveyMode.Named, _commune);
        var (manager, _) = await app.SignedInAsync("Pilote des questionnaires", Role.ProcessManager);
        var editor = $"/admin/surveys/{survey.Id}";
        var package = await manager.PostAsync($"{editor}?handler=Package", []);
        Assert.Equal(HttpStatusCode.OK, package.Status);
        var packageBytes = Encoding.UTF8.GetBytes(package.Body);

        // The laptop: another installation with its own database, no link to the main one but the file.
        await using var laptop = new ParvisApp();
        await ((IAsyncLifetime)laptop).InitializeAsync();
        var (owner, _) = await laptop.SignedInAsync("Médiatrice au portable", Role.ProcessManager);
        // A package is not signed: one edited by hand is refused, with why, and sets up nothing.
        foreach (var broken in new Action<System.Text.Json.Nodes.JsonNode>[]
        {
            p => p["survey"]!["intro"] = null, p => p["survey"]!["mode"] = 42, p => p["key"] = "pas une clé", p => p["process"]!["themes"]!.AsArray().Add(null),
            p => p["process"]!["title"] = " ",
        })
        {
            var refused = await owner.PostFileAsync("/offline", "Upload", "questionnaire.json", OfflineFileEdits.Altered(packageBytes, broken), "/offline");
            Assert.StartsWith("Ce paquet a été modifié ou abîmé", refused.Text("#Upload-error"), StringComparison.Ordinal);
            Assert.False(await laptop.WithDatabaseAsync(db => db.Surveys.AnyAsync(s => s.Id == survey.Id)));
        }
        var received = await owner.PostFileAsync("/offline", "Upload", "questionnaire.json", packageBytes, "/offline");
        Assert.Equal(HttpStatusCode.Redirect, received.Status);
        Assert.Equal(editor, received.Location);
        Assert.Contains("déjà sur cette installation", (await owner.PostFileAsync("/offline", "Upload", "questionnaire.json", packageBytes, "/offline")).Text("#Upload-error"), StringComparison.Ordinal);
        // Answers typed on the laptop, by the only channel it has.
        var entry = $"/admin/surveys/{survey.Id}/entry";
        Assert.Equal(["Offline"], (await owner.GetAsync(entry)).Document.QuerySelectorAll("input[name=Channel]").Select(i => i.GetAttribute("value")));
        foreach (var commune in new[] { "Groix", "Groix", "Lorient" })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await owner.PostAsync(entry, [F("Channel", "Paper"), .. Answers(commune, ["Bateau"], "Une permanence à la mairie annexe")])).Status);
        }
        var bundle = await owner.PostAsync($"{editor}?handler=Bundle", []);
        Assert.Equal(HttpStatusCode.OK, bundle.Status);
        var bundleBytes = Encoding.UTF8.GetBytes(bundle.Body);

        // Back on the main installation: added once, whatever the number of imports; a changed bundle is refused.
        async Task<Session.Response> Import(byte[] file) => await manager.PostFileAsync($"{editor}?handler=Import", "Upload", "lot.json", file, editor);
        Assert.Equal("3 réponses ajoutées, aucune déjà là, aucune refusée.", (await Import(bundleBytes)).Text("section[aria-labelledby=offline] .notice"));
        Assert.Equal("Aucune réponse ajoutée, 3 déjà là, aucune refusée.", (await Import(bundleBytes)).Text("section[aria-labelledby=offline] .notice"));
        var changed = OfflineFileEdits.Altered(bundleBytes, p => p["answers"]![0]!["id"] = Guid.NewGuid().ToString());
        Assert.Contains("modifié depuis le portable", (await Import(changed)).Text("#Upload-error"), StringComparison.Ordinal);
        await app.WithDatabaseAsync(async db =>
        {
            Assert.Equal(3, await db.SurveyResponses.CountAsync(r => r.SurveyId == survey.Id && r.Channel == SurveyChannel.Offline));
            Assert.Equal(3, await db.Surveys.Where(s => s.Id == survey.Id).Select(s => s.Responses).SingleAsync());
            Assert.Equal(3, await db.SurveyTexts.CountAsync(t => t.SurveyId == survey.Id && t.Channel == Channel.Offline && t.AuthorId == null));
            return 0;
        });
    }

    [Fact]
    public async Task Once_a_survey_is_open_its_settings_change_only_with_a_public_reason_in_the_journal()
    {
        var process = await ProcessAsync("survey-journal");
        var survey = await PublishedAsync(process, SurveyMode.Named, _commune);
        var (staff, _) = await app.SignedInAsync("Équipe qui prolonge", Role.ProcessManager);
        var editor = $"/admin/surveys/{survey.Id}";
        var closes = DateTime.Now.AddDays(20).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
        KeyValuePair<string, string>[] settings =
        [
            F("Settings.Title", survey.Title), F("Settings.Intro", ""), F("Settings.EasyIntro", ""), F("Settings.Mode", "Named"),
            F("Settings.ClosesAt", closes), F("Settings.SmallestCell", survey.SmallestCell.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ];
        var refused = await staff.PostAsync($"{editor}?handler=Settings", [.. settings, F("Change.Reason", ""), F("Change.Prompts", "")]);
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("Dites pourquoi ce changement", refused.Text("#settings-change-reason-error"), StringComparison.Ordinal);
        Assert.Null(await app.WithDatabaseAsync(db => db.Surveys.Where(s => s.Id == survey.Id).Select(s => s.ClosesAt).SingleAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync($"{editor}?handler=Settings",
            [.. settings, F("Change.Reason", "Une clôture annoncée, pour que chacun et chacune s'organise."), F("Change.Prompts", "")])).Status);
        Assert.NotNull(await app.WithDatabaseAsync(db => db.Surveys.Where(s => s.Id == survey.Id).Select(s => s.ClosesAt).SingleAsync()));
        var entry = await app.WithDatabaseAsync(db => db.JournalEntries.SingleAsync(j => j.ProcessId == process.Id));
        Assert.Equal($"{survey.Title} · Clôture", entry.Subject);
        Assert.Equal("", entry.Before);
        Assert.Contains(DateTime.Now.AddDays(20).Year.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.After, StringComparison.Ordinal);
    }

    private async Task<byte[]> ExportAsync(Guid personId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var account = await scope.ServiceProvider.GetRequiredService<ParvisDbContext>().Users.SingleAsync(p => p.Id == personId);
        return await scope.ServiceProvider.GetRequiredService<PersonalData>().ExportAsync(account);
    }

    private async Task EraseAsync(Guid personId, ErasureChoice choice)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var account = await scope.ServiceProvider.GetRequiredService<ParvisDbContext>().Users.SingleAsync(p => p.Id == personId);
        await scope.ServiceProvider.GetRequiredService<PersonalData>().EraseAsync(account, choice);
    }

    private async Task<SurveyStage> StageAsync(Guid id) => await app.WithDatabaseAsync(db => db.Surveys.Where(s => s.Id == id).Select(s => s.Stage).SingleAsync());

    private async Task<Dictionary<string, string[]>> AnswersOfAsync(Guid surveyId, Guid personId) => await app.WithDatabaseAsync(async db =>
    {
        var respondents = db.SurveyRespondents;
        var json = await db.SurveyResponses.Where(r => respondents.Any(x => x.SurveyId == surveyId && x.PersonId == personId && x.ResponseId == r.Id)).Select(r => r.Answers).SingleAsync();
        return Survey.ReadAnswers(json).ToDictionary(a => a.Key, a => a.Value.Values.ToArray());
    });
}
