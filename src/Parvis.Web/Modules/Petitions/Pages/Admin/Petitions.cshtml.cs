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

public sealed class RulesInput
{
    [Range(1, PetitionCommands.MostCommittee, ErrorMessage = "Validation.Range")]
    [Display(Name = "Field.CommitteeMinimum")]
    public int CommitteeMinimum { get; set; }

    [Range(1, PetitionRules.MostThreshold, ErrorMessage = "Validation.Range")]
    [Display(Name = "Field.PetitionThreshold")]
    public int Threshold { get; set; }

    [Range(1, 730, ErrorMessage = "Validation.Range")]
    [Display(Name = "Field.AnswerDays")]
    public int AnswerDays { get; set; }

    public bool WithoutAccount { get; set; }
}

/// <summary>A petition as staff see it in their list: its stage, its signatures, its due date.</summary>
public sealed record StaffLine(Guid Id, string Title, PetitionStage Stage, int Online, int Paper, DateOnly? AnswerDue, int Sheets, string Language);

/// <summary>
/// The petitions of a process for staff: the rules (committee size, threshold, days to answer), and each petition
/// with its stage, its signatures and its due date, leading to its own page (review, paper sheets, answer).
/// </summary>
public sealed class PetitionsModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, PetitionCommands petitions, TimeProvider clock)
    : ParvisPageModel, IProcessPage
{
    [BindProperty]
    public RulesInput Rules { get; set; } = new();

    public Process Process { get; private set; } = default!;
    public ProcessComponent Component { get; private set; } = default!;
    public Guid? ComponentId => Component?.Id;
    public IReadOnlyList<StaffLine> Petitions { get; private set; } = [];
    public PetitionRules Current { get; private set; } = default!;
    public DateOnly Today { get; private set; }

    public string Address => $"/admin/processes/{Process.Id}/petitions";

    public async Task<IActionResult> OnGetAsync(Guid processId)
    {
        if (await LoadAsync(processId) is { } early)
        {
            return early;
        }
        Rules = new RulesInput { CommitteeMinimum = Current.CommitteeMinimum, Threshold = Current.Threshold, AnswerDays = Current.AnswerDays, WithoutAccount = Current.WithoutAccount };
        return Page();
    }

    /// <summary>Why the rules of a published process change, for its public journal.</summary>
    [BindProperty]
    public ChangeReasonInput Change { get; set; } = new();

    public async Task<IActionResult> OnPostRulesAsync(Guid processId)
    {
        if (await LoadAsync(processId) is { } early)
        {
            return early;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await petitions.SetRulesAsync(processId, Rules.CommitteeMinimum, Rules.Threshold, Rules.AnswerDays, Rules.WithoutAccount, Change);
        return After(result, "Petitions.RulesSaved", Address, JournalFields.Of(result.ErrorKey) ?? "");
    }

    private async Task<IActionResult?> LoadAsync(Guid processId)
    {
        var process = await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.Id == processId && p.OrganisationId == organisation.Id);
        if (process?.Component(PetitionsModule.Key) is not { Enabled: true } component)
        {
            return NotFound();
        }
        (Process, Component) = (process, component);
        if (Denied(await authorizer.DecideAsync(PetitionsPermissions.Manage, process)) is { } denied)
        {
            return denied;
        }
        Current = await db.RulesOf(component.Id);
        Today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var sheets = db.SignatureSheets;
        Petitions = await db.Petitions.AsNoTracking().Where(p => p.ProcessId == processId && p.HiddenAt == null && p.ErasedAt == null)
            .OrderBy(p => p.CreatedAt)
            .Select(p => new StaffLine(p.Id, p.Title, p.Stage, p.OnlineSignatures,
                sheets.Where(s => s.PetitionId == p.Id).Sum(s => (int?)s.Signatures) ?? 0, p.AnswerDue, sheets.Count(s => s.PetitionId == p.Id), p.Language))
            .ToListAsync();
        return null;
    }
}
