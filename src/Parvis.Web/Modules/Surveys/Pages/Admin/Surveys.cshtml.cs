using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Surveys.Pages.Admin;

/// <summary>The surveys of a process for staff: drafts, open and closed, and a new one by its title.</summary>
public sealed class SurveysModel(ParvisDbContext db, ProcessAccess processes, Authorizer authorizer, SurveyCommands surveys) : ParvisPageModel, IProcessPage
{
    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Survey.TitleMax, MinimumLength = 3, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.SurveyTitle")]
    public string Title { get; set; } = "";

    public Process Process { get; private set; } = default!;
    public IReadOnlyList<Survey> Surveys { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid processId) => await LoadAsync(processId) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid processId)
    {
        if (await LoadAsync(processId) is { } early)
        {
            return early;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await surveys.CreateAsync(processId, Title);
        return After(result, "Surveys.Created", result.Id is { } id ? $"/admin/surveys/{id}" : Request.Path.Value!, nameof(Title));
    }

    private async Task<IActionResult?> LoadAsync(Guid processId)
    {
        // As the module's commands find it: a draft for staff preparing it, nothing when the process does not use the module.
        if (await processes.FindAsync(processId, SurveysModule.Key) is not { } process)
        {
            return NotFound();
        }
        Process = process;
        if (Denied(await authorizer.DecideAsync(SurveysPermissions.Manage, process)) is { } denied)
        {
            return denied;
        }
        Surveys = await db.Surveys.AsNoTracking().Where(s => s.ProcessId == processId).OrderBy(s => s.CreatedAt).ToListAsync();
        return null;
    }
}
