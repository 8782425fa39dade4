using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Shared;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Modules.Workshops.Pages;

public sealed class TimeRow
{
    public Guid? Id { get; set; }

    [StringLength(WorkshopTime.TitleMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.TimeTitle")]
    public string? Title { get; set; }

    [StringLength(WorkshopTime.InstructionsMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.TimeInstructions")]
    public string? Instructions { get; set; }

    [Range(1, WorkshopTime.MinutesMax, ErrorMessage = "Error.Minutes")]
    [Display(Name = "Field.TimeMinutes")]
    public int? Minutes { get; set; }

    [Display(Name = "Field.TimeOutput")]
    public TimeOutput Output { get; set; }

    [Range(1, WorkshopTime.ItemsMax, ErrorMessage = "Error.ItemCount")]
    [Display(Name = "Field.TimeMin")]
    public int? MinItems { get; set; }

    [Range(1, WorkshopTime.ItemsMax, ErrorMessage = "Error.ItemCount")]
    [Display(Name = "Field.TimeMax")]
    public int? MaxItems { get; set; }

    public bool Gathered { get; set; }
}

public sealed class GroupRow
{
    public Guid? Id { get; set; }

    [StringLength(WorkshopGroup.NameMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.GroupName")]
    public string? Name { get; set; }

    [StringLength(WorkshopGroup.QuestionMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.GroupQuestion")]
    public string? Question { get; set; }

    [Display(Name = "Field.Facilitator")]
    public Guid? FacilitatorId { get; set; }

    [Display(Name = "Field.Theme")]
    public Guid? ThemeId { get; set; }
}

/// <summary>
/// Sets a workshop's description, its times and its groups. A blank row is dropped (removing a time, or a
/// group that produced nothing) and blank rows are offered to add more, so the page needs no JavaScript.
/// </summary>
public sealed class EditModel(ParvisDbContext database, CurrentOrganisation current, Authorizer authorizer, WorkshopCommands workshops)
    : WorkshopPage(database, current)
{
    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Workshop.TitleMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.WorkshopTitle")]
    public string Title { get; set; } = "";

    [BindProperty]
    [StringLength(Workshop.DescriptionMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.WorkshopDescription")]
    public string? Description { get; set; }

    [BindProperty]
    [StringLength(Workshop.PlaceMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.WorkshopPlace")]
    public string? Place { get; set; }

    [BindProperty]
    [CalendarDate]
    [Display(Name = "Field.WorkshopStartsAt")]
    public DateTime? StartsAt { get; set; }

    [BindProperty]
    public List<TimeRow> Times { get; set; } = [];

    [BindProperty]
    public List<GroupRow> Groups { get; set; } = [];

    public IReadOnlyList<SelectListItem> Outputs => Enum.GetValues<TimeOutput>()
        .Select(o => new SelectListItem(Text["TimeOutput." + o], o.ToString())).ToList();

    public IReadOnlyList<SelectListItem> Facilitators { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Themes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        Title = Workshop.Title;
        Description = Workshop.Description;
        Place = Workshop.Place;
        StartsAt = Workshop.StartsAt?.ToLocalTime().DateTime;
        Times = Board.Times.Select(t => new TimeRow
        {
            Id = t.Id, Title = t.Title, Instructions = t.Instructions, Minutes = t.Minutes, Output = t.Output,
            MinItems = t.MinItems, MaxItems = t.MaxItems, Gathered = t.Gathered,
        }).ToList();
        Groups = Board.Groups.Select(g => new GroupRow { Id = g.Id, Name = g.Name, Question = g.Question, FacilitatorId = g.FacilitatorId, ThemeId = g.ThemeId }).ToList();
        AddBlankRows();
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
        var startsAt = LocalTime.ToOffset(StartsAt);
        var result = await workshops.UpdateAsync(id, new WorkshopDraft(Title, Description ?? "", Place ?? "", startsAt),
            Times.Where(t => !string.IsNullOrWhiteSpace(t.Title))
                .Select(t => new TimeDraft(t.Id, t.Title!, t.Instructions ?? "", t.Minutes, t.Output, t.MinItems, t.MaxItems, t.Gathered)).ToList(),
            Groups.Where(g => !string.IsNullOrWhiteSpace(g.Name))
                .Select(g => new GroupDraft(g.Id, g.Name!, g.Question ?? "", g.FacilitatorId, g.ThemeId)).ToList());
        return After(result, "Workshops.Saved", $"/workshops/{id}");
    }

    /// <summary>One more time and two more groups than there are, to add without JavaScript.</summary>
    private void AddBlankRows()
    {
        Times.Add(new TimeRow());
        Groups.Add(new GroupRow());
        Groups.Add(new GroupRow());
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        if (!await LoadBoardAsync(id))
        {
            return NotFound();
        }
        if (Denied(await authorizer.DecideAsync(WorkshopsPermissions.Manage, Board.Process)) is { } denied)
        {
            return denied;
        }
        var processId = Board.Process.Id;
        Facilitators = await RoleHolders.ChoicesAsync(Db, Organisation.Id, Board.Process.Id, Role.Facilitator, Text["Workshops.NoFacilitator"]);
        var themes = await Db.Themes.AsNoTracking().Where(t => t.ProcessId == processId).OrderBy(t => t.Position).ToListAsync();
        Themes = [new SelectListItem(Text["Workshops.NoTheme"], ""), .. themes.Select(t => new SelectListItem(t.Name, t.Id.ToString()))];
        return null;
    }
}
