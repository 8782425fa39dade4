using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Mediation;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Privacy;
using Parvis.Surveys;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Tests.Integration;

/// <summary>
/// Mediated participation: a structure's mediator opens an account held for someone without one, records their consent,
/// acts for them within the mandate's scope and duration, everything labelled and journaled; the person claims the
/// account, reads the journal and revokes the mandate.
/// </summary>
[Trait("Suite", "integration")]
public sealed class MediationTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    private async Task<(Guid Structure, Session Mediator, Person MediatorPerson, Person Witness)> DeskAsync(string name)
    {
        var (admin, _) = await app.SignedInAsync($"Admin {name[..10]}", Role.Administrator);
        var declared = await admin.PostAsync("/admin/mediation?handler=Structure", new Dictionary<string, string> { ["Name"] = name, ["Kind"] = "MediationPlace" });
        Assert.Equal(HttpStatusCode.Redirect, declared.Status);
        var structure = await app.WithDatabaseAsync(db => db.MediationStructures.Where(s => s.Name == name).Select(s => s.Id).SingleAsync());
        var (mediator, mediatorPerson) = await app.SignedInAsync($"Médiatrice {name[..10]}");
        var witness = await app.CreatePersonAsync($"Témoin {name[..10]}");
        foreach (var pseudonym in new[] { mediatorPerson.Pseudonym, witness.Pseudonym })
        {
            var added = await admin.PostAsync("/admin/mediation?handler=Mediator", new Dictionary<string, string> { ["StructureId"] = structure.ToString(), ["Pseudonym"] = pseudonym });
            Assert.Equal(HttpStatusCode.Redirect, added.Status);
        }
        // An administrator who is no mediator has no desk; a participant has no administration page.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.GetAsync("/mediation")).Status);
        Assert.Equal(HttpStatusCode.OK, (await mediator.GetAsync("/mediation")).Status);
        return (structure, mediator, mediatorPerson, witness);
    }

    private static async Task<Guid> OpenHeldAsync(Session mediator, Guid structure, string pseudonym, Guid? processId, string duration, params string[] allows)
    {
        var opened = await mediator.PostAsync("/mediation?handler=Open",
        [
            new("Pseudonym", pseudonym), new("Terms.StructureId", structure.ToString()), new("Terms.ProcessId", processId?.ToString() ?? ""),
            new("Terms.Duration", duration), .. allows.Select(a => new KeyValuePair<string, string>("Terms.Allows", a)),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, opened.Status);
        return Guid.Parse(opened.Location!.Split('/')[^1]);
    }

    private Task<string> SlugAsync(Guid processId) => app.WithDatabaseAsync(db => db.Processes.Where(p => p.Id == processId).Select(p => p.Slug).SingleAsync());

    [Fact]
    public async Task A_mediator_acts_for_a_person_within_the_mandate_labelled_and_journaled_and_the_person_stays_in_control()
    {
        var (structure, mediator, mediatorPerson, witness) = await DeskAsync("Maison France Services du port");
        var slug = await SlugAsync(app.World.ProcessId);
        var mandate = await OpenHeldAsync(mediator, structure, "Josiane du port", app.World.ProcessId, "SixMonths", "ContributeWith", "ContributeFor");
        var person = await app.WithDatabaseAsync(db => db.Users.SingleAsync(u => u.Pseudonym == "Josiane du port"));
        Assert.Null(person.Email);
        var page = $"/mediation/mandates/{mandate}";

        // Not in force before the consent is recorded: acting is refused, and nothing changes who the mediator is.
        var early = await mediator.PostAsync($"{page}?handler=Start", new Dictionary<string, string> { ["Mode"] = "For" });
        Assert.Equal(HttpStatusCode.OK, early.Status);
        Assert.Contains("n'est pas en vigueur", early.Text(".alert"), StringComparison.Ordinal);
        Assert.DoesNotContain("Josiane", (await mediator.GetAsync("/")).Text(".acting"), StringComparison.Ordinal);

        // An oral consent needs a second mediator of the structure, named next to the field.
        var unwitnessed = await mediator.PostAsync($"{page}?handler=Consent", new Dictionary<string, string> { ["Consent"] = "WitnessedOral", ["Witness"] = "" });
        Assert.Equal(HttpStatusCode.OK, unwitnessed.Status);
        Assert.Contains("second médiateur", unwitnessed.Text("#Witness-error"), StringComparison.Ordinal);
        var witnessed = await mediator.PostAsync($"{page}?handler=Consent", new Dictionary<string, string> { ["Consent"] = "WitnessedOral", ["Witness"] = witness.Pseudonym });
        Assert.Equal(HttpStatusCode.Redirect, witnessed.Status);
        // Named as witness, the second mediator confirms from their own desk before the mandate acts; nobody else can.
        Assert.Contains("En attente de la confirmation du témoin", (await mediator.GetAsync(page)).Text("dl.facts"), StringComparison.Ordinal);
        Assert.Contains("n'est pas en vigueur", (await mediator.PostAsync($"{page}?handler=Start", new Dictionary<string, string> { ["Mode"] = "For" })).Text(".alert"), StringComparison.Ordinal);
        Assert.Empty((await mediator.GetAsync("/mediation")).Document.QuerySelectorAll("section[aria-labelledby=to-witness]"));
        Assert.Equal(HttpStatusCode.NotFound, (await mediator.PostAsync("/mediation?handler=Witness", new Dictionary<string, string> { ["mandateId"] = mandate.ToString() })).Status);
        using (var witnessSession = app.NewSession())
        {
            await witnessSession.SignInAsync(witness.Email!, ParvisApp.Password);
            var desk = await witnessSession.GetAsync("/mediation");
            Assert.Contains("Josiane du port", desk.Text("section[aria-labelledby=to-witness]"), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Redirect, (await witnessSession.PostAsync("/mediation?handler=Witness", new Dictionary<string, string> { ["mandateId"] = mandate.ToString() })).Status);
            Assert.Empty((await witnessSession.GetAsync("/mediation")).Document.QuerySelectorAll("section[aria-labelledby=to-witness]"));
        }
        Assert.Contains("En vigueur jusqu'au", (await mediator.GetAsync(page)).Text("dl.facts"), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.AuditEntries.CountAsync(a => a.Action == "mediation.witness" && a.Subject == $"mandate:{mandate}")));

        // Acting: every page says for whom; the mediator's own account and the administration wait until they stop.
        var started = await mediator.PostAsync($"{page}?handler=Start", new Dictionary<string, string> { ["Mode"] = "For" });
        Assert.Equal(HttpStatusCode.Redirect, started.Status);
        Assert.Equal($"/processes/{slug}", started.Location);
        Assert.Contains("Vous agissez pour Josiane du port", (await mediator.GetAsync($"/processes/{slug}")).Text(".acting"), StringComparison.Ordinal);
        Assert.Equal(MediationPages.Stop, (await mediator.GetAsync("/account")).Location);
        Assert.Equal(MediationPages.Stop, (await mediator.GetAsync("/admin")).Location);
        Assert.Equal(MediationPages.Stop, (await mediator.GetAsync("/mediation")).Location);

        var proposed = await mediator.PostAsync($"/processes/{slug}/proposals/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "Un banc à l'arrêt de bus", ["Input.Body"] = "Pour attendre assise le bus du marché.", ["Input.ThemeId"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, proposed.Status);
        var proposal = await app.WithDatabaseAsync(db => db.Proposals.SingleAsync(p => p.Title == "Un banc à l'arrêt de bus"));
        Assert.Equal(person.Id, proposal.AuthorId);
        Assert.Equal(Channel.Mediated, proposal.Channel);
        Assert.Equal(structure, proposal.MediatedById);
        using (var visitor = app.NewSession())
        {
            var shown = await visitor.GetAsync($"/proposals/{proposal.Id}");
            Assert.Contains("saisi avec l'aide de Maison France Services du port", shown.Text(".mediated"), StringComparison.Ordinal);
            Assert.Contains("Josiane du port", shown.Body, StringComparison.Ordinal);
            // Labelled in the lists too, in the open data (the structure by its id) and in the council's report.
            var listed = (await visitor.GetAsync($"/processes/{slug}/proposals")).Document.QuerySelectorAll("li.card").Single(c => c.TextContent.Contains("Un banc à l'arrêt de bus", StringComparison.Ordinal));
            Assert.Equal("saisi avec l'aide de Maison France Services du port", listed.QuerySelector(".mediated")!.TextContent);
            Assert.Contains("saisi avec l'aide de Maison France Services du port", (await visitor.GetAsync($"/processes/{slug}/fates")).Text("main"), StringComparison.Ordinal);
            var row = System.Text.Json.JsonDocument.Parse((await visitor.GetAsync($"/open-data/proposals.json?process={slug}")).Body).RootElement.GetProperty("rows").EnumerateArray()
                .Single(r => r.GetProperty("title").GetString() == "Un banc à l'arrêt de bus");
            Assert.Equal(("mediated", structure.ToString()), (row.GetProperty("channel").GetString(), row.GetProperty("mediated_by_id").GetString()));
            var structures = System.Text.Json.JsonDocument.Parse((await visitor.GetAsync($"/open-data/mediation-structures.json?process={slug}")).Body).RootElement.GetProperty("rows").EnumerateArray().ToList();
            Assert.Equal([("Maison France Services du port", "mediation_place")], structures.Select(r => (r.GetProperty("name").GetString(), r.GetProperty("kind").GetString())));
            var quote = (await visitor.GetAsync($"/processes/{slug}/report")).Document.QuerySelectorAll(".verbatim blockquote").Single(q => q.TextContent.Contains("Un banc à l'arrêt", StringComparison.Ordinal));
            Assert.Contains("saisi avec l'aide de Maison France Services du port", quote.ParentElement!.TextContent, StringComparison.Ordinal);
        }
        var act = await app.WithDatabaseAsync(db => db.MandateActs.SingleAsync(a => a.MandateId == mandate));
        Assert.Equal(("proposal", $"/proposals/{proposal.Id}", mediatorPerson.Id, person.Id, MediationMode.For), (act.Kind, act.Address, act.MediatorId, act.PersonId, act.Mode));

        // Changing and withdrawing are journaled as plainly as writing; so is taking part in an opinion map.
        Assert.Equal(HttpStatusCode.Redirect, (await mediator.PostAsync($"/proposals/{proposal.Id}/edit", new Dictionary<string, string>
        {
            ["Input.Title"] = "Un banc abrité à l'arrêt de bus", ["Input.Body"] = "Pour attendre assise, à l'abri, le bus du marché.", ["Input.ThemeId"] = "",
        })).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await mediator.PostAsync($"/proposals/{proposal.Id}?handler=Withdraw", [])).Status);
        var map = await app.WithDatabaseAsync(async db =>
        {
            var process = await db.Processes.Include(p => p.Phases).FirstAsync(p => p.Id == app.World.ProcessId);
            var opinionMap = new Parvis.Web.Modules.OpinionMaps.OpinionMap
            {
                OrganisationId = process.OrganisationId, ProcessId = process.Id, ComponentId = process.Component(Parvis.Web.Modules.OpinionMaps.OpinionMapsModule.Key)!.Id,
                PhaseId = process.CurrentPhase(DateOnly.FromDateTime(DateTime.Now))!.Id, Question = "Que faire de la gare routière ?",
            };
            var statement = new Parvis.Web.Modules.OpinionMaps.Statement
            {
                OrganisationId = process.OrganisationId, ProcessId = process.Id, OpinionMapId = opinionMap.Id, Number = 0, Text = "Des bancs partout", PublishedAt = DateTimeOffset.UtcNow,
            };
            db.AddRange(opinionMap, statement);
            await db.SaveChangesAsync();
            return (opinionMap.Id, Statement: statement.Id);
        });
        foreach (var value in new[] { "1", "0" })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await mediator.PostAsync($"/maps/{map.Id}/vote?handler=Vote",
                new Dictionary<string, string> { ["statementId"] = map.Statement.ToString(), ["value"] = value }, $"/maps/{map.Id}/vote")).Status);
        }
        var acts = await app.WithDatabaseAsync(db => db.MandateActs.Where(a => a.MandateId == mandate).OrderBy(a => a.At).ToListAsync());
        Assert.Equal([("proposal", MandateChange.Added), ("proposal", MandateChange.Changed), ("proposal", MandateChange.Withdrawn)],
            acts.Where(a => a.Kind == "proposal").Select(a => (a.Kind, a.Change)));
        // An opinion map's votes are open data with their time: the journal says the day the person took part, not each vote.
        Assert.Equal([(MandateChange.Added, true, (Guid?)map.Id)], acts.Where(a => a.Kind == "opinion-vote").Select(a => (a.Change, a.DayOnly, a.SubjectId)));

        // Out of the mandate's scope: another process takes nothing from it.
        var today = DateOnly.FromDateTime(DateTime.Now);
        var other = await app.AddProcessAsync("hors-mandat", new Phase { Title = "Idées", StartsOn = today.AddDays(-1), EndsOn = today.AddDays(9), Switches = [ProposalsModule.Proposing] });
        var refusedForm = await mediator.GetAsync($"/processes/{other.Slug}/proposals/new");
        Assert.Empty(refusedForm.Document.QuerySelectorAll("form[method=post] textarea"));
        // A form left open elsewhere, posted anyway with the session's token: refused all the same.
        var token = (await mediator.GetAsync(MediationPages.Stop)).Document.QuerySelector("input[name=__csrf]")!.GetAttribute("value")!;
        await mediator.PostRawAsync($"/processes/{other.Slug}/proposals/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "Hors du mandat", ["Input.Body"] = "Ne doit pas être enregistré.", ["Input.ThemeId"] = "", ["__csrf"] = token,
        });
        Assert.False(await app.WithDatabaseAsync(db => db.Proposals.AnyAsync(p => p.Title == "Hors du mandat")));
        Assert.Contains("Josiane du port", (await mediator.GetAsync("/")).Text(".acting"), StringComparison.Ordinal);

        // Stopping: the mediator is themselves again.
        var stopped = await mediator.PostAsync(MediationPages.Stop, []);
        Assert.Equal(HttpStatusCode.Redirect, stopped.Status);
        Assert.Equal(HttpStatusCode.OK, (await mediator.GetAsync("/account")).Status);
        Assert.Equal("", (await mediator.GetAsync("/")).Text(".acting"));

        // The person claims the account with the code printed on the attestation, then reads and revokes the mandate.
        var coded = await mediator.PostAsync($"{page}?handler=Code", []);
        var code = coded.Text(".claim-code strong");
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", code);
        using var josiane = app.NewSession();
        var wrong = await josiane.PostAsync("/account/claim", new Dictionary<string, string> { ["Input.Code"] = "AAAA-BBBB-CCCC", ["Input.Email"] = "josiane@example.org", ["Input.Password"] = ParvisApp.Password });
        Assert.Contains("ne correspond à aucun compte", wrong.Text("#Input_Code-error"), StringComparison.Ordinal);
        // An address no mail can reach is refused next to its field, and the code still works after.
        var unreadable = await josiane.PostAsync("/account/claim", new Dictionary<string, string> { ["Input.Code"] = code, ["Input.Email"] = "josiane@.example.org", ["Input.Password"] = ParvisApp.Password });
        Assert.Equal(HttpStatusCode.OK, unreadable.Status);
        Assert.Contains("adresse e-mail valide", unreadable.Text("#Input_Email-error"), StringComparison.Ordinal);
        var claimed = await josiane.PostAsync("/account/claim", new Dictionary<string, string> { ["Input.Code"] = code.ToLowerInvariant(), ["Input.Email"] = "josiane@example.org", ["Input.Password"] = ParvisApp.Password });
        Assert.Contains("e-mail", claimed.Text("[role=status]"), StringComparison.Ordinal);
        var confirmation = await app.Mail.WaitForAsync("josiane@example.org", m => m.Subject?.Contains("Confirmez", StringComparison.Ordinal) == true);
        // Held until the address is confirmed: a mistyped one would leave the account to be claimed again.
        Assert.True(await app.WithDatabaseAsync(db => db.HeldAccounts.AnyAsync(h => h.PersonId == person.Id)));
        var link = new Uri(System.Text.RegularExpressions.Regex.Match(confirmation.TextBody!, @"https?://\S+/account/confirm\S+").Value);
        var confirmPage = await josiane.GetAsync(link.PathAndQuery);
        var confirmed = await josiane.PostAsync(link.PathAndQuery, new Dictionary<string, string>
        {
            ["Id"] = confirmPage.Document.QuerySelector("input[name=Id]")!.GetAttribute("value")!,
            ["Token"] = confirmPage.Document.QuerySelector("input[name=Token]")!.GetAttribute("value")!,
        });
        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        Assert.False(await app.WithDatabaseAsync(db => db.HeldAccounts.AnyAsync(h => h.PersonId == person.Id)));
        await josiane.SignInAsync("josiane@example.org", ParvisApp.Password);
        var mine = await josiane.GetAsync("/account/mandates");
        Assert.Contains("Maison France Services du port", mine.Text("section.card h2"), StringComparison.Ordinal);
        var journal = System.Text.RegularExpressions.Regex.Replace(mine.Text("ul.journal"), @"\s+", " ");
        Assert.Contains("Proposition", journal, StringComparison.Ordinal);
        Assert.Contains("Proposition (modification)", journal, StringComparison.Ordinal);
        Assert.Contains("Proposition (retrait)", journal, StringComparison.Ordinal);
        Assert.Contains("avis donnés sur une carte des opinions", journal, StringComparison.Ordinal);
        Assert.Contains($"par {mediatorPerson.Pseudonym}, pour la personne", journal, StringComparison.Ordinal);
        var revoked = await josiane.PostAsync("/account/mandates?handler=Revoke", new Dictionary<string, string> { ["mandateId"] = mandate.ToString(), ["confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, revoked.Status);
        Assert.Contains("Révoqué", (await josiane.GetAsync("/account/mandates")).Text("dl.facts"), StringComparison.Ordinal);

        // A revoked mandate acts no more.
        var again = await mediator.PostAsync($"{page}?handler=Start", new Dictionary<string, string> { ["Mode"] = "For" });
        Assert.Contains("n'est pas en vigueur", again.Text(".alert"), StringComparison.Ordinal);
    }

    /// <summary>Many accounts opened at once may be people enrolled without consent: the administrators hear of it the moment it happens.</summary>
    [Fact]
    public async Task A_mediator_opening_unusually_many_mandates_in_a_day_is_flagged_and_told_to_the_administrators()
    {
        var (structure, mediator, mediatorPerson, _) = await DeskAsync("Guichet numérique de la gare");
        var (admin, adminPerson) = await app.SignedInAsync("Administratrice vigilante", Role.Administrator);
        async Task<int> ToldAsync() => await app.WithDatabaseAsync(db => db.Notifications.CountAsync(n => n.PersonId == adminPerson.Id
            && db.NotificationEvents.Any(e => e.Id == n.EventId && e.Kind == Parvis.Web.Kernel.Notifications.KernelNotifications.MediationUnusual.Key)));
        for (var i = 0; i < MediationCommands.UnusualPerDay; i++)
        {
            await OpenHeldAsync(mediator, structure, $"Voyageur {i}", null, "SixMonths", "Explain");
        }
        Assert.Equal(0, await ToldAsync());
        Assert.Empty((await admin.GetAsync("/admin/mediation")).Document.QuerySelectorAll("section[aria-labelledby=unusual]"));
        await OpenHeldAsync(mediator, structure, "Voyageur de trop", null, "SixMonths", "Explain");
        Assert.Equal(1, await ToldAsync());
        Assert.Contains(mediatorPerson.Pseudonym, (await admin.GetAsync("/admin/mediation")).Text("section[aria-labelledby=unusual]"), StringComparison.Ordinal);
        // The news names the structure, not the mediator: it is kept, and mailed, beyond the mediator's account.
        var news = (await admin.GetAsync("/account/notifications")).Text("main");
        Assert.Contains("Un médiateur ou une médiatrice de la structure «\u00a0Guichet numérique de la gare\u00a0» a ouvert aujourd'hui 11 comptes", news, StringComparison.Ordinal);
        Assert.DoesNotContain(mediatorPerson.Pseudonym, news, StringComparison.Ordinal);
        // Told once for the day, not at every account after.
        await OpenHeldAsync(mediator, structure, "Voyageur en plus", null, "SixMonths", "Explain");
        Assert.Equal(1, await ToldAsync());
    }

    [Fact]
    public async Task A_session_ends_after_thirty_idle_minutes_a_session_mandate_ends_with_it_and_an_expired_mandate_acts_no_more()
    {
        var (structure, mediator, _, _) = await DeskAsync("Centre social des Îles");
        var once = await OpenHeldAsync(mediator, structure, "Marcel des Îles", null, "Session", "ContributeWith");
        var yearly = await OpenHeldAsync(mediator, structure, "Odette des Îles", null, "SixMonths", "Explain");
        foreach (var mandate in new[] { once, yearly })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await mediator.PostAsync($"/mediation/mandates/{mandate}?handler=Consent", new Dictionary<string, string> { ["Consent"] = "Attestation" })).Status);
        }
        // A mandate that only explains starts no session that writes.
        var writing = await mediator.PostAsync($"/mediation/mandates/{yearly}?handler=Start", new Dictionary<string, string> { ["Mode"] = "With" });
        Assert.Contains("ne permet pas d'agir ainsi", writing.Text(".alert"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await mediator.PostAsync($"/mediation/mandates/{once}?handler=Start", new Dictionary<string, string> { ["Mode"] = "With" })).Status);
        Assert.Contains("Marcel des Îles", (await mediator.GetAsync("/")).Text(".acting"), StringComparison.Ordinal);
        try
        {
            app.Clock.Advance(TimeSpan.FromMinutes(31));
            var after = await mediator.GetAsync("/");
            Assert.Equal("", after.Text(".acting"));
            Assert.Contains("La session de médiation a pris fin", (await mediator.GetAsync("/")).Text(".notice"), StringComparison.Ordinal);
            // A mandate for one session ended with it.
            var restart = await mediator.PostAsync($"/mediation/mandates/{once}?handler=Start", new Dictionary<string, string> { ["Mode"] = "With" });
            Assert.Contains("n'est pas en vigueur", restart.Text(".alert"), StringComparison.Ordinal);
            Assert.True(await app.WithDatabaseAsync(db => db.Mandates.Where(m => m.Id == once).Select(m => m.ExpiresAt).SingleAsync()) <= app.Clock.GetUtcNow());

            // Six months on: as if its end had come (the clock is not moved so far, which would end the mediator's own session).
            await app.WithDatabaseAsync(db => db.Mandates.Where(m => m.Id == yearly).ExecuteUpdateAsync(s => s.SetProperty(m => m.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(1))));
            var expired = await mediator.PostAsync($"/mediation/mandates/{yearly}?handler=Start", new Dictionary<string, string> { ["Mode"] = "Explain" });
            Assert.Contains("n'est pas en vigueur", expired.Text(".alert"), StringComparison.Ordinal);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task A_form_sent_once_the_session_ended_is_sent_for_nobody_and_hands_back_what_was_typed()
    {
        var (structure, mediator, mediatorPerson, _) = await DeskAsync("Tiers-lieu de la Ria");
        var slug = await SlugAsync(app.World.ProcessId);
        var mandate = await OpenHeldAsync(mediator, structure, "Yvonne de la Ria", null, "SixMonths", "ContributeWith");
        Assert.Equal(HttpStatusCode.Redirect, (await mediator.PostAsync($"/mediation/mandates/{mandate}?handler=Consent", new Dictionary<string, string> { ["Consent"] = "Attestation" })).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await mediator.PostAsync($"/mediation/mandates/{mandate}?handler=Start", new Dictionary<string, string> { ["Mode"] = "With" })).Status);
        // The form is opened for the person, then left open past the idle limit before it is sent.
        var form = await mediator.GetAsync($"/processes/{slug}/proposals/new");
        Assert.Contains("Yvonne de la Ria", form.Text(".acting"), StringComparison.Ordinal);
        var token = form.Document.QuerySelector("form[method=post] input[name=__csrf]")!.GetAttribute("value")!;
        try
        {
            app.Clock.Advance(TimeSpan.FromMinutes(31));
            var late = await mediator.PostRawAsync($"/processes/{slug}/proposals/new", new Dictionary<string, string>
            {
                ["__csrf"] = token, ["Input.Title"] = "Une rampe à la médiathèque", ["Input.Body"] = "Pour entrer avec un fauteuil, sans aide.", ["Input.ThemeId"] = "",
            });
            Assert.Equal(HttpStatusCode.Conflict, late.Status);
            Assert.Contains("Rien n'a été envoyé", late.Text("main"), StringComparison.Ordinal);
            Assert.Equal(["Une rampe à la médiathèque", "Pour entrer avec un fauteuil, sans aide."], late.Document.QuerySelectorAll("main textarea[readonly]").Select(t => t.TextContent));
            Assert.Equal(MediationPages.Home, late.Document.QuerySelectorAll("main a")[0].GetAttribute("href"));
            // Written in nobody's name: neither the person's nor, by a slip, the mediator's own.
            Assert.False(await app.WithDatabaseAsync(db => db.Proposals.AnyAsync(p => p.Title == "Une rampe à la médiathèque")));
            Assert.False(await app.WithDatabaseAsync(db => db.MandateActs.AnyAsync(a => a.MandateId == mandate)));
            // The mediator is themselves again, and the session is over.
            Assert.Equal("", (await mediator.GetAsync("/")).Text(".acting"));
            Assert.NotNull(await app.WithDatabaseAsync(db => db.MediationSessions.Where(s => s.MandateId == mandate).Select(s => s.EndedAt).SingleAsync()));
            Assert.Equal(HttpStatusCode.OK, (await mediator.GetAsync("/account")).Status);
            Assert.Equal(mediatorPerson.Pseudonym, await app.WithDatabaseAsync(db => db.Users.Where(u => u.Id == mediatorPerson.Id).Select(u => u.Pseudonym).SingleAsync()));
        }
        finally
        {
            app.Clock.Reset();
        }

        // Any form of this site it cannot take (here a token from another session, to a handler the error page has not)
        // hands back what was typed, never a secret; a form sent from another site has nothing of its text shown.
        using var stranger = app.NewSession();
        async Task<Session.Response> SignInFromAsync(string header, string site)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in?handler=Elsewhere")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__csrf"] = token, ["Input.Email"] = "quelquun@example.org", ["Input.Password"] = "mon mot de passe secret",
                }),
            };
            request.Headers.Add(header, site);
            using var response = await stranger.Client.SendAsync(request);
            return await Session.Response.ReadAsync(response);
        }
        var refused = await SignInFromAsync("Sec-Fetch-Site", "same-origin");
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(["quelquun@example.org"], refused.Document.QuerySelectorAll("main textarea[readonly]").Select(t => t.TextContent));
        Assert.DoesNotContain("mon mot de passe secret", refused.Body, StringComparison.Ordinal);
        // A browser that says only where the form came from: the organisation's own address, or another's.
        Assert.Single((await SignInFromAsync("Origin", "http://localhost")).Document.QuerySelectorAll("main textarea[readonly]"));
        foreach (var (header, site) in new[] { ("Sec-Fetch-Site", "cross-site"), ("Origin", "https://ailleurs.example") })
        {
            var forged = await SignInFromAsync(header, site);
            Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
            Assert.Empty(forged.Document.QuerySelectorAll("main textarea"));
        }
    }

    [Fact]
    public async Task An_anonymous_survey_answered_under_a_mandate_is_journaled_by_the_day_and_its_answer_joined_to_nobody()
    {
        var (structure, mediator, _, _) = await DeskAsync("Point numérique de Kervénanec");
        var today = DateOnly.FromDateTime(DateTime.Now);
        var process = await app.AddProcessAsync("questionnaire-aide", new Phase
        {
            Title = "Questionnaire", StartsOn = today.AddDays(-1), EndsOn = today.AddDays(30), Switches = [SurveysModule.Answering],
        });
        var survey = await app.WithDatabaseAsync(async db =>
        {
            var written = new Survey
            {
                OrganisationId = process.OrganisationId, ProcessId = process.Id, Title = "Vos démarches en ligne", Mode = SurveyMode.Anonymous, Stage = SurveyStage.Published,
                CreatedAt = DateTimeOffset.UtcNow.AddDays(-1), PublishedAt = DateTimeOffset.UtcNow.AddDays(-1), TokenKey = SurveyCodes.NewKey(),
            };
            written.Write([new(new Question("q1", QuestionKind.LongText, Required: true), "Ce qui vous gêne")]);
            db.Surveys.Add(written);
            await db.SaveChangesAsync();
            return written.Id;
        });
        var mandate = await OpenHeldAsync(mediator, structure, "Yvonne de Kervénanec", process.Id, "SixMonths", "ContributeWith");
        Assert.Equal(HttpStatusCode.Redirect, (await mediator.PostAsync($"/mediation/mandates/{mandate}?handler=Consent", new Dictionary<string, string> { ["Consent"] = "Attestation" })).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await mediator.PostAsync($"/mediation/mandates/{mandate}?handler=Start", new Dictionary<string, string> { ["Mode"] = "With" })).Status);

        var page = $"/surveys/{survey}";
        var code = (await mediator.PostAsync($"{page}?handler=Code", [])).Text(".survey-code");
        foreach (var _ in new[] { 1, 2 })
        {
            // The code is spent by the first answer: the second is refused, and changes nothing in the journal.
            await mediator.PostAsync(page, new Dictionary<string, string> { ["shown"] = "q1", ["a-q1"] = "Les formulaires des impôts", ["Code"] = code });
        }

        // It waits apart with others given without a name; once the survey has closed it joins the answers.
        await app.WithDatabaseAsync(db => db.Surveys.Where(s => s.Id == survey).ExecuteUpdateAsync(s => s.SetProperty(x => x.ClosesAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        await app.Services.GetRequiredService<SurveyBox>().TakeAsync();
        var text = await app.WithDatabaseAsync(db => db.SurveyTexts.SingleAsync(t => t.SurveyId == survey));
        Assert.Equal("Les formulaires des impôts", text.Text);
        Assert.Equal((null, null, Channel.Online), (text.AuthorId, text.MediatedById, text.Channel));
        var act = await app.WithDatabaseAsync(db => db.MandateActs.SingleAsync(a => a.MandateId == mandate));
        Assert.Equal(("survey-answer", (Guid?)survey, null, true), (act.Kind, act.SubjectId, act.Address, act.DayOnly));
        Assert.Equal(TimeSpan.Zero, act.At.ToLocalTime().TimeOfDay);
    }

    [Fact]
    public async Task A_desk_lists_its_mandates_fifty_a_page_and_finds_a_person_by_part_of_their_pseudonym()
    {
        var (structure, mediator, mediatorPerson, _) = await DeskAsync("Halles numériques, accueil");
        var people = Enumerable.Range(0, 53).Select(i => new Person { UserName = $"mandant{i}-{structure:N}", Pseudonym = i switch
        {
            7 => "Solange_Kerbihan", 8 => "Émilie Le Goff", _ => $"Mandant {i:00} des Halles",
        } }).ToList();
        await app.WithDatabaseAsync(async db =>
        {
            db.Users.AddRange(people);
            db.Mandates.AddRange(people.Select((p, i) => new Mandate
            {
                OrganisationId = app.World.OrganisationId, PersonId = p.Id, StructureId = structure, Allows = MandateAllows.Explain, Duration = MandateDuration.SixMonths,
                ConsentTextVersion = Mandate.ConsentVersion, CreatedById = mediatorPerson.Id, CreatedAt = DateTimeOffset.UtcNow.AddDays(-2 - i),
            }));
            return await db.SaveChangesAsync();
        });

        // One a day, so that no day is unusual for the other tests. The newest first, fifty a page, and the pager leads to the rest.
        var first = await mediator.GetAsync("/mediation");
        Assert.Equal(50, first.Document.QuerySelectorAll("section[aria-labelledby=mandates] tbody tr").Length);
        Assert.Equal("Mandant 00 des Halles", first.Text("section[aria-labelledby=mandates] tbody tr th"));
        var next = first.Document.QuerySelector("section[aria-labelledby=mandates] nav a[rel=next]")!.GetAttribute("href")!;
        Assert.Equal("/mediation?page=2#mandates", next);
        var second = await mediator.GetAsync(next);
        Assert.Equal(["Mandant 50 des Halles", "Mandant 51 des Halles", "Mandant 52 des Halles"], second.Texts("section[aria-labelledby=mandates] tbody tr th"));
        Assert.Equal("Page 2 sur 2", second.Text("section[aria-labelledby=mandates] nav li:nth-child(2)"));

        // Part of a pseudonym, in any case, finds it; an underscore typed is an underscore, not any letter.
        var found = await mediator.GetAsync("/mediation?q=" + Uri.EscapeDataString("  solange_KER "));
        Assert.Equal(["Solange_Kerbihan"], found.Texts("section[aria-labelledby=mandates] tbody tr th"));
        Assert.Equal("solange_KER", found.Document.QuerySelector("#q")!.GetAttribute("value"));
        // Accented capitals too, on SQLite as on PostgreSQL.
        Assert.Equal(["Émilie Le Goff"], (await mediator.GetAsync("/mediation?q=" + Uri.EscapeDataString("émilie"))).Texts("section[aria-labelledby=mandates] tbody tr th"));
        Assert.Equal(["Émilie Le Goff"], (await mediator.GetAsync("/mediation?q=" + Uri.EscapeDataString("ÉMILIE LE"))).Texts("section[aria-labelledby=mandates] tbody tr th"));
        // A search over more than a page keeps itself from page to page, each with its own title.
        var many = await mediator.GetAsync("/mediation?q=mandant");
        var manyNext = many.Document.QuerySelector("section[aria-labelledby=mandates] nav a[rel=next]")!.GetAttribute("href")!;
        Assert.Equal("/mediation?q=mandant&page=2#mandates", manyNext);
        var manySecond = await mediator.GetAsync(manyNext);
        Assert.Equal(1, manySecond.Document.QuerySelectorAll("section[aria-labelledby=mandates] tbody tr").Length);
        Assert.StartsWith("Poste de médiation, recherche « mandant », page 2", manySecond.Document.Title!.Replace('\u00a0', ' '), StringComparison.Ordinal);
        var none = await mediator.GetAsync("/mediation?q=" + Uri.EscapeDataString("Mandant_0"));
        Assert.Empty(none.Document.QuerySelectorAll("section[aria-labelledby=mandates] tbody tr"));
        Assert.Contains("Aucun mandat pour une personne dont le pseudonyme contient", none.Text("section[aria-labelledby=mandates]"), StringComparison.Ordinal);
        // A page past the last shows the last.
        Assert.Equal(3, (await mediator.GetAsync("/mediation?page=9")).Document.QuerySelectorAll("section[aria-labelledby=mandates] tbody tr").Length);
    }

    [Fact]
    public async Task An_account_claimed_then_proven_by_a_password_reset_is_held_no_more_and_no_code_takes_it_back()
    {
        var (structure, mediator, _, _) = await DeskAsync("Kerentrech, point numérique");
        var mandate = await OpenHeldAsync(mediator, structure, "Gildas de Kerentrech", app.World.ProcessId, "SixMonths", "ContributeWith");
        var page = $"/mediation/mandates/{mandate}";
        Assert.Equal(HttpStatusCode.Redirect, (await mediator.PostAsync($"{page}?handler=Consent", new Dictionary<string, string> { ["Consent"] = "Attestation" })).Status);
        var code = (await mediator.PostAsync($"{page}?handler=Code", [])).Text(".claim-code strong");
        using var gildas = app.NewSession();
        var claimed = await gildas.PostAsync("/account/claim", new Dictionary<string, string> { ["Input.Code"] = code, ["Input.Email"] = "gildas@example.org", ["Input.Password"] = ParvisApp.Password });
        Assert.Contains("e-mail", claimed.Text("[role=status]"), StringComparison.Ordinal);
        await app.Mail.WaitForAsync("gildas@example.org", m => m.Subject?.Contains("Confirmez", StringComparison.Ordinal) == true);

        // Rather than the confirmation link, the person asks for a new password: its link proves the address all the same.
        await gildas.PostAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = "gildas@example.org" });
        var message = await app.Mail.WaitForAsync("gildas@example.org", m => m.Subject?.Contains("nouveau mot de passe", StringComparison.Ordinal) == true);
        var link = new Uri(System.Text.RegularExpressions.Regex.Match(message.TextBody!, @"https?://\S+/account/reset\S+").Value);
        var form = await gildas.GetAsync(link.PathAndQuery);
        Assert.NotEmpty((await gildas.PostAsync("/account/reset", new Dictionary<string, string>
        {
            ["Id"] = form.Document.QuerySelector("input[name=Id]")!.GetAttribute("value")!,
            ["Token"] = form.Document.QuerySelector("input[name=Token]")!.GetAttribute("value")!,
            ["Password"] = "un mot de passe à moi seul",
        }, link.PathAndQuery)).Text("[role=status]"));
        var person = await app.WithDatabaseAsync(db => db.Users.SingleAsync(u => u.Pseudonym == "Gildas de Kerentrech"));
        Assert.True(person.EmailConfirmed);
        Assert.False(await app.WithDatabaseAsync(db => db.HeldAccounts.AnyAsync(h => h.PersonId == person.Id)));

        // The structure holds the account no more: no new code for it, and a hold left behind by older data gives none either.
        Assert.Equal(HttpStatusCode.NotFound, (await mediator.PostAsync($"{page}?handler=Code", [])).Status);
        await app.WithDatabaseAsync(async db =>
        {
            db.HeldAccounts.Add(new HeldAccount { PersonId = person.Id, OrganisationId = app.World.OrganisationId, StructureId = structure, CodeHash = ClaimCodes.Hash("ABCD-EFGH-JKMN") });
            return await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.NotFound, (await mediator.PostAsync($"{page}?handler=Code", [])).Status);
        using var taker = app.NewSession();
        var taken = await taker.PostAsync("/account/claim", new Dictionary<string, string> { ["Input.Code"] = "ABCD-EFGH-JKMN", ["Input.Email"] = "mediateur@example.org", ["Input.Password"] = ParvisApp.Password });
        Assert.Contains("ne correspond à aucun compte", taken.Text("#Input_Code-error"), StringComparison.Ordinal);
        Assert.Equal("gildas@example.org", await app.WithDatabaseAsync(db => db.Users.Where(u => u.Id == person.Id).Select(u => u.Email).SingleAsync()));
        await gildas.SignInAsync("gildas@example.org", "un mot de passe à moi seul");
    }

    [Fact]
    public async Task A_mediator_takes_a_committee_seat_for_a_person_only_where_the_mandate_reaches_and_it_is_journaled()
    {
        var (structure, mediator, mediatorPerson, _) = await DeskAsync("Bois-du-Château, centre social");
        var today = DateOnly.FromDateTime(DateTime.Now);
        var process = await app.AddProcessAsync("comites-aides", new Phase
        {
            Title = "Pétitions", StartsOn = today.AddDays(-1), EndsOn = today.AddDays(30), Switches = [PetitionsModule.Writing, PetitionsModule.Signing],
        });
        var elsewhere = await OpenHeldAsync(mediator, structure, "Maryvonne d'ailleurs", app.World.ProcessId, "SixMonths", "ContributeWith");
        var here = await OpenHeldAsync(mediator, structure, "Loïc du Bois", process.Id, "SixMonths", "ContributeWith");
        var (maryvonne, loic) = await app.WithDatabaseAsync(async db => (
            await db.Users.Where(u => u.Pseudonym == "Maryvonne d'ailleurs").Select(u => u.Id).SingleAsync(),
            await db.Users.Where(u => u.Pseudonym == "Loïc du Bois").Select(u => u.Id).SingleAsync()));
        var author = await app.CreatePersonAsync("Autrice du comité");
        var petition = await app.WithDatabaseAsync(async db =>
        {
            var written = new Petition
            {
                OrganisationId = app.World.OrganisationId, ProcessId = process.Id, AuthorId = author.Id, Title = "Un jardin partagé au pied des tours",
                Text = "Pour cultiver ensemble.", Stage = PetitionStage.Committee,
            };
            db.Petitions.Add(written);
            db.CommitteeMembers.AddRange(
                new CommitteeMember { PetitionId = written.Id, PersonId = author.Id, ConfirmedAt = DateTimeOffset.UtcNow },
                new CommitteeMember { PetitionId = written.Id, PersonId = maryvonne },
                new CommitteeMember { PetitionId = written.Id, PersonId = loic });
            await db.SaveChangesAsync();
            return written.Id;
        });
        var page = $"/petitions/{petition}";
        foreach (var mandate in new[] { elsewhere, here })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await mediator.PostAsync($"/mediation/mandates/{mandate}?handler=Consent", new Dictionary<string, string> { ["Consent"] = "Attestation" })).Status);
        }
        Task<DateTimeOffset?> ConfirmedAsync(Guid person) =>
            app.WithDatabaseAsync(db => db.CommitteeMembers.Where(m => m.PetitionId == petition && m.PersonId == person).Select(m => m.ConfirmedAt).SingleAsync());

        // A mandate for another process reaches no committee here: neither joining nor leaving it.
        Assert.Equal(HttpStatusCode.Redirect, (await mediator.PostAsync($"/mediation/mandates/{elsewhere}?handler=Start", new Dictionary<string, string> { ["Mode"] = "With" })).Status);
        foreach (var handler in new[] { "Confirm", "Decline" })
        {
            var refused = await mediator.PostAsync($"{page}?handler={handler}", new Dictionary<string, string>(), page);
            Assert.Equal(HttpStatusCode.OK, refused.Status);
            Assert.Contains("ne permet pas cela ici", refused.Text("main"), StringComparison.Ordinal);
        }
        Assert.Null(await ConfirmedAsync(maryvonne));
        await mediator.PostAsync(MediationPages.Stop, []);

        // Within the mandate, the seat is taken and the person's journal says so.
        Assert.Equal(HttpStatusCode.Redirect, (await mediator.PostAsync($"/mediation/mandates/{here}?handler=Start", new Dictionary<string, string> { ["Mode"] = "With" })).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await mediator.PostAsync($"{page}?handler=Confirm", new Dictionary<string, string>(), page)).Status);
        Assert.NotNull(await ConfirmedAsync(loic));
        var act = await app.WithDatabaseAsync(db => db.MandateActs.SingleAsync(a => a.MandateId == here));
        Assert.Equal((CommitteeSeat.Kind, page, mediatorPerson.Id, loic), (act.Kind, act.Address, act.MediatorId, act.PersonId));
        Assert.False(await app.WithDatabaseAsync(db => db.MandateActs.AnyAsync(a => a.MandateId == elsewhere)));
    }

    [Fact]
    public async Task Contesting_a_hiding_giving_an_opinion_on_a_phase_and_giving_up_a_seat_stay_within_the_mandate_and_are_journaled()
    {
        var (structure, mediator, mediatorPerson, _) = await DeskAsync("Quaisvivants, espace de vie sociale");
        var today = DateOnly.FromDateTime(DateTime.Now);
        // The phase ends today: its opinion form is open.
        var process = await app.AddProcessAsync("aides-hors-contributions", new Phase { Title = "Idées", StartsOn = today.AddDays(-10), EndsOn = today, Switches = [ProposalsModule.Proposing] });
        var elsewhere = await OpenHeldAsync(mediator, structure, "Gaëlle d'ailleurs", app.World.ProcessId, "SixMonths", "ContributeFor");
        var here = await OpenHeldAsync(mediator, structure, "Yannick des Quais", process.Id, "SixMonths", "ContributeFor");
        var votesOnly = await OpenHeldAsync(mediator, structure, "Nolwenn des Quais", process.Id, "SixMonths", "VoteFor");
        foreach (var mandate in new[] { elsewhere, here, votesOnly })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await mediator.PostAsync($"/mediation/mandates/{mandate}?handler=Consent", new Dictionary<string, string> { ["Consent"] = "Attestation" })).Status);
        }
        var moderator = await app.CreatePersonAsync("Modératrice des Quais");
        // Each has a proposal hidden and a seat at a meeting, in this process.
        var (gaelle, yannick, nolwenn, meeting) = await app.WithDatabaseAsync(async db =>
        {
            var people = await db.Users.Where(u => u.Pseudonym == "Gaëlle d'ailleurs" || u.Pseudonym == "Yannick des Quais" || u.Pseudonym == "Nolwenn des Quais")
                .ToDictionaryAsync(u => u.Pseudonym, u => u.Id);
            var evening = DateTimeOffset.Now.AddDays(3);
            var gathering = new Meeting
            {
                OrganisationId = process.OrganisationId, ProcessId = process.Id, ComponentId = process.Component(MeetingsModule.Key)!.Id, Title = "Réunion des Quais",
                Registration = true, StartsAt = evening, EndsAt = evening.AddHours(2),
            };
            var site = new MeetingSite { MeetingId = gathering.Id, Name = "Salle des Quais", Capacity = 10 };
            db.AddRange(gathering, site);
            foreach (var person in people.Values)
            {
                var proposal = new Proposal
                {
                    OrganisationId = process.OrganisationId, ProcessId = process.Id, AuthorId = person, Title = "Un banc face à l'eau", Body = "Pour s'asseoir.",
                    HiddenAt = DateTimeOffset.UtcNow, HiddenReason = "Doublon",
                };
                db.AddRange(proposal,
                    new ModerationDecision
                    {
                        OrganisationId = process.OrganisationId, ProcessId = process.Id, ContributionId = proposal.Id, ContributionKind = proposal.Kind,
                        Action = ModerationAction.Hide, Reason = "Doublon", ModeratorId = moderator.Id,
                    },
                    new MeetingRegistration { MeetingId = gathering.Id, SiteId = site.Id, PersonId = person, Status = RegistrationStatus.Confirmed, CreatedAt = DateTimeOffset.UtcNow });
            }
            await db.SaveChangesAsync();
            return (people["Gaëlle d'ailleurs"], people["Yannick des Quais"], people["Nolwenn des Quais"], gathering.Id);
        });
        Task<Guid> HiddenOfAsync(Guid person) => app.WithDatabaseAsync(db => db.Proposals.Where(p => p.AuthorId == person).Select(p => p.Id).SingleAsync());
        var feedback = $"/processes/{process.Slug}/feedback";
        // Under a mandate, the mediator contests the person's hiding, gives their opinion of the phase and gives up their
        // seat; what stands after: whether they appealed, gave an opinion, are still seated.
        async Task<(bool Appealed, bool Opinion, bool Seated)> ActForAsync(Guid mandate, Guid person)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await mediator.PostAsync($"/mediation/mandates/{mandate}?handler=Start", new Dictionary<string, string> { ["Mode"] = "For" })).Status);
            var hidden = await HiddenOfAsync(person);
            await mediator.PostAsync($"/contributions/{hidden}/appeal", new Dictionary<string, string> { ["Reason"] = "Ce n'est pas un doublon." }, $"/contributions/{hidden}/appeal");
            await mediator.PostAsync(feedback, new Dictionary<string, string>
            {
                ["PhaseId"] = process.Phases[0].Id.ToString(), ["Clear"] = "Yes", ["Fair"] = "Yes", ["Useful"] = "Partly", ["Comment"] = "",
            }, feedback);
            await mediator.PostAsync($"/meetings/{meeting}?handler=Cancel", new Dictionary<string, string>(), $"/meetings/{meeting}");
            await mediator.PostAsync(MediationPages.Stop, []);
            return await app.WithDatabaseAsync(async db => (
                await db.ModerationAppeals.AnyAsync(a => a.AuthorId == person), await db.PhaseFeedback.AnyAsync(f => f.PersonId == person),
                await db.MeetingRegistrations.AnyAsync(r => r.PersonId == person)));
        }

        // A mandate for another process, or one to vote only, reaches none of them here: the person's one appeal is not spent.
        Assert.Equal((false, false, true), await ActForAsync(elsewhere, gaelle));
        Assert.Equal((false, false, true), await ActForAsync(votesOnly, nolwenn));

        // Within the mandate, each is done, and the person's journal says so.
        Assert.Equal((true, true, false), await ActForAsync(here, yannick));
        var acts = await app.WithDatabaseAsync(db => db.MandateActs.Where(a => a.MandateId == here).OrderBy(a => a.At).Select(a => new { a.Kind, a.Change, a.Address, a.MediatorId }).ToListAsync());
        Assert.Equal([("appeal", MandateChange.Added), ("feedback", MandateChange.Added), ("registration", MandateChange.Withdrawn)], acts.Select(a => (a.Kind, a.Change)));
        Assert.Equal([$"/contributions/{await HiddenOfAsync(yannick)}", null, $"/meetings/{meeting}"], acts.Select(a => a.Address));
        Assert.All(acts, a => Assert.Equal(mediatorPerson.Id, a.MediatorId));
        Assert.False(await app.WithDatabaseAsync(db => db.MandateActs.AnyAsync(a => a.MandateId == elsewhere || a.MandateId == votesOnly)));
        var sheet = System.Text.RegularExpressions.Regex.Replace((await mediator.GetAsync($"/mediation/mandates/{here}")).Text("ul.journal"), @"\s+", " ");
        Assert.Contains("contestation d'un masquage", sheet, StringComparison.Ordinal);
        Assert.Contains("inscription à une réunion (retrait)", sheet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mediator_signs_a_petition_for_as_many_people_as_the_organisation_allows_each_signature_journaled()
    {
        var (structure, mediator, mediatorPerson, _) = await DeskAsync("Association Lire et écrire");
        var (admin, _) = await app.SignedInAsync("Admin de la limite", Role.Administrator);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/admin/mediation?handler=Limit", new Dictionary<string, string> { ["PeoplePerMediator"] = "0" })).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/admin/mediation?handler=Limit", new Dictionary<string, string> { ["PeoplePerMediator"] = "1" })).Status);
        var today = DateOnly.FromDateTime(DateTime.Now);
        var process = await app.AddProcessAsync("petitions-aidees", new Phase
        {
            Title = "Pétitions", StartsOn = today.AddDays(-1), EndsOn = today.AddDays(30), Switches = [PetitionsModule.Writing, PetitionsModule.Signing],
        });
        var petition = await app.WithDatabaseAsync(async db =>
        {
            var written = new Petition { OrganisationId = app.World.OrganisationId, ProcessId = process.Id, Title = "Un guichet ouvert le samedi", Text = "Pour ceux qui travaillent.", Stage = PetitionStage.Signing };
            db.Petitions.Add(written);
            await db.SaveChangesAsync();
            return written.Id;
        });
        var first = await OpenHeldAsync(mediator, structure, "Lucienne des quais", null, "TwelveMonths", "ContributeWith");
        var second = await OpenHeldAsync(mediator, structure, "Gaston des quais", null, "TwelveMonths", "ContributeWith");
        foreach (var mandate in new[] { first, second })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await mediator.PostAsync($"/mediation/mandates/{mandate}?handler=Consent", new Dictionary<string, string> { ["Consent"] = "Attestation" })).Status);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await mediator.PostAsync($"/mediation/mandates/{first}?handler=Start", new Dictionary<string, string> { ["Mode"] = "With" })).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await mediator.PostAsync($"/petitions/{petition}?handler=Sign", new Dictionary<string, string>(), $"/petitions/{petition}")).Status);
        await mediator.PostAsync(MediationPages.Stop, []);
        Assert.Equal(HttpStatusCode.Redirect, (await mediator.PostAsync($"/mediation/mandates/{second}?handler=Start", new Dictionary<string, string> { ["Mode"] = "With" })).Status);
        var refused = await mediator.PostAsync($"/petitions/{petition}?handler=Sign", new Dictionary<string, string>(), $"/petitions/{petition}");
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("nombre maximal de personnes", refused.Body, StringComparison.Ordinal);

        var signatures = await app.WithDatabaseAsync(db => db.PetitionSignatures.Where(s => s.PetitionId == petition).Select(s => s.PersonId).ToListAsync());
        var lucienne = await app.WithDatabaseAsync(db => db.Users.Where(u => u.Pseudonym == "Lucienne des quais").Select(u => u.Id).SingleAsync());
        Assert.Equal([lucienne], signatures.Select(s => s!.Value));
        var act = await app.WithDatabaseAsync(db => db.MandateActs.SingleAsync(a => a.SubjectId == petition));
        Assert.Equal((first, "signature", mediatorPerson.Id, lucienne), (act.MandateId, act.Kind, act.MediatorId, act.PersonId));

        // The person's data holds the mandate and its journal; erasing the account takes both, and the mediator's export
        // names what they did under it without naming the person.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var data = scope.ServiceProvider.GetRequiredService<PersonalData>();
            var db = scope.ServiceProvider.GetRequiredService<ParvisDbContext>();
            var exported = Encoding.UTF8.GetString(await data.ExportAsync(await db.Users.SingleAsync(p => p.Id == lucienne)));
            Assert.Contains("Association Lire et ", exported, StringComparison.Ordinal);
            Assert.Contains($"/petitions/{petition}", exported, StringComparison.Ordinal);
            // And the sessions someone opened in their name, with when and how.
            var sessions = await db.MediationSessions.Where(s => s.MandateId == first).Select(s => s.Id).ToListAsync();
            Assert.NotEmpty(sessions);
            Assert.All(sessions, s => Assert.Contains(s.ToString(), exported, StringComparison.Ordinal));
            var mediatorExport = Encoding.UTF8.GetString(await data.ExportAsync(await db.Users.SingleAsync(p => p.Id == mediatorPerson.Id)));
            Assert.Contains(first.ToString(), mediatorExport, StringComparison.Ordinal);
            Assert.DoesNotContain("Lucienne", mediatorExport, StringComparison.Ordinal);
            await data.EraseAsync(await db.Users.SingleAsync(p => p.Id == lucienne), ErasureChoice.Anonymise);
        }
        Assert.False(await app.WithDatabaseAsync(db => db.Mandates.AnyAsync(m => m.PersonId == lucienne)));
        Assert.False(await app.WithDatabaseAsync(db => db.MandateActs.AnyAsync(a => a.PersonId == lucienne)));
        Assert.False(await app.WithDatabaseAsync(db => db.HeldAccounts.AnyAsync(h => h.PersonId == lucienne)));
    }

    [Fact]
    public async Task A_mediator_votes_for_a_person_only_where_the_mandate_and_the_vote_allow_it_and_the_journal_keeps_the_day()
    {
        var (structure, mediator, _, _) = await DeskAsync("Maison des habitants");
        async Task<Guid> VoteAsync(bool mediated) => await app.WithDatabaseAsync(async db =>
        {
            var process = await db.Processes.FirstAsync(p => p.Id == app.World.ProcessId);
            var now = DateTimeOffset.UtcNow;
            var vote = new Vote
            {
                OrganisationId = process.OrganisationId, ProcessId = process.Id, ComponentId = process.Component(VotesModule.Key)!.Id,
                Question = mediated ? "Ouvrir la maison le dimanche ?" : "Fermer la maison en août ?", Purpose = VotePurpose.Advisory, Method = VoteMethod.SingleChoice,
                Seats = 1, Secret = true, Mediated = mediated, OpensAt = now.AddHours(-1), ClosesAt = now.AddDays(2), TieBreak = "0,1",
            };
            db.Votes.Add(vote);
            db.VoteOptions.AddRange(new VoteOption { VoteId = vote.Id, Position = 0, Title = "Oui" }, new VoteOption { VoteId = vote.Id, Position = 1, Title = "Non" });
            await db.SaveChangesAsync();
            return vote.Id;
        });
        var takesMediated = await VoteAsync(mediated: true);
        var onlyInPerson = await VoteAsync(mediated: false);
        var contributeOnly = await OpenHeldAsync(mediator, structure, "Yvette de la maison", null, "TwelveMonths", "ContributeFor");
        var votes = await OpenHeldAsync(mediator, structure, "Armand de la maison", null, "TwelveMonths", "VoteFor");
        foreach (var mandate in new[] { contributeOnly, votes })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await mediator.PostAsync($"/mediation/mandates/{mandate}?handler=Consent", new Dictionary<string, string> { ["Consent"] = "Attestation" })).Status);
        }
        async Task<Session.Response> CastAsync(Guid vote)
        {
            var token = (await mediator.GetAsync(MediationPages.Stop)).Document.QuerySelector("input[name=__csrf]")!.GetAttribute("value")!;
            return await mediator.PostRawAsync($"/votes/{vote}", new Dictionary<string, string> { ["__csrf"] = token, ["choice"] = "0" });
        }

        // A mandate that does not say "vote" casts no ballot.
        Assert.Equal(HttpStatusCode.Redirect, (await mediator.PostAsync($"/mediation/mandates/{contributeOnly}?handler=Start", new Dictionary<string, string> { ["Mode"] = "For" })).Status);
        await CastAsync(takesMediated);
        await mediator.PostAsync(MediationPages.Stop, []);
        // One that does, only in a vote that takes ballots through a mediator.
        Assert.Equal(HttpStatusCode.Redirect, (await mediator.PostAsync($"/mediation/mandates/{votes}?handler=Start", new Dictionary<string, string> { ["Mode"] = "For" })).Status);
        await CastAsync(onlyInPerson);
        Assert.Equal(HttpStatusCode.Redirect, (await CastAsync(takesMediated)).Status);
        await mediator.PostAsync(MediationPages.Stop, []);

        var armand = await app.WithDatabaseAsync(db => db.Users.Where(u => u.Pseudonym == "Armand de la maison").Select(u => u.Id).SingleAsync());
        var register = await app.WithDatabaseAsync(db => db.VoteRegister.Where(r => r.VoteId == takesMediated || r.VoteId == onlyInPerson).ToListAsync());
        var line = Assert.Single(register);
        Assert.Equal((takesMediated, armand, VoteChannel.Mediated), (line.VoteId, line.PersonId, line.Channel));
        var act = await app.WithDatabaseAsync(db => db.MandateActs.SingleAsync(a => a.MandateId == votes));
        Assert.True(act.DayOnly);
        Assert.Equal(TimeSpan.Zero, act.At.ToLocalTime().TimeOfDay);
        Assert.Equal("vote", act.Kind);
    }
}
