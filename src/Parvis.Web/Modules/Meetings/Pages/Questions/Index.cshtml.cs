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

namespace Parvis.Web.Modules.Meetings.Pages.Questions;

/// <summary>A question as listed: where it came from (a pseudonym, or a site) and what became of it.</summary>
public sealed record QuestionLine(ExpertQuestion Question, string From);

/// <summary>A theme the experts could not cover, and the round table that said so.</summary>
public sealed record UncoveredLine(Theme Theme, Guid MeetingId, string MeetingTitle);

/// <summary>
/// The questions to the experts of one set of meetings of a process (its first when none is named), by theme:
/// answered, waiting, or not covered, and the themes the experts could not cover. Participants ask here; experts find
/// the questions sent to them.
/// </summary>
public sealed class IndexModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, QuestionCommands questions) : ParvisPageModel, IProcessPage
{
    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(ExpertQuestion.TextMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Question")]
    public string QuestionText { get; set; } = "";

    [BindProperty]
    [Display(Name = "Field.Theme")]
    public Guid? ThemeId { get; set; }

    public Process Process { get; private set; } = default!;
    public ProcessComponent Component { get; private set; } = default!;

    public Guid? ComponentId => Component?.Id;

    public string Address => MeetingsModule.QuestionsAddress(Process, Component.Id);

    public IReadOnlyList<Theme> Themes { get; private set; } = [];
    public IReadOnlyList<QuestionLine> Lines { get; private set; } = [];
    public IReadOnlyList<UncoveredLine> Uncovered { get; private set; } = [];
    public IReadOnlyList<QuestionLine> ForMe { get; private set; } = [];
    public Decision Ask { get; private set; }
    public IReadOnlyList<SelectListItem> ThemeOptions => [new(Text["Meetings.NoTheme"], ""), .. Themes.Select(t => new SelectListItem(t.Name, t.Id.ToString()))];

    public async Task<IActionResult> OnGetAsync(string slug, Guid? componentId) => await LoadAsync(slug, componentId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string slug, Guid? componentId)
    {
        if (!await LoadAsync(slug, componentId))
        {
            return NotFound();
        }
        if (Ask == Decision.SignInRequired)
        {
            return Challenge();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await questions.AskAsync(Process.Id, Component.Id, QuestionText, ThemeId);
        return After(result, "Questions.Asked", $"/questions/{result.Id}", nameof(QuestionText));
    }

    private async Task<bool> LoadAsync(string slug, Guid? componentId)
    {
        var process = await db.Processes.AsNoTracking()
            .FirstOrDefaultAsync(p => p.Slug == slug && p.OrganisationId == organisation.Id && p.Published);
        var component = componentId is { } id ? process?.Component(id) : process?.Component(MeetingsModule.Key);
        if (process is null || component?.Module != MeetingsModule.Key)
        {
            return false;
        }
        (Process, Component) = (process, component);
        Themes = await db.Themes.AsNoTracking().Where(t => t.ProcessId == process.Id).OrderBy(t => t.Position).ToListAsync();
        var all = await db.ExpertQuestions.AsNoTracking()
            .Where(q => q.ComponentId == component.Id && q.HiddenAt == null && q.ErasedAt == null)
            .OrderBy(q => q.CreatedAt)
            .GroupJoin(db.Users, q => q.AuthorId, p => p.Id, (q, authors) => new { q, authors })
            .SelectMany(x => x.authors.DefaultIfEmpty(), (x, author) => new { x.q, Pseudonym = author == null ? null : author.Pseudonym })
            .ToListAsync();
        Lines = all.Select(x => new QuestionLine(x.q, x.q.Origin ?? x.Pseudonym ?? Text["Questions.DeletedParticipant"])).ToList();
        Uncovered = await db.UncoveredThemes.AsNoTracking()
            .Join(db.Meetings.Where(m => m.ComponentId == component.Id), u => u.MeetingId, m => m.Id, (u, m) => new { u.ThemeId, m.Id, m.Title })
            .Join(db.Themes, x => x.ThemeId, t => t.Id, (x, t) => new { Theme = t, x.Id, x.Title })
            .Select(x => new UncoveredLine(x.Theme, x.Id, x.Title)).ToListAsync();
        if (authorizer.PersonId is { } me && await authorizer.CanAsync(MeetingsPermissions.AnswerQuestions, process, component.Id))
        {
            ForMe = Lines.Where(l => l.Question.ExpertId == me && l.Question.Status == QuestionStatus.Open).ToList();
        }
        Ask = await authorizer.DecideAsync(MeetingsPermissions.AskExperts, process, component.Id);
        return true;
    }
}
