using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Meetings.Pages.Questions;

/// <summary>One question: where it came from, the expert it was sent to, the public answer or why it was not covered, its fate.</summary>
public sealed class ShowModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, QuestionCommands questions,
    IEnumerable<IContributionSource> sources) : ParvisPageModel, IProcessPage
{
    [BindProperty]
    [Display(Name = "Field.Expert")]
    public Guid? ExpertId { get; set; }

    [BindProperty]
    [Display(Name = "Field.Outcome")]
    public QuestionStatus Outcome { get; set; } = QuestionStatus.Answered;

    [BindProperty]
    [StringLength(ExpertQuestion.AnswerMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.QuestionAnswer")]
    public string? Answer { get; set; }

    [BindProperty]
    [Display(Name = "Field.AnswerMeeting")]
    public Guid? MeetingId { get; set; }

    public ExpertQuestion Question { get; private set; } = default!;
    public Process Process { get; private set; } = default!;
    public ProcessComponent Component { get; private set; } = default!;

    public Guid? ComponentId => Component?.Id;

    public string From { get; private set; } = "";
    public string? ThemeName { get; private set; }
    public string? ExpertName { get; private set; }
    public string? AnsweredBy { get; private set; }
    public Meeting? CollectedAt { get; private set; }
    public Meeting? AnsweredAt { get; private set; }
    public FateView Fate { get; private set; } = default!;
    public bool CanRoute { get; private set; }
    public bool CanAnswer { get; private set; }
    public IReadOnlyList<SelectListItem> Experts { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Meetings { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Outcomes => [
        new(Text["QuestionStatus.Answered"], nameof(QuestionStatus.Answered)),
        new(Text["QuestionStatus.NotCovered"], nameof(QuestionStatus.NotCovered)),
    ];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        ExpertId = Question.ExpertId;
        Answer = Question.Answer;
        MeetingId = Question.AnsweredAtMeetingId;
        Outcome = Question.Status == QuestionStatus.NotCovered ? QuestionStatus.NotCovered : QuestionStatus.Answered;
        return Page();
    }

    public async Task<IActionResult> OnPostRouteAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        return After(await questions.RouteAsync(id, ExpertId), "Questions.Routed", $"/questions/{id}", nameof(ExpertId));
    }

    public async Task<IActionResult> OnPostAnswerAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        return After(await questions.AnswerAsync(id, Outcome, Answer ?? "", MeetingId), "Questions.Answered", $"/questions/{id}", nameof(Answer));
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var question = await db.ExpertQuestions.AsNoTracking().FirstOrDefaultAsync(q => q.Id == id && q.OrganisationId == organisation.Id);
        var process = question is null ? null : await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.Id == question.ProcessId && p.Published);
        if (question is null || process?.Component(question.ComponentId) is not { } component || question.HiddenAt is not null)
        {
            return false;
        }
        (Question, Process, Component) = (question, process, component);
        var names = await db.Users.AsNoTracking().Where(p => p.Id == question.AuthorId || p.Id == question.ExpertId || p.Id == question.AnsweredById)
            .ToDictionaryAsync(p => p.Id, p => p.Pseudonym);
        From = question.Origin ?? (question.AuthorId is { } author ? names.GetValueOrDefault(author) : null) ?? Text["Questions.DeletedParticipant"];
        ExpertName = question.ExpertId is { } expert ? names.GetValueOrDefault(expert) : null;
        AnsweredBy = question.AnsweredById is { } by ? names.GetValueOrDefault(by) : null;
        ThemeName = await db.Themes.Where(t => t.Id == question.ThemeId).Select(t => t.Name).FirstOrDefaultAsync();
        var meetings = await db.Meetings.AsNoTracking().Where(m => m.ComponentId == question.ComponentId).OrderBy(m => m.StartsAt).ToListAsync();
        CollectedAt = meetings.FirstOrDefault(m => m.Id == question.MeetingId);
        AnsweredAt = meetings.FirstOrDefault(m => m.Id == question.AnsweredAtMeetingId);
        Fate = await FateView.LoadAsync(db, ShownContributions.Of(db, sources), id);
        CanRoute = await authorizer.CanAsync(MeetingsPermissions.Manage, process, question.ComponentId);
        CanAnswer = await authorizer.CanAsync(MeetingsPermissions.AnswerQuestions, process, question.ComponentId);
        if (CanRoute)
        {
            Experts = await RoleHolders.ChoicesAsync(db, organisation.Id, process.Id, Role.Expert, Text["Questions.NoExpert"]);
        }
        Meetings = [new SelectListItem(Text["Questions.InWriting"], ""), .. meetings.Select(m => new SelectListItem($"{m.Title} ({m.StartsAt.ToLocalTime():d})", m.Id.ToString()))];
        return true;
    }
}
