using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.RateLimiting;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages;

[IgnoreAntiforgeryToken]
// A refused post is shown through this page; limiting it too would leave the refusal without its page.
[DisableRateLimiting]
public sealed class ErrorModel(Authorizer authorizer, CurrentOrganisation organisation) : ParvisPageModel
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
        if (await TypedHereAsync() is { } form)
        {
            Typed = TypedIn(form);
        }
        await next();
    }

    /// <summary>The most a page hands back: a form far larger was not typed by hand.</summary>
    public const int MostTypedBytes = 64 * 1024;

    /// <summary>
    /// The refused form, when it is one of this site's own pages that sent it (or a mediation session's end refused it)
    /// and it is small enough to be typed by hand; otherwise nothing, so no other site can have its words shown here.
    /// </summary>
    private async Task<IFormCollection?> TypedHereAsync()
    {
        // The organisation's configured address, never the request's Host, says which origin is ours.
        var ownForm = Code == 409 || Request.Headers["Sec-Fetch-Site"] == "same-origin"
            || (organisation.IsResolved && Uri.TryCreate(Request.Headers.Origin.ToString(), UriKind.Absolute, out var origin)
                && origin.GetLeftPart(UriPartial.Authority) == new Uri(organisation.Link("/")).GetLeftPart(UriPartial.Authority));
        if (!HttpMethods.IsPost(Request.Method) || !Request.HasFormContentType || !ownForm || Code is 429 or 500 || Request.ContentLength is not (> 0 and <= MostTypedBytes))
        {
            return null;
        }
        try
        {
            return await Request.ReadFormAsync(HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            // A form the server could not read has nothing to hand back.
            return null;
        }
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
