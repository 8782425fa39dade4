using Parvis.Web.Kernel.OpenData;

namespace Parvis.Web.Modules.Votes;

/// <summary>
/// The module's open data: the votes (question, method, dates, electorate, how many took part), their options, and
/// once a vote has closed and every desk has counted, its ballot box for anyone to count again: each ballot alone, with
/// no link to who cast it (its id is random, so the order of ids tells nothing of the order of casting).
/// </summary>
public static class VotesDatasets
{
    public static IReadOnlyList<Dataset> All { get; } =
    [
        Dataset.Of(VotesModule.Key, VotesModule.Key, (db, scope) =>
        {
            var register = db.VoteRegister;
            return Held(db, scope).Select(v => new VoteRow
            {
                Id = v.Id, ProcessId = v.ProcessId, ComponentId = v.ComponentId, Question = v.Question, Description = v.Description, Purpose = v.Purpose,
                Method = v.Method, Seats = v.Seats, Secret = v.Secret, Budget = v.Budget, Electorate = v.Electorate, Territory = v.Territory,
                MinimumAge = v.MinimumAge, OpensAt = v.OpensAt, ClosesAt = v.ClosesAt, CreatedAt = v.CreatedAt,
                Participants = v.ClosesAt <= scope.Now ? register.Count(r => r.VoteId == v.Id) : null,
            });
        }),
        Dataset.Of($"{VotesModule.Key}-options", VotesModule.Key, (db, scope) =>
            from o in db.VoteOptions
            join v in Held(db, scope) on o.VoteId equals v.Id
            select new VoteOptionRow { Id = o.Id, VoteId = o.VoteId, ProcessId = v.ProcessId, Position = o.Position, Title = o.Title, Cost = o.Cost, ProjectId = o.ProjectId }),
        Dataset.Of($"{VotesModule.Key}-ballots", VotesModule.Key, (db, scope) =>
        {
            // Once final: before and after a desk's count, two downloads would tell each of its ballots.
            var counting = db.VotesCounting;
            var closed = Held(db, scope).Where(v => v.ClosesAt <= scope.Now && !counting.Contains(v.Id)).Select(v => v.Id);
            return db.Ballots.Where(b => closed.Contains(b.VoteId)).Select(b => new BallotRow { Id = b.Id, VoteId = b.VoteId, Content = b.Content })
                .Concat(db.Envelopes.Where(e => closed.Contains(e.VoteId)).Select(e => new BallotRow { Id = e.Id, VoteId = e.VoteId, Content = e.Content }));
        }),
    ];

    /// <summary>The votes of the sets of votes in use.</summary>
    private static IQueryable<Vote> Held(Kernel.Data.ParvisDbContext db, DatasetScope scope)
    {
        var components = scope.ComponentsOf(VotesModule.Key);
        return db.Votes.Where(v => components.Contains(v.ComponentId));
    }
}

public sealed class VoteRow : DatasetRow
{
    public Guid ProcessId { get; init; }
    public Guid ComponentId { get; init; }
    public required string Question { get; init; }
    public required string Description { get; init; }
    public VotePurpose Purpose { get; init; }
    public VoteMethod Method { get; init; }
    public int Seats { get; init; }
    public bool Secret { get; init; }
    public long? Budget { get; init; }
    public Electorate Electorate { get; init; }
    public required string Territory { get; init; }
    public int? MinimumAge { get; init; }
    [Dated] public DateTimeOffset OpensAt { get; init; }
    public DateTimeOffset ClosesAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>How many took part, once closed: a running count would tell who voted when.</summary>
    public int? Participants { get; init; }
}

public sealed class VoteOptionRow : DatasetRow
{
    public Guid VoteId { get; init; }
    public Guid ProcessId { get; init; }
    public int Position { get; init; }
    public required string Title { get; init; }
    public long? Cost { get; init; }
    public Guid? ProjectId { get; init; }
}

public sealed class BallotRow : DatasetRow
{
    public Guid VoteId { get; init; }
    public required string Content { get; init; }
}
