using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Modules.Votes.Pages.Admin;

public sealed class VoteInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Vote.QuestionMax, MinimumLength = 5, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.VoteQuestion")]
    public string Question { get; set; } = "";

    [StringLength(Vote.DescriptionMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.VoteDescription")]
    public string? Description { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.VotePurpose")]
    public VotePurpose? Purpose { get; set; }

    [Display(Name = "Field.VoteMethod")]
    public VoteMethod Method { get; set; } = VoteMethod.SingleChoice;

    [Range(1, Vote.OptionsMax - 1, ErrorMessage = "Validation.Range")]
    [Display(Name = "Field.VoteSeats")]
    public int Seats { get; set; } = 1;

    /// <summary>One option per line (none when a budget takes an area's projects).</summary>
    [StringLength(Vote.OptionsMax * (VoteOption.TitleMax + 2), ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.VoteOptions")]
    public string? Options { get; set; }

    /// <summary>A participatory budget: the area whose feasible projects and money it puts to the vote.</summary>
    [Display(Name = "Field.VoteArea")]
    public Guid? AreaId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [CalendarDate]
    [Display(Name = "Field.VoteOpensAt")]
    public DateTime? OpensAt { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [CalendarDate]
    [Display(Name = "Field.VoteClosesAt")]
    public DateTime? ClosesAt { get; set; }

    public bool Secret { get; set; } = true;

    public bool ResultsBeforeClose { get; set; }

    public bool Lifelong { get; set; }

    public bool Mediated { get; set; }

    [Display(Name = "Field.VoteElectorate")]
    public Electorate Electorate { get; set; }

    [StringLength(VotingBody.NameMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.VoteTerritory")]
    public string? Territory { get; set; }

    [Range(1, 120, ErrorMessage = "Validation.Range")]
    [Display(Name = "Field.VoteMinimumAge")]
    public int? MinimumAge { get; set; }

    [Display(Name = "Field.VoteBody")]
    public Guid? BodyId { get; set; }

    [Range(1, long.MaxValue / 1000, ErrorMessage = "Validation.Range")]
    [Display(Name = "Field.VoteBudget")]
    public long? Budget { get; set; }

    [Display(Name = "Field.VoteBudgetCount")]
    public BudgetCount BudgetCount { get; set; }

    [Range(0, Vote.OptionsMax, ErrorMessage = "Validation.Range")]
    [Display(Name = "Field.VoteMinProjects")]
    public int? MinProjects { get; set; }

    [Range(1, Vote.OptionsMax, ErrorMessage = "Validation.Range")]
    [Display(Name = "Field.VoteMaxProjects")]
    public int? MaxProjects { get; set; }

    [Range(0, 100, ErrorMessage = "Validation.Range")]
    [Display(Name = "Field.VoteMinShare")]
    public int MinSharePercent { get; set; }

    /// <summary>
    /// The options, one per line; a participatory budget's line ends with the project's cost after a semicolon
    /// ("Jardin partagé ; 12 000"). Null when a cost cannot be read.
    /// </summary>
    public IReadOnlyList<DraftOption>? Read()
    {
        var lines = (Options ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (Method != VoteMethod.Budget)
        {
            return [.. lines.Select(l => new DraftOption(l))];
        }
        var options = new List<DraftOption>();
        foreach (var line in lines)
        {
            var semicolon = line.LastIndexOf(';');
            // Thousands are written with spaces (narrow or not) or dots in France: only the digits count.
            var digits = semicolon < 0 ? "" : new string(line[(semicolon + 1)..].Where(c => !char.IsWhiteSpace(c) && c != '.' && c != '€').ToArray());
            if (!long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var cost))
            {
                return null;
            }
            options.Add(new DraftOption(line[..semicolon], cost));
        }
        return options;
    }
}

/// <summary>A new council body or college, its members by pseudonym.</summary>
public sealed class BodyInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(VotingBody.NameMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.BodyName")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(VotingBody.MembersMax * 60, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.BodyMembers")]
    public string Members { get; set; } = "";
}

/// <summary>A new area of a participatory budget.</summary>
public sealed class AreaInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(BudgetArea.NameMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.AreaName")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [Range(1, BudgetProjects.MostMoney, ErrorMessage = "Validation.Range")]
    [Display(Name = "Field.AreaAmount")]
    public long? Amount { get; set; }
}

/// <summary>The votes of one component of a process (its first when none is named), for staff: the list and a new vote.</summary>
public sealed class VotesModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, VoteCommands commands, BudgetProjects projects)
    : ParvisPageModel, IProcessPage
{
    [BindProperty]
    public VoteInput Input { get; set; } = new();

    [BindProperty]
    public AreaInput Area { get; set; } = new();

    [BindProperty]
    public BodyInput Body { get; set; } = new();

    public IReadOnlyList<(VotingBody Body, int Members)> Bodies { get; private set; } = [];

    public IReadOnlyList<SelectListItem> BodyChoices =>
        [new SelectListItem(Text["Votes.BodyNone"], ""), .. Bodies.Select(b => new SelectListItem(b.Body.Name, b.Body.Id.ToString()))];

    public IReadOnlyList<SelectListItem> Electorates =>
        [.. Enum.GetValues<Electorate>().Select(e => new SelectListItem(Text[$"Electorate.{e}"], e.ToString()))];

    public IReadOnlyList<BudgetArea> Areas { get; private set; } = [];

    /// <summary>Feasible projects per area.</summary>
    public IReadOnlyDictionary<Guid, int> Feasible { get; private set; } = new Dictionary<Guid, int>();

    public IReadOnlyList<SelectListItem> AreaChoices =>
        [new SelectListItem(Text["Votes.AreaNone"], ""), .. Areas.Select(a => new SelectListItem(a.Name, a.Id.ToString()))];

    public Process Process { get; private set; } = default!;

    public ProcessComponent? Component { get; private set; }

    public Guid? ComponentId => Component?.Id;

    public string Address => $"/admin/processes/{Process.Id}/votes/{Component?.Id}";

    public IReadOnlyList<Vote> Votes { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Methods =>
        [.. Enum.GetValues<VoteMethod>().Select(m => new SelectListItem(Text["VoteMethod." + m], m.ToString()))];

    public IReadOnlyList<SelectListItem> BudgetCounts =>
        [.. Enum.GetValues<BudgetCount>().Select(c => new SelectListItem(Text["BudgetCount." + c], c.ToString()))];

    public async Task<IActionResult> OnGetAsync(Guid processId, Guid? componentId) => await LoadAsync(processId, componentId) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid processId, Guid? componentId)
    {
        if (await LoadAsync(processId, componentId) is { } early)
        {
            return early;
        }
        KeepOnly(nameof(Input));
        // A post with none of the form's fields binds no input at all, so nothing was checked: check it now.
        if (!ModelState.IsValid || !TryValidateModel(Input, nameof(Input)))
        {
            return Page();
        }
        // A budget on an area takes its feasible projects, with their reviewed costs, and its money.
        var fromArea = Input.Method == VoteMethod.Budget && Input.AreaId is { } areaId ? await projects.BallotOfAsync(Component!.Id, areaId) : null;
        if (Input.Method == VoteMethod.Budget && Input.AreaId is not null && fromArea is null)
        {
            ModelState.AddModelError("Input.AreaId", Text["Votes.Project.Area"]);
            return Page();
        }
        if ((fromArea?.Projects ?? Input.Read()) is not { } options)
        {
            ModelState.AddModelError("Input.Options", Text["Votes.OptionCost"]);
            return Page();
        }
        var budget = Input.Method == VoteMethod.Budget
            ? new BudgetDraft(fromArea?.Amount ?? Input.Budget ?? 0, Input.BudgetCount, Input.MinProjects, Input.MaxProjects, Input.MinSharePercent)
            : null;
        var who = new Eligibility(Input.Electorate, Input.Territory ?? "", Input.MinimumAge, Input.BodyId);
        var draft = new VoteDraft(Input.Question, Input.Description ?? "", Input.Purpose!.Value, Input.Method, Input.Seats,
            options, LocalTime.ToOffset(Input.OpensAt!.Value), LocalTime.ToOffset(Input.ClosesAt!.Value), Input.Secret, Input.ResultsBeforeClose, budget, who, Input.Lifelong, Input.Mediated);
        var result = await commands.CreateAsync(Process.Id, Component!.Id, draft);
        var field = result.ErrorKey switch
        {
            "Votes.ClosesBeforeOpening" => "Input.ClosesAt",
            "Votes.SeatCount" => "Input.Seats",
            "Votes.BudgetAmount" => "Input.Budget",
            "Votes.BasketRules" => "Input.MaxProjects",
            "Votes.ConsentNamed" => "",
            "Votes.Lifelong.TooShort" => "Input.ClosesAt",
            "Votes.MinimumAge" => "Input.MinimumAge",
            "Votes.TerritoryNeeded" => "Input.Territory",
            "Votes.BodyNeeded" => "Input.BodyId",
            // The options came from the area's projects, not from the field left empty.
            _ => fromArea is null ? "Input.Options" : "Input.AreaId",
        };
        return After(result, "Votes.Created", result.Id is { } id ? $"/votes/{id}" : Address, field);
    }

    /// <summary>Adds an area of the participatory budget: a district or theme with its own money.</summary>
    public async Task<IActionResult> OnPostAreaAsync(Guid processId, Guid? componentId)
    {
        if (await LoadAsync(processId, componentId) is { } early)
        {
            return early;
        }
        KeepOnly(nameof(Area));
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await projects.AddAreaAsync(Process.Id, Component!.Id, Area.Name, Area.Amount ?? 0);
        return After(result, "Votes.Area.Added", $"{Address}#areas", result.ErrorKey == "Votes.BudgetAmount" ? "Area.Amount" : "Area.Name");
    }

    /// <summary>Adds a council body or college; the pseudonyms no account has are named next to the members.</summary>
    public async Task<IActionResult> OnPostBodyAsync(Guid processId, Guid? componentId)
    {
        if (await LoadAsync(processId, componentId) is { } early)
        {
            return early;
        }
        KeepOnly(nameof(Body));
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var (result, unknown) = await commands.CreateBodyAsync(Process.Id, Component!.Id, Body.Name, Body.Members.Split('\n'));
        if (unknown.Count > 0)
        {
            ModelState.AddModelError("Body.Members", Text["Votes.Body.Unknown", string.Join(", ", unknown)]);
            return Page();
        }
        return After(result, "Votes.Body.Added", $"{Address}#bodies", result.ErrorKey == "Votes.Body.MemberCount" ? "Body.Members" : "Body.Name");
    }

    private async Task<IActionResult?> LoadAsync(Guid processId, Guid? componentId)
    {
        var process = await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.Id == processId && p.OrganisationId == organisation.Id);
        if (process is null)
        {
            return NotFound();
        }
        Process = process;
        // A component of another module, or switched off: the filter answers 404.
        Component = componentId is { } id ? process.Components.FirstOrDefault(c => c.Id == id) : process.Component(VotesModule.Key);
        if (Component is not { Enabled: true, Module: VotesModule.Key })
        {
            return NotFound();
        }
        if (Denied(await authorizer.DecideAsync(VotesPermissions.Manage, process, Component.Id)) is { } denied)
        {
            return denied;
        }
        Votes = await db.Votes.AsNoTracking().Where(v => v.ComponentId == Component.Id).OrderBy(v => v.CreatedAt).ToListAsync();
        var bodies = await db.VotingBodies.AsNoTracking().Where(b => b.ComponentId == Component.Id).ToListAsync();
        var ids = bodies.Select(b => b.Id).ToList();
        var members = await db.BodyMembers.Where(m => ids.Contains(m.BodyId)).GroupBy(m => m.BodyId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        Bodies = [.. bodies.OrderBy(b => b.Name, StringComparer.CurrentCulture).Select(b => (b, members.GetValueOrDefault(b.Id)))];
        Areas = await db.AreasOf(Component.Id);
        Feasible = await db.BudgetProjects.Where(p => p.ComponentId == Component.Id && p.Review == ProjectReview.Feasible && p.HiddenAt == null && p.ErasedAt == null)
            .GroupBy(p => p.AreaId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        return null;
    }
}
