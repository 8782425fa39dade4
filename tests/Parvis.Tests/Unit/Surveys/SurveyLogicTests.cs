using Parvis.Surveys;

namespace Parvis.Tests.Unit.Surveys;

[Trait("Suite", "unit")]
public sealed class SurveyLogicTests
{
    private static readonly string[] _yesNo = ["oui", "non"];

    private static AnswerIs Is(string question, Comparison comparison, params string[] values) => new(question, comparison, values);

    private static Dictionary<string, Answer> Answers(params (string Key, string[] Values)[] answers) =>
        answers.ToDictionary(a => a.Key, a => new Answer(a.Values));

    [Fact]
    public void An_answer_to_a_question_no_longer_shown_decides_nothing()
    {
        Question[] survey =
        [
            new("transport", QuestionKind.SingleChoice, Options: _yesNo),
            new("ligne", QuestionKind.SingleChoice, Options: ["1", "2"], ShowWhen: Is("transport", Comparison.Equals, "oui")),
            new("horaires", QuestionKind.LongText, ShowWhen: Is("ligne", Comparison.Equals, "2")),
        ];

        Assert.Equal(["transport", "ligne", "horaires"], SurveyPaths.Visible(survey, Answers(("transport", ["oui"]), ("ligne", ["2"]))));
        // The respondent went back and said no: line 2, still in their answers, no longer shows the last question.
        Assert.Equal(["transport"], SurveyPaths.Visible(survey, Answers(("transport", ["non"]), ("ligne", ["2"]))));
    }

    [Fact]
    public void A_section_shows_or_hides_everything_up_to_the_next_one()
    {
        Question[] survey =
        [
            new("age", QuestionKind.Number),
            new("jeunes", QuestionKind.Section, ShowWhen: Is("age", Comparison.Between, "15", "25")),
            new("etudes", QuestionKind.ShortText),
            new("emploi", QuestionKind.ShortText),
            new("tous", QuestionKind.Section),
            new("avis", QuestionKind.LongText),
        ];

        Assert.Equal(["age", "jeunes", "etudes", "emploi", "tous", "avis"], SurveyPaths.Visible(survey, Answers(("age", ["25"]))));
        Assert.Equal(["age", "tous", "avis"], SurveyPaths.Visible(survey, Answers(("age", ["26"]))));
        Assert.Equal(["age", "tous", "avis"], SurveyPaths.Visible(survey, Answers()));
    }

    [Fact]
    public void Comparisons_combine_with_and_and_or_said_explicitly()
    {
        Question[] survey =
        [
            new("usages", QuestionKind.MultipleChoice, Options: ["courriel", "démarches", "achats"]),
            new("naissance", QuestionKind.Date),
            new("note", QuestionKind.Scale, ScaleMax: 5),
        ];
        var answers = Answers(("usages", ["démarches", "courriel"]), ("naissance", ["1950-03-01"]), ("note", ["2"]));

        Assert.True(SurveyPaths.Holds(Is("usages", Comparison.Includes, "démarches"), answers, survey));
        Assert.True(SurveyPaths.Holds(Is("usages", Comparison.Equals, "courriel", "démarches"), answers, survey));
        Assert.False(SurveyPaths.Holds(Is("usages", Comparison.Equals, "courriel"), answers, survey));
        Assert.True(SurveyPaths.Holds(new AllOf([Is("naissance", Comparison.Between, "1940-01-01", "1959-12-31"), Is("note", Comparison.Differs, "5")]), answers, survey));
        Assert.False(SurveyPaths.Holds(new AllOf([Is("note", Comparison.Equals, "2"), Is("usages", Comparison.Includes, "achats")]), answers, survey));
        Assert.True(SurveyPaths.Holds(new AnyOf([Is("note", Comparison.Equals, "5"), Is("usages", Comparison.Includes, "courriel")]), answers, survey));
        // Not answered satisfies nothing, "differs" included.
        Assert.False(SurveyPaths.Holds(Is("note", Comparison.Differs, "5"), Answers(), survey));
    }

    [Fact]
    public void Conditions_that_name_a_later_question_or_a_wrong_value_are_refused_next_to_their_question()
    {
        Question[] survey =
        [
            new("transport", QuestionKind.SingleChoice, Options: _yesNo, ShowWhen: Is("transport", Comparison.Equals, "oui")),
            new("bloc", QuestionKind.TextBlock),
            new("note", QuestionKind.Scale, ScaleMax: 5, ShowWhen: Is("plus-tard", Comparison.Equals, "oui")),
            new("a", QuestionKind.ShortText, ShowWhen: Is("bloc", Comparison.Equals, "x")),
            new("b", QuestionKind.ShortText, ShowWhen: Is("transport", Comparison.Between, "1", "2")),
            new("c", QuestionKind.ShortText, ShowWhen: Is("transport", Comparison.Equals, "peut-être")),
            new("d", QuestionKind.ShortText, ShowWhen: Is("note", Comparison.Equals, "7")),
            new("e", QuestionKind.ShortText, ShowWhen: Is("note", Comparison.Between, "4", "2")),
            new("plus-tard", QuestionKind.SingleChoice, Options: _yesNo),
            new("vide", QuestionKind.MultipleChoice),
        ];

        Assert.Equal(
        [
            new("vide", SurveyProblem.NoOptions), new("transport", SurveyProblem.LaterQuestion), new("note", SurveyProblem.LaterQuestion),
            new("a", SurveyProblem.NotAnswerable), new("b", SurveyProblem.WrongComparison), new("c", SurveyProblem.NotAValue),
            new("d", SurveyProblem.NotAValue), new("e", SurveyProblem.EmptyRange),
        ], SurveyCheck.Problems(survey));
    }

