using System.Globalization;

namespace Parvis.Surveys;

/// <summary>Why a survey cannot be published as it is, said next to the question concerned.</summary>
public enum SurveyProblem
{
    /// <summary>Two questions share a key.</summary>
    DuplicateKey,

    /// <summary>A choice question without options, or a scale without a top value of 2 or more.</summary>
    NoOptions,

    /// <summary>A condition names a question the survey does not have.</summary>
    UnknownQuestion,

    /// <summary>A condition names this question or a later one: nobody has answered it yet when this one shows.</summary>
    LaterQuestion,

    /// <summary>A condition names a section or a text block, which take no answer.</summary>
    NotAnswerable,

    /// <summary>A comparison that does not apply to that kind of question (a range on a choice, an option on a number).</summary>
    WrongComparison,

    /// <summary>A value that question cannot take (not one of its options, off its scale, not a number or a date).</summary>
    NotAValue,

    /// <summary>A range whose lower bound is above its upper one.</summary>
    EmptyRange,

    /// <summary>No answers at all make the condition hold.</summary>
    NeverTrue,

    /// <summary>A required question no path through the survey shows.</summary>
    RequiredUnreachable,

    /// <summary>Too many paths to try them all: the conditions must be made simpler to be checked.</summary>
    TooComplex,
}

public sealed record Problem(string Question, SurveyProblem Kind);

/// <summary>
/// The checks before publication. Each condition is first read on its own (what it names, the values it compares
/// with); then every path through the survey is tried, branching on the answers that conditions read (each option, the
/// values on either side of each bound, no answer where the question is optional), to find the conditions that can
/// never hold and the required questions no path shows.
/// </summary>
public static class SurveyCheck
{
    /// <summary>Beyond this many paths the survey is said too complex rather than checked for long.</summary>
    public const int MostPaths = 200_000;

    /// <summary>A multiple choice or a matrix whose conditions name more options (cells) than this has too many sets to try.</summary>
    private const int MostNamedOptions = 15;

