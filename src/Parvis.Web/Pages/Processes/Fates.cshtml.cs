using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Pages.Processes;

/// <summary>Public: how many of the process's contributions have a fate, each fate's count, and the list (those without one first).</summary>
public sealed class FatesModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, FateCommands fates) : ParvisPageModel
{
    public const int PageSize = 50;

    /// <summary>"none" for those without a fate, a fate's name, or empty for all.</summary>
    public string Show { get; private set; } = "";

    public Process Process { get; private set; } = default!;
    public FateCount Count { get; private set; } = default!;
    public IReadOnlyList<Contribution> Contributions { get; private set; } = [];
    public int PageNumber { get; private set; }
    public bool HasMore { get; private set; }
    public bool CanDecide { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, string? show, int p = 1)
    {
        var process = await db.Processes.AsNoTracking().FirstOrDefaultAsync(x => x.OrganisationId == organisation.Id && x.Slug == slug && x.Published);
        if (process is null)
        {
            return NotFound();
        }
        Process = process;
        Count = await fates.CountAsync(process);
        CanDecide = await authorizer.CanAsync(Permission.Analyse, process);
        Show = show == "none" || Enum.TryParse<Fate>(show, out _) ? show! : "";
        PageNumber = PageNumbers.Of(p);
        var query = fates.Awaiting(process);
        if (Show.Length > 0)
        {
            Fate? fate = Show == "none" ? null : Enum.Parse<Fate>(Show);
            query = query.Where(c => c.Fate == fate);
        }
        var page = await query.AsNoTracking().OrderBy(c => c.Fate != null).ThenBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync();
        HasMore = page.Count > PageSize;
        Contributions = page.Take(PageSize).ToList();
        return Page();
    }

    public string PageUrl(string show, int page = 1) =>
        $"/processes/{Process.Slug}/fates?show={show}" + (page > 1 ? $"&p={page}" : "");
}
