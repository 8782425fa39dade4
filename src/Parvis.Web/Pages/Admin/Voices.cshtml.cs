using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Admin;

/// <summary>The accounts verified as speaking for an organisation, and the form that verifies one (found by pseudonym).</summary>
public sealed class VoicesModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, OrganisationCommands commands) : ParvisPageModel
{
    public sealed record Line(Guid PersonId, string Pseudonym, OrganisationVoice Voice);

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(PersonRules.PseudonymMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Pseudonym")]
    public string Pseudonym { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(OrganisationVoice.NameMax, MinimumLength = 2, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.VoiceName")]
    public string VoiceName { get; set; } = "";

    [BindProperty]
    public VoiceKind Kind { get; set; } = VoiceKind.Association;

    [BindProperty]
    [StringLength(OrganisationVoice.InterestsMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.VoiceInterests")]
    public string? Interests { get; set; }

    public IReadOnlyList<Line> Lines { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostVerifyAsync()
    {
        if (await LoadAsync() is { } denied)
        {
            return denied;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await commands.VerifyVoiceAsync(Pseudonym, VoiceName, Kind, Interests ?? "");
        return After(result, "Admin.VoiceVerified", "/admin/voices", result.ErrorKey switch
        {
            "Error.UnknownPseudonym" => nameof(Pseudonym),
            "Error.VoiceName" => nameof(VoiceName),
            "Error.VoiceInterests" => nameof(Interests),
            "Error.VoiceKind" => nameof(Kind),
            _ => "",
        });
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid personId, bool confirmed)
    {
        if (Unconfirmed(confirmed, "/admin/voices") is { } unconfirmed)
        {
            return unconfirmed;
        }
        ModelState.Clear();
        var result = await commands.WithdrawVoiceAsync(personId);
        return Refusal(result) ?? (result.Succeeded ? After(result, "Admin.VoiceWithdrawn", "/admin/voices") : await LoadAsync() ?? Page());
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (Denied(await authorizer.DecideAsync(Permission.ManageRoles)) is { } denied)
        {
            return denied;
        }
        Lines = await db.OrganisationVoices.AsNoTracking().Where(v => v.OrganisationId == organisation.Id).OrderBy(v => v.Name)
            .Join(db.Users, v => v.PersonId, p => p.Id, (v, p) => new Line(p.Id, p.Pseudonym, v)).ToListAsync();
        return null;
    }
}
