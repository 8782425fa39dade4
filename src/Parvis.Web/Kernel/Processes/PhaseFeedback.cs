using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;

namespace Parvis.Web.Kernel.Processes;

/// <summary>An answer to the three questions asked at the end of a phase.</summary>
public enum FeedbackAnswer
{
    Yes,
    Partly,
    No,
}

/// <summary>
/// What a participant thought of a phase as it ended: was it clear, fair, useful? One answer per person and phase,
/// which they may change while the form is open. Only the counts are public; the comment is read by the process's
/// staff, never shown with its author.
/// </summary>
public sealed class PhaseFeedback : Mediation.IPersonAct
{
    public const int CommentMax = 1_000;

    string Mediation.IPersonAct.ActKind => "feedback";

    /// <summary>Its page names the process by its address, which may change: the journal line says what, not where.</summary>
    string? Mediation.IPersonAct.ActAddress => null;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid ProcessId { get; set; }
    public Guid PhaseId { get; set; }
    public Guid PersonId { get; set; }
    public FeedbackAnswer Clear { get; set; }
    public FeedbackAnswer Fair { get; set; }
    public FeedbackAnswer Useful { get; set; }
    public string Comment { get; set; } = "";
    public DateTimeOffset AnsweredAt { get; set; }

    /// <summary>The form opens this many days before the phase's last day…</summary>
    public const int OpensDaysBefore = 3;

    /// <summary>…and stays open this many days after it.</summary>
    public const int ClosesDaysAfter = 30;

    /// <summary>Whether people may say what they thought of the phase on that day: near its end, and a while after.</summary>
    public static bool IsOpen(Phase phase, DateOnly today) =>
        today >= phase.StartsOn && today >= phase.EndsOn.AddDays(-OpensDaysBefore) && today <= phase.EndsOn.AddDays(ClosesDaysAfter);

    /// <summary>
    /// The address the phase's results are read at, which staff give as what prompted a change in the journal: the
    /// "you said, we did" of the phase lists the journal's entries that name it.
    /// </summary>
    public static string Address(string processSlug, Guid phaseId) => $"/processes/{processSlug}/feedback#phase-{phaseId}";

    /// <summary>The phase people are asked about on that day, the one ending first when two forms are open.</summary>
    public static Phase? Asked(IEnumerable<Phase> phases, DateOnly today) => phases.OrderBy(p => p.EndsOn).FirstOrDefault(p => IsOpen(p, today));
}

/// <summary>The three answers and the comment a participant sends.</summary>
public sealed record FeedbackDraft(FeedbackAnswer Clear, FeedbackAnswer Fair, FeedbackAnswer Useful, string Comment);

public sealed class PhaseFeedbackCommands(DatabaseOnDemand database, CurrentOrganisation organisation, Authorizer authorizer, TimeProvider clock)
{
    /// <summary>Records (or changes) the person's answers on a phase of a published process while its form is open.</summary>
    public async Task<CommandResult> AnswerAsync(Guid processId, Guid phaseId, FeedbackDraft draft)
    {
        if (authorizer.PersonId is not { } personId)
        {
            return CommandResult.Refused("Error.SignInRequired");
        }
        if (authorizer.OutsideMandate(processId))
        {
            return CommandResult.Refused(Decision.OutsideMandate);
        }
        if (draft.Comment.Length > PhaseFeedback.CommentMax)
        {
            return CommandResult.Refused("Validation.TooLong");
        }
        var db = database.Context;
        var phase = await db.Phases.AsNoTracking()
            .Where(p => p.Id == phaseId && p.ProcessId == processId && db.Processes.Any(x => x.Id == processId && x.OrganisationId == organisation.Id && x.Published))
            .FirstOrDefaultAsync();
        if (phase is null)
        {
            return CommandResult.Missing();
        }
        var now = clock.GetUtcNow();
        if (!PhaseFeedback.IsOpen(phase, authorizer.Today()))
        {
            return CommandResult.Refused("Feedback.Closed");
        }
        var answer = await db.PhaseFeedback.FirstOrDefaultAsync(f => f.PhaseId == phaseId && f.PersonId == personId);
        if (answer is null)
        {
            answer = new PhaseFeedback { OrganisationId = organisation.Id, ProcessId = processId, PhaseId = phaseId, PersonId = personId };
            db.PhaseFeedback.Add(answer);
        }
        (answer.Clear, answer.Fair, answer.Useful, answer.Comment, answer.AnsweredAt) = (draft.Clear, draft.Fair, draft.Useful, draft.Comment.Trim(), now);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // The same person sent the form twice at once: the first answer stands, as a second send would have changed it.
            db.ChangeTracker.Clear();
            return CommandResult.Done(await db.PhaseFeedback.Where(f => f.PhaseId == phaseId && f.PersonId == personId).Select(f => f.Id).FirstAsync());
        }
        return CommandResult.Done(answer.Id);
    }
}
