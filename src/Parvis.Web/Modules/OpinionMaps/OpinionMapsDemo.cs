using Parvis.Web.Kernel.Modules;

namespace Parvis.Web.Modules.OpinionMaps;

/// <summary>
/// The demo's opinion map on the place of digital tools, with sixty participants' votes drawn (with a fixed seed)
/// from three leanings that still agree on a few statements: the map shows groups and what brings them together.
/// </summary>
internal static class OpinionMapsDemo
{
    public static void Seed(DemoProcess demo)
    {
        var component = demo.Use(OpinionMapsModule.Key);
        var (db, process) = (demo.Db, demo.Process);
        var map = new OpinionMap
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, ComponentId = component.Id, PhaseId = demo.Phases[0].Id,
            Question = "Le numérique dans nos vies : qu'en pensez-vous ?",
            Description = "Votez d'accord, pas d'accord ou passer sur les affirmations des autres participants et participantes, et proposez les vôtres.",
        };
        db.OpinionMaps.Add(map);
        // Each statement: how the three leanings (enthusiasts, the cautious, those far from digital tools) tend to vote.
        (string Text, double Enthusiasts, double Cautious, double Far)[] statements =
        [
            ("Les démarches administratives en ligne me font gagner du temps.", .9, .3, -.7),
            ("Il faut toujours pouvoir faire ses démarches au guichet.", -.2, .8, .95),
            ("La télémédecine est une chance pour les îles et les campagnes.", .9, .2, -.3),
            ("Les données de santé ne devraient jamais quitter la France.", .1, .9, .6),
            ("Les écoles devraient apprendre à vérifier une information en ligne.", .85, .85, .7),
            ("Les réseaux sociaux abîment le débat public.", -.4, .7, .5),
            ("Je ne me sens pas à l'aise avec un ordinateur.", -.9, -.3, .9),
            ("Des médiateurs numériques devraient être présents dans chaque commune.", .6, .8, .9),
            ("Le covoiturage par application peut remplacer une partie des bus.", .8, -.1, -.6),
            ("Les élus devraient publier toutes leurs données en accès libre.", .7, .6, .1),
            ("Les objets connectés dans la maison m'inquiètent.", -.6, .7, .4),
            ("Un numéro de téléphone humain doit accompagner chaque service en ligne.", .3, .85, .95),
        ];
        var created = statements.Select((st, i) => new Statement
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, OpinionMapId = map.Id, Number = i, Text = st.Text,
            PublishedAt = DateTimeOffset.UtcNow.AddDays(-5), CreatedAt = DateTimeOffset.UtcNow.AddDays(-5),
        }).ToList();
        db.Statements.AddRange(created);
        var random = new Random(2018);
        for (var p = 0; p < 60; p++)
        {
            var participant = new OpinionParticipant { OpinionMapId = map.Id, Number = p };
            db.OpinionParticipants.Add(participant);
            for (var i = 0; i < statements.Length; i++)
            {
                if (random.NextDouble() < .15)
                {
                    continue;
                }
                var leaning = (p % 3) switch { 0 => statements[i].Enthusiasts, 1 => statements[i].Cautious, _ => statements[i].Far };
                var draw = random.NextDouble() * 2 - 1;
                var value = Math.Abs(draw) < .2 ? 0 : draw < leaning ? 1 : -1;
                db.OpinionVotes.Add(new OpinionVote { OpinionMapId = map.Id, StatementId = created[i].Id, ParticipantId = participant.Id, Value = value });
            }
        }
        // Computed once committed, so the demo map shows its groups from the first visit.
        demo.AfterCommit(services => services.GetRequiredService<OpinionMapRecomputer>().RecomputeAsync(map.Id));
    }
}
