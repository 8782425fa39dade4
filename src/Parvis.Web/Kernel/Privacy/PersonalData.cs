using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.People;

namespace Parvis.Web.Kernel.Privacy;

/// <summary>What the person wants done with their contributions when they delete their account.</summary>
public enum ErasureChoice
{
    /// <summary>Contributions stay, shown as by a "deleted participant".</summary>
    Anonymise,

    /// <summary>Contributions' text is erased; their place in threads stays so others' replies still read.</summary>
    Remove,
}

/// <summary>
/// A module's share of a person's data beyond their contributions, which the kernel exports and erases whatever
/// their module: what it exports (each row with its id) and how it forgets them.
/// </summary>
public interface IPersonalDataSource
{
    string Name { get; }
    Task<object> ExportAsync(Guid personId, CancellationToken cancellationToken);
    Task EraseAsync(Guid personId, ErasureChoice choice, CancellationToken cancellationToken);

    /// <summary>
    /// After the erasure is committed: for work that must see it, such as recomputing what was derived from the data, or
    /// that must not happen if it fails, such as telling others.
    /// </summary>
    Task ErasedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The right of access and the right to erasure, across the kernel and every module.</summary>
public sealed partial class PersonalData(ParvisDbContext db, UserManager<Person> people, IEnumerable<IPersonalDataSource> sources,
    IEnumerable<IContributionSource> contributionSources, ILogger<PersonalData> log)
{
    private static readonly JsonSerializerOptions _json = new() { WriteIndented = true };

    public async Task<byte[]> ExportAsync(Person person, CancellationToken cancellationToken = default)
    {
        var roles = await db.RoleAssignments.AsNoTracking().Where(r => r.PersonId == person.Id)
            .Select(r => new { r.Id, r.Role, r.OrganisationId, r.ProcessId, r.GrantedAt }).ToListAsync(cancellationToken);
        var flags = await db.ContributionFlags.AsNoTracking().Where(r => r.FlaggedById == person.Id)
            .Select(r => new { r.Id, r.ContributionId, r.Reason, r.CreatedAt }).ToListAsync(cancellationToken);
        var voices = await db.OrganisationVoices.AsNoTracking().Where(v => v.PersonId == person.Id)
            .Select(v => new { v.OrganisationId, v.Name, v.Kind, v.Interests, v.VerifiedAt }).ToListAsync(cancellationToken);
        var sessions = await db.PersonSessions.AsNoTracking().Where(s => s.PersonId == person.Id)
            .Select(s => new { s.Id, s.Device, s.CreatedAt, s.LastSeenAt, s.Persistent }).ToListAsync(cancellationToken);
        var follows = await db.Follows.AsNoTracking().Where(f => f.PersonId == person.Id)
            .Select(f => new { f.OrganisationId, f.SubjectId, f.Kind, f.Following, f.Title, f.Address, f.ChosenAt }).ToListAsync(cancellationToken);
        // Rows are named by their keys, so that everything that names the person can be found in the file.
        var notificationSettings = new
        {
            settings = await db.NotificationSettings.AsNoTracking().Where(s => s.PersonId == person.Id)
                .Select(s => new { s.Culture, s.DigestHour, s.WeeklyDay }).FirstOrDefaultAsync(cancellationToken),
            choices = await db.NotificationChoices.AsNoTracking().Where(c => c.PersonId == person.Id).Select(c => new { c.Kind, c.Mode }).ToListAsync(cancellationToken),
        };
        var shownEvents = Notifications.ShownEvents.Of(db, contributionSources);
        var notifications = await db.Notifications.AsNoTracking().Where(n => n.PersonId == person.Id)
            .Join(db.NotificationEvents, n => n.EventId, e => e.Id, (n, e) => new { n, e })
            // Words moderation hid since are not the person's to take away.
            .Select(x => new
            {
                x.n.Id, x.e.Kind, x.e.ItemTitle, x.e.Address, Arguments = shownEvents.Any(s => s.Id == x.e.Id) ? x.e.Arguments : "", x.e.RaisedAt, x.n.ReadAt, x.n.Mail,
            })
            .ToListAsync(cancellationToken);
        var appeals = await db.ModerationAppeals.AsNoTracking().Where(a => a.AuthorId == person.Id)
            .Select(a => new { a.Id, a.ContributionId, a.Reason, a.FiledAt, a.Outcome, a.DecidedAt }).ToListAsync(cancellationToken);
        var phaseFeedback = await db.PhaseFeedback.AsNoTracking().Where(f => f.PersonId == person.Id)
            .Select(f => new { f.Id, f.ProcessId, f.PhaseId, f.Clear, f.Fair, f.Useful, f.Comment, f.AnsweredAt }).ToListAsync(cancellationToken);
        var messages = await db.OutgoingMessages.AsNoTracking().Where(m => m.PersonId == person.Id)
            .Select(m => new { m.Id, m.Subject, m.CreatedAt, m.State, m.SentAt }).ToListAsync(cancellationToken);
        // Work done in a staff role: the organisation's record, which stays when the account goes, and still theirs to see.
        var staffWork = new
        {
            moderation = await db.ModerationDecisions.AsNoTracking().Where(d => d.ModeratorId == person.Id)
                .Select(d => new { d.Id, d.ContributionId, d.ContributionKind, d.Action, d.Reason, d.DecidedAt }).ToListAsync(cancellationToken),
            fates = await db.FateDecisions.AsNoTracking().Where(f => f.AnalystId == person.Id)
                .Select(f => new { f.Id, f.ContributionId, f.Fate, f.Text, f.DecidedAt }).ToListAsync(cancellationToken),
            resultUpdates = await db.ResultUpdates.AsNoTracking().Where(u => u.AuthorId == person.Id)
                .Select(u => new { u.Id, u.SynthesisItemId, u.Status, u.Progress, u.Text, u.On, u.RecordedAt }).ToListAsync(cancellationToken),
        };
        // The audit log's lines by them or about them (a role given, a voice verified); others they name stay unnamed.
        var named = $"person:{person.Id}";
        string Own(string text) => NamedPerson().Replace(text, m => m.Value.Equals(named, StringComparison.OrdinalIgnoreCase) ? m.Value : "person:…");
        var audit = (await db.AuditEntries.AsNoTracking().Where(e => e.ActorId == person.Id || e.Subject == named || e.Details.Contains(named))
                .OrderBy(e => e.At).Select(e => new { e.Id, e.At, e.Action, e.Subject, e.Details, ByThem = e.ActorId == person.Id }).ToListAsync(cancellationToken))
            .Select(e => new { e.Id, e.At, e.Action, Subject = Own(e.Subject), Details = Own(e.Details), e.ByThem }).ToList();
        // The secrets kept for a second factor (an authenticator's key, recovery codes) are named, never given: a copy
        // of the file would otherwise be a way in.
        var secrets = await db.UserTokens.AsNoTracking().Where(t => t.UserId == person.Id).Select(t => new { t.LoginProvider, t.Name }).ToListAsync(cancellationToken);
        // The accounts at sign-in providers (FranceConnect…) linked to this one, as those providers name them.
        var linkedAccounts = (await people.GetLoginsAsync(person)).Select(l => new { provider = l.ProviderDisplayName ?? l.LoginProvider, l.ProviderKey });
        var modules = new Dictionary<string, object>();
        foreach (var source in sources)
        {
            modules[source.Name] = await source.ExportAsync(person.Id, cancellationToken);
        }
        var export = new
        {
            exportedAt = DateTimeOffset.UtcNow,
            account = new
            {
                person.Id,
                person.Pseudonym,
                person.Email,
                person.EmailConfirmed,
                person.CreatedAt,
                person.LastSignInAt,
                person.RetentionWarnedAt,
                person.TwoFactorEnabled,
            },
            roles,
            voices,
            sessions,
            linkedAccounts,
            secrets,
            contributions = await ContributionsAsync(person.Id, cancellationToken),
            flags,
            appeals,
            phaseFeedback,
            follows,
            notificationSettings,
            notifications,
            messages,
            staffWork,
            audit,
            modules,
        };
        return JsonSerializer.SerializeToUtf8Bytes(export, _json);
    }

    /// <summary>
    /// Every contribution the person wrote, of any module, with each column its row holds (read from the model, so a
    /// module added later is exported without being asked), but the ids of people: theirs is the export's, others' are not theirs.
    /// </summary>
    private async Task<List<Dictionary<string, object?>>> ContributionsAsync(Guid personId, CancellationToken cancellationToken)
    {
        var contributions = await db.Contributions.AsNoTracking().Where(c => c.AuthorId == personId)
            .OrderBy(c => c.CreatedAt).ToListAsync(cancellationToken);
        return contributions.Select(Columns).ToList();

        Dictionary<string, object?> Columns(Contribution contribution)
        {
            var columns = new Dictionary<string, object?> { [nameof(Contribution.Kind)] = contribution.Kind, [nameof(Contribution.Address)] = contribution.Address };
            foreach (var property in db.Model.FindEntityType(contribution.GetType())!.GetProperties())
            {
                if (property.PropertyInfo is { } read
                    && !property.GetContainingForeignKeys().Any(k => k.PrincipalEntityType.ClrType == typeof(Person)))
                {
                    columns[property.Name] = read.GetValue(contribution);
                }
            }
            return columns;
        }
    }

    /// <summary>What the audit log says instead of an erased person's id.</summary>
    public const string ErasedPerson = "person:erased";

    /// <summary>Deletes the account and applies the person's choice to their contributions, all or nothing.</summary>
    public async Task EraseAsync(Person person, ErasureChoice choice, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var source in sources)
        {
            await source.EraseAsync(person.Id, choice, cancellationToken);
        }
        var contributions = await db.Contributions.Where(c => c.AuthorId == person.Id).ToListAsync(cancellationToken);
        foreach (var contribution in contributions)
        {
            if (choice == ErasureChoice.Remove)
            {
                contribution.EraseContent();
                contribution.ErasedAt = DateTimeOffset.UtcNow;
            }
            contribution.AuthorId = null;
        }
        // The words of their reports and appeals are theirs too; the decisions taken on them keep their own reasons.
        var remove = choice == ErasureChoice.Remove;
        var appeals = await db.ModerationAppeals.Where(a => a.AuthorId == person.Id).Select(a => a.Id).ToListAsync(cancellationToken);
        await db.ContributionFlags.Where(r => r.FlaggedById == person.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.FlaggedById, (Guid?)null).SetProperty(r => r.Reason, r => remove ? "" : r.Reason), cancellationToken);
        await db.ModerationAppeals.Where(a => a.AuthorId == person.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.AuthorId, (Guid?)null).SetProperty(a => a.Reason, a => remove ? "" : a.Reason), cancellationToken);
        // The badges this person verified stay (the audit log says who did it); the badge of their own account goes with it.
        await db.OrganisationVoices.Where(v => v.VerifiedById == person.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.VerifiedById, (Guid?)null), cancellationToken);
        // The audit log keeps what was done, but no longer by or about whom: the id would join the person's lines, and
        // through them what they appealed or opened to the association they speak for. The log names people by id only.
        var named = $"person:{person.Id}";
        await db.AuditEntries.Where(e => e.ActorId == person.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.ActorId, (Guid?)null), cancellationToken);
        await db.AuditEntries.Where(e => e.Subject == named || e.Details.Contains(named))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Subject, e => e.Subject.Replace(named, ErasedPerson)).SetProperty(e => e.Details, e => e.Details.Replace(named, ErasedPerson)), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (choice == ErasureChoice.Remove)
        {
            // Others' news quoted the words removed: those events go with them (their notifications follow by cascade).
            var removed = contributions.Select(c => (Guid?)c.Id).ToList();
            var items = contributions.Select(c => c.Id).ToList();
            // The news of an appeal's decision quotes the contribution too.
            var news = items.Concat(appeals).ToList();
            await db.NotificationEvents.Where(e => removed.Contains(e.SourceId) || news.Contains(e.ItemId)).ExecuteDeleteAsync(cancellationToken);
            await db.Follows.Where(f => items.Contains(f.SubjectId)).ExecuteDeleteAsync(cancellationToken);
            // Summaries quoted them word for word: the quotes go, the numbers stay so the analysts' text still reads.
            await Accountability.CitedSummaries.ForgetAsync(db, items, cancellationToken);
        }
        var result = await people.DeleteAsync(person);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
        await transaction.CommitAsync(cancellationToken);
        // The account is gone whatever happens to the request now: what follows from it is done all the same, each
        // module's share whatever another's does.
        foreach (var source in sources)
        {
            try
            {
                await source.ErasedAsync(CancellationToken.None);
            }
            catch (Exception e)
            {
                log.LogError(e, "After an erasure, {Module} could not finish", source.Name);
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("person:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial System.Text.RegularExpressions.Regex NamedPerson();
}
