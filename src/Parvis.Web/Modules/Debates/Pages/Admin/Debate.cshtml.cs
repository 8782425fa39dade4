using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Debates.Pages.Admin;

public sealed class ArgumentInput
{
    public Side? Side { get; set; }

    [StringLength(Argument.TitleMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.ArgumentTitle")]
    public string? Title { get; set; }

    [StringLength(Argument.TextMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.ArgumentText")]
    public string? Body { get; set; }

    /// <summary>Who an invited position is from; where a typed-in argument was written (a table, a place).</summary>
    [StringLength(Argument.InvitedMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.ArgumentFrom")]
    public string? From { get; set; }

    public Channel Channel { get; set; } = Channel.Workshop;
}

public sealed class PointInput
{
    public PointKind Kind { get; set; }

    /// <summary>Its length is checked as the browser counts it (a line break one character): see <see cref="DebateModel.OnPostCloseAsync"/>.</summary>
    public string? Text { get; set; }

    public List<Guid> Arguments { get; set; } = [];

    public bool ToExperts { get; set; }
}

/// <summary>
/// A debate for staff and facilitators: invited positions, arguments typed in from a workshop's table or from paper
/// with where they come from, and the closing record (agreement, disputed points on arguments of both sides, open
/// questions that can go to the experts).
/// </summary>
public sealed class DebateModel(ParvisDbContext db, CurrentOrganisation organisation, ProcessAccess processes, Authorizer authorizer, DebateCommands debates)
    : DebatePage(db, organisation, processes)
{
    public const int PointRows = 6;

    [BindProperty]
    public ArgumentInput Invited { get; set; } = new();

    [BindProperty]
    public ArgumentInput Entry { get; set; } = new();

    [BindProperty]
    [StringLength(ClosingPoint.TextMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.DebateConclusion")]
    public string? Conclusion { get; set; }

    [BindProperty]
    public List<PointInput> Points { get; set; } = [.. Enumerable.Range(0, PointRows).Select(i => new PointInput { Kind = (PointKind)Math.Min(i, 2) })];

    public IReadOnlyList<ArgumentView> Arguments { get; private set; } = [];
    public bool Manages { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostInvitedAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        if (!Manages)
        {
            return Forbid();
        }
        KeepOnly(nameof(Invited));
        var result = await debates.InviteAsync(id, Invited.Side ?? (Side)(-1), Invited.From ?? "", Invited.Title ?? "", Invited.Body ?? "");
        // By the argument's own address, which leads to the page of arguments that holds it.
        return After(result, "Debates.InvitedAdded", result.Id is { } argument ? Argument.AddressOf(id, argument) : Address, Field(nameof(Invited), result));
    }

    public async Task<IActionResult> OnPostEntryAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        KeepOnly(nameof(Entry));
        var result = await debates.EnterAsync(id, Entry.Side ?? (Side)(-1), Entry.Title ?? "", Entry.Body ?? "", Entry.Channel, Entry.From ?? "");
        if (result.Succeeded)
        {
            Flash("Debates.Entered");
            return Redirect($"/admin/debates/{id}#entry");
        }
        return Refusal(result, Field(nameof(Entry), result)) ?? Page();
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        if (!Manages)
        {
            return Forbid();
        }
        KeepOnly(nameof(Conclusion), nameof(Points));
        // Each point too long is said beside it; a line break counts one, as the field's own limit counts it.
        var texts = Points.Select(p => (p.Text ?? "").ReplaceLineEndings("\n")).ToList();
        for (var i = 0; i < texts.Count; i++)
        {
            if (texts[i].Trim().Length > ClosingPoint.TextMax)
            {
                ModelState.AddModelError($"{nameof(Points)}[{i}].{nameof(PointInput.Text)}", Text["Validation.TooLong", Text["Debates.Point"], ClosingPoint.TextMax]);
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await debates.CloseAsync(id, Conclusion ?? "", [.. Points.Select((p, i) => new PointDraft(p.Kind, texts[i], p.Arguments, p.ToExperts))]);
        return After(result, "Debates.Closed", Address, "Close");
    }

    /// <summary>More lines for the record, without a script: the form comes back with what was typed and six more empty points.</summary>
    public async Task<IActionResult> OnPostMorePointsAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        if (!Manages)
        {
            return Forbid();
        }
        ModelState.Clear();
        Points = [.. Points.Take(DebateCommands.MostPoints)];
        Points.AddRange(Enumerable.Range(0, Math.Clamp(DebateCommands.MostPoints - Points.Count, 0, PointRows)).Select(_ => new PointInput { Kind = PointKind.Agreement }));
        return Page();
    }

    private static string Field(string form, CommandResult result) => result.ErrorKey switch
    {
        "Debates.TitleLength" => $"{form}.Title",
        "Debates.TextLength" => $"{form}.Body",
        "Debates.InvitedLength" or "Debates.OriginNeeded" => $"{form}.From",
        "Debates.SideNeeded" => $"{form}.Side",
        _ => form,
    };

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        if (!await LoadDebateAsync(id))
        {
            return NotFound();
        }
        if (Denied(await authorizer.DecideAsync(DebatesPermissions.Enter, Process)) is { } denied)
        {
            return denied;
        }
        Manages = await authorizer.CanAsync(DebatesPermissions.Manage, Process);
        Arguments = await ArgumentsAsync();
        return null;
    }
}
