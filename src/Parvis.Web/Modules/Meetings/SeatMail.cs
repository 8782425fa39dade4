using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Email;
using Parvis.Web.Kernel.Notifications;
using Parvis.Web.Kernel.Text;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Meetings;

/// <summary>
/// Tells those who moved from the waiting list to a seat, each in their language, with the meeting's address on its
/// organisation's site: whatever freed the seat (a cancellation, more seats, an account erased, by its owner or by the
/// retention job, where no request names the site). Queued: the seat never waits for the mail server.
/// </summary>
public sealed class SeatMail(ParvisDbContext db, NotificationLinks links, IEmailSender email, IStringLocalizer<SharedText> text)
{
    public async Task TellAsync(Guid meetingId, IReadOnlyCollection<Guid> promoted, CancellationToken cancellationToken = default)
    {
        if (promoted.Count == 0)
        {
            return;
        }
        var meeting = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId).Select(m => new { m.Title, m.StartsAt, m.OrganisationId }).FirstAsync(cancellationToken);
        var site = await links.SiteAsync(meeting.OrganisationId, cancellationToken);
        var settings = db.NotificationSettings;
        // As any news: to a confirmed address only (a held account's may be mistyped), and not after "stop every e-mail".
        var people = await db.Users.AsNoTracking().Where(p => promoted.Contains(p.Id) && p.Email != null && p.EmailConfirmed && !settings.Any(s => s.PersonId == p.Id && s.EmailsOff))
            .Select(p => new { p.Email, p.Pseudonym, Culture = settings.Where(s => s.PersonId == p.Id).Select(s => s.Culture).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        foreach (var person in people)
        {
            using var language = CultureScope.Use(site.CultureFor(person.Culture));
            await email.SendAsync(person.Email!, text["Mail.SeatFreed.Subject", meeting.Title],
                text["Mail.SeatFreed.Body", person.Pseudonym, meeting.Title, meeting.StartsAt.ToLocalTime().ToString("f"), $"{site.Address}/meetings/{meetingId}"], cancellationToken);
        }
    }
}
