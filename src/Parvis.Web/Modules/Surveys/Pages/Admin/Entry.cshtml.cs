using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Surveys.Pages.Admin;

/// <summary>
/// Typing in a paper form, or the answers of a person at a desk: the same form and the same checks as online, the
/// channel kept with the answer; after each, an empty form for the next.
/// </summary>
public sealed class EntryModel(ParvisDbContext db, CurrentOrganisation organisation, ProcessAccess processes, Authorizer authorizer, SurveyCommands surveys,
    SurveyOffline offline) : SurveyPage(db, organisation, processes, authorizer)
{
    [BindProperty]
    [Display(Name = "Field.SurveyChannel")]
    public SurveyChannel Channel { get; set; } = SurveyChannel.Paper;

    public SurveyFormView Form { get; private set; } = default!;

    /// <summary>The channels answers come by here: on a laptop's copy, only the laptop.</summary>
    public IReadOnlyList<SurveyChannel> Channels { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, SurveyChannel? channel)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        Channel = channel is { } chosen && Channels.Contains(chosen) ? chosen : Channels[0];
        Form = SurveyForm.Start(Questions);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        var (form, complete) = SurveyForm.Read(Request.Form, Questions, key => Text[key]);
        Form = form;
        if (!complete)
        {
            return Page();
        }
        var result = await surveys.EnterAsync(id, form.Answers, Channels.Contains(Channel) ? Channel : Channels[0]);
        if (result.Problems.Count > 0)
        {
            Form = SurveyForm.WithProblems(form, result.Problems, key => Text[key]);
            return Page();
        }
        return After(result.Result, "Surveys.Entered", $"/admin/surveys/{id}/entry?channel={Channel}");
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        if (await LoadForStaffAsync(id) is { } early)
        {
            return early;
        }
        Channels = await offline.IsCopyAsync(id) ? [SurveyChannel.Offline] : [SurveyChannel.Paper, SurveyChannel.Desk];
        return Survey.Stage == SurveyStage.Draft ? NotFound() : null;
    }
}
