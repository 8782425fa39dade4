using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;

namespace Parvis.Web.Modules.Workshops.Pages;

/// <summary>A workshop's public page: when and where, its times, and what each group produced.</summary>
public sealed class ShowModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer) : WorkshopPage(db, organisation)
{
    public bool CanRun { get; private set; }
    public bool CanManage { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadBoardAsync(id))
        {
            return NotFound();
        }
        CanRun = await authorizer.CanAsync(WorkshopsPermissions.Run, Board.Process);
        CanManage = await authorizer.CanAsync(WorkshopsPermissions.Manage, Board.Process);
        return Page();
    }
}
