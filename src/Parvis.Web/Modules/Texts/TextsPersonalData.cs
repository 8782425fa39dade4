using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Privacy;

namespace Parvis.Web.Modules.Texts;

/// <summary>
/// The collaborative texts module's share of a person's data: their votes on articles and amendments. Their amendments
/// and arguments are contributions, exported and erased by the kernel; their organisation's badge is the kernel's too.
/// </summary>
public sealed class TextsPersonalData(ParvisDbContext db) : IPersonalDataSource
{
    public string Name => TextsModule.Key;

    public async Task<object> ExportAsync(Guid personId, CancellationToken cancellationToken)
    {
        var votes = await db.TextVotes.AsNoTracking().Where(v => v.PersonId == personId).OrderBy(v => v.VotedAt)
            .Select(v => new { v.TextId, v.SubjectId, Opinion = v.Opinion.ToString(), v.VotedAt }).ToListAsync(cancellationToken);
        return new { votes };
    }

    /// <summary>A vote goes with the account, whichever the choice: counts are read from the votes, so they go down with it.</summary>
    public async Task EraseAsync(Guid personId, ErasureChoice choice, CancellationToken cancellationToken) =>
        await db.TextVotes.Where(v => v.PersonId == personId).ExecuteDeleteAsync(cancellationToken);
}
