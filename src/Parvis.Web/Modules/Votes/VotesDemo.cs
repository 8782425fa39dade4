using Parvis.Web.Kernel.Modules;

namespace Parvis.Web.Modules.Votes;

/// <summary>
/// The demo's votes: one open now, by majority judgment, on what the council should look at first; one closed, ranked
/// and counted by Schulze, whose results and ballots anyone can read. Ballots come from a fixed list, drawn once.
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
    }
}
