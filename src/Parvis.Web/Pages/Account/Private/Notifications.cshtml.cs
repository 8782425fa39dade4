using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Notifications;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Account.Private;

/// <summary>
/// "What's new for me": the person's notifications in this organisation, grouped by item exactly as their messages
/// group them, unread ones first marked; reading them here marks nothing until they say so.
/// </summary>
public sealed class NotificationsModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, ModuleCatalog modules,
    IEnumerable<Parvis.Web.Kernel.Contributions.IContributionSource> sources) : ParvisPageModel
{
    /// <summary>The list reaches this far back, and this many at most.</summary>
    public static readonly TimeSpan Reach = TimeSpan.FromDays(90);

    public const int Most = 500;

    public IReadOnlyList<DigestItem> Items { get; private set; } = [];

    public int Unread { get; private set; }

    public async Task OnGetAsync()
    {
        var person = authorizer.PersonId!.Value;
        var since = DateTimeOffset.UtcNow - Reach;
        var received = await db.Notifications.AsNoTracking()
            .Where(n => n.PersonId == person && n.OrganisationId == organisation.Id && n.CreatedAt >= since)
            .OrderByDescending(n => n.CreatedAt).Take(Most)
            .Join(ShownEvents.Of(db, sources), n => n.EventId, e => e.Id, (n, e) => new Received(n, e)).ToListAsync();
        Items = Digest.Group(received, modules, Text);
        Unread = Items.Count(i => i.Unread);
    }

    public async Task<IActionResult> OnPostReadAsync()
    {
        using var quiet = ContentChanges.ToldByCaller();
        var person = authorizer.PersonId!.Value;
        var now = DateTimeOffset.UtcNow;
        await db.Notifications.Where(n => n.PersonId == person && n.OrganisationId == organisation.Id && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now));
        Flash("Notify.List.AllRead");
        return RedirectToPage();
    }
}
