using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Privacy;

namespace Parvis.Web.Modules.Votes;

/// <summary>
/// The module's share of a person's data: the register's lines (which vote, by which channel, which day) and their
/// ballots in named votes. A secret ballot is not theirs to export or withdraw: nothing leads from them to it.
/// </summary>
public sealed class VotesPersonalData(Kernel.Data.ParvisDbContext db) : IPersonalDataSource
{
    public string Name => VotesModule.Key;

    public async Task<object> ExportAsync(Guid personId, CancellationToken cancellationToken) =>
        await db.VoteRegister.AsNoTracking().Where(r => r.PersonId == personId)
            .Join(db.Votes, r => r.VoteId, v => v.Id, (r, v) => new { vote = v.Question, v.Secret, channel = r.Channel.ToString(), r.Day, r.NamedBallot })
            .ToListAsync(cancellationToken);

    /// <summary>Either way the line stays without a name: the turnout stays true, and a named ballot still counts, now anonymous.</summary>
    public async Task EraseAsync(Guid personId, ErasureChoice choice, CancellationToken cancellationToken) =>
        await db.VoteRegister.Where(r => r.PersonId == personId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.PersonId, (Guid?)null), cancellationToken);
}
