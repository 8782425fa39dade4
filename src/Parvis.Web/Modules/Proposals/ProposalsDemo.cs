using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Modules;

namespace Parvis.Web.Modules.Proposals;

/// <summary>
/// The demo's proposals, after the Pays de Lorient consultation: six proposals, a discussion, supports, and the
/// analysis under way (some already given a fate, others still waiting). Proposing, supporting and commenting are
/// open in the current phase; commenting only, during the analysis.
/// </summary>
internal static class ProposalsDemo
{
    public static void Seed(DemoProcess demo)
    {
        var component = demo.Use(ProposalsModule.Key);
        var (db, process) = (demo.Db, demo.Process);
        demo.Phases[0].SwitchOn(component, ProposalsModule.Proposing, ProposalsModule.Supporting, ProposalsModule.Commenting);
        demo.Phases[1].SwitchOn(component, ProposalsModule.Commenting);
        var proposals = new (string Title, string Body, string Theme, int Author)[]
        {
            ("Créer un réseau local de covoiturage", "Une application locale, gérée avec les communes, pour partager les trajets domicile-travail, surtout entre les îles, les bourgs et Lorient. Avec un numéro de téléphone pour celles et ceux qui n'ont pas de smartphone.", "Mobilité", 0),
            ("Former au numérique dans tous les métiers", "Développer les formations au numérique dans tous les corps de métiers et pour les demandeurs et demandeuses d'emploi, afin d'améliorer l'employabilité.", "Emploi", 1),
            ("Des rendez-vous réguliers santé et numérique", "Réunir régulièrement usagers, professionnels de santé et élus pour suivre l'usage des nouvelles technologies (téléconsultation, dossier médical) et partager les bonnes pratiques.", "Santé", 2),
            ("Faire connaître les bons réflexes de sécurité", "Publier des conseils pratiques simples sur la sécurité des données et les arnaques, en langage clair, voire en bande dessinée, diffusés dans les mairies et les médiathèques.", "Sécurité", 3),
            ("Déployer des tiers-lieux numériques", "Ouvrir des tiers-lieux qui associent médiation numérique et vie locale, en ville comme à la campagne, pour que personne ne reste seul face aux démarches en ligne.", "Vivre ensemble", 4),
            ("Garder un accueil humain dans les services publics", "Chaque démarche en ligne doit rester possible au guichet ou par téléphone. Le numérique doit accompagner la relation, pas la remplacer.", "Vivre ensemble", 0),
        };
        var created = proposals.Select(p => new Proposal
        {
            OrganisationId = process.OrganisationId,
            ProcessId = process.Id,
            AuthorId = demo.People[p.Author].Id,
            Title = p.Title,
            Body = p.Body,
            ThemeId = demo.Theme(p.Theme).Id,
        }).ToList();
        db.Proposals.AddRange(created);

        var first = new Comment
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, ProposalId = created[0].Id, AuthorId = demo.People[1].Id,
            Body = "À Groix, le bateau et le covoiturage se combinent mal : il faudrait prévoir les horaires des traversées.",
        };
        var reply = new Comment
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, ProposalId = created[0].Id, AuthorId = demo.People[0].Id,
            ParentId = first.Id, Depth = 1,
            Body = "Bonne idée : l'application pourrait proposer les trajets en fonction des horaires du bateau.",
        };
        db.Comments.AddRange(first, reply);
        created[0].CommentCount = 2;

        foreach (var (proposal, from, count) in new[] { (created[0], 1, 3), (created[4], 0, 3), (created[3], 0, 1) })
        {
            db.Supports.AddRange(demo.People.Skip(from).Take(count).Select(p => new Support { ProposalId = proposal.Id, PersonId = p.Id }));
            proposal.SupportCount = count;
        }
        demo.Decide(created[0], Fate.Retained, "", demo.Synthesis("carpool"));
        demo.Decide(created[4], Fate.Retained, "", demo.Synthesis("alone"));
        demo.Decide(created[5], Fate.Retained, "", demo.Synthesis("alone"));
        demo.Decide(created[1], Fate.Answered,
            "La formation professionnelle relève de la Région, qui finance déjà des formations au numérique pour les demandeurs et les demandeuses d'emploi ; le Conseil de développement le rappellera dans son avis.");
    }
}
