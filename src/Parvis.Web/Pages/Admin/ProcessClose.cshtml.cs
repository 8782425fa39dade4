using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Admin;

/// <summary>Closing a process to contributions; contributions left without a fate need an explicit, public reason.</summary>
public sealed class ProcessCloseModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, FateCommands fates) : ParvisPageModel
{
    [BindProperty]
    public bool LeaveWithoutFate { get; set; }

    [BindProperty]
    [StringLength(Process.ClosingNoteMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.ClosingNote")]
    public string? Note { get; set; }

    public Process Process { get; private set; } = default!;
    public FateCount Count { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await fates.CloseProcessAsync(id, LeaveWithoutFate, Note ?? "");
        var field = result.ErrorKey switch
        {
            "Error.ClosingNoteRequired" => nameof(Note),
            "Error.FatesMissing" => nameof(LeaveWithoutFate),
            _ => "",
        };
        return After(result, "Closing.Closed", $"/processes/{Process.Slug}", field);
    }

    public async Task<IActionResult> OnPostReopenAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        return After(await fates.ReopenProcessAsync(id), "Closing.Reopened", $"/processes/{Process.Slug}");
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var process = await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.OrganisationId == organisation.Id);
        if (process is null)
        {
            return NotFound();
        }
        if (Denied(await authorizer.DecideAsync(Permission.EditProcess, process)) is { } denied)
        {
            return denied;
        }
        Process = process;
        Count = await fates.CountAsync(process);
        return null;
    }
}
