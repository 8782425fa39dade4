using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Meetings.Pages;

/// <summary>What is written down at a site: something said, or a question for the experts.</summary>
public enum EntryKind
{
    Remark,
    Question,
}

/// <summary>A registered person as the facilitator sees them on the attendance list: a pseudonym and a status.</summary>
public sealed record Registrant(Guid SiteId, string Pseudonym, RegistrationStatus Status);

/// <summary>
/// The facilitator's page during and after a meeting: write down what each site said and the questions it
/// raised (keyboard-first, the field keeps focus), then the minutes, the head count per site and the themes
/// the experts could not cover. The registration list per site doubles as the attendance list.
/// </summary>
public sealed class RecordModel(ParvisDbContext database, CurrentOrganisation current, ProcessAccess processes, Authorizer authorizer, MeetingCommands meetings, QuestionCommands questions)
    : MeetingPage(database, current, processes)
{
    [BindProperty]
    [StringLength(Meeting.MinutesMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.MeetingMinutes")]
    public string? Minutes { get; set; }

    [BindProperty]
    [Range(0, Meeting.AttendanceMax, ErrorMessage = "Meetings.AttendanceInvalid")]
    [Display(Name = "Field.OnlineAttendance")]
    public int? OnlineAttendance { get; set; }

    /// <summary>Read from the form by site rather than bound: a dictionary would also try every other field as a key.</summary>
    public Dictionary<Guid, int?> Attendance { get; set; } = [];

    [BindProperty]
    public List<Guid> UncoveredThemes { get; set; } = [];

    [BindProperty]
    [Display(Name = "Field.EntryKind")]
    public EntryKind Kind { get; set; }

    [BindProperty]
    [Display(Name = "Field.EntrySite")]
    public Guid? SiteId { get; set; }

    [BindProperty]
    [Display(Name = "Field.Theme")]
    public Guid? ThemeId { get; set; }

    [BindProperty]
    [StringLength(MeetingRemark.TextMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.EntryText")]
    public string? EntryText { get; set; }

    public IReadOnlyList<SelectListItem> SiteOptions { get; private set; } = [];
    public IReadOnlyList<SelectListItem> ThemeOptions { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Kinds => Enum.GetValues<EntryKind>().Select(k => new SelectListItem(Text["EntryKind." + k], k.ToString())).ToList();
    public IReadOnlyList<Kernel.Processes.Theme> Themes { get; private set; } = [];
    public IReadOnlyList<Registrant> Registrants { get; private set; } = [];
    public IReadOnlyList<Contribution> Recent { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? site)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        await ShowRecordAsync(id);
        SiteId = site ?? (Sites.Count == 1 ? Sites[0].Id : null);
        return Page();
    }

    /// <summary>
    /// The record as stored: the form's starting values, and what it shows again when an entry is refused (the entry's
    /// form posts none of it, and saving the record from that page must not empty it).
    /// </summary>
    private async Task ShowRecordAsync(Guid id)
    {
        Minutes = Meeting.Minutes;
        OnlineAttendance = Meeting.OnlineAttendance;
        Attendance = Sites.ToDictionary(s => s.Id, s => s.Attendance);
        UncoveredThemes = await Db.UncoveredThemes.Where(u => u.MeetingId == id).Select(u => u.ThemeId).ToListAsync();
    }

    /// <summary>Adds what was said; back on the same site with an empty field, ready for the next one.</summary>
    public async Task<IActionResult> OnPostAddAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        await ShowRecordAsync(id);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = Kind == EntryKind.Question
            ? await questions.CollectAsync(id, SiteId, EntryText ?? "", ThemeId)
            : await meetings.AddRemarkAsync(id, SiteId, ThemeId, EntryText ?? "");
        return After(result, Kind == EntryKind.Question ? "Meetings.QuestionAdded" : "Meetings.RemarkAdded",
            $"/meetings/{id}/record{(SiteId is { } site ? $"?site={site}" : "")}", nameof(EntryText));
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        ReadAttendance();
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await meetings.RecordAsync(id, new MeetingRecord(Minutes ?? "", OnlineAttendance, Attendance, UncoveredThemes));
        return After(result, "Meetings.RecordSaved", $"/meetings/{id}");
    }

    public static string AttendanceField(Guid siteId) => $"Attendance[{siteId}]";

    private void ReadAttendance()
    {
        foreach (var site in Sites)
        {
            var typed = Request.Form[AttendanceField(site.Id)].ToString().Trim();
            if (typed.Length == 0)
            {
                Attendance[site.Id] = null;
            }
            else if (int.TryParse(typed, out var count) && count is >= 0 and <= Meeting.AttendanceMax)
            {
                Attendance[site.Id] = count;
            }
            else
            {
                ModelState.AddModelError(AttendanceField(site.Id), Text["Meetings.AttendanceInvalid"]);
                ModelState.SetModelValue(AttendanceField(site.Id), typed, typed);
            }
        }
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        if (!await LoadMeetingAsync(id))
        {
            return NotFound();
        }
        if (Denied(await authorizer.DecideAsync(MeetingsPermissions.Run, Process, Component.Id)) is { } denied)
        {
            return denied;
        }
        SiteOptions = [new SelectListItem(Text["Meetings.AllSites"], ""), .. Sites.Select(s => new SelectListItem(s.Name, s.Id.ToString()))];
        Themes = await ThemesAsync();
        ThemeOptions = [new SelectListItem(Text["Meetings.NoTheme"], ""), .. Themes.Select(t => new SelectListItem(t.Name, t.Id.ToString()))];
        Registrants = await Db.MeetingRegistrations.AsNoTracking().Where(r => r.MeetingId == id)
            .Join(Db.Users, r => r.PersonId, p => p.Id, (r, p) => new { r.SiteId, p.Pseudonym, r.Status, r.CreatedAt })
            .OrderBy(r => r.Status).ThenBy(r => r.CreatedAt)
            .Select(r => new Registrant(r.SiteId, r.Pseudonym, r.Status)).ToListAsync();
        Recent = [
            .. await Db.MeetingRemarks.AsNoTracking().Where(r => r.MeetingId == id).OrderByDescending(r => r.CreatedAt).Take(20).ToListAsync(),
            .. await Db.ExpertQuestions.AsNoTracking().Where(q => q.MeetingId == id).OrderByDescending(q => q.CreatedAt).Take(20).ToListAsync(),
        ];
        Recent = Recent.OrderByDescending(c => c.CreatedAt).Take(20).ToList();
        return null;
    }
}
