using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace Parvis.Web.Kernel.Web;

/// <summary>
/// Compresses static files and pages for visitors who are not signed in. Signed-in pages carry antiforgery
/// tokens next to text the visitor typed; compressing them would let an eavesdropper guess the token (BREACH).
/// </summary>
public sealed class AnonymousCompression(IServiceProvider services, IOptions<ResponseCompressionOptions> options) : IResponseCompressionProvider
{
    private readonly ResponseCompressionProvider _framework = new(services, options);

    public ICompressionProvider? GetCompressionProvider(HttpContext context) => _framework.GetCompressionProvider(context);

    /// <summary>
    /// A request with a session cookie gets no compressing wrapper at all, since its page will not be compressed: the
    /// page is then written to the server's own body (<see cref="Throughput.ResponseText"/>). Decided before authentication, so
    /// a stale session cookie only costs its visitor an uncompressed page.
    /// </summary>
    public bool CheckRequestAcceptsCompression(HttpContext context) =>
        !context.Request.Cookies.ContainsKey(KernelSetup.SessionCookie) && _framework.CheckRequestAcceptsCompression(context);

    public bool ShouldCompressResponse(HttpContext context) => MayCompress(context) && _framework.ShouldCompressResponse(context);

    public static bool MayCompress(HttpContext context) => context.User.Identity?.IsAuthenticated != true;
}
