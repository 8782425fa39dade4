using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;

namespace Parvis.Web.Modules.Petitions.Pages;

/// <summary>Writing a petition: its text, its demands one per line, and the other members of its promoter committee.</summary>
public sealed class NewModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, PetitionCommands petitions)
    : PetitionsPage(db, organisation)
{
    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Petition.TitleMax, MinimumLength = 5, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.PetitionTitle")]
    public string Title { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Petition.TextMax, MinimumLength = 20, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.PetitionText")]
    public string Body { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.PetitionDemands")]
    public string Demands { get; set; } = "";

    [BindProperty]
    [Display(Name = "Field.PetitionCommittee")]
    public string? Committee { get; set; }

    public Decision Writing { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (!await LoadAsync(slug))
        {
            return NotFound();
        }
        return Denied(Writing) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug)
    {
        if (!await LoadAsync(slug))
        {
            return NotFound();
        }
        if (Denied(Writing) is { } denied)
        {
            return denied;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var (result, unknown) = await petitions.WriteAsync(Process.Id, new PetitionDraft(Title, Body, Lines(Demands), Lines(Committee ?? "")));
        if (unknown.Count > 0)
        {
            ModelState.AddModelError(nameof(Committee), Text["Petitions.CommitteeUnknown", string.Join(", ", unknown)]);
            return Page();
        }
        var field = result.ErrorKey switch
        {
            "Petitions.TitleLength" => nameof(Title),
            "Petitions.TextLength" => nameof(Body),
            "Petitions.DemandCount" or "Petitions.DemandLength" => nameof(Demands),
            "Petitions.CommitteeTooSmall" or "Petitions.CommitteeTooLarge" => nameof(Committee),
            _ => "",
        };
        if (result.ErrorKey == "Petitions.CommitteeTooSmall")
        {
            ModelState.AddModelError(field, Text[result.ErrorKey, Rules.CommitteeMinimum]);
            return Page();
        }
        return After(result, "Petitions.Written", result.Id is { } id ? $"/petitions/{id}" : ListAddress, field);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private async Task<bool> LoadAsync(string slug)
    {
        if (!await LoadProcessAsync(slug))
        {
            return false;
        }
        Writing = await authorizer.DecideAsync(PetitionsPermissions.Write, Process);
        return true;
    }
}
