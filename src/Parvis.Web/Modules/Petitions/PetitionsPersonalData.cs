using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Privacy;

namespace Parvis.Web.Modules.Petitions;

/// <summary>
/// The petitions module's share of a person's data: their signatures, the committees they are named on, and the paper
/// sheets they counted as staff. The petitions they wrote are contributions, exported and erased by the kernel.
/// </summary>
public sealed class PetitionsPersonalData(ParvisDbContext db) : IPersonalDataSource
{
    public string Name => PetitionsModule.Key;

    public async Task<object> ExportAsync(Guid personId, CancellationToken cancellationToken)
    {
        var signatures = await db.PetitionSignatures.AsNoTracking().Where(s => s.PersonId == personId)
            .Join(db.Petitions, s => s.PetitionId, p => p.Id, (s, p) => new { s.Id, petition = p.Title, s.PetitionId, s.SignedAt, s.Shown })
            .ToListAsync(cancellationToken);
        var committees = await db.CommitteeMembers.AsNoTracking().Where(m => m.PersonId == personId)
            .Join(db.Petitions, m => m.PetitionId, p => p.Id, (m, p) => new { m.PetitionId, petition = p.Title, m.ConfirmedAt })
            .ToListAsync(cancellationToken);
        var sheets = await db.SignatureSheets.AsNoTracking().Where(s => s.EnteredBy == personId)
            .Select(s => new { s.Id, s.PetitionId, s.Number, s.Signatures, s.EnteredAt }).ToListAsync(cancellationToken);
        // The demands of the petitions they wrote: the kernel exports the petitions themselves.
        var authored = db.Petitions.Where(p => p.AuthorId == personId).Select(p => p.Id);
        var demands = await db.PetitionDemands.AsNoTracking().Where(d => authored.Contains(d.PetitionId))
            .OrderBy(d => d.Number).Select(d => new { d.Id, d.PetitionId, d.Number, d.Text }).ToListAsync(cancellationToken);
        return new { signatures, committees, sheets, demands };
    }

    /// <summary>
    /// A signature stays counted without a name (the threshold reached stays reached), or leaves with its count when the
    /// person asks for removal. Committee places end with the account; counted sheets stay, unsigned.
    /// </summary>
    public async Task EraseAsync(Guid personId, ErasureChoice choice, CancellationToken cancellationToken)
    {
        if (choice == ErasureChoice.Remove)
        {
            // The kernel erases the petitions' text; their demands are the same author's words.
            var authored = db.Petitions.Where(p => p.AuthorId == personId).Select(p => p.Id);
            // Those the answer made actions leave them too, where the answer around them stays.
            var made = await db.PetitionDemands.Where(d => authored.Contains(d.PetitionId) && d.ActionId != null)
                .Select(d => new { Item = d.ActionId!.Value, d.Text }).ToListAsync(cancellationToken);
            await CitedSummaries.ForgetCopiesAsync(db, [.. made.Select(d => new CopiedWords(d.Item, PetitionDemand.ActionTitle(d.Text), d.Text))],
                cancellationToken);
            await db.PetitionDemands.Where(d => authored.Contains(d.PetitionId)).ExecuteUpdateAsync(s => s.SetProperty(d => d.Text, ""), cancellationToken);
            var signed = await db.PetitionSignatures.Where(s => s.PersonId == personId).Select(s => s.PetitionId).ToListAsync(cancellationToken);
            await db.Petitions.Where(p => signed.Contains(p.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.OnlineSignatures, p => p.OnlineSignatures - 1), cancellationToken);
            await db.PetitionSignatures.Where(s => s.PersonId == personId).ExecuteDeleteAsync(cancellationToken);
        }
        else
        {
            await db.PetitionSignatures.Where(s => s.PersonId == personId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.PersonId, (Guid?)null).SetProperty(x => x.Shown, false), cancellationToken);
        }
        await db.CommitteeMembers.Where(m => m.PersonId == personId).ExecuteDeleteAsync(cancellationToken);
        await db.SignatureSheets.Where(s => s.EnteredBy == personId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EnteredBy, (Guid?)null), cancellationToken);
    }
}
