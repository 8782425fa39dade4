using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Web;
using QRCoder;

namespace Parvis.Web.Modules.Workshops.Pages;

/// <summary>
/// Someone at a table contributes from a phone with the workshop's short code: no account, no personal
/// data; they pick their table and add what the current time asks for, which is attributed to the table.
/// </summary>
[EnableRateLimiting(RateLimits.Code)]
public sealed class JoinModel(ParvisDbContext db, CurrentOrganisation organisation, WorkshopCommands workshops, Throttles throttles)
    : WorkshopPage(db, organisation), IItemEntry
{
    /// <summary>
    /// Codes tried that lead nowhere, per visitor, whatever the code: the page limit counts each code apart (a café's
    /// tables share one address), which alone would let someone try code after code until one opens a workshop. Enough
    /// that a café's typing slips never reach it (once reached, no code answers there), few enough that finding a
    /// code among the 887 million takes years from one address.
    /// </summary>
    public static readonly Throttle Misses = new("workshop-code-misses", 100, 10 * 60);

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Field.JoinCode")]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Field.Table")]
    public Guid? Group { get; set; }

    /// <summary>Null when sent empty: the command says what is missing.</summary>
    [BindProperty]
    public string? ItemText { get; set; }

    [BindProperty]
    public Guid? ParentId { get; set; }

    [BindProperty]
    public ResourceStatus Status { get; set; }

    [BindProperty]
    public string? Actor { get; set; }

    /// <summary>Null until a valid code is given.</summary>
    public bool Found { get; private set; }

    public ItemKind? Kind => Workshop.CurrentTime is { } time ? WorkshopBoard.KindOf(time.Output) : null;

    public Guid EntryGroup => Group ?? Guid.Empty;

    public ItemKind EntryKind => Kind ?? ItemKind.Concern;

    /// <summary>No table is chosen for the person: sent to the wrong one, what they write would be another table's.</summary>
    public IReadOnlyList<SelectListItem> Tables => [new(Text["Workshops.TablePlaceholder"], ""), .. Board.Groups.Select(g => new SelectListItem(g.Name, g.Id.ToString()))];

    public async Task<IActionResult> OnGetAsync()
    {
        if (string.IsNullOrWhiteSpace(Code))
        {
            return Page();
        }
        if (Guessing())
        {
            return TooMany();
        }
        if (!await FindAsync())
        {
            return await MissedAsync(UnknownCode);
        }
        if (Group is not null && Board.Group(Group) is null)
        {
            Group = null;
        }
        if (Group is null && Request.Query.ContainsKey(nameof(Group)))
        {
            ModelState.AddModelError(nameof(Group), Text["Workshops.ChooseGroup"]);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // The address's code, which the limit counts: a form field naming another workshop would escape it.
        Code = RouteData.Values["code"] as string;
        if (Guessing())
        {
            return TooMany();
        }
        if (!await FindAsync())
        {
            return await MissedAsync(UnknownCode);
        }
        var result = await workshops.AddItemByCodeAsync(Code!, Group ?? Guid.Empty, ItemText ?? "", ParentId, Status, Actor);
        var field = result.ErrorKey switch
        {
            "Workshops.TextRequired" or "Workshops.TooLong" or "Workshops.TooMany" => nameof(ItemText),
            "Workshops.ChooseConcern" or "Workshops.ChooseAction" => nameof(ParentId),
            "Workshops.ChooseGroup" => nameof(Group),
            _ => "",
        };
        if (!result.Succeeded)
        {
            // The board is read again so the page shows what the table has now.
            await LoadBoardAsync(Workshop.Id);
        }
        return After(result, "Workshops.Thanks", $"/w/{Workshop.JoinCode}?group={Group}#added", field);
    }

    /// <summary>The QR code of the join address, to show on the console and the wall.</summary>
    public async Task<IActionResult> OnGetQrAsync()
    {
        if (Guessing())
        {
            return TooMany();
        }
        if (!await FindAsync())
        {
            return await MissedAsync(NotFound);
        }
        using var generator = new QRCodeGenerator();
        var svg = new SvgQRCode(generator.CreateQrCode(JoinUrl, QRCodeGenerator.ECCLevel.M)).GetGraphic(8);
        return File(Encoding.UTF8.GetBytes(svg), "image/svg+xml");
    }

    private IActionResult UnknownCode()
    {
        ModelState.AddModelError(nameof(Code), Text["Workshops.UnknownCode"]);
        return Page();
    }

    /// <summary>
    /// A visitor who tried too many codes that lead nowhere is told nothing more until the window ends, of any code:
    /// else a right code answering while wrong ones are refused would tell them apart all the same.
    /// </summary>
    private bool Guessing() => !throttles.Available(Misses, RateLimits.Address(HttpContext));

    private StatusCodeResult TooMany() => StatusCode(StatusCodes.Status429TooManyRequests);

    /// <summary>The answer to a code that leads nowhere, counted; 429 when it was the last one allowed at once by another request.</summary>
    private async Task<IActionResult> MissedAsync(Func<IActionResult> answer) =>
        await throttles.TryAsync(Misses, RateLimits.Address(HttpContext), HttpContext.RequestAborted) ? answer() : TooMany();

    private async Task<bool> FindAsync()
    {
        var workshop = await workshops.FindByCodeAsync(Code ?? "");
        Found = workshop is not null && await LoadBoardAsync(workshop.Id);
        return Found;
    }
}
