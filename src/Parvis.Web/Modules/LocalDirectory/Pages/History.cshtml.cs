using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.LocalDirectory.Pages;

/// <summary>A version as its history shows it: its number, when it was taken in, what it says and what it changed.</summary>
public sealed record VersionLine(int Number, DateTimeOffset At, IReadOnlyList<EntryField> Fields, IReadOnlyList<string> Changed, string Language);

/// <summary>The versions of a listed (or closed) entry, newest first, each with what it changed; never who proposed it.</summary>
public sealed class HistoryModel(ParvisDbContext db, CurrentOrganisation organisation) : ParvisPageModel, IProcessPage
{
    public DirectoryEntry Entry { get; private set; } = default!;
    public Process Process { get; private set; } = default!;
    public IReadOnlyList<VersionLine> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await db.EntryWithProcess(id, organisation.Id, published: true) is not var (entry, process) || entry.State is EntryState.Proposed or EntryState.Refused)
        {
            return NotFound();
        }
        (Entry, Process) = (entry, process);
        var themes = await db.Themes.Where(t => t.ProcessId == process.Id).ToDictionaryAsync(t => t.Id, t => t.Name);
        var versions = await db.DirectoryVersions.AsNoTracking().Where(v => v.EntryId == id && v.State == VersionState.Accepted)
            .OrderBy(v => v.Number).Select(v => new { v.Number, v.DecidedAt, v.Content }).ToListAsync();
        EntryContent? before = null;
        var lines = new List<VersionLine>();
        foreach (var version in versions)
        {
            var content = EntryContent.FromJson(version.Content);
            lines.Add(new VersionLine(version.Number!.Value, version.DecidedAt!.Value, EntryFields.Of(content, Text, themes), content.ChangedFrom(before),
                content.Language ?? Entry.Language));
            before = content;
        }
        lines.Reverse();
        Versions = lines;
        return Page();
    }
}
