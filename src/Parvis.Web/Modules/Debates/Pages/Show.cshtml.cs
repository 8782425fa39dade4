using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Modules.Debates.Pages;

/// <summary>
/// A debate: its question and context, the invited positions, the arguments for and against side by side (one under
/// the other on a phone), each ordered by support with its replies, the totals, and once closed its record.
/// </summary>
public sealed class ShowModel(ParvisDbContext db, CurrentOrganisation organisation, ProcessAccess processes, Authorizer authorizer, DebateCommands debates,
    TimeProvider clock) : DebatePage(db, organisation, processes)
{
    [BindProperty]
    [Display(Name = "Field.ArgumentSide")]
    public Side? Side { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Argument.TitleMax, MinimumLength = 3, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.ArgumentTitle")]
    public string Title { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Argument.TextMax, MinimumLength = 10, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.ArgumentText")]
    public string Body { get; set; } = "";

    [BindProperty]
    [StringLength(ArgumentReply.TextMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.Reply")]
    public string? Reply { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Kernel.Contributions.ModerationDecision.ReasonMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.ModerationReason")]
    public string? ModerationReason { get; set; }

    /// <summary>Whether the reader moderates the process: they hide the debate or show it again, and read it while hidden.</summary>
    public bool CanModerate { get; private set; }

    /// <summary>The page's arguments: <see cref="DebatePage.ArgumentsPerSide"/> of each side, and the invited positions on the first.</summary>
    public IReadOnlyList<ArgumentView> Arguments { get; private set; } = [];

    /// <summary>Which page of the arguments is shown, of how many.</summary>
    public int ArgumentPage { get; private set; } = 1;
    public int ArgumentPages { get; private set; } = 1;

    /// <summary>Each side's arguments and supports, over every page.</summary>
    public IReadOnlyDictionary<Side, (int Count, int Supports)> Totals { get; private set; } = new Dictionary<Side, (int, int)>();

    public int CountOf(Side side) => Totals.GetValueOrDefault(side).Count;

    public int SupportsOf(Side side) => Totals.GetValueOrDefault(side).Supports;

    public IReadOnlyList<RecordPoint> Record { get; private set; } = [];
    public Decision Arguing { get; private set; }

    /// <summary>Whether the phase lets participants argue: only then is a visitor asked to sign in for it.</summary>
    public bool PhaseArguing { get; private set; }
    public bool Open { get; private set; }
    public DateTimeOffset Now { get; private set; }

    /// <summary>The argument whose reply was refused, to show the reply form open there with what was typed.</summary>
    public Guid? ReplyingTo { get; private set; }

    public IEnumerable<ArgumentView> ArgumentsFor(Side side) => Arguments.Where(a => a.Argument.Side == side && a.Argument.Invited.Length == 0);

    public IEnumerable<ArgumentView> Invited => Arguments.Where(a => a.Argument.Invited.Length > 0).OrderBy(a => a.Argument.Side);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        // An argument's own address (news, fates) leads to the page that holds it; the browser keeps its "#argument-".
        if (Guid.TryParse(Request.Query["argument"], out var argumentId))
        {
            return await LoadDebateAsync(id) ? Redirect(PageAddress(await PageOfAsync(argumentId))) : NotFound();
        }
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        // Sent from a page that moderation has since emptied, the argument is still taken: the last page is shown.
        if (!await LoadAsync(id, lastAtMost: true))
        {
            return NotFound();
        }
        KeepOnly(nameof(Side), nameof(Title), nameof(Body));
        if (Side is null)
        {
            ModelState.AddModelError(nameof(Side), Text["Debates.SideNeeded"]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await debates.ArgueAsync(id, Side!.Value, Title, Body);
        return After(result, "Debates.Argued", result.Id is { } argument ? await ArgumentAddressAsync(argument) : Address, result.ErrorKey switch
        {
            "Debates.TitleLength" => nameof(Title),
            "Debates.TextLength" => nameof(Body),
            _ => "",
        });
    }

    public async Task<IActionResult> OnPostSupportAsync(Guid id, Guid argumentId)
    {
        if (!await LoadAsync(id, argumentId))
        {
            return NotFound();
        }
        ModelState.Clear();
        var result = await debates.SupportAsync(id, argumentId);
        // Supported, it may have moved up a page.
        return After(result, "Debates.Supported", await ArgumentAddressAsync(argumentId));
    }

    public async Task<IActionResult> OnPostReplyAsync(Guid id, Guid argumentId)
    {
        if (!await LoadAsync(id, argumentId))
        {
            return NotFound();
        }
        KeepOnly(nameof(Reply));
        ReplyingTo = argumentId;
        if (string.IsNullOrWhiteSpace(Reply))
        {
            ModelState.AddModelError(nameof(Reply), Text["Validation.Required", Text["Field.Reply"]]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        return After(await debates.ReplyAsync(id, argumentId, Reply!), "Debates.Replied", await ArgumentAddressAsync(argumentId), nameof(Reply));
    }

    public async Task<IActionResult> OnPostModerateAsync(Guid id, bool hide)
    {
        if (!await LoadAsync(id, lastAtMost: true))
        {
            return NotFound();
        }
        KeepOnly(nameof(ModerationReason));
        if (!ModelState.IsValid)
        {
            return Page();
        }
        return After(await debates.ModerateAsync(id, hide, ModerationReason!), hide ? "Debates.HiddenDone" : "Debates.ShownAgain", Address, nameof(ModerationReason));
    }

    /// <summary>
    /// The debate at the page asked in the address ("p"), or at the one that holds <paramref name="near"/>; none past the
    /// last, unless <paramref name="lastAtMost"/> says to show the last instead.
    /// </summary>
    private async Task<bool> LoadAsync(Guid id, Guid? near = null, bool lastAtMost = false)
    {
        if (!await LoadDebateAsync(id))
        {
            return false;
        }
        var totals = await ShownArguments.Where(a => a.Invited == "").GroupBy(a => a.Side)
            .Select(g => new { Side = g.Key, Count = g.Count(), Supports = g.Sum(a => a.Supports) }).ToListAsync();
        Totals = totals.ToDictionary(t => t.Side, t => (t.Count, t.Supports));
        ArgumentPages = totals.Select(t => (t.Count + ArgumentsPerSide - 1) / ArgumentsPerSide).Append(1).Max();
        ArgumentPage = near is { } argument ? await PageOfAsync(argument)
            : int.TryParse(Request.Query["p"], NumberStyles.None, CultureInfo.InvariantCulture, out var asked) ? PageNumbers.Of(asked) : 1;
        if (ArgumentPage > ArgumentPages)
        {
            if (!lastAtMost)
            {
                return false;
            }
            ArgumentPage = ArgumentPages;
        }
        Arguments = await ArgumentsAsync(ArgumentPage);
        Record = Debate.ClosedAt is null ? [] : await DebateRecord.LoadAsync(Db, id);
        Now = clock.GetUtcNow();
        Open = Debate.OpenAt(Now);
        Arguing = await authorizer.DecideAsync(DebatesPermissions.Argue, Process);
        PhaseArguing = authorizer.OpenPhase(Process)?.IsOn(Process.Component(DebatesModule.Key)!, DebatesModule.Arguing) == true;
        CanModerate = await authorizer.CanAsync(Permission.Moderate, Process);
        return true;
    }

    /// <summary>The page of its side that holds an argument, by its place in the support order; else the first.</summary>
    private async Task<int> PageOfAsync(Guid argumentId)
    {
        var argument = await ShownArguments.Where(a => a.Id == argumentId && a.Invited == "").Select(a => new { a.Side, a.Supports, a.CreatedAt, a.Id }).FirstOrDefaultAsync();
        if (argument is null)
        {
            return 1;
        }
        var before = await BySupport(argument.Side).CountAsync(a => a.Supports > argument.Supports || (a.Supports == argument.Supports
            && (a.CreatedAt < argument.CreatedAt || (a.CreatedAt == argument.CreatedAt && a.Id.CompareTo(argument.Id) < 0))));
        return before / ArgumentsPerSide + 1;
    }

    public string PageAddress(int page) => page > 1 ? $"{Address}?p={page}" : Address;

    private async Task<string> ArgumentAddressAsync(Guid argumentId) => $"{PageAddress(await PageOfAsync(argumentId))}#argument-{argumentId}";
}
