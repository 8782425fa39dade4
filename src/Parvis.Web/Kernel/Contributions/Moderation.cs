using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Notifications;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Kernel.Contributions;

/// <summary>Flags from participants and moderators' decisions, for every kind of contribution.</summary>
public sealed class Moderation(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, AuditLog audit, ProcessAccess processes,
    Notifier notifier, TimeProvider clock, Accountability.CitedSummaries summaries)
{
    /// <summary>The decision that hid the contribution, as it stands now; null when it is not hidden.</summary>
    public async Task<ModerationDecision?> HidingAsync(Contribution contribution) =>
        contribution.HiddenAt is null ? null : await db.ModerationDecisions.AsNoTracking()
            .Where(d => d.ContributionId == contribution.Id && d.Action == ModerationAction.Hide).OrderByDescending(d => d.DecidedAt).FirstOrDefaultAsync();

    /// <summary>The author contests the hiding of their contribution, once per hiding, with their reason.</summary>
    public async Task<CommandResult> AppealAsync(Guid contributionId, string reason)
    {
        var contribution = await FindAsync(contributionId);
        if (contribution is null || authorizer.PersonId is not { } person || contribution.AuthorId != person)
        {
            return CommandResult.Missing();
        }
        // The person has one appeal per hiding: a mediator spends it only where the mandate lets them write.
        if (authorizer.OutsideMandate(contribution.ProcessId))
        {
            return CommandResult.Refused(Decision.OutsideMandate);
        }
        if (await HidingAsync(contribution) is not { } hiding)
        {
            return CommandResult.Refused("Appeal.NotHidden");
        }
        reason = reason.Trim();
        if (reason.Length == 0)
        {
            return CommandResult.Refused("Appeal.ReasonRequired");
        }
        if (await db.ModerationAppeals.AnyAsync(a => a.HidingId == hiding.Id))
        {
            return CommandResult.Refused("Appeal.AlreadyFiled");
        }
        var appeal = new ModerationAppeal
        {
            OrganisationId = organisation.Id, ContributionId = contribution.Id, HidingId = hiding.Id, AuthorId = person, Reason = reason, FiledAt = clock.GetUtcNow(),
        };
        db.ModerationAppeals.Add(appeal);
        // The reason is the author's words, kept with the appeal (and erased with it if they ask): the log names it.
        audit.Record("moderation.appeal", $"{contribution.Kind}:{contribution.Id}", $"appeal:{appeal.Id}");
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            return CommandResult.Refused("Appeal.AlreadyFiled");
        }
        return CommandResult.Done(contribution.Id);
    }

    /// <summary>The appeal waiting on a contribution, if any.</summary>
    public Task<ModerationAppeal?> PendingAppealAsync(Guid contributionId) =>
        db.ModerationAppeals.AsNoTracking().FirstOrDefaultAsync(a => a.ContributionId == contributionId && a.OrganisationId == organisation.Id && a.Outcome == null);

    /// <summary>
    /// A moderator other than the one who hid the contribution grants the appeal (the contribution is shown again) or
    /// rejects it, with a public reason; the author is told.
    /// </summary>
    public async Task<CommandResult> DecideAppealAsync(Guid appealId, bool grant, string reason)
    {
        var appeal = await db.ModerationAppeals.FirstOrDefaultAsync(a => a.Id == appealId && a.OrganisationId == organisation.Id);
        var contribution = appeal is null ? null : await FindAsync(appeal.ContributionId);
        if (appeal is null || contribution is null || await processes.FindAsync(contribution.ProcessId) is not { } process)
        {
            return CommandResult.Missing();
        }
        var decision = await authorizer.DecideAsync(Permission.Moderate, process);
        if (decision != Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        var hiding = await db.ModerationDecisions.AsNoTracking().FirstAsync(d => d.Id == appeal.HidingId);
        if (hiding.ModeratorId == authorizer.PersonId)
        {
            return CommandResult.Refused("Appeal.SameModerator");
        }
        reason = reason.Trim();
        if (reason.Length == 0)
        {
            return CommandResult.Refused("Validation.Required");
        }
        var outcome = grant ? ModerationAction.AppealGranted : ModerationAction.AppealRejected;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var now = clock.GetUtcNow();
        if (await db.ModerationAppeals.Where(a => a.Id == appeal.Id && a.Outcome == null)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.Outcome, outcome).SetProperty(a => a.DecidedAt, now)) == 0)
        {
            return CommandResult.Refused("Appeal.AlreadyDecided");
        }
        if (grant)
        {
            contribution.HiddenAt = null;
            contribution.HiddenReason = null;
        }
        db.ModerationDecisions.Add(new ModerationDecision
        {
            OrganisationId = organisation.Id,
            ProcessId = contribution.ProcessId,
            ContributionId = contribution.Id,
            ContributionKind = contribution.Kind,
            Action = outcome,
            Reason = reason,
            ModeratorId = authorizer.PersonId!.Value,
            DecidedAt = now,
        });
        audit.Record($"moderation.{(grant ? "appeal-granted" : "appeal-rejected")}", $"{contribution.Kind}:{contribution.Id}", reason);
        if (appeal.AuthorId is { } author)
        {
            // The news is about the appeal: a rejected one leaves the contribution hidden, and news of hidden items is never told.
            await notifier.RaiseAsync(new Notice(KernelNotifications.AppealDecided, organisation.Id, contribution.ProcessId, appeal.Id,
                Text.Excerpts.Cut(contribution.Excerpt, 120), "/account/contributions", NoticeArgument.Text("ModerationAction." + outcome), reason)
            {
                AboutYou = [author],
                ActorId = authorizer.PersonId,
            });
        }
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return CommandResult.Done(contribution.Id);
    }

    public async Task<CommandResult> FlagAsync(Guid contributionId, string reason)
    {
        var contribution = await FindAsync(contributionId);
        if (contribution is null)
        {
            return CommandResult.Missing();
        }
        var decision = await authorizer.DecideAsync(Permission.Flag);
        if (decision != Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        db.ContributionFlags.Add(new ContributionFlag
        {
            ContributionId = contribution.Id,
            OrganisationId = organisation.Id,
            FlaggedById = authorizer.PersonId,
            Reason = reason.Trim(),
        });
        await db.SaveChangesAsync();
        return CommandResult.Done(contribution.Id);
    }

    /// <summary>Hides or restores; the decision joins the public moderation log and the open flags are closed, in one transaction.</summary>
    public async Task<CommandResult> DecideAsync(Guid contributionId, ModerationAction action, string reason)
    {
        var contribution = await FindAsync(contributionId);
        // An appeal is decided by another moderator through its own command, never by naming its outcome here.
        if (contribution is null || action is not (ModerationAction.Hide or ModerationAction.Restore))
        {
            return CommandResult.Missing();
        }
        if (await processes.FindAsync(contribution.ProcessId) is not { } process)
        {
            return CommandResult.Missing();
        }
        var decision = await authorizer.DecideAsync(Permission.Moderate, process);
        if (decision != Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        contribution.HiddenAt = action == ModerationAction.Hide ? DateTimeOffset.UtcNow : null;
        contribution.HiddenReason = action == ModerationAction.Hide ? reason.Trim() : null;
        db.ModerationDecisions.Add(new ModerationDecision
        {
            OrganisationId = organisation.Id,
            ProcessId = contribution.ProcessId,
            ContributionId = contribution.Id,
            ContributionKind = contribution.Kind,
            Action = action,
            Reason = reason.Trim(),
            ModeratorId = authorizer.PersonId!.Value,
        });
        var openFlags = await db.ContributionFlags
            .Where(r => r.ContributionId == contribution.Id && r.ResolvedAt == null).ToListAsync();
        openFlags.ForEach(r => r.ResolvedAt = DateTimeOffset.UtcNow);
        audit.Record($"moderation.{action.ToString().ToLowerInvariant()}", $"{contribution.Kind}:{contribution.Id}", reason.Trim());
        await db.SaveChangesAsync();
        if (action == ModerationAction.Hide)
        {
            await summaries.WithdrawUnshownAsync(contribution.ProcessId);
        }
        await transaction.CommitAsync();
        return CommandResult.Done(contribution.Id);
    }

    /// <summary>Closes the flags on a contribution the moderator decided to leave visible.</summary>
    public async Task<CommandResult> DismissFlagsAsync(Guid contributionId)
    {
        var contribution = await FindAsync(contributionId);
        if (contribution is null)
        {
            return CommandResult.Missing();
        }
        if (await processes.FindAsync(contribution.ProcessId) is not { } process)
        {
            return CommandResult.Missing();
        }
        var decision = await authorizer.DecideAsync(Permission.Moderate, process);
        if (decision != Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        await db.ContributionFlags.Where(r => r.ContributionId == contributionId && r.ResolvedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ResolvedAt, DateTimeOffset.UtcNow));
        return CommandResult.Done(contributionId);
    }

    private Task<Contribution?> FindAsync(Guid id) =>
        db.Contributions.FirstOrDefaultAsync(c => c.Id == id && c.OrganisationId == organisation.Id && c.ErasedAt == null);
}
