using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MimeKit;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Email;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Text;
using Parvis.Web.Shared;

namespace Parvis.Web.Kernel.Notifications;

/// <summary>
/// Turns pending notifications into messages (each person's immediate ones now, their digests at their hour) and
/// sends the messages. Composing marks what it took in the same transaction as the message it wrote, so nothing is
/// composed twice; sending claims a message before it leaves, so nothing is sent twice, even by two nodes.
/// </summary>
public sealed class NotificationDispatcher(ParvisDbContext db, ModuleCatalog modules, IStringLocalizer<SharedText> text, MailTransport transport,
    NotificationLinks links, TimeProvider clock, ILogger<NotificationDispatcher> log, IEnumerable<Contributions.IContributionSource> sources)
{
    private const int PeoplePerBatch = 200;

    /// <summary>A message claimed for longer has lost its node: it may have left, so it is set aside, not sent again.</summary>
    public static readonly TimeSpan ClaimLife = TimeSpan.FromMinutes(5);

    public async Task RunAsync(string node, CancellationToken cancellationToken)
    {
        try
        {
            await ComposeAsync(cancellationToken);
        }
        finally
        {
            // What was composed before a failure, and in earlier runs, still leaves.
            await SendAsync(node, cancellationToken);
        }
    }

    /// <summary>Writes the messages that are due, one per person at most; returns how many.</summary>
    public async Task<int> ComposeAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var composed = 0;
        Guid? after = null;
        while (true)
        {
            var pending = db.Notifications.Where(n => n.Mail == MailState.Pending);
            var people = await (after is { } last ? pending.Where(n => n.PersonId.CompareTo(last) > 0) : pending)
                .Select(n => n.PersonId).Distinct().OrderBy(p => p).Take(PeoplePerBatch).ToListAsync(cancellationToken);
            if (people.Count == 0)
            {
                return composed;
            }
            after = people[^1];
            foreach (var person in people)
            {
                try
                {
                    composed += await ComposeForAsync(person, now, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One person's messages that cannot be written must not hold back everyone else's.
                    log.LogError(e, "Notifications for person {Person} could not be composed; tried again next time", person);
                }
            }
        }
    }

    /// <returns>How many messages it wrote: one per organisation whose news is due.</returns>
    private async Task<int> ComposeForAsync(Guid personId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var person = await db.Users.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new { p.Pseudonym, p.Email, p.EmailConfirmed }).FirstOrDefaultAsync(cancellationToken);
        var received = await db.Notifications.Where(n => n.PersonId == personId && n.Mail == MailState.Pending)
            .Join(db.NotificationEvents, n => n.EventId, e => e.Id, (n, e) => new Received(n, e)).ToListAsync(cancellationToken);
        if (person is null || received.Count == 0)
        {
            return 0;
        }
        var settings = await db.NotificationSettings.FirstOrDefaultAsync(s => s.PersonId == personId, cancellationToken);
        var choices = await db.NotificationChoices.Where(c => c.PersonId == personId).ToDictionaryAsync(c => c.Kind, c => c.Mode, cancellationToken);
        var hour = settings?.DigestHour ?? NotificationSettings.DefaultHour;
        var daily = DigestMoments.Daily(now, hour);
        var weekly = DigestMoments.Weekly(now, hour, settings?.WeeklyDay ?? DayOfWeek.Monday);
        NotificationMode? ModeOf(Received r) => modules.NotificationKind(r.Event.Kind) is { } kind ? choices.GetValueOrDefault(kind.Key, kind.Default) : null;

        var canMail = person.EmailConfirmed && !string.IsNullOrEmpty(person.Email) && settings?.EmailsOff != true;
        var eventIds = received.Select(r => r.Event.Id).ToList();
        // What moderation hid or its author erased since the event is never sent.
        var shown = (await ShownEvents.Of(db, sources).Where(e => eventIds.Contains(e.Id)).Select(e => e.Id).ToListAsync(cancellationToken)).ToHashSet();
        var never = received.Where(r => !canMail || !shown.Contains(r.Event.Id) || ModeOf(r) is null or NotificationMode.Never).ToList();
        var waiting = received.Except(never).ToList();
        // A digest is due once a moment passed that it was not sent for, if something waiting is older than that moment.
        var dailyDue = waiting.Any(r => ModeOf(r) == NotificationMode.Daily && r.Notification.CreatedAt <= daily) && !(settings?.LastDailyAt >= daily);
        var weeklyDue = waiting.Any(r => ModeOf(r) == NotificationMode.Weekly && r.Notification.CreatedAt <= weekly) && !(settings?.LastWeeklyAt >= weekly);
        var taken = waiting.Where(r => ModeOf(r) switch
        {
            NotificationMode.Immediately => true,
            NotificationMode.Daily => dailyDue,
            NotificationMode.Weekly => weeklyDue,
            _ => false,
        }).ToList();
        if (never.Count == 0 && taken.Count == 0)
        {
            return 0;
        }

        // One message per organisation: each speaks of its own site, with its own links.
        var messages = new List<(OutgoingMessage Message, List<Received> Taken)>();
        foreach (var ofOrganisation in taken.GroupBy(r => r.Event.OrganisationId))
        {
            var message = await ComposeMessageAsync(personId, person.Pseudonym, [.. ofOrganisation], dailyDue || weeklyDue, settings?.Culture, now, cancellationToken);
            db.OutgoingMessages.Add(message);
            messages.Add((message, [.. ofOrganisation]));
        }
        if (dailyDue || weeklyDue)
        {
            if (settings is null)
            {
                settings = new NotificationSettings { PersonId = personId };
                db.NotificationSettings.Add(settings);
            }
            settings.LastDailyAt = dailyDue ? daily : settings.LastDailyAt;
            settings.LastWeeklyAt = weeklyDue ? weekly : settings.LastWeeklyAt;
        }
        await db.SaveChangesAsync(cancellationToken);
        var marked = await Mark(never, MailState.NotSent, null, cancellationToken);
        foreach (var (message, ofMessage) in messages)
        {
            marked += await Mark(ofMessage, MailState.Sent, message.Id, cancellationToken);
        }
        if (marked != never.Count + taken.Count)
        {
            // Another dispatcher took some of them meanwhile: its message tells them, this one must not.
            await transaction.RollbackAsync(cancellationToken);
            return 0;
        }
        await transaction.CommitAsync(cancellationToken);
        return messages.Count;
    }

    private Task<int> Mark(List<Received> received, MailState state, Guid? messageId, CancellationToken cancellationToken)
    {
        var ids = received.Select(r => r.Notification.Id).ToList();
        return ids.Count == 0
            ? Task.FromResult(0)
            : db.Notifications.Where(n => ids.Contains(n.Id) && n.Mail == MailState.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.Mail, state).SetProperty(n => n.MessageId, messageId), cancellationToken);
    }

    private async Task<OutgoingMessage> ComposeMessageAsync(Guid personId, string pseudonym, List<Received> taken, bool digest, string? chosenCulture,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var organisationId = taken[0].Event.OrganisationId;
        var site = await links.SiteAsync(organisationId, cancellationToken);
        var culture = site.CultureFor(chosenCulture);
        using var language = CultureScope.Use(culture);
        var items = Digest.Group(taken, modules, text);
        var mail = NotificationMail.Compose(new MailContext(site, pseudonym, digest, culture.TwoLetterISOLanguageName,
            item => site.Address + links.Unfollow(personId, item), site.Address + NotificationLinks.Settings, site.Address + links.StopAll(personId)), items, text);
        return new OutgoingMessage
        {
            PersonId = personId,
            OrganisationId = organisationId,
            Subject = mail.Subject,
            Text = mail.Text,
            Html = mail.Html,
            StopAddress = site.Address + links.StopAll(personId),
            CreatedAt = now,
            NotBefore = now,
        };
    }

    /// <summary>Sends the queued messages; returns how many left.</summary>
    public async Task<int> SendAsync(string node, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var now = clock.GetUtcNow();
        var lost = await db.OutgoingMessages.Where(m => m.State == MessageState.Sending && m.ClaimedAt < now - ClaimLife)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, MessageState.Interrupted), cancellationToken);
        if (lost > 0)
        {
            log.LogWarning("{Count} messages were being sent by a node that stopped: they may have left, so they are not sent again", lost);
        }
        var sent = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var next = await db.OutgoingMessages.Where(m => m.State == MessageState.Queued && m.NotBefore <= now)
                .OrderBy(m => m.CreatedAt).Select(m => m.Id).Take(100).ToListAsync(cancellationToken);
            if (next.Count == 0)
            {
                return sent;
            }
            foreach (var id in next)
            {
                // The claim is the guard against sending twice: only one node turns a queued message into a sending one.
                var claimed = await db.OutgoingMessages.Where(m => m.Id == id && m.State == MessageState.Queued)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, MessageState.Sending).SetProperty(m => m.Node, node)
                        .SetProperty(m => m.ClaimedAt, clock.GetUtcNow()).SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
                if (claimed == 1 && await SendOneAsync(id, cancellationToken))
                {
                    sent++;
                }
            }
        }
        return sent;
    }

    private async Task<bool> SendOneAsync(Guid id, CancellationToken cancellationToken)
    {
        var message = await db.OutgoingMessages.AsNoTracking().FirstAsync(m => m.Id == id, cancellationToken);
        var to = await db.Users.Where(p => p.Id == message.PersonId && p.EmailConfirmed).Select(p => p.Email).FirstOrDefaultAsync(cancellationToken);
        // An address the mail library cannot read (one an identity provider vouched for) is withdrawn, not thrown.
        if (string.IsNullOrEmpty(to) || !MailboxAddress.TryParse(to, out var recipient)
            || await db.NotificationSettings.AnyAsync(s => s.PersonId == message.PersonId && s.EmailsOff, cancellationToken))
        {
            // The account was erased, its address awaits confirmation, or its holder stopped every message, since it was written.
            await SetStateAsync(id, MessageState.Withdrawn, null, cancellationToken);
            return false;
        }
        var mime = new MimeMessage { Subject = message.Subject };
        mime.From.Add(transport.From);
        mime.To.Add(recipient);
        mime.Headers.Add("List-Unsubscribe", $"<{message.StopAddress}>");
        mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        mime.Body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html }.ToMessageBody();
        try
        {
            await transport.SendAsync(mime, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var again = message.Attempts < OutgoingMessage.MaxAttempts;
            log.LogError(e, "Message {Id} was refused (attempt {Attempt}); {Next}", id, message.Attempts, again ? "tried again later" : "given up");
            await SetStateAsync(id, again ? MessageState.Queued : MessageState.Failed,
                clock.GetUtcNow() + TimeSpan.FromMinutes(Math.Pow(2, message.Attempts)), cancellationToken);
            return false;
        }
        await db.OutgoingMessages.Where(m => m.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, MessageState.Sent).SetProperty(m => m.SentAt, clock.GetUtcNow()), CancellationToken.None);
        return true;
    }

    private Task<int> SetStateAsync(Guid id, MessageState state, DateTimeOffset? notBefore, CancellationToken cancellationToken) =>
        db.OutgoingMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.State, state)
            .SetProperty(m => m.NotBefore, m => notBefore ?? m.NotBefore), cancellationToken);
}

/// <summary>The moments digests leave at, in the server's local time (the organisation's).</summary>
public static class DigestMoments
{
    /// <summary>The latest moment, at or before now, that a daily digest at this hour leaves at.</summary>
    public static DateTimeOffset Daily(DateTimeOffset now, int hour)
    {
        var local = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.Local);
        var today = Shared.LocalTime.ToOffset(local.Date.AddHours(hour));
        return today <= now ? today : Shared.LocalTime.ToOffset(local.Date.AddDays(-1).AddHours(hour));
    }

    /// <summary>The latest moment, at or before now, that a weekly digest on this day at this hour leaves at.</summary>
    public static DateTimeOffset Weekly(DateTimeOffset now, int hour, DayOfWeek day)
    {
        var local = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.Local).Date;
        var back = ((int)local.DayOfWeek - (int)day + 7) % 7;
        var moment = Shared.LocalTime.ToOffset(local.AddDays(-back).AddHours(hour));
        return moment <= now ? moment : Shared.LocalTime.ToOffset(local.AddDays(-back - 7).AddHours(hour));
    }
}
