using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Parvis.Web.Kernel.Web;

/// <summary>
/// Pages receive forms only: a post of another kind (JSON, no body) that passes the antiforgery check by its header is
/// answered 415 before its handler reads <c>Request.Form</c>, which would throw.
/// </summary>
public sealed class FormPosts : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var request = context.HttpContext.Request;
        // The error page, shown again for a refused post of any kind, is let through: it reads a form only if there is one.
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !request.HasFormContentType
            && context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status415UnsupportedMediaType);
        }
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }
}
