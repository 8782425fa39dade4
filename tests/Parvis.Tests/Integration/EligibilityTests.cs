using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.People;

namespace Parvis.Tests.Integration;

/// <summary>Who may vote: residents by attestation, an age they attest, a body's members.</summary>
public sealed partial class VoteTests
{
    private async Task<Guid> CreateVoteAsync(Parvis.Tests.Infrastructure.Session staff, Dictionary<string, string> who)
    {
        var fields = new Dictionary<string, string>(who)
        {
            ["Input.Question"] = $"Qui décide ? {Guid.NewGuid():N}", ["Input.Purpose"] = "Advisory", ["Input.Method"] = "SingleChoice", ["Input.Seats"] = "1",
            ["Input.Options"] = "Oui\nNon",
            ["Input.OpensAt"] = DateTime.Now.AddHours(-1).ToString("yyyy-MM-ddTHH:mm"), ["Input.ClosesAt"] = DateTime.Now.AddDays(2).ToString("yyyy-MM-ddTHH:mm"),
            ["Input.Secret"] = "true", ["Input.ResultsBeforeClose"] = "false",
        };
        var created = await staff.PostAsync($"/admin/processes/{app.World.ProcessId}/votes", fields);
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        return Guid.Parse(created.Location!.Split('/')[^1]);
    }

