using System.Threading.Channels;
using Npgsql;
using Parvis.Web.Kernel.Data;

namespace Parvis.Web.Kernel.Web.Throughput;

/// <summary>
/// Writes what many people send at once (supports, ballots): requests that arrive while the database is busy with
/// earlier ones are written together, in one statement on PostgreSQL (one transaction on SQLite), so a burst costs the
/// database one round trip per batch rather than several per person. Each request still waits until its own row is
/// committed and learns what happened to it. A piece of the throughput layer, with its switch (Performance:{name});
/// off, each request writes alone, by the same statements.
/// </summary>
/// <typeparam name="TRequest">What one request asks to write.</typeparam>
/// <typeparam name="TOutcome">What happened to it.</typeparam>
public abstract class BatchWriter<TRequest, TOutcome> : BackgroundService
{
    /// <summary>Enough for a national burst in one statement, small enough that one batch stays a few milliseconds.</summary>
    private const int MaxBatch = 256;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly bool _batching;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger _log;

    /// <param name="scopes">Where SQLite's writes find their context.</param>
    /// <param name="configuration">The installation's settings: the database, and the switch.</param>
    /// <param name="name">The switch's name (Performance:{name}) and the writer's in the logs.</param>
    /// <param name="log">Where failed batches are told.</param>
    protected BatchWriter(IServiceScopeFactory scopes, IConfiguration configuration, string name, ILogger log)
    {
        _batching = ThroughputLayer.IsOn(configuration, name);
        _scopes = scopes;
        _log = log;
        Postgres = DatabaseSetup.PostgresConnection(configuration) is { } connection ? NpgsqlDataSource.Create(WriterConnection(connection, _batching)) : null;
    }

    /// <summary>
    /// On PostgreSQL the writer has a connection of its own, where its statement keeps one generic plan. Left to choose,
    /// PostgreSQL planned it again for every batch (each batch's arrays have another length), and planning cost more
    /// than running it. One connection is enough when one batch is written at a time; without batching, requests write
    /// side by side, each on a connection of the pool. Null on SQLite.
    /// </summary>
    internal NpgsqlDataSource? Postgres { get; }

    private static string WriterConnection(string connection, bool batching)
    {
        var builder = new NpgsqlConnectionStringBuilder(connection);
        if (batching)
        {
            builder.MaxPoolSize = 1;
        }
        builder.Options = $"{builder.Options} -c plan_cache_mode=force_generic_plan".Trim();
        return builder.ConnectionString;
    }

    /// <summary>Writes the request, with others arriving at the same time, and says what happened to it once committed.</summary>
    public async Task<TOutcome> WriteAsync(TRequest request, CancellationToken cancellation = default)
    {
        var pending = new Pending(request);
        if (!_batching)
        {
            await WriteBatchAsync([pending]);
            return await pending.Outcome.Task;
        }
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException($"The {GetType().Name} has stopped.");
        }
        return await pending.Outcome.Task.WaitAsync(cancellation);
    }

    /// <summary>
    /// One statement for the whole batch, straight to Npgsql: EF's interceptor would report a change for any statement
    /// that can insert, while only the writer knows whether a row went in. One outcome per request, in order.
    /// </summary>
    protected abstract Task<TOutcome[]> WritePostgresAsync(NpgsqlConnection connection, IReadOnlyList<TRequest> batch);

    /// <summary>
    /// On SQLite, one request of the batch, through the batch's context and transaction. A unique index's refusal rolls
    /// back to EF's savepoint and is this request's outcome; the batch goes on.
    /// </summary>
    protected abstract Task<TOutcome> WriteOneAsync(ParvisDbContext db, TRequest request);

    /// <summary>A prepared statement's rows, read as it runs: the statement is the same every time.</summary>
    protected static async Task<List<T>> ReadPreparedAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read)
    {
        await command.PrepareAsync();
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }
        return rows;
    }

    /// <summary>SQLite has one writer at a time anyway: the batch shares one transaction, so one commit.</summary>
    private async Task<TOutcome[]> WriteOneByOneAsync(List<TRequest> batch)
    {
        // The writer tells what changed once committed (Committed), not each save.
        using var told = ContentChanges.ToldByCaller();
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParvisDbContext>();
        var outcomes = new TOutcome[batch.Count];
        await using var transaction = await db.Database.BeginTransactionAsync();
        for (var i = 0; i < batch.Count; i++)
        {
            outcomes[i] = await WriteOneAsync(db, batch[i]);
            db.ChangeTracker.Clear();
        }
        await transaction.CommitAsync();
        return outcomes;
    }

    /// <summary>Once the batch is surely committed, before any request learns its outcome: tell what changed.</summary>
    protected virtual void Committed(IReadOnlyList<TRequest> batch, TOutcome[] outcomes)
    {
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }
                await WriteBatchAsync(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: requests still waiting are told below.
        }
        _queue.Writer.TryComplete();
        foreach (var pending in batch.Concat(Drain()))
        {
            pending.Outcome.TrySetCanceled(stoppingToken);
        }
    }

    private IEnumerable<Pending> Drain()
    {
        while (_queue.Reader.TryRead(out var pending))
        {
            yield return pending;
        }
    }

    private async Task WriteBatchAsync(List<Pending> batch)
    {
        var requests = batch.Select(p => p.Request).ToList();
        // Another node's batch may lock the same rows in another order: the loser is rolled back whole and tries again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                TOutcome[] outcomes;
                if (Postgres is { } postgres)
                {
                    await using var connection = await postgres.OpenConnectionAsync();
                    outcomes = await WritePostgresAsync(connection, requests);
                }
                else
                {
                    outcomes = await WriteOneByOneAsync(requests);
                }
                Committed(requests, outcomes);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Outcome.TrySetResult(outcomes[i]);
                }
                return;
            }
            catch (Exception e) when (attempt < 3 && e is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected }
                or InvalidOperationException { InnerException: PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected } })
            {
                _log.LogInformation("A batch of {Count} met a deadlock; trying again", batch.Count);
            }
            catch (Exception e)
            {
                _log.LogError(e, "A batch of {Count} failed", batch.Count);
                foreach (var pending in batch)
                {
                    pending.Outcome.TrySetException(e);
                }
                return;
            }
        }
    }

    public override void Dispose()
    {
        Postgres?.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    private sealed class Pending(TRequest request)
    {
        public TRequest Request { get; } = request;

        public TaskCompletionSource<TOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
