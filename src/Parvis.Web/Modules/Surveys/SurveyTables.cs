using System.Globalization;
using Microsoft.Extensions.Localization;
using Parvis.Surveys;
using Parvis.Web.Kernel.Accountability.Report;

namespace Parvis.Web.Modules.Surveys;

/// <summary>One set of answers as the results read it: how it came, and the answers kept.</summary>
public sealed record CountedResponse(SurveyChannel Channel, IReadOnlyDictionary<string, Answer> Answers);

/// <summary>
/// A survey's results as document blocks (the results page and its downloads carry the same): per question, the
/// respondents who answered it, each option's count and share of them (never of the answers), a chart with the same
/// numbers in a table; the words written, as moderation lets them be read; and breakdowns by another answer with
/// the small groups hidden. And the answers themselves, one line each, for the downloads.
/// </summary>
public static class SurveyTables
{
    public static IReadOnlyList<ReportBlock> Results(IReadOnlyList<SurveyQuestion> questions, IReadOnlyList<CountedResponse> responses,
        ILookup<string, (string Text, string Language)> texts, IStringLocalizer text, string written)
    {
        if (responses.Count == 0)
        {
            return [new ReportParagraph(text["Surveys.NoRespondent"])];
        }
        var blocks = new List<ReportBlock>
        {
            new ReportParagraph(text["Surveys.Respondents", responses.Count,
                string.Join(", ", responses.GroupBy(r => r.Channel).OrderBy(g => g.Key).Select(g => text["Surveys.ByChannel", g.Count(), text[$"SurveyChannel.{g.Key}"]].Value))]),
        };
        var answers = responses.Select(r => r.Answers).ToList();
        foreach (var question in questions.Where(q => q.Logic.Answerable))
        {
            var logic = question.Logic;
            var result = SurveyResults.Tally(logic, answers);
            blocks.Add(new ReportHeading(1, question.Label, written));
            blocks.Add(new ReportParagraph(text["Surveys.AnsweredBy", result.Respondents, responses.Count]));
            switch (logic.Kind)
            {
                case QuestionKind.ShortText or QuestionKind.LongText:
                    Words(blocks, texts[logic.Key].ToList(), "Surveys.Texts", text);
                    break;
                case QuestionKind.Number or QuestionKind.Date:
                    Spread(blocks, logic, result, text);
                    break;
                case QuestionKind.Ranking:
                    blocks.Add(Ranking(question, answers, text, written));
                    break;
                default:
                    Counts(blocks, question, result, text, written);
                    Words(blocks, texts[logic.Key].ToList(), "Surveys.OtherTexts", text);
                    break;
            }
        }
        return blocks;
    }

    /// <summary>Each choice question's counts by the groups of another answer (a commune, an age band), small groups and cells hidden.</summary>
    public static IReadOnlyList<ReportBlock> Breakdowns(IReadOnlyList<SurveyQuestion> questions, SurveyQuestion by, IReadOnlyList<CountedResponse> responses, int smallest,
        IStringLocalizer text, string written)
    {
        var blocks = new List<ReportBlock> { new ReportParagraph(text["Surveys.BreakdownExplained", by.Label, smallest]) };
        var answers = responses.Select(r => r.Answers).ToList();
        foreach (var question in questions.Where(q => q.Key != by.Key && Counted(q.Logic)))
        {
            var rows = SurveyResults.Breakdown(question.Logic, by.Logic, answers, smallest);
            var columns = Columns(question.Logic);
            blocks.Add(new ReportHeading(2, question.Label, written));
            blocks.Add(new ReportTable(text["Surveys.BreakdownCaption", question.Label, by.Label],
                [by.Label, text["Surveys.Answered"], .. columns.Select(c => c.Label)],
                [.. rows.Select(r => (IReadOnlyList<string>)[r.Group == Question.OtherPrefix ? text["Surveys.Other"] : r.Group, Cell(r.Total, smallest, text),
                    .. columns.Select(c => Cell(r.Counts[c.Value], smallest, text))])], [written], [written, null, .. columns.Select(_ => written)]));
        }
        return blocks;
    }

    /// <summary>The questions a breakdown can group by: one option per respondent.</summary>
    public static bool Groups(Question question) => question.Kind is QuestionKind.SingleChoice or QuestionKind.Scale;

    /// <summary>The answers one line each, in no order that says when they came; a header of question labels.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Lines(IReadOnlyList<SurveyQuestion> questions, IReadOnlyList<CountedResponse> responses, IStringLocalizer text)
    {
        var columns = new List<(string Header, Func<IReadOnlyDictionary<string, Answer>, string> Cell)>();
        foreach (var question in questions.Where(q => q.Logic.Answerable))
        {
            var key = question.Key;
            if (question.Logic.IsMatrix)
            {
                foreach (var line in question.Logic.Lines)
                {
                    var prefix = line + "=";
                    columns.Add(($"{question.Label} – {line}", a => Joined(a, key, v => v.StartsWith(prefix, StringComparison.Ordinal) ? v[prefix.Length..] : null)));
                }
            }
            else
            {
                columns.Add((question.Label, a => Joined(a, key, v => v)));
            }
        }
        return [[text["Surveys.Channel"], .. columns.Select(c => c.Header)],
            .. responses.Select(r => (IReadOnlyList<string>)[text[$"SurveyChannel.{r.Channel}"], .. columns.Select(c => c.Cell(r.Answers))])];
    }

