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

namespace Parvis.Web.Modules.Votes.Pages;

/// <summary>
/// A participatory budget's projects, area by area with each area's money and each project's review; participants
/// submit projects here when the phase asks for them, staff add areas.
/// </summary>
public sealed class ProjectsModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, BudgetProjects projects)
    : ParvisPageModel, IProcessPage
{
    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(BudgetProject.TitleMax, MinimumLength = 5, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.ProjectTitle")]
    public string Title { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(BudgetProject.DescriptionMax, MinimumLength = 20, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.ProjectDescription")]
    public string Description { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.ProjectArea")]
    public Guid? AreaId { get; set; }

    public Process Process { get; private set; } = default!;
    public ProcessComponent Component { get; private set; } = default!;

    public Guid? ComponentId => Component?.Id;

    public string Address => $"/processes/{Process.Slug}/projects/{Component.Id}";

    public IReadOnlyList<BudgetArea> Areas { get; private set; } = [];

    public ILookup<Guid, BudgetProject> ByArea { get; private set; } = Array.Empty<BudgetProject>().ToLookup(p => p.AreaId);

    public Decision Submitting { get; private set; }

    public bool CanManage { get; private set; }

    public IReadOnlyList<SelectListItem> AreaChoices => [.. Areas.Select(a => new SelectListItem(a.Name, a.Id.ToString()))];

    public async Task<IActionResult> OnGetAsync(string slug, Guid? componentId) => await LoadAsync(slug, componentId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string slug, Guid? componentId)
    {
        if (!await LoadAsync(slug, componentId))
        {
            return NotFound();
        }
        if (Denied(Submitting) is { } denied)
        {
            return denied;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await projects.SubmitAsync(Process.Id, Component.Id, AreaId!.Value, Title, Description);
        return After(result, "Votes.Project.Submitted", result.Id is { } id ? $"/votes/projects/{id}" : Address,
            result.ErrorKey == "Votes.Project.Area" ? nameof(AreaId) : nameof(Description));
    }

    private async Task<bool> LoadAsync(string slug, Guid? componentId)
    {
        var process = await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.Slug == slug && p.OrganisationId == organisation.Id && p.Published);
        var component = componentId is { } id ? process?.Component(id) : process?.Component(VotesModule.Key);
        if (process is null || component?.Module != VotesModule.Key)
        {
            return false;
        }
        (Process, Component) = (process, component);
        Areas = await db.AreasOf(component.Id);
        // What moderation hid or an author erased is not listed.
        ByArea = (await db.BudgetProjects.AsNoTracking().Where(p => p.ComponentId == component.Id && p.HiddenAt == null && p.ErasedAt == null)
            .OrderBy(p => p.CreatedAt).ToListAsync()).ToLookup(p => p.AreaId);
        Submitting = await authorizer.DecideAsync(VotesPermissions.Submit, process, component.Id);
        CanManage = await authorizer.CanAsync(VotesPermissions.Manage, process, component.Id);
        return true;
    }
}
