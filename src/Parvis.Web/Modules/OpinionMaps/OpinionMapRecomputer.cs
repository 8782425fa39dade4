using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Parvis.OpinionMaps;
using Parvis.Web.Kernel.Data;

namespace Parvis.Web.Modules.OpinionMaps;

/// <summary>
/// Recomputes maps in the background after new votes or statements. Requests are coalesced: a map
/// asked for many times while it waits is computed once, with every vote cast until it starts.
/// </summary>
public sealed class OpinionMapRecomputer(IServiceScopeFactory scopes, ILogger<OpinionMapRecomputer> logger, TimeProvider clock) : BackgroundService
{
    private readonly Channel<Guid> queue = Channel.CreateUnbounded<Guid>();
    private readonly ConcurrentDictionary<Guid, byte> waiting = new();

    public void Request(Guid mapId)
    {
        if (waiting.TryAdd(mapId, 0))
        {
            queue.Writer.TryWrite(mapId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var mapId in queue.Reader.ReadAllAsync(stoppingToken))
        {
            // Removed before computing, so that a vote cast during the computation asks for another one.
            waiting.TryRemove(mapId, out _);
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

    /// <summary>Loads the visible statements and the votes, computes from the previous result, stores the new one.</summary>
    public async Task RecomputeAsync(Guid mapId, CancellationToken cancellationToken = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ParvisDbContext>();
        var map = await db.OpinionMaps.AsNoTracking().FirstOrDefaultAsync(m => m.Id == mapId, cancellationToken);
        if (map is null)
        {
            return;
        }
        var statements = await db.Statements.AsNoTracking().Where(s => s.OpinionMapId == mapId)
            .Select(s => new { s.Id, s.Number, Visible = s.PublishedAt != null && s.HiddenAt == null && s.ErasedAt == null })
            .ToListAsync(cancellationToken);
        var builder = new VoteMatrixBuilder();
        foreach (var statement in statements.Where(s => !s.Visible))
        {
            builder.Exclude(statement.Number);
        }
        foreach (var statement in statements.Where(s => s.Visible).OrderBy(s => s.Number))
        {
            builder.AddStatement(statement.Number);
        }
        var numbers = statements.ToDictionary(s => s.Id, s => s.Number);
        var votes = db.OpinionVotes.AsNoTracking().Where(v => v.OpinionMapId == mapId)
            .Join(db.OpinionParticipants, v => v.ParticipantId, p => p.Id, (v, p) => new { p.Number, v.StatementId, v.Value })
            .AsAsyncEnumerable();
        await foreach (var vote in votes.WithCancellation(cancellationToken))
        {
            builder.Add(vote.Number, numbers[vote.StatementId], vote.Value);
        }
        var previous = map.Result is null ? null : JsonSerializer.Deserialize<OpinionMapResult>(map.Result, OpinionMapCommands.Json);
        var result = OpinionMapEngine.Compute(builder.Build(), OpinionMapParameters.Default, previous);
        await db.OpinionMaps.Where(m => m.Id == mapId).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Result, JsonSerializer.Serialize(result, OpinionMapCommands.Json))
            .SetProperty(m => m.ComputedAt, clock.GetUtcNow()), cancellationToken);
    }
}
