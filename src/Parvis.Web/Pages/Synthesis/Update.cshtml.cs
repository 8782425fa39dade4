using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Territory;
using Parvis.Web.Shared;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Pages.Synthesis;

/// <summary>Records a dated update of a recommendation or an action: status, progress, who carries it, what happened.</summary>
public sealed class UpdateModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, ResultCommands results, ActorMentions actors) : ParvisPageModel
{
    [BindProperty]
    [Display(Name = "Field.ResultStatus")]
    public ResultStatus Status { get; set; }

    [BindProperty]
    [Range(0, 100, ErrorMessage = "Error.Progress")]
    [Display(Name = "Field.Progress")]
    public int Progress { get; set; }

    [BindProperty]
    [StringLength(ResultUpdate.ResponsibleMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.ResponsibleBody")]
    public string? ResponsibleBody { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(ResultUpdate.TextMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.UpdateText")]
    public string Note { get; set; } = "";

    [BindProperty]
    [CalendarDate]
    [Display(Name = "Field.UpdateOn")]
    public DateOnly On { get; set; }

    [BindProperty]
    [Display(Name = "Field.CarryingActor")]
    public Guid? Actor { get; set; }

    public SynthesisItem Item { get; private set; } = default!;

    /// <summary>The territory's actors the result can be carried by (none without a directory).</summary>
    public IReadOnlyList<SelectListItem> Actors { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Statuses => Enum.GetValues<ResultStatus>()
        .Select(s => new SelectListItem(Text["ResultStatus." + s], s.ToString())).ToList();

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        Status = Item.Status;
        Progress = Item.Progress;
        ResponsibleBody = Item.ResponsibleBody;
        Actor = (await actors.OfAsync(id, ResultCommands.ResultMention))?.Id;
        On = authorizer.Today();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await results.UpdateAsync(id, new ResultInput(Status, Progress, ResponsibleBody ?? "", Note, On, Actor, NamesActor: Actors.Count > 1));
        var field = result.ErrorKey switch
        {
            "Error.Progress" or "Error.DoneProgress" => nameof(Progress),
            "Error.UpdateTextRequired" or "Error.UpdateTooLong" => nameof(Note),
            "Error.UpdateInFuture" => nameof(On),
            "Error.UnknownActor" => nameof(Actor),
            _ => "",
        };
        return After(result, "Results.Updated", $"/synthesis/{id}#tracking", field);
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var item = await db.SynthesisItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && i.OrganisationId == organisation.Id);
        var process = item is null ? null : await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.Id == item.ProcessId);
        if (item is null || process is null || !item.IsTracked)
        {
            return NotFound();
        }
        if (Denied(await authorizer.DecideAsync(Permission.Analyse, process)) is { } denied)
        {
            return denied;
        }
        Item = item;
        // The actor named now stays offered even when its entry was closed since, so saving does not drop it unseen.
        var choices = (await actors.ChoicesAsync()).ToList();
        if (await actors.OfAsync(id, ResultCommands.ResultMention) is { } current && choices.All(c => c.Id != current.Id))
        {
            choices.Insert(0, current);
        }
        Actors = [new SelectListItem(Text["Results.NoActor"], ""), .. choices.Select(a => new SelectListItem(a.Commune.Length > 0 ? $"{a.Name} ({a.Commune})" : a.Name, a.Id.ToString()))];
        return null;
    }
}
