using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Privacy;

namespace Parvis.Web.Modules.Meetings;

/// <summary>
/// The meetings module's share of a person's data: their registrations, and the answers they gave as an
/// expert. Questions they asked are exported and erased by the kernel as contributions.
/// </summary>
public sealed class MeetingsPersonalData(ParvisDbContext db) : IPersonalDataSource
{
    public string Name => MeetingsModule.Key;

    public async Task<object> ExportAsync(Guid personId, CancellationToken cancellationToken)
    {
        var registrations = await db.MeetingRegistrations.AsNoTracking().Where(r => r.PersonId == personId)
            .Join(db.MeetingSites, r => r.SiteId, s => s.Id, (r, s) => new { r.Id, r.MeetingId, Site = s.Name, r.Status, r.CreatedAt })
            .ToListAsync(cancellationToken);
        var answers = await db.ExpertQuestions.AsNoTracking().Where(q => q.AnsweredById == personId)
            .Select(q => new { QuestionId = q.Id, q.Status, q.Answer, q.AnsweredAt })
            .ToListAsync(cancellationToken);
        return new { registrations, answers };
    }

    /// <summary>Registrations go whatever the choice (a seat is no contribution); freed seats go to the waiting lists.</summary>
    public async Task EraseAsync(Guid personId, ErasureChoice choice, CancellationToken cancellationToken)
    {
        var sites = await db.MeetingRegistrations.Where(r => r.PersonId == personId).Select(r => r.SiteId).ToListAsync(cancellationToken);
        foreach (var site in sites)
        {
            await Seats.LockAsync(db, site);
        }
        await db.MeetingRegistrations.Where(r => r.PersonId == personId).ExecuteDeleteAsync(cancellationToken);
        foreach (var site in sites)
        {
            await Seats.PromoteAsync(db, site);
        }
    }
}