    public static IReadOnlyList<Problem> Problems(IReadOnlyList<Question> questions)
    {
        var problems = new List<Problem>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < questions.Count; i++)
        {
            var question = questions[i];
            if (!index.TryAdd(question.Key, i))
            {
                problems.Add(new Problem(question.Key, SurveyProblem.DuplicateKey));
            }
            if (question.Kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice or QuestionKind.Ranking && question.Choices.Count == 0
                || question.IsMatrix && (question.Choices.Count == 0 || question.Lines.Count == 0)
                || question.Kind == QuestionKind.Scale && question.ScaleMax < 2)
            {
                problems.Add(new Problem(question.Key, SurveyProblem.NoOptions));
            }
        }
        for (var i = 0; i < questions.Count; i++)
        {
            if (questions[i].ShowWhen is { } condition)
            {
                problems.AddRange(Tests(condition).Select(test => Read(test, i, questions, index)).OfType<SurveyProblem>()
                    .Distinct().Select(kind => new Problem(questions[i].Key, kind)));
            }
        }
        return problems.Count > 0 ? problems : Paths(questions);
    }

    private static IEnumerable<AnswerIs> Tests(Condition condition) => condition switch
    {
        AnswerIs test => [test],
        AllOf all => all.Parts.SelectMany(Tests),
        AnyOf any => any.Parts.SelectMany(Tests),
        _ => [],
    };

    /// <summary>A comparison on its own: what it names, and whether its values fit that question.</summary>
    private static SurveyProblem? Read(AnswerIs test, int at, IReadOnlyList<Question> questions, Dictionary<string, int> index)
    {
        if (!index.TryGetValue(test.Question, out var target))
        {
            return SurveyProblem.UnknownQuestion;
        }
        if (target >= at)
        {
            return SurveyProblem.LaterQuestion;
        }
        var question = questions[target];
        if (!question.Answerable)
        {
            return SurveyProblem.NotAnswerable;
        }
        var kind = question.Kind;
        var choice = kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice or QuestionKind.Ranking || question.IsMatrix;
        return test.Comparison switch
        {
            Comparison.Between when kind is not (QuestionKind.Number or QuestionKind.Scale or QuestionKind.Date) => SurveyProblem.WrongComparison,
            Comparison.Between when test.Values.Count != 2 || !test.Values.All(v => Fits(question, v)) => SurveyProblem.NotAValue,
            Comparison.Between when Order(question, test.Values[0]) > Order(question, test.Values[1]) => SurveyProblem.EmptyRange,
            Comparison.Includes when !choice => SurveyProblem.WrongComparison,
            Comparison.Includes when test.Values.Count != 1 || !Fits(question, test.Values[0]) => SurveyProblem.NotAValue,
            Comparison.Equals or Comparison.Differs when kind == QuestionKind.Ranking || question.IsMatrix => SurveyProblem.WrongComparison,
            Comparison.Equals or Comparison.Differs when test.Values.Count == 0 || kind != QuestionKind.MultipleChoice && test.Values.Count != 1
                || !test.Values.All(v => Fits(question, v)) => SurveyProblem.NotAValue,
            _ => null,
        };
    }

    private static bool Fits(Question question, string value) => question.Kind switch
    {
        QuestionKind.SingleChoice or QuestionKind.MultipleChoice or QuestionKind.Ranking => question.Choices.Contains(value, StringComparer.Ordinal),
        QuestionKind.MatrixSingle or QuestionKind.MatrixMultiple or QuestionKind.Grades => question.Offers(value),
        QuestionKind.Scale => SurveyPaths.Number(value) is { } n && n == decimal.Truncate(n) && n >= 1 && n <= question.ScaleMax,
        QuestionKind.Number => SurveyPaths.Number(value) is not null,
        QuestionKind.Date => SurveyPaths.Day(value) is not null,
        _ => true,
    };

    private static decimal Order(Question question, string value) =>
        question.Kind == QuestionKind.Date ? SurveyPaths.Day(value)!.Value.DayNumber : SurveyPaths.Number(value)!.Value;

    /// <summary>Every path, branching on the answers conditions read; a condition never holding, a required question never shown.</summary>
    private static List<Problem> Paths(IReadOnlyList<Question> questions)
    {
        var conditions = questions.Where(q => q.ShowWhen is not null).SelectMany(q => Tests(q.ShowWhen!)).ToList();
        var read = conditions.Select(t => t.Question).ToHashSet(StringComparer.Ordinal);
        var domains = new Dictionary<string, IReadOnlyList<Answer?>>(StringComparer.Ordinal);
        foreach (var question in questions.Where(q => read.Contains(q.Key)))
        {
            if (Domain(question, [.. conditions.Where(t => t.Question == question.Key)]) is not { } domain)
            {
                return [new Problem(questions.First(q => q.ShowWhen is not null).Key, SurveyProblem.TooComplex)];
            }
            domains[question.Key] = domain;
        }
        var kinds = SurveyPaths.Kinds(questions);
        var held = new bool[questions.Count];
        var shown = new bool[questions.Count];
        var answers = new Dictionary<string, Answer>(StringComparer.Ordinal);
        var paths = 0;

        bool Walk(int at, bool sectionShown)
        {
            if (at == questions.Count)
            {
                return ++paths <= MostPaths;
            }
            var question = questions[at];
            var holds = question.ShowWhen is null || SurveyPaths.Holds(question.ShowWhen, answers, kinds);
            held[at] |= holds;
            if (question.Kind == QuestionKind.Section)
            {
                sectionShown = holds;
            }
            var visible = sectionShown && holds;
            shown[at] |= visible;
            if (!visible || !domains.TryGetValue(question.Key, out var domain))
            {
                return Walk(at + 1, sectionShown);
            }
            foreach (var answer in domain)
            {
                if (answer is null && question.Required)
                {
                    continue;
                }
                if (answer is null)
                {
                    answers.Remove(question.Key);
                }
                else
                {
                    answers[question.Key] = answer;
                }
                if (!Walk(at + 1, sectionShown))
                {
                    return false;
                }
            }
            answers.Remove(question.Key);
            return true;
        }

        if (!Walk(0, true))
        {
            return [new Problem(questions.First(q => q.ShowWhen is not null).Key, SurveyProblem.TooComplex)];
        }
        var problems = new List<Problem>();
        for (var i = 0; i < questions.Count; i++)
        {
            if (!held[i])
            {
                problems.Add(new Problem(questions[i].Key, SurveyProblem.NeverTrue));
            }
            else if (!shown[i] && questions[i].Required)
            {
                problems.Add(new Problem(questions[i].Key, SurveyProblem.RequiredUnreachable));
            }
        }
        return problems;
    }

    /// <summary>
    /// The answers worth trying for a question conditions read: enough to meet every case the conditions tell apart.
    /// No answer; the options they name, one they do not, and "other" where offered (every set of those, for a multiple
    /// choice; of the named cells, for a matrix, one per line where a line takes one); each number
    /// or day they name, the values either side of it and between two of them; each step of a scale they name and its
    /// neighbours. Null when a multiple choice has too many named options to try each set.
    /// </summary>
    private static IReadOnlyList<Answer?>? Domain(Question question, IReadOnlyList<AnswerIs> tests)
    {
        var named = tests.SelectMany(t => t.Values).Distinct(StringComparer.Ordinal).ToList();
        var choices = question.IsMatrix ? named
            : named.Intersect(question.Choices, StringComparer.Ordinal).Concat(question.Choices.Except(named, StringComparer.Ordinal).Take(1))
                .Concat(question.Other ? [Question.OtherPrefix + Unnamed(named)] : []).ToList();
        if ((question.Kind == QuestionKind.MultipleChoice || question.IsMatrix) && choices.Count > MostNamedOptions)
        {
            return null;
        }
        IEnumerable<Answer> values = question.Kind switch
        {
            QuestionKind.SingleChoice => choices.Select(o => Answer.Of(o)),
            QuestionKind.MultipleChoice or QuestionKind.MatrixMultiple => Subsets(choices),
            // One column per line: the sets of named cells with no two on the same line.
            QuestionKind.MatrixSingle or QuestionKind.Grades => Subsets(choices)
                .Where(a => a.Values.Select(v => v.Split('=')[0]).Distinct(StringComparer.Ordinal).Count() == a.Values.Count),
            QuestionKind.Ranking => [new Answer(question.Choices)],
            QuestionKind.Scale => Around(named.Select(v => SurveyPaths.Number(v)!.Value))
                .Where(n => n == decimal.Truncate(n) && n >= 1 && n <= question.ScaleMax).Select(n => Answer.Of(n.ToString(CultureInfo.InvariantCulture))),
            QuestionKind.Number => Around(named.Select(v => SurveyPaths.Number(v)!.Value)).Select(n => Answer.Of(n.ToString(CultureInfo.InvariantCulture))),
            QuestionKind.Date => Around(named.Select(v => (decimal)SurveyPaths.Day(v)!.Value.DayNumber))
                .Where(d => d >= DateOnly.MinValue.DayNumber && d <= DateOnly.MaxValue.DayNumber)
                .Select(d => Answer.Of(DateOnly.FromDayNumber((int)d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
            // A text: each value named, and one no condition names.
            _ => [.. named.Select(v => Answer.Of(v)), Answer.Of(Unnamed(named))],
        };
        return [null, .. values];
    }

    /// <summary>Each value, one either side, and the middle between two neighbours (for numbers between whole ones).</summary>
    private static SortedSet<decimal> Around(IEnumerable<decimal> values)
    {
        var sorted = values.Distinct().Order().ToList();
        var around = new SortedSet<decimal>();
        for (var i = 0; i < sorted.Count; i++)
        {
            var value = sorted[i];
            around.Add(value);
            if (value > decimal.MinValue + 1)
            {
                around.Add(value - 1);
            }
            if (value < decimal.MaxValue - 1)
            {
                around.Add(value + 1);
            }
            if (i > 0)
            {
                around.Add(sorted[i - 1] / 2 + value / 2);
            }
        }
        return around;
    }

    private static string Unnamed(IReadOnlyList<string> named)
    {
        var value = "\u2026";
        while (named.Contains(value, StringComparer.Ordinal))
        {
            value += "\u2026";
        }
        return value;
    }

    private static IEnumerable<Answer> Subsets(List<string> options)
    {
        for (var mask = 1; mask < 1 << options.Count; mask++)
        {
            yield return new Answer([.. options.Where((_, i) => (mask & (1 << i)) != 0)]);
        }
    }
}
