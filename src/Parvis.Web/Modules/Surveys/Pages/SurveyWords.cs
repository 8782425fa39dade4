using Microsoft.Extensions.Localization;
using Parvis.Surveys;

namespace Parvis.Web.Modules.Surveys.Pages;

/// <summary>A display condition in words, for staff in the editor and the path tester, and for respondents on paper.</summary>
public static class SurveyWords
{
    public static string Condition(Condition condition, IReadOnlyList<SurveyQuestion> questions, IStringLocalizer text) =>
        Words(condition, questions, text, nested: false);

    private static string Words(Condition condition, IReadOnlyList<SurveyQuestion> questions, IStringLocalizer text, bool nested) => condition switch
    {
        AnswerIs answer => text[$"Surveys.When.{answer.Comparison}", questions.FirstOrDefault(q => q.Key == answer.Question)?.Label ?? answer.Question,
            string.Join(text["Surveys.When.Values"], answer.Values),
            answer.Values.ElementAtOrDefault(0) ?? "", answer.Values.ElementAtOrDefault(1) ?? ""],
        AllOf all => Join(all.Parts, "Surveys.When.And", questions, text, nested),
        AnyOf any => Join(any.Parts, "Surveys.When.Or", questions, text, nested),
        _ => "",
    };

    private static string Join(IReadOnlyList<Condition> parts, string word, IReadOnlyList<SurveyQuestion> questions, IStringLocalizer text, bool nested)
    {
        var joined = string.Join(text[word], parts.Select(p => Words(p, questions, text, nested: true)));
        return nested && parts.Count > 1 ? $"({joined})" : joined;
    }
}
