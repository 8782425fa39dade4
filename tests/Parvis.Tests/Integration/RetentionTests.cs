using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Mediation;
using Parvis.Web.Kernel.Notifications;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Privacy;

namespace Parvis.Tests.Integration;

[Trait("Suite", "integration")]
public sealed class RetentionTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    private async Task<RetentionReport> PurgeAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RetentionPurge>().RunAsync(CancellationToken.None);
    }

    /// <summary>An account made long ago that wrote a proposal in the given process, and never signed in since.</summary>
    private async Task<(Person Person, Guid Proposal)> LongAgoAsync(string pseudonym, Guid processId, Role? role = null)
    {
        var person = await app.CreatePersonAsync(pseudonym, role);
        var proposal = await app.WithDatabaseAsync(async db =>
        {
            var longAgo = app.Clock.GetUtcNow().AddMonths(-40);
            await db.Users.Where(p => p.Id == person.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.CreatedAt, longAgo).SetProperty(p => p.LastSignInAt, longAgo));
            var written = new Proposal
            {
                OrganisationId = app.World.OrganisationId, ProcessId = processId, AuthorId = person.Id, Title = $"L'idée de {pseudonym}",
                Body = "Une idée d'il y a longtemps.", CreatedAt = longAgo,
            };
            db.Proposals.Add(written);
            await db.SaveChangesAsync();
            return written.Id;
        });
        return (person, proposal);
    }

    [Fact]
    public async Task An_unused_account_is_warned_then_anonymised_and_one_that_comes_back_is_kept()
    {
        var now = app.Clock.GetUtcNow();
        await app.WithDatabaseAsync(db => db.Processes.Where(p => p.Id == app.World.ClosedProcessId)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.ClosedAt, now.AddMonths(-30))));
        var (dormant, dormantProposal) = await LongAgoAsync("Compte endormi", app.World.ClosedProcessId);
        var (returning, _) = await LongAgoAsync("Compte qui revient", app.World.ClosedProcessId);
        var (inOpenProcess, _) = await LongAgoAsync("Contributrice d'une démarche ouverte", app.World.ProcessId);
        var (staff, _) = await LongAgoAsync("Membre de l'équipe", app.World.ClosedProcessId, Role.Moderator);
        // Two people a structure helps, who never sign in: one under a mandate in force, one a mediator acted for lately.
        var (mandated, _) = await LongAgoAsync("Personne sous mandat", app.World.ClosedProcessId);
        var (helped, _) = await LongAgoAsync("Personne aidée le mois dernier", app.World.ClosedProcessId);
        // A mandate written but never consented to keeps nobody.
        var (unsigned, _) = await LongAgoAsync("Personne au mandat jamais signé", app.World.ClosedProcessId);
        await app.WithDatabaseAsync(async db =>
        {
            var structure = new MediationStructure { OrganisationId = app.World.OrganisationId, Name = "Point d'accueil de la conservation", CreatedAt = now.AddMonths(-40) };
            Mandate MandateOf(Person person, DateTimeOffset? revoked) => new()
            {
                OrganisationId = app.World.OrganisationId, PersonId = person.Id, StructureId = structure.Id, Allows = MandateAllows.ContributeFor,
                Duration = MandateDuration.TwelveMonths, ConsentTextVersion = Mandate.ConsentVersion, CreatedById = staff.Id, CreatedAt = now.AddMonths(-2),
                ConsentRecordedAt = now.AddMonths(-2), ExpiresAt = now.AddMonths(10), RevokedAt = revoked,
            };
            var revoked = MandateOf(helped, now.AddDays(-20));
            var neverSigned = MandateOf(unsigned, null);
            (neverSigned.ConsentRecordedAt, neverSigned.ExpiresAt) = (null, null);
            db.AddRange(structure, MandateOf(mandated, null), revoked, neverSigned, new MandateAct
            {
                OrganisationId = app.World.OrganisationId, MandateId = revoked.Id, PersonId = helped.Id, MediatorId = staff.Id, Mode = MediationMode.For,
                Kind = "support", At = now.AddMonths(-1),
            });
            await db.SaveChangesAsync();
        });
        var oldMessage = await app.WithDatabaseAsync(async db =>
        {
            var message = new OutgoingMessage
            {
                PersonId = inOpenProcess.Id, OrganisationId = app.World.OrganisationId, Subject = "Ancien", Text = "Ancien", Html = "<p>Ancien</p>",
                StopAddress = "https://localhost/unfollow", CreatedAt = now.AddDays(-100), State = MessageState.Sent,
            };
            db.OutgoingMessages.Add(message);
            await db.SaveChangesAsync();
            return message.Id;
        });

        // First the warning, kept in the messages and sent by the dispatcher; nothing is anonymised yet.
        var first = await PurgeAsync();
        Assert.Equal((3, 0), (first.Warned, first.Anonymised));
        Assert.Equal(1, first.Messages);
        Assert.False(await app.WithDatabaseAsync(db => db.OutgoingMessages.AnyAsync(m => m.Id == oldMessage)));
        await app.DispatchAsync();
        var warning = await app.Mail.WaitForAsync(dormant.Email!, m => m.Subject?.Contains("sera anonymisé", StringComparison.Ordinal) == true);
        Assert.Contains("Compte endormi", warning.TextBody, StringComparison.Ordinal);
        Assert.Contains("/account/sign-in", warning.TextBody, StringComparison.Ordinal);
        Assert.Equal(0, (await PurgeAsync()).Warned);

        // One of them signs in: that is enough to keep the account.
        using (var session = app.NewSession())
        {
            await session.SignInAsync(returning.Email!, ParvisApp.Password);
        }
        app.Clock.Advance(TimeSpan.FromDays(31));
        try
        {
            var second = await PurgeAsync();
            Assert.Equal(2, second.Anonymised);
            var (accounts, author, title, warnedAgain) = await app.WithDatabaseAsync(async db => (
                await db.Users.Where(p => new[] { dormant.Id, returning.Id, inOpenProcess.Id, staff.Id, mandated.Id, helped.Id, unsigned.Id }.Contains(p.Id)).Select(p => p.Pseudonym).OrderBy(p => p).ToListAsync(),
                await db.Proposals.Where(p => p.Id == dormantProposal).Select(p => p.AuthorId).SingleAsync(),
                await db.Proposals.Where(p => p.Id == dormantProposal).Select(p => p.Title).SingleAsync(),
                await db.Users.Where(p => p.Id == returning.Id).Select(p => p.RetentionWarnedAt).SingleAsync()));
            Assert.Equal(["Compte qui revient", "Contributrice d'une démarche ouverte", "Membre de l'équipe", "Personne aidée le mois dernier", "Personne sous mandat"], accounts);
            // Anonymised, not removed: the contribution stays, by no one.
            Assert.Null(author);
            Assert.Equal("L'idée de Compte endormi", title);
            Assert.Null(warnedAgain);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task Copies_of_messages_written_to_disk_go_after_the_time_sent_messages_are_kept()
    {
        // Without an SMTP server (as in tests), each message is an .eml file holding its address and its text.
        var folder = Path.Combine(Parvis.Web.Kernel.Data.DataDirectory.Resolve(app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()), "mail");
        Directory.CreateDirectory(folder);
        var (old, recent) = (Path.Combine(folder, "old-retention-test.eml"), Path.Combine(folder, "recent-retention-test.eml"));
        await File.WriteAllTextAsync(old, "To: ancienne@example.org\r\n\r\nUn vieux message.");
        await File.WriteAllTextAsync(recent, "To: recente@example.org\r\n\r\nUn message récent.");
        File.SetLastWriteTimeUtc(old, (app.Clock.GetUtcNow() - RetentionPurge.MessagesKept).UtcDateTime.AddDays(-1));
        File.SetLastWriteTimeUtc(recent, app.Clock.GetUtcNow().UtcDateTime.AddDays(-1));

        var report = await PurgeAsync();

        Assert.False(File.Exists(old));
        Assert.True(File.Exists(recent));
        Assert.True(report.Messages >= 1);
    }

    [Fact]
    public async Task The_organisation_sets_its_period_within_bounds_and_the_privacy_page_says_it()
    {
        var (admin, _) = await app.SignedInAsync("Administratrice de la conservation", Role.Administrator);
        var form = new Dictionary<string, string>
        {
            ["Input.Name"] = "Conseil de développement", ["Input.AccentColour"] = "#1d4f91", ["Input.DefaultCulture"] = "fr", ["Input.Charter"] = "",
            ["Input.RetentionMonths"] = "3", ["Change.Reason"] = "La charte est remise à plus tard.",
        };
        var refused = await admin.PostAsync("/admin/organisation", form);
        Assert.Equal("Choisissez une durée entre 6 et 120 mois.", refused.Text("#Input_RetentionMonths-error"));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await admin.PostAsync("/admin/organisation", new Dictionary<string, string>(form) { ["Input.RetentionMonths"] = "18" })).Status);
        using var visitor = app.NewSession();
        Assert.Contains("anonymisé 18\u00a0mois après", (await visitor.GetAsync("/privacy")).Text("main"), StringComparison.Ordinal);
    }
}
