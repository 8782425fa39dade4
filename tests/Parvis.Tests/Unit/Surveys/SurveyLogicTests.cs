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
        var many = Enumerable.Range(0, 10).Select(i => new Question($"q{i}", QuestionKind.Number)).ToList();
        many.Add(new Question("fin", QuestionKind.ShortText, ShowWhen: new AllOf([.. many.Select(q => Is(q.Key, Comparison.Between, "1", "10"))])));
        Assert.Equal([new Problem("fin", SurveyProblem.TooComplex)], SurveyCheck.Problems(many));

        // A multiple choice whose conditions name many options: too many sets of them to try, said at once.
        var options = Enumerable.Range(0, 40).Select(i => $"o{i}").ToArray();
        Question[] wide = [new("q", QuestionKind.MultipleChoice, Required: true, Options: options), new("fin", QuestionKind.ShortText, ShowWhen: Is("q", Comparison.Equals, options))];
        Assert.Equal([new Problem("fin", SurveyProblem.TooComplex)], SurveyCheck.Problems(wide));
    }

    [Fact]
    public void The_values_tried_tell_apart_every_case_the_conditions_name()
    {
        string[] ten = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
        Question[] survey =
        [
            new("usages", QuestionKind.MultipleChoice, Options: ten),
            new("taux", QuestionKind.Number),
            new("avis", QuestionKind.ShortText),
            new("note", QuestionKind.Scale, ScaleMax: 5),
            new("jour", QuestionKind.Date),
            // Exactly a and j among ten options; a rate strictly between 1 and 2; a text that is not "…".
            new("q1", QuestionKind.ShortText, ShowWhen: Is("usages", Comparison.Equals, "a", "j")),
            new("q2", QuestionKind.ShortText, ShowWhen: new AllOf([Is("taux", Comparison.Between, "1", "2"), Is("taux", Comparison.Differs, "1"), Is("taux", Comparison.Differs, "2")])),
            new("q3", QuestionKind.ShortText, ShowWhen: Is("avis", Comparison.Differs, "\u2026")),
            new("q4", QuestionKind.ShortText, ShowWhen: new AllOf([Is("note", Comparison.Between, "2", "3"), Is("note", Comparison.Differs, "2"), Is("note", Comparison.Differs, "3")])),
            new("q5", QuestionKind.ShortText, ShowWhen: Is("jour", Comparison.Between, "0001-01-01", "0001-01-02")),
        ];

        // Only the scale has no step strictly between 2 and 3.
        Assert.Equal([new Problem("q4", SurveyProblem.NeverTrue)], SurveyCheck.Problems(survey));
        Assert.Equal(
            [new Problem("dup", SurveyProblem.DuplicateKey), new Problem("x", SurveyProblem.UnknownQuestion)],
            SurveyCheck.Problems([new("dup", QuestionKind.ShortText), new("dup", QuestionKind.LongText), new("x", QuestionKind.ShortText, ShowWhen: Is("nulle-part", Comparison.Equals, "1"))]));
    }

    [Fact]
    public void What_shows_next_depends_on_the_answers_kept_never_on_one_refused_or_blank()
    {
        Question[] survey =
        [
            new("internet", QuestionKind.SingleChoice, Required: true, Options: _yesNo),
            new("usages", QuestionKind.ShortText, Required: true, ShowWhen: Is("internet", Comparison.Includes, "oui")),
            new("age", QuestionKind.Number),
            new("ancien", QuestionKind.ShortText, ShowWhen: Is("age", Comparison.Differs, "30")),
        ];

        // Padded, the answer is kept trimmed and shows what follows.
        var padded = SurveyAnswers.Check(survey, Answers(("internet", ["oui "]), ("usages", ["courriel"]), ("age", ["2,5"])));
        Assert.Empty(padded.Problems);
        Assert.Equal(["oui"], padded.Kept["internet"].Values);
        Assert.Equal("courriel", padded.Kept["usages"].Values[0]);
        // Refused, an answer shows nothing more: no follow-up, no spurious "required".
        var refused = SurveyAnswers.Check(survey, Answers(("internet", ["oui", "non"]), ("age", ["trente"]), ("ancien", ["oui"])));
        Assert.Equal([("internet", AnswerProblem.OneOnly), ("age", AnswerProblem.NotANumber)], refused.Problems);
        Assert.Empty(refused.Kept);
        // Blank is no answer.
        Assert.Equal([("internet", AnswerProblem.Required)], SurveyAnswers.Check(survey, Answers(("internet", ["  "]), ("age", [" "]))).Problems);
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

    [Fact]
    public void Matrices_grades_and_other_please_specify_take_their_answers_and_their_conditions()
    {
        string[] often = ["jamais", "parfois", "souvent"];
        string[] grades = ["excellent", "bien", "passable", "à rejeter"];
        Question[] survey =
        [
            new("moyens", QuestionKind.MatrixSingle, Options: often, Rows: ["bus", "vélo"]),
            new("lieux", QuestionKind.MatrixMultiple, Options: ["semaine", "week-end"], Rows: ["marché", "plage"]),
            new("projets", QuestionKind.Grades, Required: true, Options: grades, Rows: ["piste", "navette"]),
            new("autre", QuestionKind.SingleChoice, Options: _yesNo, Other: true),
            new("bus", QuestionKind.ShortText, ShowWhen: Is("moyens", Comparison.Includes, "bus=souvent")),
            new("impossible", QuestionKind.ShortText, ShowWhen: new AllOf([Is("moyens", Comparison.Includes, "bus=jamais"), Is("moyens", Comparison.Includes, "bus=souvent")])),
            new("les-deux", QuestionKind.ShortText, ShowWhen: new AllOf([Is("lieux", Comparison.Includes, "marché=semaine"), Is("lieux", Comparison.Includes, "marché=week-end")])),
            new("ni-oui-ni-non", QuestionKind.ShortText, ShowWhen: new AllOf([Is("autre", Comparison.Differs, "oui"), Is("autre", Comparison.Differs, "non")])),
        ];

        // One column per line makes two on the same line impossible; several columns, or "other", do not.
        Assert.Equal([new Problem("impossible", SurveyProblem.NeverTrue)], SurveyCheck.Problems(survey));
        Assert.Contains(new Problem("ni-oui-ni-non", SurveyProblem.NeverTrue), SurveyCheck.Problems([.. survey.Select(q => q with { Other = false })]));
        Assert.Equal([new Problem("x", SurveyProblem.WrongComparison)],
            SurveyCheck.Problems([survey[0], new("x", QuestionKind.ShortText, ShowWhen: Is("moyens", Comparison.Equals, "bus=souvent"))]));
        Assert.Equal([new Problem("x", SurveyProblem.NotAValue)],
            SurveyCheck.Problems([survey[0], new("x", QuestionKind.ShortText, ShowWhen: Is("moyens", Comparison.Includes, "voiture=souvent"))]));

        var answers = Answers(("moyens", ["bus=souvent", "vélo=jamais"]), ("lieux", ["marché=semaine", "marché=week-end"]),
            ("projets", ["piste=bien", "navette=excellent"]), ("autre", ["other:Le train"]));
        var good = SurveyAnswers.Check(survey, answers);
        Assert.Empty(good.Problems);
        Assert.Contains("bus", SurveyPaths.Visible(survey, good.Kept));
        Assert.Contains("ni-oui-ni-non", SurveyPaths.Visible(survey, good.Kept));

        var bad = SurveyAnswers.Check(survey, Answers(("moyens", ["bus=souvent", "bus=jamais"]), ("lieux", ["plage=nuit"]),
            ("projets", ["piste=bien"]), ("autre", ["other:"])));
        Assert.Equal(
        [
            ("moyens", AnswerProblem.OneOnly), ("lieux", AnswerProblem.NotAnOption), ("projets", AnswerProblem.Required), ("autre", AnswerProblem.NotAnOption),
        ], bad.Problems);
    }

    [Fact]
    public void Results_count_respondents_per_option_never_combinations_and_breakdowns_hide_small_cells()
    {
        var usages = new Question("usages", QuestionKind.MultipleChoice, Options: ["courriel", "démarches", "achats"], Other: true);
        var age = new Question("age", QuestionKind.SingleChoice, Options: ["moins de 30 ans", "30 à 59 ans", "60 ans et plus"]);
        var responses = new List<IReadOnlyDictionary<string, Answer>>();
        void Add(int times, string band, params string[] chosen)
        {
            for (var i = 0; i < times; i++)
            {
                responses.Add(Answers(("age", [band]), ("usages", chosen)));
            }
        }
        Add(6, "30 à 59 ans", "courriel", "démarches");
        Add(4, "30 à 59 ans", "courriel");
        Add(3, "60 ans et plus", "démarches");
        Add(10, "moins de 30 ans", "courriel", "achats", "other:Jeux");
        responses.Add(Answers(("age", ["60 ans et plus"])));

        var result = SurveyResults.Tally(usages, responses);

        // 23 people answered; each option counts the people who ticked it, whatever else they ticked.
        Assert.Equal(23, result.Respondents);
        Assert.Equal(new Dictionary<string, int> { ["courriel"] = 20, ["démarches"] = 9, ["achats"] = 10 }, result.Counts);
        Assert.Equal(20.0 / 23, result.Share("courriel"), 12);
        Assert.Equal(Enumerable.Repeat("Jeux", 10), result.Others);

        var rows = SurveyResults.Breakdown(usages, age, responses);
        Assert.Equal(["30 à 59 ans", "60 ans et plus", "moins de 30 ans"], rows.Select(r => r.Group));
        // 60 and over: only 3 answered, under 5: nothing shown.
        Assert.True(rows[1] is { Total: null } && rows[1].Counts.Values.All(c => c is null));
        Assert.Equal([10, null, 10], rows.Select(r => r.Total));
        // No count under 5 shows but zeros, and no row or column hides a single count, which its total would give away.
        Assert.All(rows.SelectMany(r => r.Counts.Values), c => Assert.True(c is null or 0 or >= 5));
        foreach (var line in rows.Where(r => r.Total is not null).Select(r => r.Counts.Values).Concat(result.Counts.Keys.Select(k => rows.Select(r => r.Counts[k]))))
        {
            Assert.NotEqual(1, line.Count(c => c is null));
        }
        // Whatever was written under "other" is one group, never a row named by its text.
        var bySomething = new Question("raison", QuestionKind.SingleChoice, Options: ["travail"], Other: true);
        var others = Enumerable.Range(0, 6).Select(i => (IReadOnlyDictionary<string, Answer>)Answers(("raison", [$"other:mon secret {i}"]), ("usages", ["courriel"]))).ToList();
        Assert.Equal([Question.OtherPrefix], SurveyResults.Breakdown(usages, bySomething, others).Select(r => r.Group));
    }

    [Fact]
    public void A_single_hidden_cell_takes_the_next_smallest_with_it_so_the_total_does_not_give_it_away()
    {
        var where = new Question("lieu", QuestionKind.SingleChoice, Options: ["Lorient", "Groix", "Lanester"]);
        var all = new Question("tous", QuestionKind.SingleChoice, Options: ["oui"]);
        var responses = Enumerable.Repeat("Lorient", 9).Concat(Enumerable.Repeat("Lanester", 6)).Concat(Enumerable.Repeat("Groix", 2))
            .Select(place => (IReadOnlyDictionary<string, Answer>)Answers(("tous", ["oui"]), ("lieu", [place]))).ToList();

        var row = Assert.Single(SurveyResults.Breakdown(where, all, responses));

        Assert.Equal(17, row.Total);
        Assert.Equal(new Dictionary<string, int?> { ["Lorient"] = 9, ["Groix"] = null, ["Lanester"] = null }, row.Counts);
    }

    private sealed class RowComparer : IEqualityComparer<BreakdownRow>
    {
        public bool Equals(BreakdownRow? x, BreakdownRow? y) =>
            x is not null && y is not null && x.Group == y.Group && x.Total == y.Total && x.Counts.OrderBy(c => c.Key).SequenceEqual(y.Counts.OrderBy(c => c.Key));

        public int GetHashCode(BreakdownRow obj) => obj.Group.GetHashCode(StringComparison.Ordinal);
    }
}
