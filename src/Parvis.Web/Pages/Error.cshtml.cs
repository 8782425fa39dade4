using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
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

    /// <summary>What the refused form carried that a person typed, handed back so that nothing is lost.</summary>
    public IReadOnlyList<string> Typed { get; private set; } = [];

    /// <summary>
    /// Whatever was asked (a refused form re-executed here keeps its method and its handler, which this page does not
    /// have), the page is shown with its code.
    /// </summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        Code = Known(int.TryParse(RouteValue("code"), out var code) ? code : 500);
        LacksSecondFactor = Code == 403 && await authorizer.LacksSecondFactorAsync();
        if (HttpMethods.IsPost(Request.Method) && Request.HasFormContentType)
        {
            Typed = TypedIn(await Request.ReadFormAsync(HttpContext.RequestAborted));
        }
        await next();
    }

    private static int Known(int code) => code is 400 or 403 or 404 or 409 or 429 ? code : 500;

    /// <summary>Fields whose names say they hold a secret: never written back into a page.</summary>
    private static readonly string[] _secrets = ["password", "code", "token", "secret", "key", "csrf"];

    /// <summary>
    /// The values a person wrote, in the form's order: not secrets, nor what a form carries for itself (ids, numbers,
    /// ticked boxes).
    /// </summary>
    public static IReadOnlyList<string> TypedIn(IFormCollection form) =>
    [
        .. form.Where(f => !_secrets.Any(s => f.Key.Contains(s, StringComparison.OrdinalIgnoreCase)))
            .SelectMany(f => f.Value.Select(v => v?.Trim() ?? ""))
            .Where(v => v.Length > 0 && !Guid.TryParse(v, out _) && !bool.TryParse(v, out _) && !decimal.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out _)),
    ];
}
