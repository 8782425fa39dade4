using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Web.Kernel.People;

namespace Parvis.Tests.Browser;

public sealed partial class JourneyTests
{
    [Fact]
    public async Task On_a_phone_a_participant_grades_every_answer_by_keyboard_and_reads_a_count_anyone_can_redo()
    {
        var (open, closed) = await app.WithDatabaseAsync(async db => (
            await db.Votes.Where(v => v.Method == VoteMethod.MajorityJudgment).Select(v => v.Id).FirstAsync(),
            await db.Votes.Where(v => v.Method == VoteMethod.Schulze).Select(v => v.Id).FirstAsync()));
        var person = await app.CreatePersonAsync("Électrice au téléphone");
        var phone = await app.NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        await SignInAsync(phone, person.Email!);
        // Every vote of the process is in its list, which the process page leads to.
        await phone.GotoAsync($"/processes/{app.World.ProcessSlug}/votes");
        Assert.True(await phone.Locator($"main a[href='/votes/{open}']").CountAsync() == 1, "the list names the open vote");
        await app.AssertAccessibleAsync(phone);
        await phone.GotoAsync($"/votes/{open}");
        await app.AssertAccessibleAsync(phone);
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the ballot is wider than the phone");
        Assert.Contains("Avis consultatif", await phone.TextContentAsync("#purpose"), StringComparison.Ordinal);

        // Each answer is a group of grades: Tab reaches it, the arrows choose (from "Excellent" down).
        await phone.FocusAsync("#o0-6");
        for (var option = 0; option < 4; option++)
        {
            for (var step = 0; step < option + 1; step++)
            {
                await phone.Keyboard.PressAsync("ArrowDown");
            }
            await phone.Keyboard.PressAsync("Tab");
        }
        Assert.Equal(["5", "4", "3", "2"], await Task.WhenAll(Enumerable.Range(0, 4).Select(o => phone.InputValueAsync($"input[name=o{o}]:checked"))));
        Assert.True(await phone.EvaluateAsync<bool>("() => document.activeElement?.matches('form.ballot button[type=submit]') === true"));
        await phone.Keyboard.PressAsync("Enter");
        await phone.WaitForSelectorAsync("text=Votre bulletin est dans l'urne");
        Assert.Contains("Vous avez voté", await phone.TextContentAsync("main"), StringComparison.Ordinal);
        Assert.Equal("5,4,3,2", await app.WithDatabaseAsync(db => db.BallotBox(open).FirstAsync(c => c == "5,4,3,2")));

        await phone.GotoAsync($"/votes/{closed}/results");
        Assert.Equal("Le samedi matin", (await phone.TextContentAsync("ol.winners li"))!.Trim());
        Assert.Contains("deux à deux", await phone.TextContentAsync("main"), StringComparison.Ordinal);
        await app.AssertAccessibleAsync(phone);
        var download = await phone.RunAndWaitForDownloadAsync(() => phone.ClickAsync("text=Les bulletins au format PrefLib"));
        var election = Parvis.Voting.PrefLib.Load((await download.PathAsync())!);
        Assert.Equal(33, election.Ballots.VoterCount);
        Assert.Equal([0], Parvis.Voting.Schulze.Count(election.Ballots, Parvis.Voting.TieBreak.ByNumber(3)).Winners);
    }

