using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Privacy;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Tests.Integration;

[Trait("Suite", "integration")]
public sealed class PetitionTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    /// <summary>A process whose current phase lets participants write and sign petitions, with the given rules.</summary>
    private async Task<Process> ProcessAsync(string slug, int committee = 3, int threshold = 5, int days = 30, bool withoutAccount = false)
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        var process = await app.AddProcessAsync(slug, new Phase
        {
            Title = "Pétitions", StartsOn = today.AddDays(-2), EndsOn = today.AddDays(60), Switches = [PetitionsModule.Writing, PetitionsModule.Signing],
        });
        var (staff, _) = await app.SignedInAsync($"Équipe {slug}", Role.ProcessManager);
        var saved = await staff.PostAsync($"/admin/processes/{process.Id}/petitions?handler=Rules", new Dictionary<string, string>
        {
            ["Rules.CommitteeMinimum"] = $"{committee}", ["Rules.Threshold"] = $"{threshold}", ["Rules.AnswerDays"] = $"{days}",
            ["Rules.WithoutAccount"] = withoutAccount ? "true" : "false", ["Change.Reason"] = "Les règles votées en conseil.",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        return process;
    }

    private static Dictionary<string, string> Draft(string committee) => new()
    {
        ["Title"] = "Des bus le soir", ["Body"] = "Le dernier bus part avant l'arrivée du dernier bateau de Groix.",
        ["Demands"] = "Un bus après le dernier bateau.\nLes horaires affichés à la gare maritime, " + string.Concat(Enumerable.Repeat("en grands caractères, ", 12)) + "lisibles de loin.",
        ["Committee"] = committee,
    };

    [Fact]
    public async Task A_petition_goes_from_its_committee_to_a_late_point_by_point_answer_and_its_reply()
    {
        var process = await ProcessAsync("petitions-bus");
        var write = $"/processes/{process.Slug}/petitions/new";
        var (author, authorPerson) = await app.SignedInAsync("Autrice des bus");
        var (second, _) = await app.SignedInAsync("Deuxième du comité");
        var (third, thirdPerson) = await app.SignedInAsync("Troisième du comité");
        var (fourth, _) = await app.SignedInAsync("Quatrième, nommée sans le savoir");

        // Unknown pseudonyms are named back, a committee too small is refused, nothing typed is lost, nothing stored.
        var unknown = await author.PostAsync(write, Draft("Deuxième du comité\nPersonne inconnue"));
        Assert.Contains("Personne inconnue", unknown.Text("#Committee-error"), StringComparison.Ordinal);
        Assert.Equal("Des bus le soir", unknown.Document.QuerySelector("#Title")!.GetAttribute("value"));
        Assert.Contains("Les horaires affichés", unknown.Text("#Demands"), StringComparison.Ordinal);
        var small = await author.PostAsync(write, Draft("Deuxième du comité"));
        Assert.Contains("au moins 3", small.Text("#Committee-error"), StringComparison.Ordinal);
        // The minimum holds for staff too.
        var (manager, _) = await app.SignedInAsync("Cheffe de projet pressée", Role.ProcessManager);
        Assert.Contains("au moins 3", (await manager.PostAsync(write, Draft("Deuxième du comité"))).Text("#Committee-error"), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.Petitions.CountAsync(p => p.ProcessId == process.Id)));

        var written = await author.PostAsync(write, Draft("Deuxième du comité\nTroisième du comité\nQuatrième, nommée sans le savoir"));
        Assert.Equal(HttpStatusCode.Redirect, written.Status);
        var id = Guid.Parse(written.Location!.Split('/')[^1]);
        var page = $"/petitions/{id}";
        var forming = await app.NewSession().GetAsync(page);
        Assert.Contains("1 membre a confirmé sur les 3", forming.Text("#where + p"), StringComparison.Ordinal);
        // Nobody is shown publicly on a committee they have not agreed to; someone named against their will takes their name off.
        Assert.Equal(["Autrice des bus — a confirmé"], forming.Texts("section[aria-labelledby=committee] li"));
        Assert.Equal(4, (await fourth.GetAsync(page)).Texts("section[aria-labelledby=committee] li").Count());
        Assert.Equal(HttpStatusCode.Redirect, (await fourth.PostAsync($"{page}?handler=Decline", new Dictionary<string, string>())).Status);
        Assert.Equal(3, (await author.GetAsync(page)).Texts("section[aria-labelledby=committee] li").Count());

        // Nobody signs before the committee is complete and staff find it admissible.
        var (signer, signerPerson) = await app.SignedInAsync("Signataire trop tôt");
        Assert.NotEqual(HttpStatusCode.Redirect, (await signer.PostAsync($"{page}?handler=Sign", new Dictionary<string, string>(), page)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await second.PostAsync($"{page}?handler=Confirm", new Dictionary<string, string>())).Status);
        Assert.Equal(PetitionStage.Committee, await StageAsync(id));
        Assert.Equal(HttpStatusCode.Redirect, (await third.PostAsync($"{page}?handler=Confirm", new Dictionary<string, string>())).Status);
        Assert.Equal(PetitionStage.Review, await StageAsync(id));
        // A second press says it is done, not that the person is not named.
        Assert.Equal(HttpStatusCode.Redirect, (await third.PostAsync($"{page}?handler=Confirm", new Dictionary<string, string>())).Status);

        var staffPage = $"/admin/petitions/{id}";
        var (staff, staffPerson) = await app.SignedInAsync("Équipe de recevabilité", Role.ProcessManager);
        Assert.Contains("/error/403", (await author.PostAsync($"{staffPage}?handler=Review&admissible=true", new Dictionary<string, string>())).Location, StringComparison.Ordinal);
        var noReason = await staff.PostAsync($"{staffPage}?handler=Review&admissible=false", new Dictionary<string, string> { ["Reason"] = "" });
        Assert.Contains("pourquoi", noReason.Text("#Reason-error"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync($"{staffPage}?handler=Review&admissible=true", new Dictionary<string, string>())).Status);
        Assert.Equal(PetitionStage.Signing, await StageAsync(id));

        // Three sign online (one shows their pseudonym), one signs twice and is told the same; paper reaches the threshold.
        async Task<Session.Response> Sign(Session session, bool shown) =>
            await session.PostAsync($"{page}?handler=Sign", shown ? new Dictionary<string, string> { ["Shown"] = "true" } : [], page);
        var first = await Sign(signer, true);
        Assert.Equal(HttpStatusCode.Redirect, first.Status);
        Assert.Equal(first.Location, (await Sign(signer, false)).Location);
        Assert.Equal(HttpStatusCode.Redirect, (await Sign(second, false)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await Sign(author, false)).Status);
        Assert.Equal(3, await app.WithDatabaseAsync(db => db.Petitions.Where(p => p.Id == id).Select(p => p.OnlineSignatures).SingleAsync()));
        Assert.Equal(PetitionStage.Signing, await StageAsync(id));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync($"{staffPage}?handler=Sheet", new Dictionary<string, string> { ["SheetNumber"] = "1", ["SheetSignatures"] = "2" })).Status);
        var again = await staff.PostAsync($"{staffPage}?handler=Sheet", new Dictionary<string, string> { ["SheetNumber"] = "1", ["SheetSignatures"] = "7" });
        Assert.Contains("déjà comptée", again.Text("#SheetNumber-error"), StringComparison.Ordinal);
        Assert.Equal("7", again.Document.QuerySelector("#SheetSignatures")!.GetAttribute("value"));
        var due = DateOnly.FromDateTime(DateTime.Now).AddDays(30);
        var reached = await app.WithDatabaseAsync(db => db.Petitions.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal((PetitionStage.AwaitingAnswer, due), (reached.Stage, reached.AnswerDue));
        var awaiting = await app.NewSession().GetAsync(page);
        Assert.Contains("il reste 30 jours", awaiting.Text("#where + p"), StringComparison.Ordinal);
        Assert.Equal(["3", "2", "5"], awaiting.Texts("#signatures ~ table td, section[aria-labelledby=signatures] table td"));
        Assert.Equal(["Signataire trop tôt"], awaiting.Texts("section[aria-labelledby=signatures] ul li"));

        // The due date passes on the application's clock: the countdown turns into the days of delay.
        using var reset = new ClockReset(app.Clock);
        app.Clock.Advance(TimeSpan.FromDays(29));
        Assert.Contains("il reste 1 jour", (await app.NewSession().GetAsync(page)).Text("#where + p"), StringComparison.Ordinal);
        app.Clock.Advance(TimeSpan.FromDays(4));
        Assert.Contains("3 jours de retard", (await app.NewSession().GetAsync(page)).Text("#where + p"), StringComparison.Ordinal);
        // A month on, the sessions opened before have expired: the same people sign in again.
        (staff, signer, third) = (await SignInAgainAsync(staffPerson), await SignInAgainAsync(signerPerson), await SignInAgainAsync(thirdPerson));

        // Hidden by moderation meanwhile, its staff page offers no form its commands would refuse, and says why.
        await app.WithDatabaseAsync(db => db.Petitions.Where(p => p.Id == id).ExecuteUpdateAsync(u => u.SetProperty(p => p.HiddenAt, DateTimeOffset.UtcNow)));
        var hidden = await staff.GetAsync(staffPage);
        Assert.Contains("masquée par la modération", hidden.Text(".notice"), StringComparison.Ordinal);
        Assert.Empty(hidden.Document.QuerySelectorAll("form[action*=handler]"));
        await app.WithDatabaseAsync(db => db.Petitions.Where(p => p.Id == id).ExecuteUpdateAsync(u => u.SetProperty(p => p.HiddenAt, (DateTimeOffset?)null)));
        // Staff answer every demand; a demand left without an answer is refused next to it, with the other answer kept.
        var demands = await app.WithDatabaseAsync(db => db.PetitionDemands.Where(d => d.PetitionId == id).OrderBy(d => d.Number).Select(d => d.Id).ToListAsync());
        var partial = await staff.PostAsync($"{staffPage}?handler=Answer", new Dictionary<string, string> { ["Answers[0]"] = "Accepté : un bus à 21 h 15.", ["Answers[1]"] = "", ["NextSteps"] = "" });
        Assert.NotEqual("", partial.Text("#answer-1-error"));
        Assert.Equal("Accepté : un bus à 21 h 15.", partial.Text("#answer-0"));
        var answered = await staff.PostAsync($"{staffPage}?handler=Answer", new Dictionary<string, string>
        {
            ["Answers[0]"] = "Accepté : un bus à 21 h 15.", ["Answers[1]"] = "Refusé : l'affichage dépend de la compagnie maritime.",
            ["Actions"] = $"{demands[0]}", ["NextSteps"] = "Le bus circulera dès le 1er mars.",
        });
        Assert.Equal(HttpStatusCode.Redirect, answered.Status);
        var (stage, fate, action) = await app.WithDatabaseAsync(async db => (
            await StageOf(db, id), (await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == id)).Fate,
            await db.PetitionDemands.Where(d => d.Id == demands[0]).Select(d => d.ActionId).SingleAsync()));
        Assert.Equal((PetitionStage.Answered, Fate.Answered), (stage, fate));
        Assert.Equal(SynthesisItemKind.Action, await app.WithDatabaseAsync(db => db.SynthesisItems.Where(i => i.Id == action).Select(i => i.Kind).SingleAsync()));
        var done = await app.NewSession().GetAsync(page);
        Assert.Contains("3 jours de retard", done.Text("#where + p"), StringComparison.Ordinal);
        Assert.Contains("Refusé : l'affichage", done.Text("ol.demands"), StringComparison.Ordinal);
        Assert.Contains("Le bus circulera", done.Text("main"), StringComparison.Ordinal);
        Assert.Contains("n'attend pas de réponse", (await staff.PostAsync($"{staffPage}?handler=Answer", new Dictionary<string, string>
        {
            ["Answers[0]"] = "Autre", ["Answers[1]"] = "Autre", ["NextSteps"] = "",
        })).Text("[role=alert]"), StringComparison.Ordinal);

        // The committee replies once; someone off the committee cannot.
        Assert.Contains("/error/403", (await signer.PostAsync($"{page}?handler=Reply", new Dictionary<string, string> { ["Reply"] = "Je ne suis pas du comité." }, page)).Location, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await third.PostAsync($"{page}?handler=Reply", new Dictionary<string, string> { ["Reply"] = "Merci, nous suivrons la mise en service." })).Status);
        Assert.Contains("nous suivrons", (await app.NewSession().GetAsync(page)).Text("section[aria-labelledby=reply]"), StringComparison.Ordinal);

        // Its author leaves and takes their words: the demand leaves the action made of it, the answer stays.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParvisDbContext>();
            await scope.ServiceProvider.GetRequiredService<PersonalData>().EraseAsync(await db.Users.SingleAsync(p => p.Id == authorPerson.Id), ErasureChoice.Remove);
        }
        var left = await app.WithDatabaseAsync(db => db.SynthesisItems.Where(i => i.Id == action).Select(i => new { i.Title, i.Body }).SingleAsync());
        Assert.Equal(CitedSummaries.Withdrawn, left.Title);
        Assert.Equal($"{CitedSummaries.Withdrawn}\n\nAccepté : un bus à 21 h 15.", left.Body);
        // The committee's reply was read with its words: it goes with them.
        Assert.DoesNotContain("nous suivrons", (await app.NewSession().GetAsync(page)).Body, StringComparison.Ordinal);
    }

    private async Task<Session> SignInAgainAsync(Person person)
    {
        var session = app.NewSession();
        await session.SignInAsync(person.Email!, ParvisApp.Password);
        return session;
    }

    /// <summary>Puts the application's clock back whatever happens, for the tests after.</summary>
    private sealed class ClockReset(TestClock clock) : IDisposable
    {
        public void Dispose() => clock.Reset();
    }

    [Fact]
    public async Task Fifty_simultaneous_signatures_by_one_person_count_once()
    {
        var id = await OpenPetitionAsync("petitions-rafale");
        var (signer, person) = await app.SignedInAsync("Signataire impatiente");
        var page = await signer.GetAsync($"/petitions/{id}");
        var token = page.Document.QuerySelector("input[name=__csrf]")!.GetAttribute("value")!;

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            signer.PostRawAsync($"/petitions/{id}?handler=Sign", new Dictionary<string, string> { ["__csrf"] = token })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.Status));
        var (signatures, counter) = await app.WithDatabaseAsync(async db => (
            await db.PetitionSignatures.CountAsync(s => s.PetitionId == id && s.PersonId == person.Id),
            await db.Petitions.Where(p => p.Id == id).Select(p => p.OnlineSignatures).SingleAsync()));
        Assert.Equal((1, 1), (signatures, counter));
    }

    [Fact]
    public async Task Lowering_the_threshold_moves_on_a_petition_that_now_meets_it()
    {
        var id = await OpenPetitionAsync("petitions-seuil-abaisse");
        var (signer, _) = await app.SignedInAsync("Seule signataire");
        Assert.Equal(HttpStatusCode.Redirect, (await signer.PostAsync($"/petitions/{id}?handler=Sign", new Dictionary<string, string>(), $"/petitions/{id}")).Status);
        Assert.Equal(PetitionStage.Signing, await StageAsync(id));
        var processId = await app.WithDatabaseAsync(db => db.Petitions.Where(p => p.Id == id).Select(p => p.ProcessId).SingleAsync());

        var (staff, _) = await app.SignedInAsync("Équipe qui abaisse le seuil", Role.ProcessManager);
        var zero = await staff.PostAsync($"/admin/processes/{processId}/petitions?handler=Rules", new Dictionary<string, string>
        {
            ["Rules.CommitteeMinimum"] = "1", ["Rules.Threshold"] = "0", ["Rules.AnswerDays"] = "30", ["Rules.WithoutAccount"] = "false",
        });
        Assert.NotEqual("", zero.Text("#Rules_Threshold-error"));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync($"/admin/processes/{processId}/petitions?handler=Rules", new Dictionary<string, string>
        {
            ["Rules.CommitteeMinimum"] = "1", ["Rules.Threshold"] = "1", ["Rules.AnswerDays"] = "30", ["Rules.WithoutAccount"] = "false",
            ["Change.Reason"] = "Le seuil abaissé après la réunion publique.",
        })).Status);

        Assert.Equal(PetitionStage.AwaitingAnswer, await StageAsync(id));
    }

    [Fact]
    public async Task A_person_leaving_exports_their_signature_and_takes_it_away_when_they_ask()
    {
        var id = await OpenPetitionAsync("petitions-depart");
        var (signer, person) = await app.SignedInAsync("Signataire qui part");
        Assert.Equal(HttpStatusCode.Redirect, (await signer.PostAsync($"/petitions/{id}?handler=Sign", new Dictionary<string, string> { ["Shown"] = "true" }, $"/petitions/{id}")).Status);
        var signature = await app.WithDatabaseAsync(db => db.PetitionSignatures.Where(s => s.PersonId == person.Id).Select(s => s.Id).SingleAsync());

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var data = scope.ServiceProvider.GetRequiredService<PersonalData>();
            var db = scope.ServiceProvider.GetRequiredService<ParvisDbContext>();
            var account = await db.Users.SingleAsync(p => p.Id == person.Id);
            Assert.Contains(signature.ToString(), Encoding.UTF8.GetString(await data.ExportAsync(account)), StringComparison.Ordinal);
            await data.EraseAsync(account, ErasureChoice.Remove);
        }

        Assert.Equal((0, 0), await app.WithDatabaseAsync(async db => (
            await db.PetitionSignatures.CountAsync(s => s.PetitionId == id),
            await db.Petitions.Where(p => p.Id == id).Select(p => p.OnlineSignatures).SingleAsync())));
    }

    [Fact]
    public async Task Without_an_account_a_typed_code_signs_once_and_a_second_request_tells_nobody_but_the_address()
    {
        var id = await OpenPetitionAsync("petitions-sans-compte", withoutAccount: true);
        var page = $"/petitions/{id}";
        var visitor = app.NewSession();
        Dictionary<string, string> Signer(string email) => new() { ["Signer.Name"] = "Maëlle Le Bihan", ["Signer.Postcode"] = "56590", ["Signer.Email"] = email };

        // A wrong address is refused next to it, with the rest kept; so is one mailbox dressed as another signatory.
        var wrong = await visitor.PostAsync($"{page}?handler=Request", Signer("pas-une-adresse"), page);
        Assert.NotEqual("", wrong.Text("#Signer_Email-error"));
        Assert.Equal("Maëlle Le Bihan", wrong.Document.QuerySelector("#Signer_Name")!.GetAttribute("value"));
        Assert.NotEqual("", (await visitor.PostAsync($"{page}?handler=Request", Signer("Jo <maelle@exemple.org>"), page)).Text("#Signer_Email-error"));
        Assert.NotEqual("", (await visitor.PostAsync($"{page}?handler=Request", Signer("maelle@exemple.org (2)"), page)).Text("#Signer_Email-error"));
        // Someone signed in signs with their account, not with a code besides.
        var (member, _) = await app.SignedInAsync("Titulaire d'un compte");
        Assert.Contains("votre compte", (await member.PostAsync($"{page}?handler=Request", Signer("titulaire@exemple.org"), page)).Text("[role=alert]"), StringComparison.Ordinal);

        var asked = await visitor.PostAsync($"{page}?handler=Request", Signer("maelle@exemple.org"), page);
        var pending = asked.Document.QuerySelector("input[name=PendingId]")!.GetAttribute("value")!;
        var code = CodeIn(await app.Mail.WaitForAsync("maelle@exemple.org", m => m.Subject?.Contains("code", StringComparison.Ordinal) == true));
        Task<Session.Response> Type(string typed) => visitor.PostAsync($"{page}?handler=Code", new Dictionary<string, string> { ["PendingId"] = pending, ["Code"] = typed }, page);
        var bad = await Type(code == "000000" ? "111111" : "000000");
        Assert.Contains("pas le bon", bad.Text("#Code-error"), StringComparison.Ordinal);
        // Typed on another petition's page, the code signs nothing.
        var other = await OpenPetitionAsync("petitions-autre-page", withoutAccount: true);
        var elsewhere = await visitor.PostAsync($"/petitions/{other}?handler=Code", new Dictionary<string, string> { ["PendingId"] = pending, ["Code"] = code }, $"/petitions/{other}");
        Assert.Contains("expiré", elsewhere.Text("#Signer_Email-error"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await Type(code)).Status);
        Assert.Contains("déjà servi", (await Type(code)).Text("#Signer_Email-error"), StringComparison.Ordinal);
        var signature = await app.WithDatabaseAsync(db => db.PetitionSignatures.AsNoTracking().SingleAsync(s => s.PetitionId == id));
        Assert.Equal(("Maëlle Le Bihan", "56590", (Guid?)null), (signature.Name, signature.Postcode, signature.PersonId));
        Assert.DoesNotContain("maelle", signature.EmailKey!, StringComparison.Ordinal);

        // The same address again (once a message may leave again): the page answers as before, the message says it had
        // signed, nothing more is counted.
        await Task.Delay(TimeSpan.FromSeconds(2.1));
        var again = await app.NewSession().PostAsync($"{page}?handler=Request", Signer("Maelle@Exemple.org"), page);
        Assert.Equal(asked.Text("section[aria-labelledby=signatures] h3"), again.Text("section[aria-labelledby=signatures] h3"));
        Assert.NotNull(again.Document.QuerySelector("input[name=PendingId]"));
        await app.Mail.WaitForAsync("Maelle@Exemple.org", m => m.Subject?.Contains("déjà comptée", StringComparison.Ordinal) == true);
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.Petitions.Where(p => p.Id == id).Select(p => p.OnlineSignatures).SingleAsync()));

        // Guessing is cut short after a few tries.
        var guessed = await visitor.PostAsync($"{page}?handler=Request", Signer("devine@exemple.org"), page);
        var guessedId = guessed.Document.QuerySelector("input[name=PendingId]")!.GetAttribute("value")!;
        Session.Response? last = null;
        for (var attempt = 0; attempt <= PendingSignature.MostAttempts; attempt++)
        {
            last = await visitor.PostAsync($"{page}?handler=Code", new Dictionary<string, string> { ["PendingId"] = guessedId, ["Code"] = $"{attempt:D6}x" }, page);
        }
        Assert.Contains("Trop d'essais", last!.Text("#Signer_Email-error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ten_code_requests_for_one_address_at_the_same_moment_send_one_message()
    {
        var id = await OpenPetitionAsync("petitions-codes-rafale", withoutAccount: true);
        var page = $"/petitions/{id}";
        var visitors = Enumerable.Range(0, 10).Select(_ => app.NewSession()).ToList();
        var tokens = await Task.WhenAll(visitors.Select(v => v.TokenAsync()));

        var answers = await Task.WhenAll(visitors.Select((v, i) => v.PostRawAsync($"{page}?handler=Request", new Dictionary<string, string>
        {
            ["__csrf"] = tokens[i], ["Signer.Name"] = "Gwenaëlle Tanguy", ["Signer.Postcode"] = "56590", ["Signer.Email"] = "rafale@exemple.org",
        })));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Single(answers, a => a.Document.QuerySelector("input[name=PendingId]") is not null);
        Assert.Equal(answers.Length - 1, answers.Count(a => a.Text("#Signer_Email-error").Contains("vient de partir", StringComparison.Ordinal)));
        await app.Mail.WaitForAsync("rafale@exemple.org");
        await Task.Delay(500);
        Assert.Single(app.Mail.Messages, m => m.To.ToString().Contains("rafale@exemple.org", StringComparison.Ordinal));
        foreach (var visitor in visitors)
        {
            visitor.Dispose();
        }
    }

    [Fact]
    public async Task A_sheet_s_scan_is_kept_for_staff_only_and_a_file_of_another_kind_counts_nothing()
    {
        var id = await OpenPetitionAsync("petitions-scans");
        var staffPage = $"/admin/petitions/{id}";
        var (staff, _) = await app.SignedInAsync("Compteuse de feuilles", Role.ProcessManager);
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];
        async Task<Session.Response> Count(string number, byte[] scan, string name)
        {
            var form = await staff.GetAsync(staffPage);
            using var content = new MultipartFormDataContent
            {
                { new StringContent(form.Document.QuerySelector("input[name=__csrf]")!.GetAttribute("value")!), "__csrf" },
                { new StringContent(number), "SheetNumber" }, { new StringContent("9"), "SheetSignatures" }, { new ByteArrayContent(scan), "Scan", name },
            };
            using var response = await staff.Client.PostAsync($"{staffPage}?handler=Sheet", content);
            return await Session.Response.ReadAsync(response);
        }

        var refused = await Count("1", "MZ, not a scan"u8.ToArray(), "feuille.exe");
        Assert.Contains("PDF, un PNG ou un JPEG", refused.Text("#Scan-error"), StringComparison.Ordinal);
        Assert.Equal("9", refused.Document.QuerySelector("#SheetSignatures")!.GetAttribute("value"));
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.SignatureSheets.CountAsync(s => s.PetitionId == id)));
        Assert.Equal(HttpStatusCode.Redirect, (await Count("1", png, "feuille-1.png")).Status);

        var sheet = await app.WithDatabaseAsync(db => db.SignatureSheets.Where(s => s.PetitionId == id).Select(s => s.Id).SingleAsync());
        var link = $"{staffPage}?handler=Scan&sheetId={sheet}";
        using (var download = await staff.Client.GetAsync(link))
        {
            Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
            Assert.Equal(png, await download.Content.ReadAsByteArrayAsync());
        }
        var (citizen, _) = await app.SignedInAsync("Curieux des feuilles");
        Assert.Contains("/error/403", (await citizen.GetAsync(link)).Location, StringComparison.Ordinal);

        // Once the petition is answered, the scan has served its checks and goes; the count stays.
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync($"{staffPage}?handler=Answer", new Dictionary<string, string>
        {
            ["Answers[0]"] = "Étudié avec la compagnie.", ["Answers[1]"] = "Fait.", ["NextSteps"] = "",
            ["Actions"] = $"{await app.WithDatabaseAsync(db => db.PetitionDemands.Where(d => d.PetitionId == id && d.Number == 2).Select(d => d.Id).SingleAsync())}",
        })).Status);
        // The long demand made an action: its title is cut to what an action's title holds, its whole text kept in the body.
        var action = await app.WithDatabaseAsync(db => db.PetitionDemands.Where(d => d.PetitionId == id && d.Number == 2)
            .Join(db.SynthesisItems, d => d.ActionId, i => (Guid?)i.Id, (d, i) => new { i.Title, i.Body }).SingleAsync());
        Assert.True(action.Title.Length <= SynthesisItem.TitleMax);
        Assert.Contains("lisibles de loin.", action.Body, StringComparison.Ordinal);
        var kept = await app.WithDatabaseAsync(db => db.SignatureSheets.AsNoTracking().SingleAsync(s => s.Id == sheet));
        Assert.Equal((9, (byte[]?)null), (kept.Signatures, kept.Scan));
    }

    private static string CodeIn(MimeKit.MimeMessage message) =>
        System.Text.RegularExpressions.Regex.Match(message.TextBody!, @"\b\d{6}\b").Value;

    [Fact]
    public async Task A_petition_lists_its_latest_signatories_who_chose_to_appear_and_counts_them_all()
    {
        const int shown = Parvis.Web.Modules.Petitions.Pages.ShowModel.SignatoriesListed;
        var id = await OpenPetitionAsync("petition-liste");
        var people = Enumerable.Range(0, shown + 1).Select(i => new Person { UserName = $"liste{i}-{id:N}", Pseudonym = $"Signataire {i:D3}" }).ToList();
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        await app.WithDatabaseAsync(async db =>
        {
            db.Users.AddRange(people);
            db.PetitionSignatures.AddRange(people.Select((p, i) => new PetitionSignature { PetitionId = id, PersonId = p.Id, SignedAt = start.AddSeconds(i), Shown = true }));
            await db.SaveChangesAsync();
        });
        var page = await app.NewSession().GetAsync($"/petitions/{id}");
        var listed = page.Texts("section ul.inline-list li").ToList();
        Assert.Equal(shown, listed.Count);
        Assert.Equal(("Signataire 001", $"Signataire {shown:D3}"), (listed[0], listed[^1]));
        Assert.Matches($@"{shown + 1}\s+personnes ont choisi", page.Text("main"));
        Assert.Contains($"Les {shown} plus récentes", page.Text("main"), StringComparison.Ordinal);
    }

    /// <summary>A petition open to signatures, its committee of one (the rules ask for no more).</summary>
    private async Task<Guid> OpenPetitionAsync(string slug, bool withoutAccount = false)
    {
        var process = await ProcessAsync(slug, committee: 1, threshold: 1000, withoutAccount: withoutAccount);
        var (author, _) = await app.SignedInAsync($"Autrice {slug}");
        var written = await author.PostAsync($"/processes/{process.Slug}/petitions/new", Draft(""));
        var id = Guid.Parse(written.Location!.Split('/')[^1]);
        var (staff, _) = await app.SignedInAsync($"Recevabilité {slug}", Role.ProcessManager);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync($"/admin/petitions/{id}?handler=Review&admissible=true", new Dictionary<string, string>())).Status);
        return id;
    }

    private Task<PetitionStage> StageAsync(Guid id) => app.WithDatabaseAsync(db => StageOf(db, id));

    private static Task<PetitionStage> StageOf(ParvisDbContext db, Guid id) => db.Petitions.Where(p => p.Id == id).Select(p => p.Stage).SingleAsync();
}
