using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Feeds;

/// <summary>The organisation's news, every published process's, as an Atom feed.</summary>
public sealed class OrganisationModel(Kernel.Notifications.Feeds feeds, CurrentOrganisation organisation) : ParvisPageModel
{
    public async Task<IActionResult> OnGetAsync() =>
        File(await feeds.BuildAsync(Text["Feed.OrganisationTitle", organisation.Value.Name], "/feed.atom", "/", null, null, Text), Kernel.Notifications.Feeds.ContentType);
}
