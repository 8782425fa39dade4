using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages;

[IgnoreAntiforgeryToken]
// A refused post is shown through this page; limiting it too would leave the refusal without its page.
[DisableRateLimiting]
public sealed class ErrorModel : ParvisPageModel
{
    public int Code { get; private set; }

    public void OnGet(int code) => Code = Known(code);

    public void OnPost(int code) => Code = Known(code);

    private static int Known(int code) => code is 400 or 403 or 404 or 429 ? code : 500;
}
