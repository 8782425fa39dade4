using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Parvis.Web.Modules.Meetings;

/// <summary>
/// A calendar file (iCalendar, RFC 5545) of one meeting or a whole process, for any calendar application.
/// A multi-site meeting is one event whose location lists the sites; the UID stays the meeting's so a
/// re-imported file updates the event rather than doubling it.
/// </summary>
public static class MeetingCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static byte[] Build(string name, IEnumerable<Meeting> meetings, string baseUrl, DateTimeOffset now)
    {
        var calendar = new Calendar { ProductId = "-//Parvis//Meetings//FR" };
        calendar.AddProperty("X-WR-CALNAME", name);
        foreach (var meeting in meetings)
        {
            var url = $"{baseUrl}/meetings/{meeting.Id}";
            var places = meeting.Sites.OrderBy(s => s.Position)
                .Select(s => string.IsNullOrEmpty(s.Address) ? s.Name : $"{s.Name} ({s.Address})");
            var location = string.Join(" ; ", meeting.HasLink && !string.IsNullOrEmpty(meeting.OnlineLink) && !meeting.HasPlace ? [meeting.OnlineLink] : places);
            var description = new StringBuilder(meeting.Description);
            if (meeting.HasLink && !string.IsNullOrEmpty(meeting.OnlineLink))
            {
                description.Append("\n\n").Append(meeting.OnlineLink);
            }
            description.Append("\n\n").Append(url);
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{meeting.Id}@parvis",
                Summary = meeting.Title,
                Description = description.ToString().Trim(),
                Location = location,
                Start = new CalDateTime(meeting.StartsAt.UtcDateTime),
                End = new CalDateTime(meeting.EndsAt.UtcDateTime),
                DtStamp = new CalDateTime(now.UtcDateTime),
                Sequence = meeting.Sequence,
                Url = new Uri(url),
            });
        }
        return Encoding.UTF8.GetBytes(new CalendarSerializer().SerializeToString(calendar) ?? "");
    }
}
