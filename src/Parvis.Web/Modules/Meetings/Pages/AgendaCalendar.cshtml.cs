using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Meetings.Pages;

/// <summary>The organisation's agenda (or a filtered part of it) as a calendar to subscribe to: the latest meetings, past ones kept.</summary>
public sealed class AgendaCalendarModel(ParvisDbContext db, CurrentOrganisation organisation, TimeProvider clock) : ParvisPageModel
{
    public async Task<IActionResult> OnGetAsync(string? process, string? place, MeetingMode? mode)
    {
        if (!ModelState.IsValid || place is { Length: > AgendaFilter.PlaceMax })
        {
            return BadRequest();
        }
        var filter = new AgendaFilter(process, place, mode);
        if (process is not null && !await db.Processes.AnyAsync(p => p.OrganisationId == organisation.Id && p.Published && p.Slug == process))
        {
            return NotFound();
        }
        var meetings = await MeetingAgenda.Of(db, organisation.Id, filter).OrderByDescending(m => m.StartsAt).Take(MeetingAgenda.CalendarMax).ToListAsync();
        var name = filter.Query.Length == 0 ? Text["Meetings.AgendaOf", organisation.Value.Name] : Text["Meetings.AgendaFilteredOf", organisation.Value.Name];
        return File(MeetingCalendar.Build(name, meetings.OrderBy(m => m.StartsAt), organisation.Link(""), clock.GetUtcNow()), MeetingCalendar.ContentType, "agenda.ics");
    }
}
