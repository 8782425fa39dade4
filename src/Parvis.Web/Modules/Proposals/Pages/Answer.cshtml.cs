using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Proposals.Pages;

/// <summary>The official answer: a status and a public text, given by the process' staff.</summary>
public sealed class AnswerModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, ProposalCommands commands)
    : ParvisPageModel, IProcessPage
{
    public Process? Process { get; private set; }

    [BindProperty]
    public ProposalStatus Status { get; set; } = ProposalStatus.UnderReview;

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Proposal.AnswerMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Answer")]
    public string Answer { get; set; } = "";

    [BindProperty]
    public Guid? MergedIntoId { get; set; }

    public Proposal Proposal { get; private set; } = default!;
    public IReadOnlyList<(Guid Id, string Title)> Others { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        Status = Proposal.Status == ProposalStatus.Published ? ProposalStatus.UnderReview : Proposal.Status;
        Answer = Proposal.Answer ?? "";
        MergedIntoId = Proposal.MergedIntoId;
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
        var result = await commands.AnswerAsync(id, new OfficialAnswer(Status, Answer, MergedIntoId));
        if (Refusal(result, result.ErrorKey == "Error.MergeTarget" ? nameof(MergedIntoId) : "") is { } refusal)
        {
            return refusal;
        }
        if (!result.Succeeded)
        {
            return Page();
        }
        Flash("Proposals.Answered");
        return Redirect($"/proposals/{id}");
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var proposal = await db.Proposals.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.OrganisationId == organisation.Id && p.ErasedAt == null);
        var process = proposal is null ? null : await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.Id == proposal.ProcessId);
        if (proposal is null || process is null)
        {
            return NotFound();
        }
        var decision = await authorizer.DecideAsync(ProposalsPermissions.Answer, process);
        if (Denied(decision) is { } denied)
        {
            return denied;
        }
        Proposal = proposal;
        Process = process;
        Others = (await db.Proposals.AsNoTracking()
                .Where(p => p.ProcessId == proposal.ProcessId && p.Id != id && p.HiddenAt == null && p.ErasedAt == null)
                .OrderBy(p => p.Title).Select(p => new { p.Id, p.Title }).ToListAsync())
            .Select(p => (p.Id, p.Title)).ToList();
        return null;
    }
}
