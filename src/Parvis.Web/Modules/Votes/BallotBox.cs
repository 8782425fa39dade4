using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Modules.Votes;

/// <summary>
/// Takes the envelopes of a vote into its ballot box, shuffled, in a transaction of their own, once enough have come
/// for them not to be told apart (or when the vote closes): a ballot written with its voter's line would share its
/// transaction (PostgreSQL's xmin) and its place in the table with that line. Until then an envelope counts as a ballot.
/// </summary>
public sealed class BallotBox(IServiceScopeFactory scopes, TimeProvider clock, ILogger<BallotBox> log) : BackgroundService
{
    /// <summary>Envelopes a vote gathers before they are taken together.</summary>
    public const int Together = 10;

    private static readonly TimeSpan _every = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_every, clock);
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
                    // The envelopes stay where they are and count as ballots: the next round takes them.
                    log.LogWarning(e, "The ballot box could not take its envelopes");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: envelopes wait for the next start.
        }
    }

    /// <summary>Takes the envelopes of every vote that has gathered enough, or is closed; forgets closed votes' identity keys.</summary>
    public async Task TakeAsync(CancellationToken cancellation = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParvisDbContext>();
        var now = clock.GetUtcNow();
        var waiting = await db.Envelopes.GroupBy(e => e.VoteId).Select(g => new { VoteId = g.Key, Count = g.Count() }).ToListAsync(cancellation);
        foreach (var group in waiting)
        {
            var vote = await db.Votes.AsNoTracking().FirstAsync(v => v.Id == group.VoteId, cancellation);
            if (group.Count < Together && now < vote.ClosesAt)
            {
                continue;
            }
            try
            {
                await TakeEnvelopesAsync(db, vote.Id, cancellation);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Every node runs a ballot box: another took these envelopes first, so deleting them found no row and
                // this transaction, its ballots with it, was rolled back. No ballot is counted twice; other votes go on.
                db.ChangeTracker.Clear();
            }
        }
        // Once a vote is closed no desk signs anyone: the register forgets the hashes of names and birth dates.
        using var quiet = ContentChanges.ToldByCaller();
        var votes = db.Votes;
        await db.VoteRegister.Where(r => r.IdentityKey != null && votes.Any(v => v.Id == r.VoteId && v.ClosesAt <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.IdentityKey, (string?)null), cancellation);
    }

    private static async Task TakeEnvelopesAsync(ParvisDbContext db, Guid voteId, CancellationToken cancellation)
    {
        // No stored page changes: an open vote's running count is worked out at each look, a closed one's after this.
        using var told = ContentChanges.ToldByCaller();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var envelopes = await db.Envelopes.Where(e => e.VoteId == voteId).ToArrayAsync(cancellation);
        RandomNumberGenerator.Shuffle(envelopes.AsSpan());
        var round = await db.Ballots.Where(b => b.VoteId == voteId).MaxAsync(b => (int?)b.Round, cancellation) ?? 0;
        db.Ballots.AddRange(envelopes.Select(e => new CastBallot { VoteId = e.VoteId, Content = e.Content, Round = round + 1 }));
        db.Envelopes.RemoveRange(envelopes);
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        db.ChangeTracker.Clear();
    }
}
