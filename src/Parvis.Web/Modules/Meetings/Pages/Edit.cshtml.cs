using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Modules.Meetings.Pages;

public sealed class SiteRow
{
    public Guid? Id { get; set; }

    [StringLength(MeetingSite.NameMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.SiteName")]
    public string? Name { get; set; }

    [StringLength(MeetingSite.AddressMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.SiteAddress")]
    public string? Address { get; set; }

    public List<SiteAccess> Access { get; set; } = [];

    [StringLength(MeetingSite.AccessNotesMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.SiteAccessNotes")]
    public string? AccessNotes { get; set; }

    [Range(1, 100_000, ErrorMessage = "Meetings.CapacityInvalid")]
    [Display(Name = "Field.SiteCapacity")]
    public int? Capacity { get; set; }

    [Display(Name = "Field.SiteFacilitator")]
    public Guid? FacilitatorId { get; set; }

    [StringLength(60, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.SitePlace")]
    public string? Place { get; set; }
}

/// <summary>
/// Sets a meeting's details and its sites. A blank row is dropped (removing a site nobody registered for)
/// and blank rows are offered to add more, so the page needs no JavaScript.
/// </summary>
public sealed class EditModel(ParvisDbContext database, CurrentOrganisation current, ProcessAccess processes, Authorizer authorizer, MeetingCommands meetings)
    : MeetingPage(database, current, processes)
{
    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Meeting.TitleMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.MeetingTitle")]
    public string Title { get; set; } = "";

    [BindProperty]
    [StringLength(Meeting.DescriptionMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.MeetingDescription")]
    public string? Description { get; set; }

    [BindProperty]
    [Display(Name = "Field.MeetingMode")]
    public MeetingMode Mode { get; set; }

    [BindProperty]
    [StringLength(Meeting.LinkMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.MeetingLink")]
    public string? OnlineLink { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [CalendarDate]
    [Display(Name = "Field.MeetingStartsAt")]
    public DateTime? StartsAt { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [CalendarDate]
    [Display(Name = "Field.MeetingEndsAt")]
    public DateTime? EndsAt { get; set; }

    [BindProperty]
    [StringLength(Meeting.AgendaMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.MeetingAgenda")]
    public string? Agenda { get; set; }

    [BindProperty]
    public bool Registration { get; set; }

    [BindProperty]
    public List<SiteRow> Rows { get; set; } = [];

    public IReadOnlyList<SelectListItem> Modes =>
        Enum.GetValues<MeetingMode>().Select(m => new SelectListItem(Text["MeetingMode." + m], m.ToString())).ToList();

    public static IReadOnlyList<SiteAccess> AccessOptions { get; } = Enum.GetValues<SiteAccess>().Where(a => a != SiteAccess.None).ToList();

    public IReadOnlyList<SelectListItem> Facilitators { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        Title = Meeting.Title;
        Description = Meeting.Description;
        Mode = Meeting.Mode;
        OnlineLink = Meeting.OnlineLink;
        StartsAt = Meeting.StartsAt.ToLocalTime().DateTime;
        EndsAt = Meeting.EndsAt.ToLocalTime().DateTime;
        Agenda = Meeting.Agenda;
        Registration = Meeting.Registration;
        Rows = Sites.Select(s => new SiteRow
        {
            Id = s.Id, Name = s.Name, Address = s.Address, AccessNotes = s.AccessNotes, Capacity = s.Capacity, FacilitatorId = s.FacilitatorId,
            Place = s.Place?.ToString(), Access = AccessOptions.Where(a => s.Access.HasFlag(a)).ToList(),
        }).ToList();
        Rows.Add(new SiteRow());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        for (var i = 0; i < Rows.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(Rows[i].Place) && !Kernel.Text.GeoPoint.TryParse(Rows[i].Place, out _))
            {
                ModelState.AddModelError($"Rows[{i}].Place", Text["Meetings.PlaceInvalid"]);
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var draft = new MeetingDraft(Title, Description ?? "", Mode, OnlineLink, LocalTime.ToOffset(StartsAt!.Value), LocalTime.ToOffset(EndsAt!.Value),
            Agenda ?? "", Registration);
        var sites = Rows.Where(s => !string.IsNullOrWhiteSpace(s.Name))
            .Select(s => new SiteDraft(s.Id, s.Name!, s.Address ?? "", s.Access.Aggregate(SiteAccess.None, (all, a) => all | a), s.AccessNotes ?? "",
                s.Capacity, s.FacilitatorId, Kernel.Text.GeoPoint.TryParse(s.Place, out var place) ? place : null))
            .ToList();
        var result = await meetings.UpdateAsync(id, draft, sites);
        return After(result, "Meetings.Saved", $"/meetings/{id}", ErrorField(result.ErrorKey));
    }

    /// <summary>Puts a refusal next to the field it is about.</summary>
    private static string ErrorField(string? key) => key switch
    {
        "Meetings.EndsBeforeStart" => nameof(EndsAt),
        "Meetings.LinkInvalid" => nameof(OnlineLink),
        _ => "",
    };

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        if (!await LoadMeetingAsync(id))
        {
            return NotFound();
        }
        if (Denied(await authorizer.DecideAsync(MeetingsPermissions.Manage, Process, Component.Id)) is { } denied)
        {
            return denied;
        }
        Facilitators = await RoleHolders.ChoicesAsync(Db, Organisation.Id, Process.Id, Role.Facilitator, Text["Meetings.NoFacilitator"]);
        return null;
    }
}
