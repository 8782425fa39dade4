using System.Globalization;
using Parvis.Surveys;

namespace Parvis.Web.Modules.Surveys.Pages;

/// <summary>
/// A survey's questions as a form shows them (to a respondent, to staff typing a paper form in, to staff testing the
/// paths): those the answers so far show, the answers as typed, the questions that have just appeared, and the
/// problems by question key.
/// </summary>
public sealed record SurveyFormView(
    IReadOnlyList<SurveyQuestion> Questions, IReadOnlyDictionary<string, Answer> Answers, IReadOnlySet<string> Added, IReadOnlyDictionary<string, string> Problems)
{
    public IReadOnlyList<SurveyQuestion> Shown { get; } = Visible(Questions, Answers);

    public IReadOnlyList<SurveyQuestion> Hidden => [.. Questions.Except(Shown)];

    /// <summary>The id of a question's first control, where a link to its problem puts the focus.</summary>
    public static string FirstControl(Question question) => question.Kind switch
    {
        QuestionKind.ShortText or QuestionKind.LongText or QuestionKind.Number or QuestionKind.Date => $"a-{question.Key}",
        QuestionKind.Scale => $"a-{question.Key}-1",
        QuestionKind.MatrixSingle or QuestionKind.MatrixMultiple or QuestionKind.Grades => $"a-{question.Key}-0-0",
        QuestionKind.Section or QuestionKind.TextBlock => $"q-{question.Key}",
        _ => $"a-{question.Key}-0",
    };

    public IReadOnlyList<string> Values(string key) => Answers.TryGetValue(key, out var answer) ? answer.Values : [];

    public string Value(string key) => Values(key) is [var first, ..] ? first : "";

    public bool Has(string key, string value) => Values(key).Contains(value, StringComparer.Ordinal);

    /// <summary>What was written under "other, please specify".</summary>
    public string? Other(string key) =>
        Values(key).FirstOrDefault(v => v.StartsWith(Question.OtherPrefix, StringComparison.Ordinal)) is { } other ? other[Question.OtherPrefix.Length..] : null;

    /// <summary>An option's place in a ranking, from 1; null when not ranked.</summary>
    public int? Rank(string key, string option) => Values(key).ToList().IndexOf(option) is >= 0 and var at ? at + 1 : null;

    private static IReadOnlyList<SurveyQuestion> Visible(IReadOnlyList<SurveyQuestion> questions, IReadOnlyDictionary<string, Answer> answers)
    {
        var shown = SurveyPaths.Visible(SurveyForm.Logic(questions), answers).ToHashSet(StringComparer.Ordinal);
        return [.. questions.Where(q => shown.Contains(q.Key))];
    }
}

/// <summary>
/// Reads a survey's form and leads a respondent through it without a script: the questions an answer brings are added
/// to the form, with everything typed kept, before anything is checked or kept. Field names: "a-{key}" holds a
/// question's value or values, "a-{key}-{n}" a matrix line's or a ranked option's, "o-{key}" the words under "other".
/// </summary>
public static class SurveyForm
{
    public const string ShownField = "shown";

    /// <summary>Stands for a place typed that is not a number: no option is called that, so the check refuses it.</summary>
    private const string NotAPlace = "?";

    public static IReadOnlyList<Question> Logic(IReadOnlyList<SurveyQuestion> questions) => [.. questions.Select(q => q.Logic)];

    public static SurveyFormView Start(IReadOnlyList<SurveyQuestion> questions, IReadOnlyDictionary<string, Answer>? answers = null) =>
        new(questions, answers ?? new Dictionary<string, Answer>(), new HashSet<string>(), new Dictionary<string, string>());

    /// <summary>
    /// The form as posted: the answers, the problems found in reading them (a rank given twice), and the questions the
    /// answers now show that the form did not: while there are any, the form is shown again rather than sent.
    /// </summary>
    public static (SurveyFormView View, bool Complete) Read(IFormCollection form, IReadOnlyList<SurveyQuestion> questions, Func<string, string> problemText)
    {
        var answers = new Dictionary<string, Answer>(StringComparer.Ordinal);
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var question in questions.Select(q => q.Logic).Where(q => q.Answerable))
        {
            var values = Read(form, question);
            if (values is null)
            {
                problems[question.Key] = problemText("Surveys.RankTwice");
                continue;
            }
            if (values.Count > 0)
            {
                answers[question.Key] = new Answer(values);
            }
        }
        var shown = form[ShownField].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var view = new SurveyFormView(questions, answers, new HashSet<string>(StringComparer.Ordinal), problems);
        var added = view.Shown.Where(q => q.Logic.Answerable && !shown.Contains(q.Key)).Select(q => q.Key).ToHashSet(StringComparer.Ordinal);
        return (view with { Added = added }, added.Count == 0 && problems.Count == 0);
    }

    /// <summary>The view again with the problems a check found, in the respondent's words.</summary>
    public static SurveyFormView WithProblems(SurveyFormView view, IEnumerable<(string Question, AnswerProblem Problem)> problems, Func<string, string> problemText) =>
        view with { Problems = problems.GroupBy(p => p.Question).ToDictionary(g => g.Key, g => problemText($"Surveys.AnswerProblem.{g.First().Problem}"), StringComparer.Ordinal) };

    /// <summary>A question's values; null for a ranking that gives one place to two options.</summary>
    private static List<string>? Read(IFormCollection form, Question question)
    {
        var key = question.Key;
        var values = new List<string>();
        switch (question.Kind)
        {
            case QuestionKind.MatrixSingle or QuestionKind.MatrixMultiple or QuestionKind.Grades:
                for (var line = 0; line < question.Lines.Count; line++)
                {
                    values.AddRange(form[$"a-{key}-{line}"].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => $"{question.Lines[line]}={v!.Trim()}"));
                }
                return values;
            case QuestionKind.Ranking:
                var ranks = new List<(int Rank, string Option)>();
                for (var option = 0; option < question.Choices.Count; option++)
                {
                    var typed = form[$"a-{key}-{option}"].ToString().Trim();
                    if (typed.Length == 0)
                    {
                        continue;
                    }
                    // A place that is not a number is refused by the check as not one of the options.
                    ranks.Add((int.TryParse(typed, NumberStyles.None, CultureInfo.InvariantCulture, out var rank) ? rank : int.MaxValue, question.Choices[option]));
                }
                if (ranks.Count != ranks.Select(r => r.Rank).Distinct().Count())
                {
                    return null;
                }
                return [.. ranks.OrderBy(r => r.Rank).Select(r => r.Rank == int.MaxValue ? NotAPlace : r.Option)];
            default:
                foreach (var value in form[$"a-{key}"])
                {
                    if (value == Question.OtherPrefix)
                    {
                        // "Other" ticked: its words, or nothing if none were written.
                        var words = form[$"o-{key}"].ToString().Trim();
                        values.Add(words.Length > 0 ? Question.OtherPrefix + words : "");
                    }
                    else if (!string.IsNullOrWhiteSpace(value))
                    {
                        values.Add(value.Trim());
                    }
                }
                return values;
        }
    }
}
