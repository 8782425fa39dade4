using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages;

/// <summary>Flagging any contribution to the moderators, whatever module it belongs to.</summary>
[Authorize]
public sealed class FlagModel(ParvisDbContext db, CurrentOrganisation organisation, Moderation moderation, IEnumerable<IContributionSource> sources)
    : ParvisPageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(ContributionFlag.ReasonMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.FlagReason")]
    public string Reason { get; set; } = "";

    public Contribution Contribution { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await moderation.FlagAsync(id, Reason);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }
        if (!result.Succeeded)
        {
            return Page();
        }
        Flash("Flag.Done");
        // Back where the contribution is read.
        return LocalRedirect(Contribution.Address);
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var contribution = await ShownContributions.Of(db, sources).AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.OrganisationId == organisation.Id);
        Contribution = contribution!;
        return contribution is not null;
    }
}
