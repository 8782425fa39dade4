using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Surveys.Pages;

/// <summary>
/// The pages about one survey: the survey, its process (published, or staff's), its questions, and whether the person
/// runs the process's surveys. A draft is staff's only.
/// </summary>
public abstract class SurveyPage(ParvisDbContext db, CurrentOrganisation organisation, ProcessAccess processes, Authorizer authorizer) : ParvisPageModel, IProcessPage
{
    public Survey Survey { get; private set; } = default!;
    public Process Process { get; private set; } = default!;
    public IReadOnlyList<SurveyQuestion> Questions { get; private set; } = [];

    /// <summary>The person writes and runs the surveys of the process.</summary>
    public bool Staff { get; private set; }

    public string Address => $"/surveys/{Survey.Id}";

    protected ParvisDbContext Db => db;

    protected Authorizer Authorizer => authorizer;

    protected async Task<bool> LoadSurveyAsync(Guid id)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.OrganisationId == organisation.Id);
        var process = survey is null ? null : await processes.FindAsync(survey.ProcessId, SurveysModule.Key);
        if (survey is null || process is null)
        {
            return false;
        }
        (Survey, Process, Questions) = (survey, process, survey.Read());
        Staff = await authorizer.CanAsync(SurveysPermissions.Manage, process);
        return survey.Stage != SurveyStage.Draft || Staff;
    }

    /// <summary>For the pages of those who run the surveys: the survey, or the page that says why not.</summary>
    protected async Task<IActionResult?> LoadForStaffAsync(Guid id)
    {
        if (!await LoadSurveyAsync(id))
        {
            return NotFound();
        }
        return Staff ? null : Denied(await authorizer.DecideAsync(SurveysPermissions.Manage, Process));
    }
}
