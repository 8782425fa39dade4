using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages;

[OutputCache(PolicyName = PublicPagePolicy.Name)]
public sealed class IndexModel(DatabaseOnDemand database, CurrentOrganisation organisation, Authorizer authorizer, SharedData shared) : ParvisPageModel
{
    private ParvisDbContext Db => database.Context;

    public IReadOnlyList<Process> Processes { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync()
    {
        Today = authorizer.Today();
        Processes = await shared.GetAsync($"home:{organisation.Id}", async () => (IReadOnlyList<Process>)await Db.Processes.AsNoTracking()
            .Include(p => p.Phases)
            .Where(p => p.OrganisationId == organisation.Id && p.Published)
            .OrderByDescending(p => p.CreatedAt)
            .ToListAsync(), ChangeKind.Processes);
    }
}
