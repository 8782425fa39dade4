using System.Net;
using System.Text;
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
public sealed class DebateTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    private async Task<(Process Process, Guid Debate)> DebateAsync(string slug)
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        var process = await app.AddProcessAsync(slug, new Phase
        {
            Title = "Débat", StartsOn = today.AddDays(-2), EndsOn = today.AddDays(60), Switches = [DebatesModule.Arguing],
        });
        var (staff, _) = await app.SignedInAsync($"Animation {slug}", Role.ProcessManager);
        var opened = await staff.PostAsync($"/processes/{slug}/debates", [F("Question", "Faut-il fermer le centre-ville aux voitures le samedi ?"), F("Context", "Un essai a eu lieu en juin."),
            F("PlainSummary", "Le samedi, faut-il interdire les voitures en ville ?")]);
        Assert.Equal(HttpStatusCode.Redirect, opened.Status);
        return (process, Guid.Parse(opened.Location!.Split('/')[^1]));
    }

    /// <summary>A process whose phase lets participants open debates as well as argue.</summary>
    private Task<Process> OpenToAllAsync(string slug)
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        return app.AddProcessAsync(slug, new Phase
        {
            Title = "Débats ouverts à tous", StartsOn = today.AddDays(-2), EndsOn = today.AddDays(60), Switches = [DebatesModule.Arguing, DebatesModule.Opening],
        });
    }

    private static async Task<Session.Response> ArgueAsync(Session session, Guid debate, string side, string title, string text = "Parce que les commerces en profitent, on l'a vu en juin.") =>
        await session.PostAsync($"/debates/{debate}", [F("Side", side), F("Title", title), F("Body", text)]);

    [Fact]
    public async Task Arguments_stand_in_two_columns_by_support_with_totals_replies_paper_entries_and_a_closing_record_in_the_report()
    {
        var (process, debate) = await DebateAsync("debat-voitures");
        var page = $"/debates/{debate}";
        var (first, _) = await app.SignedInAsync("Commerçante du centre");
        var (second, _) = await app.SignedInAsync("Habitant de la périphérie");
        var (third, _) = await app.SignedInAsync("Cycliste du samedi");

        // Bad input is refused next to its cause, with what was typed kept; nothing is stored.
        var empty = await first.PostAsync(page, [F("Title", "Plus de clients"), F("Body", "Court")]);
        Assert.Equal("Choisissez pour ou contre.", empty.Text("#Side-error"));
        Assert.NotEqual("", empty.Text("#Body-error"));
        Assert.Equal("Plus de clients", empty.Document.QuerySelector("#Title")!.GetAttribute("value"));
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.Arguments.CountAsync(a => a.DebateId == debate)));

        Assert.Equal(HttpStatusCode.Redirect, (await ArgueAsync(first, debate, "For", "Plus de clients à pied")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await ArgueAsync(second, debate, "Against", "Les bus ne suffisent pas", "Depuis la périphérie, sans voiture, on ne vient plus du tout.")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await ArgueAsync(third, debate, "For", "Un air plus respirable", "Le samedi de juin, le bruit et la pollution ont baissé nettement.")).Status);
        var ids = await app.WithDatabaseAsync(db => db.Arguments.Where(a => a.DebateId == debate).ToDictionaryAsync(a => a.Title, a => a.Id));

        // Supports order each column; a second press changes nothing.
        foreach (var session in new[] { first, second, third })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await session.PostAsync($"{page}?handler=Support", [F("argumentId", ids["Un air plus respirable"].ToString())])).Status);
        }
        await first.PostAsync($"{page}?handler=Support", [F("argumentId", ids["Un air plus respirable"].ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostAsync($"{page}?handler=Reply", [F("argumentId", ids["Les bus ne suffisent pas"].ToString()), F("Reply", "Une navette depuis les parkings relais ?")])).Status);

        // A workshop's argument, typed in with its table; it belongs to no one.
        var (manager, _) = await app.SignedInAsync("Pilote du débat", Role.ProcessManager);
        var admin = $"/admin/debates/{debate}";
        var noOrigin = await manager.PostAsync($"{admin}?handler=Entry", [F("Entry.Side", "Against"), F("Entry.Channel", "Workshop"), F("Entry.Title", "Les livraisons"), F("Entry.Body", "Les livreurs doivent pouvoir passer le matin.")]);
        Assert.Contains("d'où vient", noOrigin.Text("#Entry_From-error"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostAsync($"{admin}?handler=Entry", [F("Entry.Side", "Against"), F("Entry.Channel", "Workshop"),
            F("Entry.From", "Table 3, atelier de la médiathèque"), F("Entry.Title", "Les livraisons"), F("Entry.Body", "Les livreurs doivent pouvoir passer le matin.")])).Status);
        var added = await manager.PostAsync($"{admin}?handler=Invited", [F("Invited.Side", "For"), F("Invited.From", "Association des usagers des transports (invitée)"),
            F("Invited.Title", "Une navette gratuite"), F("Invited.Body", "Une navette gratuite depuis les parkings relais rend l'accès possible à tous.")]);
        // Back to the new position by its own address, which finds the page of arguments that holds it.
        Assert.Matches($"^{page}\\?argument=([0-9a-f-]{{36}})#argument-\\1$", added.Location);

        var read = await app.NewSession().GetAsync(page);
        Assert.Equal("Le samedi, faut-il interdire les voitures en ville ?", read.Text("section[aria-labelledby=plain-summary] p"));
        Assert.Equal(["Un air plus respirable", "Plus de clients à pied"], read.Texts("section[aria-labelledby=side-For] ol.arguments > li > h3"));
        Assert.Equal(["Les bus ne suffisent pas", "Les livraisons"], read.Texts("section[aria-labelledby=side-Against] ol.arguments > li > h3"));
        Assert.Contains("2 arguments pour (3 soutiens)", read.Text("#totals"), StringComparison.Ordinal);
        Assert.Contains("2 arguments contre (aucun soutien)", read.Text("#totals"), StringComparison.Ordinal);
        var entered = await app.WithDatabaseAsync(db => db.Arguments.Where(a => a.Title == "Les livraisons").Select(a => a.Id).SingleAsync());
        Assert.Contains("Table 3, atelier de la médiathèque", read.Text($"#argument-{entered} .meta"), StringComparison.Ordinal);
        Assert.Contains("Association des usagers des transports", read.Text("section[aria-labelledby=invited]"), StringComparison.Ordinal);
        Assert.Contains("parkings relais", read.Text($"#argument-{ids["Les bus ne suffisent pas"]} .replies"), StringComparison.Ordinal);
        Assert.Equal(Channel.Workshop, await app.WithDatabaseAsync(db => db.Arguments.Where(a => a.Title == "Les livraisons").Select(a => a.Channel).SingleAsync()));

        // An invited position is neither supported nor answered, nor is another debate's argument reached through this one.
        var invited = await app.WithDatabaseAsync(db => db.Arguments.Where(a => a.DebateId == debate && a.Invited != "").Select(a => a.Id).SingleAsync());
        Assert.NotEqual(HttpStatusCode.Redirect, (await first.PostAsync($"{page}?handler=Support", [F("argumentId", invited.ToString())])).Status);
        var (_, elsewhere) = await DebateAsync("debat-ailleurs");
        Assert.NotEqual(HttpStatusCode.Redirect, (await first.PostAsync($"/debates/{elsewhere}?handler=Support", [F("argumentId", ids["Plus de clients à pied"].ToString())])).Status);
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.ArgumentSupports.CountAsync(s => s.ArgumentId == invited)));
        // A facilitator types arguments in, but neither invites nor closes.
        var (facilitator, _) = await app.SignedInAsync("Animatrice de table", Role.Facilitator);
        Assert.Contains("/error/403", (await facilitator.PostAsync($"{admin}?handler=Close", [F("Points[0].Kind", "Agreement"), F("Points[0].Text", "Tout le monde est d'accord.")])).Location ?? "", StringComparison.Ordinal);

        // The closing record: a disputed point needs an argument on each side; an open question goes to the experts.
        var oneSided = await manager.PostAsync($"{admin}?handler=Close", [F("Points[0].Kind", "Disputed"), F("Points[0].Text", "L'accès depuis la périphérie."),
            F("Points[0].Arguments", ids["Un air plus respirable"].ToString())]);
        Assert.Contains("de chaque côté", oneSided.Text("section[aria-labelledby=close] .alert"), StringComparison.Ordinal);
        // A point too long is said beside it, and above; its line breaks count one each, as the field counts them.
        var tooLong = await manager.PostAsync($"{admin}?handler=Close", [F("Points[0].Kind", "Agreement"), F("Points[0].Text", "Une ligne.\r\n" + new string('a', ClosingPoint.TextMax - 11)),
            F("Points[1].Kind", "Agreement"), F("Points[1].Text", new string('b', ClosingPoint.TextMax + 1))]);
        Assert.Equal("", tooLong.Text("#Points_0__Text-error"));
        Assert.Contains("1000 caractères au plus", tooLong.Text("#Points_1__Text-error"), StringComparison.Ordinal);
        Assert.Equal("true", tooLong.Document.QuerySelector("#Points_1__Text")!.GetAttribute("aria-invalid"));
        Assert.Contains("Le point 2 est trop long", tooLong.Text("section[aria-labelledby=close] .alert"), StringComparison.Ordinal);
        Assert.Null(await app.WithDatabaseAsync(db => db.Debates.Where(d => d.Id == debate).Select(d => d.ClosedAt).SingleAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostAsync($"{admin}?handler=Close", [
            F("Conclusion", "Un essai à prolonger, avec une navette."),
            F("Points[0].Kind", "Agreement"), F("Points[0].Text", "Le centre gagne à être plus calme le samedi."),
            F("Points[1].Kind", "Disputed"), F("Points[1].Text", "L'accès depuis la périphérie."),
            F("Points[1].Arguments", ids["Un air plus respirable"].ToString()), F("Points[1].Arguments", ids["Les bus ne suffisent pas"].ToString()),
            F("Points[2].Kind", "OpenQuestion"), F("Points[2].Text", "Combien coûterait une navette depuis les parkings relais ?"), F("Points[2].ToExperts", "true"),
        ])).Status);
        var closed = await app.NewSession().GetAsync(page);
        Assert.Contains("Un essai à prolonger", closed.Text("section[aria-labelledby=record]"), StringComparison.Ordinal);
        Assert.Equal(["Pour\u00a0: Un air plus respirable", "Contre\u00a0: Les bus ne suffisent pas"], closed.Texts("section[aria-labelledby=record] ul ul a"));
        var referred = await app.WithDatabaseAsync(db => db.ExpertQuestions.SingleAsync(q => q.ProcessId == process.Id));
        Assert.Equal(("Combien coûterait une navette depuis les parkings relais ?", "Faut-il fermer le centre-ville aux voitures le samedi ?"), (referred.Text, referred.Origin));
        Assert.NotNull(closed.Document.QuerySelector($"a[href='/questions/{referred.Id}']"));
        // The log names the question it made, not the debate's words: a participant's question goes with "Remove".
        Assert.Equal("", await app.WithDatabaseAsync(db => db.AuditEntries.Where(e => e.Action == "question.refer" && e.Subject == $"question:{referred.Id}")
            .Select(e => e.Details).SingleAsync()));
        // No more arguments once closed, from anyone, and a second closing stores nothing.
        Assert.NotEqual(HttpStatusCode.Redirect, (await ArgueAsync(first, debate, "For", "Trop tard", "Un argument après la clôture du débat.")).Status);
        var lateEntry = await manager.PostAsync($"{admin}?handler=Entry", [F("Entry.Side", "For"), F("Entry.Channel", "Paper"), F("Entry.From", "Urne de la mairie"),
            F("Entry.Title", "Un papier en retard"), F("Entry.Body", "Arrivé dans l'urne après la clôture du débat.")]);
        Assert.Contains("déjà clos", lateEntry.Text("[role=alert]"), StringComparison.Ordinal);
        Assert.Contains("déjà clos", (await manager.PostAsync($"{admin}?handler=Close", [F("Points[0].Kind", "Agreement"), F("Points[0].Text", "Encore.")])).Text("[role=alert]"), StringComparison.Ordinal);
        Assert.Equal(3, await app.WithDatabaseAsync(db => db.ClosingPoints.CountAsync(p => p.DebateId == debate)));
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.Arguments.CountAsync(a => a.Title == "Un papier en retard")));

        var report = await manager.GetAsync($"/processes/{process.Slug}/report");
        Assert.Contains("Relevé de clôture du débat", report.Text("main"), StringComparison.Ordinal);
        Assert.Contains("Contre\u00a0: Les bus ne suffisent pas", report.Text("main"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_busy_debate_is_read_a_page_of_each_side_at_a_time_and_an_argument_s_address_finds_its_page()
    {
        var (process, debate) = await DebateAsync("debat-tres-suivi");
        var perSide = Parvis.Web.Modules.Debates.Pages.DebatePage.ArgumentsPerSide;
        // One side holds a page and one more argument, the least supported; the other side holds one.
        var ids = await app.WithDatabaseAsync(async db =>
        {
            var start = DateTimeOffset.UtcNow.AddHours(-3);
            var arguments = Enumerable.Range(0, perSide + 1).Select(i => new Argument
            {
                OrganisationId = process.OrganisationId, ProcessId = process.Id, DebateId = debate, Side = Side.For, Title = $"Argument pour {i + 1}",
                Text = "Un argument parmi beaucoup d'autres.", Supports = 2 * (perSide + 1 - i), CreatedAt = start.AddMinutes(i),
            }).Append(new Argument
            {
                OrganisationId = process.OrganisationId, ProcessId = process.Id, DebateId = debate, Side = Side.Against, Title = "Le seul argument contre",
                Text = "Un argument seul de son côté.", CreatedAt = start,
            }).ToList();
            db.AddRange(arguments);
            await db.SaveChangesAsync();
            return arguments.Select(a => a.Id).ToList();
        });
        var (least, page) = (ids[perSide], $"/debates/{debate}");
        using var visitor = app.NewSession();

        var first = await visitor.GetAsync(page);
        Assert.Equal(perSide, first.Document.QuerySelectorAll("section[aria-labelledby=side-For] ol.arguments > li").Length);
        Assert.Contains($"{perSide + 1} arguments pour", first.Text("#totals"), StringComparison.Ordinal);
        Assert.Equal($"{page}?p=2#totals", first.Document.QuerySelector("nav[aria-label='Pages des arguments'] a[rel=next]")!.GetAttribute("href"));

        // The second page: the least supported argument, the totals of every page, and a title of its own.
        var second = await visitor.GetAsync($"{page}?p=2");
        Assert.Equal([$"argument-{least}"], second.Document.QuerySelectorAll("section[aria-labelledby=side-For] ol.arguments > li").Select(li => li.Id!));
        Assert.Empty(second.Document.QuerySelectorAll("section[aria-labelledby=side-Against] ol.arguments > li"));
        Assert.Contains("sur les pages précédentes", second.Text("section[aria-labelledby=side-Against]"), StringComparison.Ordinal);
        // Numbered on from the first page.
        Assert.Equal($"{perSide + 1}", second.Document.QuerySelector("section[aria-labelledby=side-For] ol.arguments")!.GetAttribute("start"));
        Assert.Contains($"{perSide + 1} arguments pour", second.Text("#totals"), StringComparison.Ordinal);
        Assert.Contains("page 2 des arguments", second.Text("title"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"{page}?p=3")).Status);

        // An argument's own address leads to its page; supported, an argument is found where the support put it.
        Assert.Equal($"{page}?p=2", (await visitor.GetAsync($"{page}?argument={least}")).Location);
        var (supporter, _) = await app.SignedInAsync("Soutien du dernier argument");
        var supported = await supporter.PostAsync($"{page}?handler=Support", [F("argumentId", $"{least}")]);
        Assert.Equal($"{page}?p=2#argument-{least}", supported.Location);
        // A reply refused keeps its form open on the argument's page, with what was typed.
        var refused = await supporter.PostAsync($"{page}?handler=Reply", [F("argumentId", $"{least}"), F("Reply", new string('x', ArgumentReply.TextMax + 1))]);
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.NotNull(refused.Document.QuerySelector($"#argument-{least} details[open] #Reply"));
    }

    [Fact]
    public async Task Fifty_simultaneous_supports_by_one_person_count_once_and_leave_with_the_account()
    {
        var (_, debate) = await DebateAsync("debat-rafale");
        var (author, _) = await app.SignedInAsync("Autrice de l'argument");
        Assert.Equal(HttpStatusCode.Redirect, (await ArgueAsync(author, debate, "Against", "Le marché du samedi")).Status);
        var argument = await app.WithDatabaseAsync(db => db.Arguments.Where(a => a.DebateId == debate).Select(a => a.Id).SingleAsync());
        var (supporter, person) = await app.SignedInAsync("Soutien impatient");
        var token = (await supporter.GetAsync($"/debates/{debate}")).Document.QuerySelector("input[name=__csrf]")!.GetAttribute("value")!;

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            supporter.PostRawAsync($"/debates/{debate}?handler=Support", [F("argumentId", argument.ToString()), F("__csrf", token)])));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.Status));
        Assert.Equal((1, 1), await app.WithDatabaseAsync(async db => (
            await db.ArgumentSupports.CountAsync(s => s.ArgumentId == argument),
            await db.Arguments.Where(a => a.Id == argument).Select(a => a.Supports).SingleAsync())));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var data = scope.ServiceProvider.GetRequiredService<PersonalData>();
            var account = await scope.ServiceProvider.GetRequiredService<ParvisDbContext>().Users.SingleAsync(p => p.Id == person.Id);
            Assert.Contains(argument.ToString(), Encoding.UTF8.GetString(await data.ExportAsync(account)), StringComparison.Ordinal);
            await data.EraseAsync(account, ErasureChoice.Anonymise);
        }
        Assert.Equal((0, 0), await app.WithDatabaseAsync(async db => (
            await db.ArgumentSupports.CountAsync(s => s.ArgumentId == argument),
            await db.Arguments.Where(a => a.Id == argument).Select(a => a.Supports).SingleAsync())));
    }

    [Fact]
    public async Task A_participant_who_opened_a_debate_and_leaves_with_their_words_takes_its_question_and_leaves_the_arguments()
    {
        const string slug = "debat-retire";
        await OpenToAllAsync(slug);
        // Staff open debates for the organisation: one leaving with their words leaves those.
        var (manager, _) = await app.SignedInAsync("Animatrice qui s'en va", Role.ProcessManager);
        var official = await manager.PostAsync($"/processes/{slug}/debates", [F("Question", "Faut-il un terrain synthétique ?"), F("Context", "Le club le demande.")]);
        Assert.Equal(HttpStatusCode.Redirect, official.Status);
        await manager.PostAsync("/account/delete", new Dictionary<string, string> { ["Choice"] = "Remove", ["Password"] = ParvisApp.Password });
        Assert.Equal("Faut-il un terrain synthétique ?", (await app.NewSession().GetAsync(official.Location!)).Text("h1"));
        var (opener, _) = await app.SignedInAsync("Ouvreuse du débat");
        var opened = await opener.PostAsync($"/processes/{slug}/debates", [F("Question", "Faut-il éclairer le stade la nuit ?"), F("Context", "Les riverains se plaignent du bruit."),
            F("PlainSummary", "La nuit, faut-il allumer le stade ?")]);
        Assert.Equal(HttpStatusCode.Redirect, opened.Status);
        var debate = Guid.Parse(opened.Location!.Split('/')[^1]);
        var (other, _) = await app.SignedInAsync("Riverain du stade");
        Assert.Equal(HttpStatusCode.Redirect, (await ArgueAsync(other, debate, "Against", "Le sommeil des riverains")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await other.PostAsync("/follow", new Dictionary<string, string>
        {
            ["kind"] = "Item", ["subjectId"] = debate.ToString(), ["following"] = "true", ["returnUrl"] = $"/debates/{debate}",
        }, $"/debates/{debate}")).Status);
        var export = await opener.PostAsync("/account?handler=Export", new Dictionary<string, string>());
        Assert.Contains("Les riverains se plaignent du bruit.", export.Body, StringComparison.Ordinal);

        await opener.PostAsync("/account/delete", new Dictionary<string, string> { ["Choice"] = "Remove", ["Password"] = ParvisApp.Password });

        var page = await app.NewSession().GetAsync($"/debates/{debate}");
        Assert.Equal("Question retirée par la personne qui a ouvert ce débat", page.Text("h1"));
        Assert.DoesNotContain("éclairer le stade", page.Text("main"), StringComparison.Ordinal);
        Assert.DoesNotContain("allumer le stade", page.Text("main"), StringComparison.Ordinal);
        Assert.DoesNotContain("riverains se plaignent", page.Text("main"), StringComparison.Ordinal);
        Assert.Contains("Le sommeil des riverains", page.Text("main"), StringComparison.Ordinal);
        Assert.Equal(["Faut-il un terrain synthétique ?", "Question retirée par la personne qui a ouvert ce débat"],
            (await app.NewSession().GetAsync($"/processes/{slug}/debates")).Texts("main h2 a").Order(StringComparer.Ordinal));
        // Others' follows named it by its question: they go with it.
        Assert.Equal((0, ""), await app.WithDatabaseAsync(async db => (
            await db.Follows.CountAsync(f => f.SubjectId == debate), await db.Debates.Where(d => d.Id == debate).Select(d => d.Context).SingleAsync())));
        // Said in the reader's language, not marked as the organisation's.
        using var reader = app.NewSession();
        (await reader.Client.GetAsync(new Uri($"/language/en?returnUrl=%2Fdebates%2F{debate}", UriKind.Relative))).Dispose();
        var english = await reader.GetAsync($"/debates/{debate}");
        Assert.Equal("Question removed by the person who opened this debate", english.Text("h1"));
        Assert.Null(english.Document.QuerySelector("h1")!.GetAttribute("lang"));

        // Closed by staff reading in English: the news of it stands in for the question in the organisation's language.
        var (closer, _) = await app.SignedInAsync("Clôture anglophone", Role.ProcessManager);
        (await closer.Client.GetAsync(new Uri("/language/en?returnUrl=%2F", UriKind.Relative))).Dispose();
        Assert.Equal(HttpStatusCode.Redirect, (await closer.PostAsync($"/admin/debates/{debate}?handler=Close", [
            F("Conclusion", "Pas d'éclairage de nuit."), F("Points[0].Kind", "Agreement"), F("Points[0].Text", "Le sommeil passe avant."),
        ])).Status);
        Assert.Equal(["Question retirée par la personne qui a ouvert ce débat"],
            await app.WithDatabaseAsync(db => db.NotificationEvents.Where(e => e.ItemId == debate).Select(e => e.ItemTitle).ToListAsync()));
    }

    [Fact]
    public async Task Moderation_hides_a_participant_s_debate_with_its_reason_and_shows_it_again()
    {
        const string slug = "debat-modere";
        await OpenToAllAsync(slug);
        var (opener, _) = await app.SignedInAsync("Ouvreur d'un débat hors charte");
        var opened = await opener.PostAsync($"/processes/{slug}/debates", [F("Question", "Faut-il chasser les voisins du 12 de la rue ?"), F("Context", "Ils sont bruyants.")]);
        var debate = Guid.Parse(opened.Location!.Split('/')[^1]);
        var (arguer, _) = await app.SignedInAsync("Argumentatrice du débat masqué");
        Assert.Equal(HttpStatusCode.Redirect, (await ArgueAsync(arguer, debate, "Against", "On ne désigne personne")).Status);
        var (moderator, _) = await app.SignedInAsync("Modératrice des débats", Role.Moderator);
        var page = $"/debates/{debate}";

        // Participants see no moderation form; a reason is asked for, beside its field.
        Assert.Null((await arguer.GetAsync(page)).Document.QuerySelector("form[action*='handler=Moderate']"));
        var unexplained = await moderator.PostAsync($"{page}?handler=Moderate", [F("hide", "true"), F("ModerationReason", " ")], page);
        Assert.Equal(HttpStatusCode.OK, unexplained.Status);
        Assert.Equal("Ce champ est obligatoire.", unexplained.Text("#ModerationReason-error"));
        Assert.Null(await app.WithDatabaseAsync(db => db.Debates.Where(d => d.Id == debate).Select(d => d.HiddenAt).SingleAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostAsync($"{page}?handler=Moderate", [F("hide", "true"), F("ModerationReason", "Vise des personnes nommément.")], page)).Status);

        // Hidden: its page says why and nothing of what it asked; lists, open data and arguing leave it out.
        using var visitor = app.NewSession();
        var hidden = await visitor.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, hidden.Status);
        Assert.Equal("Débat masqué par la modération", hidden.Text("h1"));
        Assert.Contains("Vise des personnes nommément.", hidden.Text("main"), StringComparison.Ordinal);
        Assert.DoesNotContain("voisins du 12", hidden.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("On ne désigne personne", hidden.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("voisins du 12", (await visitor.GetAsync($"/processes/{slug}/debates")).Text("main"), StringComparison.Ordinal);
        foreach (var dataset in new[] { "debates", "debates-arguments" })
        {
            var data = await visitor.GetAsync($"/open-data/{dataset}.csv");
            Assert.Equal(HttpStatusCode.OK, data.Status);
            Assert.DoesNotContain(debate.ToString(), data.Body, StringComparison.Ordinal);
        }
        var refused = await ArgueAsync(arguer, debate, "For", "Encore un argument");
        Assert.NotEqual(HttpStatusCode.Redirect, refused.Status);
        Assert.Contains("on n'y ajoute plus rien", refused.Text("main .alert"), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.Arguments.CountAsync(a => a.DebateId == debate)));
        Assert.Contains((await visitor.GetAsync("/moderation")).Texts("tbody tr"), row => row.Contains("débat", StringComparison.Ordinal)
            && row.Contains("Vise des personnes nommément.", StringComparison.Ordinal));
        // The moderator still finds it in the list, marked hidden, reads it, told it is hidden, and shows it again.
        Assert.Contains("voisins du 12", (await moderator.GetAsync($"/processes/{slug}/debates")).Text("main"), StringComparison.Ordinal);
        var moderated = await moderator.GetAsync(page);
        Assert.Equal("Faut-il chasser les voisins du 12 de la rue ?", moderated.Text("h1"));
        Assert.Contains("masqué par la modération", moderated.Text("main .alert"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostAsync($"{page}?handler=Moderate", [F("hide", "false"), F("ModerationReason", "Reformulé avec l'auteur.")], page)).Status);
        var shownAgain = await visitor.GetAsync(page);
        Assert.Equal("Faut-il chasser les voisins du 12 de la rue ?", shownAgain.Text("h1"));
        Assert.Contains("Se connecter pour argumenter", shownAgain.Text("main"), StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDatabaseAsync(db => db.ModerationDecisions.CountAsync(d => d.ContributionId == debate)));

        // Once the process is closed, nobody opens a debate in it, staff neither.
        await app.WithDatabaseAsync(db => db.Processes.Where(p => p.Slug == slug).ExecuteUpdateAsync(u => u.SetProperty(p => p.ClosedAt, DateTimeOffset.UtcNow)));
        var (manager, _) = await app.SignedInAsync("Animateur après la clôture", Role.ProcessManager);
        var late = await manager.PostAsync($"/processes/{slug}/debates", [F("Question", "Faut-il rouvrir la discussion sur le quartier ?"), F("Context", "")]);
        Assert.NotEqual(HttpStatusCode.Redirect, late.Status);
        Assert.Contains("La démarche est close", late.Text("main"), StringComparison.Ordinal);
        // Nor does it invite visitors to sign in to argue, which nobody may any more.
        Assert.DoesNotContain("Se connecter pour argumenter", (await visitor.GetAsync(page)).Text("main"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_debate_announced_before_its_opening_takes_arguments_from_then_and_its_record_takes_more_lines()
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        await app.AddProcessAsync("debat-annonce", new Phase { Title = "Débat", StartsOn = today.AddDays(-2), EndsOn = today.AddDays(60), Switches = [DebatesModule.Arguing] });
        var (staff, _) = await app.SignedInAsync("Animation du débat annoncé", Role.ProcessManager);
        string Local(TimeSpan from) => DateTime.Now.Add(from).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var backwards = await staff.PostAsync("/processes/debat-annonce/debates", [F("Question", "Faut-il un marché le dimanche à Lanester ?"),
            F("OpensAt", Local(TimeSpan.FromDays(5))), F("ClosesAt", Local(TimeSpan.FromDays(3)))]);
        Assert.Equal("L'ouverture doit précéder la fin.", backwards.Text("#OpensAt-error"));
        var opened = await staff.PostAsync("/processes/debat-annonce/debates", [F("Question", "Faut-il un marché le dimanche à Lanester ?"),
            F("OpensAt", Local(TimeSpan.FromDays(1))), F("ClosesAt", Local(TimeSpan.FromDays(10)))]);
        var debate = Guid.Parse(opened.Location!.Split('/')[^1]);
        var (participant, _) = await app.SignedInAsync("Habitante du dimanche");
        try
        {
            var announced = await participant.GetAsync($"/debates/{debate}");
            Assert.Contains("Ouvre aux arguments le", announced.Text("main"), StringComparison.Ordinal);
            Assert.Equal("Annoncé", announced.Text("main .badge"));
            Assert.Null(announced.Document.QuerySelector("#Side-For"));
            Assert.Contains("ne reçoit pas d'arguments", (await ArgueAsync(participant, debate, "For", "Un marché de plus")).Text("[role=alert]"), StringComparison.Ordinal);
            app.Clock.Advance(TimeSpan.FromDays(2));
            Assert.Equal(HttpStatusCode.Redirect, (await ArgueAsync(participant, debate, "For", "Un marché de plus")).Status);
        }
        finally
        {
            app.Clock.Reset();
        }

        // The record's form gives more lines without a script, keeping what was typed.
        var more = await staff.PostAsync($"/admin/debates/{debate}?handler=MorePoints", [F("Conclusion", "Un essai d'un an."), F("Points[0].Kind", "Agreement"),
            F("Points[0].Text", "Le marché attire du monde."), F("Points[1].Kind", "OpenQuestion"), F("Points[1].Text", "Qui paie le nettoyage ?")]);
        Assert.Equal(HttpStatusCode.OK, more.Status);
        Assert.Equal(8, more.Document.QuerySelectorAll("section[aria-labelledby=close] fieldset.grades").Length);
        Assert.Equal("Qui paie le nettoyage ?", more.Document.QuerySelector("#Points_1__Text")!.TextContent);
        Assert.Equal("Un essai d'un an.", more.Document.QuerySelector("#Conclusion")!.TextContent);
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.ClosingPoints.CountAsync(p => p.DebateId == debate)));
        // Never more lines than the record takes, whatever is posted.
        var many = await staff.PostAsync($"/admin/debates/{debate}?handler=MorePoints", [.. Enumerable.Range(0, 40).Select(i => F($"Points[{i}].Text", $"Point {i}"))]);
        Assert.Equal(HttpStatusCode.OK, many.Status);
        Assert.Equal(DebateCommands.MostPoints, many.Document.QuerySelectorAll("section[aria-labelledby=close] fieldset.grades").Length);

        // The process closed, the debate still open takes no paper argument, nor an invited position: closing checked every fate.
        await app.WithDatabaseAsync(db => db.Processes.Where(p => p.Slug == "debat-annonce").ExecuteUpdateAsync(u => u.SetProperty(p => p.ClosedAt, DateTimeOffset.UtcNow)));
        var late = await staff.PostAsync($"/admin/debates/{debate}?handler=Entry", [F("Entry.Side", "For"), F("Entry.Channel", "Paper"), F("Entry.From", "Urne de la mairie"),
            F("Entry.Title", "Un papier en retard"), F("Entry.Body", "Arrivé dans l'urne après la clôture de la démarche.")]);
        Assert.Contains("La démarche est close", late.Text("[role=alert]"), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.Arguments.CountAsync(a => a.DebateId == debate && a.Title == "Un papier en retard")));
    }
}
