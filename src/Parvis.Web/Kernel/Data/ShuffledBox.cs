using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Kernel.Data;

/// <summary>
/// Moves what people give without their name (a secret ballot, an anonymous answer) from where it waits, in the order it
/// came, into its table, shuffled, in a transaction of its own, once enough have come for them not to be told apart (or
/// when what they answer closes). Written at once, a row would share its transaction (PostgreSQL's xmin) and its place in
/// the table with the line that says who took part, written at the same moment. Until moved, what waits counts anyway.
/// Every node runs each box, every <see cref="Every"/>.
/// </summary>
public abstract class ShuffledBox(IServiceScopeFactory scopes, ContentChanges changes, TimeProvider clock, ILogger log) : BackgroundService
{
    /// <summary>How many a subject gathers before they are moved together.</summary>
    public const int Together = 10;

    public static readonly TimeSpan Every = TimeSpan.FromSeconds(30);

    /// <summary>The subjects (a vote, a survey) whose waiting rows are due: <see cref="Together"/> or more, or closed.</summary>
    protected abstract Task<IReadOnlyList<Guid>> DueAsync(ParvisDbContext db, DateTimeOffset now, CancellationToken cancellation);

    /// <summary>
    /// Adds the subject's waiting rows to their table, in the order <see cref="Shuffled"/> gives, and removes them, on
    /// the tracked context (the box saves). Returns whose public pages change, or null when none do.
    /// </summary>
    protected abstract Task<Guid?> MoveAsync(ParvisDbContext db, Guid subject, DateTimeOffset now, CancellationToken cancellation);

    /// <summary>What a box does after each round, whatever it moved.</summary>
    protected virtual Task AfterAsync(ParvisDbContext db, DateTimeOffset now, CancellationToken cancellation) => Task.CompletedTask;

    protected static T[] Shuffled<T>(T[] rows)
    {
        RandomNumberGenerator.Shuffle(rows.AsSpan());
        return rows;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await TakeAsync(stoppingToken);
                }
                catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
                {
                    // What waits stays where it is and counts: the next round takes it.
                    log.LogWarning(e, "{Box} could not move what waits", GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what waits, waits for the next start.
        }
    }

    /// <summary>Moves what is due now, each subject on its own.</summary>
    public async Task TakeAsync(CancellationToken cancellation = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParvisDbContext>();
        var now = clock.GetUtcNow();
        foreach (var subject in await DueAsync(db, now, cancellation))
        {
            try
            {
                await MoveOneAsync(db, subject, now, cancellation);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another node's box moved these rows first, so deleting them found none and this transaction, what it
                // added with it, was rolled back: nothing is counted twice, and the other subjects go on.
                db.ChangeTracker.Clear();
            }
        }
        await AfterAsync(db, now, cancellation);
    }

    private async Task MoveOneAsync(ParvisDbContext db, Guid subject, DateTimeOffset now, CancellationToken cancellation)
    {
        Guid? changed;
        // The change interceptor would only see a background task: the box says whose pages changed itself.
        using (ContentChanges.ToldByCaller())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
            changed = await MoveAsync(db, subject, now, cancellation);
            await db.SaveChangesAsync(cancellation);
            await transaction.CommitAsync(cancellation);
            db.ChangeTracker.Clear();
        }
        if (changed is { } organisation)
        {
            changes.Committed(ChangeKind.Content, organisation);
        }
    }
}
