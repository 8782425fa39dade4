using System.Linq.Expressions;
using System.Net;
using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.People;
using Parvis.Web.Modules.Workshops.Offline;

namespace Parvis.Tests.Integration;

[Trait("Suite", "integration")]
public sealed class PrivacyTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    private Task<Guid> ProposeAsync(Session session, string title) => ProposalForms.ProposeAsync(session, app.World.ProcessSlug, title);

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
        Assert.Equal(JsonValueKind.String, json.RootElement.GetProperty("account").GetProperty("LastSignInAt").ValueKind);
        Assert.False(json.RootElement.GetProperty("account").GetProperty("TwoFactorEnabled").GetBoolean());
        var proposal = json.RootElement.GetProperty("contributions")[0];
        Assert.Equal("proposal", proposal.GetProperty("Kind").GetString());
        Assert.Equal("Ma proposition exportée", proposal.GetProperty("Title").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("modules").GetProperty("proposals").GetProperty("supports").GetArrayLength());
    }

    /// <summary>
    /// Every row the database links to the person, found through the model rather than listed here, so that a module
    /// added later is checked too: its key must be in the export, and erasure must leave none of them linked.
    /// </summary>
    [Fact]
    public async Task The_export_holds_every_row_that_names_the_person_and_erasure_unlinks_them_all()
    {
        var (other, _) = await app.SignedInAsync("Voisine d'export");
        var theirs = await ProposeAsync(other, "La proposition d'une autre");
        var (session, person) = await app.SignedInAsync("Contributrice complète");
        var mine = await ProposeAsync(session, "Ma proposition complète");
        await session.PostAsync($"/proposals/{theirs}?handler=Support", new Dictionary<string, string>());
        await session.PostAsync($"/proposals/{theirs}?handler=Comment", new Dictionary<string, string> { ["CommentBody"] = "Mon commentaire" });
        var comment = await app.WithDatabaseAsync(db => db.Comments.Where(c => c.ProposalId == theirs).Select(c => c.Id).SingleAsync());
        await other.PostAsync($"/proposals/{mine}?handler=Comment", new Dictionary<string, string> { ["CommentBody"] = "Sa réponse" });
        await session.PostAsync($"/flag/{comment}", new Dictionary<string, string> { ["Reason"] = "Je me signale moi-même" });
        await session.PostAsync($"/processes/{app.World.ProcessSlug}/questions", new Dictionary<string, string> { ["QuestionText"] = "Ma question aux experts ?" });
        var map = await MapAsync();
        await session.PostAsync($"/maps/{map}/vote?handler=Statement", new Dictionary<string, string> { ["Input.Text"] = "Mon affirmation sur le port" });
        await session.PostAsync($"/maps/{map}/vote?handler=Vote", new Dictionary<string, string> { ["statementId"] = (await StatementAsync(map)).ToString(), ["value"] = "1" });

        var linked = await app.WithDatabaseAsync(db => RowsNamingAsync(db, person.Id));
        // Each kind seeded above, so that the check below cannot pass on an empty list.
        Assert.Equal(["Comment", "ContributionFlag", "ExpertQuestion", "Notification", "OpinionParticipant", "PersonSession", "Proposal", "Statement", "Support"],
            linked.Select(r => r.Type).Distinct().Order(StringComparer.Ordinal));
        var export = await session.PostAsync("/account?handler=Export", new Dictionary<string, string>());
        Assert.Empty(linked.Where(r => r.Keys.Any(k => !export.Body.Contains(k, StringComparison.OrdinalIgnoreCase)))
            .Select(r => $"{r.Type} {string.Join(", ", r.Keys)}"));

        await session.PostAsync("/account/delete", new Dictionary<string, string> { ["Choice"] = "Remove", ["Password"] = ParvisApp.Password });
        Assert.Empty(await app.WithDatabaseAsync(db => RowsNamingAsync(db, person.Id)));
        var contributions = linked.Where(r => r.Type is "Comment" or "ExpertQuestion" or "Proposal" or "Statement").Select(r => Guid.Parse(r.Keys[0])).ToList();
        Assert.All(await app.WithDatabaseAsync(db => db.Contributions.AsNoTracking().Where(c => contributions.Contains(c.Id)).ToListAsync()),
            c => Assert.Equal("", c.Excerpt.Trim(' ', '—')));
        // Their words in reports go too; the report stays for the moderators.
        Assert.Equal([""], await app.WithDatabaseAsync(db => db.ContributionFlags.Where(f => f.ContributionId == comment).Select(f => f.Reason).ToListAsync()));
    }

    /// <summary>
    /// What a person did in a staff role (moderating, deciding fates, reporting results, facilitating, answering as an
    /// expert, carrying a workshop offline): in their export, and unlinked by erasure, but moderation decisions, which
    /// keep who decided, as the audit log does.
    /// </summary>
    [Fact]
    public async Task Staff_work_is_exported_and_erasure_unlinks_all_but_who_moderated()
    {
        var (other, _) = await app.SignedInAsync("Auteure d'une proposition traitée");
        var theirs = await ProposeAsync(other, "Une proposition traitée par l'équipe");
        var (session, person) = await app.SignedInAsync("Membre d'équipe sortante", Role.ProcessManager);
        await app.WithDatabaseAsync(async db =>
        {
            var process = await db.Processes.FirstAsync(p => p.Id == app.World.ProcessId);
            var (organisation, processId) = (process.OrganisationId, process.Id);
            var meetings = process.Component(MeetingsModule.Key)!.Id;
            db.ModerationDecisions.Add(new ModerationDecision
            {
                OrganisationId = organisation, ProcessId = processId, ContributionId = theirs, ContributionKind = "proposal", Action = ModerationAction.Restore,
                Reason = "Rien à redire", ModeratorId = person.Id,
            });
            db.FateDecisions.Add(new FateDecision { OrganisationId = organisation, ProcessId = processId, ContributionId = theirs, Fate = Fate.Retained, Text = "Retenue", AnalystId = person.Id });
            var item = new SynthesisItem { OrganisationId = organisation, ProcessId = processId, Title = "Ombrager la place" };
            db.SynthesisItems.Add(item);
            db.ResultUpdates.Add(new ResultUpdate { OrganisationId = organisation, ProcessId = processId, SynthesisItemId = item.Id, Text = "Arbres commandés", AuthorId = person.Id });
            var meeting = new Meeting { OrganisationId = organisation, ProcessId = processId, ComponentId = meetings, Title = "Réunion de quartier" };
            db.Meetings.Add(meeting);
            db.MeetingSites.Add(new MeetingSite { MeetingId = meeting.Id, Name = "Salle des fêtes", FacilitatorId = person.Id });
            db.ExpertQuestions.Add(new ExpertQuestion
            {
                OrganisationId = organisation, ProcessId = processId, ComponentId = meetings, Text = "Qui entretiendra les arbres ?", ExpertId = person.Id,
                Status = QuestionStatus.Answered, Answer = "Le service des espaces verts.", AnsweredById = person.Id, AnsweredAt = DateTimeOffset.UtcNow,
            });
            var workshop = new Workshop { OrganisationId = organisation, ProcessId = processId, Title = "Atelier ombrage", JoinCode = "P" + Random.Shared.Next(10_000, 99_999) };
            db.Workshops.Add(workshop);
            db.WorkshopGroups.Add(new WorkshopGroup { WorkshopId = workshop.Id, Name = "Table 1", FacilitatorId = person.Id });
            var link = new OfflineLink { WorkshopId = workshop.Id, Key = "clé", Baseline = "{}", CreatedById = person.Id };
            db.OfflineLinks.Add(link);
            db.OfflineImports.Add(new OfflineImport { LinkId = link.Id, WorkshopId = workshop.Id, BundleHash = "empreinte", ImportedById = person.Id });
            await db.SaveChangesAsync();
        });

        var linked = await app.WithDatabaseAsync(db => RowsNamingAsync(db, person.Id));
        Assert.Equal(["ExpertQuestion", "FateDecision", "IdentityUserToken`1", "MeetingSite", "ModerationDecision", "OfflineImport", "OfflineLink", "PersonSession", "ResultUpdate", "RoleAssignment", "WorkshopGroup"],
            linked.Select(r => r.Type).Distinct().Order(StringComparer.Ordinal));
        var export = await session.PostAsync("/account?handler=Export", new Dictionary<string, string>());
        Assert.Empty(linked.Where(r => r.Keys.Any(k => !export.Body.Contains(k, StringComparison.OrdinalIgnoreCase)))
            .Select(r => $"{r.Type} {string.Join(", ", r.Keys)}"));
        Assert.Contains("Le service des espaces verts.", export.Body, StringComparison.Ordinal);

        await session.PostAsync("/account/delete", new Dictionary<string, string> { ["Choice"] = "Remove", ["Password"] = ParvisApp.Password });
        Assert.Equal(["ModerationDecision"], (await app.WithDatabaseAsync(db => RowsNamingAsync(db, person.Id))).Select(r => r.Type));
        // The expert's answer stays, as the public answer the question was given.
        Assert.Equal("Le service des espaces verts.", await app.WithDatabaseAsync(db => db.ExpertQuestions.Where(q => q.Text == "Qui entretiendra les arbres ?").Select(q => q.Answer).SingleAsync()));
    }

    private sealed record Row(string Type, IReadOnlyList<string> Keys);

    /// <summary>The rows of every table with a column holding the person's id (their own account aside), with their keys but that id.</summary>
    private static async Task<List<Row>> RowsNamingAsync(ParvisDbContext db, Guid personId)
    {
        var rows = new List<Row>();
        foreach (var type in db.Model.GetEntityTypes().Where(t => t.ClrType != typeof(Person)))
        {
            foreach (var column in type.GetDeclaredProperties().Where(p => p.ClrType == typeof(Guid) || p.ClrType == typeof(Guid?)))
            {
                var found = (Task<List<object>>)_rowsOf.MakeGenericMethod(type.ClrType, column.ClrType).Invoke(null, [db, column.Name, personId])!;
                rows.AddRange((await found).Select(row => new Row(row.GetType().Name, type.FindPrimaryKey()!.Properties
                    .Select(k => Convert.ToString(k.PropertyInfo!.GetValue(row), System.Globalization.CultureInfo.InvariantCulture)!)
                    .Where(k => k != personId.ToString()).ToList())));
            }
        }
        return rows;
    }

    private static readonly MethodInfo _rowsOf = typeof(PrivacyTests).GetMethod(nameof(RowsOfAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static async Task<List<object>> RowsOfAsync<TEntity, TColumn>(ParvisDbContext db, string column, Guid personId) where TEntity : class
    {
        var row = Expression.Parameter(typeof(TEntity));
        var value = Expression.Call(typeof(EF), nameof(EF.Property), [typeof(TColumn)], row, Expression.Constant(column));
        var naming = Expression.Lambda<Func<TEntity, bool>>(Expression.Equal(value, Expression.Constant(personId, typeof(TColumn))), row);
        return [.. await db.Set<TEntity>().AsNoTracking().Where(naming).ToListAsync()];
    }

    private Task<Guid> MapAsync() => app.WithDatabaseAsync(async db =>
    {
        var process = await db.Processes.Include(p => p.Phases).FirstAsync(p => p.Id == app.World.ProcessId);
        var map = new OpinionMap
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, ComponentId = process.Component(OpinionMapsModule.Key)!.Id, PhaseId = process.CurrentPhase(DateOnly.FromDateTime(DateTime.Now))!.Id,
            Question = "Que faire du port ?",
        };
        db.OpinionMaps.Add(map);
        db.Statements.Add(new Statement
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, OpinionMapId = map.Id, Number = 0, Text = "Rouvrir la criée", PublishedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
        return map.Id;
    });

    private Task<Guid> StatementAsync(Guid map) =>
        app.WithDatabaseAsync(db => db.Statements.Where(s => s.OpinionMapId == map && s.Number == 0).Select(s => s.Id).SingleAsync());

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
    public async Task The_audit_log_lines_by_or_about_a_person_are_theirs_to_read_and_no_longer_name_them_once_they_leave()
    {
        var (session, person) = await app.SignedInAsync("Auditée qui part");
        var (appealed, mandate) = (Guid.NewGuid(), Guid.NewGuid());
        var lines = await app.WithDatabaseAsync(async db =>
        {
            Parvis.Web.Kernel.Audit.AuditEntry[] added =
            [
                new() { OrganisationId = app.World.OrganisationId, ActorId = person.Id, Action = "moderation.appeal", Subject = $"proposal:{appealed}", Details = "appeal" },
                new() { OrganisationId = app.World.OrganisationId, Action = "voice.verify", Subject = $"person:{person.Id}", Details = "Association Les Amis du port" },
                new() { OrganisationId = app.World.OrganisationId, Action = "mediation.consent", Subject = $"mandate:{mandate}", Details = $"WitnessedOral; person:{person.Id}" },
            ];
            db.AuditEntries.AddRange(added);
            await db.SaveChangesAsync();
            return added.Select(a => a.Id).ToList();
        });

        var export = await session.PostAsync("/account?handler=Export", new Dictionary<string, string>());
        using (var json = JsonDocument.Parse(export.Body))
        {
            var exported = json.RootElement.GetProperty("audit").EnumerateArray().Select(l => l.GetProperty("Id").GetGuid()).ToList();
            Assert.All(lines, id => Assert.Contains(id, exported));
        }
        await session.PostAsync("/account/delete", new Dictionary<string, string> { ["Choice"] = "Anonymise", ["Password"] = ParvisApp.Password });

        // What was done stays; by or about whom, no longer: the id joined the appeal to the association's voice.
        var after = await app.WithDatabaseAsync(db => db.AuditEntries.AsNoTracking().Where(e => lines.Contains(e.Id)).OrderBy(e => e.Action).ToListAsync());
        Assert.Equal([("mediation.consent", $"mandate:{mandate}", "WitnessedOral; person:erased"), ("moderation.appeal", $"proposal:{appealed}", "appeal"),
            ("voice.verify", "person:erased", "Association Les Amis du port")], after.Select(e => (e.Action, e.Subject, e.Details)));
        Assert.All(after, e => Assert.Null(e.ActorId));
        Assert.False(await app.WithDatabaseAsync(db => db.AuditEntries.AnyAsync(e => e.ActorId == person.Id || e.Subject.Contains(person.Id.ToString()) || e.Details.Contains(person.Id.ToString()))));
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
