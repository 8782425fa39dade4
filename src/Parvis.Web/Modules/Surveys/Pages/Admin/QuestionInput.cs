using System.ComponentModel.DataAnnotations;
using Parvis.Surveys;

namespace Parvis.Web.Modules.Surveys.Pages.Admin;

/// <summary>One comparison of a display condition as the editor's form holds it.</summary>
public sealed class ConditionInput
{
    /// <summary>The key of the earlier question; empty for a line not used.</summary>
    public string? Question { get; set; }

    public Comparison Comparison { get; set; }

    [StringLength(SurveyQuestion.OptionMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.ConditionValue")]
    public string? Value { get; set; }

    [StringLength(SurveyQuestion.OptionMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.ConditionUpTo")]
    public string? UpTo { get; set; }
}

/// <summary>
/// A question as the editor's form holds it: options and lines one per line, and up to <see cref="Lines"/>
/// comparisons combined explicitly, all or any (the library takes deeper combinations; this form writes one level).
/// </summary>
public sealed class QuestionInput
{
    public const int Lines = 3;

    /// <summary>Between the options of one value ("is" on a multiple choice), as the conditions are also written in words.</summary>
    private const string Together = " + ";

    [Display(Name = "Field.QuestionKind")]
    public QuestionKind Kind { get; set; } = QuestionKind.SingleChoice;

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(SurveyQuestion.LabelMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.QuestionLabel")]
    public string Label { get; set; } = "";

    [StringLength(SurveyQuestion.HintMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.QuestionHint")]
    public string? Hint { get; set; }

    [StringLength(SurveyQuestion.LabelMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.QuestionEasyLabel")]
    public string? EasyLabel { get; set; }

    public bool Required { get; set; }

    [StringLength(10_000, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.QuestionOptions")]
    public string? Options { get; set; }

    [StringLength(10_000, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.QuestionRows")]
    public string? Rows { get; set; }

    [Range(2, SurveyCommands.ScaleTop, ErrorMessage = "Validation.Range")]
    [Display(Name = "Field.ScaleMax")]
    public int? ScaleMax { get; set; }

    [StringLength(SurveyCommands.EndLabelMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.LowLabel")]
    public string? LowLabel { get; set; }

    [StringLength(SurveyCommands.EndLabelMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.HighLabel")]
    public string? HighLabel { get; set; }

    public bool Other { get; set; }

    /// <summary>Whether every comparison must hold, or any one.</summary>
    public bool Any { get; set; }

    public List<ConditionInput> Conditions { get; set; } = [.. Enumerable.Range(0, Lines).Select(_ => new ConditionInput())];

    public SurveyQuestion ToQuestion()
    {
        var parts = Conditions.Where(c => !string.IsNullOrWhiteSpace(c.Question)).Select(c => (Condition)new AnswerIs(c.Question!.Trim(), c.Comparison,
            c.Comparison switch
            {
                Comparison.Between => [c.Value?.Trim() ?? "", c.UpTo?.Trim() ?? ""],
                // "is" on a multiple choice names the exact set of options ticked, written "a + b".
                Comparison.Equals or Comparison.Differs => [.. (c.Value ?? "").Split(Together, StringSplitOptions.TrimEntries)],
                _ => [c.Value?.Trim() ?? ""],
            })).ToList();
        Condition? condition = parts.Count switch
        {
            0 => null,
            1 => parts[0],
            _ => Any ? new AnyOf(parts) : new AllOf(parts),
        };
        var logic = new Question("", Kind, Required, Split(Options), ScaleMax ?? 0, condition, Split(Rows), Other);
        return new SurveyQuestion(logic, Label, Hint ?? "", EasyLabel ?? "", LowLabel ?? "", HighLabel ?? "");
    }

    public static QuestionInput From(SurveyQuestion question)
    {
        var logic = question.Logic;
        var (parts, any) = logic.ShowWhen switch
        {
            AnswerIs one => ([one], false),
            AllOf all => (all.Parts.OfType<AnswerIs>().ToList(), false),
            AnyOf some => (some.Parts.OfType<AnswerIs>().ToList(), true),
            _ => (new List<AnswerIs>(), false),
        };
        return new QuestionInput
        {
            Kind = logic.Kind, Label = question.Label, Hint = question.Hint, EasyLabel = question.EasyLabel, Required = logic.Required,
            Options = string.Join('\n', logic.Choices), Rows = string.Join('\n', logic.Lines), ScaleMax = logic.ScaleMax is 0 ? null : logic.ScaleMax,
            LowLabel = question.LowLabel, HighLabel = question.HighLabel, Other = logic.Other, Any = any,
            Conditions = [.. Enumerable.Range(0, Lines).Select(i => parts.ElementAtOrDefault(i) is { } part
                ? new ConditionInput { Question = part.Question, Comparison = part.Comparison, Value = part.Comparison == Comparison.Between ? part.Values.ElementAtOrDefault(0) : string.Join(Together, part.Values),
                    UpTo = part.Comparison == Comparison.Between ? part.Values.ElementAtOrDefault(1) : null }
                : new ConditionInput())],
        };
    }

    private static List<string> Split(string? lines) => [.. (lines ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}
