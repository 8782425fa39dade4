using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;

namespace Parvis.Web.Modules.Meetings;

/// <summary>How seats at a site are taken in turn and given to the waiting list when freed.</summary>
internal static class Seats
{
    /// <summary>Writes the site's row first: on PostgreSQL the row lock, on SQLite the write lock, make changes at a site take turns.</summary>
    public static Task<int> LockAsync(ParvisDbContext db, Guid siteId) =>
        db.MeetingSites.Where(s => s.Id == siteId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Revision, x => x.Revision + 1));

    /// <summary>Gives free seats to those waiting longest, inside the caller's transaction. Returns who got a seat.</summary>
    public static async Task<IReadOnlyList<Guid>> PromoteAsync(ParvisDbContext db, Guid siteId)
    {
        await LockAsync(db, siteId);
        var capacity = await db.MeetingSites.Where(s => s.Id == siteId).Select(s => s.Capacity).SingleAsync();
        var confirmed = await db.MeetingRegistrations.CountAsync(r => r.SiteId == siteId && r.Status == RegistrationStatus.Confirmed);
        var free = capacity is null ? int.MaxValue : capacity.Value - confirmed;
        if (free <= 0)
        {
            return [];
        }
        var next = await db.MeetingRegistrations
            .Where(r => r.SiteId == siteId && r.Status == RegistrationStatus.Waiting)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .Take(Math.Min(free, 10_000))
            .Select(r => new { r.Id, r.PersonId })
            .ToListAsync();
        var ids = next.Select(r => r.Id).ToList();
        await db.MeetingRegistrations.Where(r => ids.Contains(r.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Confirmed));
        return next.Select(r => r.PersonId).ToList();
    }
}
