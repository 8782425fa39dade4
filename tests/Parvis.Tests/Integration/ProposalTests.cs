using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Web;

namespace Parvis.Tests.Integration;

[Trait("Suite", "integration")]
public sealed class ProposalTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    private string NewProposalPath => $"/processes/{app.World.ProcessSlug}/proposals/new";

    private Task<Guid> ProposeAsync(Session session, string title, string body = "Un texte assez long pour être une vraie proposition.", Guid? theme = null) =>
        ProposalForms.ProposeAsync(session, app.World.ProcessSlug, title, theme ?? app.World.ThemeId, body);

    private static Task<string> CommentAsync(Session session, Guid proposalId, string body, string? parentId = null) =>
        ProposalForms.CommentAsync(session, proposalId, body, parentId);

    [Fact]
    public async Task A_proposal_is_published_under_the_pseudonym_and_never_the_email()
    {
        var (session, person) = await app.SignedInAsync("Autrice");
        var id = await ProposeAsync(session, "Des pistes cyclables sûres");
        using var visitor = app.NewSession();
        var page = await visitor.GetAsync($"/proposals/{id}");
        Assert.Equal("Des pistes cyclables sûres", page.Text("h1"));
        Assert.Contains("Autrice", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(person.Email!, page.Body, StringComparison.Ordinal);
        var list = await visitor.GetAsync($"/processes/{app.World.ProcessSlug}/proposals");
        Assert.Contains("Des pistes cyclables sûres", list.Texts("h2 a"));
    }

    [Fact]
    public async Task The_author_edits_until_the_first_support_then_no_more()
    {
        var (author, _) = await app.SignedInAsync("Rédactrice");
        var (supporter, _) = await app.SignedInAsync("Soutien");
        var id = await ProposeAsync(author, "Premier titre");
        var edited = await author.PostAsync($"/proposals/{id}/edit", new Dictionary<string, string>
        {
            ["Input.Title"] = "Titre corrigé",
            ["Input.Body"] = "Un texte corrigé, toujours assez long.",
        });
        Assert.Equal(HttpStatusCode.Redirect, edited.Status);

        Assert.Equal(HttpStatusCode.Redirect, (await supporter.PostAsync($"/proposals/{id}?handler=Support", new Dictionary<string, string>())).Status);
        var refused = await author.PostAsync($"/proposals/{id}/edit", new Dictionary<string, string>
        {
            ["Input.Title"] = "Changement après soutien",
            ["Input.Body"] = "Ce texte ne doit jamais être enregistré.",
        });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        var stored = await app.WithDatabaseAsync(db => db.Proposals.AsNoTracking().FirstAsync(p => p.Id == id));
        Assert.Equal("Titre corrigé", stored.Title);
    }

    [Fact]
    public async Task The_author_edits_no_more_once_it_has_a_fate_nor_once_the_process_takes_no_proposals()
    {
        var (author, person) = await app.SignedInAsync("Rédacteur tardif");
        var (analyst, _) = await app.SignedInAsync("Analyste des suites", Role.Analyst);
        async Task RefusedAsync(Guid id, string title)
        {
            Assert.Empty((await author.GetAsync($"/proposals/{id}")).Document.QuerySelectorAll($"a[href='/proposals/{id}/edit']"));
            Assert.Contains("ne peut plus être modifiée", (await author.GetAsync($"/proposals/{id}/edit")).Text("[role=alert]"), StringComparison.Ordinal);
            var refused = await author.PostAsync($"/proposals/{id}/edit", new Dictionary<string, string>
            {
                ["Input.Title"] = "Réécrite après coup", ["Input.Body"] = "Ce texte ne doit jamais être enregistré.",
            });
            Assert.Equal(HttpStatusCode.OK, refused.Status);
            Assert.Equal(title, await app.WithDatabaseAsync(db => db.Proposals.Where(p => p.Id == id).Select(p => p.Title).SingleAsync()));
        }

        // Given a fate, its words stay those the answer was written for.
        var answered = await ProposeAsync(author, "Un marché le soir");
        Assert.NotEmpty((await author.GetAsync($"/proposals/{answered}")).Document.QuerySelectorAll($"a[href='/proposals/{answered}/edit']"));
        Assert.Equal(HttpStatusCode.Redirect, (await analyst.PostAsync($"/contributions/{answered}", new Dictionary<string, string>
        {
            ["Fate"] = "Answered", ["Explanation"] = "Un essai aura lieu en juin.", ["SynthesisItemId"] = "", ["MergedIntoId"] = "",
        })).Status);
        await RefusedAsync(answered, "Un marché le soir");

        // In a process whose phase takes no more proposals (supports only), nor.
        var today = DateOnly.FromDateTime(DateTime.Now);
        var process = await app.AddProcessAsync("soutiens-seulement", new Phase
        {
            Title = "Soutiens", StartsOn = today.AddDays(-1), EndsOn = today.AddDays(30), Switches = [ProposalsModule.Supporting],
        });
        var late = await app.WithDatabaseAsync(async db =>
        {
            var proposal = new Proposal { OrganisationId = process.OrganisationId, ProcessId = process.Id, AuthorId = person.Id, Title = "Un banc de plus", Body = "Près de l'arrêt de bus." };
            db.Proposals.Add(proposal);
            await db.SaveChangesAsync();
            return proposal.Id;
        });
        await RefusedAsync(late, "Un banc de plus");
    }

    [Fact]
    public async Task Someone_else_cannot_edit_or_withdraw_a_proposal()
    {
        var (author, _) = await app.SignedInAsync("Propriétaire");
        var (other, _) = await app.SignedInAsync("Intrus");
        var id = await ProposeAsync(author, "Proposition protégée");
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync($"/proposals/{id}/edit")).Status);
        var response = await other.PostAsync($"/proposals/{id}?handler=Withdraw", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains("pas le droit", response.Text("[role=alert]"), StringComparison.Ordinal);
        Assert.Null((await app.WithDatabaseAsync(db => db.Proposals.AsNoTracking().FirstAsync(p => p.Id == id))).WithdrawnAt);
    }

    [Fact]
    public async Task Fifty_simultaneous_supports_by_one_person_count_once()
    {
        var (author, _) = await app.SignedInAsync("Concurrente");
        var id = await ProposeAsync(author, "Très populaire");
        var (supporter, person) = await app.SignedInAsync("Impatient");
        var page = await supporter.GetAsync($"/proposals/{id}");
        var token = page.Document.QuerySelector("input[name=__csrf]")!.GetAttribute("value")!;

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            supporter.PostRawAsync($"/proposals/{id}?handler=Support", new Dictionary<string, string> { ["__csrf"] = token })));

        Assert.All(responses, r => Assert.True(r.Status is HttpStatusCode.Redirect or HttpStatusCode.OK, r.Status.ToString()));
        var (supports, counter) = await app.WithDatabaseAsync(async db => (
            await db.Supports.CountAsync(s => s.ProposalId == id && s.PersonId == person.Id),
            (await db.Proposals.AsNoTracking().FirstAsync(p => p.Id == id)).SupportCount));
        Assert.Equal(1, supports);
        Assert.Equal(1, counter);
    }

    [Fact]
    public async Task A_burst_of_supports_by_many_people_counts_each_pair_once_and_refuses_a_withdrawn_proposal()
    {
        var (author, _) = await app.SignedInAsync("Autrice d'une rafale");
        var open = new[] { await ProposeAsync(author, "Rafale, première"), await ProposeAsync(author, "Rafale, deuxième") };
        var withdrawn = await ProposeAsync(author, "Rafale, retirée");
        Assert.Equal(HttpStatusCode.Redirect, (await author.PostAsync($"/proposals/{withdrawn}?handler=Withdraw", new Dictionary<string, string>())).Status);
        var supporters = new List<(Session Session, Guid PersonId, string Token)>();
        for (var i = 0; i < 8; i++)
        {
            var (session, person) = await app.SignedInAsync($"Rafale {i}");
            var page = await session.GetAsync($"/proposals/{open[0]}");
            supporters.Add((session, person.Id, page.Document.QuerySelector("input[name=__csrf]")!.GetAttribute("value")!));
        }

        // Every supporter posts each open proposal three times and the withdrawn one once, all at the same moment, so
        // the writer receives batches mixing new pairs, repeats of a pair and a proposal no longer open.
        var posts = supporters.SelectMany(s => open.SelectMany(id => Enumerable.Repeat(id, 3)).Append(withdrawn).Select(id => (s, id))).ToList();
        var answers = await Task.WhenAll(posts.Select(async post => (post.id, post.s.PersonId,
            Response: await post.s.Session.PostRawAsync($"/proposals/{post.id}?handler=Support", new Dictionary<string, string> { ["__csrf"] = post.s.Token }))));

        foreach (var group in answers.Where(a => a.id != withdrawn).GroupBy(a => (a.id, a.PersonId)))
        {
            Assert.Equal(1, group.Count(a => a.Response.Status == HttpStatusCode.Redirect));
            Assert.All(group.Where(a => a.Response.Status != HttpStatusCode.Redirect), a =>
            {
                Assert.Contains("un seul soutien par personne", a.Response.Text("[role=alert]"), StringComparison.Ordinal);
                // A support carries no comment: the comment field shows no error.
                Assert.Empty(a.Response.Document.QuerySelectorAll(".field-error"));
            });
        }
        Assert.All(answers.Where(a => a.id == withdrawn), a => Assert.Equal(HttpStatusCode.NotFound, a.Response.Status));
        var stored = await app.WithDatabaseAsync(async db => (
            Pairs: await db.Supports.Where(s => open.Contains(s.ProposalId) || s.ProposalId == withdrawn).Select(s => new { s.ProposalId, s.PersonId }).ToListAsync(),
            Counters: await db.Proposals.Where(p => open.Contains(p.Id) || p.Id == withdrawn).ToDictionaryAsync(p => p.Id, p => p.SupportCount)));
        Assert.Equal(open.Length * supporters.Count, stored.Pairs.Distinct().Count());
        Assert.Equal(stored.Pairs.Count, stored.Pairs.Distinct().Count());
        Assert.All(open, id => Assert.Equal(supporters.Count, stored.Counters[id]));
        Assert.Equal(0, stored.Counters[withdrawn]);
    }

    [Fact]
    public async Task A_support_refused_as_a_repeat_leaves_every_kept_page_in_place()
    {
        var (author, _) = await app.SignedInAsync("Autrice soutenue deux fois");
        var id = await ProposeAsync(author, "Soutenue par un double clic");
        var (supporter, _) = await app.SignedInAsync("Soutien au double clic");
        var form = new Dictionary<string, string>
        {
            ["__csrf"] = (await supporter.GetAsync($"/proposals/{id}")).Document.QuerySelector("input[name=__csrf]")!.GetAttribute("value")!,
        };
        var changes = app.Services.GetRequiredService<ContentChanges>();
        var before = changes.GenerationOf(ChangeKind.Supports);
        Assert.Equal(HttpStatusCode.Redirect, (await supporter.PostRawAsync($"/proposals/{id}?handler=Support", form)).Status);
        Assert.True(changes.GenerationOf(ChangeKind.Supports) > before);

        // The second click stores nothing: no node drops its pages for it, so a burst of repeats costs no re-rendering.
        var generation = changes.Generation;
        var again = await supporter.PostRawAsync($"/proposals/{id}?handler=Support", form);
        Assert.Contains("un seul soutien par personne", again.Text("[role=alert]"), StringComparison.Ordinal);
        Assert.Equal(generation, changes.Generation);
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.Supports.CountAsync(s => s.ProposalId == id)));
    }

    [Fact]
    public async Task The_support_statement_is_planned_once_for_every_batch_on_postgresql()
    {
        var writer = app.Services.GetRequiredService<SupportWriter>();
        if (!TestDatabase.IsPostgres)
        {
            // SQLite: the writer works through a request's own context, with no connection of its own.
            Assert.Null(writer.Postgres);
            return;
        }
        var (author, _) = await app.SignedInAsync("Autrice d'un plan gardé");
        var proposals = new[] { await ProposeAsync(author, "Plan gardé, première"), await ProposeAsync(author, "Plan gardé, seconde") };
        // One after the other, so each support is a batch of its own: seven executions, past PostgreSQL's first five
        // custom plans, each with arrays of one element.
        for (var i = 0; i < 4; i++)
        {
            var (supporter, _) = await app.SignedInAsync($"Soutien du plan gardé {i}");
            foreach (var id in proposals.Take(i == 3 ? 1 : 2))
            {
                Assert.Equal(HttpStatusCode.Redirect, (await supporter.PostAsync($"/proposals/{id}?handler=Support", new Dictionary<string, string>())).Status);
            }
        }

        // The writer's one connection: its prepared statement was never planned for a batch's particular arrays.
        await using var connection = await writer.Postgres!.OpenConnectionAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE '%INSERT INTO proposals_supports%'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.True(reader.GetInt64(0) >= 7, $"generic plans: {reader.GetInt64(0)}");
        Assert.Equal(0, reader.GetInt64(1));
    }

    [Fact]
    public async Task A_persons_own_supports_show_on_their_proposal_pages_at_once_and_stay()
    {
        var (author, _) = await app.SignedInAsync("Autrice de deux propositions");
        var supported = await ProposeAsync(author, "Celle que je soutiendrai");
        var other = await ProposeAsync(author, "Celle que je laisse");
        var (supporter, _) = await app.SignedInAsync("Soutien fidèle");
        const string YouSupport = "Vous soutenez cette proposition.";
        // Both pages read (and keep) what this person supported before the support.
        Assert.DoesNotContain(YouSupport, (await supporter.GetAsync($"/proposals/{supported}")).Body, StringComparison.Ordinal);
        Assert.DoesNotContain(YouSupport, (await supporter.GetAsync($"/proposals/{other}")).Body, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await supporter.PostAsync($"/proposals/{supported}?handler=Support", new Dictionary<string, string>())).Status);

        var afterRedirect = await supporter.GetAsync($"/proposals/{supported}");
        Assert.Contains("Votre soutien est enregistré", afterRedirect.Text("[role=status]"), StringComparison.Ordinal);
        Assert.Contains(YouSupport, afterRedirect.Body, StringComparison.Ordinal);
        // Once the notice is gone, the page reads what is kept: it must have followed the support.
        var later = await supporter.GetAsync($"/proposals/{supported}");
        Assert.Empty(later.Document.QuerySelectorAll("[role=status]"));
        Assert.Contains(YouSupport, later.Body, StringComparison.Ordinal);
        Assert.Empty(later.Document.QuerySelectorAll("form[action$='handler=Support']"));
        var untouched = await supporter.GetAsync($"/proposals/{other}");
        Assert.DoesNotContain(YouSupport, untouched.Body, StringComparison.Ordinal);
        Assert.Single(untouched.Document.QuerySelectorAll("form[action$='handler=Support']"));
        // Someone else's page is theirs alone.
        Assert.DoesNotContain(YouSupport, (await author.GetAsync($"/proposals/{supported}")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closing_supports_in_the_phase_is_seen_by_the_next_support_at_once()
    {
        var (author, _) = await app.SignedInAsync("Autrice avant fermeture");
        var id = await ProposeAsync(author, "Soutenue avant la fermeture");
        var (early, _) = await app.SignedInAsync("Soutien matinal");
        var (late, _) = await app.SignedInAsync("Soutien tardif");
        // The support check keeps the process in memory: the first support reads it, the phase then changes.
        Assert.Equal(HttpStatusCode.Redirect, (await early.PostAsync($"/proposals/{id}?handler=Support", new Dictionary<string, string>())).Status);
        var page = await late.GetAsync($"/proposals/{id}");
        var component = app.World.Component(ProposalsModule.Key);
        async Task SupportsOpenAsync(bool open)
        {
            string[] keys = open
                ? [ProposalsModule.Proposing, ProposalsModule.Supporting, ProposalsModule.Commenting]
                : [ProposalsModule.Proposing, ProposalsModule.Commenting];
            var switches = keys.Select(k => Phase.Entry(component, k)).ToHashSet();
            await app.WithDatabaseAsync(db => db.Phases.Where(p => p.ProcessId == app.World.ProcessId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Switches, switches)));
        }
        await SupportsOpenAsync(false);
        try
        {
            var token = page.Document.QuerySelector("input[name=__csrf]")!.GetAttribute("value")!;
            var refused = await late.PostRawAsync($"/proposals/{id}?handler=Support", new Dictionary<string, string> { ["__csrf"] = token });
            Assert.Equal(HttpStatusCode.OK, refused.Status);
            Assert.Contains("étape en cours", refused.Text("[role=alert]"), StringComparison.Ordinal);
            Assert.Equal(1, await app.WithDatabaseAsync(db => db.Supports.CountAsync(s => s.ProposalId == id)));
        }
        finally
        {
            await SupportsOpenAsync(true);
        }
    }

    [Fact]
    public async Task A_support_outside_the_support_phase_is_refused_with_a_message()
    {
        var id = await app.WithDatabaseAsync(async db =>
        {
            var proposal = new Proposal { OrganisationId = app.World.OrganisationId, ProcessId = app.World.ClosedProcessId, Title = "Hors phase", Body = "Texte." };
            db.Proposals.Add(proposal);
            await db.SaveChangesAsync();
            return proposal.Id;
        });
        var (session, _) = await app.SignedInAsync("Trop tard");
        var page = await session.GetAsync($"/proposals/{id}");
        Assert.Empty(page.Document.QuerySelectorAll("form[action*=Support]"));
        var response = await session.PostAsync($"/proposals/{id}?handler=Support", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains("étape en cours", response.Text("[role=alert]"), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.Supports.CountAsync(s => s.ProposalId == id)));

        var propose = await session.GetAsync($"/processes/{app.World.ClosedProcessSlug}/proposals/new");
        Assert.Contains("étape en cours", propose.Text("[role=alert]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_and_over_long_fields_are_explained_and_nothing_is_stored()
    {
        var (session, person) = await app.SignedInAsync("Bavarde");
        var longTitle = new string('a', Proposal.TitleMax + 1);
        var response = await session.PostAsync(NewProposalPath, new Dictionary<string, string>
        {
            ["Input.Title"] = longTitle,
            ["Input.Body"] = "",
        });
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains("entre 5 et 150", response.Text("#Input_Title-error"), StringComparison.Ordinal);
        Assert.Contains("obligatoire", response.Text("#Input_Body-error"), StringComparison.Ordinal);
        Assert.Equal(longTitle, response.Document.QuerySelector("#Input_Title")!.GetAttribute("value"));

        var body = await session.PostAsync(NewProposalPath, new Dictionary<string, string>
        {
            ["Input.Title"] = "Un titre correct",
            ["Input.Body"] = new string('b', Proposal.BodyMax + 1),
        });
        Assert.NotEmpty(body.Text("#Input_Body-error"));
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.Proposals.CountAsync(p => p.AuthorId == person.Id)));
    }

    [Fact]
    public async Task A_theme_from_another_process_is_refused_next_to_the_theme()
    {
        var (session, person) = await app.SignedInAsync("Égarée");
        var response = await session.PostAsync(NewProposalPath, new Dictionary<string, string>
        {
            ["Input.Title"] = "Thème inconnu",
            ["Input.Body"] = "Un texte assez long pour être une vraie proposition.",
            ["Input.ThemeId"] = Guid.NewGuid().ToString(),
        });
        Assert.Contains("thème de la liste", response.Text("#theme-error"), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.Proposals.CountAsync(p => p.AuthorId == person.Id)));
    }

    [Fact]
    public async Task Script_typed_in_any_field_is_shown_as_text()
    {
        const string script = "<script>alert('x')</script>";
        var (session, _) = await app.SignedInAsync("Malicieuse");
        var id = await ProposeAsync(session, $"Titre {script}", $"Corps du texte {script} suffisamment long.");
        await session.PostAsync($"/proposals/{id}?handler=Comment", new Dictionary<string, string> { ["CommentBody"] = $"Commentaire {script}" });
        var page = await session.GetAsync($"/proposals/{id}");
        Assert.DoesNotContain(script, page.Body, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", page.Body, StringComparison.Ordinal);
        Assert.Empty(page.Document.QuerySelectorAll("main script"));
    }

    [Theory]
    [InlineData("/proposals/{0}")]
    [InlineData("/proposals/{0}/edit")]
    [InlineData("/flag/{0}")]
    [InlineData("/processes/{0}")]
    [InlineData("/processes/{0}/proposals")]
    public async Task Unknown_ids_get_the_not_found_page(string pattern)
    {
        var (session, _) = await app.SignedInAsync($"Curieux{Guid.NewGuid():N}"[..20]);
        var response = await session.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("Page introuvable", response.Text("h1"));
    }

    [Fact]
    public async Task A_support_for_an_unknown_proposal_is_not_found_and_stores_nothing()
    {
        var (session, person) = await app.SignedInAsync("Perdu");
        var token = await session.TokenAsync();
        var response = await session.PostRawAsync($"/proposals/{Guid.NewGuid()}?handler=Support", new Dictionary<string, string> { ["__csrf"] = token });
        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.Supports.CountAsync(s => s.PersonId == person.Id)));
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_is_refused()
    {
        var (session, person) = await app.SignedInAsync("Sans jeton");
        var response = await session.PostRawAsync(NewProposalPath, new Dictionary<string, string>
        {
            ["Input.Title"] = "Forgée ailleurs",
            ["Input.Body"] = "Un texte assez long pour être une vraie proposition.",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.Proposals.CountAsync(p => p.AuthorId == person.Id)));
    }

    [Fact]
    public async Task Comments_thread_under_the_comment_they_answer()
    {
        var (session, _) = await app.SignedInAsync("Discutante");
        var id = await ProposeAsync(session, "À débattre");
        var firstId = await CommentAsync(session, id, "Premier avis");
        await CommentAsync(session, id, "Réponse au premier", firstId);
        var page = await session.GetAsync($"/proposals/{id}");
        var reply = page.Document.QuerySelector($"#comment-{firstId} ol li.comment");
        Assert.NotNull(reply);
        Assert.Contains("Réponse au premier", reply.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, (await app.WithDatabaseAsync(db => db.Proposals.AsNoTracking().FirstAsync(p => p.Id == id))).CommentCount);
    }

    [Fact]
    public async Task A_reply_link_opens_its_form_under_the_comment_and_the_shared_thread_follows_each_readers_rights()
    {
        var (author, _) = await app.SignedInAsync("Fil partagé");
        var id = await ProposeAsync(author, "Un fil lu par tous");
        var commentId = await CommentAsync(author, id, "Un avis à discuter");
        var (moderator, _) = await app.SignedInAsync("Modératrice du fil", Role.Moderator);
        var (reader, _) = await app.SignedInAsync("Lecteur du fil");

        // The thread is rendered once for each set of rights and reused: each reader sees the actions of their own.
        string Actions(Session.Response page) => string.Join("|", page.Texts($"#comment-{commentId} ul.nav a"));
        Assert.Equal("Répondre à Fil partagé|Signaler", Actions(await reader.GetAsync($"/proposals/{id}")));
        Assert.Equal("Répondre à Fil partagé|Masquer", Actions(await moderator.GetAsync($"/proposals/{id}")));
        var shared = await reader.GetAsync($"/proposals/{id}");
        Assert.Equal("Répondre à Fil partagé|Signaler", Actions(shared));
        Assert.Empty(shared.Document.QuerySelectorAll($"#comment-{commentId} form"));

        // Without JavaScript: the link gives the page with the reply form under that comment only.
        var link = shared.Document.QuerySelector($"#comment-{commentId} ul.nav a")!.GetAttribute("href")!;
        Assert.Equal($"?reply={commentId}#reply", link);
        // A browser resolves it against the page's address, also when that page answered a form (its query is replaced).
        var target = new Uri(new Uri($"http://localhost/proposals/{id}?handler=Comment"), link).PathAndQuery;
        Assert.Equal($"/proposals/{id}?reply={commentId}", target);
        var replying = await reader.GetAsync(target);
        Assert.NotNull(replying.Document.QuerySelector($"#comment-{commentId} form textarea#reply"));
        // One reply form, and the form for a new comment.
        Assert.Single(replying.Document.QuerySelectorAll("textarea[name=CommentBody]#reply"));
        Assert.Equal(2, replying.Document.QuerySelectorAll("textarea[name=CommentBody]").Length);
        // Each form posts on its own: support, follow, reply and comment each carry the antiforgery token.
        Assert.Equal(4, replying.Document.QuerySelectorAll("form[method=post]").Length);
        Assert.All(replying.Document.QuerySelectorAll("form[method=post]"), form => Assert.NotNull(form.QuerySelector("input[name=__csrf]")));

        var empty = await reader.PostAsync($"/proposals/{id}?handler=Comment", new Dictionary<string, string> { ["CommentBody"] = " ", ["ParentId"] = commentId }, target);
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Equal("Ce champ est obligatoire.", empty.Text($"#comment-{commentId} #reply-error"));
        var sent = await reader.PostAsync($"/proposals/{id}?handler=Comment", new Dictionary<string, string> { ["CommentBody"] = "Une réponse au fil", ["ParentId"] = commentId }, target);
        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        // A new comment shows at once for everyone, whichever thread they were shown before.
        var seen = await moderator.GetAsync($"/proposals/{id}");
        Assert.Contains("Une réponse au fil", seen.Text($"#comment-{commentId} ol li.comment"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_discussion_is_read_a_page_of_threads_at_a_time_and_a_comment_s_address_finds_its_page()
    {
        var (author, _) = await app.SignedInAsync("Autrice d'un long fil");
        var id = await ProposeAsync(author, "Un sujet très discuté");
        var threads = Parvis.Web.Modules.Proposals.Pages.ShowModel.ThreadsPerPage + 1;
        var (last, lastReply) = await app.WithDatabaseAsync(async db =>
        {
            var start = DateTimeOffset.UtcNow.AddHours(-2);
            var roots = Enumerable.Range(0, threads).Select(i => new Comment
            {
                OrganisationId = app.World.OrganisationId, ProcessId = app.World.ProcessId, ProposalId = id, Body = $"Fil numéro {i + 1}", CreatedAt = start.AddMinutes(i),
            }).ToList();
            var reply = new Comment
            {
                OrganisationId = app.World.OrganisationId, ProcessId = app.World.ProcessId, ProposalId = id, ParentId = roots[^1].Id, Depth = 1,
                Body = "Une réponse au dernier fil", CreatedAt = start.AddHours(1),
            };
            db.AddRange(roots);
            db.Add(reply);
            await db.SaveChangesAsync();
            return (roots[^1].Id, reply.Id);
        });
        using var visitor = app.NewSession();

        var first = await visitor.GetAsync($"/proposals/{id}");
        Assert.Equal(threads - 1, first.Document.QuerySelectorAll(".comments > ol > li.comment").Length);
        Assert.DoesNotContain("Une réponse au dernier fil", first.Body, StringComparison.Ordinal);
        var next = first.Document.QuerySelector("nav[aria-label='Pages des commentaires'] a[rel=next]")!.GetAttribute("href")!;
        Assert.Equal($"/proposals/{id}?p=2#comments-title", next);

        // The second page holds the last thread whole, under a title of its own.
        var second = await visitor.GetAsync($"/proposals/{id}?p=2");
        var secondThreads = second.Document.QuerySelectorAll(".comments > ol > li.comment");
        Assert.Single(secondThreads);
        Assert.Equal($"comment-{last}", secondThreads[0].Id);
        Assert.Contains("Une réponse au dernier fil", second.Text($"#comment-{last} ol li.comment"), StringComparison.Ordinal);
        Assert.Contains("page 2 des commentaires", second.Text("title"), StringComparison.Ordinal);
        Assert.Equal($"/proposals/{id}#comments-title", second.Document.QuerySelector("nav[aria-label='Pages des commentaires'] a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/proposals/{id}?p=3")).Status);

        // A comment's own address (in news, fates, the flag form) leads to the page that holds it, the same for all its comments.
        Assert.Equal($"/proposals/{id}?p=2", (await visitor.GetAsync($"/proposals/{id}?comment={lastReply}")).Location);
        Assert.Equal($"/proposals/{id}", (await visitor.GetAsync($"/proposals/{id}?comment={Guid.NewGuid()}")).Location);
        // A reply there stays there: its link and form keep the page, and after it the address leads back to it.
        var (reader, _) = await app.SignedInAsync("Lectrice du dernier fil");
        var onSecond = await reader.GetAsync($"/proposals/{id}?p=2");
        Assert.Equal($"?p=2&reply={last}#reply", onSecond.Document.QuerySelector($"#comment-{last} > article ul.nav a")!.GetAttribute("href"));
        var replying = await reader.GetAsync($"/proposals/{id}?p=2&reply={last}");
        Assert.Equal("?p=2&handler=Comment", replying.Document.QuerySelector($"#comment-{last} form")!.GetAttribute("action"));
        var sent = await reader.PostAsync($"/proposals/{id}?p=2&handler=Comment", new Dictionary<string, string> { ["CommentBody"] = "Je réponds aussi", ["ParentId"] = $"{last}" },
            $"/proposals/{id}?p=2&reply={last}");
        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        Assert.StartsWith($"/proposals/{id}?p=2#comment-", sent.Location, StringComparison.Ordinal);
        Assert.Contains("Je réponds aussi", (await reader.GetAsync($"/proposals/{id}?p=2")).Text($"#comment-{last}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_comment_is_explained_next_to_the_field()
    {
        var (session, _) = await app.SignedInAsync("Muette");
        var id = await ProposeAsync(session, "Sans commentaire");
        var response = await session.PostAsync($"/proposals/{id}?handler=Comment", new Dictionary<string, string> { ["CommentBody"] = "" });
        Assert.Contains("obligatoire", response.Text("#CommentBody-error"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mobilite", "Navette électrique pour la mobilité rurale")]
    [InlineData("navettes", "Navette électrique pour la mobilité rurale")]
    [InlineData("bicycles", "Shared bicycles for commuters")]
    [InlineData("médecins", "Téléconsultation avec les médecins du territoire")]
    public async Task Full_text_search_finds_proposals_in_french_and_english(string words, string expected)
    {
        var (session, _) = await app.SignedInAsync($"Chercheuse{Guid.NewGuid():N}"[..20]);
        await ProposeAsync(session, $"Navette électrique pour la mobilité rurale", "Relier les bourgs aux gares par des navettes électriques.");
        await ProposeAsync(session, "Shared bicycles for commuters", "Bicycles shared between neighbours for daily commuting.");
        await ProposeAsync(session, "Téléconsultation avec les médecins du territoire", "Des cabines de téléconsultation dans les mairies.");
        var page = await session.GetAsync($"/processes/{app.World.ProcessSlug}/proposals?q={Uri.EscapeDataString(words)}");
        var titles = page.Texts("h2 a").ToList();
        Assert.Contains(expected, titles);
        Assert.DoesNotContain(titles, t => t.Contains("cyclables", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Filters_by_theme_and_status_and_sorting_by_supports()
    {
        var (session, _) = await app.SignedInAsync("Trieuse");
        var santé = await app.WithDatabaseAsync(db => db.Themes.Where(t => t.ProcessId == app.World.ProcessId && t.Name == "Santé").Select(t => t.Id).FirstAsync());
        var healthId = await ProposeAsync(session, "Filtre santé unique", theme: santé);
        var (staff, _) = await app.SignedInAsync("Responsable tri", Role.ProcessManager);
        await staff.PostAsync($"/proposals/{healthId}/answer", new Dictionary<string, string> { ["Status"] = "Accepted", ["Answer"] = "Retenue." });

        var byTheme = await session.GetAsync($"/processes/{app.World.ProcessSlug}/proposals?theme={santé}");
        Assert.Contains("Filtre santé unique", byTheme.Texts("h2 a"));
        Assert.All(byTheme.Texts(".card .meta"), meta => Assert.Contains("Santé", meta, StringComparison.Ordinal));

        var byStatus = await session.GetAsync($"/processes/{app.World.ProcessSlug}/proposals?status=Accepted");
        Assert.Equal(["Filtre santé unique"], byStatus.Texts("h2 a"));

        var sorted = await session.GetAsync($"/processes/{app.World.ProcessSlug}/proposals?sort=MostSupported");
        // "aucun soutien", "1 soutien", "3 soutiens".
        var counts = sorted.Texts(".card .meta").Select(m => m.Split(" soutien")[0].Split("· ")[^1])
            .Select(n => n == "aucun" ? 0 : int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(counts.OrderByDescending(c => c), counts);
    }

    [Fact]
    public async Task Lists_are_paginated()
    {
        await app.WithDatabaseAsync(async db =>
        {
            db.Proposals.AddRange(Enumerable.Range(0, ProposalSearch.PageSize + 5).Select(i => new Proposal
            {
                OrganisationId = app.World.OrganisationId, ProcessId = app.World.ProcessId, Title = $"Pagination {i}", Body = "Texte de pagination.",
            }));
            await db.SaveChangesAsync();
        });
        using var visitor = app.NewSession();
        var first = await visitor.GetAsync($"/processes/{app.World.ProcessSlug}/proposals?q=Pagination");
        Assert.Equal(ProposalSearch.PageSize, first.Texts("h2 a").Count());
        var next = first.Document.QuerySelector("nav .pagination a")!.GetAttribute("href")!;
        var second = await visitor.GetAsync($"/processes/{app.World.ProcessSlug}/proposals{next}");
        Assert.Equal(5, second.Texts("h2 a").Count());
    }

    [Fact]
    public async Task Staff_answer_officially_and_a_merge_needs_its_target()
    {
        var (author, _) = await app.SignedInAsync("Citoyenne");
        var first = await ProposeAsync(author, "Proposition d'origine");
        var second = await ProposeAsync(author, "Doublon");
        var (participant, _) = await app.SignedInAsync("Simple participant");
        Assert.Equal(HttpStatusCode.Redirect, (await participant.GetAsync($"/proposals/{first}/answer")).Status);

        var (manager, _) = await app.SignedInAsync("Cheffe de projet", Role.ProcessManager);
        var missing = await manager.PostAsync($"/proposals/{second}/answer", new Dictionary<string, string> { ["Status"] = "Merged", ["Answer"] = "Fusionnée." });
        Assert.Contains("fusionnée", missing.Text(".field-error"), StringComparison.Ordinal);
        var merged = await manager.PostAsync($"/proposals/{second}/answer", new Dictionary<string, string>
        {
            ["Status"] = "Merged", ["Answer"] = "Fusionnée avec la proposition d'origine.", ["MergedIntoId"] = first.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, merged.Status);
        var page = await author.GetAsync($"/proposals/{second}");
        Assert.Contains("Fusionnée avec la proposition d'origine.", page.Text("section.card"), StringComparison.Ordinal);
        Assert.Equal($"/proposals/{first}", page.Document.QuerySelector("section.card a")!.GetAttribute("href"));

        // Once moderation hides the target, its title is shown nowhere, not even under the merged one; nor can another merge into it.
        var (moderator, _) = await app.SignedInAsync("Modératrice des fusions", Role.Moderator);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostAsync($"/admin/moderate/{first}", new Dictionary<string, string> { ["action"] = "Hide", ["Reason"] = "Hors charte" })).Status);
        Assert.DoesNotContain("Proposition d'origine", (await author.GetAsync($"/proposals/{second}")).Text("main"), StringComparison.Ordinal);
        var third = await ProposeAsync(author, "Un autre doublon");
        var intoHidden = await manager.PostAsync($"/proposals/{third}/answer", new Dictionary<string, string>
        {
            ["Status"] = "Merged", ["Answer"] = "Fusionnée.", ["MergedIntoId"] = first.ToString(),
        });
        Assert.Contains("fusionnée", intoHidden.Text(".field-error"), StringComparison.Ordinal);
        // Merges never chain: not into one merged itself.
        var intoMerged = await manager.PostAsync($"/proposals/{third}/answer", new Dictionary<string, string>
        {
            ["Status"] = "Merged", ["Answer"] = "Fusionnée.", ["MergedIntoId"] = second.ToString(),
        });
        Assert.Contains("fusionnée", intoMerged.Text(".field-error"), StringComparison.Ordinal);
        Assert.Null(await app.WithDatabaseAsync(db => db.Proposals.Where(p => p.Id == third).Select(p => p.MergedIntoId).SingleAsync()));
    }
}
