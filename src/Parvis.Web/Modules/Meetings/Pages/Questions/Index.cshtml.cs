using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Web;
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

    /// <summary>Questions a page lists, by theme: a consultation's many questions stay readable.</summary>
    public const int PageSize = 100;

    public IReadOnlyList<Theme> Themes { get; private set; } = [];

    /// <summary>The page's questions, in the order of their themes, then of their asking.</summary>
    public IReadOnlyList<QuestionLine> Lines { get; private set; } = [];
    public int PageNumber { get; private set; } = 1;
    public bool HasMore { get; private set; }

    /// <summary>How many questions, and how many answered, over every page.</summary>
    public int Total { get; private set; }
    public int Answered { get; private set; }
    public IReadOnlyList<UncoveredLine> Uncovered { get; private set; } = [];
    public IReadOnlyList<QuestionLine> ForMe { get; private set; } = [];
    public Decision Ask { get; private set; }
    public IReadOnlyList<SelectListItem> ThemeOptions => [new(Text["Meetings.NoTheme"], ""), .. Themes.Select(t => new SelectListItem(t.Name, t.Id.ToString()))];

    public async Task<IActionResult> OnGetAsync(string slug, Guid? componentId, int p = 1)
    {
        PageNumber = PageNumbers.Of(p);
        // A page past the last is no page.
        return await LoadAsync(slug, componentId) && (PageNumber == 1 || Lines.Count > 0) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(string slug, Guid? componentId, int p = 1)
    {
        PageNumber = PageNumbers.Of(p);
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
        var shown = db.ExpertQuestions.AsNoTracking().Where(q => q.ComponentId == component.Id && q.HiddenAt == null && q.ErasedAt == null);
        (Total, Answered) = (await shown.CountAsync(), await shown.CountAsync(q => q.Status == QuestionStatus.Answered));
        var themes = db.Themes;
        var page = await Listed(shown.OrderBy(q => q.ThemeId == null).ThenBy(q => themes.Where(t => t.Id == q.ThemeId).Select(t => t.Position).FirstOrDefault())
            .ThenBy(q => q.CreatedAt).ThenBy(q => q.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize + 1));
        (Lines, HasMore) = (page.Take(PageSize).ToList(), page.Count > PageSize);
        Uncovered = await db.UncoveredThemes.AsNoTracking()
            .Join(db.Meetings.Where(m => m.ComponentId == component.Id), u => u.MeetingId, m => m.Id, (u, m) => new { u.ThemeId, m.Id, m.Title })
            .Join(db.Themes, x => x.ThemeId, t => t.Id, (x, t) => new { Theme = t, x.Id, x.Title })
            .Select(x => new UncoveredLine(x.Theme, x.Id, x.Title)).ToListAsync();
        if (authorizer.PersonId is { } me && await authorizer.CanAsync(MeetingsPermissions.AnswerQuestions, process, component.Id))
        {
            ForMe = await Listed(shown.Where(q => q.ExpertId == me && q.Status == QuestionStatus.Open).OrderBy(q => q.CreatedAt).ThenBy(q => q.Id));
        }
        Ask = await authorizer.DecideAsync(MeetingsPermissions.AskExperts, process, component.Id);
        return true;
    }

    /// <summary>Questions as listed, each with where it came from (a site, or its asker's pseudonym).</summary>
    private async Task<List<QuestionLine>> Listed(IQueryable<ExpertQuestion> questions) =>
        [.. (await questions.GroupJoin(db.Users, q => q.AuthorId, p => p.Id, (q, authors) => new { q, authors })
                .SelectMany(x => x.authors.DefaultIfEmpty(), (x, author) => new { x.q, Pseudonym = author == null ? null : author.Pseudonym })
                .ToListAsync())
            .Select(x => new QuestionLine(x.q, x.q.Origin ?? x.Pseudonym ?? Text["Questions.DeletedParticipant"]))];
}
