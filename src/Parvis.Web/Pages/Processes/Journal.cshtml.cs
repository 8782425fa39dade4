using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Pages.Processes;

/// <summary>
/// The process's public journal: every change made once it was published, newest first, with what it was before and
/// after, why, and what prompted it.
/// </summary>
public sealed class JournalModel(ParvisDbContext db, CurrentOrganisation organisation) : ParvisPageModel
{
    public const int PageSize = 100;

    public Process Process { get; private set; } = default!;

    /// <summary>The changes, grouped by the moment they were made together (one form posted, one reason).</summary>
    public IReadOnlyList<IGrouping<DateTimeOffset, JournalEntry>> Moments { get; private set; } = [];

    public int PageNumber { get; private set; }

    public bool HasMore { get; private set; }

    public async Task<IActionResult> OnGetAsync(int p = 1)
    {
        var slug = RouteValue("slug");
        var process = await db.Processes.AsNoTracking().FirstOrDefaultAsync(x => x.OrganisationId == organisation.Id && x.Slug == slug && x.Published);
        if (process is null)
        {
            return NotFound();
        }
        Process = process;
        PageNumber = PageNumbers.Of(p);
        var entries = await db.JournalEntries.AsNoTracking().Where(e => e.ProcessId == process.Id)
            .OrderByDescending(e => e.At).ThenBy(e => e.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync();
        HasMore = entries.Count > PageSize;
        Moments = [.. entries.Take(PageSize).GroupBy(e => e.At)];
        return Page();
    }
}