    [Fact]
    public async Task Every_method_s_ballot_paper_ballot_and_results_are_accessible_in_french_and_english()
    {
        var person = await app.CreatePersonAsync("Électeur de toutes les méthodes");
        var page = await app.NewPageAsync();
        await SignInAsync(page, person.Email!);
        foreach (var method in Enum.GetValues<VoteMethod>())
        {
            var graded = method is VoteMethod.MajorityJudgment or VoteMethod.Score;
            var consent = method == VoteMethod.Consent;
            string[] titles = consent ? [$"Essai {method}"] : ["Nord", "Sud", "Est", "Ouest"];
            var (open, closed) = await app.WithDatabaseAsync(async db =>
            {
                var process = await db.Processes.FirstAsync();
                var component = process.Component(VotesModule.Key)!;
                Guid Add(bool isOpen)
                {
                    var now = DateTimeOffset.UtcNow;
                    var vote = new Vote
                    {
                        OrganisationId = process.OrganisationId, ProcessId = process.Id, ComponentId = component.Id, Question = $"Essai {method} {isOpen}",
                        Purpose = VotePurpose.AssemblyDecision, Method = method, Seats = method == VoteMethod.Stv ? 2 : 1, TieBreak = consent ? "0" : "0,1,2,3",
                        OpensAt = now.AddDays(isOpen ? -1 : -3), ClosesAt = now.AddDays(isOpen ? 1 : -1),
                        Budget = method == VoteMethod.Budget ? 100 : null, BudgetCount = isOpen ? BudgetCount.Greedy : BudgetCount.EqualShares,
                        Secret = !consent,
                        // One method's ballot also asks its voters to attest where they live and their age.
                        Electorate = method == VoteMethod.Approval ? Electorate.Residents : Electorate.Participants,
                        Territory = method == VoteMethod.Approval ? "Groix" : "", MinimumAge = method == VoteMethod.Approval ? 16 : null,
                        Lifelong = method == VoteMethod.Borda,
                    };
                    db.Votes.Add(vote);
                    if (consent)
                    {
                        // One objection answered, on both: the open decision lists it, the closed one is adopted.
                        db.VoteObjections.Add(new VoteObjection { VoteId = vote.Id, Reason = "Le coût n'est pas chiffré.", Answer = "Le chiffrage est en annexe.", AnsweredAt = now });
                    }
                    db.VoteOptions.AddRange(titles.Select((t, i) => new VoteOption
                    {
                        VoteId = vote.Id, Position = i, Title = t, Cost = method == VoteMethod.Budget ? 40 : null,
                    }));
                    string[] contents = consent ? ["1", "0", "1"] : graded ? ["5,3,1,0", "4,4,2,1", "2,5,3,3"] : method is VoteMethod.SingleChoice or VoteMethod.Approval or VoteMethod.Budget ? ["1,,,", ",1,,", "1,,1,"] : ["1,2,3,4", "2,1,4,3", "3,1,2,"];
                    db.Ballots.AddRange(contents.SelectMany((c, i) => Enumerable.Range(0, i + 2).Select(_ => new CastBallot { VoteId = vote.Id, Content = method == VoteMethod.SingleChoice ? c.Replace("1,,1,", "1,,,", StringComparison.Ordinal) : c })));
                    return vote.Id;
                }
                var ids = (Add(true), Add(false));
                await db.SaveChangesAsync();
                return ids;
            });
            await page.GotoAsync($"/votes/{open}");
            Assert.Equal(1, await page.Locator("form.ballot").CountAsync());
            await app.AssertAccessibleAsync(page);
            await page.GotoAsync($"/votes/{open}/paper");
            Assert.Equal(consent ? 2 : 4, await page.Locator("table.paper-ballot tbody tr").CountAsync());
            await app.AssertAccessibleAsync(page);
            await page.GotoAsync($"/votes/{closed}/results");
            if (consent)
            {
                Assert.Contains("La proposition est adoptée", await page.TextContentAsync("main"), StringComparison.Ordinal);
            }
            else
            {
                Assert.True(await page.Locator("ol.winners li").CountAsync() >= 1, method.ToString());
            }
            await app.AssertAccessibleAsync(page);
        }
    }

