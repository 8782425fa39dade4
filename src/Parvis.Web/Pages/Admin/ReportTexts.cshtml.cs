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

/// <summary>The organisation writes the referral, introduction and conclusion of its report before generating it.</summary>
public sealed class ReportTextsModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, ProcessCommands commands) : ParvisPageModel
{
    [BindProperty]
    [StringLength(ProcessReport.TextMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Referral")]
    public string? Referral { get; set; }

    [BindProperty]
    [StringLength(ProcessReport.TextMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Introduction")]
    public string? Introduction { get; set; }

    [BindProperty]
    [StringLength(ProcessReport.TextMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Conclusion")]
    public string? Conclusion { get; set; }

    public Process Process { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        var texts = await db.ProcessReports.AsNoTracking().FirstOrDefaultAsync(r => r.ProcessId == id);
        (Referral, Introduction, Conclusion) = (texts?.Referral, texts?.Introduction, texts?.Conclusion);
        return Page();
    }

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
        var result = await commands.SaveReportTextsAsync(id, Referral ?? "", Introduction ?? "", Conclusion ?? "");
        return After(result, "CouncilReport.TextsSaved", $"/processes/{Process.Slug}/report");
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
        return null;
    }
}
