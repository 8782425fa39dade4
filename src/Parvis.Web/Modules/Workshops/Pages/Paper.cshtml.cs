using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Text;

namespace Parvis.Web.Modules.Workshops.Pages;

/// <summary>
/// Typing in the paper forms: the spreadsheet template (CSV or XLSX), the workshop's items in the same
/// format, and the import: a file is checked first and shown line by line (errors with their line
/// number, nothing saved), then imported whole on confirmation.
/// </summary>
public sealed class PaperModel(ParvisDbContext database, CurrentOrganisation current, Authorizer authorizer, WorkshopCommands workshops)
    : WorkshopPage(database, current)
{
    [BindProperty]
    [Display(Name = "Paper.File")]
    public IFormFile? Upload { get; set; }

    /// <summary>The checked rows carried from the preview to the import as CSV in base64 (checked again there).</summary>
    [BindProperty]
    public string? CheckedRows { get; set; }

    public IReadOnlyList<PaperLine> Preview { get; private set; } = [];
    public IReadOnlyList<PaperError> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnGetTemplateAsync(Guid id, string format) =>
        await LoadAsync(id) ?? Download([PaperSheet.Header], format, "template");

    public async Task<IActionResult> OnGetExportAsync(Guid id, string format) =>
        await LoadAsync(id) ?? Download(PaperSheet.Export(Board), format, "items");

    public async Task<IActionResult> OnPostCheckAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), Text["Paper.ChooseFile"]);
            return Page();
        }
        await using var stream = Upload.OpenReadStream();
        if (ReadSheet(stream, nameof(Upload), PaperSheet.Limits) is not { } rows)
        {
            return Page();
        }
        var (result, lines, errors) = await workshops.CheckPaperAsync(id, rows);
        if (!result.Succeeded && result.ErrorKey != "Paper.HasErrors")
        {
            return Refusal(result, nameof(Upload)) ?? Page();
        }
        Preview = lines;
        Errors = errors;
        if (errors.Count > 0)
        {
            ModelState.AddModelError(nameof(Upload), Text["Paper.HasErrors", errors.Count]);
        }
        else
        {
            CheckedRows = Convert.ToBase64String(Spreadsheets.WriteCsv(rows));
            if (CheckedRows.Length > CheckedRowsMax)
            {
                // Written again as CSV, an XLSX may grow past what the import takes back.
                RefuseTooBig();
                CheckedRows = null;
            }
        }
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        // The rows come back from the browser: bounded, then read exactly as an upload.
        if (CheckedRows?.Length > CheckedRowsMax)
        {
            RefuseTooBig();
            return Page();
        }
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(CheckedRows ?? "");
        }
        catch (FormatException)
        {
            bytes = [];
        }
        if (ReadSheet(new MemoryStream(bytes), nameof(Upload), PaperSheet.Limits) is not { } rows)
        {
            return Page();
        }
        var (result, errors) = await workshops.ImportPaperAsync(id, rows);
        if (!result.Succeeded)
        {
            Errors = errors;
            return Refusal(result, nameof(Upload)) ?? Page();
        }
        Flash("Paper.Imported");
        return Redirect($"/workshops/{id}");
    }

    /// <summary>The base64 of the largest file the check takes.</summary>
    private const int CheckedRowsMax = (int)((PaperSheet.MaxBytes + 2) / 3 * 4);

    private void RefuseTooBig() => Refuse(nameof(Upload), new UploadRefusedException(UploadRefusedException.TooBig, PaperSheet.MaxBytes));

    public string Message(PaperError error) => Text["Paper.Line", error.Line, Text[error.Key, error.Value]];

    private FileContentResult Download(IReadOnlyList<IReadOnlyList<string>> rows, string format, string what)
    {
        var name = $"{what}-{Workshop.JoinCode.ToLowerInvariant()}";
        if (format == "xlsx")
        {
            IReadOnlyList<IReadOnlyList<string>> help =
            [
                [Text["Paper.HelpColumn"], Text["Paper.HelpValues"]],
                [PaperSheet.Header[0], string.Join(" | ", Board.Groups.Select(g => g.Name))],
                [PaperSheet.Header[1], string.Join(" | ", PaperSheet.KindWords)],
                [PaperSheet.Header[3], Text["Paper.HelpAttached"]],
                [PaperSheet.Header[4], string.Join(" | ", PaperSheet.StatusWords)],
            ];
            return File(Spreadsheets.WriteXlsx((Text["Paper.SheetName"], rows), (Text["Paper.HelpSheet"], help)), Spreadsheets.XlsxType, $"{name}.xlsx");
        }
        return File(Spreadsheets.WriteCsv(rows), Spreadsheets.CsvType, $"{name}.csv");
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        if (!await LoadBoardAsync(id))
        {
            return NotFound();
        }
        return Denied(await authorizer.DecideAsync(WorkshopsPermissions.Run, Board.Process));
    }
}
