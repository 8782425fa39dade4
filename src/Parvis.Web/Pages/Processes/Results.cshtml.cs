using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Text;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Processes;

/// <summary>
/// Results so far: each recommendation and action with its status, progress, who carries it and its
/// latest update. Analysts download the list as CSV, fill it in and import it back in bulk.
/// </summary>
public sealed class ResultsModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, ResultCommands results) : ParvisPageModel
{
    public sealed record Line(SynthesisItem Item, string? LastUpdate, int Contributions);

    public Process Process { get; private set; } = default!;
    public IReadOnlyList<Line> Lines { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public IReadOnlyList<string> FileErrors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug) => await LoadAsync(slug) ? Page() : NotFound();

    /// <summary>The current results with each item's id: the template for a bulk update.</summary>
    public async Task<IActionResult> OnGetExportAsync(string slug)
    {
        if (!await LoadAsync(slug))
        {
            return NotFound();
        }
        var lines = Lines.Select(line => (IReadOnlyList<string>)
        [
            line.Item.Id.ToString(), line.Item.Title, line.Item.Status.ToString(), line.Item.Progress.ToString(CultureInfo.InvariantCulture),
            line.Item.ResponsibleBody, line.Item.LastUpdateOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", "",
        ]);
        return File(Spreadsheets.WriteCsv([ResultCommands.CsvColumns, .. lines], ","), Spreadsheets.CsvType, $"{Process.Slug}-results.csv");
    }

    public async Task<IActionResult> OnPostImportAsync(string slug, IFormFile? file)
    {
        if (!await LoadAsync(slug))
        {
            return NotFound();
        }
        if (Denied(await authorizer.DecideAsync(Permission.Analyse, Process)) is { } denied)
        {
            return denied;
        }
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", Text["Error.ResultsFileMissing"]);
            return Page();
        }
        await using var stream = file.OpenReadStream();
        if (ReadSheet(stream, "file", ResultCommands.Limits) is not { } rows)
        {
            return Page();
        }
        var (result, errors, applied) = await results.ImportAsync(Process.Id, rows);
        if (Refusal(result, "file") is { } refusal)
        {
            return refusal;
        }
        if (!result.Succeeded)
        {
            FileErrors = errors.Select(e => Text["Frameworks.LineError", e.Line, Text[e.ErrorKey]].Value).ToList();
            return Page();
        }
        Flash("Results.Imported", applied);
        return Redirect($"/processes/{slug}/results");
    }

    private async Task<bool> LoadAsync(string slug)
    {
        var process = await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.OrganisationId == organisation.Id && p.Slug == slug && p.Published);
        if (process is null)
        {
            return false;
        }
        Process = process;
        CanEdit = await authorizer.CanAsync(Permission.Analyse, process);
        Lines = await db.SynthesisItems.AsNoTracking()
            .Where(i => i.ProcessId == process.Id && (i.Kind == SynthesisItemKind.Recommendation || i.Kind == SynthesisItemKind.Action))
            .OrderBy(i => i.Kind).ThenBy(i => i.Position)
            .Select(i => new Line(i,
                db.ResultUpdates.Where(u => u.SynthesisItemId == i.Id).OrderByDescending(u => u.On).ThenByDescending(u => u.RecordedAt).Select(u => u.Text).FirstOrDefault(),
                db.SynthesisLinks.Count(l => l.SynthesisItemId == i.Id)))
            .ToListAsync();
        return true;
    }
}
