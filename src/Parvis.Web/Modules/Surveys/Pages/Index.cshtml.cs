using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Surveys.Pages;

/// <summary>The surveys of a process: those open first, then those closed with their results.</summary>
public sealed class IndexModel(ParvisDbContext db, CurrentOrganisation organisation, TimeProvider clock) : ParvisPageModel, IProcessPage
{
    public Process Process { get; private set; } = default!;
    public IReadOnlyList<Survey> Surveys { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        var process = await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.Slug == slug && p.OrganisationId == organisation.Id && p.Published);
        if (process?.Component(SurveysModule.Key) is null)
        {
            return NotFound();
        }
        (Process, Now) = (process, clock.GetUtcNow());
        var surveys = await db.Surveys.AsNoTracking().Where(s => s.ProcessId == process.Id && s.Stage != SurveyStage.Draft).ToListAsync();
        Surveys = [.. surveys.OrderBy(s => s.OpenAt(Now) ? 0 : 1).ThenByDescending(s => s.PublishedAt)];
        return Page();
    }
}
