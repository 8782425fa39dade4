using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Processes;

/// <summary>
/// What participants thought of each phase (clear? fair? useful?): the form while a phase ends, the counts for
/// everyone, and "you said, we did": the journal's changes that name the phase's feedback as what prompted them.
/// Staff who analyse read the comments, without their authors.
/// </summary>
public sealed class FeedbackModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, PhaseFeedbackCommands feedback)
    : ParvisPageModel
{
    public static readonly FeedbackAnswer[] Answers = Enum.GetValues<FeedbackAnswer>();

    /// <summary>The three questions, by the names of the form's fields.</summary>
    public static readonly string[] Questions = [nameof(Clear), nameof(Fair), nameof(Useful)];

    [BindProperty]
    public Guid PhaseId { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Feedback.Required")]
    public FeedbackAnswer? Clear { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Feedback.Required")]
    public FeedbackAnswer? Fair { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Feedback.Required")]
    public FeedbackAnswer? Useful { get; set; }

    [BindProperty]
    [StringLength(PhaseFeedback.CommentMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.FeedbackComment")]
    public string? Comment { get; set; }

    public Process Process { get; private set; } = default!;

    /// <summary>The phases that have started, in their order.</summary>
    public IReadOnlyList<Phase> Phases { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public bool SignedIn => authorizer.PersonId is not null;

    public bool CanReadComments { get; private set; }

    /// <summary>Per phase, question and answer, how many gave it.</summary>
    public IReadOnlyDictionary<(Guid Phase, string Question, FeedbackAnswer Answer), int> Counts { get; private set; } = new Dictionary<(Guid, string, FeedbackAnswer), int>();

    public IReadOnlyDictionary<Guid, int> Totals { get; private set; } = new Dictionary<Guid, int>();

    /// <summary>The changes each phase's feedback prompted, as the journal records them.</summary>
    public ILookup<Guid, JournalEntry> Changes { get; private set; } = Array.Empty<JournalEntry>().ToLookup(e => Guid.Empty);

    public ILookup<Guid, string> Comments { get; private set; } = Array.Empty<string>().ToLookup(_ => Guid.Empty);

    public int Count(Guid phase, string question, FeedbackAnswer answer) => Counts.GetValueOrDefault((phase, question, answer));

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        // The person's own answers on the phase whose form is open, to change them.
        if (authorizer.PersonId is { } person && PhaseFeedback.Asked(Phases, Today) is { } open
            && await db.PhaseFeedback.AsNoTracking().FirstOrDefaultAsync(f => f.PhaseId == open.Id && f.PersonId == person) is { } mine)
        {
            (PhaseId, Clear, Fair, Useful, Comment) = (open.Id, mine.Clear, mine.Fair, mine.Useful, mine.Comment);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync() || Phases.All(p => p.Id != PhaseId))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await feedback.AnswerAsync(Process.Id, PhaseId, new FeedbackDraft(Clear!.Value, Fair!.Value, Useful!.Value, Comment ?? ""));
        return After(result, "Feedback.Thanks", $"/processes/{Process.Slug}/feedback#phase-{PhaseId}");
    }

    private async Task<bool> LoadAsync()
    {
        var slug = RouteValue("slug");
        var process = await db.Processes.AsNoTracking().Include(p => p.Phases)
            .FirstOrDefaultAsync(p => p.OrganisationId == organisation.Id && p.Slug == slug && p.Published);
        if (process is null)
        {
            return false;
        }
        Process = process;
        Today = authorizer.Today();
        Phases = [.. process.Phases.Where(p => p.StartsOn <= Today).OrderBy(p => p.StartsOn)];
        var answers = db.PhaseFeedback.Where(f => f.ProcessId == process.Id);
        var counts = new Dictionary<(Guid, string, FeedbackAnswer), int>();
        foreach (var (question, rows) in new[]
        {
            (nameof(Clear), await answers.GroupBy(f => new { f.PhaseId, f.Clear }).Select(g => new { g.Key.PhaseId, Answer = g.Key.Clear, Count = g.Count() }).ToListAsync()),
            (nameof(Fair), await answers.GroupBy(f => new { f.PhaseId, f.Fair }).Select(g => new { g.Key.PhaseId, Answer = g.Key.Fair, Count = g.Count() }).ToListAsync()),
            (nameof(Useful), await answers.GroupBy(f => new { f.PhaseId, f.Useful }).Select(g => new { g.Key.PhaseId, Answer = g.Key.Useful, Count = g.Count() }).ToListAsync()),
        })
        {
            foreach (var row in rows)
            {
                counts[(row.PhaseId, question, row.Answer)] = row.Count;
            }
        }
        Counts = counts;
        Totals = Phases.ToDictionary(p => p.Id, p => Answers.Sum(a => Count(p.Id, nameof(Clear), a)));
        var changes = new List<(Guid Phase, JournalEntry Entry)>();
        foreach (var phase in Phases)
        {
            var address = PhaseFeedback.Address(process.Slug, phase.Id);
            changes.AddRange((await db.JournalEntries.AsNoTracking().Where(j => j.ProcessId == process.Id && j.Prompts.Contains(address))
                .OrderBy(j => j.At).ToListAsync()).Select(e => (phase.Id, e)));
        }
        Changes = changes.ToLookup(c => c.Phase, c => c.Entry);
        CanReadComments = await authorizer.CanAsync(Permission.Analyse, process);
        if (CanReadComments)
        {
            Comments = (await answers.Where(f => f.Comment != "").OrderBy(f => f.AnsweredAt).Select(f => new { f.PhaseId, f.Comment }).ToListAsync())
                .ToLookup(c => c.PhaseId, c => c.Comment);
        }
        return true;
    }
}
