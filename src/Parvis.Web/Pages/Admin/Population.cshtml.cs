using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Demographics;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Admin;

/// <summary>The territory's reference population, imported from the census figures as a CSV file, whole or not at all.</summary>
public sealed class PopulationModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, DemographicCommands commands) : ParvisPageModel
{
    public int Communes { get; private set; }
    public long People { get; private set; }
    public IReadOnlyList<string> FileErrors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync(IFormFile? file)
    {
        if (await LoadAsync() is { } denied)
        {
            return denied;
        }
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", Text["Population.FileMissing"]);
            return Page();
        }
        await using var stream = file.OpenReadStream();
        if (ReadSheet(stream, "file", DemographicCommands.Limits) is not { } rows)
        {
            return Page();
        }
        var (result, errors, figures) = await commands.ImportPopulationAsync(rows);
        if (Refusal(result, "file") is { } refusal)
        {
            return refusal;
        }
        if (!result.Succeeded)
        {
            FileErrors = [.. errors.Select(e => Text["Frameworks.LineError", e.Line, Text[e.ErrorKey, e.Arguments]].Value)];
            return Page();
        }
        Flash("Population.Imported", figures);
        return Redirect("/admin/population");
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (Denied(await authorizer.DecideAsync(Permission.ManageOrganisation)) is { } denied)
        {
            return denied;
        }
        var figures = db.PopulationFigures.Where(f => f.OrganisationId == organisation.Id);
        Communes = await figures.Select(f => f.Commune).Distinct().CountAsync();
        People = await figures.Where(f => f.Dimension == Dimension.Age).SumAsync(f => f.Count);
        return null;
    }
}
