using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;

namespace Parvis.Web.Modules.Workshops.Pages;

/// <summary>
/// The facilitator's console: runs the times (with their timer), shows the join code, and records, for
/// one table at a time, what it produced, keyboard first. Every control is a plain form.
/// </summary>
public sealed class ConsoleModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, WorkshopCommands workshops)
    : WorkshopPage(db, organisation), IItemEntry
{
    [BindProperty(SupportsGet = true)]
    public Guid? Group { get; set; }

    /// <summary>The kind being entered; by default what the current time asks for.</summary>
    [BindProperty(SupportsGet = true)]
    public ItemKind? Kind { get; set; }

    /// <summary>Null when sent empty: the command says what is missing.</summary>
    [BindProperty]
    public string? ItemText { get; set; }

    [BindProperty]
    public Guid? ParentId { get; set; }

    [BindProperty]
    public ResourceStatus Status { get; set; }

    [BindProperty]
    public string? Actor { get; set; }

    public WorkshopGroup Table { get; private set; } = default!;
    public Guid EntryGroup => Table.Id;
    public ItemKind EntryKind => Kind ?? (Workshop.CurrentTime is { } time ? WorkshopBoard.KindOf(time.Output) : ItemKind.Concern);

    /// <summary>Other items the same table could merge this one into: same kind, same place in the tree.</summary>
    public IReadOnlyList<SelectListItem> MergeTargets(WorkshopItem item) => Board.Visible
        .Where(i => i.Id != item.Id && i.GroupId == item.GroupId && i.ItemKind == item.ItemKind)
        .Select(i => new SelectListItem(i.Text, i.Id.ToString())).ToList();

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAddAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await workshops.AddItemAsync(id, new ItemDraft(Table.Id, EntryKind, ItemText ?? "", ParentId, Status, Actor));
        var field = result.ErrorKey switch
        {
            "Workshops.TextRequired" or "Workshops.TooLong" or "Workshops.TooMany" => nameof(ItemText),
            "Workshops.ChooseConcern" or "Workshops.ChooseAction" => nameof(ParentId),
            _ => "",
        };
        return After(result, "Workshops.Added", Back(null), field);
    }

    /// <summary>Back without a kind, so the entry follows what the new time asks for.</summary>
    public async Task<IActionResult> OnPostStartAsync(Guid id, Guid timeId)
    {
        Kind = null;
        return await ActAsync(id, () => workshops.StartTimeAsync(id, timeId), "Workshops.TimeStarted");
    }

    /// <summary>Only once confirmed: a close sent without it (an old form, a slip) changes nothing and says why.</summary>
    public Task<IActionResult> OnPostCloseAsync(Guid id, bool confirmed) =>
        ActAsync(id, () => confirmed ? workshops.CloseAsync(id) : Task.FromResult(CommandResult.Refused("Workshops.CloseNotConfirmed")), "Workshops.ClosedNow");

    public Task<IActionResult> OnPostMoveAsync(Guid id, Guid itemId, int direction) =>
        ActAsync(id, () => workshops.MoveAsync(itemId, direction), "Workshops.Moved", itemId);

    public Task<IActionResult> OnPostMergeAsync(Guid id, Guid itemId, Guid intoId) =>
        ActAsync(id, () => workshops.MergeAsync(itemId, intoId), "Workshops.Merged", intoId);

    public Task<IActionResult> OnPostCarryAsync(Guid id, Guid itemId, bool carried) =>
        ActAsync(id, () => workshops.SetCarriedAsync(itemId, carried), carried ? "Workshops.NowCarried" : "Workshops.NoLongerCarried", itemId);

    private async Task<IActionResult> ActAsync(Guid id, Func<Task<CommandResult>> command, string done, Guid? item = null)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        var result = await command();
        if (!result.Succeeded && !result.NotFound)
        {
            // A refused control is shown at the top of the page, over the board as it is now.
            await LoadAsync(id);
        }
        return After(result, done, Back(item));
    }

    /// <summary>
    /// Back to the same table and kind, at the item just touched; otherwise without a fragment, because
    /// browsers skip autofocus when the address has one, and the entry field must have the focus.
    /// </summary>
    private string Back(Guid? item) =>
        $"/workshops/{Workshop.Id}/console?group={Table.Id}{(Kind is { } kind ? "&kind=" + kind : "")}{(item is { } at ? "#item-" + at : "")}";

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        if (!await LoadBoardAsync(id))
        {
            return NotFound();
        }
        if (Denied(await authorizer.DecideAsync(WorkshopsPermissions.Run, Board.Process)) is { } denied)
        {
            return denied;
        }
        Table = Board.Group(Group) ?? Board.Groups[0];
        return null;
    }
}
