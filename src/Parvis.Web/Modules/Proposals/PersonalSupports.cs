using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Modules.Proposals;

/// <summary>
/// Which proposals a person supported, read in one query and kept until supports in the organisation change on any node, so that
/// reading a proposal page signed in asks the database nothing of its own. The page that follows one's own support
/// reads it afresh: the news of that write may not have reached this node yet.
/// </summary>
public sealed class PersonalSupports(DatabaseOnDemand database, SharedData shared)
{
    private ParvisDbContext Db => database.Context;

    public async Task<bool> HasSupportedAsync(Guid personId, Guid proposalId, bool afterOwnAction)
    {
        if (afterOwnAction)
        {
            return await Db.Supports.AnyAsync(s => s.ProposalId == proposalId && s.PersonId == personId);
        }
        var supported = await shared.GetAsync($"supported:{personId}", () => ReadAsync(personId), ChangeKind.Supports,
            set => 64L + 24L * set.Count);
        return supported.Contains(proposalId);
    }

    private async Task<IReadOnlySet<Guid>> ReadAsync(Guid personId) =>
        (await Db.Supports.AsNoTracking().Where(s => s.PersonId == personId).Select(s => s.ProposalId).ToListAsync()).ToHashSet();
}
