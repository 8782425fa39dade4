using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Admin;

public sealed class OrganisationModel(CurrentOrganisation organisation, Authorizer authorizer, OrganisationCommands commands, Kernel.Data.ParvisDbContext db)
    : ParvisPageModel
{
    [BindProperty]
    public OrganisationInput Input { get; set; } = new();

    /// <summary>Whether a published process is open: a change to the charter then needs a public reason.</summary>
    public bool CharterApplies { get; private set; }

    /// <summary>Why the charter changes, for the journal of each published process it applies to.</summary>
    [BindProperty]
    public ChangeReasonInput Change { get; set; } = new();

    public IEnumerable<SelectListItem> LicenceChoices => Kernel.OpenData.Licences.All.Select(l => new SelectListItem(l.Title, l.Key));

    public async Task<IActionResult> OnGetAsync()
    {
        if (await DeniedAsync() is { } denied)
        {
            return denied;
        }
        FillFromOrganisation();
        return Page();
    }

    /// <summary>Sets the logo shown in the header (the page again, saying why, when the file is refused).</summary>
    public async Task<IActionResult> OnPostLogoAsync(IFormFile? logo)
    {
        if (await DeniedAsync() is { } denied)
        {
            return denied;
        }
        // The settings form's fields were not sent with this one: their absence is no error.
        ModelState.Clear();
        FillFromOrganisation();
        if (logo is null || logo.Length == 0)
        {
            ModelState.AddModelError(LogoField, Text["Error.LogoMissing"]);
            return Page();
        }
        byte[] bytes;
        try
        {
            await using var stream = logo.OpenReadStream();
            bytes = Kernel.Text.Uploads.ReadBytes(stream, OrganisationLogo.BytesMax);
        }
        catch (Kernel.Text.UploadRefusedException)
        {
            ModelState.AddModelError(LogoField, Text["Error.LogoTooBig"]);
            return Page();
        }
        return LogoSaved(await commands.SetLogoAsync(bytes), "Admin.LogoSaved");
    }

    public async Task<IActionResult> OnPostRemoveLogoAsync()
    {
        if (await DeniedAsync() is { } denied)
        {
            return denied;
        }
        ModelState.Clear();
        FillFromOrganisation();
        return LogoSaved(await commands.SetLogoAsync(null), "Admin.LogoRemoved");
    }

    public const string LogoField = "logo";

    private IActionResult LogoSaved(Kernel.Contributions.CommandResult result, string done)
    {
        if (Refusal(result, LogoField) is { } refusal)
        {
            return refusal;
        }
        if (!result.Succeeded)
        {
            return Page();
        }
        Flash(done);
        return Redirect("/admin/organisation");
    }

    private void FillFromOrganisation()
    {
        var current = organisation.Value;
        Input = new OrganisationInput
        {
            Name = current.Name, AccentColour = current.AccentColour, DefaultCulture = current.DefaultCulture, Charter = current.Charter,
            RetentionMonths = current.RetentionMonths, DataLicence = current.DataLicence,
        };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await DeniedAsync() is { } denied)
        {
            return denied;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await commands.UpdateSettingsAsync(new OrganisationSettings(Input.Name, Input.AccentColour, Input.DefaultCulture, Input.Charter ?? "", Input.RetentionMonths,
            Input.DataLicence), Change);
        var field = JournalFields.Of(result.ErrorKey) ?? result.ErrorKey switch
        {
            "Error.AccentContrast" => "Input.AccentColour",
            "Error.Culture" => "Input.DefaultCulture",
            "Error.RetentionMonths" => "Input.RetentionMonths",
            "Error.DataLicence" => "Input.DataLicence",
            _ => "",
        };
        if (Refusal(result, field) is { } refusal)
        {
            return refusal;
        }
        if (!result.Succeeded)
        {
            return Page();
        }
        Flash("Admin.OrganisationSaved");
        return Redirect("/admin/organisation");
    }

    private async Task<IActionResult?> DeniedAsync()
    {
        var decision = await authorizer.DecideAsync(Permission.ManageOrganisation);
        CharterApplies = await db.Processes.AnyAsync(p => p.OrganisationId == organisation.Id && p.Published && p.ClosedAt == null);
        return Denied(decision);
    }
}

public sealed class OrganisationInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(OrganisationRules.NameMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.OrganisationName")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [RegularExpression("^#[0-9a-fA-F]{6}$", ErrorMessage = "Validation.Colour")]
    [Display(Name = "Field.AccentColour")]
    public string AccentColour { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.DefaultCulture")]
    public string DefaultCulture { get; set; } = "fr";

    [StringLength(OrganisationRules.CharterMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Charter")]
    public string? Charter { get; set; }

    [Range(Organisation.RetentionMonthsMin, Organisation.RetentionMonthsMax, ErrorMessage = "Error.RetentionMonths")]
    [Display(Name = "Field.RetentionMonths")]
    public int RetentionMonths { get; set; } = Organisation.DefaultRetentionMonths;

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.DataLicence")]
    public string DataLicence { get; set; } = Kernel.OpenData.Licences.Default;
}
