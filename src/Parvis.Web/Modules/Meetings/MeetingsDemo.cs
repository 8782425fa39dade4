using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Modules;

namespace Parvis.Web.Modules.Meetings;

/// <summary>
/// The demo's meetings, after the Pays de Lorient consultation: the public meetings in five places (held three days
/// ago, with what each place said and the questions for the experts), the expert round table (with registration),
/// the synthesis evening.
/// </summary>
internal static class MeetingsDemo
{
    public static void Seed(DemoProcess demo)
    {
        var component = demo.Use(MeetingsModule.Key);
        var (db, process) = (demo.Db, demo.Process);
        var evening = new DateTimeOffset(DateTime.Today.AddDays(-3).AddHours(18.5));
        var cafes = new Meeting
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, ComponentId = component.Id, Mode = MeetingMode.InPerson,
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
            OrganisationId = process.OrganisationId, ProcessId = process.Id, ComponentId = component.Id, Mode = MeetingMode.Hybrid,
            Title = "Table ronde d'experts", Registration = true,
            OnlineLink = "https://visio.example.org/table-ronde-cdpl",
            StartsAt = evening.AddDays(5), EndsAt = evening.AddDays(5).AddHours(2),
            Description = "Des experts réagissent aux questions et aux attentes exprimées dans les cafés.",
            Agenda = "1. Les questions des cinq lieux\n2. Réponses des experts\n3. Échanges avec la salle",
        };
        roundTable.Sites.Add(new MeetingSite
        {
            Name = "Quai 9", Address = "Quai 9, Lanester", Capacity = 40, Access = SiteAccess.StepFree | SiteAccess.HearingLoop | SiteAccess.PublicTransport,
            AccessNotes = "Bus ligne 30, arrêt Quai 9.", Latitude = 47.7561, Longitude = -3.3353,
        });
        var synthesis = new Meeting
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, ComponentId = component.Id, Mode = MeetingMode.InPerson,
            Title = "Synthèse festive", StartsAt = evening.AddDays(7), EndsAt = evening.AddDays(7).AddHours(2.5),
            Agenda = "L'analyse des débats, les préoccupations, les points de vigilance et les usages à développer.",
        };
        synthesis.Sites.Add(new MeetingSite { Name = "La Colloc", Address = "La Colloc, Lorient", Access = SiteAccess.StepFree, Latitude = 47.7483, Longitude = -3.3660 });
        db.Meetings.AddRange(cafes, roundTable, synthesis);
        db.MeetingRegistrations.Add(new MeetingRegistration
        {
            MeetingId = roundTable.Id, SiteId = roundTable.Sites[0].Id, PersonId = demo.People[1].Id, Status = RegistrationStatus.Confirmed, CreatedAt = DateTimeOffset.UtcNow,
        });

        Guid ThemeId(string name) => demo.Theme(name).Id;
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
            OrganisationId = process.OrganisationId, ProcessId = process.Id, ComponentId = component.Id, MeetingId = cafes.Id, SiteId = Site(q.Site).Id, ThemeId = ThemeId(q.Theme),
            Text = q.Text, Channel = Channel.Meeting, Origin = $"{q.Site} · {cafes.Title}", CreatedAt = evening.AddMinutes(45),
            Status = q.Status, Answer = q.Answer, AnsweredAt = q.Answer is null ? null : DateTimeOffset.UtcNow,
        }));
        db.ExpertQuestions.Add(new ExpertQuestion
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, ComponentId = component.Id, AuthorId = demo.People[4].Id, ThemeId = ThemeId("Mobilité"),
            Text = "Les horaires des bus pourraient-ils être donnés par SMS ?", Channel = Channel.Online, CreatedAt = DateTimeOffset.UtcNow.AddDays(-1),
        });
    }
}
