using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Petitions;

/// <summary>A petition awaits a fate once found admissible or not: its fate is the council's answer (or the refusal).</summary>
public sealed class PetitionsContributions : IContributionSource
{
    public IQueryable<Guid> AwaitingFate(ParvisDbContext db, Process process) =>
        db.Petitions.Where(p => p.ProcessId == process.Id && p.Stage != PetitionStage.Committee && p.Stage != PetitionStage.Review).Select(p => p.Id);

    /// <summary>A petition is about what its authors put in it, not one of the process's themes.</summary>
    public IQueryable<Guid> InTheme(ParvisDbContext db, Guid themeId) => db.Petitions.Where(_ => false).Select(p => p.Id);

    public async Task<IReadOnlyList<(string Key, int Count)>> FiguresAsync(ParvisDbContext db, Process process)
    {
        // What the public list shows: admitted or refused, neither hidden nor erased.
        var petitions = db.Petitions.Where(p => p.ProcessId == process.Id && p.Stage != PetitionStage.Committee && p.Stage != PetitionStage.Review
            && p.HiddenAt == null && p.ErasedAt == null);
        var ids = petitions.Select(p => p.Id);
        return
        [
            ("Petitions.Figure.Petitions", await petitions.CountAsync()),
            ("Petitions.Figure.Online", await petitions.SumAsync(p => p.OnlineSignatures)),
            ("Petitions.Figure.Paper", await db.SignatureSheets.Where(s => ids.Contains(s.PetitionId)).SumAsync(s => (int?)s.Signatures) ?? 0),
        ];
    }
}
