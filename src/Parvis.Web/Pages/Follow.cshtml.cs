using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Notifications;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages;

/// <summary>The "follow" and "stop following" buttons of processes and items post here, then return to their page.</summary>
[Authorize]
public sealed class FollowModel(FollowCommands follows) : ParvisPageModel
{
    public IActionResult OnGet(string? returnUrl) => LocalRedirect(Back(returnUrl));

    public async Task<IActionResult> OnPostAsync(FollowedKind kind, Guid subjectId, bool following, string? place, string? returnUrl)
    {
        using var quiet = ContentChanges.ToldByCaller();
        var result = await follows.FollowAsync(kind, subjectId, following, place);
        if (result.NotFound)
        {
            return NotFound();
        }
        Flash(result.Succeeded ? following ? "Notify.Follow.Started" : "Notify.Follow.Stopped" : result.ErrorKey!, FollowCommands.PlacesMax);
        return LocalRedirect(Back(returnUrl));
    }

    private static string Back(string? returnUrl) => LocalAddresses.Or(returnUrl, "/");
}
