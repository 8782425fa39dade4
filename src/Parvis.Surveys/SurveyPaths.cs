using System.Globalization;

namespace Parvis.Surveys;

/// <summary>
/// Which questions a respondent sees, given their answers: a question shows when its section shows and its condition
/// holds on the answers kept so far, to the questions shown before it. An answer to a question not shown does not
/// count, so that a respondent who goes back and changes an answer never leaves a hidden answer deciding what comes
/// next; nor does an answer refused, when answers are checked (<see cref="SurveyAnswers"/>).
/// </summary>
public static class SurveyPaths
{
    /// <summary>The keys of the questions shown (sections and text blocks included), in order.</summary>
    public static IReadOnlyList<string> Visible(IReadOnlyList<Question> questions, IReadOnlyDictionary<string, Answer> answers) =>
        Walk(questions, answers, (_, answer) => (answer, null)).Visible;

    /// <summary>Whether a condition holds on the given answers (a question not answered satisfies no comparison).</summary>
    public static bool Holds(Condition condition, IReadOnlyDictionary<string, Answer> answers, IReadOnlyList<Question> questions) =>
        Holds(condition, answers, Kinds(questions));

    internal static Dictionary<string, QuestionKind> Kinds(IReadOnlyList<Question> questions)
    {
        var kinds = new Dictionary<string, QuestionKind>(StringComparer.Ordinal);
        foreach (var question in questions)
        {
            kinds.TryAdd(question.Key, question.Kind);
        }
        return kinds;
    }

    /// <summary>
    /// The path through the survey: each question shown is offered its answer, which <paramref name="accept"/> keeps
    /// (as it returns it), or refuses with a reason; only the answers kept decide what shows next.
    /// </summary>
    internal static (List<string> Visible, Dictionary<string, Answer> Kept, List<(string Question, AnswerProblem Problem)> Problems) Walk(
        IReadOnlyList<Question> questions, IReadOnlyDictionary<string, Answer> answers, Func<Question, Answer?, (Answer? Kept, AnswerProblem? Problem)> accept)
    {
        var kinds = Kinds(questions);
        var kept = new Dictionary<string, Answer>(StringComparer.Ordinal);
        var visible = new List<string>();
        var problems = new List<(string, AnswerProblem)>();
        var sectionShown = true;
        foreach (var question in questions)
        {
            var holds = question.ShowWhen is null || Holds(question.ShowWhen, kept, kinds);
            if (question.Kind == QuestionKind.Section)
            {
                sectionShown = holds;
            }
            if (!sectionShown || !holds)
            {
                continue;
            }
            visible.Add(question.Key);
            if (!question.Answerable)
            {
                continue;
            }
            var (answer, problem) = accept(question, answers.TryGetValue(question.Key, out var given) && given.Given ? given : null);
            if (problem is { } refused)
            {
                problems.Add((question.Key, refused));
            }
            else if (answer is { Given: true })
            {
                kept[question.Key] = answer;
            }
        }
        return (visible, kept, problems);
    }

    internal static bool Holds(Condition condition, IReadOnlyDictionary<string, Answer> answers, IReadOnlyDictionary<string, QuestionKind> kinds) => condition switch
    {
        AllOf all => all.Parts.All(p => Holds(p, answers, kinds)),
        AnyOf any => any.Parts.Any(p => Holds(p, answers, kinds)),
        AnswerIs test => answers.TryGetValue(test.Question, out var answer) && answer.Given
            && Compare(test, answer, kinds.GetValueOrDefault(test.Question, QuestionKind.ShortText)),
        _ => false,
    };

    private static bool Compare(AnswerIs test, Answer answer, QuestionKind kind) => test.Comparison switch
    {
        Comparison.Equals => Same(test.Values, answer.Values, kind),
        Comparison.Differs => !Same(test.Values, answer.Values, kind),
        Comparison.Includes => test.Values.Count > 0 && answer.Values.Contains(test.Values[0], StringComparer.Ordinal),
        Comparison.Between => test.Values.Count == 2 && answer.Values.Count == 1 && Within(answer.Values[0], test.Values[0], test.Values[1], kind),
        _ => false,
    };

    /// <summary>A multiple choice compares as a set; any other answer as its one value (numbers by value).</summary>
    private static bool Same(IReadOnlyList<string> expected, IReadOnlyList<string> given, QuestionKind kind) => kind switch
    {
        QuestionKind.MultipleChoice => expected.ToHashSet(StringComparer.Ordinal).SetEquals(given),
        QuestionKind.Number or QuestionKind.Scale => expected.Count == 1 && given.Count == 1
            && Number(expected[0]) is { } a && Number(given[0]) is { } b && a == b,
        _ => expected.Count == 1 && given.Count == 1 && string.Equals(expected[0], given[0], StringComparison.Ordinal),
    };

    private static bool Within(string value, string low, string high, QuestionKind kind) => kind == QuestionKind.Date
        ? Day(value) is { } day && Day(low) is { } from && Day(high) is { } to && from <= day && day <= to
        : Number(value) is { } number && Number(low) is { } min && Number(high) is { } max && min <= number && number <= max;

    /// <summary>A number as people write it: a decimal point or a decimal comma ("2,5"), no thousands separator.</summary>
    public static decimal? Number(string text)
    {
        text = text.Trim();
        if (text.Contains(',', StringComparison.Ordinal) && !text.Contains('.', StringComparison.Ordinal))
        {
            text = text.Replace(',', '.');
        }
        return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            ? number : null;
    }

    public static DateOnly? Day(string text) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
