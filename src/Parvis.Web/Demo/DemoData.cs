using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Territory;

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
        // The demo is written in French: its contributions say so, whatever the server's own language.
        using var french = Kernel.Text.CultureScope.Use(System.Globalization.CultureInfo.GetCultureInfo("fr"));
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
        db.TerritoryAreas.AddRange(Territory(organisation.Id));

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
            },
            new Phase
            {
                Title = "Analyse et synthèse",
                Description = "Le Conseil de développement analyse les contributions et répond à chaque proposition.",
                StartsOn = today.AddDays(21), EndsOn = today.AddDays(50),
            },
            new Phase
            {
                Title = "Avis remis à Lorient Agglomération",
                Description = "L'avis est publié avec les propositions en annexe.",
                StartsOn = today.AddDays(51), EndsOn = today.AddDays(120),
            },
        ]);
        string[] themeNames = ["Emploi", "Mobilité", "Santé", "Sécurité", "Vivre ensemble"];
        process.Themes.AddRange(themeNames.Select((name, i) => new Theme { Name = name, Position = i }));
        db.Processes.Add(process);
        // An adjustment made on the way, as the journal keeps it: the first phase lengthened at the participants' request.
        db.JournalEntries.Add(new JournalEntry
        {
            OrganisationId = organisation.Id, ProcessId = process.Id, At = DateTimeOffset.UtcNow.AddDays(-3),
            Subject = "Phase «\u00a0Contributions et rencontres\u00a0»",
            Before = $"Contributions et rencontres\u00a0: du {today.AddDays(-10):dd/MM/yyyy} au {today.AddDays(13):dd/MM/yyyy}\u00a0; ouvre\u00a0: proposer, soutenir, commenter",
            After = $"Contributions et rencontres\u00a0: du {today.AddDays(-10):dd/MM/yyyy} au {today.AddDays(20):dd/MM/yyyy}\u00a0; ouvre\u00a0: proposer, soutenir, commenter",
            Reason = "À la première rencontre, les participants et participantes ont demandé une semaine de plus pour consulter leurs associations.",
            Prompts = "/processes/" + process.Slug,
        });

        var people = new[] { "Maëlle56", "Yann de Groix", "Soizic", "Ronan.L", "Nadia K." }
            .Select(p => new Person { Pseudonym = p, UserName = $"{Kernel.Setup.Slugs.From(p)}@demo.invalid", NormalizedUserName = $"{Kernel.Setup.Slugs.From(p)}@DEMO.INVALID".ToUpperInvariant() })
            .ToArray();
        db.Users.AddRange(people);

        // Each installed module adds its part, and uses its component, in the order the modules are listed.
        var demo = new DemoProcess(db, process, people, AddSynthesis(db, process));
        foreach (var module in scope.ServiceProvider.GetRequiredService<ModuleCatalog>().Modules)
        {
            module.SeedDemo(demo);
        }
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        await demo.CommittedAsync(scope.ServiceProvider);
    }

    /// <summary>
    /// The demo's territory: ten communes of the Pays de Lorient, each the area nearer its town hall than any other's
    /// (a Voronoi diagram), so the maps have outlines and names without shipping an official file; not their true borders.
    /// </summary>
    private static IEnumerable<TerritoryArea> Territory(Guid organisationId)
    {
        (string Name, string Code, double Latitude, double Longitude)[] communes =
        [
            ("Lorient", "56121", 47.7483, -3.3700), ("Lanester", "56098", 47.7622, -3.3404), ("Hennebont", "56083", 47.8047, -3.2767),
            ("Ploemeur", "56162", 47.7356, -3.4267), ("Larmor-Plage", "56107", 47.7064, -3.3842), ("Quéven", "56185", 47.7886, -3.4158),
            ("Caudan", "56036", 47.8103, -3.3419), ("Groix", "56069", 47.6389, -3.4536), ("Inzinzac-Lochrist", "56090", 47.8617, -3.2500),
            ("Guidel", "56078", 47.7917, -3.4883),
        ];
        var factory = NetTopologySuite.NtsGeometryServices.Instance.CreateGeometryFactory();
        var bounds = new NetTopologySuite.Geometries.Envelope(-3.56, -3.20, 47.61, 47.89);
        var builder = new NetTopologySuite.Triangulate.VoronoiDiagramBuilder { ClipEnvelope = bounds };
        builder.SetSites([.. communes.Select(c => new NetTopologySuite.Geometries.Coordinate(c.Longitude, c.Latitude))]);
        var frame = factory.ToGeometry(bounds);
        var cells = builder.GetDiagram(factory);
        for (var i = 0; i < cells.NumGeometries; i++)
        {
            var cell = cells.GetGeometryN(i);
            var site = (NetTopologySuite.Geometries.Coordinate)cell.UserData;
            var commune = communes.First(c => c.Longitude == site.X && c.Latitude == site.Y);
            var area = TerritoryArea.From(commune.Name, commune.Code, cell.Intersection(frame));
            area.OrganisationId = organisationId;
            yield return area;
        }
    }

    /// <summary>The analysis under way: a first synthesis, which the modules' demo contributions feed (by these names).</summary>
    private static Dictionary<string, SynthesisItem> AddSynthesis(ParvisDbContext db, Process process)
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

        return new() { ["alone"] = alone, ["scams"] = scams, ["carpool"] = carpool };
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
