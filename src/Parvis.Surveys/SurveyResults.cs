using System.Globalization;

namespace Parvis.Surveys;

/// <summary>
/// A question's results over the respondents who answered it: for each option (each cell of a matrix), how many of
/// them chose it, so that a multiple choice counts people per option, never combinations; "other" answers counted
/// together with their texts; free texts listed.
/// </summary>
/// <param name="Question">The question's key.</param>
/// <param name="Respondents">The respondents who answered this question (the base of every share).</param>
/// <param name="Counts">Per option, or per "line=column" for a matrix and grades, the respondents who chose it.</param>
/// <param name="Others">The texts written under "other, please specify".</param>
/// <param name="Texts">The answers of a text question, or the numbers and dates as written.</param>
public sealed record QuestionResult(string Question, int Respondents, IReadOnlyDictionary<string, int> Counts, IReadOnlyList<string> Others,
    IReadOnlyList<string> Texts)
{
    /// <summary>The share of the respondents who chose an option, never of the answers given.</summary>
    public double Share(string option) => Respondents == 0 ? 0 : (double)Counts.GetValueOrDefault(option) / Respondents;
}

/// <summary>A breakdown's cell: its count, or null where it is hidden so that nobody is singled out.</summary>
public sealed record BreakdownRow(string Group, int? Total, IReadOnlyDictionary<string, int?> Counts);

public static class SurveyResults
{
    /// <summary>The council's minimum size of a cell in a breakdown, unless it sets another.</summary>
    public const int SmallestCell = 5;

    /// <summary>One question's results over answers already checked (<see cref="SurveyAnswers.Check"/>: those kept).</summary>
    public static QuestionResult Tally(Question question, IEnumerable<IReadOnlyDictionary<string, Answer>> responses)
    {
        var counts = Counted(question).ToDictionary(o => o, _ => 0, StringComparer.Ordinal);
        var others = new List<string>();
        var texts = new List<string>();
        var respondents = 0;
        foreach (var response in responses)
        {
            if (!response.TryGetValue(question.Key, out var answer) || !answer.Given)
            {
                continue;
            }
            respondents++;
            foreach (var value in answer.Values.Distinct(StringComparer.Ordinal))
            {
                if (counts.TryGetValue(value, out var count))
                {
                    counts[value] = count + 1;
                }
                else if (question.Other && value.StartsWith(Question.OtherPrefix, StringComparison.Ordinal))
                {
                    others.Add(value[Question.OtherPrefix.Length..]);
                }
                else if (question.Kind is QuestionKind.ShortText or QuestionKind.LongText or QuestionKind.Number or QuestionKind.Date)
                {
                    texts.Add(value);
                }
            }
        }
        return new QuestionResult(question.Key, respondents, counts, others, texts);
    }

    /// <summary>What a question's answers are counted under: its options, a matrix's cells ("line=column"), a scale's steps.</summary>
    public static IEnumerable<string> Counted(Question question) => question.Kind == QuestionKind.Scale
        ? Enumerable.Range(1, question.ScaleMax).Select(step => step.ToString(CultureInfo.InvariantCulture))
        : question.IsMatrix ? question.Lines.SelectMany(l => question.Choices.Select(c => $"{l}={c}")) : question.Choices;

    /// <summary>
    /// A question's counts by group (a breakdown by another answer, say the age band): any cell under
    /// <paramref name="smallest"/> is hidden, and where a row would then hide one cell only, the next smallest goes
    /// too, or the hidden one could be worked out from the row's total; a group under the smallest size shows nothing.
    /// </summary>
    public static IReadOnlyList<BreakdownRow> Breakdown(Question question, Question by, IEnumerable<IReadOnlyDictionary<string, Answer>> responses,
        int smallest = SmallestCell)
    {
        var rows = new List<BreakdownRow>();
        foreach (var group in responses.Where(r => r.TryGetValue(by.Key, out var a) && a.Values.Count == 1).GroupBy(r => r[by.Key].Values[0], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var result = Tally(question, group);
            if (result.Respondents < smallest)
            {
                rows.Add(new BreakdownRow(group.Key, null, result.Counts.ToDictionary(c => c.Key, _ => (int?)null, StringComparer.Ordinal)));
                continue;
            }
            var cells = result.Counts.ToDictionary(c => c.Key, c => c.Value is > 0 and var n && n < smallest ? null : (int?)c.Value, StringComparer.Ordinal);
            if (cells.Count(c => c.Value is null) == 1 && cells.Where(c => c.Value is > 0).MinBy(c => c.Value) is { Key: { } next })
            {
                cells[next] = null;
            }
            rows.Add(new BreakdownRow(group.Key, result.Respondents, cells));
        }
        return rows;
    }
}
