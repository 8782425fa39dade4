using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Modules.Votes.Pages;

/// <summary>Every vote of a component, newest first, a page at a time: the process page names only the latest.</summary>
public sealed class IndexModel(ParvisDbContext db, CurrentOrganisation organisation, TimeProvider clock) : ParvisPageModel, IProcessPage
{
    public const int PageSize = 50;

    public Process Process { get; private set; } = default!;
    public ProcessComponent Component { get; private set; } = default!;
    public Guid? ComponentId => Component?.Id;
    public IReadOnlyList<Vote> Votes { get; private set; } = [];
    public int PageNumber { get; private set; }
    public bool HasMore { get; private set; }
    public DateTimeOffset Now { get; private set; }

    public string Address => $"/processes/{Process.Slug}/votes/{Component.Id}";

    public async Task<IActionResult> OnGetAsync(string slug, Guid? componentId, int p = 1)
    {
        var process = await db.Processes.AsNoTracking().FirstOrDefaultAsync(x => x.Slug == slug && x.OrganisationId == organisation.Id && x.Published);
        var component = componentId is { } id ? process?.Component(id) : process?.Component(VotesModule.Key);
        if (process is null || component?.Module != VotesModule.Key)
        {
            return NotFound();
        }
        (Process, Component, PageNumber, Now) = (process, component, PageNumbers.Of(p), clock.GetUtcNow());
        var page = await db.Votes.AsNoTracking().Where(v => v.ComponentId == component.Id).OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync();
        (Votes, HasMore) = (page.Take(PageSize).ToList(), page.Count > PageSize);
        // A page past the last is no page.
        return PageNumber > 1 && Votes.Count == 0 ? NotFound() : Page();
    }
}
