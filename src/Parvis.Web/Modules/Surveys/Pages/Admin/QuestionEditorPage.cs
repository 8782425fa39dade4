using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Parvis.Surveys;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Surveys.Pages.Admin;

/// <summary>The pages with the question form (adding one to a draft, changing one): the form and the questions a condition may name.</summary>
public abstract class QuestionEditorPage(ParvisDbContext db, CurrentOrganisation organisation, ProcessAccess processes, Authorizer authorizer)
    : SurveyPage(db, organisation, processes, authorizer)
{
    [BindProperty]
    public QuestionInput Input { get; set; } = new();

    /// <summary>The questions before the one being written: those a condition may name.</summary>
    public IReadOnlyList<SurveyQuestion> Earlier { get; protected set; } = [];

    public IEnumerable<SelectListItem> Kinds => Enum.GetValues<QuestionKind>().Select(k => new SelectListItem(Text[$"QuestionKind.{k}"], k.ToString()));

    /// <summary>After saving: the form's field a refusal belongs to.</summary>
    protected IActionResult AfterSave(CommandResult result, string next) => After(result, "Surveys.QuestionSaved", next, result.ErrorKey switch
    {
        "Surveys.LabelLength" => "Input.Label",
        "Surveys.HintLength" => "Input.Hint",
        "Surveys.EndLabelLength" => "Input.LowLabel",
        "Surveys.OptionsNeeded" or "Surveys.TooManyOptions" or "Surveys.OptionLength" or "Surveys.OptionTwice" or "Surveys.OptionCharacters" => "Input.Options",
        "Surveys.RowsNeeded" => "Input.Rows",
        "Surveys.ScaleRange" => "Input.ScaleMax",
        _ => "",
    });
}
