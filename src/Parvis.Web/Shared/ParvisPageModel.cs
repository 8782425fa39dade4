using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Accountability.Report;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Offline;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Text;

namespace Parvis.Web.Shared;

/// <summary>What every page model shares: the interface text, notices after a redirect, and how a refusal is shown.</summary>
public abstract class ParvisPageModel : PageModel
{
    protected IStringLocalizer Text => HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedText>>();

    /// <summary>
    /// A value of the page's route, as its template already checked it. The busiest pages take theirs this way rather
    /// than as a handler parameter: binding one parameter was a twentieth of such a page.
    /// </summary>
    protected string RouteValue(string name) => (string)RouteData.Values[name]!;

    /// <summary>
    /// The cookie that carries a notice to the next page after a redirect. It names the message (a resource key and
    /// its values), not its text: only our own messages can be shown, and nothing needs encrypting on each write.
    /// </summary>
    public const string FlashCookie = "parvis-flash";

    protected void Flash(string key, params object[] arguments) => Flash(HttpContext, key, arguments);

    /// <summary>Leaves the notice for the next page, from anywhere that answers a request.</summary>
    public static void Flash(HttpContext context, string key, params object[] arguments) =>
        context.Response.Cookies.Append(FlashCookie, JsonSerializer.Serialize<string[]>([key, .. arguments.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture) ?? "")]),
            new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Secure = context.Request.IsHttps });

    /// <summary>The notice left by the previous page, cleared once read; a message we do not have is not shown.</summary>
    public static string? ReadFlash(HttpContext context, IStringLocalizer text)
    {
        if (!context.Request.Cookies.TryGetValue(FlashCookie, out var value))
        {
            return null;
        }
        context.Response.Cookies.Delete(FlashCookie);
        try
        {
            if (JsonSerializer.Deserialize<string[]>(value) is [var key, .. var arguments] && text[key, arguments] is { ResourceNotFound: false } message)
            {
                return message.Value;
            }
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            // A cookie we did not write, or one that lost its message's arguments.
        }
        return null;
    }

    /// <summary>Why an uploaded file was refused, next to its field; a size reads in KB or MB.</summary>
    protected void Refuse(string field, UploadRefusedException refused) =>
        ModelState.AddModelError(field, refused.Key is UploadRefusedException.TooBig or UploadRefusedException.Unzipped
            ? Text[refused.Key, refused.Limit % (1024 * 1024) == 0 ? Text["Upload.Megabytes", refused.Limit / (1024 * 1024)] : Text["Upload.Kilobytes", refused.Limit / 1024]]
            : Text[refused.Key, refused.Limit]);

    /// <summary>An uploaded sheet's rows, or null with why it was refused next to its field.</summary>
    protected IReadOnlyList<IReadOnlyList<string>>? ReadSheet(Stream file, string field, UploadLimits limits) =>
        Refusing(field, () => Spreadsheets.Read(file, limits));

    /// <summary>An uploaded file's bytes, or null when it passes <paramref name="max"/>, saying so next to its field.</summary>
    protected byte[]? ReadUpload(Stream file, string field, long max) => Refusing(field, () => Uploads.ReadBytes(file, max));

    /// <summary>A package or bundle sent from a laptop: its bytes, or null with why next to its field (none chosen, too large).</summary>
    protected byte[]? ReadSignedFile(IFormFile? upload, string field)
    {
        if (upload is null || upload.Length == 0)
        {
            ModelState.AddModelError(field, Text["Laptop.ChooseFile"]);
            return null;
        }
        using var stream = upload.OpenReadStream();
        return ReadUpload(stream, field, SignedFile.MaxBytes);
    }

    private T? Refusing<T>(string field, Func<T> read) where T : class
    {
        try
        {
            return read();
        }
        catch (UploadRefusedException refused)
        {
            Refuse(field, refused);
            return null;
        }
    }

    /// <summary>The organisation's language, which its staff write processes, texts and surveys in.</summary>
    protected string OrganisationLanguage => HttpContext.RequestServices.GetRequiredService<Kernel.Organisations.CurrentOrganisation>().Value.DefaultCulture;

    public bool PdfAvailable => HttpContext.RequestServices.GetRequiredService<PdfConverter>().Available;

    /// <summary>
    /// A document (the council's report, a paper kit) as an editable DOCX, or as a PDF converted from it
    /// when LibreOffice is installed; otherwise the page again, saying why.
    /// </summary>
    protected async Task<IActionResult> DownloadAsync(ReportDocument document, string? tableOfContents, string fileName, string format)
    {
        var docx = DocxWriter.Write(document, tableOfContents);
        if (format != "pdf")
        {
            return File(docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"{fileName}.docx");
        }
        var pdf = HttpContext.RequestServices.GetRequiredService<PdfConverter>();
        var bytes = await pdf.ConvertAsync(docx, HttpContext.RequestAborted);
        if (bytes is null)
        {
            ModelState.AddModelError("", Text[pdf.Available ? "CouncilReport.PdfFailed" : "CouncilReport.PdfUnavailable"]);
            return Page();
        }
        return File(bytes, "application/pdf", $"{fileName}.pdf");
    }

    /// <summary>
    /// Several forms on one page bind into the same model: only the posted form's fields (a property, or an input
    /// object's and a list's members) are checked; the others' are let go (binding found none of them under their
    /// prefix, and tried them without it).
    /// </summary>
    protected void KeepOnly(params string[] fields)
    {
        foreach (var key in ModelState.Keys.Where(k => !fields.Any(f => k == f || k.StartsWith(f + ".", StringComparison.Ordinal) || k.StartsWith(f + "[", StringComparison.Ordinal))).ToList())
        {
            ModelState.Remove(key);
        }
    }

    /// <summary>What the account store refused, next to the password or the address of an "Input" form, in the interface's words.</summary>
    protected void AddIdentityErrors(Microsoft.AspNetCore.Identity.IdentityResult result)
    {
        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(error.Code.Contains("Password", StringComparison.Ordinal) ? "Input.Password" : "Input.Email", Text["Identity." + error.Code]);
        }
    }

    /// <summary>
    /// Null when allowed; otherwise an anonymous visitor is sent to sign in and anyone else refused, and a module the
    /// process does not use has no page.
    /// </summary>
    protected IActionResult? Denied(Decision decision) => decision switch
    {
        Decision.Allowed => null,
        Decision.SignInRequired => Challenge(),
        Decision.NotInProcess => NotFound(),
        _ => Forbid(),
    };

    /// <summary>The organisation's published process of this address, for analysts: otherwise why not (a 404, sign in, refused).</summary>
    protected async Task<(Kernel.Processes.Process? Process, IActionResult? Refused)> AnalysedProcessAsync(string slug)
    {
        var services = HttpContext.RequestServices;
        var organisation = services.GetRequiredService<Kernel.Organisations.CurrentOrganisation>();
        var process = await services.GetRequiredService<Kernel.Data.ParvisDbContext>().Processes.AsNoTracking()
            .FirstOrDefaultAsync(p => p.OrganisationId == organisation.Id && p.Slug == slug && p.Published);
        if (process is null)
        {
            return (null, NotFound());
        }
        return Denied(await services.GetRequiredService<Authorizer>().DecideAsync(Permission.Analyse, process)) is { } denied ? (null, denied) : (process, null);
    }

    /// <summary>
    /// Null once confirmed (the _Confirm partial's second button); a destructive action sent without it (an old form, a
    /// slip) changes nothing, and the page it came from says so.
    /// </summary>
    protected IActionResult? Unconfirmed(bool confirmed, string back)
    {
        if (confirmed)
        {
            return null;
        }
        Flash("Confirm.NotConfirmed");
        return Redirect(back);
    }

    /// <summary>After a command: on success a notice and the next page; otherwise the page again, the refusal shown next to the field.</summary>
    protected IActionResult After(CommandResult result, string done, string next, string field = "")
    {
        if (Refusal(result, field) is { } refusal)
        {
            return refusal;
        }
        if (!result.Succeeded)
        {
            return Page();
        }
        Flash(done);
        return Redirect(next);
    }

    /// <summary>As <see cref="After"/>, reading again what the page shows (<paramref name="show"/>) when it is shown again with the refusal.</summary>
    protected async Task<IActionResult> AfterAsync(CommandResult result, string done, string next, Func<Task> show, string field = "")
    {
        var after = After(result, done, next, field);
        if (after is PageResult)
        {
            await show();
        }
        return after;
    }

    /// <summary>
    /// A missing item is a 404 page and an anonymous visitor is sent to sign in; any other refusal is
    /// shown on the page next to the action (field ""), with what was typed kept.
    /// </summary>
    protected IActionResult? Refusal(CommandResult result, string field = "")
    {
        if (result.Succeeded)
        {
            return null;
        }
        if (result.NotFound)
        {
            return NotFound();
        }
        if (result.ErrorKey == "Error.SignInRequired")
        {
            return Challenge();
        }
        ModelState.AddModelError(field, Text[result.ErrorKey!]);
        return null;
    }
}
