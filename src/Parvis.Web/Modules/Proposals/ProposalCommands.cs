using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Notifications;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Text;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Kernel.Mediation;

namespace Parvis.Web.Modules.Proposals;

/// <summary>What a proposal's form sends; Language only when its author chose one (else their interface's).</summary>
public sealed record ProposalDraft(string Title, string Body, Guid? ThemeId, string? Language = null);

public sealed record OfficialAnswer(ProposalStatus Status, string Answer, Guid? MergedIntoId);

/// <summary>Everything that changes proposals. Each command checks the permission itself, so no page can forget to.</summary>
public sealed class ProposalCommands(DatabaseOnDemand database, CurrentOrganisation organisation, Authorizer authorizer, AuditLog audit,
    SupportWriter supports, SharedData shared, ProcessAccess processes, Notifier notifier, MediationCommands mediation)
{
    private ParvisDbContext Db => database.Context;

    /// <summary>Who hears of what happens on a proposal: its author, those who commented on it, and its supporters.</summary>
    private IQueryable<Guid> Involved(Guid proposalId) =>
        Db.Proposals.Where(p => p.Id == proposalId && p.AuthorId != null).Select(p => p.AuthorId!.Value)
            .Union(Db.Comments.Where(c => c.ProposalId == proposalId && c.AuthorId != null).Select(c => c.AuthorId!.Value))
            .Union(Db.Supports.Where(s => s.ProposalId == proposalId && s.PersonId != null).Select(s => s.PersonId!.Value));

    public async Task<CommandResult> ProposeAsync(Guid processId, ProposalDraft draft)
    {
        var process = await ProcessAsync(processId);
        if (process is null)
        {
            return CommandResult.Missing();
        }
        var decision = await authorizer.DecideAsync(ProposalsPermissions.Propose, process);
        if (decision != Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        if (!ThemeBelongs(process, draft.ThemeId))
        {
            return CommandResult.Refused("Error.UnknownTheme");
        }
        var proposal = new Proposal
        {
            OrganisationId = organisation.Id,
            ProcessId = process.Id,
            AuthorId = authorizer.PersonId,
            Title = draft.Title.Trim(),
            Body = draft.Body.Trim(),
            ThemeId = draft.ThemeId,
        };
        Db.Proposals.Add(proposal);
        await Db.SaveChangesAsync();
        return CommandResult.Done(proposal.Id);
    }

    public async Task<CommandResult> EditAsync(Guid proposalId, ProposalDraft draft)
    {
        var proposal = await ProposalAsync(proposalId);
        if (proposal is null)
        {
            return CommandResult.Missing();
        }
        if (proposal.AuthorId is null || proposal.AuthorId != authorizer.PersonId)
        {
            return CommandResult.Refused(Decision.Forbidden);
        }
        if (authorizer.OutsideMandate(proposal.ProcessId))
        {
            return CommandResult.Refused(Decision.OutsideMandate);
        }
        if (await ProcessAsync(proposal.ProcessId) is not { } process)
        {
            return CommandResult.Missing();
        }
        if (!await EditableAsync(proposal, process))
        {
            return CommandResult.Refused("Error.NotEditable");
        }
        if (!ThemeBelongs(process, draft.ThemeId))
        {
            return CommandResult.Refused("Error.UnknownTheme");
        }
        proposal.Title = draft.Title.Trim();
        proposal.Body = draft.Body.Trim();
        proposal.ThemeId = draft.ThemeId;
        proposal.EditedAt = DateTimeOffset.UtcNow;
        // The proposal's text and the kernel's part of it change together.
        await using var transaction = await Db.Database.BeginTransactionAsync();
        // The first support, or a merge, may arrive while the author edits: only save if there is still none.
        var saved = await Db.Proposals
            .Where(p => p.Id == proposal.Id && p.SupportCount == 0 && p.Fate == null && p.AnsweredAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Title, proposal.Title)
                .SetProperty(p => p.Body, proposal.Body)
                .SetProperty(p => p.ThemeId, proposal.ThemeId)
                .SetProperty(p => p.EditedAt, proposal.EditedAt));
        if (saved == 1)
        {
            // The kernel's part: the language it is written in, and that its text changed, which comparisons read again.
            proposal.Language = ContentLanguage.IsKnown(draft.Language) ? draft.Language! : proposal.Language;
            proposal.RevisedAt = proposal.EditedAt;
            await Db.Set<Contribution>().Where(c => c.Id == proposal.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Language, proposal.Language).SetProperty(c => c.RevisedAt, proposal.RevisedAt));
            // Written by the statement above: the tracked copy must not be saved, nor journaled, a second time.
            Db.Entry(proposal).State = EntityState.Unchanged;
            await mediation.RecordAsync(proposal, MandateChange.Changed);
        }
        await transaction.CommitAsync();
        return saved == 1 ? CommandResult.Done(proposal.Id) : CommandResult.Refused("Error.NotEditable");
    }

    /// <summary>Whether its author may still change it: as <see cref="Proposal.IsEditable"/> says, while the process takes proposals.</summary>
    public async Task<bool> EditableAsync(Proposal proposal, Process process) =>
        proposal.IsEditable && await authorizer.CanAsync(ProposalsPermissions.Propose, process);

    public async Task<CommandResult> WithdrawAsync(Guid proposalId)
    {
        var proposal = await ProposalAsync(proposalId);
        if (proposal is null)
        {
            return CommandResult.Missing();
        }
        if (proposal.AuthorId is null || proposal.AuthorId != authorizer.PersonId)
        {
            return CommandResult.Refused(Decision.Forbidden);
        }
        if (authorizer.OutsideMandate(proposal.ProcessId))
        {
            return CommandResult.Refused(Decision.OutsideMandate);
        }
        if (await ProcessAsync(proposal.ProcessId) is null)
        {
            return CommandResult.Missing();
        }
        proposal.WithdrawnAt ??= DateTimeOffset.UtcNow;
        await Db.SaveChangesAsync();
        return CommandResult.Done(proposal.Id);
    }

    /// <summary>
    /// One support per person: the unique (proposal, person) index decides under concurrency, and the counter moves
    /// in the same statement or transaction as the row (<see cref="SupportWriter"/>). What the check needs to know of
    /// the proposal and its process is kept until processes change; whether the proposal is still open to supports
    /// (not withdrawn, hidden or erased) is checked by the write itself.
    /// </summary>
    public async Task<CommandResult> SupportAsync(Guid proposalId)
    {
        var processId = await shared.GetAsync($"proposal-process:{organisation.Id}:{proposalId}", () => Db.Proposals.AsNoTracking()
            .Where(p => p.Id == proposalId && p.OrganisationId == organisation.Id)
            .Select(p => (Guid?)p.ProcessId).FirstOrDefaultAsync(), ChangeKind.Processes);
        if (processId is null || await ProcessAsync(processId.Value) is not { } process)
        {
            return CommandResult.Missing();
        }
        var decision = await authorizer.DecideAsync(ProposalsPermissions.Support, process);
        if (decision != Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        var outcome = await supports.WriteAsync(organisation.Id, proposalId, authorizer.PersonId!.Value);
        if (outcome == SupportOutcome.Added)
        {
            await mediation.RecordAsync(new Support { ProposalId = proposalId });
        }
        return outcome switch
        {
            SupportOutcome.Added => CommandResult.Done(proposalId),
            SupportOutcome.AlreadySupported => CommandResult.Refused("Error.AlreadySupported"),
            _ => CommandResult.Missing(),
        };
    }

    public async Task<CommandResult> CommentAsync(Guid proposalId, Guid? parentId, string body)
    {
        var proposal = await ProposalAsync(proposalId);
        if (proposal is null || proposal.HiddenAt is not null)
        {
            return CommandResult.Missing();
        }
        if (await ProcessAsync(proposal.ProcessId) is not { } process)
        {
            return CommandResult.Missing();
        }
        var decision = await authorizer.DecideAsync(ProposalsPermissions.Comment, process);
        if (decision != Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        var depth = 0;
        Guid? repliedTo = null;
        if (parentId is { } id)
        {
            var parent = await Db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.ProposalId == proposalId);
            if (parent is null)
            {
                return CommandResult.Missing();
            }
            repliedTo = parent.AuthorId;
            // Past the deepest level, a reply joins its parent's thread instead of nesting further.
            (parentId, depth) = parent.Depth >= Comment.MaxDepth ? (parent.ParentId, parent.Depth) : (parent.Id, parent.Depth + 1);
        }
        var comment = new Comment
        {
            OrganisationId = organisation.Id,
            ProcessId = proposal.ProcessId,
            AuthorId = authorizer.PersonId,
            ProposalId = proposalId,
            ParentId = parentId,
            Depth = depth,
            Body = body.Trim(),
        };
        await using var transaction = await Db.Database.BeginTransactionAsync();
        Db.Comments.Add(comment);
        await notifier.RaiseAsync(new Notice(ProposalsModule.Commented, organisation.Id, process.Id, proposal.Id, proposal.Title,
            comment.Address, Excerpts.Cut(comment.Body, 300))
        {
            Involved = Involved(proposal.Id),
            AboutYou = repliedTo is { } replied ? [replied] : [],
            ActorId = authorizer.PersonId,
            ThemeId = proposal.ThemeId,
            SourceId = comment.Id,
        });
        await Db.SaveChangesAsync();
        await Db.Proposals.Where(p => p.Id == proposalId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.CommentCount, p => p.CommentCount + 1));
        await transaction.CommitAsync();
        return CommandResult.Done(comment.Id);
    }

    public async Task<CommandResult> AnswerAsync(Guid proposalId, OfficialAnswer answer)
    {
        var proposal = await ProposalAsync(proposalId);
        if (proposal is null)
        {
            return CommandResult.Missing();
        }
        if (await ProcessAsync(proposal.ProcessId) is not { } process)
        {
            return CommandResult.Missing();
        }
        var decision = await authorizer.DecideAsync(ProposalsPermissions.Answer, process);
        if (decision != Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        if (answer.Status == ProposalStatus.Merged)
        {
            var target = answer.MergedIntoId is { } targetId && targetId != proposal.Id
                && await Db.Proposals.AnyAsync(p => p.Id == targetId && p.ProcessId == proposal.ProcessId && p.HiddenAt == null && p.ErasedAt == null && p.WithdrawnAt == null
                    && p.Status != ProposalStatus.Merged && p.Fate != Fate.Merged)
                // Merges never chain: not into one merged itself, nor from one others were merged into.
                && !await Db.Proposals.AnyAsync(p => p.MergedIntoId == proposal.Id && p.Status == ProposalStatus.Merged);
            if (!target)
            {
                return CommandResult.Refused("Error.MergeTarget");
            }
        }
        proposal.Status = answer.Status;
        proposal.Answer = answer.Answer.Trim();
        proposal.AnsweredAt = DateTimeOffset.UtcNow;
        proposal.MergedIntoId = answer.Status == ProposalStatus.Merged ? answer.MergedIntoId : null;
        audit.Record("proposal.answer", $"proposal:{proposal.Id}", answer.Status.ToString());
        await notifier.RaiseAsync(new Notice(ProposalsModule.Answered, organisation.Id, process.Id, proposal.Id, proposal.Title, proposal.Address,
            NoticeArgument.Text("Status." + answer.Status), Excerpts.Cut(proposal.Answer, 300))
        {
            Involved = Involved(proposal.Id),
            AboutYou = proposal.AuthorId is { } author ? [author] : [],
            ActorId = authorizer.PersonId,
            ThemeId = proposal.ThemeId,
        });
        await Db.SaveChangesAsync();
        return CommandResult.Done(proposal.Id);
    }

    private Task<Proposal?> ProposalAsync(Guid id) =>
        Db.Proposals.FirstOrDefaultAsync(p => p.Id == id && p.OrganisationId == organisation.Id && p.ErasedAt == null);

    /// <summary>The published process, if it uses proposals: an author cannot edit or withdraw in one that no longer does.</summary>
    private async Task<Process?> ProcessAsync(Guid id) =>
        await processes.FindAsync(id, ProposalsModule.Key) is { Published: true } process ? process : null;

    private static bool ThemeBelongs(Process process, Guid? themeId) =>
        themeId is null || process.Themes.Any(t => t.Id == themeId);
}
