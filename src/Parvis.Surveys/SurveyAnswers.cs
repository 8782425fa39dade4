using System.Globalization;

namespace Parvis.Surveys;

/// <summary>What is wrong with one answer, said next to its question.</summary>
public enum AnswerProblem
{
    /// <summary>A required question, shown, left without an answer.</summary>
    Required,

    /// <summary>A choice that is not one of the question's options, or an option chosen twice.</summary>
    NotAnOption,

    /// <summary>More than one option where only one may be chosen.</summary>
    OneOnly,

    /// <summary>Not a whole number from 1 to the scale's top.</summary>
    OffScale,

    NotANumber,
    NotADate,
    TooLong,
}

/// <summary>The answers kept (those to the questions shown, each valid) and the problems found.</summary>
public sealed record CheckedAnswers(IReadOnlyDictionary<string, Answer> Kept, IReadOnlyList<(string Question, AnswerProblem Problem)> Problems);

/// <summary>
/// A respondent's answers checked against the questions they were shown: answers to questions not shown are dropped
/// (nothing is kept of what the path left behind), every shown question's answer fits its kind, and the required
/// ones are answered. What shows next is decided on the answers kept, trimmed and valid, never on one refused. The
/// same check serves online answers, answers typed from paper and a mediator's.
/// </summary>
public static class SurveyAnswers
{
    public const int ShortTextMax = 300;
    public const int LongTextMax = 5_000;

    public static CheckedAnswers Check(IReadOnlyList<Question> questions, IReadOnlyDictionary<string, Answer> answers)
    {
        var (_, kept, problems) = SurveyPaths.Walk(questions, answers, (question, answer) =>
        {
            // Answers read from a file may hold nulls: no answer, like blanks.
            var values = answer?.Values.Where(v => v is not null).Select(v => v.Trim()).Where(v => v.Length > 0).ToList() ?? [];
            return values.Count == 0 ? (null, question.Required ? AnswerProblem.Required : null)
                : Problem(question, values) is { } problem ? (null, problem)
                // A required matrix or grades wants every line.
                : question.Required && question.IsMatrix && question.Lines.Any(l => !values.Any(v => v.StartsWith(l + "=", StringComparison.Ordinal)))
                    ? (null, AnswerProblem.Required)
                : (new Answer(Canonical(question, values)), null);
        });
        return new CheckedAnswers(kept, problems);
    }

    /// <summary>The longest number kept: a number, not a page of digits.</summary>
    public const int NumberMax = 30;

    /// <summary>A scale's step as it is counted ("03" is 3), whatever was typed.</summary>
    private static List<string> Canonical(Question question, List<string> values) => question.Kind == QuestionKind.Scale
        ? [int.Parse(values[0], NumberStyles.None, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)]
        : values;

    private static AnswerProblem? Problem(Question question, List<string> values) => question.Kind switch
    {
        QuestionKind.SingleChoice or QuestionKind.Scale or QuestionKind.Number or QuestionKind.Date or QuestionKind.ShortText
            or QuestionKind.LongText when values.Count > 1 => AnswerProblem.OneOnly,
        QuestionKind.SingleChoice or QuestionKind.MultipleChoice or QuestionKind.MatrixSingle or QuestionKind.MatrixMultiple or QuestionKind.Grades
            when values.Any(v => !question.Offers(v)) || values.Distinct(StringComparer.Ordinal).Count() != values.Count => AnswerProblem.NotAnOption,
        QuestionKind.Ranking when values.Any(v => !question.Choices.Contains(v, StringComparer.Ordinal)) || values.Distinct(StringComparer.Ordinal).Count() != values.Count
            => AnswerProblem.NotAnOption,
        QuestionKind.MatrixSingle or QuestionKind.Grades when values.Select(v => v.Split('=')[0]).Distinct(StringComparer.Ordinal).Count() != values.Count
            => AnswerProblem.OneOnly,
        // One "other, please specify" per answer: it counts one person once.
        QuestionKind.SingleChoice or QuestionKind.MultipleChoice when values.Count(v => v.StartsWith(Question.OtherPrefix, StringComparison.Ordinal)) > 1
            => AnswerProblem.NotAnOption,
        QuestionKind.SingleChoice or QuestionKind.MultipleChoice when values.Any(v => v.StartsWith(Question.OtherPrefix, StringComparison.Ordinal) && v.Length > Question.OtherPrefix.Length + ShortTextMax)
            => AnswerProblem.TooLong,
        QuestionKind.Number when values[0].Length > NumberMax => AnswerProblem.NotANumber,
        QuestionKind.Scale when !int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var step) || step < 1 || step > question.ScaleMax
            => AnswerProblem.OffScale,
        QuestionKind.Number when SurveyPaths.Number(values[0]) is null => AnswerProblem.NotANumber,
        QuestionKind.Date when SurveyPaths.Day(values[0]) is null => AnswerProblem.NotADate,
        QuestionKind.ShortText when values[0].Length > ShortTextMax => AnswerProblem.TooLong,
        QuestionKind.LongText when values[0].Length > LongTextMax => AnswerProblem.TooLong,
        _ => null,
    };
}
