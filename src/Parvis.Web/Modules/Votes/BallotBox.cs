using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Modules.Votes;

/// <summary>
/// Takes the envelopes of a vote into its ballot box (<see cref="ShuffledBox"/>): an envelope is written with its voter's
/// line in the register, a ballot among others. Until taken an envelope counts as a ballot.
/// </summary>
public sealed class BallotBox(IServiceScopeFactory scopes, ContentChanges changes, TimeProvider clock, IConfiguration configuration, ILogger<BallotBox> log)
    : ShuffledBox(scopes, changes, clock, configuration, log)
{
    protected override async Task<IReadOnlyList<Guid>> DueAsync(ParvisDbContext db, DateTimeOffset now, CancellationToken cancellation)
    {
        var waiting = await db.Envelopes.GroupBy(e => e.VoteId).Select(g => new { VoteId = g.Key, Count = g.Count() }).ToListAsync(cancellation);
        var closes = await db.Votes.AsNoTracking().Where(v => waiting.Select(w => w.VoteId).Contains(v.Id)).Select(v => new { v.Id, v.ClosesAt })
            .ToDictionaryAsync(v => v.Id, v => v.ClosesAt, cancellation);
        return [.. waiting.Where(w => closes.TryGetValue(w.VoteId, out var at) && Enough(w.Count, now >= at)).Select(w => w.VoteId)];
    }

    /// <summary>No stored page changes: an open vote's running count is worked out at each look, a closed one's after this.</summary>
    protected override async Task<Guid?> MoveAsync(ParvisDbContext db, Guid subject, DateTimeOffset now, CancellationToken cancellation)
    {
        var envelopes = Shuffled(await db.Envelopes.Where(e => e.VoteId == subject).ToArrayAsync(cancellation));
        if (!Enough(envelopes.Length, now >= await db.Votes.Where(v => v.Id == subject).Select(v => v.ClosesAt).FirstAsync(cancellation)))
        {
            return null;
        }
        var round = await db.Ballots.Where(b => b.VoteId == subject).MaxAsync(b => (int?)b.Round, cancellation) ?? 0;
        db.Ballots.AddRange(envelopes.Select(e => new CastBallot { VoteId = e.VoteId, Content = e.Content, Round = round + 1 }));
        db.Envelopes.RemoveRange(envelopes);
        return null;
    }

    /// <summary>Once a vote is closed no desk signs anyone: the register forgets the hashes of names and birth dates.</summary>
    protected override async Task AfterAsync(ParvisDbContext db, DateTimeOffset now, CancellationToken cancellation)
    {
        using var quiet = ContentChanges.ToldByCaller();
        var votes = db.Votes;
        await db.VoteRegister.Where(r => r.IdentityKey != null && votes.Any(v => v.Id == r.VoteId && v.ClosesAt <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.IdentityKey, (string?)null), cancellation);
    }
}
