using Parvis.Surveys;
using Parvis.Web.Kernel.Modules;

namespace Parvis.Web.Modules.Surveys;

/// <summary>
/// The demo's survey, on digital uses as the Lorient council of development asked about them during its digital week:
/// what people use, what holds them back (a question shown only to those who say something does), where they would
/// go for help, and their commune for a breakdown; signed answers online, and paper forms typed in.
/// </summary>
internal static class SurveysDemo
{
    public static void Seed(DemoProcess demo)
    {
        var component = demo.Use(SurveysModule.Key);
        demo.Phases[0].SwitchOn(component, SurveysModule.Answering);
        var (db, process, people) = (demo.Db, demo.Process, demo.People);
        var now = DateTimeOffset.UtcNow;
        string[] uses = ["Messagerie", "Démarches administratives", "Banque", "Réseaux sociaux", "Santé (rendez-vous, résultats)"];
        string[] obstacles = ["Le coût de l'équipement ou de l'abonnement", "Le réseau (pas de fibre, pas de 4G)", "Je ne sais pas par où commencer", "La peur des arnaques"];
        string[] communes = ["Lorient", "Hennebont", "Quimperlé", "Groix"];
        var survey = new Survey
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, Mode = SurveyMode.Named, Stage = SurveyStage.Published,
            Title = "Vos usages du numérique",
            Intro = "Ce questionnaire prépare la Semaine du numérique : il nous aide à savoir ce que vous faites en ligne, ce qui vous en empêche et où vous aimeriez être accompagnés ou accompagnées. Il prend cinq minutes.",
            EasyIntro = "Nous voulons savoir comment vous utilisez internet. Vous pouvez répondre en cinq minutes.",
            CreatedAt = now.AddDays(-20), PublishedAt = now.AddDays(-18), ClosesAt = now.AddDays(25), TokenKey = SurveyCodes.NewKey(),
        };
        survey.Write(
        [
            new(new Question("q1", QuestionKind.SingleChoice, Required: true, Options: communes, Other: true), "Dans quelle commune habitez-vous ?",
                "Pour comparer les communes entre elles ; aucun groupe de moins de cinq personnes n'est montré.", "Où habitez-vous ?"),
            new(new Question("q2", QuestionKind.MultipleChoice, Required: true, Options: uses), "Pour quoi utilisez-vous internet ?",
                "Cochez tout ce que vous faites, même rarement.", "Que faites-vous sur internet ?"),
            new(new Question("q3", QuestionKind.Scale, Required: true, ScaleMax: 5), "Vous sentez-vous à l'aise pour faire une démarche en ligne seul ou seule ?",
                "", "Faire une démarche sur internet, c'est facile pour vous ?", "Pas du tout", "Tout à fait"),
            new(new Question("q4", QuestionKind.SingleChoice, Required: true, Options: ["Oui", "Non"]), "Quelque chose vous empêche-t-il d'utiliser internet comme vous le voudriez ?"),
            new(new Question("q5", QuestionKind.MultipleChoice, Required: true, Options: obstacles, Other: true,
                ShowWhen: new AnswerIs("q4", Comparison.Equals, ["Oui"])), "Qu'est-ce qui vous en empêche ?", "", "Qu'est-ce qui est difficile ?"),
            new(new Question("q6", QuestionKind.LongText), "Où aimeriez-vous être accompagnés ou accompagnées, et comment ?",
                "Un lieu, un moment, une personne : tout ce qui vous aiderait."),
        ]);
        survey.KeysGiven = 6;
        db.Surveys.Add(survey);
        var questions = survey.Read();
        string[][] answers =
        [
            ["Lorient", "Messagerie|Banque|Démarches administratives", "4", "Non", "", ""],
            ["Hennebont", "Messagerie|Réseaux sociaux", "2", "Oui", "La peur des arnaques", "À la médiathèque, le samedi matin."],
            ["Groix", "Messagerie", "1", "Oui", "Le réseau (pas de fibre, pas de 4G)|Je ne sais pas par où commencer", "Sur l'île : personne n'aide ici, il faut prendre le bateau."],
            ["Lorient", "Santé (rendez-vous, résultats)|Banque", "3", "Oui", "Le coût de l'équipement ou de l'abonnement", ""],
            ["Quimperlé", "Messagerie|Démarches administratives|Réseaux sociaux", "5", "Non", "", "Au centre social, avec un conseiller numérique."],
            ["Lorient", "Démarches administratives", "2", "Oui", "Je ne sais pas par où commencer|other:Mes yeux : les écrans sont trop petits", ""],
        ];
        for (var i = 0; i < answers.Length; i++)
        {
            var row = answers[i];
            var kept = new Dictionary<string, Answer>(StringComparer.Ordinal);
            for (var q = 0; q < row.Length; q++)
            {
                if (row[q].Length > 0)
                {
                    kept[$"q{q + 1}"] = new Answer(row[q].Split('|'));
                }
            }
            // The first answers are the demo participants' own, signed; the others came on paper forms.
            var signed = i < Math.Min(3, people.Count);
            var response = new SurveyResponse { SurveyId = survey.Id, Channel = signed ? SurveyChannel.Online : SurveyChannel.Paper, Answers = Survey.WriteAnswers(kept) };
            db.SurveyResponses.Add(response);
            if (signed)
            {
                db.SurveyRespondents.Add(new SurveyRespondent { SurveyId = survey.Id, PersonId = people[i].Id, ResponseId = response.Id, AnsweredAt = now.AddDays(-10 + i) });
            }
            var at = now.AddDays(-10 + i);
            db.SurveyTexts.AddRange(SurveyCommands.Texts(questions, kept).Select(t =>
                SurveyCommands.NewText(survey, response, t.Key, t.Value, response.Channel, signed ? people[i].Id : null, at)));
        }
        survey.Responses = answers.Length;
    }
}
