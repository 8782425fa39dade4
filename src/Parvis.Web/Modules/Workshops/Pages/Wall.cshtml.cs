using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;

namespace Parvis.Web.Modules.Workshops.Pages;

/// <summary>
/// The wall projected in the room: every group's concerns, actions and resources on one screen, without the
/// site's header, in type as large as they leave room for, beside the join code and its QR code. workshop.js
/// asks for the board again every few seconds and replaces it when the workshop's revision moved; without
/// JavaScript the page reloads itself.
/// </summary>
public sealed class WallModel(ParvisDbContext db, CurrentOrganisation organisation) : WorkshopPage(db, organisation)
{
    public const int ReloadSeconds = 20;

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadBoardAsync(id) ? Page() : NotFound();

    /// <summary>The board alone, or 204 when nothing changed since the revision the wall shows.</summary>
    public async Task<IActionResult> OnGetBoardAsync(Guid id, long? revision)
    {
        if (!await LoadBoardAsync(id))
        {
            return NotFound();
        }
        return revision == Workshop.Revision ? new NoContentResult() : Partial("_Wall", this);
    }
}
