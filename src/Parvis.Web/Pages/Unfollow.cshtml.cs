using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Notifications;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages;

/// <summary>
/// Where a message's "stop following" and "stop everything" links lead: no sign-in, the signed link is the proof.
/// Opening the link only asks (a mail scanner that follows links must not unsubscribe anyone); the button does it.
/// Mail programs' one-click unsubscription (RFC 8058) posts here without a form token, which the signed link replaces.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UnfollowModel(NotificationLinks links, FollowCommands follows, ParvisDbContext db) : ParvisPageModel
{
    /// <summary>The item's title, or null for every message.</summary>
    public string? Title { get; private set; }

    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? t)
    {
        if (links.Read(t) is not { } asked)
        {
            return NotFound();
        }
        Title = asked.ItemId is { } item ? await TitleAsync(item) : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? t)
    {
        if (links.Read(t) is not { } asked)
        {
            return NotFound();
        }
        using var quiet = ContentChanges.ToldByCaller();
        await follows.StopAsync(asked.PersonId, asked.ItemId);
        Title = asked.ItemId is { } item ? await TitleAsync(item) : null;
        Done = true;
        return Page();
    }

    private Task<string?> TitleAsync(Guid item) =>
        db.NotificationEvents.Where(e => e.ItemId == item).OrderByDescending(e => e.RaisedAt).Select(e => e.ItemTitle).FirstOrDefaultAsync();
}
