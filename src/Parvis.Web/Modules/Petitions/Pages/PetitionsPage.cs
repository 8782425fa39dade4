using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Petitions.Pages;

/// <summary>The pages about the petitions of one process: the process, published and using petitions, and its rules.</summary>
public abstract class PetitionsPage(ParvisDbContext db, CurrentOrganisation organisation) : ParvisPageModel, IProcessPage
{
    public Process Process { get; private set; } = default!;
    public PetitionRules Rules { get; private set; } = default!;

    public string ListAddress => $"/processes/{Process.Slug}/petitions";

    protected ParvisDbContext Db => db;

    protected async Task<bool> LoadProcessAsync(string slug)
    {
        var process = await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.Slug == slug && p.OrganisationId == organisation.Id && p.Published);
        if (process?.Component(PetitionsModule.Key) is not { } component)
        {
            return false;
        }
        (Process, Rules) = (process, await db.RulesOf(component.Id));
        return true;
    }
}
