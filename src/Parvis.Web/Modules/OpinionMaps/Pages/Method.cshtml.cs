using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;

namespace Parvis.Web.Modules.OpinionMaps.Pages;

/// <summary>The explanation page: how groups are computed, with the parameters and figures of the latest run.</summary>
public sealed class MethodModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer) : OpinionMapPage(db, organisation, authorizer)
{
    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();
}
