using Parvis.Web.Kernel.OpenData;

namespace Parvis.Web.Modules.OpinionMaps;

/// <summary>
/// The module's open data: the maps' statements, and their votes in the Polis format (votes.csv: timestamp in
/// milliseconds, comment-id and voter-id as the map's numbers, vote 1 agree, -1 disagree, 0 pass), one map told from
/// another by its id; only votes on statements anyone may read.
/// </summary>
public static class OpinionMapsDatasets
{
    public static IReadOnlyList<Dataset> All { get; } =
    [
        Dataset.Of($"{OpinionMapsModule.Key}-statements", OpinionMapsModule.Key, (db, scope) =>
        {
            var votes = db.OpinionVotes;
            var participants = db.OpinionParticipants;
            return Published(db, scope).Select(s => new StatementRow
            {
                Id = s.Id, ProcessId = s.ProcessId, OpinionMapId = s.OpinionMapId, Number = s.Number, Text = s.Text,
                // A statement with no author (erased, or imported) is nobody's here: never another participant without an account.
                AuthorNumber = s.ImportedAuthor ?? participants.Where(p => p.OpinionMapId == s.OpinionMapId && s.AuthorId != null && p.PersonId == s.AuthorId).Select(p => (long?)p.Number).FirstOrDefault(),
                Agrees = votes.Count(v => v.StatementId == s.Id && v.Value == 1),
                Disagrees = votes.Count(v => v.StatementId == s.Id && v.Value == -1),
                Passes = votes.Count(v => v.StatementId == s.Id && v.Value == 0),
                CreatedAt = s.CreatedAt,
            });
        }),
        Dataset.Of($"{OpinionMapsModule.Key}-votes", OpinionMapsModule.Key, (db, scope) =>
            from v in db.OpinionVotes
            join s in Published(db, scope) on v.StatementId equals s.Id
            join p in db.OpinionParticipants on v.ParticipantId equals p.Id
            select new OpinionVoteRow { Id = v.Id, OpinionMapId = v.OpinionMapId, CastAt = v.CastAt, CommentId = s.Number, VoterId = p.Number, Vote = v.Value }),
    ];

    /// <summary>Statements past pre-moderation that anyone may read, in the maps in use.</summary>
    private static IQueryable<Statement> Published(Kernel.Data.ParvisDbContext db, DatasetScope scope)
    {
        var components = scope.ComponentsOf(OpinionMapsModule.Key);
        var maps = db.OpinionMaps.Where(m => components.Contains(m.ComponentId)).Select(m => m.Id);
        return scope.Shown(db.Statements, OpinionMapsModule.Key).Where(s => s.PublishedAt != null && maps.Contains(s.OpinionMapId));
    }
}

public sealed class StatementRow : DatasetRow
{
    public Guid ProcessId { get; init; }
    public Guid OpinionMapId { get; init; }
    public long Number { get; init; }
    public required string Text { get; init; }
    /// <summary>As Polis's "author-id": the author's number in the map, never their id across the organisation (statements are anonymous).</summary>
    public long? AuthorNumber { get; init; }
    public int Agrees { get; init; }
    public int Disagrees { get; init; }
    public int Passes { get; init; }
    [Dated] public DateTimeOffset CreatedAt { get; init; }
}

public sealed class OpinionVoteRow : DatasetRow
{
    [Field("opinion-map-id")] public Guid OpinionMapId { get; init; }

    /// <summary>Polis's "timestamp": the moment in milliseconds since 1970.</summary>
    [Field("timestamp")] public long Timestamp => CastAt.ToUnixTimeMilliseconds();

    [Field("datetime"), Dated] public DateTimeOffset CastAt { get; init; }
    [Field("comment-id")] public long CommentId { get; init; }
    [Field("voter-id")] public long VoterId { get; init; }
    [Field("vote")] public int Vote { get; init; }
}
