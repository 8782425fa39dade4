using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Meetings.Pages;

/// <summary>Seats left at a site and how many wait for one.</summary>
public sealed record SiteSeats(int Confirmed, int Waiting)
{
    public static readonly SiteSeats None = new(0, 0);
}

/// <summary>
/// A meeting: when, where and how to get in, its agenda, registration with a waiting list, its calendar
/// file; afterwards the minutes, attendance, what each site said and the questions it raised.
/// </summary>
public sealed class ShowModel(ParvisDbContext database, CurrentOrganisation current, ProcessAccess processes, Authorizer authorizer, MeetingCommands meetings, TimeProvider clock)
    : MeetingPage(database, current, processes)
{
    public IReadOnlyDictionary<Guid, SiteSeats> Seats { get; private set; } = new Dictionary<Guid, SiteSeats>();
    public MeetingRegistration? Mine { get; private set; }

    /// <summary>The person's place in the waiting list (1 = next), when they wait.</summary>
    public int? PlaceInLine { get; private set; }

    public IReadOnlyList<MeetingRemark> Remarks { get; private set; } = [];
    public IReadOnlyList<ExpertQuestion> Questions { get; private set; } = [];
    public IReadOnlyList<Theme> Uncovered { get; private set; } = [];
    public bool CanManage { get; private set; }
    public bool CanRun { get; private set; }
    public bool RegistrationOpen { get; private set; }

    /// <summary>Ended: the page says so before anything else, and no longer offers to join online.</summary>
    public bool IsOver { get; private set; }
    public bool SignedIn => authorizer.PersonId is not null;

    [BindProperty]
    public Guid? SiteId { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnGetCalendarAsync(Guid id)
    {
        if (!await LoadMeetingAsync(id))
        {
            return NotFound();
        }
        var bytes = MeetingCalendar.Build(Meeting.Title, [Meeting], Organisation.Link(""), clock.GetUtcNow());
        return File(bytes, MeetingCalendar.ContentType, "meeting.ics");
    }

    public async Task<IActionResult> OnPostRegisterAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (SiteId is not { } siteId)
        {
            ModelState.AddModelError(nameof(SiteId), Text["Meetings.ChooseSite"]);
            return Page();
        }
        var result = await meetings.RegisterAsync(id, siteId);
        return After(result, "Meetings.Registered", $"/meetings/{id}#registration", nameof(SiteId));
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var result = await meetings.CancelRegistrationAsync(id);
        return After(result, "Meetings.Cancelled", $"/meetings/{id}#registration");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (!await LoadMeetingAsync(id))
        {
            return false;
        }
        Seats = await Db.MeetingRegistrations.AsNoTracking().Where(r => r.MeetingId == id)
            .GroupBy(r => r.SiteId)
            .Select(g => new { g.Key, Confirmed = g.Count(r => r.Status == RegistrationStatus.Confirmed), Waiting = g.Count(r => r.Status == RegistrationStatus.Waiting) })
            .ToDictionaryAsync(g => g.Key, g => new SiteSeats(g.Confirmed, g.Waiting));
        if (authorizer.PersonId is { } personId)
        {
            Mine = await Db.MeetingRegistrations.AsNoTracking().FirstOrDefaultAsync(r => r.MeetingId == id && r.PersonId == personId);
            if (Mine is { Status: RegistrationStatus.Waiting } waiting)
            {
                PlaceInLine = 1 + await Db.MeetingRegistrations.CountAsync(r => r.SiteId == waiting.SiteId && r.Status == RegistrationStatus.Waiting
                    && (r.CreatedAt < waiting.CreatedAt || (r.CreatedAt == waiting.CreatedAt && r.Id.CompareTo(waiting.Id) < 0)));
            }
        }
        Remarks = await Db.MeetingRemarks.AsNoTracking().Where(r => r.MeetingId == id && r.HiddenAt == null && r.ErasedAt == null)
            .OrderBy(r => r.CreatedAt).ToListAsync();
        Questions = await Db.ExpertQuestions.AsNoTracking()
            .Where(q => (q.MeetingId == id || q.AnsweredAtMeetingId == id) && q.HiddenAt == null && q.ErasedAt == null)
            .OrderBy(q => q.CreatedAt).ToListAsync();
        Uncovered = await Db.UncoveredThemes.AsNoTracking().Where(u => u.MeetingId == id)
            .Join(Db.Themes, u => u.ThemeId, t => t.Id, (u, t) => t).OrderBy(t => t.Position).ToListAsync();
        CanManage = await authorizer.CanAsync(MeetingsPermissions.Manage, Process, Component.Id);
        CanRun = await authorizer.CanAsync(MeetingsPermissions.Run, Process, Component.Id);
        IsOver = Meeting.EndsAt <= clock.GetUtcNow();
        RegistrationOpen = Meeting.Registration && !IsOver;
        return true;
    }

    public SiteSeats SeatsAt(Guid siteId) => Seats.GetValueOrDefault(siteId, SiteSeats.None);

    public string SiteName(Guid? siteId) => Sites.FirstOrDefault(s => s.Id == siteId)?.Name ?? "";
}
