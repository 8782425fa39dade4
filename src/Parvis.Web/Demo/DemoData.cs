using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Modules.Meetings;
using Parvis.Web.Modules.OpinionMaps;
using Parvis.Web.Modules.Proposals;
using Parvis.Web.Modules.Workshops;

namespace Parvis.Web.Demo;

/// <summary>
/// The demo organisation, modelled on the Pays de Lorient development council's consultation on the
/// territory's digital plan: five themes, public meetings in cafés, an expert round table, a synthesis.
/// Demo participants have no password: nobody can sign in as them. Phases are placed around today so
/// the demo is always open for contributions.
/// </summary>
public static class DemoData
{
    /// <summary>The demo organisation's host; the demo serves it on any other address too.</summary>
    public const string Host = "localhost";

    public static async Task SeedIfEmptyAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParvisDbContext>();
        if (await db.Organisations.AnyAsync())
        {
            return;
        }
        var today = DateOnly.FromDateTime(DateTime.Today);
        await using var transaction = await db.Database.BeginTransactionAsync();

        var organisation = new Organisation
        {
            Slug = "cdpl",
            Name = "Conseil de développement du Pays de Lorient",
            AccentColour = "#1d4f91",
            DefaultCulture = "fr",
            Charter = Charter,
        };
        organisation.Hosts.Add(new OrganisationHost { Host = Host });
        db.Organisations.Add(organisation);

        var process = new Process
        {
            OrganisationId = organisation.Id,
            Slug = "schema-territorial-du-numerique",
            Title = "Schéma territorial du numérique : quelle place pour le numérique dans nos vies ?",
            Summary = "Le Conseil de développement recueille l'avis des habitants et des habitantes du Pays de Lorient sur l'impact du numérique dans l'emploi, la mobilité, la santé, la sécurité et le vivre ensemble.",
            PlainSummary = "Le numérique change notre vie. Dites-nous ce qui vous aide et ce qui vous gêne. Vos idées seront lues et recevront une réponse.",
            Territory = "Pays de Lorient (Lorient Agglomération et Communauté de communes de Blavet Bellevue Océan)",
            Description = Description,
            Published = true,
        };
        process.Phases.AddRange(
        [
            new Phase
            {
                Title = "Contributions et rencontres",
                Description = "Déposez vos propositions, soutenez celles des autres et venez en parler lors des rencontres.",
                StartsOn = today.AddDays(-10), EndsOn = today.AddDays(20),
                Switches = [ProposalsModule.Proposing, ProposalsModule.Supporting, ProposalsModule.Commenting],
            },
            new Phase
            {
                Title = "Analyse et synthèse",
                Description = "Le Conseil de développement analyse les contributions et répond à chaque proposition.",
                StartsOn = today.AddDays(21), EndsOn = today.AddDays(50),
                Switches = [ProposalsModule.Commenting],
            },
            new Phase
            {
                Title = "Avis remis à Lorient Agglomération",
                Description = "L'avis est publié avec les propositions en annexe.",
                StartsOn = today.AddDays(51), EndsOn = today.AddDays(120),
            },
        ]);
        // The tools in the order people meet them: meetings and workshops first, for those far from screens.
        string[] tools = [MeetingsModule.Key, WorkshopsModule.Key, ProposalsModule.Key, OpinionMapsModule.Key];
        process.Components.AddRange(tools.Select((module, i) => new ProcessComponent { Module = module, Position = i + 1 }));
        string[] themeNames = ["Emploi", "Mobilité", "Santé", "Sécurité", "Vivre ensemble"];
        process.Themes.AddRange(themeNames.Select((name, i) => new Theme { Name = name, Position = i }));
        db.Processes.Add(process);

        var people = new[] { "Maëlle56", "Yann de Groix", "Soizic", "Ronan.L", "Nadia K." }
            .Select(p => new Person { Pseudonym = p, UserName = $"{Kernel.Setup.Slugs.From(p)}@demo.invalid", NormalizedUserName = $"{Kernel.Setup.Slugs.From(p)}@DEMO.INVALID".ToUpperInvariant() })
            .ToArray();
        db.Users.AddRange(people);

