using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Modules;

namespace Parvis.Web.Modules.Debates;

/// <summary>
/// The demo's debates, on the question the Lorient council of development put to its citizens' evening: is the digital
/// world a danger or an opportunity? One open, with invited positions, arguments on both sides and replies; one
/// closed with its record.
/// </summary>
internal static class DebatesDemo
{
    public static void Seed(DemoProcess demo)
    {
        var component = demo.Use(DebatesModule.Key);
        demo.Phases[0].SwitchOn(component, DebatesModule.Arguing);
        var (db, process, people) = (demo.Db, demo.Process, demo.People);
        var now = DateTimeOffset.UtcNow;
        var open = new Debate
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, CreatedAt = now.AddDays(-6),
            Question = "Le numérique : danger ou opportunité pour le lien entre les habitants et les institutions ?",
            PlainSummary = "Les papiers de la mairie se font de plus en plus sur internet. Est-ce une bonne chose ou un problème ? Dites pourquoi.",
            Context = "Les démarches passent en ligne les unes après les autres. Pour certains, c'est un accès plus simple et à toute heure ; pour d'autres, une porte qui se ferme. Donnez vos arguments **pour** (une opportunité) ou **contre** (un danger).",
        };
        var closed = new Debate
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, CreatedAt = now.AddDays(-40), ClosedAt = now.AddDays(-20),
            Question = "Faut-il garder un guichet physique dans chaque commune ?",
            Conclusion = "Le débat s'accorde sur un accueil humain de proximité ; sa forme reste discutée.",
        };
        db.Debates.AddRange(open, closed);
        Argument Add(Debate debate, int author, Side side, string title, string text, int supports, string invited = "") => new()
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, DebateId = debate.Id, AuthorId = invited.Length == 0 ? people[author % people.Count].Id : null,
            CreatedAt = debate.CreatedAt.AddHours(author + 1), Side = side, Title = title, Text = text, Supports = supports, Invited = invited,
        };
        var arguments = new[]
        {
            Add(open, 0, Side.For, "Des démarches à toute heure", "Faire sa demande de bourse ou de carte grise le soir, sans prendre un jour de congé, c'est un vrai progrès pour ceux qui travaillent.", 3),
            Add(open, 1, Side.For, "Les îles moins isolées", "À Groix, une démarche en ligne évite une traversée et une journée perdue.", 2),
            Add(open, 2, Side.Against, "Treize millions de personnes éloignées", "Quand le guichet ferme, les personnes âgées et celles qui n'ont pas d'ordinateur renoncent à leurs droits.", 4),
            Add(open, 3, Side.Against, "Des arnaques en plus", "Les faux sites administratifs se multiplient et trompent d'abord ceux qui maîtrisent le moins les outils.", 1),
            Add(open, 0, Side.For, "Un levier, s'il est accompagné", "Les données de nos observatoires montrent que l'usage progresse là où des médiateurs et médiatrices accompagnent les premiers pas.", 0,
                "Marsouin, observatoire des usages numériques (invité)"),
            Add(open, 0, Side.Against, "Un risque d'exclusion durable", "Sans accueil humain garanti, la dématérialisation transfère la charge de l'administration vers les personnes les plus fragiles.", 0,
                "Association d'aide aux démarches du pays de Lorient (invitée)"),
            Add(closed, 1, Side.For, "Un visage pour les démarches difficiles", "Certaines situations ne se règlent qu'en parlant à quelqu'un.", 5),
            Add(closed, 2, Side.Against, "Un coût pour les petites communes", "Tenir un guichet tous les jours coûte cher ; une permanence itinérante suffirait.", 2),
        };
        db.Arguments.AddRange(arguments);
        var supporters = people.Take(4).ToList();
        foreach (var argument in arguments.Where(a => a.Supports > 0))
        {
            argument.Supports = Math.Min(argument.Supports, supporters.Count);
            db.ArgumentSupports.AddRange(supporters.Take(argument.Supports).Select(p => new ArgumentSupport { ArgumentId = argument.Id, PersonId = p.Id, SupportedAt = argument.CreatedAt.AddHours(2) }));
        }
        db.ArgumentReplies.Add(new ArgumentReply
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, DebateId = open.Id, ArgumentId = arguments[0].Id, AuthorId = people[2 % people.Count].Id,
            CreatedAt = open.CreatedAt.AddDays(1), Text = "À condition que le site fonctionne aussi sur un vieux téléphone.",
        });
        var agreement = new ClosingPoint { DebateId = closed.Id, Kind = PointKind.Agreement, Position = 0, Text = "Chaque habitant doit pouvoir parler à quelqu'un près de chez lui pour ses démarches." };
        var disputed = new ClosingPoint { DebateId = closed.Id, Kind = PointKind.Disputed, Position = 1, Text = "Un guichet ouvert tous les jours, ou une permanence itinérante." };
        var question = new ClosingPoint { DebateId = closed.Id, Kind = PointKind.OpenQuestion, Position = 2, Text = "Combien coûte une permanence itinérante par commune et par an ?" };
        db.ClosingPoints.AddRange(agreement, disputed, question);
        db.PointArguments.AddRange(new PointArgument { PointId = disputed.Id, ArgumentId = arguments[6].Id }, new PointArgument { PointId = disputed.Id, ArgumentId = arguments[7].Id });
        demo.Decide(arguments[6], Fate.Retained, "Repris dans la recommandation sur l'accueil de proximité.");
    }
}