    [Fact]
    public void A_condition_that_no_path_makes_true_and_a_required_question_no_path_shows_are_found()
    {
        Question[] survey =
        [
            new("transport", QuestionKind.SingleChoice, Required: true, Options: _yesNo),
            new("bus", QuestionKind.Section, ShowWhen: Is("transport", Comparison.Equals, "oui")),
            new("ligne", QuestionKind.SingleChoice, Options: ["1", "2"]),
            // "ligne" is only shown to those who said yes: it cannot be answered by those who said no.
            new("contradiction", QuestionKind.ShortText, ShowWhen: new AllOf([Is("transport", Comparison.Equals, "non"), Is("ligne", Comparison.Equals, "1")])),
            new("a-pied", QuestionKind.Section, ShowWhen: Is("transport", Comparison.Equals, "non")),
            // Its condition holds for those who took line 2, but they said yes: this section is not theirs.
            new("attente", QuestionKind.Scale, Required: true, ScaleMax: 5, ShowWhen: Is("ligne", Comparison.Equals, "2")),
            new("age", QuestionKind.Number, ShowWhen: Is("transport", Comparison.Differs, "oui")),
            new("jeunes", QuestionKind.ShortText, Required: true, ShowWhen: new AnyOf([Is("age", Comparison.Between, "15", "25"), Is("ligne", Comparison.Equals, "1")])),
        ];

        Assert.Equal([new("contradiction", SurveyProblem.NeverTrue), new("attente", SurveyProblem.RequiredUnreachable)], SurveyCheck.Problems(survey));
        Assert.Empty(SurveyCheck.Problems([.. survey.Where(q => q.Key is not ("contradiction" or "attente"))]));
    }

    [Fact]
    public void A_survey_with_too_many_paths_to_try_says_so_rather_than_run_for_long()
    {
        string[] eight = ["a", "b", "c", "d", "e", "f", "g", "h"];
        var many = Enumerable.Range(0, 4).Select(i => new Question($"q{i}", QuestionKind.MultipleChoice, Options: eight)).ToList();
        many.Add(new Question("fin", QuestionKind.ShortText, ShowWhen: new AllOf([.. many.Select(q => Is(q.Key, Comparison.Includes, "a"))])));

        Assert.Equal([new Problem("fin", SurveyProblem.TooComplex)], SurveyCheck.Problems(many));
    }

    [Fact]
    public void Answers_are_kept_only_for_the_questions_shown_and_each_fits_its_question()
    {
        Question[] survey =
        [
            new("internet", QuestionKind.SingleChoice, Required: true, Options: _yesNo),
            new("usages", QuestionKind.MultipleChoice, Options: ["courriel", "démarches"], ShowWhen: Is("internet", Comparison.Equals, "oui")),
            new("aide", QuestionKind.LongText, Required: true, ShowWhen: Is("internet", Comparison.Equals, "non")),
            new("note", QuestionKind.Scale, ScaleMax: 5),
            new("age", QuestionKind.Number),
            new("arrivee", QuestionKind.Date),
            new("ordre", QuestionKind.Ranking, Options: ["bus", "vélo"]),
        ];

        var good = SurveyAnswers.Check(survey, Answers(("internet", ["oui"]), ("usages", ["démarches"]), ("aide", ["Je ne sais pas faire."]),
            ("note", ["4"]), ("age", ["71"]), ("arrivee", ["1998-09-01"]), ("ordre", ["vélo", "bus"])));
        Assert.Empty(good.Problems);
        // The answer to the question the path left behind is not kept.
        Assert.Equal(["internet", "usages", "note", "age", "arrivee", "ordre"], good.Kept.Keys);

        var bad = SurveyAnswers.Check(survey, Answers(("internet", ["non"]), ("note", ["6"]), ("age", ["soixante"]), ("arrivee", ["01/09/1998"]),
            ("ordre", ["bus", "bus"])));
        Assert.Equal(
        [
            ("aide", AnswerProblem.Required), ("note", AnswerProblem.OffScale), ("age", AnswerProblem.NotANumber),
            ("arrivee", AnswerProblem.NotADate), ("ordre", AnswerProblem.NotAnOption),
        ], bad.Problems);
        Assert.Equal(AnswerProblem.OneOnly, Assert.Single(SurveyAnswers.Check(survey, Answers(("internet", ["oui", "non"]))).Problems).Problem);
        Assert.Equal(AnswerProblem.NotAnOption, Assert.Single(SurveyAnswers.Check(survey, Answers(("internet", ["peut-être"]))).Problems).Problem);
        Assert.Equal(AnswerProblem.TooLong, Assert.Single(SurveyAnswers.Check(survey, Answers(("internet", ["non"]), ("aide", [new string('x', SurveyAnswers.LongTextMax + 1)]))).Problems).Problem);
    }
}
