using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Privacy;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Tests.Integration;

[Trait("Suite", "integration")]
public sealed class TextTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    private const string Version1 = """
        # Titre I – Principes

        ## Article 1 – Objet

        La charte fixe les règles de la participation des habitants et des habitantes.

        ## Article 2 – Accès

        Chaque démarche prévoit un moyen de participer sans ordinateur.

        # Titre II – Engagements

        ## Article 3 – Réponses

        Le conseil répond aux contributions les plus soutenues.
        """;

    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    /// <summary>A process taking votes and amendments, and a text its manager published as version 1.</summary>
    private async Task<(Process Process, Guid Text, Session Manager)> PublishedAsync(string slug)
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        var process = await app.AddProcessAsync(slug, new Phase
        {
            Title = "Consultation", StartsOn = today.AddDays(-2), EndsOn = today.AddDays(60), Switches = [TextsModule.Voting, TextsModule.Amending],
        });
        var (manager, _) = await app.SignedInAsync($"Rédaction {slug}", Role.ProcessManager);
        var tooShort = await manager.PostAsync($"/admin/processes/{process.Id}/texts", [F("Description.Title", "Ch"), F("Description.Introduction", "Votez sur chaque article.")]);
        Assert.NotEqual("", tooShort.Text("#Description_Title-error"));
        // A rejected form's page says so in its title, which a screen reader reads first.
        Assert.StartsWith("Erreur\u00a0: Textes collaboratifs", tooShort.Document.Title, StringComparison.Ordinal);
        Assert.Equal("Votez sur chaque article.", tooShort.Document.QuerySelector("#Description_Introduction")!.TextContent);
        var created = await manager.PostAsync($"/admin/processes/{process.Id}/texts", [F("Description.Title", "Charte de la participation"), F("Description.Introduction", "Votez sur chaque article.")]);
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var text = Guid.Parse(created.Location!.Split('/')[^1]);
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostAsync($"/admin/texts/{text}?handler=Draft", [F("Draft", Version1)])).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostAsync($"/admin/texts/{text}?handler=Publish", [F("ReadVersion", "0"), F("ReadDraft", await DraftReadAsync(manager, text)),
            F("Note", "Le projet soumis à la consultation.")])).Status);
        return (process, text, manager);
    }

    /// <summary>The draft as the staff page shows it, posted back with a publication.</summary>
    private static async Task<string> DraftReadAsync(Session manager, Guid text) =>
        (await manager.GetAsync($"/admin/texts/{text}")).Document.QuerySelector("input[name=ReadDraft]")!.GetAttribute("value")!;

    private Task<Dictionary<string, Guid>> ArticlesAsync(Guid text, int version) =>
        app.WithDatabaseAsync(db => db.TextArticles.Where(a => a.TextId == text && a.Version == version).ToDictionaryAsync(a => a.Heading, a => a.Id));

    [Fact]
    public async Task A_charter_is_drafted_voted_amended_and_published_again_with_every_change_explained()
    {
        var (process, text, manager) = await PublishedAsync("charte-participation");
        var admin = $"/admin/texts/{text}";
        var page = $"/texts/{text}";

        // A draft with problems is kept as typed, its problems listed next to their lines, and cannot be published.
        var broken = "Un préambule sans titre.\n\n## Article 1 – Objet\n\nUn.\n\n## Article 1 – objet\n\nDeux.";
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostAsync($"{admin}?handler=Draft", [F("Draft", broken)])).Status);
        var preview = await manager.GetAsync(admin);
        Assert.Equal(broken, preview.Document.QuerySelector("#Draft")!.TextContent);
        Assert.Contains("Ligne 1\u00a0: du texte qui n'est dans aucun article", preview.Text("#preview .alert"), StringComparison.Ordinal);
        Assert.Contains("deux articles portent ce titre", preview.Text("#preview .alert"), StringComparison.Ordinal);
        Assert.Null(preview.Document.QuerySelector("#preview form"));
        Assert.Contains("problèmes", (await manager.PostAsync($"{admin}?handler=Publish", [F("ReadVersion", "1"), F("ReadDraft", "")])).Text("[role=alert]"), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.CollaborativeTexts.Where(t => t.Id == text).Select(t => t.Version).SingleAsync()));

        // A DOCX is read into the draft: its heading styles become sections and articles.
        var docx = await manager.PostFileAsync($"{admin}?handler=Draft", "Upload", "charte.docx", Docx(("Heading1", "Titre I – Principes"), ("Heading2", "Article 1 – Objet"), ("", "Le texte venu de Word.")), admin);
        Assert.Equal(HttpStatusCode.Redirect, docx.Status);
        Assert.Contains("## Article 1 – Objet", await app.WithDatabaseAsync(db => db.CollaborativeTexts.Where(t => t.Id == text).Select(t => t.Draft).SingleAsync()), StringComparison.Ordinal);
        Assert.Contains("Upload", (await manager.PostFileAsync($"{admin}?handler=Draft", "Upload", "faux.docx", Encoding.UTF8.GetBytes("pas un docx"), admin)).Document
            .QuerySelector(".field-error")?.Id ?? "", StringComparison.Ordinal);

        // Participants vote, change their vote, argue; bad input is refused next to its cause with what was typed kept.
        var v1 = await ArticlesAsync(text, 1);
        var access = $"{page}/articles/{v1["Article 2 – Accès"]}";
        var (ana, _) = await app.SignedInAsync("Ana des Kerguelen");
        var (bruno, _) = await app.SignedInAsync("Bruno de Lanester");
        var (chloe, _) = await app.SignedInAsync("Chloé de Quéven");
        string Subject(Guid id) => id.ToString();
        Assert.Equal(HttpStatusCode.Redirect, (await ana.PostAsync($"{access}?handler=Vote", [F("subjectId", Subject(v1["Article 2 – Accès"])), F("Choice", "Agree")])).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await bruno.PostAsync($"{access}?handler=Vote", [F("subjectId", Subject(v1["Article 2 – Accès"])), F("Choice", "Disagree")])).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await chloe.PostAsync($"{access}?handler=Vote", [F("subjectId", Subject(v1["Article 2 – Accès"])), F("Choice", "Mixed")])).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await ana.PostAsync($"{access}?handler=Vote", [F("subjectId", Subject(v1["Article 2 – Accès"])), F("Choice", "Disagree")])).Status);
        Assert.Contains("choisissez", (await ana.PostAsync($"{access}?handler=Vote", [F("subjectId", Subject(v1["Article 2 – Accès"]))])).Text("[role=alert]"), StringComparison.OrdinalIgnoreCase);
        var shortArgument = await bruno.PostAsync($"{access}?handler=Argue", [F("subjectId", Subject(v1["Article 2 – Accès"])), F("Side", "Against"), F("Argument", "Bof.")]);
        Assert.Equal("Bof.", shortArgument.Document.QuerySelector($"#argument-text-{v1["Article 2 – Accès"]}")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await bruno.PostAsync($"{access}?handler=Argue", [F("subjectId", Subject(v1["Article 2 – Accès"])), F("Side", "Against"),
            F("Argument", "=HYPERLINK(\"http://example.com\") un formulaire papier suffit déjà.")])).Status);

        // An association's account, verified by an administrator, amends with its badge; people and organisations read apart.
        var (association, _) = await app.SignedInAsync("Lorient Solidaire");
        var (administrator, _) = await app.SignedInAsync("Administratrice de la charte", Role.Administrator);
        Assert.Equal(HttpStatusCode.Redirect, (await administrator.PostAsync("/admin/voices?handler=Verify", [F("Pseudonym", "Lorient Solidaire"), F("VoiceName", "Association Lorient Solidaire"),
            F("Kind", "Association"), F("Interests", "Financée en partie par l'agglomération.")])).Status);
        Assert.Contains("Lorient Solidaire", (await administrator.GetAsync("/admin/voices")).Text("table"), StringComparison.Ordinal);
        var same = await ana.PostAsync($"{access}?handler=Amend", [F("Wording", "Chaque démarche prévoit un moyen de participer sans ordinateur."), F("Reason", "")]);
        Assert.Contains("celle de l'article", same.Text("#Wording-error"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await association.PostAsync($"{access}?handler=Amend", [
            F("Wording", "Chaque démarche prévoit un moyen de participer sans ordinateur, avec l'aide d'un médiateur ou d'une médiatrice."), F("Reason", "Le papier ne suffit pas.")])).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await ana.PostAsync($"{access}?handler=Amend", [F("Wording", "Chaque démarche prévoit un accueil physique."), F("Reason", "")])).Status);
        var amendments = await app.WithDatabaseAsync(db => db.Amendments.Where(a => a.TextId == text).ToDictionaryAsync(a => a.Reason.Length > 0 ? "association" : "ana", a => a.Id));
        foreach (var (voter, opinion) in new[] { (ana, "Agree"), (bruno, "Agree"), (chloe, "Mixed") })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await voter.PostAsync($"{access}?handler=Vote", [F("subjectId", Subject(amendments["association"])), F("Choice", opinion)])).Status);
        }
        var read = await app.NewSession().GetAsync(access);
        Assert.StartsWith("D'accord\u00a0: 0\u00a0; mitigé\u00a0: 1\u00a0; pas d'accord\u00a0: 2 (3 votes)", read.Text($"#subject-{v1["Article 2 – Accès"]} > p.opinions"), StringComparison.Ordinal);
        Assert.StartsWith("D'accord\u00a0: 2\u00a0; mitigé\u00a0: 1", read.Text($"#subject-{amendments["association"]} > p.opinions"), StringComparison.Ordinal);
        Assert.Equal([$"subject-{amendments["association"]}", $"subject-{amendments["ana"]}"], read.Document.QuerySelectorAll("ol.card-list > li").Select(l => l.Id));
        Assert.Contains("Organisation vérifiée (association)", read.Text($"#subject-{amendments["association"]}"), StringComparison.Ordinal);
        Assert.Contains("Financée en partie", read.Text($"#subject-{amendments["association"]}"), StringComparison.Ordinal);
        Assert.Equal([$"subject-{amendments["association"]}"], (await app.NewSession().GetAsync($"{access}?voice=Organisations")).Document.QuerySelectorAll("ol.card-list > li").Select(l => l.Id));
        Assert.Equal([$"subject-{amendments["ana"]}"], (await app.NewSession().GetAsync($"{access}?voice=People")).Document.QuerySelectorAll("ol.card-list > li").Select(l => l.Id));

        // A new article, at a chosen place.
        Assert.Equal(HttpStatusCode.Redirect, (await chloe.PostAsync($"{page}/new-articles?handler=Amend", [F("AfterLineageId", v1["Article 3 – Réponses"].ToString()),
            F("Heading", "Article 4 – Lieux"), F("Wording", "Des permanences se tiennent dans les médiathèques."), F("Reason", "Aller vers les habitants.")])).Status);
        Assert.Contains("après «\u00a0Article 3 – Réponses\u00a0»", (await app.NewSession().GetAsync($"{page}/new-articles")).Text("ol.card-list"), StringComparison.Ordinal);

        // Staff see the most supported amendments still without an answer first.
        Assert.Equal(amendments["association"].ToString(), (await manager.GetAsync(admin)).Document.QuerySelector("#awaiting input[name=amendmentId]")!.GetAttribute("value"));

        // Version 2: every change needs its reason; refused, nothing is stored and what was typed stays.
        var version2 = Version1.Replace("Chaque démarche prévoit un moyen de participer sans ordinateur.", "Chaque démarche prévoit un moyen de participer sans ordinateur, avec l'aide d'un médiateur.")
            .Replace("# Titre II – Engagements", "# Titre II – Engagements\n\n## Article 4 – Lieux\n\nDes permanences se tiennent dans les médiathèques.")
            .Replace("## Article 1 – Objet\n\nLa charte fixe les règles de la participation des habitants et des habitantes.\n\n", "");
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostAsync($"{admin}?handler=Draft", [F("Draft", version2)])).Status);
        var plan = await manager.GetAsync(admin);
        Assert.Equal(["Article 2 – Accès", "Article 4 – Lieux", "Article 1 – Objet"], plan.Document.QuerySelectorAll("input[name$='.Heading']").Select(i => i.GetAttribute("value")));
        var proposal = await app.WithDatabaseAsync(db => db.Amendments.Where(a => a.TextId == text && a.ArticleId == null).Select(a => a.Id).SingleAsync());
        var argument = await app.WithDatabaseAsync(db => db.TextArguments.Where(a => a.TextId == text).Select(a => a.Id).SingleAsync());
        var draft = await DraftReadAsync(manager, text);
        var noReason = await manager.PostAsync($"{admin}?handler=Publish", [F("ReadVersion", "1"), F("ReadDraft", draft),
            F("Reasons[0].Heading", "Article 2 – Accès"), F("Reasons[0].Reason", "Un accompagnement humain, comme l'association le demande."), F("Reasons[0].Causes", amendments["association"].ToString()),
            F("Reasons[1].Heading", "Article 4 – Lieux"), F("Reasons[1].Reason", ""),
            F("Reasons[2].Heading", "Article 1 – Objet"), F("Reasons[2].Reason", "Redondant avec le titre.")]);
        Assert.NotEqual("", noReason.Text("#reason-error-1"));
        Assert.Equal("", noReason.Text("#reason-error-0"));
        Assert.Equal("Un accompagnement humain, comme l'association le demande.", noReason.Document.QuerySelector("#reason-0")!.TextContent);
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.CollaborativeTexts.Where(t => t.Id == text).Select(t => t.Version).SingleAsync()));
        Assert.Null(await app.WithDatabaseAsync(db => db.Amendments.Where(a => a.Id == amendments["association"]).Select(a => a.Fate).SingleAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostAsync($"{admin}?handler=Publish", [F("ReadVersion", "1"), F("ReadDraft", draft), F("Note", "Deux changements et un retrait."),
            F("Reasons[0].Heading", "Article 2 – Accès"), F("Reasons[0].Reason", "Un accompagnement humain, comme l'association le demande."),
            F("Reasons[0].Causes", amendments["association"].ToString()), F("Reasons[0].Causes", amendments["ana"].ToString()), F("Reasons[0].InPart", amendments["ana"].ToString()),
            F("Reasons[0].Others", $"http://localhost{access}#argument-{argument}"),
            F("Reasons[1].Heading", "Article 4 – Lieux"), F("Reasons[1].Reason", "Proposé par une participante, largement soutenu."), F("Reasons[1].Causes", proposal.ToString()),
            F("Reasons[2].Heading", "Article 1 – Objet"), F("Reasons[2].Reason", "Redondant avec le titre.")])).Status);

        // The changelog says why, shows the words changed, links what caused each change; amendments have their fate.
        var published = await app.NewSession().GetAsync(page);
        var changelog = published.Document.QuerySelector("section[aria-labelledby=changelog-2]")!;
        Assert.Equal(3, changelog.QuerySelectorAll("ol > li").Length);
        Assert.Contains("comme l'association le demande", changelog.TextContent, StringComparison.Ordinal);
        Assert.Contains(", avec l'aide d'un médiateur", changelog.QuerySelector("ins.diff")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("[ajouté", changelog.QuerySelector("ins.diff .visually-hidden")!.TextContent, StringComparison.Ordinal);
        var links = changelog.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Contains($"/texts/{text}/articles/{v1["Article 2 – Accès"]}?amendment={amendments["association"]}#amendment-{amendments["association"]}", links);
        Assert.Contains($"/texts/{text}/articles/{v1["Article 2 – Accès"]}?argument={argument}#argument-{argument}", links);
        Assert.Contains($"/texts/{text}/new-articles?amendment={proposal}#amendment-{proposal}", links);
        Assert.Equal([(AmendmentOutcome.Integrated, Fate.Answered), (AmendmentOutcome.IntegratedInPart, Fate.Answered), (AmendmentOutcome.Integrated, Fate.Answered)],
            await app.WithDatabaseAsync(db => db.Amendments.Where(a => a.TextId == text).OrderBy(a => a.CreatedAt).Select(a => new { a.Outcome, a.Fate }).ToListAsync())
                .ContinueWith(t => t.Result.Select(a => (a.Outcome!.Value, a.Fate!.Value)).ToList()));
        Assert.Contains("Intégré en partie dans la version 2", (await app.NewSession().GetAsync(access)).Text($"#subject-{amendments["ana"]}"), StringComparison.Ordinal);
        var v2 = await ArticlesAsync(text, 2);
        Assert.Equal(["Article 2 – Accès", "Article 4 – Lieux", "Article 3 – Réponses"], published.Texts("section[aria-labelledby=articles] article h4"));
        Assert.Equal(await app.WithDatabaseAsync(db => db.TextArticles.Where(a => a.Id == v1["Article 2 – Accès"]).Select(a => a.LineageId).SingleAsync()),
            await app.WithDatabaseAsync(db => db.TextArticles.Where(a => a.Id == v2["Article 2 – Accès"]).Select(a => a.LineageId).SingleAsync()));

        // The old version takes no more votes or amendments.
        Assert.Contains("plus en vigueur", (await ana.PostAsync($"{access}?handler=Vote", [F("subjectId", Subject(v1["Article 2 – Accès"])), F("Choice", "Agree")])).Text("[role=alert]"), StringComparison.Ordinal);
        Assert.Null((await ana.GetAsync(access)).Document.QuerySelector("form[action*=Amend]"));
        Assert.Contains("plus en vigueur", (await ana.PostAsync($"{access}?handler=Amend", [F("Wording", "Une rédaction pour une version passée.")])).Text("[role=alert]"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await ana.PostAsync($"{page}/articles/{v2["Article 2 – Accès"]}?handler=Vote", [F("subjectId", Subject(v2["Article 2 – Accès"])), F("Choice", "Agree")])).Status);

        // Any two versions compare, inline or side by side.
        var inline = await app.NewSession().GetAsync($"{page}/compare?from=1&to=2");
        Assert.Equal("3 articles diffèrent\u00a0; 1 est identique.", inline.Text("main > p:not(:first-child)"));
        Assert.Contains("Article 1 – Objet", inline.Texts("main section h2").Last(), StringComparison.Ordinal);
        var side = await app.NewSession().GetAsync($"{page}/compare?from=2&to=1&view=side");
        Assert.Equal(3, side.Document.QuerySelectorAll(".debate-columns").Length);
        Assert.Equal(HttpStatusCode.NotFound, (await app.NewSession().GetAsync($"{page}/compare?from=1&to=7")).Status);

        // The last amendment waiting is not retained, with its required reason.
        var last = await app.WithDatabaseAsync(db => db.Amendments.Where(a => a.TextId == text && a.Outcome == null).Select(a => a.Id).ToListAsync());
        Assert.Empty(last);
        Assert.Equal(HttpStatusCode.Redirect, (await bruno.PostAsync($"{page}/articles/{v2["Article 3 – Réponses"]}?handler=Amend", [F("Wording", "Le conseil répond à toutes les contributions."), F("Reason", "")])).Status);
        var late = await app.WithDatabaseAsync(db => db.Amendments.Where(a => a.TextId == text && a.Outcome == null).Select(a => a.Id).SingleAsync());
        var answer = await manager.PostAsync($"{admin}?handler=Answer", [F("amendmentId", late.ToString()), F("Outcome", "NotRetained"), F("AnswerReason", "")]);
        Assert.Contains("raison", answer.Text("[role=alert]"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostAsync($"{admin}?handler=Answer", [F("amendmentId", late.ToString()), F("Outcome", "NotRetained"),
            F("AnswerReason", "Le conseil ne peut pas s'engager sans délai.")])).Status);
        Assert.Equal(Fate.NotRetained, await app.WithDatabaseAsync(db => db.Amendments.Where(a => a.Id == late).Select(a => a.Fate).SingleAsync()));

        // Paper: the booklet, typed in with its origin; the version and its changelog as a DOCX with real headings.
        Assert.Contains("Article 4 – Lieux", (await app.NewSession().GetAsync($"{page}/booklet")).Text("main"), StringComparison.Ordinal);
        var (facilitator, _) = await app.SignedInAsync("Animateur de la permanence", Role.Facilitator);
        var entry = $"{admin}/entry";
        Assert.NotEqual("", (await facilitator.PostAsync(entry, [F("Target", $"article:{v2["Article 3 – Réponses"]}"), F("Wording", "Le conseil répond par courrier à qui le demande."), F("Channel", "Paper"), F("Origin", "")])).Text("#Origin-error"));
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.PostAsync(entry, [F("Target", $"article:{v2["Article 3 – Réponses"]}"), F("Wording", "Le conseil répond par courrier à qui le demande."),
            F("Channel", "Paper"), F("Origin", "Permanence de la mairie de Groix")])).Status);
        Assert.Equal((Channel.Paper, "Permanence de la mairie de Groix", (Guid?)null), await app.WithDatabaseAsync(db => db.Amendments.Where(a => a.Wording.StartsWith("Le conseil répond par courrier"))
            .Select(a => new { a.Channel, a.Origin, a.AuthorId }).SingleAsync().ContinueWith(t => (t.Result.Channel, t.Result.Origin!, t.Result.AuthorId))));
        var download = await manager.Client.GetByteArrayAsync($"{page}/print?handler=Download&format=docx&version=2");
        using (var document = WordprocessingDocument.Open(new MemoryStream(download), false))
        {
            var paragraphs = document.MainDocumentPart!.Document!.Body!.Descendants<Paragraph>().ToList();
            var headings = paragraphs.Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value?.StartsWith("Heading", StringComparison.Ordinal) == true).Select(p => p.InnerText).ToList();
            Assert.Contains("Article 4 – Lieux", headings);
            Assert.Contains("Ce qui a changé dans la version 2, et pourquoi", headings);
            Assert.Contains(paragraphs, p => p.InnerText.Contains("Proposé par une participante", StringComparison.Ordinal));
        }

        // The export separates organisations and neutralises formulas; the report has who contributed and the changelog.
        var csv = (await manager.GetAsync($"{admin}?handler=Export")).Body;
        Assert.Contains("Association Lorient Solidaire", csv, StringComparison.Ordinal);
        Assert.Contains("'=HYPERLINK", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("@", csv, StringComparison.Ordinal);
        // The badge is withdrawn only once confirmed, and the audit log says so.
        var voicePerson = await app.WithDatabaseAsync(db => db.OrganisationVoices.Where(v => v.Name == "Association Lorient Solidaire").Select(v => v.PersonId).SingleAsync());
        await administrator.PostAsync("/admin/voices?handler=Withdraw", [F("personId", voicePerson.ToString())]);
        Assert.True(await app.WithDatabaseAsync(db => db.OrganisationVoices.AnyAsync(v => v.PersonId == voicePerson)));
        Assert.Equal(HttpStatusCode.Redirect, (await administrator.PostAsync("/admin/voices?handler=Withdraw", [F("personId", voicePerson.ToString()), F("confirmed", "true")])).Status);
        Assert.False(await app.WithDatabaseAsync(db => db.OrganisationVoices.AnyAsync(v => v.PersonId == voicePerson)));
        Assert.True(await app.WithDatabaseAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "voice.withdraw" && a.Subject == $"person:{voicePerson}")));
        var report = (await manager.GetAsync($"/processes/{process.Slug}/report")).Text("main");
        Assert.Contains("Qui a contribué au texte «\u00a0Charte de la participation\u00a0»", report, StringComparison.Ordinal);
        Assert.Contains("ce qui a changé dans la version 2", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Votes_are_counted_exactly_under_concurrency_one_publication_wins_and_votes_leave_with_the_account()
    {
        var (_, text, manager) = await PublishedAsync("charte-rafale");
        var article = (await ArticlesAsync(text, 1))["Article 3 – Réponses"];
        var address = $"/texts/{text}/articles/{article}";
        var voters = new List<(Session Session, Person Person)>();
        for (var i = 0; i < 8; i++)
        {
            voters.Add(await app.SignedInAsync($"Votant rafale {i}"));
        }
        var tokens = await Task.WhenAll(voters.Select(async v => (await v.Session.GetAsync(address)).Document.QuerySelector("input[name=__csrf]")!.GetAttribute("value")!));
        string[] opinions = ["Agree", "Mixed", "Disagree"];
        // Each of 8 people presses 6 times at once, the last opinion differing from the others: 48 requests, 8 votes.
        var responses = await Task.WhenAll(voters.SelectMany((v, i) => Enumerable.Range(0, 6).Select(k =>
            v.Session.PostRawAsync($"{address}?handler=Vote", [F("subjectId", article.ToString()), F("Choice", opinions[(i + k) % 3]), F("__csrf", tokens[i])]))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.Status));
        var votes = await app.WithDatabaseAsync(db => db.TextVotes.Where(v => v.SubjectId == article).ToListAsync());
        Assert.Equal(8, votes.Count);
        Assert.Equal(8, votes.Select(v => v.PersonId).Distinct().Count());
        var shown = (await app.NewSession().GetAsync(address)).Text($"#subject-{article} > p.opinions");
        Assert.Equal($"D'accord\u00a0: {votes.Count(v => v.Opinion == Opinion.Agree)}\u00a0; mitigé\u00a0: {votes.Count(v => v.Opinion == Opinion.Mixed)}\u00a0; pas d'accord\u00a0: {votes.Count(v => v.Opinion == Opinion.Disagree)} (8 votes)", shown);

        // Two tabs publish version 2 at once: one wins, the other is told; there is one version 2.
        var admin = $"/admin/texts/{text}";
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostAsync($"{admin}?handler=Draft", [F("Draft", Version1.Replace("les plus soutenues", "toutes"))])).Status);
        var form = (await manager.GetAsync(admin)).Document;
        var (token, draft) = (form.QuerySelector("input[name=__csrf]")!.GetAttribute("value")!, form.QuerySelector("input[name=ReadDraft]")!.GetAttribute("value")!);
        var both = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => manager.PostRawAsync($"{admin}?handler=Publish", [F("ReadVersion", "1"), F("ReadDraft", draft), F("__csrf", token),
            F("Reasons[0].Heading", "Article 3 – Réponses"), F("Reasons[0].Reason", "Répondre à toutes les contributions.")])));
        Assert.Single(both, r => r.Status == HttpStatusCode.Redirect);
        Assert.Equal((2, 1), await app.WithDatabaseAsync(async db => (await db.TextVersions.CountAsync(v => v.TextId == text), await db.TextChanges.CountAsync(c => c.TextId == text))));

        // A person's votes are in their export and leave with their account.
        var (session, person) = voters[0];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var data = scope.ServiceProvider.GetRequiredService<PersonalData>();
            var account = await scope.ServiceProvider.GetRequiredService<ParvisDbContext>().Users.SingleAsync(p => p.Id == person.Id);
            Assert.Contains(article.ToString(), Encoding.UTF8.GetString(await data.ExportAsync(account)), StringComparison.Ordinal);
            await data.EraseAsync(account, ErasureChoice.Anonymise);
        }
        Assert.Equal(7, await app.WithDatabaseAsync(db => db.TextVotes.CountAsync(v => v.SubjectId == article)));
    }

    [Fact]
    public async Task Moderation_hides_an_amendment_with_its_arguments_answers_close_it_and_stale_or_hostile_posts_store_nothing()
    {
        var (process, text, manager) = await PublishedAsync("charte-moderee");
        var v1 = await ArticlesAsync(text, 1);
        var article = v1["Article 3 – Réponses"];
        var address = $"/texts/{text}/articles/{article}";
        var admin = $"/admin/texts/{text}";
        var (author, _) = await app.SignedInAsync("Auteur modéré");
        Assert.Equal(HttpStatusCode.Redirect, (await author.PostAsync($"{address}?handler=Amend", [F("Wording", "Le conseil répond à toutes les contributions, sans exception.")])).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await author.PostAsync($"{address}?handler=Amend", [F("Wording", "Le conseil répond sous un mois aux contributions soutenues.")])).Status);
        var (hidden, answered) = await app.WithDatabaseAsync(async db =>
        {
            var ids = await db.Amendments.Where(a => a.TextId == text).OrderBy(a => a.CreatedAt).Select(a => a.Id).ToListAsync();
            return (ids[0], ids[1]);
        });
        Assert.Equal(HttpStatusCode.Redirect, (await author.PostAsync($"{address}?handler=Argue", [F("subjectId", hidden.ToString()), F("Side", "For"),
            F("Argument", "Un argument sous l'amendement que la modération masquera.")])).Status);
        var argument = await app.WithDatabaseAsync(db => db.TextArguments.Where(a => a.AmendmentId == hidden).Select(a => a.Id).SingleAsync());

        // An analyst's fate on the kernel's page answers the amendment here too: no more votes, not waiting any more.
        var (analyst, _) = await app.SignedInAsync("Analyste de la charte", Role.Analyst);
        Assert.Equal(HttpStatusCode.Redirect, (await analyst.PostAsync($"/contributions/{answered}", [F("Fate", "NotRetained"), F("Explanation", "Hors du champ de la charte."),
            F("SynthesisItemId", ""), F("MergedIntoId", "")])).Status);
        var (voter, _) = await app.SignedInAsync("Votante tardive");
        Assert.Contains("déjà reçu une réponse", (await voter.PostAsync($"{address}?handler=Vote", [F("subjectId", answered.ToString()), F("Choice", "Agree")])).Text("[role=alert]"), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.TextVotes.CountAsync(v => v.SubjectId == answered)));
        Assert.Null((await manager.GetAsync(admin)).Document.QuerySelector($"#awaiting input[value='{answered}']"));
        // Staff publish version 2 citing that argument; then moderation hides the amendment: its argument goes with it.
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostAsync($"{admin}?handler=Draft", [F("Draft", Version1.Replace("les plus soutenues", "toutes"))])).Status);
        var token = (await manager.GetAsync(admin)).Document.QuerySelector("input[name=ReadDraft]")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostAsync($"{admin}?handler=Publish", [F("ReadVersion", "1"), F("ReadDraft", token),
            F("Reasons[0].Heading", "Article 3 – Réponses"), F("Reasons[0].Reason", "Répondre à toutes les contributions."), F("Reasons[0].Others", argument.ToString())])).Status);
        Assert.Contains(argument.ToString(), (await app.NewSession().GetAsync($"/texts/{text}")).Body, StringComparison.Ordinal);
        var (moderator, _) = await app.SignedInAsync("Modératrice de la charte", Role.Moderator);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostAsync($"/admin/moderate/{hidden}", [F("action", "Hide"), F("Reason", "Hors charte")])).Status);
        Assert.DoesNotContain(argument.ToString(), (await app.NewSession().GetAsync($"/texts/{text}")).Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Un argument sous l'amendement", (await manager.GetAsync($"{admin}?handler=Export")).Body, StringComparison.Ordinal);
        var figures = (await manager.GetAsync($"/processes/{process.Slug}/report")).Document.QuerySelectorAll("tr").Where(r => r.Children.Length == 2)
            .ToDictionary(r => r.Children[0].TextContent.Trim(), r => r.Children[1].TextContent.Trim());
        Assert.Equal("0", figures["Arguments sur les textes"]);

        // Nor is it answered again from here, nor from another text's page.
        var (_, other, _) = await PublishedAsync("charte-voisine");
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PostAsync($"/admin/texts/{other}?handler=Answer", [F("amendmentId", answered.ToString()), F("Outcome", "Integrated"),
            F("AnswerReason", "Une réponse venue d'un autre texte.")])).Status);
        Assert.Contains("déjà reçu une réponse", (await manager.PostAsync($"{admin}?handler=Answer", [F("amendmentId", answered.ToString()), F("Outcome", "Integrated"),
            F("AnswerReason", "Une seconde réponse.")])).Text("[role=alert]"), StringComparison.Ordinal);

        // A draft changed since staff read it is not published; nor are pages past the last, nor posts of nonsense.
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostAsync($"{admin}?handler=Draft", [F("Draft", Version1)])).Status);
        var stale = await manager.PostAsync($"{admin}?handler=Publish", [F("ReadVersion", "2"), F("ReadDraft", token),
            F("Reasons[0].Heading", "Article 3 – Réponses"), F("Reasons[0].Reason", "Revenir à la première rédaction.")]);
        Assert.Contains("a changé depuis", stale.Text("[role=alert]"), StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDatabaseAsync(db => db.TextVersions.CountAsync(v => v.TextId == text)));
        var current = (await ArticlesAsync(text, 2))["Article 3 – Réponses"];
        Assert.Equal(HttpStatusCode.NotFound, (await app.NewSession().GetAsync($"/texts/{text}/articles/{current}?page=2147483647")).Status);
        Assert.Equal(HttpStatusCode.OK, (await voter.PostAsync($"/texts/{text}/articles/{current}?handler=Vote", [F("subjectId", current.ToString()), F("Choice", "Maybe")])).Status);
        Assert.Equal(HttpStatusCode.OK, (await voter.PostAsync($"/texts/{text}/articles/{current}?handler=Argue", [F("subjectId", current.ToString()), F("Side", "Sideways"),
            F("Argument", "Un argument d'un côté qui n'existe pas.")])).Status);
        var (facilitator, _) = await app.SignedInAsync("Animatrice de la charte", Role.Facilitator);
        Assert.NotEqual("", (await facilitator.PostAsync($"{admin}/entry", [F("Target", "article:pas-un-numero"), F("Wording", "Une rédaction saisie sans cible."),
            F("Channel", "Paper"), F("Origin", "Urne de la mairie")])).Text("#Target-error"));
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.TextArguments.CountAsync(a => a.ArticleId == current)));

        // Once the process is closed, nothing more is typed in.
        await app.WithDatabaseAsync(db => db.Processes.Where(p => p.Id == process.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.ClosedAt, DateTimeOffset.UtcNow)));
        var closed = await facilitator.PostAsync($"{admin}/entry", [F("Target", $"article:{current}"), F("Wording", "Une rédaction arrivée après la clôture."),
            F("Channel", "Paper"), F("Origin", "Urne de la mairie")]);
        Assert.Contains("close", closed.Text("[role=alert]"), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.Amendments.CountAsync(a => a.Wording.StartsWith("Une rédaction arrivée"))));
    }

    [Fact]
    public async Task An_amendment_or_its_argument_on_a_later_page_is_reached_by_its_own_address_and_posts_come_back_to_its_page()
    {
        var (process, text, _) = await PublishedAsync("charte-paginee");
        var article = (await ArticlesAsync(text, 1))["Article 2 – Accès"];
        var address = $"/texts/{text}/articles/{article}";
        var (author, person) = await app.SignedInAsync("Autrice paginée");
        // One more amendment than a page holds, on the article and as new articles, the last written the last read.
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        Amendment Written(int n, Guid? on) => new()
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, TextId = text, Version = 1, ArticleId = on, AuthorId = person.Id,
            CreatedAt = start.AddSeconds(n), Heading = on is null ? $"Article nouveau {n}" : "", Wording = $"Chaque démarche prévoit {n} moyens de participer.",
        };
        var (last, newLast) = await app.WithDatabaseAsync(async db =>
        {
            var written = Enumerable.Range(0, Parvis.Web.Modules.Texts.Pages.ContributionPage.PageSize + 1).SelectMany(n => new[] { Written(n, article), Written(n, null) }).ToList();
            db.Amendments.AddRange(written);
            await db.SaveChangesAsync();
            return (written[^2].Id, written[^1].Id);
        });
        var stored = await app.WithDatabaseAsync(db => db.Amendments.SingleAsync(a => a.Id == last));
        Assert.Equal($"{address}?amendment={last}#amendment-{last}", stored.Address);

        // Its own address (news, fates) leads to the second page, the browser keeping the anchor; so does a new article's.
        var reader = app.NewSession();
        Assert.Equal($"{address}?page=2", (await reader.GetAsync(stored.Address)).Location);
        Assert.NotNull((await reader.GetAsync($"{address}?page=2")).Document.GetElementById($"amendment-{last}"));
        Assert.Equal($"/texts/{text}/new-articles?page=2", (await reader.GetAsync($"/texts/{text}/new-articles?amendment={newLast}")).Location);
        // The article itself, an amendment of another page or of nothing: the first page.
        Assert.Equal(address, (await reader.GetAsync($"{address}?amendment={newLast}")).Location);
        Assert.Equal(address, (await reader.GetAsync($"{address}?amendment={Guid.NewGuid()}")).Location);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/texts/{Guid.NewGuid()}/articles/{article}?amendment={last}")).Status);

        // Arguing on it comes back to its page, and the argument's address leads there too.
        var argued = await author.PostAsync($"{address}?handler=Argue", [F("subjectId", last.ToString()), F("Side", "Against"), F("Argument", "Trop de moyens tuent le moyen.")]);
        var argument = await app.WithDatabaseAsync(db => db.TextArguments.SingleAsync(a => a.AmendmentId == last));
        Assert.Equal($"{address}?page=2#argument-{argument.Id}", argued.Location);
        Assert.Equal($"{address}?page=2", (await reader.GetAsync(argument.Address)).Location);
        // A refused argument comes back on that page, its form open with what was typed.
        var refused = await author.PostAsync($"{address}?handler=Argue", [F("subjectId", last.ToString()), F("Argument", "Un argument sans son côté.")]);
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal("Un argument sans son côté.", refused.Document.QuerySelector($"#subject-{last} textarea[name=Argument]")?.TextContent);

        // Agreed with, it moves up to the first page, and the vote comes back to it there.
        var voted = await author.PostAsync($"{address}?handler=Vote", [F("subjectId", last.ToString()), F("Choice", "Agree")]);
        Assert.Equal($"{address}#subject-{last}", voted.Location);
        Assert.Equal(address, (await reader.GetAsync(stored.Address)).Location);
        Assert.NotNull((await reader.GetAsync(address)).Document.GetElementById($"amendment-{last}"));
    }

    /// <summary>A DOCX as Word writes one: paragraphs with their style ("" for body text).</summary>
    private static byte[] Docx(params (string Style, string Text)[] paragraphs)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            foreach (var (style, content) in paragraphs)
            {
                var paragraph = new Paragraph();
                if (style.Length > 0)
                {
                    paragraph.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
                }
                paragraph.Append(new Run(new Text(content)));
                body.Append(paragraph);
            }
            main.Document = new Document(body);
        }
        return stream.ToArray();
    }
}
