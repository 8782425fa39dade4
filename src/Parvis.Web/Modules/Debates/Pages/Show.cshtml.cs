using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;

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

    public IReadOnlyList<ArgumentView> Arguments { get; private set; } = [];
    public IReadOnlyList<RecordPoint> Record { get; private set; } = [];
    public Decision Arguing { get; private set; }
    public bool Open { get; private set; }
    public DateTimeOffset Now { get; private set; }

    /// <summary>The argument whose reply was refused, to show the reply form open there with what was typed.</summary>
    public Guid? ReplyingTo { get; private set; }

    public IEnumerable<ArgumentView> ArgumentsFor(Side side) => Arguments.Where(a => a.Argument.Side == side && a.Argument.Invited.Length == 0);

    public IEnumerable<ArgumentView> Invited => Arguments.Where(a => a.Argument.Invited.Length > 0).OrderBy(a => a.Argument.Side);

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
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
        return After(result, "Debates.Argued", result.Id is { } argument ? $"{Address}#argument-{argument}" : Address, result.ErrorKey switch
        {
            "Debates.TitleLength" => nameof(Title),
            "Debates.TextLength" => nameof(Body),
            _ => "",
        });
    }

    public async Task<IActionResult> OnPostSupportAsync(Guid id, Guid argumentId)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        ModelState.Clear();
        return After(await debates.SupportAsync(id, argumentId), "Debates.Supported", $"{Address}#argument-{argumentId}");
    }

    public async Task<IActionResult> OnPostReplyAsync(Guid id, Guid argumentId)
    {
        if (!await LoadAsync(id))
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
        return After(await debates.ReplyAsync(id, argumentId, Reply!), "Debates.Replied", $"{Address}#argument-{argumentId}", nameof(Reply));
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (!await LoadDebateAsync(id))
        {
            return false;
        }
        Arguments = await ArgumentsAsync();
        Record = Debate.ClosedAt is null ? [] : await DebateRecord.LoadAsync(Db, id);
        Now = clock.GetUtcNow();
        Open = Debate.OpenAt(Now);
        Arguing = await authorizer.DecideAsync(DebatesPermissions.Argue, Process);
        return true;
    }
}
