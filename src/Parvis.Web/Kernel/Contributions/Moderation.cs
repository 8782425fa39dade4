using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Kernel.Contributions;

/// <summary>Flags from participants and moderators' decisions, for every kind of contribution.</summary>
public sealed class Moderation(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, AuditLog audit, ProcessAccess processes)
{
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
