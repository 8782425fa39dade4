using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Texts.Pages;

/// <summary>A text as listed: its title, its current version, and how many took part.</summary>
public sealed record TextLine(Guid Id, string Title, int Version, int Votes, int Amendments);

/// <summary>The published texts of a process.</summary>
public sealed class IndexModel(ParvisDbContext db, CurrentOrganisation organisation, ProcessAccess processes) : ParvisPageModel, IProcessPage
{
    public Process Process { get; private set; } = default!;
    public IReadOnlyList<TextLine> Texts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        var id = await db.Processes.Where(p => p.Slug == slug && p.OrganisationId == organisation.Id).Select(p => (Guid?)p.Id).FirstOrDefaultAsync();
        if ((id is { } found ? await processes.FindAsync(found, TextsModule.Key) : null) is not { } process)
        {
            return NotFound();
        }
        Process = process;
        var (votes, amendments) = (db.TextVotes, db.Amendments);
        Texts = await db.CollaborativeTexts.AsNoTracking().Where(t => t.ProcessId == process.Id && t.Version > 0).OrderBy(t => t.CreatedAt)
            .Select(t => new TextLine(t.Id, t.Title, t.Version, votes.Count(v => v.TextId == t.Id), amendments.Count(a => a.TextId == t.Id && a.HiddenAt == null && a.ErasedAt == null)))
            .ToListAsync();
        return Page();
    }
}
