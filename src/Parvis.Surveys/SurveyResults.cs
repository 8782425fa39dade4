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
    /// A question's counts by group (a breakdown by another answer, say the age band): a group under
    /// <paramref name="smallest"/> shows nothing, and any cell under it is hidden. Then, until nothing changes, a row or
    /// a column where one count only is hidden hides its next smallest too, or the hidden one could be worked out from
    /// the group's total or from the question's own results. Answers under "other, please specify" form one group,
    /// never one per text.
    /// </summary>
    public static IReadOnlyList<BreakdownRow> Breakdown(Question question, Question by, IEnumerable<IReadOnlyDictionary<string, Answer>> responses,
        int smallest = SmallestCell)
    {
        var groups = responses.Where(r => r.TryGetValue(by.Key, out var a) && a.Values.Count == 1)
            .GroupBy(r => r[by.Key].Values[0].StartsWith(Question.OtherPrefix, StringComparison.Ordinal) ? Question.OtherPrefix : r[by.Key].Values[0], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, Result: Tally(question, g)))
            .ToList();
        var columns = Counted(question).ToList();
        var cells = groups.Select(g => columns.Select(c => g.Result.Respondents < smallest || g.Result.Counts[c] is > 0 and var n && n < smallest
            ? (int?)null : g.Result.Counts[c]).ToArray()).ToList();
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var row in cells)
            {
                changed |= HideSecond(row);
            }
            for (var c = 0; c < columns.Count; c++)
            {
                var column = cells.Select(r => r[c]).ToArray();
                if (HideSecond(column))
                {
                    changed = true;
                    for (var r = 0; r < cells.Count; r++)
                    {
                        cells[r][c] = column[r];
                    }
                }
            }
        }
        return [.. groups.Select((g, r) => new BreakdownRow(g.Key, g.Result.Respondents < smallest ? null : g.Result.Respondents,
            columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => cells[r][x.i], StringComparer.Ordinal)))];
    }

    /// <summary>Where exactly one count is hidden, hides the smallest shown (a zero first: it tells least); whether it hid one.</summary>
    private static bool HideSecond(int?[] line)
    {
        if (line.Count(v => v is null) != 1)
        {
            return false;
        }
        var next = -1;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] is { } n && (next < 0 || n < line[next]!.Value))
            {
                next = i;
            }
        }
        if (next < 0)
        {
            return false;
        }
        line[next] = null;
        return true;
    }
}
