using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Territory;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Modules.LocalDirectory.Pages;

/// <summary>
/// The entries that answer a search on a map drawn by Parvis over the territory (/map), or on a sheet to print with
/// its numbered legend for paper kits (/print): the map adds to the list, every point is also a line of the legend.
/// </summary>
public sealed class MapModel(ParvisDbContext db, CurrentOrganisation organisation, SharedData shared, Authorizer authorizer, TerritoryShapes territory, TerritoryMaps maps)
    : DirectoryPage(db, organisation, shared, authorizer)
{
    public IReadOnlyList<(ListedEntry Entry, Kernel.Territory.MapPoint? Point)> Points { get; private set; } = [];
    public MapDrawing Map { get; private set; } = MapDrawing.None;
    public bool Printed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, string view)
    {
        if (!await LoadAsync(slug))
        {
            return NotFound();
        }
        Printed = view == "print";
        Points = DirectoryListing.Points(Found, await territory.CentresAsync());
        Map = await maps.DrawAsync([.. Points.Where(p => p.Point is not null).Select(p => p.Point!)], Text["Directory.MapTitle", Process.Title], "directory-map");
        return Page();
    }
}
