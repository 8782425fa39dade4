using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Territory;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Admin;

/// <summary>
/// The territory the maps are drawn on: its areas imported from an open dataset as GeoJSON (whole or not at all, each
/// faulty feature named), shown as the maps will show them, or removed.
/// </summary>
public sealed class TerritoryModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, TerritoryCommands commands, TerritoryShapes shapes)
    : ParvisPageModel
{
    public IReadOnlyList<string> Names { get; private set; } = [];
    public string Svg { get; private set; } = "";
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
            ModelState.AddModelError("file", Text["Territory.FileMissing"]);
            return Page();
        }
        if (file.Length > TerritoryLimits.FileBytes)
        {
            ModelState.AddModelError("file", Text["Territory.TooLarge", TerritoryLimits.FileBytes / (1024 * 1024)]);
            return Page();
        }
        await using var stream = file.OpenReadStream();
        var (areas, errors) = TerritoryCommands.Read(stream);
        if (errors.Count > 0)
        {
            FileErrors = [.. errors.Select(e => e.Feature == 0 ? Text[e.ErrorKey, e.Arguments].Value : Text["Territory.FeatureError", e.Feature, Text[e.ErrorKey, e.Arguments].Value].Value)];
            return Page();
        }
        var result = await commands.ReplaceAsync(areas);
        if (Refusal(result, "file") is { } refusal)
        {
            return refusal;
        }
        Flash("Territory.Imported", areas.Count);
        return Redirect("/admin/territory");
    }

    public async Task<IActionResult> OnPostRemoveAsync(bool confirmed)
    {
        if (await LoadAsync() is { } denied)
        {
            return denied;
        }
        return Unconfirmed(confirmed, "/admin/territory") ?? After(await commands.RemoveAsync(), "Territory.Removed", "/admin/territory");
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (Denied(await authorizer.DecideAsync(Permission.ManageOrganisation)) is { } denied)
        {
            return denied;
        }
        Names = await db.TerritoryAreas.Where(a => a.OrganisationId == organisation.Id).OrderBy(a => a.Name).Select(a => a.Name).ToListAsync();
        if (Names.Count > 0)
        {
            Svg = TerritoryMap.Svg(await shapes.AllAsync(), [], Text["Territory.Title"], "territory-map");
        }
        return null;
    }
}
