using System.Collections.Concurrent;
using System.Data;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Parvis.OpinionMaps;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Modules.OpinionMaps;

/// <summary>
/// Recomputes maps in the background after new votes or statements. Requests are coalesced: a map
/// asked for many times while it waits is computed once, with every vote cast until it starts.
/// </summary>
public sealed class OpinionMapRecomputer(IServiceScopeFactory scopes, ILogger<OpinionMapRecomputer> logger, TimeProvider clock, ContentChanges changes)
    : BackgroundService
{
    private readonly Channel<Guid> _queue = Channel.CreateUnbounded<Guid>();
    private readonly ConcurrentDictionary<Guid, byte> _waiting = new();
    private readonly ConcurrentDictionary<Guid, LoadedVotes> _loaded = new();

    /// <summary>Covers a vote stamped before the last read began but committed after it (a vote's transaction is far shorter).</summary>
    private static readonly TimeSpan _readAgainMargin = TimeSpan.FromSeconds(30);

    /// <summary>The votes of a map nobody voted on for this long leave memory; the next computation reads them all.</summary>
    private static readonly TimeSpan _keepIdleVotes = TimeSpan.FromMinutes(10);

    /// <summary>Where the time of the last computation went, for the log and the scale benchmark.</summary>
    public RecomputeTimings? LastTimings { get; private set; }

    public void Request(Guid mapId)
    {
        if (_waiting.TryAdd(mapId, 0))
        {
            _queue.Writer.TryWrite(mapId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var mapId in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            // Removed before computing, so that a vote cast during the computation asks for another one.
            _waiting.TryRemove(mapId, out _);
            try
            {
                await RecomputeAsync(mapId, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Recomputing opinion map {MapId} failed", mapId);
            }
        }
    }

    /// <summary>
    /// Computes a map from its votes and the previous result, and stores the new result. The votes of
    /// the last computation stay in memory, so that the next one reads only those cast since: on a
    /// conversation of millions of votes, reading them all again takes longer than computing.
    /// </summary>
    public async Task RecomputeAsync(Guid mapId, CancellationToken cancellationToken = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ParvisDbContext>();
        // Taken before the snapshot: a vote committed after the snapshot was stamped after this, less the margin.
        var now = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        foreach (var idle in _loaded.Where(entry => now - entry.Value.UsedAt >= _keepIdleVotes))
        {
            _loaded.TryRemove(idle.Key, out _);
        }
        // One snapshot for the statements, the count and the votes, so that the count check below is exact.
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        // Not the stored result: megabytes on a large map, and usually the one kept in memory.
        var map = await db.OpinionMaps.Where(m => m.Id == mapId).Select(m => new { m.ComputedAt, m.OrganisationId }).FirstOrDefaultAsync(cancellationToken);
        if (map is null)
        {
            _loaded.TryRemove(mapId, out _);
            return;
        }
        var statements = await db.Statements.AsNoTracking().Where(s => s.OpinionMapId == mapId)
            .Select(s => new { s.Id, s.Number, Visible = s.PublishedAt != null && s.HiddenAt == null && s.ErasedAt == null })
            .ToListAsync(cancellationToken);
        var visible = statements.Where(s => s.Visible).Select(s => s.Number).Order().ToArray();
        var numbers = statements.ToDictionary(s => s.Id, s => s.Number);

        var votes = _loaded.GetValueOrDefault(mapId) is { } kept && kept.Statements.SequenceEqual(visible)
            ? await ReadSinceAsync(db, mapId, numbers, kept, now, cancellationToken)
            : null;
        IReadOnlySet<long>? placedBefore = null;
        if (votes is null || votes.Matrix.VoteCount != await db.OpinionVotes.CountAsync(v => v.OpinionMapId == mapId, cancellationToken))
        {
            // First computation, a statement shown or hidden, or votes removed (an erasure): read everything.
            // Statements not shown keep their votes: as in Polis, those still count to place their voters.
            var builder = new VoteMatrixBuilder();
            foreach (var statement in statements.OrderBy(s => s.Number))
            {
                if (statement.Visible)
                {
                    builder.AddStatement(statement.Number);
                }
                else
                {
                    builder.ModerateOut(statement.Number);
                }
            }
            // Never computed (a conversation just imported, say): who is placed comes from the votes replayed in casting order.
            var firstTime = map.ComputedAt is null;
            votes = await ReadAsync(db, mapId, numbers, builder, DateTimeOffset.MinValue, firstTime, visible, null, now, cancellationToken);
            if (firstTime)
            {
                placedBefore = builder.ReplayPlacement(OpinionMapParameters.Default.MinimumVotes, OpinionMapParameters.Default.PlacedAtLeast);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        var read = watch.Elapsed;

        var previous = votes.Result is not null && votes.ComputedAt == map.ComputedAt ? votes.Result
            : await db.OpinionMaps.Where(m => m.Id == mapId).Select(m => m.Result).FirstOrDefaultAsync(cancellationToken) is { } stored
                ? JsonSerializer.Deserialize<OpinionMapResult>(stored, OpinionMapCommands.Json) : null;
        var result = OpinionMapEngine.Compute(votes.Matrix, OpinionMapParameters.Default, previous, placedBefore);
        var computed = watch.Elapsed;
        var computedAt = clock.GetUtcNow();
        // Its own organisation's news: computed in the background, the write would otherwise be told as everyone's.
        using (ContentChanges.ToldByCaller())
        {
            await db.OpinionMaps.Where(m => m.Id == mapId).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Result, JsonSerializer.Serialize(result, OpinionMapCommands.Json))
                .SetProperty(m => m.ComputedAt, computedAt), cancellationToken);
        }
        changes.Committed(ChangeKind.Content, map.OrganisationId);
        _loaded[mapId] = votes with { Result = result, ComputedAt = computedAt, UsedAt = computedAt };
        LastTimings = new RecomputeTimings(read, computed - read, watch.Elapsed - computed);
        logger.LogInformation("Opinion map {MapId} recomputed from {Votes} votes: reading {Read} ms, computing {Compute} ms, storing {Store} ms",
            mapId, votes.Matrix.VoteCount, (int)read.TotalMilliseconds, (int)(computed - read).TotalMilliseconds, (int)(watch.Elapsed - computed).TotalMilliseconds);
    }

    /// <summary>
    /// The kept votes plus those stamped since a margin before the last read began: a vote stamped earlier may commit
    /// later. Measured from the read, not from the last vote, so a conversation imported or seeded with old dates is not
    /// read whole again.
    /// </summary>
    private static Task<LoadedVotes> ReadSinceAsync(ParvisDbContext db, Guid mapId, Dictionary<Guid, long> numbers, LoadedVotes kept,
        DateTimeOffset readAt, CancellationToken cancellationToken) =>
        ReadAsync(db, mapId, numbers, VoteMatrixBuilder.From(kept.Matrix), kept.ReadAt - _readAgainMargin, false, kept.Statements, kept, readAt, cancellationToken);

    /// <summary>Adds the votes stamped since <paramref name="since"/>, in casting order for a replay (otherwise the order does not matter: a person has one stored vote per statement).</summary>
    private static async Task<LoadedVotes> ReadAsync(ParvisDbContext db, Guid mapId, Dictionary<Guid, long> numbers, VoteMatrixBuilder builder,
        DateTimeOffset since, bool inCastingOrder, long[] visible, LoadedVotes? kept, DateTimeOffset readAt, CancellationToken cancellationToken)
    {
        var query = db.OpinionVotes.AsNoTracking().Where(v => v.OpinionMapId == mapId && v.CastAt >= since);
        if (inCastingOrder)
        {
            query = query.OrderBy(v => v.CastAt);
        }
        var votes = query.Join(db.OpinionParticipants, v => v.ParticipantId, p => p.Id, (v, p) => new { p.Number, v.StatementId, v.Value })
            .AsAsyncEnumerable();
        await foreach (var vote in votes.WithCancellation(cancellationToken))
        {
            builder.Add(vote.Number, numbers[vote.StatementId], vote.Value);
        }
        return new LoadedVotes(visible, builder.Build(), readAt, kept?.Result, kept?.ComputedAt, kept?.UsedAt ?? default);
    }

    /// <param name="Statements">The visible statements the matrix was built with; any change means a full read.</param>
    /// <param name="Matrix">Every vote, those on statements not shown included.</param>
    /// <param name="ReadAt">When this read began; the next one starts a margin before it.</param>
    /// <param name="Result">The result computed from them, the next computation's previous result.</param>
    /// <param name="ComputedAt">When it was stored, to check nobody stored another since.</param>
    /// <param name="UsedAt">The last computation, to let idle maps leave memory.</param>
    private sealed record LoadedVotes(long[] Statements, VoteMatrix Matrix, DateTimeOffset ReadAt,
        OpinionMapResult? Result, DateTimeOffset? ComputedAt, DateTimeOffset UsedAt);
}

/// <summary>Reading the votes (the kept ones and those since, or all), computing the map, storing the result.</summary>
public sealed record RecomputeTimings(TimeSpan Read, TimeSpan Compute, TimeSpan Store);
