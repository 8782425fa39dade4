using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Shared;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Pages.Admin;

/// <summary>A moderator hides a contribution (or restores it) with a reason that goes to the public log.</summary>
public sealed class ModerateModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, Moderation moderation)
    : ParvisPageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(ModerationDecision.ReasonMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.ModerationReason")]
    public string Reason { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public Contribution Contribution { get; private set; } = default!;
    public string Excerpt { get; private set; } = "";
    public string Language { get; private set; } = "";
    public IReadOnlyList<ContributionFlag> Flags { get; private set; } = [];

    /// <summary>The author's contest of the hiding, waiting for a moderator other than the one who hid it.</summary>
    public ModerationAppeal? Appeal { get; private set; }

    public async Task<IActionResult> OnPostAppealAsync(Guid id, bool grant)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        if (Appeal is null)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await moderation.DecideAppealAsync(Appeal.Id, grant, Reason);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }
        if (!result.Succeeded)
        {
            return Page();
        }
        Flash(grant ? "Appeal.GrantedDone" : "Appeal.RejectedDone");
        return LocalRedirect(LocalAddresses.Or(ReturnUrl, "/admin"));
    }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, ModerationAction action)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await moderation.DecideAsync(id, action, Reason);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }
        if (!result.Succeeded)
        {
            return Page();
        }
        Flash(action == ModerationAction.Hide ? "Moderation.HiddenDone" : "Moderation.RestoredDone");
        return LocalRedirect(LocalAddresses.Or(ReturnUrl, "/admin"));
    }

    public async Task<IActionResult> OnPostDismissAsync(Guid id)
    {
        var result = await moderation.DismissFlagsAsync(id);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }
        Flash("Moderation.DismissedDone");
        return LocalRedirect("/admin");
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var contribution = await db.Contributions.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == id && c.OrganisationId == organisation.Id && c.ErasedAt == null);
        var process = contribution is null ? null : await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.Id == contribution.ProcessId);
        if (contribution is null || process is null)
        {
            return NotFound();
        }
        var decision = await authorizer.DecideAsync(Permission.Moderate, process);
        if (Denied(decision) is { } denied)
        {
            return denied;
        }
        Contribution = contribution;
        Excerpt = contribution.Excerpt;
        Language = contribution.Language;
        Flags = await db.ContributionFlags.AsNoTracking().Where(r => r.ContributionId == id && r.ResolvedAt == null)
            .OrderBy(r => r.CreatedAt).ToListAsync();
        Appeal = await moderation.PendingAppealAsync(id);
        return null;
    }
}
