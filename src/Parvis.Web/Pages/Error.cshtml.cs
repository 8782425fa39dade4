using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages;

[IgnoreAntiforgeryToken]
// A refused post is shown through this page; limiting it too would leave the refusal without its page.
[DisableRateLimiting]
public sealed class ErrorModel(Authorizer authorizer) : ParvisPageModel
{
    public int Code { get; private set; }

    /// <summary>A refusal that two-step verification would lift: the page says so.</summary>
    public bool LacksSecondFactor { get; private set; }

    public Task OnGetAsync(int code) => ShowAsync(code);

    public Task OnPostAsync(int code) => ShowAsync(code);

    private async Task ShowAsync(int code)
    {
        Code = Known(code);
        LacksSecondFactor = Code == 403 && await authorizer.LacksSecondFactorAsync();
    }

    private static int Known(int code) => code is 400 or 403 or 404 or 429 ? code : 500;
}
