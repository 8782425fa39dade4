using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Pages.Admin;

/// <summary>Adds a phase to a process (no phase id) or edits one: dates and what participants may do.</summary>
public sealed class PhaseEditModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, ProcessCommands commands, ModuleCatalog modules)
    : ParvisPageModel
{
    [BindProperty]
    public PhaseInput Input { get; set; } = new();

    [BindProperty]
    public ChangeReasonInput Change { get; set; } = new();

    public Process Process { get; private set; } = default!;

    public ModuleCatalog Modules => modules;

    public async Task<IActionResult> OnGetAsync(Guid processId, Guid? phaseId)
    {
        if (await LoadAsync(processId) is { } early)
        {
            return early;
        }
        if (phaseId is not null)
        {
            if (Process.Phases.FirstOrDefault(p => p.Id == phaseId) is not { } phase)
            {
                return NotFound();
            }
            Input = new PhaseInput
            {
                Title = phase.Title, Description = phase.Description, StartsOn = phase.StartsOn, EndsOn = phase.EndsOn,
                Switches = [.. phase.Switches],
            };
        }
        else
        {
            var start = Process.Phases.Count == 0 ? authorizer.Today() : Process.Phases.Max(p => p.EndsOn).AddDays(1);
            Input = new PhaseInput { StartsOn = start, EndsOn = start.AddDays(30) };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid processId, Guid? phaseId)
    {
        if (await LoadAsync(processId) is { } early)
        {
            return early;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await commands.SavePhaseAsync(processId, phaseId, Input.ToDraft(), Change);
        if (Refusal(result, result.ErrorKey == "Error.PhaseDates" ? "Input.EndsOn" : JournalFields.Of(result.ErrorKey) ?? "") is { } refusal)
        {
            return refusal;
        }
        if (!result.Succeeded)
        {
            return Page();
        }
        Flash("Admin.PhaseSaved");
        return Redirect($"/admin/processes/edit/{processId}#phases");
    }

    private async Task<IActionResult?> LoadAsync(Guid processId)
    {
        var process = await db.Processes.AsNoTracking()
            .FirstOrDefaultAsync(p => p.Id == processId && p.OrganisationId == organisation.Id);
        if (process is null)
        {
            return NotFound();
        }
        Process = process;
        var decision = await authorizer.DecideAsync(Permission.EditProcess, process);
        return Denied(decision);
    }
}

public sealed class PhaseInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Phase.TitleMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.PhaseTitle")]
    public string Title { get; set; } = "";

    [StringLength(Phase.DescriptionMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Description")]
    public string? Description { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [CalendarDate]
    [Display(Name = "Field.StartsOn")]
    public DateOnly? StartsOn { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [CalendarDate]
    [Display(Name = "Field.EndsOn")]
    public DateOnly? EndsOn { get; set; }

    /// <summary>The modules' switches ticked ("proposals.proposing").</summary>
    public List<string> Switches { get; set; } = [];

    public PhaseDraft ToDraft() => new(Title, Description ?? "", StartsOn!.Value, EndsOn!.Value, Switches);
}
