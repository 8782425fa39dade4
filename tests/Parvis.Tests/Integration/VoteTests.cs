using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Tests.Infrastructure;
using Parvis.Voting;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Privacy;

namespace Parvis.Tests.Integration;

[Trait("Suite", "integration")]
public sealed class VoteTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    /// <summary>A vote in the open test process, open now unless told otherwise, with its options.</summary>
    private Task<Guid> VoteAsync(VoteMethod method, string[] options, bool open = true, bool closed = false, bool secret = true, int seats = 1) =>
        app.WithDatabaseAsync(async db =>
        {
            var process = await db.Processes.FirstAsync(p => p.Id == app.World.ProcessId);
            var now = DateTimeOffset.UtcNow;
            var vote = new Vote
            {
                OrganisationId = process.OrganisationId, ProcessId = process.Id, ComponentId = process.Component(VotesModule.Key)!.Id,
                Question = "Que faire de la place du marché ?", Purpose = VotePurpose.Advisory, Method = method, Seats = seats, Secret = secret,
                OpensAt = closed ? now.AddDays(-3) : open ? now.AddHours(-1) : now.AddDays(1),
                ClosesAt = closed ? now.AddDays(-1) : now.AddDays(2),
                TieBreak = string.Join(',', Enumerable.Range(0, options.Length)),
            };
            db.Votes.Add(vote);
            db.VoteOptions.AddRange(options.Select((title, position) => new VoteOption { VoteId = vote.Id, Position = position, Title = title }));
            await db.SaveChangesAsync();
            return vote.Id;
        });

    /// <summary>Casts as the given person through the command, as a request of theirs would.</summary>
    private async Task<CommandResult> CastAsAsync(Guid personId, Guid voteId, int?[] values)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var organisation = await services.GetRequiredService<ParvisDbContext>().Organisations.AsNoTracking().FirstAsync(o => o.Id == app.World.OrganisationId);
        services.GetRequiredService<CurrentOrganisation>().Set(organisation, "http://localhost");
        services.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext
        {
            RequestServices = services,
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, personId.ToString())], "test")),
        };
        return await services.GetRequiredService<VoteCommands>().CastAsync(voteId, values);
    }

    [Fact]
    public async Task Staff_create_a_vote_that_says_what_it_is_for_with_a_tie_break_drawn_before_any_ballot()
    {
        var (staff, _) = await app.SignedInAsync("Organisatrice des votes", Role.ProcessManager);
        var admin = $"/admin/processes/{app.World.ProcessId}/votes";
        var response = await staff.PostAsync(admin, new Dictionary<string, string>
        {
            ["Input.Question"] = "Quel nom pour la médiathèque ?", ["Input.Purpose"] = "Poll", ["Input.Method"] = "Schulze", ["Input.Seats"] = "1",
            ["Input.Options"] = "Simone Veil\nOlympe de Gouges\n\nLucie Aubrac\n",
            ["Input.OpensAt"] = DateTime.Now.AddHours(-1).ToString("yyyy-MM-ddTHH:mm"), ["Input.ClosesAt"] = DateTime.Now.AddDays(7).ToString("yyyy-MM-ddTHH:mm"),
            ["Input.Secret"] = "true", ["Input.ResultsBeforeClose"] = "false",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        var vote = await app.WithDatabaseAsync(db => db.Votes.SingleAsync(v => v.Question == "Quel nom pour la médiathèque ?"));
        Assert.Equal([0, 1, 2], vote.TieBreakOrder.Order());
        var options = await app.WithDatabaseAsync(db => db.VoteOptions.Where(o => o.VoteId == vote.Id).OrderBy(o => o.Position).Select(o => o.Title).ToListAsync());
        Assert.Equal(["Simone Veil", "Olympe de Gouges", "Lucie Aubrac"], options);

        var page = await app.NewSession().GetAsync(response.Location!);
        Assert.Contains("Sondage", page.Text("#purpose"), StringComparison.Ordinal);
        Assert.Contains("ne décide rien", page.Text("#purpose"), StringComparison.Ordinal);
        Assert.Equal(3, page.Document.QuerySelectorAll("dd ol li").Length);
        Assert.Contains("Connectez-vous pour voter", page.Text("main"), StringComparison.Ordinal);
        Assert.Contains(page.Document.QuerySelectorAll("main a"), a => a.GetAttribute("href") == $"/processes/{app.World.ProcessSlug}");
        var process = await app.NewSession().GetAsync($"/processes/{app.World.ProcessSlug}");
        Assert.Contains(process.Document.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/votes/{vote.Id}");
    }

    [Fact]
    public async Task A_refused_vote_says_why_next_to_the_field_keeps_what_was_typed_and_stores_nothing()
    {
        var (staff, _) = await app.SignedInAsync("Organisateur pressé", Role.ProcessManager);
        var response = await staff.PostAsync($"/admin/processes/{app.World.ProcessId}/votes", new Dictionary<string, string>
        {
            ["Input.Question"] = "Une question sans assez de choix", ["Input.Purpose"] = "Advisory", ["Input.Method"] = "SingleChoice", ["Input.Seats"] = "1",
            ["Input.Options"] = "Un seul choix",
            ["Input.OpensAt"] = DateTime.Now.ToString("yyyy-MM-ddTHH:mm"), ["Input.ClosesAt"] = DateTime.Now.AddDays(1).ToString("yyyy-MM-ddTHH:mm"),
        });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains("entre 2 et 50 choix", response.Text("#Input_Options-error"), StringComparison.Ordinal);
        Assert.Equal("Une question sans assez de choix", response.Document.QuerySelector("#Input_Question")!.GetAttribute("value"));
        Assert.Equal("Un seul choix", response.Text("#Input_Options"));
        Assert.False(await app.WithDatabaseAsync(db => db.Votes.AnyAsync(v => v.Question == "Une question sans assez de choix")));

        var noPurpose = await staff.PostAsync($"/admin/processes/{app.World.ProcessId}/votes", new Dictionary<string, string>
        {
            ["Input.Question"] = "Une question sans but dit", ["Input.Method"] = "SingleChoice", ["Input.Seats"] = "1", ["Input.Options"] = "Oui\nNon",
            ["Input.OpensAt"] = DateTime.Now.AddDays(1).ToString("yyyy-MM-ddTHH:mm"), ["Input.ClosesAt"] = DateTime.Now.ToString("yyyy-MM-ddTHH:mm"),
        });
        Assert.NotEqual("", noPurpose.Text("#Input_Purpose-error"));
        Assert.False(await app.WithDatabaseAsync(db => db.Votes.AnyAsync(v => v.Question == "Une question sans but dit")));
    }

    [Fact]
    public async Task A_ranked_ballot_goes_in_the_box_and_the_voter_on_the_register_with_nothing_joining_them()
    {
        var vote = await VoteAsync(VoteMethod.InstantRunoff, ["Halle couverte", "Jardin", "Parking"]);
        var (voter, person) = await app.SignedInAsync("Électrice du marché");

        var response = await voter.PostAsync($"/votes/{vote}", new Dictionary<string, string> { ["o0"] = "2", ["o1"] = "1", ["o2"] = "" });

        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        var (register, ballots) = await app.WithDatabaseAsync(async db => (
            await db.VoteRegister.AsNoTracking().SingleAsync(r => r.VoteId == vote), await db.Ballots.AsNoTracking().Where(b => b.VoteId == vote).ToListAsync()));
        Assert.Equal(person.Id, register.PersonId);
        Assert.Equal(VoteChannel.Online, register.Channel);
        Assert.Null(register.NamedBallot);
        Assert.Equal("2,1,", Assert.Single(ballots).Content);
        // A random identifier, not one that grows with time as the register's order does.
        Assert.Equal(4, ballots[0].Id.Version);
        var page = await voter.GetAsync($"/votes/{vote}");
        Assert.Contains("Vous avez voté", page.Text("main"), StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("form.ballot"));
    }

    [Fact]
    public async Task A_ballot_giving_two_answers_one_place_is_refused_next_to_it_keeping_the_choices()
    {
        var vote = await VoteAsync(VoteMethod.Schulze, ["Halle couverte", "Jardin", "Parking"]);
        var (voter, _) = await app.SignedInAsync("Électeur hésitant");

        var response = await voter.PostAsync($"/votes/{vote}", new Dictionary<string, string> { ["o0"] = "1", ["o1"] = "1", ["o2"] = "3" });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains("déjà cette place", response.Text("#o1-error"), StringComparison.Ordinal);
        Assert.Equal("o1-error", response.Document.QuerySelector("#o1")!.GetAttribute("aria-describedby"));
        Assert.Equal("3", response.Document.QuerySelector("#o2 option[selected]")!.GetAttribute("value"));
        Assert.NotEqual("", response.Text(".alert"));
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.Ballots.CountAsync(b => b.VoteId == vote)));
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.VoteRegister.CountAsync(r => r.VoteId == vote)));
    }

    [Fact]
    public async Task Fifty_simultaneous_ballots_by_one_voter_leave_one_in_the_box()
    {
        var vote = await VoteAsync(VoteMethod.SingleChoice, ["Oui", "Non"]);
        var (voter, person) = await app.SignedInAsync("Votant pressé");
        var page = await voter.GetAsync($"/votes/{vote}");
        var token = page.Document.QuerySelector("input[name=__csrf]")!.GetAttribute("value")!;

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            voter.PostRawAsync($"/votes/{vote}", new Dictionary<string, string> { ["__csrf"] = token, ["choice"] = (i % 2).ToString() })));

        Assert.All(responses, r => Assert.True(r.Status is HttpStatusCode.Redirect or HttpStatusCode.OK, r.Status.ToString()));
        Assert.Single(responses, r => r.Status == HttpStatusCode.Redirect);
        // The others say so: the refusal, or the page of someone who has voted.
        Assert.All(responses.Where(r => r.Status == HttpStatusCode.OK), r => Assert.Matches("déjà voté|Vous avez voté", r.Text("main")));
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.Ballots.CountAsync(b => b.VoteId == vote)));
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.VoteRegister.CountAsync(r => r.VoteId == vote && r.PersonId == person.Id)));
    }

    [Fact]
    public async Task A_thousand_simultaneous_ballots_by_distinct_voters_are_all_counted()
    {
        var vote = await VoteAsync(VoteMethod.Approval, ["Bancs", "Arbres", "Fontaine"]);
        var people = Enumerable.Range(0, 1000).Select(i => new Person { UserName = $"votant{i}-{vote:N}", Pseudonym = $"Votant {i}" }).ToList();
        await app.WithDatabaseAsync(async db =>
        {
            db.Users.AddRange(people);
            await db.SaveChangesAsync();
        });

        // Everyone approves the benches; one in two the trees; one in four the fountain.
        var results = await Task.WhenAll(people.Select((p, i) => CastAsAsync(p.Id, vote, [1, i % 2 == 0 ? 1 : null, i % 4 == 0 ? 1 : null])));

        Assert.All(results, r => Assert.True(r.Succeeded, r.ErrorKey));
        Assert.Equal(1000, await app.WithDatabaseAsync(db => db.Ballots.CountAsync(b => b.VoteId == vote)));
        Assert.Equal(1000, await app.WithDatabaseAsync(db => db.VoteRegister.CountAsync(r => r.VoteId == vote)));
        await using var scope = app.Services.CreateAsyncScope();
        var (staff, _) = await app.SignedInAsync("Scrutatrice", Role.ProcessManager);
        var count = await staff.GetAsync($"/votes/{vote}/results");
        Assert.Equal(["1000", "500", "250"], count.Texts("table td"));
    }

    [Fact]
    public async Task Nothing_in_the_ballot_box_or_its_exports_leads_to_a_voter()
    {
        var model = app.Services.CreateScope().ServiceProvider.GetRequiredService<ParvisDbContext>().Model;
        var ballots = model.FindEntityType(typeof(CastBallot))!;
        Assert.Equal(["Content", "Id", "VoteId"], ballots.GetProperties().Select(p => p.Name).Order());
        Assert.Equal(["votes_votes"], ballots.GetForeignKeys().Select(k => k.PrincipalEntityType.GetTableName()));
        // Nothing points at a ballot either: no table has a key to the ballot box.
        Assert.DoesNotContain(model.GetEntityTypes().SelectMany(e => e.GetForeignKeys()), k => k.PrincipalEntityType == ballots);
        var register = model.FindEntityType(typeof(VoteRegistration))!;
        Assert.DoesNotContain(register.GetProperties(), p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTime));

        var vote = await VoteAsync(VoteMethod.Borda, ["Halle", "Jardin", "Parking"]);
        var (voter, person) = await app.SignedInAsync("Électrice discrète");
        await voter.PostAsync($"/votes/{vote}", new Dictionary<string, string> { ["o0"] = "1", ["o1"] = "2", ["o2"] = "3" });
        await app.WithDatabaseAsync(db => db.Votes.Where(v => v.Id == vote)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.OpensAt, DateTimeOffset.UtcNow.AddDays(-2)).SetProperty(v => v.ClosesAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        foreach (var format in new[] { "preflib", "csv" })
        {
            var file = await app.NewSession().Client.GetStringAsync($"/votes/{vote}/results?handler=Ballots&format={format}");
            Assert.DoesNotContain(person.Id.ToString(), file, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Électrice", file, StringComparison.Ordinal);
            Assert.DoesNotContain(DateTime.UtcNow.ToString("yyyy-MM-dd"), file, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Results_wait_for_the_close_unless_the_vote_shows_its_running_count()
    {
        var vote = await VoteAsync(VoteMethod.SingleChoice, ["Oui", "Non"]);
        Assert.Equal(HttpStatusCode.NotFound, (await app.NewSession().GetAsync($"/votes/{vote}/results")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await app.NewSession().GetAsync($"/votes/{vote}/results?handler=Ballots&format=csv")).Status);

        await app.WithDatabaseAsync(db => db.Votes.Where(v => v.Id == vote).ExecuteUpdateAsync(s => s.SetProperty(v => v.ResultsBeforeClose, true)));
        var running = await app.NewSession().GetAsync($"/votes/{vote}/results");
        Assert.Equal(HttpStatusCode.OK, running.Status);
        Assert.Contains("Décompte en cours", running.Text("main"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_results_explain_the_count_and_the_ballots_download_count_the_same_elsewhere()
    {
        var vote = await VoteAsync(VoteMethod.Schulze, ["A", "B", "C"], closed: true);
        // A beats B 6-3, B beats C 7-2, C beats A 5-4: a cycle Schulze settles for A.
        await app.WithDatabaseAsync(async db =>
        {
            foreach (var (content, count) in new[] { ("1,2,3", 4), ("3,1,2", 3), ("2,3,1", 2) })
            {
                db.Ballots.AddRange(Enumerable.Range(0, count).Select(_ => new CastBallot { VoteId = vote, Content = content }));
            }
            await db.SaveChangesAsync();
        });

        var page = await app.NewSession().GetAsync($"/votes/{vote}/results");
        Assert.Equal("A", page.Text("ol.winners li"));
        Assert.Contains("deux à deux", page.Text("main"), StringComparison.Ordinal);
        Assert.Equal(2, page.Document.QuerySelectorAll("table").Length);

        var prefLib = await app.NewSession().Client.GetStringAsync($"/votes/{vote}/results?handler=Ballots&format=preflib");
        var election = PrefLib.Read(new StringReader(prefLib));
        Assert.Equal(["A", "B", "C"], election.Alternatives);
        Assert.Equal([0], Schulze.Count(election.Ballots, TieBreak.ByNumber(3)).Winners);
        var csv = await app.NewSession().Client.GetStringAsync($"/votes/{vote}/results?handler=Ballots&format=csv");
        Assert.Equal(10, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task A_named_vote_keeps_each_ballot_with_its_voter_and_an_erased_account_leaves_the_turnout_true()
    {
        var vote = await VoteAsync(VoteMethod.SingleChoice, ["Pour", "Contre"], secret: false);
        var (member, person) = await app.SignedInAsync("Conseillère de quartier");
        await member.PostAsync($"/votes/{vote}", new Dictionary<string, string> { ["choice"] = "1" });
        Assert.Equal(",1", await app.WithDatabaseAsync(db => db.VoteRegister.Where(r => r.VoteId == vote).Select(r => r.NamedBallot).SingleAsync()));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PersonalData>().EraseAsync(
                await scope.ServiceProvider.GetRequiredService<ParvisDbContext>().Users.SingleAsync(p => p.Id == person.Id), ErasureChoice.Remove);
        }
        var line = await app.WithDatabaseAsync(db => db.VoteRegister.AsNoTracking().SingleAsync(r => r.VoteId == vote));
        Assert.Null(line.PersonId);
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.Ballots.CountAsync(b => b.VoteId == vote)));
    }

    [Fact]
    public async Task A_closed_vote_takes_no_ballot()
    {
        var vote = await VoteAsync(VoteMethod.SingleChoice, ["Oui", "Non"], closed: true);
        var (voter, _) = await app.SignedInAsync("Retardataire");
        var page = await voter.GetAsync($"/votes/{vote}");
        Assert.Contains("Le vote est clos", page.Text("main"), StringComparison.Ordinal);
        var response = await voter.PostAsync($"/votes/{vote}", new Dictionary<string, string> { ["choice"] = "0" });
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.Ballots.CountAsync(b => b.VoteId == vote)));
    }
}
