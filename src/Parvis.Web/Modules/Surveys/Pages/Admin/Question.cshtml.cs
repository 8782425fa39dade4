using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Surveys.Pages.Admin;

/// <summary>Changing one question of a draft: its words, its options, when it shows (naming only the questions before it).</summary>
public sealed class QuestionModel(ParvisDbContext db, CurrentOrganisation organisation, ProcessAccess processes, Authorizer authorizer, SurveyCommands surveys)
    : QuestionEditorPage(db, organisation, processes, authorizer)
{
    public SurveyQuestion Question { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id, string key)
    {
        if (await LoadAsync(id, key) is { } early)
        {
            return early;
        }
        Input = QuestionInput.From(Question);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string key)
    {
        if (await LoadAsync(id, key) is { } early)
        {
            return early;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        return AfterSave(await surveys.SaveQuestionAsync(id, key, Input.ToQuestion()), $"/admin/surveys/{id}#q-{key}");
    }

    private async Task<IActionResult?> LoadAsync(Guid id, string key)
    {
        if (await LoadForStaffAsync(id) is { } early)
        {
            return early;
        }
        var at = Questions.ToList().FindIndex(q => q.Key == key);
        if (at < 0 || Survey.Stage != SurveyStage.Draft)
        {
            return NotFound();
        }
        (Question, Earlier) = (Questions[at], Questions.Take(at).ToList());
        return null;
    }
}
