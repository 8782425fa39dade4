using Parvis.Web.Kernel.Modules;

namespace Parvis.Web.Modules.LocalDirectory;

/// <summary>
/// The demo's directory: places of the Pays de Lorient where one is helped with digital tools, an association, a
/// public service and a lending of equipment, each placed on the map; one proposed by a participant awaiting staff,
/// and a change waiting on a listed one, so the moderation queue shows both.
/// </summary>
internal static class LocalDirectoryDemo
{
    public static void Seed(DemoProcess demo)
    {
        var component = demo.Use(LocalDirectoryModule.Key);
        demo.Phases[0].SwitchOn(component, LocalDirectoryModule.Proposing);
        var (db, process, people) = (demo.Db, demo.Process, demo.People);
        var now = DateTimeOffset.UtcNow;
        var (jobs, mobility, together) = (demo.Theme("Emploi").Id, demo.Theme("Mobilité").Id, demo.Theme("Vivre ensemble").Id);
        EntryContent[] listed =
        [
            new("Espace numérique de la médiathèque", EntryKind.MediationPlace,
                "Un conseiller numérique vous aide à faire vos démarches en ligne, sans rendez-vous, et prête des ordinateurs sur place.",
                "Place de l'Hôtel de Ville", "Lorient", 47.7477, -3.3669, "Mardi au samedi, 10 h – 12 h 30 et 14 h – 18 h", Access.StepFree | Access.AccessibleToilets | Access.HearingLoop,
                "Entrée de plain-pied par la rue ; boucle magnétique à l'accueil.", "02 97 00 00 01", "https://example.org/mediatheque", [], [jobs, together]),
            new("Tiers-lieu du Blavet", EntryKind.ThirdPlace,
                "Atelier partagé, café associatif et permanences d'aide aux démarches le jeudi.",
                "Quai du Pont-Neuf", "Hennebont", 47.8048, -3.2770, "Mercredi au samedi, 9 h – 19 h", Access.StepFree,
                "Ateliers à l'étage sans ascenseur.", "02 97 00 00 02", "", [], [together]),
            new("France services de Lanester", EntryKind.PublicService,
                "Accompagnement aux démarches administratives : emploi, retraite, santé, impôts, mobilité.",
                "Rue Jean-Jaurès", "Lanester", 47.7615, -3.3404, "Lundi au vendredi, 8 h 30 – 12 h et 13 h 30 – 17 h",
                Access.StepFree | Access.AccessibleToilets | Access.AccessibleParking, "", "02 97 00 00 03", "", [], [jobs, mobility]),
            new("Les Passeurs de Groix", EntryKind.Association,
                "Des bénévoles accompagnent les habitantes et les habitants de l'île dans leurs démarches et organisent le covoiturage vers le bateau.",
                "Port-Tudy", "Groix", 47.6389, -3.4512, "Samedi matin", Access.None, "Local sur le port, une marche à l'entrée.", "", "", [], [mobility, together]),
            new("Prêt d'ordinateurs reconditionnés", EntryKind.Equipment,
                "Ordinateurs portables prêtés pour trois mois aux personnes en recherche d'emploi, avec une séance de prise en main.",
                "Rue de Lorient", "Ploemeur", 47.7355, -3.4262, "Sur rendez-vous", Access.StepFree, "", "02 97 00 00 05", "", [], [jobs]),
        ];
        var entries = new List<DirectoryEntry>();
        foreach (var (content, i) in listed.Select((c, i) => (c, i)))
        {
            var at = now.AddDays(-40 + i);
            var entry = new DirectoryEntry
            {
                OrganisationId = process.OrganisationId, ProcessId = process.Id, Name = content.Name, State = EntryState.Published, Version = 1,
                CreatedAt = at, UpdatedAt = at, CheckedAt = i == 3 ? now.AddMonths(-14) : at, Language = "fr",
            };
            entry.Take(content);
            entries.Add(entry);
            db.DirectoryEntries.Add(entry);
            db.DirectoryVersions.Add(new DirectoryVersion
            {
                EntryId = entry.Id, Number = 1, State = VersionState.Accepted, Content = content.ToJson(), AuthorId = people[i % people.Count].Id,
                ProposedAt = at, DecidedAt = at,
            });
            db.EntryThemes.AddRange(content.Themes.Select(t => new EntryTheme { EntryId = entry.Id, ThemeId = t }));
        }
        var proposed = new EntryContent("Atelier vélo solidaire", EntryKind.Service, "Réparer son vélo avec l'aide de bénévoles, pièces d'occasion à petit prix.",
            "Rue de Belgique", "Lorient", 47.7512, -3.3590, "Samedi 14 h – 18 h", Access.StepFree, "", "", "", [], [mobility]);
        var waiting = new DirectoryEntry
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, Name = proposed.Name, State = EntryState.Proposed, CreatedAt = now.AddDays(-2),
            UpdatedAt = now.AddDays(-2), Language = "fr",
        };
        waiting.Take(proposed);
        db.DirectoryEntries.Add(waiting);
        db.DirectoryVersions.Add(new DirectoryVersion
        {
            EntryId = waiting.Id, Content = proposed.ToJson(), AuthorId = people[1].Id, ProposedAt = now.AddDays(-2), Note = "J'y vais chaque semaine.",
        });
        db.DirectoryVersions.Add(new DirectoryVersion
        {
            EntryId = entries[1].Id, BasedOn = 1, AuthorId = people[2].Id, ProposedAt = now.AddDays(-1), Note = "Nouveaux horaires affichés à l'entrée.",
            Content = (listed[1] with { OpeningHours = "Mardi au samedi, 9 h – 19 h" }).ToJson(),
        });
    }
}
