using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.People;

namespace Parvis.Tests.Integration;

/// <summary>Paper desks: one register with the online vote, two readings of each sheet, a count that takes them once.</summary>
public sealed partial class VoteTests
{
    private Task<Guid> DeskAsync(Guid voteId, string name) => app.WithDatabaseAsync(async db =>
    {
        var desk = new VoteDesk { VoteId = voteId, Name = name };
        db.VoteDesks.Add(desk);
        await db.SaveChangesAsync();
        return desk.Id;
    });

    [Fact]
    public async Task A_paper_ballot_after_an_online_vote_is_refused_and_an_online_ballot_after_a_paper_one()
    {
        var vote = await VoteAsync(VoteMethod.SingleChoice, ["Halle", "Jardin"]);
        var desk = await DeskAsync(vote, "Mairie annexe");
        var (online, onlinePerson) = await app.SignedInAsync("Votant en ligne puis au bureau");
        var paperPerson = await app.CreatePersonAsync("Votante au bureau puis en ligne");
        var (officer, _) = await app.SignedInAsync("Assesseur du bureau", Role.Facilitator);
        var page = $"/votes/{vote}/desks/{desk}";
        Assert.Equal(HttpStatusCode.Redirect, (await online.PostAsync($"/votes/{vote}", new Dictionary<string, string> { ["choice"] = "0" })).Status);

        var refused = await officer.PostAsync($"{page}?handler=SignAccount", new Dictionary<string, string> { ["Who.Account"] = onlinePerson.Pseudonym });

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("déjà voté en ligne", refused.Text("#Who_Account-error"), StringComparison.Ordinal);
        Assert.Equal(onlinePerson.Pseudonym, refused.Document.QuerySelector("#Who_Account")!.GetAttribute("value"));
        var signed = await officer.PostAsync($"{page}?handler=SignAccount", new Dictionary<string, string> { ["Who.Account"] = paperPerson.Email!.ToUpperInvariant() });
        Assert.Equal(HttpStatusCode.Redirect, signed.Status);

        var paperVoter = app.NewSession();
        await paperVoter.SignInAsync(paperPerson.Email!, ParvisApp.Password);
        var secondBallot = await paperVoter.PostAsync($"/votes/{vote}", new Dictionary<string, string> { ["choice"] = "1" });
        Assert.Equal(HttpStatusCode.OK, secondBallot.Status);
        Assert.Contains("Vous avez voté le", secondBallot.Text("main"), StringComparison.Ordinal);
        var register = await app.WithDatabaseAsync(db => db.VoteRegister.Where(r => r.VoteId == vote).OrderBy(r => r.Channel).ToListAsync());
        Assert.Equal([(VoteChannel.Online, (Guid?)null), (VoteChannel.Paper, desk)], register.Select(r => (r.Channel, r.DeskId)));
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.BallotBox(vote).CountAsync()));

        var unknown = await officer.PostAsync($"{page}?handler=SignAccount", new Dictionary<string, string> { ["Who.Account"] = "personne-inconnue" });
        Assert.Contains("Aucun compte", unknown.Text("#Who_Account-error"), StringComparison.Ordinal);
        var (participant, _) = await app.SignedInAsync("Curieux des bureaux");
        Assert.Contains("/error/403", (await participant.GetAsync(page)).Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_without_an_account_signs_once_whatever_the_desk_and_the_spelling_and_their_name_is_not_kept()
    {
        var vote = await VoteAsync(VoteMethod.Approval, ["Halle", "Jardin", "Parking"]);
        var (north, south) = (await DeskAsync(vote, "Nord"), await DeskAsync(vote, "Sud"));
        var (officer, _) = await app.SignedInAsync("Assesseuse des deux bureaux", Role.Facilitator);

        var first = await officer.PostAsync($"/votes/{vote}/desks/{north}?handler=SignIdentity", new Dictionary<string, string>
        {
            ["Who.Surname"] = "Le Goff", ["Who.GivenNames"] = "Jean-Pierre", ["Who.BirthDate"] = "1950-03-02",
        });
        var again = await officer.PostAsync($"/votes/{vote}/desks/{south}?handler=SignIdentity", new Dictionary<string, string>
        {
            ["Who.Surname"] = "LE GOFF", ["Who.GivenNames"] = "jean pierre", ["Who.BirthDate"] = "1950-03-02",
        });

        Assert.Equal(HttpStatusCode.Redirect, first.Status);
        Assert.Contains("déjà voté sur papier", again.Text("#Who_Surname-error"), StringComparison.Ordinal);
        Assert.Equal("jean pierre", again.Document.QuerySelector("#Who_GivenNames")!.GetAttribute("value"));
        var line = await app.WithDatabaseAsync(db => db.VoteRegister.SingleAsync(r => r.VoteId == vote));
        Assert.Equal((north, (Guid?)null, 64), (line.DeskId!.Value, line.PersonId, line.IdentityKey!.Length));
        Assert.DoesNotContain("GOFF", line.IdentityKey, StringComparison.OrdinalIgnoreCase);

        var future = await officer.PostAsync($"/votes/{vote}/desks/{south}?handler=SignIdentity", new Dictionary<string, string>
        {
            ["Who.Surname"] = "Futur", ["Who.GivenNames"] = "Bébé", ["Who.BirthDate"] = DateTime.Today.AddDays(3).ToString("yyyy-MM-dd"),
        });
        Assert.Contains("date de naissance", future.Text("#Who_Surname-error"), StringComparison.Ordinal);
        var missing = await officer.PostAsync($"/votes/{vote}/desks/{south}?handler=SignIdentity", new Dictionary<string, string> { ["Who.Surname"] = "Sans prénom" });
        Assert.NotEqual("", missing.Text("#Who_Surname-error"));
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.VoteRegister.CountAsync(r => r.VoteId == vote)));
    }

    [Fact]
    public async Task The_two_readings_of_each_sheet_must_agree_and_be_typed_by_two_people_before_the_desk_counts()
    {
        var vote = await VoteAsync(VoteMethod.Schulze, ["Halle", "Jardin", "Parking"]);
        var desk = await DeskAsync(vote, "Médiathèque");
        var page = $"/votes/{vote}/desks/{desk}";
        var (first, _) = await app.SignedInAsync("Première lectrice", Role.Facilitator);
        var (second, _) = await app.SignedInAsync("Second lecteur", Role.Facilitator);
        foreach (var name in new[] { "Dupont", "Durand", "Martin" })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await first.PostAsync($"{page}?handler=SignIdentity", new Dictionary<string, string>
            {
                ["Who.Surname"] = name, ["Who.GivenNames"] = "Camille", ["Who.BirthDate"] = "1980-01-01",
            })).Status);
        }
        Task<Session.Response> Type(Session typist, int pass, int sheet, string o0, string o1, string o2, bool spoiled = false) =>
            typist.PostAsync($"{page}?handler=Enter", new Dictionary<string, string>
            {
                ["pass"] = $"{pass}", ["sheet"] = $"{sheet}", ["o0"] = o0, ["o1"] = o1, ["o2"] = o2, ["spoiled"] = spoiled ? "true" : "false",
            });

        // Nothing is typed while people still sign: the order of typing would follow the order of signing.
        Assert.Contains("Fermez d'abord la liste", (await Type(first, 1, 1, "2", "1", "3")).Text("section[aria-labelledby=entry] [role=alert]"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostAsync($"{page}?handler=CloseRegister", new Dictionary<string, string>())).Status);
        var late = await first.PostAsync($"{page}?handler=SignIdentity", new Dictionary<string, string> { ["Who.Surname"] = "Retard", ["Who.GivenNames"] = "Léo", ["Who.BirthDate"] = "1980-01-01" });
        Assert.Contains("close", late.Text("#Who_Surname-error, section[aria-labelledby=register]"), StringComparison.Ordinal);
        Assert.Contains("pas possible", (await Type(first, 1, 50, "1", "2", "3")).Text("#sheet-error"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await Type(first, 1, 1, "2", "1", "3")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await Type(first, 1, 2, "", "", "")).Status);
        var badSheet = await Type(first, 1, 3, "1", "1", "");
        Assert.Contains("corrigez la saisie", badSheet.Text("[role=alert]"), StringComparison.Ordinal);
        Assert.Equal("3", badSheet.Document.QuerySelector("#sheet")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.Redirect, (await Type(first, 1, 3, "1", "1", "", spoiled: true)).Status);
        var sameTypist = await Type(first, 2, 1, "2", "1", "3");
        Assert.Contains("autre personne", sameTypist.Text("#sheet-error"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await Type(second, 2, 1, "1", "2", "3")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await Type(second, 2, 2, "", "", "")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await Type(second, 2, 3, "", "", "", spoiled: true)).Status);
        // A sheet number mistyped: its reader takes it back, nobody else but staff can.
        Assert.Equal(HttpStatusCode.Redirect, (await Type(second, 2, 4, "1", "2", "3")).Status);
        Assert.Contains("Seule la personne", (await first.PostAsync($"{page}?handler=EraseReading", new Dictionary<string, string> { ["pass"] = "2", ["sheet"] = "4" })).Text("section[aria-labelledby=count] [role=alert]"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await second.PostAsync($"{page}?handler=EraseReading", new Dictionary<string, string> { ["pass"] = "2", ["sheet"] = "4" })).Status);

        var differing = await second.GetAsync(page);
        Assert.Equal("1", differing.Text("section[aria-labelledby=count] tbody th"));
        Assert.Equal(["1. Jardin · 2. Halle · 3. Parking", "1. Halle · 2. Jardin · 3. Parking"], differing.Texts("section[aria-labelledby=count] tbody td").Take(2));
        Assert.Equal("4", differing.Document.QuerySelector("#sheet")!.GetAttribute("value"));
        var early = await second.PostAsync($"{page}?handler=Count", new Dictionary<string, string>());
        Assert.Contains("diffèrent", early.Text("section[aria-labelledby=count] [role=alert]"), StringComparison.Ordinal);
        var retype = await second.GetAsync($"{page}?pass=2&sheet=1");
        Assert.Equal("1", retype.Document.QuerySelector("#o0 option[selected]")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.Redirect, (await Type(second, 2, 1, "2", "1", "3")).Status);
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.BallotBox(vote).CountAsync()));

        var counted = await second.PostAsync($"{page}?handler=Count", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, counted.Status);
        Assert.Equal([",,", "2,1,3"], (await app.WithDatabaseAsync(db => db.BallotBox(vote).ToListAsync())).Order(StringComparer.Ordinal));
        // The desk's figures wait for the vote's results, like the rest of the count.
        var waiting = await second.GetAsync(counted.Location!);
        Assert.Contains("publiés avec les résultats", waiting.Text("main"), StringComparison.Ordinal);
        Assert.Equal(["", "", "", "", ""], waiting.Texts("#figures td"));
        var typedLate = await Type(first, 1, 4, "1", "2", "3");
        Assert.Contains("dépouillé", typedLate.Text("section[aria-labelledby=entry]"), StringComparison.Ordinal);
        await app.WithDatabaseAsync(db => db.Votes.Where(v => v.Id == vote).ExecuteUpdateAsync(s => s.SetProperty(v => v.ClosesAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        var sheet = await second.GetAsync(counted.Location!);
        Assert.Equal(["3", "3", "1", "1", "1"], sheet.Texts("#figures td"));
        Assert.Equal(["0", "1", "0"], sheet.Texts("#per-option tbody td"));
        var results = await app.NewSession().GetAsync($"/votes/{vote}/results");
        Assert.Contains("Bulletins papier nuls, comptés à part\u00a0: 1", results.Text("main"), StringComparison.Ordinal);
        Assert.Equal(["Médiathèque", "3", "3", "1"], results.Texts("section[aria-labelledby=desks] tbody th, section[aria-labelledby=desks] tbody td"));
        // The public reads this small desk's totals, not its votes per option.
        var publicSheet = await app.NewSession().GetAsync(counted.Location!);
        Assert.Equal(["3", "3", "1", "1", "1"], publicSheet.Texts("#figures td"));
        Assert.Empty(publicSheet.Document.QuerySelectorAll("#per-option"));
    }

    [Fact]
    public async Task A_closed_vote_s_count_waits_for_its_last_desk_so_that_no_desk_s_few_ballots_are_told_apart()
    {
        var vote = await VoteAsync(VoteMethod.SingleChoice, ["Oui", "Non"]);
        var desk = await DeskAsync(vote, "Marché du samedi");
        // A desk nobody signed at does not hold the count back.
        await DeskAsync(vote, "Bibliothèque");
        var page = $"/votes/{vote}/desks/{desk}";
        var (officer, _) = await app.SignedInAsync("Assesseure du marché", Role.Facilitator);
        var (typist, _) = await app.SignedInAsync("Assesseur du marché", Role.Facilitator);
        foreach (var name in new[] { "Le Bihan", "Tanguy" })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await officer.PostAsync($"{page}?handler=SignIdentity", new Dictionary<string, string>
            {
                ["Who.Surname"] = name, ["Who.GivenNames"] = "Maël", ["Who.BirthDate"] = "1975-05-05",
            })).Status);
        }
        await app.WithDatabaseAsync(async db =>
        {
            db.Ballots.AddRange(Enumerable.Range(0, 12).Select(i => new CastBallot { VoteId = vote, Content = i < 8 ? "1," : ",1" }));
            await db.SaveChangesAsync();
            await db.Votes.Where(v => v.Id == vote).ExecuteUpdateAsync(s => s.SetProperty(v => v.ClosesAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        });
        var (staff, _) = await app.SignedInAsync("Responsable du vote", Role.ProcessManager);
        var dataset = $"/open-data/{VotesModule.Key}-ballots.csv?process={app.World.ProcessSlug}";

        // Closed, one desk still counting: the public reads who took part, not the count, nor the ballots.
        var waiting = await app.NewSession().GetAsync($"/votes/{vote}/results");
        Assert.Equal(HttpStatusCode.OK, waiting.Status);
        Assert.Contains("1 bureau de vote papier n'a pas encore fini le dépouillement", waiting.Text("main"), StringComparison.Ordinal);
        Assert.Contains("seront publiés à la fin du dépouillement", waiting.Text("section[aria-labelledby=outcome]"), StringComparison.Ordinal);
        Assert.Empty(waiting.Document.QuerySelectorAll("ol.winners, section[aria-labelledby=how] table"));
        Assert.DoesNotContain("bulletins dans l'urne", waiting.Text("main"), StringComparison.Ordinal);
        Assert.Contains("une fois tous les bureaux dépouillés", waiting.Text("section[aria-labelledby=recount]"), StringComparison.Ordinal);
        Assert.Empty(waiting.Document.QuerySelectorAll("section[aria-labelledby=recount] a"));
        Assert.Equal(HttpStatusCode.NotFound, (await app.NewSession().GetAsync($"/votes/{vote}/results?handler=Ballots&format=csv")).Status);
        Assert.DoesNotContain(vote.ToString(), (await app.NewSession().GetAsync(dataset)).Body, StringComparison.OrdinalIgnoreCase);
        // Staff follow the count meanwhile, and are told the public waits.
        var staffView = await staff.GetAsync($"/votes/{vote}/results");
        Assert.Equal(["Oui"], staffView.Texts("ol.winners li"));
        Assert.Contains("Le public ne les verra qu'une fois tous les bureaux dépouillés", staffView.Text("main"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostAsync($"{page}?handler=CloseRegister", new Dictionary<string, string>())).Status);
        foreach (var (reader, pass) in new[] { (officer, 1), (typist, 2) })
        {
            foreach (var sheet in new[] { 1, 2 })
            {
                Assert.Equal(HttpStatusCode.Redirect, (await reader.PostAsync($"{page}?handler=Enter", new Dictionary<string, string>
                {
                    ["pass"] = $"{pass}", ["sheet"] = $"{sheet}", ["choice"] = "1", ["spoiled"] = "false",
                })).Status);
            }
        }
        Assert.Equal(HttpStatusCode.Redirect, (await typist.PostAsync($"{page}?handler=Count", new Dictionary<string, string>())).Status);

        // The last desk counted, everything at once: 8 for, 4 + 2 against.
        var final = await app.NewSession().GetAsync($"/votes/{vote}/results");
        Assert.Equal(["Oui"], final.Texts("ol.winners li"));
        Assert.Equal(["Oui", "8", "Non", "6"], final.Texts("section[aria-labelledby=how] tbody th, section[aria-labelledby=how] tbody td"));
        Assert.DoesNotContain(final.Texts("p.notice"), t => t.Contains("dépouillement", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await app.NewSession().GetAsync($"/votes/{vote}/results?handler=Ballots&format=csv")).Status);
        Assert.Contains(vote.ToString(), (await app.NewSession().GetAsync(dataset)).Body, StringComparison.OrdinalIgnoreCase);

        // Nor can a desk opened after the close change the published count.
        var late = await staff.PostAsync($"/votes/{vote}/desks", new Dictionary<string, string> { ["Name"] = "Bureau tardif" });
        Assert.Contains("Le vote est clos", late.Text("main"), StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDatabaseAsync(db => db.VoteDesks.CountAsync(d => d.VoteId == vote)));
    }

    [Fact]
    public async Task A_desk_whose_sheets_and_signatures_differ_counts_once_and_only_with_the_officers_reason()
    {
        var vote = await VoteAsync(VoteMethod.SingleChoice, ["Halle", "Jardin"]);
        var desk = await DeskAsync(vote, "Marché couvert");
        var page = $"/votes/{vote}/desks/{desk}";
        var (first, _) = await app.SignedInAsync("Président du bureau", Role.ProcessManager);
        var (second, _) = await app.SignedInAsync("Secrétaire du bureau", Role.Facilitator);
        foreach (var name in new[] { "Morel", "Petit" })
        {
            await first.PostAsync($"{page}?handler=SignIdentity", new Dictionary<string, string> { ["Who.Surname"] = name, ["Who.GivenNames"] = "Alex", ["Who.BirthDate"] = "1990-05-05" });
        }
        Assert.Equal(HttpStatusCode.Redirect, (await second.PostAsync($"{page}?handler=CloseRegister", new Dictionary<string, string>())).Status);
        foreach (var (typist, pass) in new[] { (first, 1), (second, 2) })
        {
            await typist.PostAsync($"{page}?handler=Enter", new Dictionary<string, string> { ["pass"] = $"{pass}", ["sheet"] = "1", ["choice"] = "1" });
        }
        Assert.Equal(HttpStatusCode.NotFound, (await app.NewSession().GetAsync($"{page}/sheet")).Status);

        var noReason = await second.PostAsync($"{page}?handler=Count", new Dictionary<string, string> { ["Note"] = "" });
        Assert.Contains("dites pourquoi", noReason.Text("#Note-error"), StringComparison.Ordinal);
        var token = await second.TokenAsync();
        var counts = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => second.PostRawAsync($"{page}?handler=Count", new Dictionary<string, string>
        {
            ["Note"] = "Une personne a emporté son bulletin.", ["__csrf"] = token,
        })));

        Assert.Single(counts, c => c.Status == HttpStatusCode.Redirect);
        Assert.Equal([",1"], await app.WithDatabaseAsync(db => db.BallotBox(vote).ToListAsync()));
        var sheet = await first.GetAsync($"{page}/sheet");
        Assert.Contains("Une personne a emporté son bulletin.", sheet.Text("main"), StringComparison.Ordinal);
        Assert.Equal(["2", "1", "0", "0", "1"], sheet.Texts("#figures td"));
    }

    [Fact]
    public async Task Staff_strike_a_wrong_signature_while_the_register_is_open_and_the_person_may_vote_again()
    {
        var vote = await VoteAsync(VoteMethod.SingleChoice, ["Halle", "Jardin"]);
        var desk = await DeskAsync(vote, "Foyer des jeunes");
        var page = $"/votes/{vote}/desks/{desk}";
        var wrongly = await app.CreatePersonAsync("Signée par erreur");
        var (officer, _) = await app.SignedInAsync("Assesseur distrait", Role.Facilitator);
        var (staff, _) = await app.SignedInAsync("Responsable des bureaux", Role.ProcessManager);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostAsync($"{page}?handler=SignAccount", new Dictionary<string, string> { ["Who.Account"] = wrongly.Pseudonym })).Status);

        Assert.Contains("/error/403", (await officer.PostAsync($"{page}?handler=Strike", new Dictionary<string, string>
        {
            ["Strike.Account"] = wrongly.Pseudonym, ["StrikeReason"] = "Erreur",
        })).Location, StringComparison.Ordinal);
        var noReason = await staff.PostAsync($"{page}?handler=Strike", new Dictionary<string, string> { ["Strike.Account"] = wrongly.Pseudonym, ["StrikeReason"] = "" });
        Assert.NotEqual("", noReason.Text("#StrikeReason-error"));
        Assert.Equal(wrongly.Pseudonym, noReason.Document.QuerySelector("#Strike_Account")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync($"{page}?handler=Strike", new Dictionary<string, string>
        {
            ["Strike.Account"] = wrongly.Pseudonym, ["StrikeReason"] = "Mauvais pseudonyme saisi.",
        })).Status);

        Assert.False(await app.WithDatabaseAsync(db => db.VoteRegister.AnyAsync(r => r.VoteId == vote)));
        Assert.True(await app.WithDatabaseAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "vote.desk.strike" && e.Details.Contains("Mauvais pseudonyme"))));
        var herself = app.NewSession();
        await herself.SignInAsync(wrongly.Email!, ParvisApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, (await herself.PostAsync($"/votes/{vote}", new Dictionary<string, string> { ["choice"] = "1" })).Status);
        var again = await staff.PostAsync($"{page}?handler=Strike", new Dictionary<string, string> { ["Strike.Account"] = wrongly.Pseudonym, ["StrikeReason"] = "Encore" });
        Assert.Contains("n'a pas signé", again.Text("#Strike_Account-error"), StringComparison.Ordinal);
    }
}