    [Fact]
    public async Task A_residents_vote_takes_a_ballot_only_with_the_voter_s_attestation_and_keeps_nothing_else()
    {
        var (staff, _) = await app.SignedInAsync("Organisateur du vote des habitants", Role.ProcessManager);
        var noTerritory = await staff.PostAsync($"/admin/processes/{app.World.ProcessId}/votes", new Dictionary<string, string>
        {
            ["Input.Question"] = "Un vote sans territoire", ["Input.Purpose"] = "Advisory", ["Input.Method"] = "SingleChoice", ["Input.Options"] = "Oui\nNon",
            ["Input.Electorate"] = "Residents", ["Input.Territory"] = "",
            ["Input.OpensAt"] = DateTime.Now.ToString("yyyy-MM-ddTHH:mm"), ["Input.ClosesAt"] = DateTime.Now.AddDays(1).ToString("yyyy-MM-ddTHH:mm"),
        });
        Assert.Contains("territoire", noTerritory.Text("#Input_Territory-error"), StringComparison.Ordinal);
        var vote = await CreateVoteAsync(staff, new() { ["Input.Electorate"] = "Residents", ["Input.Territory"] = "Lorient Agglomération", ["Input.MinimumAge"] = "16" });
        var (resident, _) = await app.SignedInAsync("Habitant de Lanester");

        var page = await resident.GetAsync($"/votes/{vote}");
        Assert.Contains("Lorient Agglomération", page.Text("dl.facts"), StringComparison.Ordinal);
        Assert.Contains("au moins 16 ans", page.Text("label[for=attest]"), StringComparison.Ordinal);
        var refused = await resident.PostAsync($"/votes/{vote}", new Dictionary<string, string> { ["choice"] = "1" });
        Assert.Contains("Cochez l'attestation", refused.Text("#attest-error"), StringComparison.Ordinal);
        Assert.Equal("1", refused.Document.QuerySelector("input[name=choice]:checked")!.GetAttribute("value"));
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.BallotBox(vote).CountAsync()));

        var cast = await resident.PostAsync($"/votes/{vote}", new Dictionary<string, string> { ["choice"] = "1", ["attest"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, cast.Status);
        Assert.Equal([",1"], await app.WithDatabaseAsync(db => db.BallotBox(vote).ToListAsync()));
        var desk = await DeskAsync(vote, "Mairie de Lanester");
        var (officer, _) = await app.SignedInAsync("Assesseur de Lanester", Role.Facilitator);
        var unattested = await officer.PostAsync($"/votes/{vote}/desks/{desk}?handler=SignIdentity", new Dictionary<string, string>
        {
            ["Who.Surname"] = "Guého", ["Who.GivenNames"] = "Anne", ["Who.BirthDate"] = "1970-02-02",
        });
        // Each refusal beside its cause, what was typed and ticked kept on the form that was sent only.
        Assert.Contains("attester", unattested.Text("#AttestedIdentity-error"), StringComparison.Ordinal);
        Assert.Equal("Guého", unattested.Document.QuerySelector("#Who_Surname")?.GetAttribute("value"));
        var young = await officer.PostAsync($"/votes/{vote}/desks/{desk}?handler=SignIdentity", new Dictionary<string, string>
        {
            ["Who.Surname"] = "Jeune", ["Who.GivenNames"] = "Noé", ["Who.BirthDate"] = DateTime.Today.AddYears(-10).ToString("yyyy-MM-dd"), ["Attested"] = "true",
        });
        Assert.Contains("pas l'âge", young.Text("#Who_BirthDate-error"), StringComparison.Ordinal);
        Assert.NotNull(young.Document.QuerySelector("#AttestedIdentity[checked]"));
        Assert.Null(young.Document.QuerySelector("#AttestedAccount[checked]"));
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostAsync($"/votes/{vote}/desks/{desk}?handler=SignIdentity", new Dictionary<string, string>
        {
            ["Who.Surname"] = "Guého", ["Who.GivenNames"] = "Anne", ["Who.BirthDate"] = "1970-02-02", ["Attested"] = "true",
        })).Status);
    }

    [Fact]
    public async Task A_body_s_vote_is_for_its_members_online_and_at_a_desk()
    {
        var (staff, _) = await app.SignedInAsync("Secrétaire du collège", Role.ProcessManager);
        var members = new[] { await app.CreatePersonAsync("Membre du collège A"), await app.CreatePersonAsync("Membre du collège B") };
        var admin = $"/admin/processes/{app.World.ProcessId}/votes";
        var unknown = await staff.PostAsync($"{admin}?handler=Body", new Dictionary<string, string>
        {
            ["Body.Name"] = "Collège des habitants", ["Body.Members"] = "Membre du collège A\nPersonne inconnue du collège",
        });
        Assert.Contains("Personne inconnue du collège", unknown.Text("#Body_Members-error"), StringComparison.Ordinal);
        Assert.Contains("Personne inconnue du collège", unknown.Text("#Body_Members"), StringComparison.Ordinal);
        Assert.False(await app.WithDatabaseAsync(db => db.VotingBodies.AnyAsync(b => b.Name == "Collège des habitants")));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync($"{admin}?handler=Body", new Dictionary<string, string>
        {
            ["Body.Name"] = "Collège des habitants", ["Body.Members"] = string.Join("\n", members.Select(m => m.Pseudonym)),
        })).Status);
        var body = await app.WithDatabaseAsync(db => db.VotingBodies.SingleAsync(b => b.Name == "Collège des habitants"));
        var noBody = await staff.PostAsync(admin, new Dictionary<string, string>
        {
            ["Input.Question"] = "Un vote sans instance", ["Input.Purpose"] = "Advisory", ["Input.Method"] = "SingleChoice", ["Input.Options"] = "Oui\nNon",
            ["Input.Electorate"] = "Body", ["Input.BodyId"] = "",
            ["Input.OpensAt"] = DateTime.Now.ToString("yyyy-MM-ddTHH:mm"), ["Input.ClosesAt"] = DateTime.Now.AddDays(1).ToString("yyyy-MM-ddTHH:mm"),
        });
        Assert.NotEqual("", noBody.Text("#Input_BodyId-error"));
        var vote = await CreateVoteAsync(staff, new() { ["Input.Electorate"] = "Body", ["Input.BodyId"] = $"{body.Id}" });

        var (outsider, _) = await app.SignedInAsync("Habitante hors du collège");
        var page = await outsider.GetAsync($"/votes/{vote}");
        Assert.Contains("réservé aux membres de «\u00a0Collège des habitants\u00a0»", page.Text("main"), StringComparison.Ordinal);
        Assert.Empty(page.Document.QuerySelectorAll("form.ballot"));
        var refused = await outsider.PostAsync($"/votes/{vote}", new Dictionary<string, string> { ["choice"] = "0" });
        Assert.NotEqual(HttpStatusCode.Redirect, refused.Status);
        var member = app.NewSession();
        await member.SignInAsync(members[0].Email!, Parvis.Tests.Infrastructure.ParvisApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, (await member.PostAsync($"/votes/{vote}", new Dictionary<string, string> { ["choice"] = "0" })).Status);
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.BallotBox(vote).CountAsync()));

        var desk = await DeskAsync(vote, "Salle du conseil");
        var (officer, _) = await app.SignedInAsync("Assesseuse du collège", Role.Facilitator);
        var deskPage = await officer.GetAsync($"/votes/{vote}/desks/{desk}");
        Assert.Empty(deskPage.Document.QuerySelectorAll("form[action*=SignIdentity]"));
        var outsiderAtDesk = await officer.PostAsync($"/votes/{vote}/desks/{desk}?handler=SignAccount", new Dictionary<string, string> { ["Who.Account"] = "Habitante hors du collège" });
        Assert.Contains("ne fait pas partie", outsiderAtDesk.Text("#Who_Account-error"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostAsync($"/votes/{vote}/desks/{desk}?handler=SignAccount", new Dictionary<string, string>
        {
            ["Who.Account"] = members[1].Pseudonym,
        })).Status);
    }

    [Fact]
    public async Task In_a_lifelong_election_each_voter_votes_once_a_year_from_their_anniversary_and_every_year_counts()
    {
        var (staff, _) = await app.SignedInAsync("Secrétaire du mandat", Role.ProcessManager);
        var tooShort = await staff.PostAsync($"/admin/processes/{app.World.ProcessId}/votes", new Dictionary<string, string>
        {
            ["Input.Question"] = "Un mandat trop court", ["Input.Purpose"] = "Advisory", ["Input.Method"] = "SingleChoice", ["Input.Options"] = "Oui\nNon",
            ["Input.Lifelong"] = "true",
            ["Input.OpensAt"] = DateTime.Now.ToString("yyyy-MM-ddTHH:mm"), ["Input.ClosesAt"] = DateTime.Now.AddMonths(6).ToString("yyyy-MM-ddTHH:mm"),
        });
        Assert.Contains("au moins un an", tooShort.Text("#Input_ClosesAt-error"), StringComparison.Ordinal);
        var vote = await VoteAsync(VoteMethod.Schulze, ["Assemblée tirée au sort", "Conseil élu", "Référendums"]);
        await app.WithDatabaseAsync(db => db.Votes.Where(v => v.Id == vote).ExecuteUpdateAsync(s => s
            .SetProperty(v => v.Lifelong, true).SetProperty(v => v.OpensAt, DateTimeOffset.UtcNow.AddYears(-2)).SetProperty(v => v.ClosesAt, DateTimeOffset.UtcNow.AddYears(3))));
        var (voter, person) = await app.SignedInAsync("Électrice de toute une vie");
        var ballot = new Dictionary<string, string> { ["o0"] = "1", ["o1"] = "2", ["o2"] = "3" };

        Assert.Equal(HttpStatusCode.Redirect, (await voter.PostAsync($"/votes/{vote}", ballot)).Status);
        var waiting = await voter.GetAsync($"/votes/{vote}");
        Assert.Contains("Vous pourrez voter de nouveau du", waiting.Text("main"), StringComparison.Ordinal);
        Assert.Empty(waiting.Document.QuerySelectorAll("form.ballot"));
        Assert.NotEqual(HttpStatusCode.Redirect, (await voter.PostAsync($"/votes/{vote}", ballot)).Status);

        // A year and three days later (the first line moved back): this year's ballot, once.
        var today = DateOnly.FromDateTime(DateTime.Now);
        await app.WithDatabaseAsync(db => db.VoteRegister.Where(r => r.VoteId == vote && r.PersonId == person.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Day, today.AddYears(-1).AddDays(-3))));
        Assert.NotEmpty((await voter.GetAsync($"/votes/{vote}")).Document.QuerySelectorAll("form.ballot"));
        var renewed = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => voter.PostAsync($"/votes/{vote}", new Dictionary<string, string> { ["o0"] = "3", ["o1"] = "1", ["o2"] = "2" })));

        Assert.Single(renewed, r => r.Status == HttpStatusCode.Redirect);
        Assert.Equal([0, 1], await app.WithDatabaseAsync(db => db.VoteRegister.Where(r => r.VoteId == vote).OrderBy(r => r.Round).Select(r => r.Round).ToListAsync()));
        Assert.Equal(["1,2,3", "3,1,2"], (await app.WithDatabaseAsync(db => db.BallotBox(vote).ToListAsync())).Order(StringComparer.Ordinal));
    }
}
