using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Parvis.Web.Modules.Meetings;

/// <summary>
/// A calendar file (iCalendar, RFC 5545) of one meeting, a process's or the organisation's agenda, for any calendar
/// application. A multi-site meeting is one event whose location lists the sites; the UID stays the meeting's so a
/// re-imported file updates the event rather than doubling it. Each event links back to its page (URL), gives its
/// online link as a conference (RFC 7986) and, for one site placed on a map, its position (GEO).
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
            var item = new CalendarEvent
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
            };
            if (meeting.HasLink && Uri.TryCreate(meeting.OnlineLink, UriKind.Absolute, out var online))
            {
                var conference = new CalendarProperty("CONFERENCE", online.AbsoluteUri);
                conference.Parameters.Add("VALUE", "URI");
                conference.Parameters.Add("FEATURE", "VIDEO");
                item.AddProperty(conference);
            }
            if (meeting.HasPlace && meeting.Sites is [{ Place: { } place }])
            {
                item.GeographicLocation = new GeographicLocation(place.Latitude, place.Longitude);
            }
            calendar.Events.Add(item);
        }
        return Encoding.UTF8.GetBytes(new CalendarSerializer().SerializeToString(calendar) ?? "");
    }
}
