using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Modules.LocalDirectory.Pages;

/// <summary>
/// The directory of a process, list first: a search by words, kind, commune, theme and access, sent as a link; the
/// entries that answer, a page at a time; links to the same search on the map and on the printed map.
/// </summary>
public sealed class IndexModel(ParvisDbContext db, CurrentOrganisation organisation, SharedData shared, Authorizer authorizer)
    : DirectoryPage(db, organisation, shared, authorizer)
{
    public const int PageSize = 50;

    public int PageNumber { get; private set; }
    public int Pages { get; private set; }
    public IReadOnlyList<ListedEntry> Shown { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] int number = 1)
    {
        if (!await LoadAsync(slug))
        {
            return NotFound();
        }
        Pages = Math.Max(1, (Found.Count + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(number, 1, Pages);
        Shown = [.. Found.Skip((PageNumber - 1) * PageSize).Take(PageSize)];
        return Page();
    }
}
