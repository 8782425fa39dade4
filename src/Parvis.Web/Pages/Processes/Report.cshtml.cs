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
public sealed class ReportModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, ReportBuilder builder, PdfConverter pdf) : ParvisPageModel
{
    public Process Process { get; private set; } = default!;
    public ReportDocument Report { get; private set; } = default!;
    public bool CanEdit { get; private set; }
    public bool PdfAvailable => pdf.Available;

    public async Task<IActionResult> OnGetAsync(string slug) => await LoadAsync(slug) ? Page() : NotFound();

    public async Task<IActionResult> OnGetDocxAsync(string slug) =>
        await LoadAsync(slug)
            ? File(DocxWriter.Write(Report, Text["CouncilReport.Contents"]), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", FileName("docx"))
            : NotFound();

    public async Task<IActionResult> OnGetPdfAsync(string slug)
    {
        if (!await LoadAsync(slug))
        {
            return NotFound();
        }
        var bytes = await pdf.ConvertAsync(DocxWriter.Write(Report, Text["CouncilReport.Contents"]), HttpContext.RequestAborted);
        if (bytes is null)
        {
            ModelState.AddModelError("", Text[pdf.Available ? "CouncilReport.PdfFailed" : "CouncilReport.PdfUnavailable"]);
            return Page();
        }
        return File(bytes, "application/pdf", FileName("pdf"));
    }

    private string FileName(string extension) => $"{Slugs.From(Process.Title, 60)}-{DateTime.Today:yyyy-MM-dd}.{extension}";

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
