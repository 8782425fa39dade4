using Parvis.Web.Kernel.Modules;

namespace Parvis.Web.Modules.Votes;

/// <summary>
/// The demo's votes: one open now, by majority judgment, on what the council should look at first; one closed, ranked
/// and counted by Schulze, whose results and ballots anyone can read; and a participatory budget for the islands, its
/// projects submitted and reviewed, the feasible ones on an open ballot. Ballots come from a fixed list, drawn once.
/// </summary>
internal static class VotesDemo
{
    public static void Seed(DemoProcess demo)
    {
        var component = demo.Use(VotesModule.Key);
        var (db, process) = (demo.Db, demo.Process);
        var now = DateTimeOffset.UtcNow;
        var open = new Vote
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, ComponentId = component.Id,
            Question = "Quels sujets le conseil de développement doit-il traiter en premier\u00a0?",
            Description = "Donnez une mention à chaque sujet. Le résultat sera remis au conseil, qui dira publiquement ce qu'il en a fait.",
            Purpose = VotePurpose.Advisory, Method = VoteMethod.MajorityJudgment,
            OpensAt = now.AddDays(-2), ClosesAt = now.AddDays(12), TieBreak = "2,0,3,1",
        };
        var closed = new Vote
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, ComponentId = component.Id,
            Question = "Quel horaire pour les réunions publiques\u00a0?",
            Description = "Classez les horaires du plus pratique au moins pratique pour vous.",
            Purpose = VotePurpose.Poll, Method = VoteMethod.Schulze,
            OpensAt = now.AddDays(-20), ClosesAt = now.AddDays(-6), TieBreak = "1,2,0",
        };
        db.Votes.AddRange(open, closed);
        string[] topics = ["Mobilité entre les îles et le continent", "Accès aux soins", "Emploi des jeunes", "Logement des saisonniers"];
        string[] hours = ["Le samedi matin", "En semaine à 18 h", "En semaine à 20 h 30"];
        db.VoteOptions.AddRange(topics.Select((title, position) => new VoteOption { VoteId = open.Id, Position = position, Title = title }));
        db.VoteOptions.AddRange(hours.Select((title, position) => new VoteOption { VoteId = closed.Id, Position = position, Title = title }));

        // Grades from 0 (to reject) to 6 (excellent), then rankings: some through a mediator, some on paper.
        // The ballots are written apart from the register, in an order of their own: nothing pairs them with the people.
        string[] graded = ["3,6,5,1", "6,5,4,2", "5,5,2,4", "6,4,4,3", "4,6,3,3"];
        db.Ballots.AddRange(graded.Select(content => new CastBallot { VoteId = open.Id, Content = content }));
        db.VoteRegister.AddRange(demo.People.Take(graded.Length).Select(person => new VoteRegistration
        {
            VoteId = open.Id, PersonId = person.Id, Channel = VoteChannel.Online, Day = DateOnly.FromDateTime(now.AddDays(-1).UtcDateTime),
        }));
        (string Content, int Count, VoteChannel Channel)[] ranked = [("1,2,3", 14, VoteChannel.Online), ("2,1,3", 9, VoteChannel.Online), ("3,1,2", 6, VoteChannel.Paper), ("1,3,2", 4, VoteChannel.Mediated)];
        foreach (var (content, count, channel) in ranked)
        {
            for (var i = 0; i < count; i++)
            {
                db.Ballots.Add(new CastBallot { VoteId = closed.Id, Content = content });
                // Voters without an account here (paper, mediated, or since erased): the register keeps the line.
                db.VoteRegister.Add(new VoteRegistration { VoteId = closed.Id, Channel = channel, Day = DateOnly.FromDateTime(now.AddDays(-10).UtcDateTime) });
            }
        }
        SeedBudget(demo, component);
    }

    private static void SeedBudget(DemoProcess demo, Kernel.Processes.ProcessComponent component)
    {
        var (db, process) = (demo.Db, demo.Process);
        var now = DateTimeOffset.UtcNow;
        demo.Phases[0].SwitchOn(component, VotesModule.Submitting);
        var islands = new BudgetArea { ProcessId = process.Id, ComponentId = component.Id, Name = "Les îles", Amount = 30_000 };
        db.BudgetAreas.Add(islands);
        (string Title, string Description, long? Cost, string Review)[] submitted =
        [
            ("Abri vélos couvert au port", "Un abri de vingt places près de la gare maritime, pour laisser son vélo à l'abri en prenant le bateau.", 8_000, "Devis du service voirie pour un abri de vingt places."),
            ("Navette du soir vers le continent", "Une traversée de plus le soir en semaine, pour les jeunes qui travaillent ou étudient sur le continent.", 25_000, "Estimation de la compagnie maritime pour une saison d'essai."),
            ("Boîte à livres à la cale", "Une boîte à livres étanche à la cale, entretenue par la médiathèque.", 1_500, "Prix d'une boîte fabriquée par le chantier d'insertion."),
            ("Pont entre les deux îles", "Un pont piéton pour relier les deux îles sans attendre le bateau.", null, "Un pont coûterait bien plus que l'enveloppe et demande des autorisations de l'État : il ne relève pas du budget participatif."),
            ("Jardin partagé derrière l'école", "Des bacs de culture et un récupérateur d'eau, avec les parents et l'école.", null, ""),
        ];
        var projects = submitted.Select((p, i) => new BudgetProject
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, ComponentId = component.Id, AreaId = islands.Id,
            AuthorId = demo.People[i % demo.People.Count].Id, Title = p.Title, Description = p.Description, CreatedAt = now.AddDays(-9 + i),
            Review = p.Review.Length == 0 ? ProjectReview.Pending : p.Cost is null ? ProjectReview.NotFeasible : ProjectReview.Feasible,
            Cost = p.Cost, ReviewText = p.Review, ReviewedAt = p.Review.Length == 0 ? null : now.AddDays(-4),
        }).ToList();
        db.BudgetProjects.AddRange(projects);
        foreach (var project in projects.Where(p => p.Review == ProjectReview.NotFeasible))
        {
            demo.Decide(project, Kernel.Contributions.Fate.NotRetained, project.ReviewText);
        }
        var feasible = projects.Where(p => p.Review == ProjectReview.Feasible).OrderBy(p => p.Title, StringComparer.Ordinal).ToList();
        var vote = new Vote
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, ComponentId = component.Id,
            Question = "Budget participatif des îles : quels projets financer ?",
            Description = "Composez votre panier de projets sans dépasser 30 000 €. Le conseil municipal s'est engagé à réaliser les projets retenus.",
            Purpose = VotePurpose.AssemblyDecision, Method = VoteMethod.Budget, Budget = islands.Amount, BudgetCount = BudgetCount.EqualShares,
            OpensAt = now.AddDays(-1), ClosesAt = now.AddDays(15), TieBreak = "1,0,2",
        };
        db.Votes.Add(vote);
        db.VoteOptions.AddRange(feasible.Select((p, position) => new VoteOption { VoteId = vote.Id, Position = position, Title = p.Title, Cost = p.Cost, ProjectId = p.Id }));
        string[] baskets = ["1,1,", ",1,1", "1,1,", ",,1"];
        db.Ballots.AddRange(baskets.Select(content => new CastBallot { VoteId = vote.Id, Content = content }));
        db.VoteRegister.AddRange(demo.People.Skip(1).Take(baskets.Length).Select(person => new VoteRegistration
        {
            VoteId = vote.Id, PersonId = person.Id, Channel = VoteChannel.Online, Day = DateOnly.FromDateTime(now.UtcDateTime),
        }));
    }
}
