using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.People;

namespace Parvis.Tests.Integration;

/// <summary>Voting through a mediator: off unless the vote allows it, for a person present, on the one register.</summary>
public sealed partial class VoteTests
{
    [Fact]
    public async Task A_mediator_records_the_ballot_of_a_person_present_on_the_same_register_where_the_vote_allows_it()
    {
        var vote = await VoteAsync(VoteMethod.SingleChoice, ["Halle", "Jardin"]);
        var page = $"/votes/{vote}/mediate";
        var (mediator, _) = await app.SignedInAsync("Conseillère numérique du quartier", Role.Facilitator);
        Assert.Equal(HttpStatusCode.NotFound, (await mediator.GetAsync(page)).Status);
        await app.WithDatabaseAsync(db => db.Votes.Where(v => v.Id == vote).ExecuteUpdateAsync(s => s.SetProperty(v => v.Mediated, true)));
        var (participant, _) = await app.SignedInAsync("Participant sans mandat");
        Assert.Contains("/error/403", (await participant.GetAsync(page)).Location, StringComparison.Ordinal);
        var helped = await app.CreatePersonAsync("Habitante aidée au café");

        var absent = await mediator.PostAsync(page, new Dictionary<string, string> { ["Who.Account"] = helped.Pseudonym, ["choice"] = "1" });
        Assert.Contains("personne présente", absent.Text("#Present-error"), StringComparison.Ordinal);
        Assert.Equal("1", absent.Document.QuerySelector("input[name=choice]:checked")!.GetAttribute("value"));
        Assert.Equal(helped.Pseudonym, absent.Document.QuerySelector("#Who_Account")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.Redirect, (await mediator.PostAsync(page, new Dictionary<string, string>
        {
            ["Who.Account"] = helped.Pseudonym, ["choice"] = "1", ["Present"] = "true",
        })).Status);

        var line = await app.WithDatabaseAsync(db => db.VoteRegister.SingleAsync(r => r.VoteId == vote));
        Assert.Equal((VoteChannel.Mediated, (Guid?)helped.Id), (line.Channel, line.PersonId));
        Assert.Equal([",1"], await app.WithDatabaseAsync(db => db.BallotBox(vote).ToListAsync()));
        var herself = app.NewSession();
        await herself.SignInAsync(helped.Email!, ParvisApp.Password);
        Assert.NotEqual(HttpStatusCode.Redirect, (await herself.PostAsync($"/votes/{vote}", new Dictionary<string, string> { ["choice"] = "0" })).Status);

        // Someone without an account: once, whoever records it.
        var identity = new Dictionary<string, string>
        {
            ["Who.Surname"] = "Le Floch", ["Who.GivenNames"] = "Yann", ["Who.BirthDate"] = "1948-11-30", ["choice"] = "0", ["Present"] = "true",
        };
        Assert.Equal(HttpStatusCode.Redirect, (await mediator.PostAsync(page, identity)).Status);
        var (other, _) = await app.SignedInAsync("Aidant de la médiathèque", Role.Facilitator);
        Assert.Contains("déjà voté avec un médiateur", (await other.PostAsync(page, identity)).Text("#Who_Account-error"), StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDatabaseAsync(db => db.BallotBox(vote).CountAsync()));
    }
}