        Theme Theme(string name) => process.Themes.First(t => t.Name == name);
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
            OrganisationId = organisation.Id,
            ProcessId = process.Id,
            AuthorId = people[p.Author].Id,
            Title = p.Title,
            Body = p.Body,
            ThemeId = Theme(p.Theme).Id,
        }).ToList();
        db.Proposals.AddRange(created);

        var first = new Comment
        {
            OrganisationId = organisation.Id, ProcessId = process.Id, ProposalId = created[0].Id, AuthorId = people[1].Id,
            Body = "À Groix, le bateau et le covoiturage se combinent mal : il faudrait prévoir les horaires des traversées.",
        };
        var reply = new Comment
        {
            OrganisationId = organisation.Id, ProcessId = process.Id, ProposalId = created[0].Id, AuthorId = people[0].Id,
            ParentId = first.Id, Depth = 1,
            Body = "Bonne idée : l'application pourrait proposer les trajets en fonction des horaires du bateau.",
        };
        db.Comments.AddRange(first, reply);
        created[0].CommentCount = 2;

        foreach (var (proposal, supporters) in new[] { (created[0], people[1..4]), (created[4], people[..3]), (created[3], people[..1]) })
        {
            db.Supports.AddRange(supporters.Select(p => new Support { ProposalId = proposal.Id, PersonId = p.Id }));
            proposal.SupportCount = supporters.Length;
        }
        AddSynthesis(db, process, created);
        AddMeetings(db, process, people);
        AddWorkshop(db, process);
        var map = AddOpinionMap(db, process);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        // Computed once now, so the demo map shows its groups from the first visit.
        await scope.ServiceProvider.GetRequiredService<OpinionMapRecomputer>().RecomputeAsync(map.Id);
    }

    /// <summary>
    /// The three meetings of seed 002: the public meetings in five places (held three days ago, with what each
    /// place said and the questions for the experts), the expert round table (with registration), the synthesis.
    /// </summary>
    private static void AddMeetings(ParvisDbContext db, Process process, Person[] people)
    {
        var evening = new DateTimeOffset(DateTime.Today.AddDays(-3).AddHours(18.5));
        var cafes = new Meeting
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, Mode = MeetingMode.InPerson,
            Title = "Numérique, danger ou opportunité ? Réunions publiques dans cinq lieux",
            StartsAt = evening, EndsAt = evening.AddHours(2),
            Agenda = "Deux questions ouvertes pour lancer le débat :\n\n- Qu'attendez-vous des outils numériques d'aujourd'hui et de demain ?\n- Comment le numérique change-t-il la mobilité, le vivre ensemble, la sécurité, la santé, la solidarité et l'emploi ?",
            Minutes = "Une quarantaine de contributeurs et de contributrices dans les cinq lieux. Les questions ont été transmises aux experts de la table ronde.",
        };
        (string Name, string Address, int Attendance, SiteAccess Access)[] places =
        [
            ("Lorient", "Café Dumont K&K, Lorient", 12, SiteAccess.StepFree | SiteAccess.PublicTransport),
            ("Quimperlé", "Café Récré, Quimperlé", 6, SiteAccess.StepFree),
            ("Hennebont", "Café la Ziv, Hennebont", 9, SiteAccess.HearingLoop),
            ("Groix", "Bar de Tréville, Groix", 7, SiteAccess.None),
            ("Port-Louis", "Atelier Espérance, Port-Louis", 5, SiteAccess.StepFree),
        ];
        cafes.Sites.AddRange(places.Select((p, i) => new MeetingSite { Position = i, Name = p.Name, Address = p.Address, Attendance = p.Attendance, Access = p.Access }));
        var roundTable = new Meeting
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, Mode = MeetingMode.Hybrid,
            Title = "Table ronde d'experts", Registration = true,
            OnlineLink = "https://visio.example.org/table-ronde-cdpl",
            StartsAt = evening.AddDays(5), EndsAt = evening.AddDays(5).AddHours(2),
            Description = "Des experts réagissent aux questions et aux attentes exprimées dans les cafés.",
            Agenda = "1. Les questions des cinq lieux\n2. Réponses des experts\n3. Échanges avec la salle",
        };
        roundTable.Sites.Add(new MeetingSite
        {
            Name = "Quai 9", Address = "Quai 9, Lanester", Capacity = 40, Access = SiteAccess.StepFree | SiteAccess.HearingLoop | SiteAccess.PublicTransport,
            AccessNotes = "Bus ligne 30, arrêt Quai 9.",
        });
        var synthesis = new Meeting
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, Mode = MeetingMode.InPerson,
            Title = "Synthèse festive", StartsAt = evening.AddDays(7), EndsAt = evening.AddDays(7).AddHours(2.5),
            Agenda = "L'analyse des débats, les préoccupations, les points de vigilance et les usages à développer.",
        };
        synthesis.Sites.Add(new MeetingSite { Name = "La Colloc", Address = "La Colloc, Lorient", Access = SiteAccess.StepFree });
        db.Meetings.AddRange(cafes, roundTable, synthesis);
        db.MeetingRegistrations.Add(new MeetingRegistration
        {
            MeetingId = roundTable.Id, SiteId = roundTable.Sites[0].Id, PersonId = people[1].Id, Status = RegistrationStatus.Confirmed, CreatedAt = DateTimeOffset.UtcNow,
        });

        Guid ThemeId(string name) => process.Themes.First(t => t.Name == name).Id;
        MeetingSite Site(string name) => cafes.Sites.First(s => s.Name == name);
        db.MeetingRemarks.AddRange(new (string Site, string Theme, string Text)[]
        {
            ("Groix", "Mobilité", "Le covoiturage doit tenir compte des horaires du bateau."),
            ("Hennebont", "Vivre ensemble", "Les démarches en ligne isolent les personnes âgées : il faut garder un guichet."),
            ("Quimperlé", "Emploi", "Le numérique crée des métiers mais en supprime d'autres : former tout au long de la vie."),
        }.Select(r => new MeetingRemark
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, MeetingId = cafes.Id, SiteId = Site(r.Site).Id, ThemeId = ThemeId(r.Theme),
            Text = r.Text, Channel = Channel.Meeting, Origin = $"{r.Site} · {cafes.Title}", CreatedAt = evening.AddMinutes(30),
        }));
        db.ExpertQuestions.AddRange(new (string Site, string Theme, string Text, string? Answer, QuestionStatus Status)[]
        {
            ("Lorient", "Sécurité", "Comment savoir si un site est une arnaque ?",
                "Vérifiez l'adresse du site et ne donnez jamais vos codes bancaires par courriel. **Cybermalveillance.gouv.fr** aide les victimes.", QuestionStatus.Answered),
            ("Port-Louis", "Santé", "La téléconsultation remplacera-t-elle le médecin de campagne ?", null, QuestionStatus.Open),
            ("Hennebont", "Emploi", "Quels métiers vont disparaître avec l'automatisation ?", null, QuestionStatus.Open),
        }.Select(q => new ExpertQuestion
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, MeetingId = cafes.Id, SiteId = Site(q.Site).Id, ThemeId = ThemeId(q.Theme),
            Text = q.Text, Channel = Channel.Meeting, Origin = $"{q.Site} · {cafes.Title}", CreatedAt = evening.AddMinutes(45),
            Status = q.Status, Answer = q.Answer, AnsweredAt = q.Answer is null ? null : DateTimeOffset.UtcNow,
        }));
        db.ExpertQuestions.Add(new ExpertQuestion
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, AuthorId = people[4].Id, ThemeId = ThemeId("Mobilité"),
            Text = "Les horaires des bus pourraient-ils être donnés par SMS ?", Channel = Channel.Online, CreatedAt = DateTimeOffset.UtcNow.AddDays(-1),
        });
    }

    /// <summary>
    /// An opinion map on the place of digital tools, with sixty participants' votes drawn (with a fixed seed)
    /// from three leanings that still agree on a few statements: the map shows groups and what brings them together.
    /// </summary>
    private static OpinionMap AddOpinionMap(ParvisDbContext db, Process process)
    {
        var map = new OpinionMap
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, PhaseId = process.Phases[0].Id,
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
        return map;
    }

    /// <summary>An HTD-style workshop prepared for next week, from the template, so facilitators can try the console and the wall.</summary>
    private static void AddWorkshop(ParvisDbContext db, Process process)
    {
        var template = WorkshopTemplates.Load("htd");
        var workshop = new Workshop
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, Title = "Atelier : le numérique dans nos vies", JoinCode = "PAYS56",
            Place = "Médiathèque de Lanester", StartsAt = new DateTimeOffset(DateTime.Today.AddDays(6).AddHours(14)),
        };
        template.CopyInto(workshop, "fr");
        foreach (var group in workshop.Groups)
        {
            group.ThemeId = process.Themes[group.Position % process.Themes.Count].Id;
        }
        db.Workshops.Add(workshop);
    }

    /// <summary>The analysis under way: a first synthesis, and some proposals already given a fate, others still waiting.</summary>
    private static void AddSynthesis(ParvisDbContext db, Process process, List<Proposal> proposals)
    {
        SynthesisItem Item(SynthesisItemKind kind, int position, string title, string body) => new()
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, Kind = kind, Position = position, Title = title, Body = body,
        };
        var alone = Item(SynthesisItemKind.Concern, 0, "Ne laisser personne seul face aux démarches en ligne",
            "Les habitants et les habitantes qui ne sont pas à l'aise avec le numérique craignent de perdre l'accès aux services publics.");
        var scams = Item(SynthesisItemKind.PointOfVigilance, 0, "Les arnaques et la sécurité des données",
            "Les conseils de sécurité doivent être simples et diffusés là où les gens passent.");
        var carpool = Item(SynthesisItemKind.Recommendation, 0, "Un covoiturage local qui tienne compte des horaires des bateaux",
            "Une solution publique, accessible aussi par téléphone, reliant les îles, les bourgs et Lorient.");
        carpool.Status = ResultStatus.InProgress;
        carpool.Progress = 20;
        carpool.ResponsibleBody = "Lorient Agglomération, service mobilités";
        carpool.LastUpdateOn = DateOnly.FromDateTime(DateTime.Today);
        db.SynthesisItems.AddRange(alone, scams, carpool);
        db.ResultUpdates.Add(new ResultUpdate
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, SynthesisItemId = carpool.Id,
            Status = carpool.Status, Progress = carpool.Progress, ResponsibleBody = carpool.ResponsibleBody, On = carpool.LastUpdateOn.Value,
            Text = "Lorient Agglomération étudie une plateforme de covoiturage avec les compagnies de bateaux ; une première réunion a eu lieu.",
        });

        void Decide(Proposal proposal, Fate fate, string text, SynthesisItem? item = null)
        {
            proposal.Fate = fate;
            proposal.FateDecidedAt = DateTimeOffset.UtcNow;
            db.FateDecisions.Add(new FateDecision
            {
                OrganisationId = process.OrganisationId, ProcessId = process.Id, ContributionId = proposal.Id,
                Fate = fate, Text = text, SynthesisItemId = item?.Id,
            });
            if (item is not null)
            {
                db.SynthesisLinks.Add(new SynthesisLink { SynthesisItemId = item.Id, ContributionId = proposal.Id });
            }
        }
        Decide(proposals[0], Fate.Retained, "", carpool);
        Decide(proposals[4], Fate.Retained, "", alone);
        Decide(proposals[5], Fate.Retained, "", alone);
        Decide(proposals[1], Fate.Answered,
            "La formation professionnelle relève de la Région, qui finance déjà des formations au numérique pour les demandeurs et les demandeuses d'emploi ; le Conseil de développement le rappellera dans son avis.");
    }

    private const string Charter = """
        ## Charte de participation

        Cet espace appartient à toutes celles et tous ceux qui vivent ou travaillent dans le Pays de Lorient.

        - **Respect** : on critique les idées, jamais les personnes.
        - **Pas de publicité**, pas de propos discriminants, injurieux ou diffamatoires.
        - **Vie privée** : ne publiez pas d'informations personnelles sur vous ou sur d'autres.
        - **Transparence** : toute contribution masquée par la modération apparaît dans le journal public de modération, avec la raison.
        """;

    private const string Description = """
        Le Conseil de développement du Pays de Lorient (CDPL) contribue au **schéma territorial du numérique**.
        Pour que l'avis remis aux élus et aux élues porte la parole des habitants et des habitantes, la démarche
        combine cette plateforme et trois rencontres en personne : le numérique prépare et prolonge les rencontres,
        il ne les remplace pas.

        ### Les rencontres

        1. **Réunions publiques**, le lundi 19 novembre de 18 h 30 à 20 h 30, en même temps dans cinq cafés :
           Lorient (café Comment Ksé), Quimperlé (café Récré), Hennebont (café la Ziv), Groix (bar de Tréville)
           et Port-Louis (atelier Espérance). Une question : pour vous, comment le numérique change-t-il la mobilité,
           le vivre ensemble, la sécurité, la santé, la solidarité et l'emploi ?
        2. **Table ronde d'experts**, le mercredi 21 novembre de 18 h 30 à 20 h 30 au Quai 9 à Lanester : des experts
           et des expertes réagissent aux questions des citoyens et des citoyennes.
        3. **Synthèse festive**, le vendredi 23 novembre de 18 h 30 à 21 h à La Colloc à Lorient : les préoccupations,
           les points de vigilance et les usages à développer.

        ### Ce que deviendront vos contributions

        Chaque proposition reçoit une réponse publique du Conseil de développement. L'avis final cite les propositions
        retenues et reproduit l'ensemble des contributions en annexe.
        """;
}
