using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Kernel.Web.Throughput;

namespace Parvis.Web.Modules.Proposals;

public enum SupportOutcome
{
    Added,
    AlreadySupported,

    /// <summary>The proposal is not this organisation's, or is withdrawn, hidden or erased.</summary>
    Unavailable,
}

/// <summary>
/// Writes supports. Supports that arrive while the database is busy with earlier ones are written together, in one
/// statement on PostgreSQL (one transaction on SQLite), so a burst after a newsletter costs the database one round
/// trip per batch rather than several per person. Each request still waits until its own support is committed and
/// learns what happened to it; the unique (proposal, person) index decides, and a counter moves only with a new row.
/// </summary>
public sealed class SupportWriter(IServiceScopeFactory scopes, ContentChanges changes, IConfiguration configuration, ILogger<SupportWriter> log)
    : BackgroundService
{
    /// <summary>Enough for a national burst in one statement, small enough that one batch stays a few milliseconds.</summary>
    private const int MaxBatch = 256;

    /// <summary>
    /// On PostgreSQL the writer has a connection of its own, where the statement keeps one generic plan. Left to choose,
    /// PostgreSQL planned it again for every batch (each batch's arrays have another length), and planning cost more
    /// than running it. One connection is enough when one batch is written at a time; without batching, requests write
    /// side by side, each on a connection of the pool.
    /// </summary>
    internal NpgsqlDataSource? Postgres { get; } = DatabaseSetup.PostgresConnection(configuration) is { } connection
        ? NpgsqlDataSource.Create(WriterConnection(connection, ThroughputLayer.IsOn(configuration, Batching)))
        : null;

    private const string Batching = "SupportBatching";

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

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>
    /// Whether supports arriving together are written together: a piece of the throughput layer, with its switch
    /// (Performance:SupportBatching). Off, each request writes its own support, by the same statements.
    /// </summary>
    private readonly bool _batching = ThroughputLayer.IsOn(configuration, Batching);

    public async Task<SupportOutcome> WriteAsync(Guid organisationId, Guid proposalId, Guid personId, CancellationToken cancellation = default)
    {
        var pending = new Pending(Guid.CreateVersion7(), organisationId, proposalId, personId);
        if (!_batching)
        {
            await WriteBatchAsync([pending]);
            return await pending.Outcome.Task;
        }
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The support writer has stopped.");
        }
        return await pending.Outcome.Task.WaitAsync(cancellation);
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
        // Another node's batch may lock the same proposals in another order: the loser is rolled back whole and tries again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var outcomes = Postgres is { } postgres ? await WritePostgresAsync(postgres, batch) : await WriteOneByOneAsync(batch);
                // Said once the rows are surely committed, so no page read in between is kept; and only when a row went
                // in: a repeated click or a withdrawn proposal changes nothing, and must not drop every node's pages. Only the
                // organisations whose proposals were supported see the change.
                foreach (var organisation in batch.Where((_, i) => outcomes[i] == SupportOutcome.Added).Select(p => p.OrganisationId).Distinct())
                {
                    changes.Committed(ChangeKind.Content | ChangeKind.Supports, organisation);
                }
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Outcome.TrySetResult(outcomes[i]);
                }
                return;
            }
            catch (Exception e) when (attempt < 3 && e is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected }
                or InvalidOperationException { InnerException: PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected } })
            {
                log.LogInformation("Support batch of {Count} met a deadlock; trying again", batch.Count);
            }
            catch (Exception e)
            {
                log.LogError(e, "Support batch of {Count} failed", batch.Count);
                foreach (var pending in batch)
                {
                    pending.Outcome.TrySetException(e);
                }
                return;
            }
        }
    }

    /// <summary>
    /// One statement: the eligible requests, the rows the unique index lets in, and each proposal's counter raised by
    /// the rows it gained. PostgreSQL runs every part of it, in one transaction, whatever the final SELECT reads.
    /// </summary>
    private const string WriteStatement = """
        WITH wanted AS (
            SELECT w.id, w.proposal, w.person
            FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[]) AS w(id, organisation, proposal, person)
            JOIN kernel_contributions c ON c."Id" = w.proposal AND c."OrganisationId" = w.organisation
                AND c."HiddenAt" IS NULL AND c."ErasedAt" IS NULL
            JOIN proposals_proposals p ON p."Id" = w.proposal AND p."WithdrawnAt" IS NULL
        ), added AS (
            INSERT INTO proposals_supports ("Id", "ProposalId", "PersonId", "CreatedAt")
            SELECT id, proposal, person, $5 FROM wanted
            ON CONFLICT ("ProposalId", "PersonId") DO NOTHING
            RETURNING "Id", "ProposalId"
        ), counted AS (
            UPDATE proposals_proposals p SET "SupportCount" = p."SupportCount" + a.n
            FROM (SELECT "ProposalId", count(*)::int AS n FROM added GROUP BY "ProposalId") a
            WHERE p."Id" = a."ProposalId"
        )
        SELECT w.id, a."Id" IS NOT NULL FROM wanted w LEFT JOIN added a ON a."Id" = w.id
        """;

    /// <summary>
    /// Straight to Npgsql, round EF's interceptor: the interceptor would report a change for any statement that
    /// can insert, while only the writer knows whether a row went in. Prepared, since it is the same every time.
    /// </summary>
    private static async Task<SupportOutcome[]> WritePostgresAsync(NpgsqlDataSource postgres, List<Pending> batch)
    {
        await using var connection = await postgres.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(WriteStatement, connection)
        {
            Parameters =
            {
                new NpgsqlParameter<Guid[]> { TypedValue = [.. batch.Select(p => p.Id)] },
                new NpgsqlParameter<Guid[]> { TypedValue = [.. batch.Select(p => p.OrganisationId)] },
                new NpgsqlParameter<Guid[]> { TypedValue = [.. batch.Select(p => p.ProposalId)] },
                new NpgsqlParameter<Guid[]> { TypedValue = [.. batch.Select(p => p.PersonId)] },
                new NpgsqlParameter<DateTimeOffset> { TypedValue = DateTimeOffset.UtcNow },
            },
        };
        await command.PrepareAsync();
        var written = new Dictionary<Guid, bool>(batch.Count);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                written[reader.GetGuid(0)] = reader.GetBoolean(1);
            }
        }
        return [.. batch.Select(p => written.TryGetValue(p.Id, out var added)
            ? added ? SupportOutcome.Added : SupportOutcome.AlreadySupported
            : SupportOutcome.Unavailable)];
    }

    /// <summary>SQLite has one writer at a time anyway: the batch shares one transaction, so one commit.</summary>
    private async Task<SupportOutcome[]> WriteOneByOneAsync(List<Pending> batch)
    {
        // The batch tells what it changed, organisation by organisation, once committed (WriteBatchAsync).
        using var told = ContentChanges.ToldByCaller();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParvisDbContext>();
        var outcomes = new SupportOutcome[batch.Count];
        await using var transaction = await db.Database.BeginTransactionAsync();
        for (var i = 0; i < batch.Count; i++)
        {
            var pending = batch[i];
            var eligible = await db.Proposals.AnyAsync(p => p.Id == pending.ProposalId && p.OrganisationId == pending.OrganisationId
                && p.WithdrawnAt == null && p.HiddenAt == null && p.ErasedAt == null);
            if (!eligible)
            {
                outcomes[i] = SupportOutcome.Unavailable;
                continue;
            }
            if (await db.Supports.AnyAsync(s => s.ProposalId == pending.ProposalId && s.PersonId == pending.PersonId))
            {
                outcomes[i] = SupportOutcome.AlreadySupported;
                continue;
            }
            db.Supports.Add(new Support { Id = pending.Id, ProposalId = pending.ProposalId, PersonId = pending.PersonId });
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
            {
                // Written by another connection since the check: EF rolled back to its savepoint, the batch goes on.
                db.ChangeTracker.Clear();
                outcomes[i] = SupportOutcome.AlreadySupported;
                continue;
            }
            db.ChangeTracker.Clear();
            await db.Proposals.Where(p => p.Id == pending.ProposalId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.SupportCount, p => p.SupportCount + 1));
            outcomes[i] = SupportOutcome.Added;
        }
        await transaction.CommitAsync();
        return outcomes;
    }

    public override void Dispose()
    {
        Postgres?.Dispose();
        base.Dispose();
    }

    private sealed record Pending(Guid Id, Guid OrganisationId, Guid ProposalId, Guid PersonId)
    {
        public TaskCompletionSource<SupportOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
