using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Feeds;

/// <summary>A published process's news as an Atom feed; with <c>?theme=</c>, one of its themes' only.</summary>
public sealed class ProcessModel(Kernel.Notifications.Feeds feeds, ParvisDbContext db, CurrentOrganisation organisation) : ParvisPageModel
{
    public async Task<IActionResult> OnGetAsync(Guid? theme)
    {
        var slug = RouteValue("slug");
        var process = await db.Processes.AsNoTracking().Where(p => p.OrganisationId == organisation.Id && p.Slug == slug && p.Published)
            .Select(p => new { p.Id, p.Title, Themes = p.Themes.Select(t => new { t.Id, t.Name }).ToList() }).FirstOrDefaultAsync();
        var named = theme is { } id ? process?.Themes.FirstOrDefault(t => t.Id == id) : null;
        if (process is null || (theme is not null && named is null))
        {
            return NotFound();
        }
        var self = $"/processes/{slug}/feed.atom" + (named is null ? "" : $"?theme={named.Id}");
        var title = named is null ? Text["Feed.ProcessTitle", process.Title] : Text["Feed.ThemeTitle", process.Title, named.Name];
        return File(await feeds.BuildAsync(title, self, $"/processes/{slug}", process.Id, named?.Id, Text), Kernel.Notifications.Feeds.ContentType);
    }
}
