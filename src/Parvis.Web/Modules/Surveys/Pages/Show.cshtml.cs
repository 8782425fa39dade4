using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Surveys;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Surveys.Pages;

/// <summary>
/// A survey as a respondent meets it: what it is for, its mode in words, and the form, led question by question
/// without a script. Signed: the person's answer, to change until the close. Anonymous: a code given once to the
/// signed-in person, then typed with the answers (signed in or not). Open: anyone, as many times as they post.
/// </summary>
public sealed class ShowModel(ParvisDbContext db, CurrentOrganisation organisation, ProcessAccess processes, Authorizer authorizer, SurveyCommands surveys,
    TimeProvider clock) : SurveyPage(db, organisation, processes, authorizer)
{
    [BindProperty]
    [Display(Name = "Field.SurveyCode")]
    public string? Code { get; set; }

    public SurveyFormView Form { get; private set; } = default!;

    /// <summary>The survey takes answers now from this person (or visitor).</summary>
    public bool CanAnswer { get; private set; }

    /// <summary>A visitor who must sign in to answer (a signed survey), or to be given a code (an anonymous one).</summary>
    public bool SignInToAnswer { get; private set; }

    public bool Open { get; private set; }

    /// <summary>Signed: the person has answered. Anonymous: the person has been given their code.</summary>
    public bool TookPart { get; private set; }

    /// <summary>The code just given, shown once.</summary>
    public string? GivenCode { get; private set; }

    /// <summary>The request the form for a code sends: the same again, after a double click or a lost answer, gets the same code.</summary>
    [BindProperty(Name = "request")]
    public string CodeRequest { get; set; } = SurveyCodes.NewRequest();

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var earlier = Survey.Mode == SurveyMode.Named && TookPart ? await EarlierAnswersAsync() : null;
        Form = SurveyForm.Start(Questions, earlier);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var (form, complete) = SurveyForm.Read(Request.Form, Questions, key => Text[key]);
        Form = form;
        if (!complete)
        {
            return Page();
        }
        var result = await surveys.AnswerAsync(id, form.Answers, Code);
        if (result.Problems.Count > 0)
        {
            Form = SurveyForm.WithProblems(form, result.Problems, key => Text[key]);
            return Page();
        }
        var field = result.Result.ErrorKey is "Surveys.CodeInvalid" or "Surveys.CodeUsed" ? nameof(Code) : "";
        return After(result.Result, Survey.Mode == SurveyMode.Named ? "Surveys.Saved" : "Surveys.Thanks", Address, field);
    }

    public async Task<IActionResult> OnPostCodeAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Form = SurveyForm.Start(Questions);
        ModelState.Clear();
        var (result, code) = await surveys.GiveCodeAsync(id, CodeRequest);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }
        // Not put in the form: answered at once in this session, the answer would follow the code's line closely.
        (GivenCode, TookPart) = (code, true);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (!await LoadSurveyAsync(id))
        {
            return false;
        }
        Open = Survey.OpenAt(clock.GetUtcNow());
        var decision = await Authorizer.DecideAsync(SurveysPermissions.Answer, Process);
        var phaseOpen = Authorizer.OpenPhase(Process)?.IsOn(Process.Component(SurveysModule.Key)!, SurveysModule.Answering) == true;
        CanAnswer = Open && (decision == Decision.Allowed || decision == Decision.SignInRequired && phaseOpen && Survey.Mode != SurveyMode.Named);
        SignInToAnswer = Open && phaseOpen && decision == Decision.SignInRequired && Survey.Mode != SurveyMode.Open;
        TookPart = await surveys.TookPartAsync(Survey);
        return true;
    }

    private async Task<IReadOnlyDictionary<string, Answer>?> EarlierAnswersAsync()
    {
        var person = Authorizer.PersonId;
        var respondents = Db.SurveyRespondents;
        var answers = await Db.SurveyResponses.AsNoTracking()
            .Where(r => respondents.Any(x => x.SurveyId == Survey.Id && x.PersonId == person && x.ResponseId == r.Id))
            .Select(r => r.Answers).FirstOrDefaultAsync();
        return answers is null ? null : Survey.ReadAnswers(answers);
    }
}
