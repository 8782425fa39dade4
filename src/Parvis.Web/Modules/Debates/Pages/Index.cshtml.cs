using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Modules.Debates.Pages;

/// <summary>A debate as the list shows it, with its badge (<see cref="Debate.StateKey"/>) and the arguments on each side.</summary>
public sealed record DebateLine(Guid Id, string Question, string State, int For, int Against);

/// <summary>The debates of a process, open ones first; and, for whoever may, a form to open one.</summary>
public sealed class IndexModel(ParvisDbContext db, CurrentOrganisation organisation, ProcessAccess processes, Authorizer authorizer, DebateCommands debates,
    TimeProvider clock) : ParvisPageModel, IProcessPage
{
    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Debate.QuestionMax, MinimumLength = 10, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.DebateQuestion")]
    public string Question { get; set; } = "";

    [BindProperty]
    [StringLength(Debate.ContextMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.DebateContext")]
    public string? Context { get; set; }

    [BindProperty]
    [StringLength(Debate.PlainSummaryMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.DebatePlainSummary")]
    public string? PlainSummary { get; set; }

    [BindProperty]
    [CalendarDate]
    [Display(Name = "Field.DebateOpensAt")]
    public DateTime? OpensAt { get; set; }

    [BindProperty]
    [CalendarDate]
    [Display(Name = "Field.DebateClosesAt")]
    public DateTime? ClosesAt { get; set; }

    public Process Process { get; private set; } = default!;
    public IReadOnlyList<DebateLine> Debates { get; private set; } = [];
    public bool CanOpen { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug) => await LoadAsync(slug) ?? Page();

    public async Task<IActionResult> OnPostAsync(string slug)
    {
        if (await LoadAsync(slug) is { } early)
        {
            return early;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await debates.OpenAsync(Process.Id, new DebateDraft(Question, Context ?? "", LocalTime.ToOffset(ClosesAt), PlainSummary ?? "", LocalTime.ToOffset(OpensAt)));
        return After(result, "Debates.Opened", result.Id is { } id ? $"/debates/{id}" : Request.Path.Value!, result.ErrorKey switch
        {
            "Debates.QuestionLength" => nameof(Question),
            "Debates.ContextLength" => nameof(Context),
            "Debates.PlainSummaryLength" => nameof(PlainSummary),
            "Debates.ClosesInPast" => nameof(ClosesAt),
            "Debates.OpensAfterCloses" => nameof(OpensAt),
            _ => "",
        });
    }

    private async Task<IActionResult?> LoadAsync(string slug)
    {
        // Staff prepare a process's debates before it is published: ProcessAccess shows them the draft.
        var id = await db.Processes.Where(p => p.Slug == slug && p.OrganisationId == organisation.Id).Select(p => (Guid?)p.Id).FirstOrDefaultAsync();
        var process = id is { } found ? await processes.FindAsync(found, DebatesModule.Key) : null;
        if (process is null)
        {
            return NotFound();
        }
        Process = process;
        CanOpen = await authorizer.CanAsync(DebatesPermissions.Manage, process) || await authorizer.CanAsync(DebatesPermissions.Open, process);
        var arguments = db.Arguments;
        // Moderation finds the debates it hid here, marked so, to show them again.
        var moderates = await authorizer.CanAsync(Permission.Moderate, process);
        Debates = [.. (await db.Debates.AsNoTracking().Where(d => d.ProcessId == process.Id && (d.HiddenAt == null || moderates)).OrderBy(d => d.ClosedAt != null).ThenByDescending(d => d.CreatedAt)
            .Select(d => new
            {
                Debate = d,
                For = arguments.Count(a => a.DebateId == d.Id && a.Side == Side.For && a.Invited == "" && a.HiddenAt == null && a.ErasedAt == null),
                Against = arguments.Count(a => a.DebateId == d.Id && a.Side == Side.Against && a.Invited == "" && a.HiddenAt == null && a.ErasedAt == null),
            })
            .ToListAsync()).Select(x => new DebateLine(x.Debate.Id, x.Debate.Question, x.Debate.StateKey(clock.GetUtcNow()), x.For, x.Against))];
        return null;
    }
}
