using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parvis.Tests.Infrastructure;

namespace Parvis.Tests.Integration;

[Trait("Suite", "integration")]
public sealed class PrivacyTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    private async Task<Guid> ProposeAsync(Session session, string title)
    {
        var response = await session.PostAsync($"/processes/{app.World.ProcessSlug}/proposals/new", new Dictionary<string, string>
        {
            ["Input.Title"] = title, ["Input.Body"] = "Un texte assez long pour être une vraie proposition.",
        });
        return Guid.Parse(response.Location!.Split('/')[^1]);
    }

    [Fact]
    public async Task A_person_downloads_everything_held_about_them()
    {
        var (session, person) = await app.SignedInAsync("Exportatrice");
        var id = await ProposeAsync(session, "Ma proposition exportée");
        await session.PostAsync($"/proposals/{id}?handler=Support", new Dictionary<string, string>());
        var export = await session.PostAsync("/account?handler=Export", new Dictionary<string, string>());
        Assert.Equal("application/json", export.ContentType);
        using var json = JsonDocument.Parse(export.Body);
        Assert.Equal(person.Email, json.RootElement.GetProperty("account").GetProperty("Email").GetString());
        var proposals = json.RootElement.GetProperty("modules").GetProperty("proposals");
        Assert.Equal("Ma proposition exportée", proposals.GetProperty("proposals")[0].GetProperty("Title").GetString());
        Assert.Equal(1, proposals.GetProperty("supports").GetArrayLength());
    }

    [Fact]
    public async Task Deleting_the_account_and_keeping_contributions_anonymises_them()
    {
        var (session, person) = await app.SignedInAsync("Partante");
        var id = await ProposeAsync(session, "Reste après mon départ");
        var response = await session.PostAsync("/account/delete", new Dictionary<string, string> { ["Choice"] = "Anonymise", ["Password"] = ParvisApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.Status);

        Assert.False(await app.WithDatabaseAsync(db => db.Users.AnyAsync(u => u.Id == person.Id)));
        using var visitor = app.NewSession();
        var page = await visitor.GetAsync($"/proposals/{id}");
        Assert.Equal("Reste après mon départ", page.Text("h1"));
        Assert.Contains("participant ou participante supprimé(e)", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Partante", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_the_account_and_removing_contributions_erases_their_text_and_supports()
    {
        var (author, _) = await app.SignedInAsync("Auteur restant");
        var kept = await ProposeAsync(author, "Proposition d'un autre");
        var (session, person) = await app.SignedInAsync("Effaceuse");
        var mine = await ProposeAsync(session, "Texte à effacer");
        await session.PostAsync($"/proposals/{kept}?handler=Support", new Dictionary<string, string>());
        await session.PostAsync($"/proposals/{kept}?handler=Comment", new Dictionary<string, string> { ["CommentBody"] = "Commentaire à effacer" });

        await session.PostAsync("/account/delete", new Dictionary<string, string> { ["Choice"] = "Remove", ["Password"] = ParvisApp.Password });

        var (proposal, comments, supports, counter) = await app.WithDatabaseAsync(async db => (
            await db.Proposals.AsNoTracking().FirstAsync(p => p.Id == mine),
            await db.Comments.AsNoTracking().Where(c => c.ProposalId == kept).ToListAsync(),
            await db.Supports.CountAsync(s => s.ProposalId == kept),
            (await db.Proposals.AsNoTracking().FirstAsync(p => p.Id == kept)).SupportCount));
        Assert.Equal("", proposal.Title);
        Assert.NotNull(proposal.ErasedAt);
        Assert.Null(proposal.AuthorId);
        Assert.All(comments, c => Assert.Equal("", c.Body));
        Assert.Equal(0, supports);
        Assert.Equal(0, counter);
        using var visitor = app.NewSession();
        var page = await visitor.GetAsync($"/proposals/{kept}");
        Assert.DoesNotContain("Commentaire à effacer", page.Body, StringComparison.Ordinal);
        Assert.False(await app.WithDatabaseAsync(db => db.Users.AnyAsync(u => u.Id == person.Id)));
    }

    [Fact]
    public async Task Deleting_needs_a_choice_and_the_password_and_keeps_everything_otherwise()
    {
        var (session, person) = await app.SignedInAsync("Hésitante");
        var response = await session.PostAsync("/account/delete", new Dictionary<string, string> { ["Password"] = "mauvais mot de passe" });
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.NotEmpty(response.Text("#choice-error"));
        var wrong = await session.PostAsync("/account/delete", new Dictionary<string, string> { ["Choice"] = "Remove", ["Password"] = "mauvais mot de passe" });
        Assert.Contains("pas le bon", wrong.Text("#Password-error"), StringComparison.Ordinal);
        Assert.True(await app.WithDatabaseAsync(db => db.Users.AnyAsync(u => u.Id == person.Id)));
    }
}
