using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Kernel.Data;

/// <summary>
/// Moves what people give without their name (a secret ballot, an anonymous answer) from where it waits, in the order it
/// came, into its table, shuffled, in a transaction of its own, once enough have come for them not to be told apart (or
/// when what they answer closes). Written at once, a row would share its transaction (PostgreSQL's xmin) and its place in
/// the table with the line that says who took part, written at the same moment. What waits is counted at the close.
/// Every node runs each box, every <see cref="Every"/>, unless its background work is off (as in tests, which call
/// <see cref="TakeAsync"/> themselves).
/// </summary>
public abstract class ShuffledBox(IServiceScopeFactory scopes, ContentChanges changes, TimeProvider clock, IConfiguration configuration, ILogger log)
    : BackgroundService
{
    /// <summary>How many a subject gathers before they are moved together.</summary>
    public const int Together = 10;

    public static readonly TimeSpan Every = TimeSpan.FromSeconds(30);

    /// <summary>The subjects (a vote, a survey) whose waiting rows are due: <see cref="Together"/> or more, or closed.</summary>
    protected abstract Task<IReadOnlyList<Guid>> DueAsync(ParvisDbContext db, DateTimeOffset now, CancellationToken cancellation);

    /// <summary>
    /// Adds the subject's waiting rows to their table, in the order <see cref="Shuffled"/> gives, and removes them, on
    /// the tracked context (the box saves), when they are still <see cref="Enough"/> once read in the box's transaction:
    /// another box may have moved those it counted. Returns whose public pages change, or null when none do.
    /// </summary>
    protected abstract Task<Guid?> MoveAsync(ParvisDbContext db, Guid subject, DateTimeOffset now, CancellationToken cancellation);

    /// <summary>What a box does after each round, whatever it moved.</summary>
    protected virtual Task AfterAsync(ParvisDbContext db, DateTimeOffset now, CancellationToken cancellation) => Task.CompletedTask;

    /// <summary>Whether rows read to be moved are enough to move: some, and <see cref="Together"/> unless their subject closed.</summary>
    protected static bool Enough(int count, bool closed) => count > 0 && (count >= Together || closed);

    protected static T[] Shuffled<T>(T[] rows)
    {
        RandomNumberGenerator.Shuffle(rows.AsSpan());
        return rows;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue(Notifications.BackgroundJobs.EnabledSetting, true))
        {
            return;
        }
        using var timer = new PeriodicTimer(Every, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await TakeAsync(cancellation: stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // What waits stays where it is and counts: the next round takes it.
                    log.LogWarning(e, "{Box} could not move what waits", GetType().Name);
                }
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down (whatever a disposed service threw meanwhile): what waits, waits for the next start.
        }
    }

    /// <summary>Moves what is due now (of one subject, or of all), each subject on its own: one that fails waits for the next round.</summary>
    public async Task TakeAsync(Guid? only = null, CancellationToken cancellation = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParvisDbContext>();
        var now = clock.GetUtcNow();
        foreach (var subject in (await DueAsync(db, now, cancellation)).Where(s => only is null || s == only))
        {
            try
            {
                await MoveOneAsync(db, subject, now, cancellation);
            }
            catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(e))
            {
                // Another node's box moved these rows first: deleting them found none, or what it added is there already.
                // This transaction, what it added with it, was rolled back, so nothing is counted twice.
                db.ChangeTracker.Clear();
                log.LogInformation("{Box} found what waits for {Subject} moved by another", GetType().Name, subject);
            }
            catch (Exception e) when (!cancellation.IsCancellationRequested)
            {
                db.ChangeTracker.Clear();
                log.LogWarning(e, "{Box} could not move what waits for {Subject}", GetType().Name, subject);
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
