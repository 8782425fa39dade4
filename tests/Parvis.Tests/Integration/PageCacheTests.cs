using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Web;

namespace Parvis.Tests.Integration;

[Trait("Suite", "integration")]
public sealed class PageCacheTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    private string ListPath => $"/processes/{app.World.ProcessSlug}/proposals";

    private static async Task<(HttpResponseMessage Response, string Body)> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Public_pages_come_from_the_cache_until_what_they_show_changes()
    {
        using var visitor = app.CreateClient();
        var (first, _) = await GetAsync(visitor, ListPath);
        var (second, _) = await GetAsync(visitor, ListPath);
        Assert.Null(first.Headers.Age);
        Assert.NotNull(second.Headers.Age);

        // A proposal posted by someone signed in shows to the visitor on the next request.
        var (author, _) = await app.SignedInAsync("Autrice du cache");
        var posted = await author.PostAsync($"{ListPath}/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "Un banc devant la médiathèque",
            ["Input.Body"] = "Pour attendre le bus à l'ombre, un banc devant la médiathèque.",
            ["Input.ThemeId"] = app.World.ThemeId.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        var (after, body) = await GetAsync(visitor, ListPath);
        Assert.Null(after.Headers.Age);
        Assert.Contains("Un banc devant la médiathèque", body);

        // A support counted by a bulk update (not SaveChanges) also drops the page.
        var id = Guid.Parse(posted.Location!.Split('/')[^1]);
        var (proposal, _) = await GetAsync(visitor, $"/proposals/{id}");
        var (supporter, _) = await app.SignedInAsync("Soutien du cache");
        Assert.Equal(HttpStatusCode.Redirect, (await supporter.PostAsync($"/proposals/{id}?handler=Support", new Dictionary<string, string>())).Status);
        var (again, _) = await GetAsync(visitor, $"/proposals/{id}");
        Assert.Null(again.Headers.Age);
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.Proposals.Where(p => p.Id == id).Select(p => p.SupportCount).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, proposal.StatusCode);
    }

    [Fact]
    public async Task A_public_page_is_kept_compressed_once_per_encoding_and_each_visitor_gets_what_they_asked_for()
    {
        using var visitor = app.CreateClient();
        var path = $"{ListPath}?copy={Guid.NewGuid():N}";
        var (plain, plainBody) = await GetAsync(visitor, path);
        Assert.Empty(plain.Content.Headers.ContentEncoding);

        var (firstGzip, _) = await EncodedAsync(visitor, path, "gzip");
        Assert.Null(firstGzip.Headers.Age);
        var (keptGzip, gzipBytes) = await EncodedAsync(visitor, path, "gzip");
        Assert.NotNull(keptGzip.Headers.Age);
        Assert.Equal(["gzip"], keptGzip.Content.Headers.ContentEncoding);
        // Sent as it was kept: compressed once, its length known, not compressed again on the way out.
        Assert.Equal(gzipBytes.Length, keptGzip.Content.Headers.ContentLength);
        await using (var unzipped = new System.IO.Compression.GZipStream(new MemoryStream(gzipBytes), System.IO.Compression.CompressionMode.Decompress))
        using (var reader = new StreamReader(unzipped))
        {
            Assert.Equal(plainBody, await reader.ReadToEndAsync());
        }

        // Another way of asking for the same encoding shares its copy; brotli has its own; no encoding gets the plain one.
        Assert.NotNull((await EncodedAsync(visitor, path, "deflate, gzip;q=0.8")).Response.Headers.Age);
        var (brotli, _) = await EncodedAsync(visitor, path, "br, gzip");
        Assert.Null(brotli.Headers.Age);
        Assert.Equal(["br"], brotli.Content.Headers.ContentEncoding);
        var (plainAgain, plainAgainBody) = await GetAsync(visitor, path);
        Assert.NotNull(plainAgain.Headers.Age);
        Assert.Empty(plainAgain.Content.Headers.ContentEncoding);
        Assert.Equal(plainBody, plainAgainBody);

        // Static files sit inside the same compression.
        Assert.Equal(["gzip"], (await EncodedAsync(visitor, "/css/site.css", "gzip")).Response.Content.Headers.ContentEncoding);
    }

    private static async Task<(HttpResponseMessage Response, byte[] Body)> EncodedAsync(HttpClient client, string path, string acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Signed_in_pages_are_never_shared()
    {
        using var visitor = app.CreateClient();
        await GetAsync(visitor, ListPath);
        var (session, _) = await app.SignedInAsync("Lectrice connectée");
        var first = await session.Client.GetAsync(ListPath);
        var second = await session.Client.GetAsync(ListPath);
        Assert.Null(first.Headers.Age);
        Assert.Null(second.Headers.Age);
        Assert.Contains("href=\"/account/sign-out\"", await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Signed_in_pages_show_a_new_proposal_and_a_new_role_at_once()
    {
        // A moderator elsewhere, so that she signs in with her second factor, without which a staff role does not act.
        var (reader, person) = await app.SignedInAsync("Lectrice assidue", Web.Kernel.People.Role.Moderator, app.World.ClosedProcessId);
        Assert.DoesNotContain("href=\"/admin\"", (await reader.GetAsync("/")).Body);
        await reader.GetAsync(ListPath);

        // What signed-in pages share is read again after a write; a person's roles after a change of roles.
        var (author, _) = await app.SignedInAsync("Auteur pressé");
        await author.PostAsync($"{ListPath}/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "Une fontaine sur la place du marché",
            ["Input.Body"] = "Une fontaine d'eau potable sur la place du marché, pour l'été.",
            ["Input.ThemeId"] = app.World.ThemeId.ToString(),
        });
        Assert.Contains("Une fontaine sur la place du marché", (await reader.GetAsync(ListPath)).Body);
        await app.WithDatabaseAsync(async db =>
        {
            db.RoleAssignments.Add(new Web.Kernel.People.RoleAssignment { PersonId = person.Id, OrganisationId = app.World.OrganisationId, Role = Web.Kernel.People.Role.Moderator });
            await db.SaveChangesAsync();
        });
        Assert.Contains("href=\"/admin\"", (await reader.GetAsync("/")).Body);
    }

    [Fact]
    public async Task A_write_rolled_back_changes_nothing_and_a_committed_one_is_seen_after_commit()
    {
        var changes = app.Services.GetRequiredService<ContentChanges>();
        await app.WithDatabaseAsync(async db =>
        {
            var before = changes.Generation;
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                await db.Proposals.Where(p => p.Id == Guid.Empty).ExecuteUpdateAsync(s => s.SetProperty(p => p.CommentCount, 1));
                Assert.Equal(before, changes.Generation);
                await transaction.RollbackAsync();
            }
            Assert.Equal(before, changes.Generation);
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                await db.Proposals.Where(p => p.Id == Guid.Empty).ExecuteUpdateAsync(s => s.SetProperty(p => p.CommentCount, 1));
                Assert.Equal(before, changes.Generation);
                await transaction.CommitAsync();
            }
            Assert.Equal(before + 1, changes.Generation);
        });
    }

    [Fact]
    public async Task A_burst_of_supports_in_one_organisation_leaves_another_organisations_pages_in_the_cache()
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        var neighbour = await app.WithDatabaseAsync(async db =>
        {
            var other = new Parvis.Web.Kernel.Organisations.Organisation { Slug = "voisine-tranquille", Name = "Commune voisine tranquille" };
            other.Hosts.Add(new Parvis.Web.Kernel.Organisations.OrganisationHost { Host = "tranquille.example" });
            db.Organisations.Add(other);
            db.Processes.Add(ParvisApp.NewProcess(other.Id, "tranquille", new Parvis.Web.Kernel.Processes.Phase
            {
                Title = "Contributions", StartsOn = today.AddDays(-5), EndsOn = today.AddDays(5), Switches = [ProposalsModule.Supporting],
            }));
            await db.SaveChangesAsync();
            return other.Id;
        });
        // Writes made outside any request are everyone's, as are accounts: all made before the pages are kept.
        var id = await app.WithDatabaseAsync(async db =>
        {
            var proposal = new Proposal { OrganisationId = app.World.OrganisationId, ProcessId = app.World.ProcessId, Title = "Des bancs partout", Body = "Pour souffler." };
            db.Proposals.Add(proposal);
            await db.SaveChangesAsync();
            return proposal.Id;
        });
        var supporters = new List<Session>();
        for (var i = 0; i < 5; i++)
        {
            supporters.Add((await app.SignedInAsync($"Soutien en rafale {i}")).Session);
        }
        using var there = app.CreateClient(new() { BaseAddress = new Uri("http://tranquille.example") });
        string[] theirPages = ["/", "/processes/tranquille", "/processes/tranquille/proposals"];
        foreach (var path in theirPages)
        {
            await GetAsync(there, path);
            Assert.NotNull((await GetAsync(there, path)).Response.Headers.Age);
        }
        var changes = app.Services.GetRequiredService<ContentChanges>();
        var (theirs, ours) = (changes.GenerationOf(ChangeKind.Supports, neighbour), changes.GenerationOf(ChangeKind.Supports, app.World.OrganisationId));

        foreach (var supporter in supporters)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await supporter.PostAsync($"/proposals/{id}?handler=Support", new Dictionary<string, string>())).Status);
        }

        Assert.Equal(theirs, changes.GenerationOf(ChangeKind.Supports, neighbour));
        Assert.True(changes.GenerationOf(ChangeKind.Supports, app.World.OrganisationId) >= ours + 1);
        foreach (var path in theirPages)
        {
            Assert.NotNull((await GetAsync(there, path)).Response.Headers.Age);
        }
        using var here = app.CreateClient();
        var (page, body) = await GetAsync(here, $"/proposals/{id}");
        Assert.Null(page.Headers.Age);
        Assert.Equal(5, await app.WithDatabaseAsync(db => db.Proposals.Where(p => p.Id == id).Select(p => p.SupportCount).SingleAsync()));
        Assert.Contains("Des bancs partout", body);
    }

    /// <summary>An ended session is forgotten under every organisation's host, though it was ended through one of them.</summary>
    [Fact]
    public async Task Ending_sessions_through_one_organisations_host_is_news_for_every_organisation()
    {
        var elsewhere = await app.WithDatabaseAsync(async db =>
        {
            var other = new Parvis.Web.Kernel.Organisations.Organisation { Slug = "lointaine", Name = "Commune lointaine" };
            other.Hosts.Add(new Parvis.Web.Kernel.Organisations.OrganisationHost { Host = "lointaine.example" });
            db.Organisations.Add(other);
            await db.SaveChangesAsync();
            return other.Id;
        });
        var (person, _) = await app.SignedInAsync("Voyageuse entre communes");
        var changes = app.Services.GetRequiredService<ContentChanges>();
        var (sessions, content) = (changes.GenerationOf(ChangeKind.Sessions, elsewhere), changes.GenerationOf(ChangeKind.Content, elsewhere));

        Assert.Equal(HttpStatusCode.Redirect, (await person.PostAsync("/account?handler=SignOutEverywhere", new Dictionary<string, string>())).Status);

        Assert.True(changes.GenerationOf(ChangeKind.Sessions, elsewhere) > sessions);
        // A session is no page's content: the other organisation's pages stay kept.
        Assert.Equal(content, changes.GenerationOf(ChangeKind.Content, elsewhere));
    }

    /// <summary>A person's account serves every organisation: a write to it is everyone's, whichever host it came through.</summary>
    [Theory]
    [InlineData("UPDATE kernel_people SET \"Pseudonym\" = @p0 WHERE \"Id\" = @p1", true)]
    [InlineData("DELETE FROM kernel_sessions WHERE \"Id\" = @p0", true)]
    [InlineData("INSERT INTO \"kernel_identity_user_logins\" (\"LoginProvider\") VALUES (@p0)", true)]
    [InlineData("INSERT INTO proposals_supports (\"Id\") VALUES (@p0)", false)]
    [InlineData("UPDATE kernel_processes SET \"Title\" = @p0", false)]
    public void Writes_to_accounts_are_everyones_and_the_rest_their_organisations(string sql, bool everyone) =>
        Assert.Equal(everyone, Parvis.Web.Kernel.Data.ChangeInterceptor.Everyone(sql));

    [Fact]
    public async Task A_new_organisation_answers_on_its_host_at_once()
    {
        using var home = app.CreateClient();
        await GetAsync(home, "/");
        var organisations = app.Services.GetRequiredService<ContentChanges>().GenerationOf(ChangeKind.Organisations, organisationId: null);
        await app.WithDatabaseAsync(async db =>
        {
            var other = new Parvis.Web.Kernel.Organisations.Organisation { Slug = "cache-voisine", Name = "Commune voisine du cache" };
            other.Hosts.Add(new Parvis.Web.Kernel.Organisations.OrganisationHost { Host = "cote.example" });
            db.Organisations.Add(other);
            await db.SaveChangesAsync();
        });
        Assert.True(app.Services.GetRequiredService<ContentChanges>().GenerationOf(ChangeKind.Organisations, organisationId: null) > organisations);
        var client = app.CreateClient(new() { BaseAddress = new Uri("http://cote.example") });
        Assert.Contains("Commune voisine du cache", (await GetAsync(client, "/")).Body);
    }
}
