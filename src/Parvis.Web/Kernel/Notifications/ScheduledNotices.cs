using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;

namespace Parvis.Web.Kernel.Notifications;

/// <summary>
/// Raises what the calendar brings rather than someone's act: a phase that opens today (the kernel's), and what each
/// module declares (a meeting tomorrow). Each event has a key of its own, so it is raised once whoever runs this.
/// </summary>
public sealed class ScheduledNotices(ParvisDbContext db, Notifier notifier, ModuleCatalog modules, TimeProvider clock)
{
    public async Task RaiseDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.Local).DateTime);
        // A phase that opened while no node ran is still told the next day, not weeks later.
        var yesterday = today.AddDays(-1);
        var opening = await db.Phases.Where(p => p.StartsOn >= yesterday && p.StartsOn <= today)
            .Join(db.Processes.Where(p => p.Published && p.ClosedAt == null), phase => phase.ProcessId, process => process.Id,
                (phase, process) => new { phase.Id, phase.Title, process.OrganisationId, ProcessId = process.Id, ProcessTitle = process.Title, process.Slug })
            .ToListAsync(cancellationToken);
        foreach (var phase in opening)
        {
            var key = $"phase:{phase.Id}";
            if (await RaisedAsync(db, phase.OrganisationId, key, cancellationToken))
            {
                continue;
            }
            await notifier.RaiseAsync(new Notice(KernelNotifications.PhaseOpened, phase.OrganisationId, phase.ProcessId, phase.ProcessId,
                phase.ProcessTitle, "/processes/" + phase.Slug, phase.Title) { ToProcessFollowers = true, DedupeKey = key });
        }
        foreach (var module in modules.Modules)
        {
            await module.RaiseDueAsync(db, notifier, now, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Whether an event with this key was raised already (or is in this unit of work).</summary>
    public static async Task<bool> RaisedAsync(ParvisDbContext db, Guid organisationId, string key, CancellationToken cancellationToken) =>
        db.NotificationEvents.Local.Any(e => e.OrganisationId == organisationId && e.DedupeKey == key)
        || await db.NotificationEvents.AnyAsync(e => e.OrganisationId == organisationId && e.DedupeKey == key, cancellationToken);
}
