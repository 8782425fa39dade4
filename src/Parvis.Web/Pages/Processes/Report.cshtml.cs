using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Accountability.Report;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Setup;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Processes;

/// <summary>The council's report on the process, as a printable page, an editable DOCX and a PDF, all from one document.</summary>
public sealed class ReportModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, ReportBuilder builder) : ParvisPageModel
{
    public Process Process { get; private set; } = default!;
    public ReportDocument Report { get; private set; } = default!;
    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug) => await LoadAsync(slug) ? Page() : NotFound();

    public async Task<IActionResult> OnGetDocxAsync(string slug) =>
        await LoadAsync(slug) ? await DownloadAsync(Report, Text["CouncilReport.Contents"], FileName, "docx") : NotFound();

    public async Task<IActionResult> OnGetPdfAsync(string slug) =>
        await LoadAsync(slug) ? await DownloadAsync(Report, Text["CouncilReport.Contents"], FileName, "pdf") : NotFound();

    private string FileName => $"{Slugs.From(Process.Title, 60)}-{DateTime.Today:yyyy-MM-dd}";

    private async Task<bool> LoadAsync(string slug)
    {
        var process = await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.OrganisationId == organisation.Id && p.Slug == slug && p.Published);
        if (process is null)
        {
            return false;
        }
        Process = process;
        CanEdit = await authorizer.CanAsync(Permission.EditProcess, process);
        Report = await builder.BuildAsync(process);
        return true;
    }
}
