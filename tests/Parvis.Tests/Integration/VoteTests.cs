using System.Globalization;
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
public sealed partial class VoteTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    /// <summary>A vote in the open test process, open now unless told otherwise, with its options.</summary>
    private Task<Guid> VoteAsync(VoteMethod method, string[] options, bool open = true, bool closed = false, bool secret = true, int seats = 1,
        long[]? costs = null, long? budget = null, BudgetCount count = BudgetCount.Greedy, int? maxProjects = null) =>
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
                Budget = budget, BudgetCount = count, MaxProjects = maxProjects,
            };
            db.Votes.Add(vote);
            db.VoteOptions.AddRange(options.Select((title, position) => new VoteOption { VoteId = vote.Id, Position = position, Title = title, Cost = costs?[position] }));
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
        var (register, envelopes) = await app.WithDatabaseAsync(async db => (
            await db.VoteRegister.AsNoTracking().SingleAsync(r => r.VoteId == vote), await db.Envelopes.AsNoTracking().Where(e => e.VoteId == vote).ToListAsync()));
        Assert.Equal(person.Id, register.PersonId);
        Assert.Equal(VoteChannel.Online, register.Channel);
        Assert.Null(register.NamedBallot);
        Assert.Equal("2,1,", Assert.Single(envelopes).Content);
        // A random identifier, not one that grows with time as the register's order does.
        Assert.Equal(4, envelopes[0].Id.Version);
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
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.BallotBox(vote).CountAsync()));
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
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.BallotBox(vote).CountAsync()));
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
        Assert.Equal(1000, await app.WithDatabaseAsync(db => db.BallotBox(vote).CountAsync()));
        Assert.Equal(1000, await app.WithDatabaseAsync(db => db.VoteRegister.CountAsync(r => r.VoteId == vote)));
        // A running count leaves the box's latest round out (the timer's box may have taken a round while they voted);
        // the final count has them all.
        await app.Services.GetRequiredService<BallotBox>().TakeAsync();
        var rounds = await app.WithDatabaseAsync(db => db.Ballots.Where(b => b.VoteId == vote).GroupBy(b => b.Round)
            .OrderByDescending(g => g.Key).Select(g => g.Count()).ToListAsync());
        var (staff, _) = await app.SignedInAsync("Scrutatrice", Role.ProcessManager);
        Assert.Equal(rounds.Skip(1).Sum().ToString(CultureInfo.InvariantCulture), (await staff.GetAsync($"/votes/{vote}/results")).Texts("table td").First());
        await app.WithDatabaseAsync(db => db.Votes.Where(v => v.Id == vote).ExecuteUpdateAsync(s => s.SetProperty(v => v.ClosesAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        var count = await staff.GetAsync($"/votes/{vote}/results");
        Assert.Equal(["1000", "500", "250"], count.Texts("table td"));
    }

    [Fact]
    public async Task Nothing_in_the_ballot_box_or_its_exports_leads_to_a_voter()
    {
        var model = app.Services.CreateScope().ServiceProvider.GetRequiredService<ParvisDbContext>().Model;
        // A ballot keeps the round of the box that took it, which its transaction tells anyway, and nothing else.
        foreach (var (box, properties) in new[] { (typeof(CastBallot), new[] { "Content", "Id", "Round", "VoteId" }), (typeof(Envelope), ["Content", "Id", "VoteId"]) })
        {
            var ballots = model.FindEntityType(box)!;
            Assert.Equal(properties, ballots.GetProperties().Select(p => p.Name).Order());
            Assert.Equal(["votes_votes"], ballots.GetForeignKeys().Select(k => k.PrincipalEntityType.GetTableName()));
            // Nothing points at a ballot either: no table has a key to the ballot box.
            Assert.DoesNotContain(model.GetEntityTypes().SelectMany(e => e.GetForeignKeys()), k => k.PrincipalEntityType == ballots);
        }
        var register = model.FindEntityType(typeof(VoteRegistration))!;
        Assert.DoesNotContain(register.GetProperties(), p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTime));
        // A typed paper sheet names its desk and its place in the pile, never its voter, and has no time to pair it with a signature.
        var sheets = model.FindEntityType(typeof(PaperEntry))!;
        Assert.Equal(["kernel_people", "votes_desks"], sheets.GetForeignKeys().Select(k => k.PrincipalEntityType.GetTableName()).Order());
        Assert.DoesNotContain(sheets.GetProperties(), p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTime));

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
        // Two downloads of a running count would tell what was voted in between: the ballots wait for the close.
        Assert.Contains("une fois le vote clos", running.Text("#recount ~ p, section[aria-labelledby=recount]"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await app.NewSession().GetAsync($"/votes/{vote}/results?handler=Ballots&format=csv")).Status);
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
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.BallotBox(vote).CountAsync()));
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
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.BallotBox(vote).CountAsync()));
    }

    [Fact]
    public async Task Staff_open_a_participatory_budget_with_each_project_s_cost_or_are_told_which_is_missing()
    {
        var (staff, _) = await app.SignedInAsync("Responsable du budget participatif", Role.ProcessManager);
        var fields = new Dictionary<string, string>
        {
            ["Input.Question"] = "Budget participatif 2027 : quartier de Kervénanec", ["Input.Purpose"] = "AssemblyDecision", ["Input.Method"] = "Budget",
            ["Input.Seats"] = "1", ["Input.Budget"] = "50000", ["Input.BudgetCount"] = "EqualShares", ["Input.MaxProjects"] = "3", ["Input.MinSharePercent"] = "0",
            ["Input.Options"] = "Jardin partagé ; 12 000\nAire de jeux ; 30\u202f000 €\nBancs",
            ["Input.OpensAt"] = DateTime.Now.AddHours(-1).ToString("yyyy-MM-ddTHH:mm"), ["Input.ClosesAt"] = DateTime.Now.AddDays(7).ToString("yyyy-MM-ddTHH:mm"),
        };
        var refused = await staff.PostAsync($"/admin/processes/{app.World.ProcessId}/votes", fields);
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("point-virgule", refused.Text("#Input_Options-error"), StringComparison.Ordinal);
        Assert.Equal("50000", refused.Document.QuerySelector("#Input_Budget")!.GetAttribute("value"));

        fields["Input.Options"] = "Jardin partagé ; 12 000\nAire de jeux ; 30\u202f000 €\nBancs ; 8.000";
        var created = await staff.PostAsync($"/admin/processes/{app.World.ProcessId}/votes", fields);
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var vote = await app.WithDatabaseAsync(db => db.Votes.SingleAsync(v => v.Question == "Budget participatif 2027 : quartier de Kervénanec"));
        Assert.Equal((50_000L, BudgetCount.EqualShares, 3), (vote.Budget!.Value, vote.BudgetCount, vote.MaxProjects!.Value));
        var projects = await app.WithDatabaseAsync(db => db.VoteOptions.Where(o => o.VoteId == vote.Id).OrderBy(o => o.Position).Select(o => new { o.Title, o.Cost }).ToListAsync());
        Assert.Equal(["Jardin partagé", "Aire de jeux", "Bancs"], projects.Select(p => p.Title));
        Assert.Equal([12_000L, 30_000, 8_000], projects.Select(p => p.Cost!.Value));
    }

    [Fact]
    public async Task A_basket_over_the_budget_is_refused_keeping_its_ticks_and_a_check_casts_nothing()
    {
        var vote = await VoteAsync(VoteMethod.Budget, ["Jardin", "Aire de jeux", "Bancs"], costs: [12_000, 30_000, 8_000], budget: 40_000);
        var (voter, _) = await app.SignedInAsync("Habitante de Kervénanec");

        var over = await voter.PostAsync($"/votes/{vote}", new Dictionary<string, string> { ["o0"] = "1", ["o1"] = "1" });
        Assert.Equal(HttpStatusCode.OK, over.Status);
        Assert.Contains("dépasse le budget", over.Text("form.ballot"), StringComparison.Ordinal);
        Assert.NotNull(over.Document.QuerySelector("#o0[checked]"));
        Assert.NotNull(over.Document.QuerySelector("#o1[checked]"));
        Assert.Contains("42", over.Text("[data-template]"), StringComparison.Ordinal);

        var check = await voter.PostAsync($"/votes/{vote}", new Dictionary<string, string> { ["o1"] = "1", ["o2"] = "1", ["check"] = "1" });
        Assert.Equal(HttpStatusCode.OK, check.Status);
        Assert.Contains("38", check.Text("[data-template]"), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.BallotBox(vote).CountAsync()));

        var cast = await voter.PostAsync($"/votes/{vote}", new Dictionary<string, string> { ["o1"] = "1", ["o2"] = "1" });
        Assert.Equal(HttpStatusCode.Redirect, cast.Status);
        Assert.Equal(",1,1", await app.WithDatabaseAsync(db => db.BallotBox(vote).SingleAsync()));
    }

    [Fact]
    public async Task Budget_results_show_each_step_and_download_with_the_costs_for_a_recount()
    {
        // Six want the garden (40) and the playground (40), four the benches (40) and the fountain (40); 100 to share.
        var vote = await VoteAsync(VoteMethod.Budget, ["Jardin", "Aire de jeux", "Bancs", "Fontaine"], closed: true, costs: [40, 40, 40, 40], budget: 100,
            count: BudgetCount.EqualShares);
        await app.WithDatabaseAsync(async db =>
        {
            db.Ballots.AddRange(Enumerable.Range(0, 6).Select(_ => new CastBallot { VoteId = vote, Content = "1,1,," }));
            db.Ballots.AddRange(Enumerable.Range(0, 4).Select(_ => new CastBallot { VoteId = vote, Content = ",,1,1" }));
            // Blank baskets count in the turnout and take no share of the money.
            db.Ballots.AddRange(Enumerable.Range(0, 2).Select(_ => new CastBallot { VoteId = vote, Content = ",,," }));
            await db.SaveChangesAsync();
        });

        var page = await app.NewSession().GetAsync($"/votes/{vote}/results");
        Assert.Equal(["Jardin", "Bancs"], page.Texts("ol.winners li"));
        Assert.Contains("parts égales", page.Text("main"), StringComparison.Ordinal);
        Assert.Contains("80", page.Text("main"), StringComparison.Ordinal);
        Assert.Matches(@"10 paniers\W+une part de 10,00", page.Text("main"));

        var pabulib = await app.NewSession().Client.GetStringAsync($"/votes/{vote}/results?handler=Ballots&format=pabulib");
        var lines = pabulib.ReplaceLineEndings("\n").Split('\n');
        Assert.Contains("budget;100", lines);
        Assert.Contains("1;40;Jardin", lines);
        Assert.Equal(10, lines.SkipWhile(l => l != "VOTES").Skip(2).Count(l => l.Length > 0));
        Assert.Contains("1;1,2", lines);
        Assert.Equal(HttpStatusCode.NotFound, (await app.NewSession().GetAsync($"/votes/{vote}/results?handler=Ballots&format=preflib")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await app.NewSession().GetAsync($"/votes/{vote}/results?handler=Ballots&format=nonsense")).Status);
    }

    [Fact]
    public async Task A_choice_naming_no_answer_is_refused_rather_than_taken_for_a_blank_vote()
    {
        var vote = await VoteAsync(VoteMethod.SingleChoice, ["Oui", "Non"]);
        var (voter, _) = await app.SignedInAsync("Votante maladroite");
        foreach (var choice in new[] { "-1", "7", "abc" })
        {
            var response = await voter.PostAsync($"/votes/{vote}", new Dictionary<string, string> { ["choice"] = choice });
            Assert.Equal(HttpStatusCode.OK, response.Status);
            Assert.NotEqual("", response.Text("#ballot-error"));
            Assert.Equal("ballot-error", response.Document.QuerySelector("form.ballot fieldset")!.GetAttribute("aria-describedby"));
        }
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.BallotBox(vote).CountAsync()));
    }

    [Fact]
    public async Task A_closed_process_takes_no_ballot_whatever_its_votes_dates_say()
    {
        var vote = await VoteAsync(VoteMethod.SingleChoice, ["Oui", "Non"]);
        var (voter, person) = await app.SignedInAsync("Votant d'une démarche close");
        await app.WithDatabaseAsync(db => db.Processes.Where(p => p.Id == app.World.ProcessId).ExecuteUpdateAsync(s => s.SetProperty(p => p.ClosedAt, DateTimeOffset.UtcNow)));
        try
        {
            Assert.False((await CastAsAsync(person.Id, vote, [1, null])).Succeeded);
            Assert.Equal(0, await app.WithDatabaseAsync(db => db.BallotBox(vote).CountAsync()));
        }
        finally
        {
            await app.WithDatabaseAsync(db => db.Processes.Where(p => p.Id == app.World.ProcessId).ExecuteUpdateAsync(s => s.SetProperty(p => p.ClosedAt, (DateTimeOffset?)null)));
        }
    }

    [Fact]
    public async Task A_named_vote_s_results_show_each_member_s_ballot_once_closed()
    {
        var vote = await VoteAsync(VoteMethod.SingleChoice, ["Pour", "Contre"], secret: false);
        var (member, _) = await app.SignedInAsync("Conseiller Le Goff");
        await member.PostAsync($"/votes/{vote}", new Dictionary<string, string> { ["choice"] = "0" });
        await app.WithDatabaseAsync(db => db.Votes.Where(v => v.Id == vote)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.ClosesAt, DateTimeOffset.UtcNow.AddMinutes(-1))));

        var page = await app.NewSession().GetAsync($"/votes/{vote}/results");
        Assert.Equal(["Conseiller Le Goff", "✓", ""], page.Document.QuerySelectorAll("section[aria-labelledby=named] tbody tr:first-child > *").Select(c => c.TextContent.Trim()));

        // Scores read as the numbers given.
        var scored = await VoteAsync(VoteMethod.Score, ["Nord", "Sud"], secret: false);
        await member.PostAsync($"/votes/{scored}", new Dictionary<string, string> { ["o0"] = "4", ["o1"] = "1" });
        await app.WithDatabaseAsync(db => db.Votes.Where(v => v.Id == scored)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.ClosesAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        var scores = await app.NewSession().GetAsync($"/votes/{scored}/results");
        Assert.Equal(["Conseiller Le Goff", "4", "1"], scores.Document.QuerySelectorAll("section[aria-labelledby=named] tbody tr:first-child > *").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public async Task The_ballot_box_takes_envelopes_together_shuffled_and_in_a_transaction_of_their_own()
    {
        var gathering = await VoteAsync(VoteMethod.SingleChoice, ["Oui", "Non"]);
        var few = await VoteAsync(VoteMethod.SingleChoice, ["Oui", "Non"]);
        var people = Enumerable.Range(0, 2 * ShuffledBox.Together + 3).Select(i => new Person { UserName = $"urne{i}-{gathering:N}", Pseudonym = $"Urne {i}" }).ToList();
        await app.WithDatabaseAsync(async db =>
        {
            db.Users.AddRange(people);
            await db.SaveChangesAsync();
        });
        foreach (var (person, i) in people.Take(ShuffledBox.Together + 3).Select((p, i) => (p, i)))
        {
            Assert.True((await CastAsAsync(person.Id, i < ShuffledBox.Together ? gathering : few, [i % 3 == 0 ? 1 : null, i % 3 == 0 ? null : 1])).Succeeded);
        }
        var envelopeIds = await app.WithDatabaseAsync(db => db.Envelopes.Where(e => e.VoteId == gathering).Select(e => e.Id).ToListAsync());

        await app.Services.GetRequiredService<BallotBox>().TakeAsync();

        // Enough envelopes: taken, under new ids; too few in an open vote: they wait, and count meanwhile.
        var (ballots, leftGathering, leftFew) = await app.WithDatabaseAsync(async db => (
            await db.Ballots.Where(b => b.VoteId == gathering).ToListAsync(), await db.Envelopes.CountAsync(e => e.VoteId == gathering),
            await db.Envelopes.CountAsync(e => e.VoteId == few)));
        Assert.Equal(ShuffledBox.Together, ballots.Count);
        Assert.Empty(ballots.Select(b => b.Id).Intersect(envelopeIds));
        Assert.Equal((0, 3), (leftGathering, leftFew));
        Assert.Equal(3, await app.WithDatabaseAsync(db => db.BallotBox(few).CountAsync()));
        // A running count takes only what the box took, but its latest round: a look before and after someone votes
        // tells a round, not a ballot, and so does the final count after the last running one, however few come last.
        await app.WithDatabaseAsync(db => db.Votes.Where(v => v.Id == gathering || v.Id == few).ExecuteUpdateAsync(s => s.SetProperty(v => v.ResultsBeforeClose, true)));
        var running = await app.NewSession().GetAsync($"/votes/{gathering}/results");
        Assert.Contains("groupes de 10 au moins", running.Text("main"), StringComparison.Ordinal);
        Assert.Contains("aucun bulletin dans l'urne", running.Text("main"), StringComparison.Ordinal);
        Assert.Contains("aucun bulletin dans l'urne", (await app.NewSession().GetAsync($"/votes/{few}/results")).Text("main"), StringComparison.Ordinal);
        foreach (var person in people.Skip(ShuffledBox.Together + 3))
        {
            Assert.True((await CastAsAsync(person.Id, gathering, [1, null])).Succeeded);
        }
        await app.Services.GetRequiredService<BallotBox>().TakeAsync();
        Assert.Equal([(1, ShuffledBox.Together), (2, ShuffledBox.Together)], await app.WithDatabaseAsync(async db =>
            (await db.Ballots.Where(b => b.VoteId == gathering).GroupBy(b => b.Round).Select(g => new { g.Key, Count = g.Count() }).ToListAsync())
                .Select(g => (g.Key, g.Count)).Order().ToList()));
        var secondRound = await app.NewSession().GetAsync($"/votes/{gathering}/results");
        Assert.Contains($"{ShuffledBox.Together} bulletins dans l'urne", secondRound.Text("main"), StringComparison.Ordinal);
        Assert.Equal(["4", "6"], secondRound.Texts("section[aria-labelledby=how] tbody td"));

        // A closed vote's envelopes are taken however few.
        await app.WithDatabaseAsync(db => db.Votes.Where(v => v.Id == few).ExecuteUpdateAsync(s => s.SetProperty(v => v.ClosesAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        Assert.Contains("3 bulletins dans l'urne", (await app.NewSession().GetAsync($"/votes/{few}/results")).Text("main"), StringComparison.Ordinal);
        await app.Services.GetRequiredService<BallotBox>().TakeAsync();
        Assert.Equal((0, 3), await app.WithDatabaseAsync(async db => (await db.Envelopes.CountAsync(e => e.VoteId == few), await db.Ballots.CountAsync(b => b.VoteId == few))));
    }

    [Fact]
    public async Task A_paper_ballot_prints_every_option_with_the_method_s_instructions()
    {
        var ranked = await VoteAsync(VoteMethod.InstantRunoff, ["Halle", "Jardin", "Parking"]);
        var page = await app.NewSession().GetAsync($"/votes/{ranked}/paper");
        Assert.Equal(["Halle", "Jardin", "Parking"], page.Texts("table.paper-ballot tbody th"));
        Assert.Contains("Écrivez 1 dans la case", page.Text("main"), StringComparison.Ordinal);

        var budget = await VoteAsync(VoteMethod.Budget, ["Jardin", "Bancs"], costs: [12_000, 8_000], budget: 15_000);
        var basket = await app.NewSession().GetAsync($"/votes/{budget}/paper");
        Assert.Matches(@"sans dépasser 15\W000", basket.Text("main"));
        Assert.Matches(@"Jardin · 12\W000", basket.Text("table.paper-ballot tbody tr:first-child th"));
    }

    [Fact]
    public async Task Two_ballot_boxes_taking_the_same_envelopes_at_once_count_each_ballot_once()
    {
        var vote = await VoteAsync(VoteMethod.SingleChoice, ["Oui", "Non"], closed: true);
        await app.WithDatabaseAsync(async db =>
        {
            db.Envelopes.AddRange(Enumerable.Range(0, 12).Select(i => new Envelope { VoteId = vote, Content = i % 2 == 0 ? "1," : ",1" }));
            await db.SaveChangesAsync();
        });
        // Two nodes' ballot boxes at the same moment: one takes the envelopes, the other finds them gone and goes on
        // without an error, as a test or an administrator calling the box while its timer runs would.
        var box = app.Services.GetRequiredService<BallotBox>();
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => box.TakeAsync()));

        Assert.Equal((12, 0), await app.WithDatabaseAsync(async db => (await db.Ballots.CountAsync(b => b.VoteId == vote), await db.Envelopes.CountAsync(e => e.VoteId == vote))));
    }
}
