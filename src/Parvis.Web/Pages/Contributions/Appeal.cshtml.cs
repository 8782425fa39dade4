using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Contributions;

/// <summary>
/// The author of a hidden contribution reads why it was hidden and contests it once, with their reason; then reads
/// where their contest stands and what was decided.
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize]
public sealed class AppealModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, Moderation moderation) : ParvisPageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(ModerationAppeal.ReasonMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.AppealReason")]
    public string Reason { get; set; } = "";

    public Contribution Contribution { get; private set; } = default!;

    /// <summary>The decision that hid it, as the public log shows it.</summary>
    public ModerationDecision? Hiding { get; private set; }

    /// <summary>The author's contest of this hiding, if filed; and how it was decided.</summary>
    public ModerationAppeal? Filed { get; private set; }

    public ModerationDecision? Answer { get; private set; }

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
        var result = await moderation.AppealAsync(id, Reason);
        if (Refusal(result, nameof(Reason)) is { } refusal)
        {
            return refusal;
        }
        if (!result.Succeeded)
        {
            return Page();
        }
        Flash("Appeal.FiledDone");
        return Redirect($"/contributions/{id}/appeal");
    }

    /// <summary>Only the author reaches the page, and only for a contribution that was hidden.</summary>
    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var contribution = await db.Contributions.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == id && c.OrganisationId == organisation.Id && c.ErasedAt == null);
        if (contribution is null || contribution.AuthorId is null || contribution.AuthorId != authorizer.PersonId)
        {
            return NotFound();
        }
        Contribution = contribution;
        Hiding = await db.ModerationDecisions.AsNoTracking().Where(d => d.ContributionId == id && d.Action == ModerationAction.Hide)
            .OrderByDescending(d => d.DecidedAt).FirstOrDefaultAsync();
        if (Hiding is null)
        {
            return NotFound();
        }
        Filed = await db.ModerationAppeals.AsNoTracking().FirstOrDefaultAsync(a => a.HidingId == Hiding.Id);
        Answer = Filed?.Outcome is { } outcome
            ? await db.ModerationDecisions.AsNoTracking().Where(d => d.ContributionId == id && d.Action == outcome).OrderByDescending(d => d.DecidedAt).FirstOrDefaultAsync()
            : null;
        return null;
    }
}
