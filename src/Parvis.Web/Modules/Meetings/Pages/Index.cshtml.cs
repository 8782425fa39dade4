using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Setup;
using Parvis.Web.Shared;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Modules.Meetings.Pages;

/// <summary>A process's meetings, coming and past, with their calendar; staff create one from a template.</summary>
public sealed class IndexModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, MeetingCommands meetings, TimeProvider clock)
    : ParvisPageModel, IProcessPage
{
    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Meeting.TitleMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.MeetingTitle")]
    public string Title { get; set; } = "";

    [BindProperty]
    [Display(Name = "Field.MeetingTemplate")]
    public string Template { get; set; } = MeetingTemplates.Keys[0];

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [CalendarDate]
    [Display(Name = "Field.MeetingStartsAt")]
    public DateTime? StartsAt { get; set; }

    [BindProperty]
    [Display(Name = "Field.MeetingMode")]
    public MeetingMode Mode { get; set; }

    public Process Process { get; private set; } = default!;
    public ProcessComponent Component { get; private set; } = default!;

    public Guid? ComponentId => Component?.Id;

    public string Address => MeetingsModule.ListAddress(Process, Component.Id);

    public IReadOnlyList<Meeting> Coming { get; private set; } = [];
    public IReadOnlyList<Meeting> Past { get; private set; } = [];
    public bool CanManage { get; private set; }

    public IReadOnlyList<SelectListItem> Templates =>
        MeetingTemplates.Keys.Select(k => new SelectListItem(MeetingTemplates.Load(k).Name.Current, k)).ToList();

    public IReadOnlyList<SelectListItem> Modes =>
        Enum.GetValues<MeetingMode>().Select(m => new SelectListItem(Text["MeetingMode." + m], m.ToString())).ToList();

    public async Task<IActionResult> OnGetAsync(string slug, Guid? componentId) => await LoadAsync(slug, componentId) ? Page() : NotFound();

    /// <summary>Every meeting of the process as one calendar file, to import or subscribe to.</summary>
    public async Task<IActionResult> OnGetCalendarAsync(string slug, Guid? componentId)
    {
        if (!await LoadAsync(slug, componentId))
        {
            return NotFound();
        }
        var bytes = MeetingCalendar.Build(MeetingsModule.About(Process, Component), Coming.Concat(Past), organisation.Link(""), clock.GetUtcNow());
        return File(bytes, MeetingCalendar.ContentType, $"{Process.Slug}{(Component.Title.Length > 0 ? "-" + Slugs.From(Component.Title) : "")}.ics");
    }

    public async Task<IActionResult> OnPostAsync(string slug, Guid? componentId)
    {
        if (!await LoadAsync(slug, componentId))
        {
            return NotFound();
        }
        if (Denied(await authorizer.DecideAsync(MeetingsPermissions.Manage, Process, Component.Id)) is { } denied)
        {
            return denied;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await meetings.CreateAsync(Process.Id, Component.Id, Title, LocalTime.ToOffset(StartsAt!.Value), Mode, Template);
        return After(result, "Meetings.Created", $"/meetings/{result.Id}/edit", nameof(Template));
    }

    private async Task<bool> LoadAsync(string slug, Guid? componentId)
    {
        var process = await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.Slug == slug && p.OrganisationId == organisation.Id && p.Published);
        var component = componentId is { } id ? process?.Component(id) : process?.Component(MeetingsModule.Key);
        if (process is null || component?.Module != MeetingsModule.Key)
        {
            return false;
        }
        (Process, Component) = (process, component);
        var all = await db.Meetings.AsNoTracking().Include(m => m.Sites).Where(m => m.ComponentId == component.Id).ToListAsync();
        var now = clock.GetUtcNow();
        Coming = all.Where(m => m.EndsAt > now).OrderBy(m => m.StartsAt).ToList();
        Past = all.Where(m => m.EndsAt <= now).OrderByDescending(m => m.StartsAt).ToList();
        CanManage = await authorizer.CanAsync(MeetingsPermissions.Manage, process, component.Id);
        return true;
    }
}
