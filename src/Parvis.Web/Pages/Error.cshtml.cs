using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages;

[IgnoreAntiforgeryToken]
public sealed class ErrorModel : ParvisPageModel
{
    public int Code { get; private set; }

    public void OnGet(int code) => Code = Known(code);

    public void OnPost(int code) => Code = Known(code);

    private static int Known(int code) => code is 400 or 403 or 404 or 429 ? code : 500;
}
