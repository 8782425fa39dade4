using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;

namespace Parvis.Web.Modules.Meetings;

/// <summary>What the organisation's agenda is narrowed to: one process (by its address), a place (a town, a café), a mode.</summary>
public sealed record AgendaFilter(string? Process, string? Place, MeetingMode? Mode)
{
    public const int PlaceMax = 100;

    /// <summary>The filter as a query string ("?process=…&amp;place=…"), empty when it narrows nothing.</summary>
    public string Query
    {
        get
        {
            var parts = new List<string>();
            if (!string.IsNullOrWhiteSpace(Process))
            {
                parts.Add($"process={Uri.EscapeDataString(Process)}");
            }
            if (!string.IsNullOrWhiteSpace(Place))
            {
                parts.Add($"place={Uri.EscapeDataString(Place.Trim())}");
            }
            if (Mode is { } mode)
            {
                parts.Add($"mode={mode}");
            }
            return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
        }
    }
}

/// <summary>
/// The organisation's agenda: the meetings of its published processes whose set of meetings is in use, whatever the
/// process, narrowed by a filter; one query for the page and its calendar file.
/// </summary>
public static class MeetingAgenda
{
    /// <summary>The most meetings a calendar file holds (the latest).</summary>
    public const int CalendarMax = 500;

    public static IQueryable<Meeting> Of(ParvisDbContext db, Guid organisationId, AgendaFilter filter)
    {
        var processes = db.Processes.Where(p => p.OrganisationId == organisationId && p.Published);
        if (!string.IsNullOrWhiteSpace(filter.Process))
        {
            processes = processes.Where(p => p.Slug == filter.Process);
        }
        var components = processes.SelectMany(p => p.Components).Where(c => c.Enabled).Select(c => c.Id);
        var meetings = db.Meetings.AsNoTracking().Include(m => m.Sites).Where(m => components.Contains(m.ComponentId));
        if (!string.IsNullOrWhiteSpace(filter.Place))
        {
            var pattern = LikePatterns.Containing(filter.Place);
            meetings = meetings.Where(m => m.Sites.Any(s => EF.Functions.Like(s.Name.ToLower(), pattern, LikePatterns.Escape)
                || EF.Functions.Like(s.Address.ToLower(), pattern, LikePatterns.Escape)));
        }
        if (filter.Mode is { } mode)
        {
            meetings = meetings.Where(m => m.Mode == mode);
        }
        return meetings;
    }
}
