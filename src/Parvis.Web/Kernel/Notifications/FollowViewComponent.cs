using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Permissions;

namespace Parvis.Web.Kernel.Notifications;

/// <summary>
/// The follow button any page shows next to what it presents (a process, a proposal, a petition…), for someone signed
/// in: <c>@await Component.InvokeAsync("Follow", new { kind, subjectId, title, involved })</c>. Nothing for visitors.
/// </summary>
public sealed class FollowViewComponent(FollowCommands follows, Authorizer authorizer) : ViewComponent
{
    /// <param name="kind">What is followed.</param>
    /// <param name="subjectId">Its id.</param>
    /// <param name="title">Its title, for the button's label.</param>
    /// <param name="involved">The person wrote, supported, signed or registered for it: they follow it unless they stopped.</param>
    public async Task<IViewComponentResult> InvokeAsync(FollowedKind kind, Guid subjectId, string title, bool involved = false)
    {
        if (authorizer.PersonId is null)
        {
            return Content("");
        }
        return View("/Shared/_Follow.cshtml", new FollowButton(kind, subjectId, title, await follows.FollowsAsync(subjectId, involved)));
    }
}