    [Fact]
    public async Task A_basket_shows_its_total_as_boxes_are_ticked_and_the_server_still_refuses_one_over_the_budget()
    {
        var vote = await OpenVoteAsync(new Vote
        {
            Question = "Budget participatif des îles", Purpose = VotePurpose.AssemblyDecision, Method = VoteMethod.Budget, Budget = 50_000,
        }, ("Navette du soir", 30_000), ("Abri vélos", 12_000), ("Fontaine", 15_000));
        var person = await app.CreatePersonAsync("Îlienne au panier");
        var phone = await app.NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        await SignInAsync(phone, person.Email!);
        await phone.GotoAsync($"/votes/{vote}");
        await app.AssertAccessibleAsync(phone);

        await phone.FocusAsync("#o0");
        await phone.Keyboard.PressAsync("Space");
        await phone.Keyboard.PressAsync("Tab");
        await phone.Keyboard.PressAsync("Space");
        // The total follows each box as the person ticks it (waited for: the script answers the change event).
        var total = phone.Locator("[data-template]");
        await Assertions.Expect(total).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"42\D?000"));
        await phone.Keyboard.PressAsync("Tab");
        Assert.True(await phone.EvaluateAsync<bool>("() => document.activeElement?.id === 'o2'"));
        await phone.Keyboard.PressAsync("Space");
        await Assertions.Expect(total).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"dépasse le budget\W+57\D?000"));
        await Assertions.Expect(total).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("field-error"));

        await Infrastructure.BrowserApp.ClickForNewPageAsync(phone, phone.GetByRole(AriaRole.Button, new() { Name = "Déposer mon bulletin" }));
        Assert.Contains("dépasse le budget", await phone.TextContentAsync("form.ballot"), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.BallotBox(vote).CountAsync()));
        await phone.UncheckAsync("#o2");
        await Infrastructure.BrowserApp.ClickForNewPageAsync(phone, phone.GetByRole(AriaRole.Button, new() { Name = "Déposer mon bulletin" }));
        Assert.Contains("Vous avez voté", await phone.TextContentAsync("main"), StringComparison.Ordinal);
        Assert.Equal("1,1,", await app.WithDatabaseAsync(db => db.BallotBox(vote).SingleAsync()));
    }

    [Fact]
    public async Task Staff_open_a_desk_sign_a_voter_and_two_officers_type_the_same_paper_ballot_by_keyboard()
    {
        var vote = await OpenVoteAsync(new Vote
        {
            Question = "Quel horaire pour la navette ?", Purpose = VotePurpose.Advisory, Method = VoteMethod.SingleChoice,
            ResultsBeforeClose = true, Mediated = true, MinimumAge = 16,
        }, ("Tôt le matin", null), ("En soirée", null), ("Le week-end", null));
        var manager = await app.CreatePersonAsync("Présidente du bureau", Role.ProcessManager);
        var facilitator = await app.CreatePersonAsync("Assesseur de la salle des fêtes", Role.Facilitator);
        var page = await app.NewPageAsync();
        await SignInAsync(page, manager.Email!);
        await page.GotoAsync($"/votes/{vote}");
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Bureaux de vote papier" }));
        await app.AssertAccessibleAsync(page);
        await page.FillAsync("#Name", "Salle des fêtes");
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Ajouter un bureau" }));
        var desk = page.Url;
        await app.AssertAccessibleAsync(page);

        // A voter without an account signs the register; then the first reading of their ballot, by keyboard only.
        await page.FillAsync("#Who_Surname", "Le Bihan");
        await page.FillAsync("#Who_GivenNames", "Maëlle");
        await page.FillAsync("#Who_BirthDate", "1961-07-14");
        // The attestation forgotten: said beside its box, what was typed kept, the box described by its error.
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.Locator("form[action*=SignIdentity] button"));
        Assert.Equal("Le Bihan", await page.InputValueAsync("#Who_Surname"));
        Assert.Equal("AttestedIdentity-error", await page.GetAttributeAsync("#AttestedIdentity", "aria-describedby"));
        Assert.False(await page.IsCheckedAsync("#AttestedIdentity"));
        await app.AssertAccessibleAsync(page);
        // The check reads the page again in each language: the desk's form is typed in anew, attested this time.
        await page.FillAsync("#Who_Surname", "Le Bihan");
        await page.FillAsync("#Who_GivenNames", "Maëlle");
        await page.FillAsync("#Who_BirthDate", "1961-07-14");
        await page.CheckAsync("#AttestedIdentity");
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.Locator("form[action*=SignIdentity] button"));
        Assert.Contains("La signature est enregistrée", await page.TextContentAsync("body"), StringComparison.Ordinal);
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Clore la liste d'émargement et commencer le dépouillement" }));
        await TypeSecondChoiceAsync(page);
        Assert.Contains("Bulletin n°\u00a01 enregistré", await page.TextContentAsync("body"), StringComparison.Ordinal);

        var second = await app.NewPageAsync();
        await SignInAsync(second, facilitator.Email!);
        await second.GotoAsync($"{desk}?pass=2");
        Assert.Equal("1", await second.InputValueAsync("#sheet"));
        await TypeSecondChoiceAsync(second);
        await app.AssertAccessibleAsync(second);
        Assert.Contains("sont identiques", await second.TextContentAsync("section[aria-labelledby=count]"), StringComparison.Ordinal);
        await Infrastructure.BrowserApp.ClickForNewPageAsync(second, second.GetByRole(AriaRole.Button, new() { Name = "Clore le dépouillement et mettre les bulletins dans l'urne" }));

        Assert.EndsWith("/sheet", second.Url, StringComparison.Ordinal);
        Assert.Equal(["1", "1", "0", "0", "1"], (await second.Locator("#figures td").AllTextContentsAsync()).Select(t => t.Trim()));
        Assert.Equal(["0", "1", "0"], (await second.Locator("#per-option tbody td").AllTextContentsAsync()).Select(t => t.Trim()));
        await app.AssertAccessibleAsync(second);
        Assert.Equal(",1,", await app.WithDatabaseAsync(db => db.BallotBox(vote).SingleAsync()));

        // A mediator records the vote of someone present, on the same register.
        await page.GotoAsync($"/votes/{vote}/mediate");
        await app.AssertAccessibleAsync(page);
        await page.FillAsync("#Who_Surname", "Riou");
        await page.FillAsync("#Who_GivenNames", "Jeanne");
        await page.FillAsync("#Who_BirthDate", "1939-04-02");
        await page.CheckAsync("#o2");
        await page.CheckAsync("#Present");
        await page.CheckAsync("#Attested");
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer son vote" }));
        Assert.Contains("Son vote est enregistré", await page.TextContentAsync("body"), StringComparison.Ordinal);
        Assert.Equal([",,1", ",1,"], (await app.WithDatabaseAsync(db => db.BallotBox(vote).ToListAsync())).Order(StringComparer.Ordinal));
    }

    /// <summary>A vote of the demo's process, open since yesterday for five days, with its options (and their costs).</summary>
    private Task<Guid> OpenVoteAsync(Vote vote, params (string Title, long? Cost)[] options) => app.WithDatabaseAsync(async db =>
    {
        var process = await db.Processes.FirstAsync();
        (vote.OrganisationId, vote.ProcessId, vote.ComponentId) = (process.OrganisationId, process.Id, process.Component(VotesModule.Key)!.Id);
        (vote.OpensAt, vote.ClosesAt) = (DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(5));
        vote.TieBreak = string.Join(',', Enumerable.Range(0, options.Length));
        db.Votes.Add(vote);
        db.VoteOptions.AddRange(options.Select((o, i) => new VoteOption { VoteId = vote.Id, Position = i, Title = o.Title, Cost = o.Cost }));
        await db.SaveChangesAsync();
        return vote.Id;
    });

    /// <summary>Types the next sheet as a ballot for the second option: Tab from the number into the choices, an arrow, Enter.</summary>
    private static async Task TypeSecondChoiceAsync(IPage page)
    {
        await page.FocusAsync("#sheet");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.True(await page.IsCheckedAsync("#o1"));
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement?.matches('form.ballot button[type=submit]') === true"));
        await page.EvaluateAsync("() => { window.parvisOldPage = true; }");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => window.parvisOldPage !== true && document.readyState === 'complete'");
    }

    [Fact]
    public async Task On_a_phone_a_participant_submits_a_budget_project_and_staff_review_it_publicly()
    {
        var (slug, processId, component) = await app.WithDatabaseAsync(async db =>
        {
            var area = await db.BudgetAreas.FirstAsync(a => a.Name == "Les îles");
            var process = await db.Processes.FirstAsync(p => p.Id == area.ProcessId);
            return (process.Slug, process.Id, area.ComponentId);
        });
        var person = await app.CreatePersonAsync("Porteuse de projet au téléphone");
        var phone = await app.NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        await SignInAsync(phone, person.Email!);
        await phone.GotoAsync($"/processes/{slug}");
        await Infrastructure.BrowserApp.ClickForNewPageAsync(phone, phone.GetByRole(AriaRole.Link, new() { Name = "Déposer un projet pour le budget participatif" }));
        await app.AssertAccessibleAsync(phone);
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the projects page is wider than the phone");
        Assert.Contains("Pont entre les deux îles", await phone.TextContentAsync("main"), StringComparison.Ordinal);

        await phone.FocusAsync("#Title");
        await phone.Keyboard.TypeAsync("Des bancs à l'ombre du marché");
        await phone.Keyboard.PressAsync("Tab");
        await phone.Keyboard.TypeAsync("Trois bancs sous les arbres de la place, pour les personnes âgées qui attendent le bateau.");
        await phone.Keyboard.PressAsync("Tab");
        Assert.True(await phone.EvaluateAsync<bool>("() => document.activeElement?.id === 'AreaId'"));
        await phone.Keyboard.PressAsync("Tab");
        await phone.EvaluateAsync("() => { window.parvisOldPage = true; }");
        await phone.Keyboard.PressAsync("Enter");
        await phone.WaitForFunctionAsync("() => window.parvisOldPage !== true && document.readyState === 'complete'");
        Assert.Contains("Votre projet est déposé", await phone.TextContentAsync("body"), StringComparison.Ordinal);
        Assert.Contains("En cours d'étude", await phone.TextContentAsync("#review ~ p, section.card"), StringComparison.Ordinal);
        await app.AssertAccessibleAsync(phone);
        var project = phone.Url;

        var manager = await app.CreatePersonAsync("Chargé des projets des îles", Role.ProcessManager);
        var page = await app.NewPageAsync();
        await SignInAsync(page, manager.Email!);
        await page.GotoAsync(project);
        await page.CheckAsync("#Feasible_true");
        await page.FillAsync("#Cost", "4000");
        await page.FillAsync("#ReviewText", "Prix de trois bancs du catalogue de la commune.");
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Donner l'avis de faisabilité" }));
        var review = await page.TextContentAsync("section.card");
        Assert.Contains("Réalisable", review, StringComparison.Ordinal);
        Assert.Contains("Prix de trois bancs", review, StringComparison.Ordinal);
        await app.AssertAccessibleAsync(page);
        await page.GotoAsync($"/admin/processes/{processId}/votes/{component}");
        Assert.Contains("Les îles", await page.TextContentAsync("section[aria-labelledby=areas]"), StringComparison.Ordinal);
        await app.AssertAccessibleAsync(page);
    }
}
