using Microsoft.AspNetCore.Mvc;
using Parvis.Surveys;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Surveys.Pages.Admin;

/// <summary>
/// The path tester: staff pick answers as a respondent would and see which questions show and which stay hidden (with
/// the condition that hides each), and what the check of those answers would say. Nothing is kept.
/// </summary>
public sealed class TestModel(ParvisDbContext db, CurrentOrganisation organisation, ProcessAccess processes, Authorizer authorizer)
    : SurveyPage(db, organisation, processes, authorizer)
{
    public SurveyFormView Form { get; private set; } = default!;

    /// <summary>Whether these answers would be accepted as they are.</summary>
    public bool Accepted { get; private set; }

    public bool Tried { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadForStaffAsync(id) is { } early)
        {
            return early;
        }
        Form = SurveyForm.Start(Questions);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadForStaffAsync(id) is { } early)
        {
            return early;
        }
        var (form, complete) = SurveyForm.Read(Request.Form, Questions, key => Text[key]);
        Tried = true;
        if (!complete)
        {
            Form = form;
            return Page();
        }
        var problems = SurveyAnswers.Check(SurveyForm.Logic(Questions), form.Answers).Problems;
        (Form, Accepted) = (SurveyForm.WithProblems(form, problems, key => Text[key]), problems.Count == 0);
        return Page();
    }
}
