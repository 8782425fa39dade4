using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.LocalDirectory.Pages.Admin;

/// <summary>A proposal awaiting staff: the entry, whether it is new, when, the proposer's note and the fields it changes.</summary>
public sealed record WaitingLine(Guid VersionId, Guid EntryId, string Name, string Language, bool New, DateTimeOffset At, string Note, IReadOnlyList<string> Changed);

/// <summary>An entry as staff's list of what to check again shows it.</summary>
public sealed record CheckLine(Guid Id, string Name, string Language, DateTimeOffset? CheckedAt);

/// <summary>
/// The directory of a process for staff: the proposals awaiting a decision, oldest first, and the listed entries not
/// checked for a year, the longest unchecked first; the territory the maps are drawn on is set in the administration.
/// </summary>
public sealed class DirectoryModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, TimeProvider clock) : ParvisPageModel, IProcessPage
{
    public const int MostShown = 100;

    public Process Process { get; private set; } = default!;
    public ProcessComponent Component { get; private set; } = default!;
    public Guid? ComponentId => Component?.Id;
    public IReadOnlyList<WaitingLine> Waiting { get; private set; } = [];
    public IReadOnlyList<CheckLine> ToCheck { get; private set; } = [];
    public int Listed { get; private set; }
    public int Closed { get; private set; }
    public int Areas { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid processId)
    {
        var process = await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.Id == processId && p.OrganisationId == organisation.Id);
        if (process?.Component(LocalDirectoryModule.Key) is not { Enabled: true } component)
        {
            return NotFound();
        }
        (Process, Component) = (process, component);
        if (Denied(await authorizer.DecideAsync(LocalDirectoryPermissions.Manage, process)) is { } denied)
        {
            return denied;
        }
        var entries = db.DirectoryEntries.Where(e => e.ProcessId == processId);
        var waiting = await (from v in db.DirectoryVersions
                             join e in entries on v.EntryId equals e.Id
                             where v.State == VersionState.Pending
                             orderby v.ProposedAt
                             select new { v.Id, EntryId = e.Id, e.Name, e.Language, e.State, v.ProposedAt, v.Note, v.Content }).Take(MostShown).ToListAsync();
        var current = await db.DirectoryVersions.AsNoTracking()
            .Where(v => v.State == VersionState.Accepted && waiting.Select(w => w.EntryId).Contains(v.EntryId) && entries.Any(e => e.Id == v.EntryId && e.Version == v.Number))
            .ToDictionaryAsync(v => v.EntryId, v => v.Content);
        Waiting = [.. waiting.Select(w => new WaitingLine(w.Id, w.EntryId, w.Name, w.Language, w.State == EntryState.Proposed, w.ProposedAt, w.Note,
            EntryContent.FromJson(w.Content).ChangedFrom(current.TryGetValue(w.EntryId, out var now) ? EntryContent.FromJson(now) : null)))];
        var year = clock.GetUtcNow() - ShowModel.Freshness;
        ToCheck = await entries.Where(e => e.State == EntryState.Published && (e.CheckedAt == null || e.CheckedAt < year))
            .OrderBy(e => e.CheckedAt).Take(MostShown).Select(e => new CheckLine(e.Id, e.Name, e.Language, e.CheckedAt)).ToListAsync();
        Listed = await entries.CountAsync(e => e.State == EntryState.Published);
        Closed = await entries.CountAsync(e => e.State == EntryState.Closed);
        Areas = await db.TerritoryAreas.CountAsync(a => a.OrganisationId == organisation.Id);
        return Page();
    }
}