    private static string Joined(IReadOnlyDictionary<string, Answer> answers, string key, Func<string, string?> pick) =>
        answers.TryGetValue(key, out var answer) ? string.Join(" | ", answer.Values.Select(pick).OfType<string>()) : "";

    private static bool Counted(Question question) =>
        question.Kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice or QuestionKind.Scale || question.IsMatrix;

    /// <summary>What a question's counts are kept under, and what they are called.</summary>
    private static IReadOnlyList<(string Value, string Label)> Columns(Question question) =>
        [.. SurveyResults.Counted(question).Select(value => (value, question.IsMatrix ? value.Replace("=", " – ", StringComparison.Ordinal) : value))];

    private static void Counts(List<ReportBlock> blocks, SurveyQuestion question, QuestionResult result, IStringLocalizer text, string written)
    {
        var logic = question.Logic;
        var columns = Columns(logic);
        var counts = columns.Select(c => result.Counts.GetValueOrDefault(c.Value)).ToList();
        var labels = columns.Select(c => c.Label).ToList();
        if (logic.Other)
        {
            labels.Add(text["Surveys.Other"]);
            counts.Add(result.Others.Count);
        }
        var shares = counts.Select(c => Share(c, result.Respondents)).ToList();
        blocks.Add(new ReportChart(text["Surveys.ChartCaption", question.Label], text["Surveys.ChartDescription", result.Respondents],
            labels, [new ReportSeries(text["Surveys.Respondents.Series"], counts)]));
        blocks.Add(new ReportTable(text["Surveys.TableCaption", question.Label], [text["Surveys.Option"], text["Surveys.Count"], text["Surveys.Share"]],
            [.. labels.Select((label, i) => (IReadOnlyList<string>)[label, counts[i].ToString("N0", CultureInfo.CurrentCulture), shares[i]])], [written]));
        if (logic.Kind is QuestionKind.MultipleChoice or QuestionKind.MatrixMultiple)
        {
            blocks.Add(new ReportParagraph(text["Surveys.SharesOverHundred"]));
        }
    }

    private static ReportTable Ranking(SurveyQuestion question, List<IReadOnlyDictionary<string, Answer>> answers, IStringLocalizer text, string written)
    {
        var rows = question.Logic.Choices.Select(option =>
        {
            var places = answers.Select(a => a.TryGetValue(question.Key, out var answer) ? answer.Values.ToList().IndexOf(option) : -1).Where(p => p >= 0).ToList();
            return (option, first: places.Count(p => p == 0), ranked: places.Count, mean: places.Count == 0 ? (double?)null : places.Average() + 1);
        }).OrderBy(r => r.mean ?? double.MaxValue).ToList();
        return new ReportTable(text["Surveys.TableCaption", question.Label], [text["Surveys.Option"], text["Surveys.RankedFirst"], text["Surveys.Ranked"], text["Surveys.MeanPlace"]],
            [.. rows.Select(r => (IReadOnlyList<string>)[r.option, r.first.ToString("N0", CultureInfo.CurrentCulture), r.ranked.ToString("N0", CultureInfo.CurrentCulture),
                r.mean?.ToString("0.0", CultureInfo.CurrentCulture) ?? "–"])], [written]);
    }

    /// <summary>Numbers and dates: the lowest, the middle and the highest given.</summary>
    private static void Spread(List<ReportBlock> blocks, Question question, QuestionResult result, IStringLocalizer text)
    {
        if (result.Texts.Count == 0)
        {
            return;
        }
        var sorted = question.Kind == QuestionKind.Number
            ? result.Texts.Select(t => SurveyPaths.Number(t)!.Value).Order().Select(n => n.ToString("N", CultureInfo.CurrentCulture)).ToList()
            : result.Texts.Select(t => SurveyPaths.Day(t)!.Value).Order().Select(d => d.ToString("d", CultureInfo.CurrentCulture)).ToList();
        blocks.Add(new ReportParagraph(text["Surveys.Spread", sorted[0], sorted[sorted.Count / 2], sorted[^1]]));
    }

    /// <summary>What respondents wrote, each list in the language it was written in.</summary>
    private static void Words(List<ReportBlock> blocks, List<(string Text, string Language)> words, string heading, IStringLocalizer text)
    {
        if (words.Count > 0)
        {
            blocks.Add(new ReportHeading(2, text[heading, words.Count]));
            blocks.AddRange(words.GroupBy(w => w.Language).Select(g => new ReportList([.. g.Select(w => w.Text)], g.Key)));
        }
    }

    private static string Share(int count, int respondents) =>
        respondents == 0 ? "–" : ((double)count / respondents).ToString("P0", CultureInfo.CurrentCulture);

    private static string Cell(int? count, int smallest, IStringLocalizer text) =>
        count is { } n ? n.ToString("N0", CultureInfo.CurrentCulture) : text["Surveys.Hidden", smallest];
}
