using System.Globalization;
using Microsoft.Extensions.Localization;
using Parvis.Surveys;
using Parvis.Web.Kernel.Accountability.Report;
using Parvis.Web.Modules.Surveys.Pages;

namespace Parvis.Web.Modules.Surveys;

/// <summary>
/// A survey as a paper form, to print or download: every question numbered, each condition written as "answer only
/// if…", boxes to tick and lines to write on; in easy-to-read words where staff wrote them.
/// </summary>
public static class SurveyPaper
{
    private const string Box = "☐";

    /// <summary>The survey on paper; its questions are in the organisation's language (written).</summary>
    public static ReportDocument Build(Survey survey, IReadOnlyList<SurveyQuestion> questions, bool easy, IStringLocalizer text, string written)
    {
        var intro = easy && survey.EasyIntro.Length > 0 ? survey.EasyIntro : survey.Intro;
        var blocks = new List<ReportBlock> { new ReportParagraph(text["Surveys.PaperInstructions"]) };
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        // Questions are headings under their section's, or the first level when there are no sections.
        var level = questions.Any(q => q.Logic.Kind == QuestionKind.Section) ? 2 : 1;
        var labelled = questions.Select(q => q with { Label = Label(q, easy, numbers, questions) }).ToList();
        foreach (var question in labelled)
        {
            var logic = question.Logic;
            if (logic.Kind == QuestionKind.Section)
            {
                blocks.Add(new ReportHeading(1, question.Label, written));
            }
            else if (logic.Kind == QuestionKind.TextBlock)
            {
                blocks.Add(new ReportParagraph(question.Label, written));
            }
            else
            {
                blocks.Add(logic.Required ? new ReportHeading(level, text["Surveys.RequiredLabel", question.Label]) : new ReportHeading(level, question.Label, written));
            }
            if (logic.ShowWhen is { } condition)
            {
                blocks.Add(new ReportParagraph(text["Surveys.PaperOnlyIf", SurveyWords.Condition(condition, labelled, text)]));
            }
            if (question.Hint.Length > 0 && logic.Answerable)
            {
                blocks.Add(new ReportParagraph(question.Hint, written));
            }
            blocks.AddRange(Space(question, text, written));
        }
        return new ReportDocument(survey.Title, intro, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, blocks)
        {
            TitleLanguage = written, SubtitleLanguage = written,
        };
    }

    /// <summary>The words a question is printed with: numbered, so that a condition can name it.</summary>
    private static string Label(SurveyQuestion question, bool easy, Dictionary<string, int> numbers, IReadOnlyList<SurveyQuestion> questions)
    {
        var label = easy && question.EasyLabel.Length > 0 ? question.EasyLabel : question.Label;
        if (!question.Logic.Answerable)
        {
            return label;
        }
        numbers[question.Key] = numbers.Count + 1;
        return $"{numbers[question.Key]}. {label}";
    }

    private static IEnumerable<ReportBlock> Space(SurveyQuestion question, IStringLocalizer text, string written)
    {
        var logic = question.Logic;
        switch (logic.Kind)
        {
            case QuestionKind.SingleChoice or QuestionKind.MultipleChoice:
                yield return new ReportParagraph(text[logic.Kind == QuestionKind.SingleChoice ? "Surveys.PaperOne" : "Surveys.PaperSeveral"]);
                yield return new ReportList([.. logic.Choices.Select(c => $"{Box} {c}")], written);
                if (logic.Other)
                {
                    yield return new ReportList([$"{Box} {text["Surveys.Other"]}{text["Surveys.Colon"]} ______________________"]);
                }
                break;
            case QuestionKind.Scale:
                yield return new ReportParagraph(string.Join("   ", Enumerable.Range(1, logic.ScaleMax).Select(step =>
                    $"{Box} {step}{(step == 1 && question.LowLabel.Length > 0 ? $" ({question.LowLabel})" : step == logic.ScaleMax && question.HighLabel.Length > 0 ? $" ({question.HighLabel})" : "")}")), written);
                break;
            case QuestionKind.Ranking:
                yield return new ReportParagraph(text["Surveys.PaperRanking"]);
                yield return new ReportList([.. logic.Choices.Select(c => $"___ {c}")], written);
                break;
            case QuestionKind.MatrixSingle or QuestionKind.MatrixMultiple or QuestionKind.Grades:
                yield return new ReportParagraph(text[logic.Kind == QuestionKind.MatrixMultiple ? "Surveys.PaperSeveralPerLine" : "Surveys.PaperOnePerLine"]);
                yield return new ReportTable(question.Label, ["", .. logic.Choices], [.. logic.Lines.Select(l => (IReadOnlyList<string>)[l, .. logic.Choices.Select(_ => Box)])]);
                break;
            case QuestionKind.ShortText or QuestionKind.Number or QuestionKind.Date:
                yield return new ReportParagraph("____________________________________________");
                break;
            case QuestionKind.LongText:
                for (var line = 0; line < 5; line++)
                {
                    yield return new ReportParagraph("____________________________________________________________");
                }
                break;
        }
    }
}
