using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Demographics;
using Parvis.Web.Kernel.Mediation;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Pages.Processes;

/// <summary>
/// The optional questions about oneself, apart from any contribution: each may be left blank, every answer changed or
/// deleted at any time, and only counts of them are ever shown, to see whom the process did not reach.
/// </summary>
public sealed class AboutYouModel(ParvisDbContext db, CurrentOrganisation organisation, DemographicCommands commands) : DemographicFormPage
{
    public bool Answered { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } missing)
        {
            return missing;
        }
        // A mediator acting for the person asks the questions afresh: what they answered before is theirs alone.
        if (ActingUnderMandate.Of(HttpContext) is null && await commands.MineAsync(Process.Id) is { } mine)
        {
            (AgeBand, Gender, Category, Commune, FirstTime) = (mine.AgeBand, mine.Gender, mine.Category, mine.Commune, mine.FirstTime);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } missing)
        {
            return missing;
        }
        var result = await commands.SaveAsync(Process, Input);
        return After(result, "Demographics.Saved", $"/processes/{Process.Slug}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(bool confirmed)
    {
        if (await LoadAsync() is { } missing)
        {
            return missing;
        }
        if (Unconfirmed(confirmed, $"/processes/{Process.Slug}/about-you") is { } unconfirmed)
        {
            return unconfirmed;
        }
        return After(await commands.DeleteAsync(Process.Id), "Demographics.Deleted", $"/processes/{Process.Slug}");
    }

    private async Task<IActionResult?> LoadAsync()
    {
        var slug = RouteValue("slug");
        var process = await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.OrganisationId == organisation.Id && p.Slug == slug && p.Published);
        if (process is null)
        {
            return NotFound();
        }
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }
        Process = process;
        Communes = await commands.CommunesAsync();
        Answered = ActingUnderMandate.Of(HttpContext) is null && await commands.MineAsync(process.Id) is not null;
        return null;
    }
}
