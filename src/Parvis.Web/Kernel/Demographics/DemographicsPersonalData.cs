using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Privacy;

namespace Parvis.Web.Kernel.Demographics;

/// <summary>The optional answers a person gave about themselves: theirs to download, gone with their account.</summary>
public sealed class DemographicsPersonalData(ParvisDbContext db) : IPersonalDataSource
{
    public string Name => "demographics";

    public async Task<object> ExportAsync(Guid personId, CancellationToken cancellationToken) =>
        await db.DemographicAnswers.AsNoTracking().Where(a => a.PersonId == personId)
            .Select(a => new { a.ProcessId, a.AgeBand, a.Gender, a.Category, a.Commune, a.FirstTime, Channel = a.Channel.ToString(), a.GivenAt })
            .ToListAsync(cancellationToken);

    public Task EraseAsync(Guid personId, ErasureChoice choice, CancellationToken cancellationToken) =>
        db.DemographicAnswers.Where(a => a.PersonId == personId).ExecuteDeleteAsync(cancellationToken);
}
