using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.LocalDirectory.Pages;

/// <summary>
/// The pages showing the directory of one process (the list, the map, the printed map): the process, published and
/// using the directory; what the visitor looks for; the entries that answer; the themes, kinds and communes to choose from.
/// </summary>
public abstract class DirectoryPage(ParvisDbContext db, CurrentOrganisation organisation, SharedData shared, Authorizer authorizer) : ParvisPageModel, IProcessPage
{
    public Process Process { get; private set; } = default!;
    public DirectoryQuery Query { get; private set; } = default!;
    public IReadOnlyList<ListedEntry> All { get; private set; } = [];
    public IReadOnlyList<ListedEntry> Found { get; private set; } = [];
    public IReadOnlyList<string> Communes { get; private set; } = [];
    public Decision Proposing { get; private set; }

    public string ListAddress => $"/processes/{Process.Slug}/directory";

    protected ParvisDbContext Db => db;

    protected async Task<bool> LoadAsync(string slug)
    {
        var process = await db.Processes.AsNoTracking().Include(p => p.Themes).FirstOrDefaultAsync(p => p.Slug == slug && p.OrganisationId == organisation.Id && p.Published);
        if (process?.Component(LocalDirectoryModule.Key) is null)
        {
            return false;
        }
        Process = process;
        Query = DirectoryQuery.From(Request.Query);
        All = await DirectoryListing.ListedAsync(db, shared, process.Id);
        Found = Query.Apply(All);
        Communes = [.. All.Select(e => e.Commune).Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Create(System.Globalization.CultureInfo.CurrentCulture, true))];
        Proposing = await authorizer.DecideAsync(LocalDirectoryPermissions.Propose, process);
        return true;
    }
}
