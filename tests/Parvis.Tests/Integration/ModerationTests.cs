using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.People;

namespace Parvis.Tests.Integration;

[Trait("Suite", "integration")]
public sealed class ModerationTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    private Task<(Guid Proposal, Guid Comment)> DiscussionAsync(string comment) => app.WithDatabaseAsync(async db =>
    {
        var proposal = new Proposal { OrganisationId = app.World.OrganisationId, ProcessId = app.World.ProcessId, Title = "Sujet", Body = "Texte du sujet." };
        var reply = new Comment { OrganisationId = app.World.OrganisationId, ProcessId = app.World.ProcessId, ProposalId = proposal.Id, Body = comment };
        db.AddRange(proposal, reply);
        await db.SaveChangesAsync();
        return (proposal.Id, reply.Id);
    });

    [Fact]
    public async Task A_flag_reaches_the_moderators_who_hide_with_a_reason_shown_in_the_public_log()
    {
        var (proposalId, commentId) = await DiscussionAsync("Propos insultant envers un voisin");
        var (flagger, _) = await app.SignedInAsync("Vigilante");
        var flag = (await flagger.GetAsync($"/proposals/{proposalId}")).Document
            .QuerySelector($"#comment-{commentId} a[href^='/flag/']")!.GetAttribute("href")!;
        Assert.Equal($"/flag/{commentId}", flag);
        // The form shows what is flagged, and the way back without flagging.
        var form = await flagger.GetAsync(flag);
        Assert.Contains("Propos insultant envers un voisin", form.Text("main blockquote"), StringComparison.Ordinal);
        Assert.NotNull(form.Document.QuerySelector($"main a[href='/proposals/{proposalId}?comment={commentId}#comment-{commentId}']"));
        var flagged = await flagger.PostAsync(flag, new Dictionary<string, string> { ["Reason"] = "Insulte" });
        Assert.Equal(HttpStatusCode.Redirect, flagged.Status);
        // Back at the comment flagged, on its proposal's page.
        Assert.Equal($"/proposals/{proposalId}?comment={commentId}#comment-{commentId}", flagged.Location);

        var (moderator, _) = await app.SignedInAsync("Modératrice", Role.Moderator);
        var desk = await moderator.GetAsync("/admin");
        Assert.Contains(desk.Document.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/admin/moderate/{commentId}");

        var hidden = await moderator.PostAsync($"/admin/moderate/{commentId}", new Dictionary<string, string>
        {
            ["action"] = "Hide", ["Reason"] = "Propos insultant (article 1 de la charte)",
        });
        Assert.Equal(HttpStatusCode.Redirect, hidden.Status);

        using var visitor = app.NewSession();
        var page = await visitor.GetAsync($"/proposals/{proposalId}");
        Assert.DoesNotContain("Propos insultant envers un voisin", page.Body, StringComparison.Ordinal);
        Assert.Contains("Propos insultant (article 1 de la charte)", page.Text($"#comment-{commentId}"), StringComparison.Ordinal);
        var log = await visitor.GetAsync("/moderation");
        Assert.Contains(log.Texts("tbody tr"), row => row.Contains("Propos insultant (article 1 de la charte)", StringComparison.Ordinal)
            && row.Contains("Masquée", StringComparison.Ordinal));
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.ContributionFlags.CountAsync(r => r.ContributionId == commentId && r.ResolvedAt == null)));
    }

    /// <summary>A comment is read within its proposal: once the proposal is hidden, no address shows the comment by itself.</summary>
    [Fact]
    public async Task The_comments_of_a_hidden_proposal_are_shown_at_no_address()
    {
        var (proposalId, commentId) = await DiscussionAsync("Commentaire sous un sujet masqué");
        var (moderator, _) = await app.SignedInAsync("Modérateur des sujets", Role.Moderator);
        var (analyst, _) = await app.SignedInAsync("Analyste des sujets", Role.Analyst);
        var merged = await app.WithDatabaseAsync(async db =>
        {
            var other = new Proposal { OrganisationId = app.World.OrganisationId, ProcessId = app.World.ProcessId, Title = "Sujet fusionné", Body = "Texte fusionné." };
            db.Proposals.Add(other);
            await db.SaveChangesAsync();
            return other.Id;
        });
        Assert.Equal(HttpStatusCode.Redirect, (await analyst.PostAsync($"/contributions/{merged}", new Dictionary<string, string>
        {
            ["Fate"] = "Merged", ["Explanation"] = "Dit la même chose que ce commentaire.", ["MergedIntoId"] = commentId.ToString(),
        })).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostAsync($"/admin/moderate/{proposalId}", new Dictionary<string, string>
        {
            ["action"] = "Hide", ["Reason"] = "Hors charte",
        })).Status);

        using var visitor = app.NewSession();
        foreach (var address in new[] { $"/contributions/{commentId}", $"/contributions/{merged}", $"/processes/{app.World.ProcessSlug}/fates", $"/proposals/{proposalId}" })
        {
            var page = await visitor.GetAsync(address);
            Assert.DoesNotContain("Commentaire sous un sujet masqué", page.Body, StringComparison.Ordinal);
        }
        Assert.Contains("masquée par la modération", (await visitor.GetAsync($"/contributions/{commentId}")).Text("main"), StringComparison.Ordinal);
        var (reader, _) = await app.SignedInAsync("Lectrice des sujets");
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/flag/{commentId}")).Status);

        // An appeal's outcome is no action of its own: named here, it restores nothing and writes nothing in the public log.
        var decisions = await app.WithDatabaseAsync(db => db.ModerationDecisions.CountAsync(d => d.ContributionId == proposalId));
        Assert.Equal(HttpStatusCode.NotFound, (await moderator.PostAsync($"/admin/moderate/{proposalId}", new Dictionary<string, string>
        {
            ["action"] = "AppealGranted", ["Reason"] = "Appel accordé par personne",
        })).Status);
        Assert.Equal(decisions, await app.WithDatabaseAsync(db => db.ModerationDecisions.CountAsync(d => d.ContributionId == proposalId)));
        Assert.NotNull(await app.WithDatabaseAsync(db => db.Contributions.Where(c => c.Id == proposalId).Select(c => c.HiddenAt).SingleAsync()));

        // Restored, the proposal brings its comments back everywhere.
        await moderator.PostAsync($"/admin/moderate/{proposalId}", new Dictionary<string, string> { ["action"] = "Restore", ["Reason"] = "Erreur" });
        Assert.Contains("Commentaire sous un sujet masqué", (await visitor.GetAsync($"/contributions/{commentId}")).Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/flag/{commentId}")).Status);
    }

    [Fact]
    public async Task Hiding_needs_a_reason_and_stores_nothing_without_one()
    {
        var (_, commentId) = await DiscussionAsync("Commentaire ordinaire");
        var (moderator, _) = await app.SignedInAsync("Modérateur pressé", Role.Moderator);
        var response = await moderator.PostAsync($"/admin/moderate/{commentId}", new Dictionary<string, string> { ["action"] = "Hide", ["Reason"] = "" });
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains("obligatoire", response.Text("#Reason-error"), StringComparison.Ordinal);
        var comment = await app.WithDatabaseAsync(db => db.Comments.AsNoTracking().FirstAsync(c => c.Id == commentId));
        Assert.Null(comment.HiddenAt);
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.ModerationDecisions.CountAsync(d => d.ContributionId == commentId)));
    }

    [Theory]
    [InlineData(Role.Participant)]
    [InlineData(Role.Facilitator)]
    [InlineData(Role.Expert)]
    public async Task Only_moderating_roles_may_hide(Role role)
    {
        var (_, commentId) = await DiscussionAsync("À garder");
        var (session, _) = await app.SignedInAsync($"Role {role}");
        if (role != Role.Participant)
        {
            await app.WithDatabaseAsync(async db =>
            {
                var person = await db.Users.FirstAsync(u => u.Pseudonym == $"Role {role}");
                db.RoleAssignments.Add(new RoleAssignment { PersonId = person.Id, OrganisationId = app.World.OrganisationId, Role = role });
                await db.SaveChangesAsync();
            });
        }
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync($"/admin/moderate/{commentId}")).Status);
        var token = await session.TokenAsync();
        var response = await session.PostRawAsync($"/admin/moderate/{commentId}", new Dictionary<string, string>
        {
            ["__csrf"] = token, ["action"] = "Hide", ["Reason"] = "Abus",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        Assert.StartsWith("http://localhost/error/403", response.Location, StringComparison.Ordinal);
        Assert.Null((await app.WithDatabaseAsync(db => db.Comments.AsNoTracking().FirstAsync(c => c.Id == commentId))).HiddenAt);
    }

    [Fact]
    public async Task A_moderator_of_one_process_only_moderates_that_process()
    {
        var (_, commentId) = await DiscussionAsync("Dans la démarche ouverte");
        var (session, _) = await app.SignedInAsync("Modé locale", Role.Moderator, app.World.ClosedProcessId);
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync($"/admin/moderate/{commentId}")).Status);
        var (allowed, _) = await app.SignedInAsync("Modé ouverte", Role.Moderator, app.World.ProcessId);
        Assert.Equal(HttpStatusCode.OK, (await allowed.GetAsync($"/admin/moderate/{commentId}")).Status);
    }

    [Fact]
    public async Task An_author_contests_a_hiding_once_and_another_moderator_decides_in_the_public_log()
    {
        var (author, authorPerson) = await app.SignedInAsync("Autrice qui conteste");
        var commentId = await app.WithDatabaseAsync(async db =>
        {
            var proposal = new Proposal { OrganisationId = app.World.OrganisationId, ProcessId = app.World.ProcessId, Title = "Sujet contesté", Body = "Texte." };
            var comment = new Comment
            {
                OrganisationId = app.World.OrganisationId, ProcessId = app.World.ProcessId, ProposalId = proposal.Id, AuthorId = authorPerson.Id,
                Body = "Les élus n'ont rien fait pour le quartier depuis dix ans.",
            };
            db.AddRange(proposal, comment);
            await db.SaveChangesAsync();
            return comment.Id;
        });
        var (hider, _) = await app.SignedInAsync("Modérateur qui masque", Role.Moderator);
        var (other, _) = await app.SignedInAsync("Modératrice qui tranche", Role.Moderator);
        Assert.Equal(HttpStatusCode.Redirect, (await hider.PostAsync($"/admin/moderate/{commentId}", new Dictionary<string, string>
        {
            ["action"] = "Hide", ["Reason"] = "Attaque personnelle",
        })).Status);

        // The author finds it among their contributions, reads why, and contests it with a reason.
        var mine = await author.GetAsync("/account/contributions");
        Assert.NotNull(mine.Document.QuerySelector($"a[href='/contributions/{commentId}/appeal']"));
        var appeal = $"/contributions/{commentId}/appeal";
        var page = await author.GetAsync(appeal);
        Assert.Contains("Attaque personnelle", page.Text("main .alert"), StringComparison.Ordinal);
        var empty = await author.PostAsync(appeal, new Dictionary<string, string> { ["Reason"] = "" });
        Assert.Equal("Ce champ est obligatoire.", empty.Text("#Reason-error"));
        Assert.Equal(HttpStatusCode.Redirect, (await author.PostAsync(appeal, new Dictionary<string, string>
        {
            ["Reason"] = "Je critique une politique, pas une personne.",
        })).Status);
        Assert.Null((await author.GetAsync(appeal)).Document.QuerySelector("textarea[name=Reason]"));
        // Once per hiding: the database refuses a second one as the page does.
        Assert.Equal(HttpStatusCode.OK, (await author.PostAsync(appeal, new Dictionary<string, string> { ["Reason"] = "Encore une fois." })).Status);
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.ModerationAppeals.CountAsync(a => a.ContributionId == commentId)));
        // Someone else's contribution has no appeal page for them.
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(appeal)).Status);

        // The moderator who hid it cannot decide; another grants it, with a reason.
        var desk = await other.GetAsync("/admin");
        Assert.Contains(desk.Document.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/admin/moderate/{commentId}");
        var same = await hider.PostAsync($"/admin/moderate/{commentId}?handler=Appeal", new Dictionary<string, string> { ["grant"] = "false", ["Reason"] = "Je maintiens." });
        Assert.Contains("Une autre personne de la modération doit décider", same.Text("[role=alert]"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await other.PostAsync($"/admin/moderate/{commentId}?handler=Appeal", new Dictionary<string, string>
        {
            ["grant"] = "true", ["Reason"] = "Critique d'une politique publique, conforme à la charte.",
        })).Status);

        using var visitor = app.NewSession();
        var log = await visitor.GetAsync("/moderation");
        Assert.Contains(log.Texts("tbody tr"), row => row.Contains("Contestation accueillie", StringComparison.Ordinal)
            && row.Contains("conforme à la charte", StringComparison.Ordinal));
        Assert.Null(await app.WithDatabaseAsync(db => db.Contributions.Where(c => c.Id == commentId).Select(c => c.HiddenAt).SingleAsync()));
        var decided = await author.GetAsync(appeal);
        Assert.Contains("conforme à la charte", decided.Text("main"), StringComparison.Ordinal);
        Assert.Contains("conforme à la charte", (await author.GetAsync("/account/notifications")).Text(".notification-list"), StringComparison.Ordinal);

        // Hidden again, contested again, and this time the hiding stands: the author is told all the same.
        Assert.Equal(HttpStatusCode.Redirect, (await hider.PostAsync($"/admin/moderate/{commentId}", new Dictionary<string, string>
        {
            ["action"] = "Hide", ["Reason"] = "Propos répété en boucle",
        })).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await author.PostAsync(appeal, new Dictionary<string, string> { ["Reason"] = "Je ne l'ai dit qu'une fois." })).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await other.PostAsync($"/admin/moderate/{commentId}?handler=Appeal", new Dictionary<string, string>
        {
            ["grant"] = "false", ["Reason"] = "Le même message figure trois fois sous la proposition.",
        })).Status);
        Assert.Contains("trois fois sous la proposition", (await author.GetAsync("/account/notifications")).Text(".notification-list"), StringComparison.Ordinal);
        await app.DispatchAsync();
        await app.Mail.WaitForAsync(authorPerson.Email!, m => m.TextBody?.Contains("trois fois sous la proposition", StringComparison.Ordinal) == true);

        // The author leaves, taking their words: the news of the decisions, which quoted them, goes too.
        var appeals = await app.WithDatabaseAsync(db => db.ModerationAppeals.Where(a => a.ContributionId == commentId).Select(a => a.Id).ToListAsync());
        Assert.True(await app.WithDatabaseAsync(db => db.NotificationEvents.AnyAsync(e => appeals.Contains(e.ItemId))));
        await author.PostAsync("/account/delete", new Dictionary<string, string> { ["Choice"] = "Remove", ["Password"] = ParvisApp.Password });
        Assert.False(await app.WithDatabaseAsync(db => db.Users.AnyAsync(p => p.Id == authorPerson.Id)));
        Assert.False(await app.WithDatabaseAsync(db => db.NotificationEvents.AnyAsync(e => appeals.Contains(e.ItemId))));
    }
}
