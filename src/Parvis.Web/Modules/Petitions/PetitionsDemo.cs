using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Modules;

namespace Parvis.Web.Modules.Petitions;

/// <summary>
/// The demo's petitions: one open to signatures, online and on a counted paper sheet, on the evening buses between
/// the islands' ferries and the towns; one that reached its threshold, mostly on paper, and was answered point by
/// point, with its committee's reply.
/// </summary>
internal static class PetitionsDemo
{
    public static void Seed(DemoProcess demo)
    {
        var component = demo.Use(PetitionsModule.Key);
        demo.Phases[0].SwitchOn(component, PetitionsModule.Writing);
        demo.Phases[0].SwitchOn(component, PetitionsModule.Signing);
        var (db, process, people) = (demo.Db, demo.Process, demo.People);
        var now = DateTimeOffset.UtcNow;
        db.PetitionRules.Add(new PetitionRules { ComponentId = component.Id, CommitteeMinimum = 3, Threshold = 150, AnswerDays = 60 });

        var buses = new Petition
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, AuthorId = people[0].Id, CreatedAt = now.AddDays(-12),
            Title = "Des bus le soir à l'arrivée des bateaux",
            Text = "Le dernier bateau de Groix arrive à Lorient après le dernier bus vers Lanester et Hennebont. Les personnes qui travaillent sur l'île rentrent à pied ou renoncent à l'emploi.",
            Stage = PetitionStage.Signing, SubmittedAt = now.AddDays(-11), ReviewedAt = now.AddDays(-10), OnlineSignatures = 3,
        };
        var seats = new Petition
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, AuthorId = people[2].Id, CreatedAt = now.AddDays(-90),
            Title = "Des bancs le long des quais",
            Text = "Les quais sont longs et sans un banc : les personnes âgées ne peuvent plus aller du bateau au marché sans s'arrêter.",
            Stage = PetitionStage.Answered, SubmittedAt = now.AddDays(-88), ReviewedAt = now.AddDays(-87), OnlineSignatures = 2,
            ThresholdReachedAt = now.AddDays(-60), AnswerDue = DateOnly.FromDateTime(now.AddDays(0).UtcDateTime), AnsweredAt = now.AddDays(-20),
            NextSteps = "Les services techniques installeront les bancs au printemps ; un point d'étape sera publié dans le suivi des résultats.",
            CommitteeReply = "Merci pour cette réponse. Nous demandons que les bancs aient un dossier et des accoudoirs.", RepliedAt = now.AddDays(-15),
        };
        db.Petitions.AddRange(buses, seats);
        db.PetitionDemands.AddRange(
            new PetitionDemand { PetitionId = buses.Id, Number = 1, Text = "Un bus vers Lanester et Hennebont après l'arrivée du dernier bateau." },
            new PetitionDemand { PetitionId = buses.Id, Number = 2, Text = "Les horaires des bus affichés à la gare maritime." },
            new PetitionDemand
            {
                PetitionId = seats.Id, Number = 1, Text = "Un banc tous les cent mètres sur les quais.",
                Answer = "Accepté : douze bancs seront posés entre la gare maritime et le marché.",
            },
            new PetitionDemand
            {
                PetitionId = seats.Id, Number = 2, Text = "Des bancs à l'ombre.",
                Answer = "En partie : les bancs près du marché seront sous les arbres ; ailleurs les quais n'ont pas d'ombre possible.",
            });
        foreach (var (petition, author) in new[] { (buses, 0), (seats, 2) })
        {
            db.CommitteeMembers.AddRange(Enumerable.Range(0, 3).Select(i => new CommitteeMember
            {
                PetitionId = petition.Id, PersonId = people[(author + i) % people.Count].Id, ConfirmedAt = petition.CreatedAt.AddHours(i),
            }));
        }
        db.PetitionSignatures.AddRange(people.Skip(1).Take(3).Select((person, i) => new PetitionSignature
        {
            PetitionId = buses.Id, PersonId = person.Id, SignedAt = now.AddDays(-9 + i), Shown = i == 0,
        }));
        db.PetitionSignatures.AddRange(people.Take(2).Select(person => new PetitionSignature { PetitionId = seats.Id, PersonId = person.Id, SignedAt = now.AddDays(-80) }));
        db.SignatureSheets.Add(new SignatureSheet { PetitionId = buses.Id, Number = 1, Signatures = 24, EnteredAt = now.AddDays(-4) });
        db.SignatureSheets.Add(new SignatureSheet { PetitionId = seats.Id, Number = 1, Signatures = 160, EnteredAt = now.AddDays(-61) });
        demo.Decide(seats, Fate.Answered, seats.NextSteps);
    }
}
