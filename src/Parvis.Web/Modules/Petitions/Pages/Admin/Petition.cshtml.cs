using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Petitions.Pages.Admin;

/// <summary>A counted sheet as listed, without its scan's bytes.</summary>
public sealed record SheetLine(Guid Id, int Number, int Signatures, DateTimeOffset EnteredAt, bool HasScan);

/// <summary>
/// One petition for staff: the admissibility check once its committee is complete, the paper sheets counted while it
/// is open to signatures, and the council's answer, demand by demand, with what happens next.
/// </summary>
public sealed class PetitionModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, PetitionCommands petitions, TimeProvider clock)
    : ParvisPageModel, IProcessPage
{
    [BindProperty]
    [StringLength(Petition.ReasonMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.RefusalReason")]
    public string? Reason { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [Range(1, 100_000, ErrorMessage = "Validation.Range")]
    [Display(Name = "Field.SheetNumber")]
    public int? SheetNumber { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [Range(1, SignatureSheet.MostSignatures, ErrorMessage = "Validation.Range")]
    [Display(Name = "Field.SheetSignatures")]
    public int? SheetSignatures { get; set; }

    /// <summary>The sheet's scan, if staff keep one.</summary>
    [BindProperty]
    [Display(Name = "Field.SheetScan")]
    public IFormFile? Scan { get; set; }

    /// <summary>The answer to each demand, in the demands' order.</summary>
    [BindProperty]
    public List<string?> Answers { get; set; } = [];

    /// <summary>The demands the answer takes up as actions.</summary>
    [BindProperty]
    public List<Guid> Actions { get; set; } = [];

    [BindProperty]
    [StringLength(Petition.TextMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.NextSteps")]
    public string? NextSteps { get; set; }

    public Petition Petition { get; private set; } = default!;
    public Process Process { get; private set; } = default!;
    public IReadOnlyList<PetitionDemand> Demands { get; private set; } = [];
    public IReadOnlyList<SheetLine> Sheets { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public bool Open => !Hidden && Petition.Stage is PetitionStage.Signing or PetitionStage.AwaitingAnswer;

    /// <summary>Hidden by moderation: every command refuses it until an appeal restores it, so no form is offered.</summary>
    public bool Hidden => Petition.HiddenAt is not null;

    public string Address => $"/admin/petitions/{Petition.Id}";

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        SheetNumber = Sheets.Count == 0 ? 1 : Sheets.Max(s => s.Number) + 1;
        return Page();
    }

    public async Task<IActionResult> OnPostReviewAsync(Guid id, bool admissible)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        KeepOnly(nameof(Reason));
        if (!ModelState.IsValid)
        {
            return Page();
        }
        return After(await petitions.ReviewAsync(id, admissible, Reason ?? ""), admissible ? "Petitions.Admitted" : "Petitions.Refused", Address, nameof(Reason));
    }

    public async Task<IActionResult> OnPostSheetAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        KeepOnly(nameof(SheetNumber), nameof(SheetSignatures), nameof(Scan));
        var scan = Scan is { Length: > 0 } file ? ReadUpload(file.OpenReadStream(), nameof(Scan), SignatureSheet.ScanMax) : null;
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await petitions.AddSheetAsync(id, SheetNumber!.Value, SheetSignatures!.Value, scan);
        var field = result.ErrorKey switch
        {
            "Petitions.SheetNumber" or "Petitions.SheetTaken" => nameof(SheetNumber),
            "Petitions.ScanType" => nameof(Scan),
            _ => nameof(SheetSignatures),
        };
        return After(result, "Petitions.SheetCounted", Address, field);
    }

    /// <summary>A sheet's scan, for staff only: it bears the signatories' names.</summary>
    public async Task<IActionResult> OnGetScanAsync(Guid id, Guid sheetId)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        var sheet = await db.SignatureSheets.AsNoTracking().Where(s => s.Id == sheetId && s.PetitionId == id && s.Scan != null)
            .Select(s => new { s.Number, s.Scan, s.ScanType }).FirstOrDefaultAsync();
        return sheet is null ? NotFound()
            : File(sheet.Scan!, sheet.ScanType!, $"feuille-{sheet.Number}{(sheet.ScanType == Kernel.Text.Uploads.Pdf ? ".pdf" : sheet.ScanType == Kernel.Text.Uploads.Png ? ".png" : ".jpg")}");
    }

    public async Task<IActionResult> OnPostAnswerAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        KeepOnly(nameof(Answers), nameof(Actions), nameof(NextSteps));
        for (var i = 0; i < Demands.Count; i++)
        {
            var answer = i < Answers.Count ? Answers[i]?.Trim() ?? "" : "";
            if (answer.Length == 0)
            {
                ModelState.AddModelError($"{nameof(Answers)}[{i}]", Text["Validation.Required"]);
            }
            else if (answer.Length > PetitionDemand.AnswerMax)
            {
                ModelState.AddModelError($"{nameof(Answers)}[{i}]", Text["Petitions.AnswerLength"]);
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var answers = Demands.Select((d, i) => new DemandAnswer(d.Id, Answers[i] ?? "", Actions.Contains(d.Id))).ToList();
        var result = await petitions.AnswerAsync(id, new PetitionAnswer(answers, NextSteps ?? ""));
        return After(result, "Petitions.Answered", $"/petitions/{id}", nameof(NextSteps));
    }

    /// <summary>The error next to one demand's answer, if any.</summary>
    public string? AnswerError(int index) =>
        ModelState.TryGetValue($"{nameof(Answers)}[{index}]", out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        if (await db.PetitionWithProcess(id, organisation.Id, published: false) is not ({ } petition, { } process, { Enabled: true }))
        {
            return NotFound();
        }
        (Petition, Process) = (petition, process);
        if (Denied(await authorizer.DecideAsync(PetitionsPermissions.Manage, process)) is { } denied)
        {
            return denied;
        }
        Demands = await db.PetitionDemands.AsNoTracking().Where(d => d.PetitionId == id).OrderBy(d => d.Number).ToListAsync();
        Sheets = await db.SignatureSheets.AsNoTracking().Where(s => s.PetitionId == id).OrderBy(s => s.Number)
            .Select(s => new SheetLine(s.Id, s.Number, s.Signatures, s.EnteredAt, s.Scan != null)).ToListAsync();
        Today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        return null;
    }
}
