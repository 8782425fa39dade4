using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Shared;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Pages.Frameworks;

/// <summary>An organisation adds its own framework from a CSV file (code, label_fr, optional label_en).</summary>
public sealed class ImportModel(Authorizer authorizer, GridCommands grids) : ParvisPageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Framework.NameMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.FrameworkName")]
    public string Name { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Each error of the file, with its line.</summary>
    public IReadOnlyList<string> FileErrors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => Denied(await authorizer.DecideAsync(Permission.Analyse)) ?? Page();

    public async Task<IActionResult> OnPostAsync(IFormFile? file)
    {
        if (Denied(await authorizer.DecideAsync(Permission.Analyse)) is { } denied)
        {
            return denied;
        }
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", Text["Error.FrameworkFileMissing"]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await using var stream = file!.OpenReadStream();
        if (ReadSheet(stream, "file", FrameworkCsv.Limits) is not { } rows)
        {
            return Page();
        }
        var (result, errors) = await grids.ImportFrameworkAsync(Name, rows);
        if (!result.Succeeded)
        {
            FileErrors = errors.Select(Describe).ToList();
            ModelState.AddModelError("file", Text[result.ErrorKey!]);
            return Page();
        }
        Flash("Frameworks.Imported");
        return LocalRedirect(LocalAddresses.Or(ReturnUrl, "/"));
    }

    /// <summary>"12:code" reads "Line 12: the code is missing or too long".</summary>
    private string Describe(string error) => error.Split(':') switch
    {
        [var line, var what] => Text["Frameworks.LineError", line, Text["FrameworkError." + what]],
        [var what] => Text["FrameworkError." + what],
        _ => error,
    };
}
