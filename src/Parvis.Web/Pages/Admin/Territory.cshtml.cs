using System.ComponentModel.DataAnnotations;
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
/// faulty feature named), and the background under them imported from a vector-tile archive; shown as the maps will
/// show them, or removed.
/// </summary>
public sealed class TerritoryModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, TerritoryCommands commands, Basemaps basemaps,
    TerritoryMaps maps, TimeProvider clock)
    : ParvisPageModel
{
    public IReadOnlyList<string> Names { get; private set; } = [];
    public Basemap? Basemap { get; private set; }
    public MapDrawing Map { get; private set; } = MapDrawing.None;
    public IReadOnlyList<string> FileErrors { get; private set; } = [];

    /// <summary>Whom the background's data is owed to, when its file does not say it.</summary>
    [BindProperty]
    [StringLength(Basemap.AttributionMax)]
    [Display(Name = "Basemap.Attribution")]
    public string? Attribution { get; set; }

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

    public async Task<IActionResult> OnPostBasemapAsync(IFormFile? basemap)
    {
        if (await LoadAsync() is { } denied)
        {
            return denied;
        }
        if (basemap is null || basemap.Length == 0)
        {
            ModelState.AddModelError(nameof(basemap), Text["Basemap.FileMissing"]);
            return Page();
        }
        if (basemap.Length > BasemapLimits.FileBytes)
        {
            ModelState.AddModelError(nameof(basemap), Text["Territory.TooLarge", BasemapLimits.FileBytes / (1024 * 1024)]);
            return Page();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        using var bytes = new MemoryStream((int)basemap.Length);
        await basemap.CopyToAsync(bytes);
        var (file, error, arguments) = BasemapFile.Read(bytes.ToArray(), basemap.FileName, clock.GetUtcNow());
        if (file is null)
        {
            ModelState.AddModelError(nameof(basemap), Text[error, arguments]);
            return Page();
        }
        if (Attribution?.Trim() is { Length: > 0 } attribution)
        {
            file.Basemap.Attribution = attribution;
        }
        if (file.Basemap.Attribution.Length == 0)
        {
            ModelState.AddModelError(nameof(Attribution), Text["Basemap.AttributionMissing"]);
            return Page();
        }
        var result = await basemaps.ReplaceAsync(file);
        if (Refusal(result, nameof(basemap)) is { } refusal)
        {
            return refusal;
        }
        Flash("Basemap.Imported", file.Tiles.Count);
        return Redirect("/admin/territory");
    }

    public async Task<IActionResult> OnPostRemoveBasemapAsync(bool confirmed)
    {
        if (await LoadAsync() is { } denied)
        {
            return denied;
        }
        return Unconfirmed(confirmed, "/admin/territory") ?? After(await basemaps.RemoveAsync(), "Basemap.Removed", "/admin/territory");
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (Denied(await authorizer.DecideAsync(Permission.ManageOrganisation)) is { } denied)
        {
            return denied;
        }
        Names = await db.TerritoryAreas.Where(a => a.OrganisationId == organisation.Id).OrderBy(a => a.Name).Select(a => a.Name).ToListAsync();
        Basemap = await basemaps.CurrentAsync();
        Map = await maps.DrawAsync([], Text["Territory.Title"], "territory-map");
        return null;
    }
}
