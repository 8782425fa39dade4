using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Notifications;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Text;

namespace Parvis.Web.Modules.Meetings;

/// <summary>Questions to experts: asked online or collected at a meeting, routed to an expert, answered in public or recorded as not covered.</summary>
public sealed class QuestionCommands(
    ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, AuditLog audit, TimeProvider clock, MeetingCommands meetings,
    ProcessAccess processes, Notifier notifier) : IQuestionsToExperts
{
    /// <summary>
    /// Staff send a question from elsewhere in the process (a debate's open question) to the experts of its first set
    /// of meetings, with where it came from; refused when the process holds no meetings.
    /// </summary>
    public async Task<CommandResult> ReferAsync(Guid processId, string question, string origin)
    {
        var process = await processes.FindAsync(processId, MeetingsModule.Key);
        if (process?.Components.Where(c => c.Module == MeetingsModule.Key && c.Enabled).OrderBy(c => c.Position).FirstOrDefault() is not { } component)
        {
            return CommandResult.Refused("Questions.NoExperts");
        }
        if (await authorizer.DecideAsync(MeetingsPermissions.Manage, process, component.Id) is var decision and not Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        if (ProcessAccess.Closed(process) is { } closed)
        {
            return closed;
        }
        return await AddAsync(process.Id, component.Id, question, null, q =>
        {
            (q.Origin, q.Channel) = (origin, Channel.Online);
            // The question it came from names it, not the log: a participant's debate question goes with "Remove".
            audit.Record("question.refer", $"question:{q.Id}");
        });
    }

    /// <summary>A participant asks online, under their pseudonym, while a phase of the process is open.</summary>
    public async Task<CommandResult> AskAsync(Guid processId, Guid componentId, string question, Guid? themeId)
    {
        var process = await processes.FindAsync(processId, MeetingsModule.Key, componentId);
        if (process is null)
        {
            return CommandResult.Missing();
        }
        if (await authorizer.DecideAsync(MeetingsPermissions.AskExperts, process, componentId) is var decision and not Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        if (themeId is { } theme && !await db.Themes.AnyAsync(t => t.Id == theme && t.ProcessId == process.Id))
        {
            return CommandResult.Missing();
        }
        return await AddAsync(process.Id, componentId, question, themeId, q =>
        {
            q.AuthorId = authorizer.PersonId;
            q.Channel = Channel.Online;
        });
    }

    /// <summary>A facilitator writes down a question heard at a meeting's site; it belongs to the site, not to a person.</summary>
    public async Task<CommandResult> CollectAsync(Guid meetingId, Guid? siteId, string question, Guid? themeId)
    {
        var (meeting, refusal) = await meetings.RunAsync(meetingId, adding: true);
        if (meeting is null)
        {
            return refusal!;
        }
        if (await meetings.OriginAsync(meeting, siteId, themeId) is not { } origin)
        {
            return CommandResult.Missing();
        }
        return await AddAsync(meeting.ProcessId, meeting.ComponentId, question, themeId, q =>
        {
            q.OrganisationId = meeting.OrganisationId;
            q.MeetingId = meeting.Id;
            q.SiteId = siteId;
            q.Origin = origin;
            q.Channel = Channel.Meeting;
        });
    }

    /// <summary>Staff send a question to one of the process's experts (or take it back: null).</summary>
    public async Task<CommandResult> RouteAsync(Guid questionId, Guid? expertId)
    {
        var (question, process) = await LoadAsync(questionId);
        if (question is null || process is null)
        {
            return CommandResult.Missing();
        }
        if (await authorizer.DecideAsync(MeetingsPermissions.Manage, process, question.ComponentId) is var decision and not Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        if (expertId is { } expert && !await ExpertsOf(process.Id).AnyAsync(e => e == expert))
        {
            return CommandResult.Refused("Questions.NotAnExpert");
        }
        question.ExpertId = expertId;
        audit.Record("question.route", $"question:{question.Id}", expertId is { } routed ? $"person:{routed}" : "");
        await db.SaveChangesAsync();
        return CommandResult.Done(question.Id);
    }

    /// <summary>
    /// An expert answers in public, in writing or at a round table (meetingId), or records that the question
    /// could not be covered, with the reason. Answering again replaces the answer; the audit log keeps who and when.
    /// </summary>
    public async Task<CommandResult> AnswerAsync(Guid questionId, QuestionStatus status, string answer, Guid? meetingId)
    {
        var (question, process) = await LoadAsync(questionId);
        if (question is null || process is null)
        {
            return CommandResult.Missing();
        }
        if (await authorizer.DecideAsync(MeetingsPermissions.AnswerQuestions, process, question.ComponentId) is var decision and not Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        var trimmed = answer.Trim();
        if (status == QuestionStatus.Open)
        {
            return CommandResult.Refused("Questions.ChooseOutcome");
        }
        if (trimmed.Length == 0)
        {
            return CommandResult.Refused(status == QuestionStatus.Answered ? "Questions.AnswerRequired" : "Questions.ReasonRequired");
        }
        if (trimmed.Length > (status == QuestionStatus.Answered ? ExpertQuestion.AnswerMax : ExpertQuestion.ReasonMax))
        {
            return CommandResult.Refused("Validation.TooLong");
        }
        if (meetingId is { } meeting && !await db.Meetings.AnyAsync(m => m.Id == meeting && m.ComponentId == question.ComponentId))
        {
            return CommandResult.Missing();
        }
        question.Status = status;
        question.Answer = trimmed;
        question.AnsweredById = authorizer.PersonId;
        question.AnsweredAt = clock.GetUtcNow();
        question.AnsweredAtMeetingId = meetingId;
        audit.Record(status == QuestionStatus.Answered ? "question.answer" : "question.not-covered", $"question:{question.Id}");
        // Whoever asked hears of it (the question is theirs), and whoever follows it.
        await notifier.RaiseAsync(new Notice(MeetingsModule.QuestionAnswered, organisation.Id, process.Id, question.Id, question.Caption, question.Address,
            NoticeArgument.Text(status == QuestionStatus.Answered ? "Notify.meetings.answer.Answered" : "Notify.meetings.answer.NotCovered"), Excerpts.Cut(trimmed, 300))
        {
            AboutYou = question.AuthorId is { } author ? [author] : [],
            ActorId = authorizer.PersonId,
        });
        await db.SaveChangesAsync();
        return CommandResult.Done(question.Id);
    }

    /// <summary>Who may be sent questions: people with the expert role in the organisation or in this process.</summary>
    public IQueryable<Guid> ExpertsOf(Guid processId) => RoleHolders.Of(db, organisation.Id, processId, Role.Expert);

    private async Task<CommandResult> AddAsync(Guid processId, Guid componentId, string question, Guid? themeId, Action<ExpertQuestion> origin)
    {
        var trimmed = question.Trim();
        if (trimmed.Length == 0)
        {
            return CommandResult.Refused("Questions.TextRequired");
        }
        if (trimmed.Length > ExpertQuestion.TextMax)
        {
            return CommandResult.Refused("Validation.TooLong");
        }
        var item = new ExpertQuestion { OrganisationId = organisation.Id, ProcessId = processId, ComponentId = componentId, Text = trimmed, ThemeId = themeId, CreatedAt = clock.GetUtcNow() };
        origin(item);
        db.ExpertQuestions.Add(item);
        await db.SaveChangesAsync();
        return CommandResult.Done(item.Id);
    }

    private async Task<(ExpertQuestion? Question, Process? Process)> LoadAsync(Guid questionId)
    {
        var question = await db.ExpertQuestions.FirstOrDefaultAsync(q => q.Id == questionId && q.OrganisationId == organisation.Id);
        if (question is null || question.HiddenAt is not null || question.ErasedAt is not null)
        {
            return (null, null);
        }
        return (question, await processes.FindAsync(question.ProcessId, MeetingsModule.Key, question.ComponentId));
    }
}
