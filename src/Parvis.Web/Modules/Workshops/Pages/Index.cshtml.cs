using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Modules.Workshops.Pages;

/// <summary>A process's workshops; staff create one from a template.</summary>
public sealed class IndexModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, WorkshopCommands workshops) : ParvisPageModel, IProcessPage
{
    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Workshop.TitleMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.WorkshopTitle")]
    public string Title { get; set; } = "";

    [BindProperty]
    [Display(Name = "Field.WorkshopTemplate")]
    public string Template { get; set; } = WorkshopTemplates.Keys[0];

    [BindProperty]
    [CalendarDate]
    [Display(Name = "Field.WorkshopStartsAt")]
    public DateTime? StartsAt { get; set; }

    [BindProperty]
    [StringLength(Workshop.PlaceMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.WorkshopPlace")]
    public string? Place { get; set; }

    public Process Process { get; private set; } = default!;
    public IReadOnlyList<Workshop> Workshops { get; private set; } = [];
    public bool CanManage { get; private set; }

    public IReadOnlyList<SelectListItem> Templates =>
        WorkshopTemplates.Keys.Select(k => new SelectListItem(WorkshopTemplates.Load(k).Name.Current, k)).ToList();

    public async Task<IActionResult> OnGetAsync(string slug) => await LoadAsync(slug) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string slug)
    {
        if (!await LoadAsync(slug))
        {
            return NotFound();
        }
        if (Denied(await authorizer.DecideAsync(WorkshopsPermissions.Manage, Process)) is { } denied)
        {
            return denied;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var startsAt = LocalTime.ToOffset(StartsAt);
        var result = await workshops.CreateAsync(Process.Id, new WorkshopDraft(Title, "", Place ?? "", startsAt), Template);
        return After(result, "Workshops.Created", $"/workshops/{result.Id}/edit", nameof(Template));
    }

    private async Task<bool> LoadAsync(string slug)
    {
        var process = await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.Slug == slug && p.OrganisationId == organisation.Id && p.Published);
        if (process is null)
        {
            return false;
        }
        Process = process;
        Workshops = await db.Workshops.AsNoTracking().Where(w => w.ProcessId == process.Id)
            .OrderBy(w => w.StartsAt).ThenBy(w => w.Title).ToListAsync();
        CanManage = await authorizer.CanAsync(WorkshopsPermissions.Manage, process);
        return true;
    }
}
