using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Notifications;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Text;
using Parvis.Web.Shared;

namespace Parvis.Web.Kernel.Privacy;

/// <summary>What one run of the retention purge did, in counts: never who.</summary>
public sealed record RetentionReport(int Warned, int Anonymised, int Messages, int Notifications);

/// <summary>
/// Keeps personal data no longer than the organisations promise on their privacy page. An account nobody used for
/// the organisation's period after the last process its holder contributed to closed is anonymised (its
/// contributions stay, by a "deleted participant"), a month after its holder was warned by e-mail; signing in again
/// keeps it. Accounts with a role are the organisation's to close. Old messages and news go too, and so do the copies
/// of messages written to disk where no SMTP server is set.
/// </summary>
public sealed class RetentionPurge(ParvisDbContext db, PersonalData personal, NotificationLinks links, IStringLocalizer<SharedText> text,
    Email.MailTransport transport, TimeProvider clock, ILogger<RetentionPurge> log)
{
    /// <summary>How long before the anonymisation its holder is warned.</summary>
    public static readonly TimeSpan Warning = TimeSpan.FromDays(30);

    /// <summary>Sent messages are kept this long (the person's export holds them meanwhile).</summary>
    public static readonly TimeSpan MessagesKept = TimeSpan.FromDays(90);

    /// <summary>News is kept this long on the person's page.</summary>
    public static readonly TimeSpan NotificationsKept = TimeSpan.FromDays(365);

    private const int Batch = 500;

    public async Task<RetentionReport> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var periods = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.RetentionMonths, cancellationToken);
        if (periods.Count == 0)
        {
            return new RetentionReport(0, 0, 0, 0);
        }
        // Nobody is due before the shortest period, less the warning, has passed since their account's last sign-in.
        var horizon = now.AddMonths(-periods.Values.Min()) + Warning;
        var (warned, anonymised) = (0, 0);
        Guid? after = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var candidates = db.Users.Where(p => (p.LastSignInAt ?? p.CreatedAt) < horizon && !db.RoleAssignments.Any(r => r.PersonId == p.Id));
            var batch = await (after is { } last ? candidates.Where(p => p.Id.CompareTo(last) > 0) : candidates)
                .OrderBy(p => p.Id).Take(Batch).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }
            after = batch[^1].Id;
            foreach (var person in batch)
            {
                switch (await ReviewAsync(person, periods, now, cancellationToken))
                {
                    case Outcome.Warned:
                        warned++;
                        break;
                    case Outcome.Anonymised:
                        anonymised++;
                        break;
                }
            }
        }
        var messagesBefore = now - MessagesKept;
        var messages = await db.OutgoingMessages
            .Where(m => m.CreatedAt < messagesBefore && m.State != MessageState.Queued && m.State != MessageState.Sending)
            .ExecuteDeleteAsync(cancellationToken) + transport.Forget(messagesBefore);
        var newsBefore = now - NotificationsKept;
        var notifications = await db.Notifications.Where(n => n.CreatedAt < newsBefore).ExecuteDeleteAsync(cancellationToken);
        var report = new RetentionReport(warned, anonymised, messages, notifications);
        log.LogInformation("Retention: {Warned} accounts warned, {Anonymised} anonymised, {Messages} old messages and {Notifications} old news deleted",
            report.Warned, report.Anonymised, report.Messages, report.Notifications);
        return report;
    }

    private enum Outcome
    {
        Kept,
        Warned,
        Anonymised,
    }

    private async Task<Outcome> ReviewAsync(Person person, Dictionary<Guid, int> periods, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var tracked = await db.Users.FirstAsync(p => p.Id == person.Id, cancellationToken);
        var processes = await db.Contributions.Where(c => c.AuthorId == person.Id).Select(c => c.ProcessId).Distinct()
            .Join(db.Processes, id => id, p => p.Id, (id, p) => new { p.OrganisationId, p.ClosedAt }).ToListAsync(cancellationToken);
        // Someone who contributes to a process still open is kept for as long as it is; someone a structure helps under
        // a mandate in force, as long as it is (they may never sign in themselves, nor have an address to warn).
        if (processes.Any(p => p.ClosedAt is null) || await MandatedAsync(person.Id, now, cancellationToken))
        {
            return await ForgetWarningAsync(tracked, cancellationToken);
        }
        var lastContribution = await db.Contributions.Where(c => c.AuthorId == person.Id).MaxAsync(c => (DateTimeOffset?)c.CreatedAt, cancellationToken);
        var lastSeen = await db.PersonSessions.Where(s => s.PersonId == person.Id).MaxAsync(s => (DateTimeOffset?)s.LastSeenAt, cancellationToken);
        // What a mediator did for them is their activity too: a signature, a vote, a seat are no contributions.
        var lastHelped = await db.MandateActs.Where(a => a.PersonId == person.Id).MaxAsync(a => (DateTimeOffset?)a.At, cancellationToken);
        var lastActive = new[] { tracked.CreatedAt, tracked.LastSignInAt, lastContribution, lastSeen, lastHelped }.Max()!.Value;
        if (tracked.RetentionWarnedAt is { } before && before < lastActive)
        {
            // They came back after the warning: the clock starts again.
            tracked.RetentionWarnedAt = null;
        }
        var organisations = processes.Select(p => p.OrganisationId).ToHashSet();
        var months = organisations.Count > 0 ? organisations.Max(o => periods.GetValueOrDefault(o)) : periods.Values.Max();
        var from = new[] { lastActive, processes.Max(p => p.ClosedAt) }.Max()!.Value;
        var due = from.AddMonths(months);
        if (now < due - Warning)
        {
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Kept;
        }
        if (tracked.RetentionWarnedAt is null)
        {
            tracked.RetentionWarnedAt = now;
            await WarnAsync(tracked, organisations.Count > 0 ? organisations.First() : periods.Keys.First(), Max(due, now + Warning), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Warned;
        }
        if (now < due || now < tracked.RetentionWarnedAt.Value + Warning)
        {
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Kept;
        }
        await personal.EraseAsync(tracked, ErasureChoice.Anonymise, cancellationToken);
        return Outcome.Anonymised;
    }

    /// <summary>
    /// Whether a mandate for the person is in force: consented, neither revoked nor ended. One never consented to, or
    /// for a session never held, keeps nobody.
    /// </summary>
    private Task<bool> MandatedAsync(Guid personId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Mandates.AnyAsync(m => m.PersonId == personId && m.ConsentRecordedAt != null && m.RevokedAt == null && m.Duration != Mediation.MandateDuration.Session
            && (m.ExpiresAt == null || m.ExpiresAt > now)
            && !(m.Duration == Mediation.MandateDuration.Process && db.Processes.Any(p => p.Id == m.ProcessId && p.ClosedAt != null)), cancellationToken);

    private async Task<Outcome> ForgetWarningAsync(Person person, CancellationToken cancellationToken)
    {
        if (person.RetentionWarnedAt is not null)
        {
            person.RetentionWarnedAt = null;
            await db.SaveChangesAsync(cancellationToken);
        }
        return Outcome.Kept;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>The warning goes through the kept messages, so a node that stops does not lose it.</summary>
    private async Task WarnAsync(Person person, Guid organisationId, DateTimeOffset on, CancellationToken cancellationToken)
    {
        if (!person.EmailConfirmed || string.IsNullOrEmpty(person.Email))
        {
            return;
        }
        var site = await links.SiteAsync(organisationId, cancellationToken);
        var culture = site.CultureFor(await db.NotificationSettings.Where(s => s.PersonId == person.Id).Select(s => s.Culture).FirstOrDefaultAsync(cancellationToken));
        using var language = CultureScope.Use(culture);
        var day = on.ToLocalTime().ToString("D", culture);
        var mail = NotificationMail.Plain(culture.TwoLetterISOLanguageName, text["Retention.Mail.Subject", site.Name, day],
            text["Retention.Mail.Body", person.Pseudonym, site.Name, day, site.Address + "/account/sign-in", site.Address + "/account"]);
        db.OutgoingMessages.Add(new OutgoingMessage
        {
            PersonId = person.Id, OrganisationId = organisationId, Subject = mail.Subject, Text = mail.Text, Html = mail.Html,
            StopAddress = site.Address + links.StopAll(person.Id), CreatedAt = clock.GetUtcNow(), NotBefore = clock.GetUtcNow(),
        });
    }
}
