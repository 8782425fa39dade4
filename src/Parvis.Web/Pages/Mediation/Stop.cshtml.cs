using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Mediation;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Mediation;

/// <summary>
/// Where a mediator acting for someone stops: every page's banner leads here, and so do the pages they reach only as
/// themselves (their account, the administration, the mediation pages).
/// </summary>
public sealed class StopModel(MediationCommands commands) : ParvisPageModel
{
    public ActingUnderMandate? Acting { get; private set; }

    public IActionResult OnGet()
    {
        Acting = ActingUnderMandate.Of(HttpContext);
        return Acting is null ? Redirect(MediationPages.Home) : Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var acting = ActingUnderMandate.Of(HttpContext);
        await commands.StopAsync();
        if (acting is not null)
        {
            Flash("Mediation.Stopped", acting.Pseudonym);
            return Redirect(MediationPages.Mandate(acting.MandateId));
        }
        return Redirect(MediationPages.Home);
    }
}
