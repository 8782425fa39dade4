using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Notifications;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Kernel.Accountability;

/// <param name="Fate">What became of the contribution.</param>
/// <param name="Text">The answer, the reason or a note, as the fate asks.</param>
/// <param name="SynthesisItemId">For <see cref="Fate.Retained"/>.</param>
/// <param name="MergedIntoId">For <see cref="Fate.Merged"/>.</param>
public sealed record FateInput(Fate Fate, string Text, Guid? SynthesisItemId = null, Guid? MergedIntoId = null);

/// <summary>How many of a process's contributions await a fate, and how many have each.</summary>
public sealed record FateCount(int Total, IReadOnlyDictionary<Fate, int> ByFate)
{
    public int Decided => ByFate.Values.Sum();
    public int Undecided => Total - Decided;
}

/// <summary>
/// The fate of contributions across every module, and the guard on closing a process: every change
/// checks <see cref="Permission.Analyse"/> (or <see cref="Permission.EditProcess"/> to close) here.
/// </summary>
public sealed class FateCommands(DatabaseOnDemand database, CurrentOrganisation organisation, Authorizer authorizer, AuditLog audit,
    IEnumerable<IContributionSource> sources, TimeProvider clock, ProcessAccess processes, Notifier notifier)
{
    private ParvisDbContext Db => database.Context;

    /// <summary>The visible contributions of the process that are meant to receive a fate, from every module.</summary>
    public IQueryable<Contribution> Awaiting(Process process)
    {
        var ids = sources.Select(s => s.AwaitingFate(Db, process)).Aggregate((a, b) => a.Concat(b));
        return Shown.Where(c => c.ProcessId == process.Id && ids.Contains(c.Id));
    }

    /// <summary>The contributions anyone may read, of every module (<see cref="ShownContributions"/>).</summary>
    public IQueryable<Contribution> Shown => ShownContributions.Of(Db, sources);

    /// <summary>Whether its module withholds the contribution (within one moderation hid, in a survey still running).</summary>
    public async Task<bool> WithheldAsync(Guid contributionId)
    {
        foreach (var withheld in ShownContributions.Withheld(Db, sources))
        {
            if (await withheld.AnyAsync(id => id == contributionId))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The contributions, of any module, in a theme: by the module's own theme, or given by analysts.</summary>
    public IQueryable<Guid> InTheme(Guid themeId) =>
        sources.Select(s => s.InTheme(Db, themeId)).Aggregate(Db.ContributionThemes.Where(t => t.ThemeId == themeId).Select(t => t.ContributionId), (a, b) => a.Concat(b));

    public async Task<FateCount> CountAsync(Process process)
    {
        var counts = await Awaiting(process).GroupBy(c => c.Fate).Select(g => new { Fate = g.Key, Count = g.Count() }).ToListAsync();
        return new FateCount(counts.Sum(c => c.Count),
            counts.Where(c => c.Fate is not null).ToDictionary(c => c.Fate!.Value, c => c.Count));
    }

    /// <summary>Gives or changes a contribution's fate; the previous decisions stay in its public history.</summary>
    public async Task<CommandResult> DecideAsync(Guid contributionId, FateInput input)
    {
        var contribution = await Db.Contributions.FirstOrDefaultAsync(c => c.Id == contributionId && c.OrganisationId == organisation.Id && c.ErasedAt == null);
        var process = contribution is null ? null : await processes.FindAsync(contribution.ProcessId);
        // What its module withholds gets no fate yet: a fate is public, and says what it is about.
        if (contribution is null || process is null || await WithheldAsync(contributionId))
        {
            return CommandResult.Missing();
        }
        var decision = await authorizer.DecideAsync(Permission.Analyse, process);
        if (decision != Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        var text = input.Text.Trim();
        if (await InvalidAsync(contribution, input, text) is { } error)
        {
            return CommandResult.Refused(error);
        }

        // Within a module's own transaction (a text's new version decides its amendments), the decision is part of it.
        await using var transaction = Db.Database.CurrentTransaction is null ? await Db.Database.BeginTransactionAsync() : null;
        var now = clock.GetUtcNow();
        // Claimed as it was read: a second decision sent at the same moment (a double click, another analyst) finds it
        // changed and is refused, instead of carrying supports twice.
        var (fate, decidedAt) = (contribution.Fate, contribution.FateDecidedAt);
        if (await Db.Contributions.Where(c => c.Id == contribution.Id && c.Fate == fate && c.FateDecidedAt == decidedAt)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.FateDecidedAt, now)) == 0)
        {
            return CommandResult.Refused("Error.FateChangedMeanwhile");
        }
        Db.FateDecisions.Add(new FateDecision
        {
            OrganisationId = organisation.Id,
            ProcessId = process.Id,
            ContributionId = contribution.Id,
            Fate = input.Fate,
            Text = text,
            SynthesisItemId = input.Fate == Fate.Retained ? input.SynthesisItemId : null,
            MergedIntoId = input.Fate == Fate.Merged ? input.MergedIntoId : null,
            AnalystId = authorizer.PersonId,
            DecidedAt = now,
        });
        // Supports follow a merge, and come back when it is undone (or redone into another).
        if (contribution.Fate == Fate.Merged)
        {
            foreach (var source in sources)
            {
                await source.CarryBackAsync(Db, contribution);
            }
        }
        if (input.Fate == Fate.Merged)
        {
            foreach (var source in sources)
            {
                await source.CarryOverAsync(Db, contribution, input.MergedIntoId!.Value);
            }
        }
        contribution.Fate = input.Fate;
        contribution.FateDecidedAt = now;
        if (input.Fate == Fate.Retained)
        {
            if (!await Db.SynthesisLinks.AnyAsync(l => l.ContributionId == contribution.Id && l.SynthesisItemId == input.SynthesisItemId))
            {
                Db.SynthesisLinks.Add(new SynthesisLink { ContributionId = contribution.Id, SynthesisItemId = input.SynthesisItemId!.Value, LinkedAt = now });
            }
        }
        else
        {
            // No longer retained: the synthesis must not claim it any more.
            await Db.SynthesisLinks.Where(l => l.ContributionId == contribution.Id).ExecuteDeleteAsync();
        }
        audit.Record("fate.decide", $"{contribution.Kind}:{contribution.Id}", input.Fate.ToString());
        // Its author hears of it, and whoever follows it, in the same transaction as the decision.
        await notifier.RaiseAsync(new Notice(KernelNotifications.FateDecided, organisation.Id, process.Id, contribution.Id, contribution.Caption,
            contribution.Address, NoticeArgument.Text("Fate." + input.Fate), text)
        {
            AboutYou = contribution.AuthorId is { } author ? [author] : [],
            ActorId = authorizer.PersonId,
        });
        await Db.SaveChangesAsync();
        if (transaction is not null)
        {
            await transaction.CommitAsync();
        }
        return CommandResult.Done(contribution.Id);
    }

    /// <summary>
    /// Closes the process to contributions. Contributions left without a fate need an explicit decision
    /// with a public reason, so that nobody's contribution is quietly forgotten.
    /// </summary>
    public async Task<CommandResult> CloseProcessAsync(Guid processId, bool leaveWithoutFate, string note)
    {
        var process = await Db.Processes.FirstOrDefaultAsync(p => p.Id == processId && p.OrganisationId == organisation.Id);
        if (process is null)
        {
            return CommandResult.Missing();
        }
        var decision = await authorizer.DecideAsync(Permission.EditProcess, process);
        if (decision != Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        if (process.ClosedAt is not null)
        {
            return CommandResult.Done(process.Id);
        }
        note = note.Trim();
        await using var transaction = await Db.Database.BeginTransactionAsync();
        async Task<(int Count, CommandResult? Refusal)> UndecidedAsync()
        {
            var count = await Awaiting(process).CountAsync(c => c.Fate == null);
            return (count, count > 0 && !leaveWithoutFate ? CommandResult.Refused("Error.FatesMissing")
                : count > 0 && note.Length == 0 ? CommandResult.Refused("Error.ClosingNoteRequired") : null);
        }
        // Missing fates are said first, as they are what people most often have left to do.
        var (undecided, refusal) = await UndecidedAsync();
        if (refusal is not null)
        {
            return refusal;
        }
        foreach (var source in sources)
        {
            if (await source.StillOpenAsync(Db, process) is { } open)
            {
                return CommandResult.Refused(open);
            }
        }
        // A module's box may have just added contributions (a survey's last answers without a name): count again.
        (undecided, refusal) = await UndecidedAsync();
        if (refusal is not null)
        {
            return refusal;
        }
        process.ClosedAt = clock.GetUtcNow();
        process.ClosingNote = note.Length > 0 ? note : null;
        process.ClosedWithoutFate = undecided;
        audit.Record("process.close", $"process:{process.Id}", undecided > 0 ? $"{undecided} without a fate: {note}" : note);
        await Db.SaveChangesAsync();
        await transaction.CommitAsync();
        return CommandResult.Done(process.Id);
    }

    public async Task<CommandResult> ReopenProcessAsync(Guid processId)
    {
        var process = await Db.Processes.FirstOrDefaultAsync(p => p.Id == processId && p.OrganisationId == organisation.Id);
        if (process is null)
        {
            return CommandResult.Missing();
        }
        var decision = await authorizer.DecideAsync(Permission.EditProcess, process);
        if (decision != Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        process.ClosedAt = null;
        process.ClosingNote = null;
        process.ClosedWithoutFate = 0;
        audit.Record("process.reopen", $"process:{process.Id}");
        await Db.SaveChangesAsync();
        return CommandResult.Done(process.Id);
    }

    /// <summary>The error key of what the fate lacks, or null.</summary>
    private async Task<string?> InvalidAsync(Contribution contribution, FateInput input, string text)
    {
        if (text.Length > FateDecision.TextMax)
        {
            return "Error.FateTextTooLong";
        }
        return input.Fate switch
        {
            Fate.Answered or Fate.NotRetained when text.Length == 0 => "Error.FateTextRequired",
            Fate.Retained when !await ItemExistsAsync() => "Error.FateItem",
            Fate.Merged when !await MergeTargetExistsAsync() => "Error.FateMergeTarget",
            Fate.Merged when await MergedIntoItAsync() => "Error.FateMergedInto",
            _ => null,
        };

        async Task<bool> ItemExistsAsync() => input.SynthesisItemId is { } itemId
            && await Db.SynthesisItems.AnyAsync(i => i.Id == itemId && i.ProcessId == contribution.ProcessId);

        // Into another visible contribution of the process that was not itself merged, so merges never chain.
        async Task<bool> MergeTargetExistsAsync() => input.MergedIntoId is { } targetId && targetId != contribution.Id
            && await Shown.AnyAsync(c => c.Id == targetId && c.ProcessId == contribution.ProcessId && c.Fate != Fate.Merged);

        // Nor from one that others were merged into: what they carried over would follow it out of reach of their undoing.
        // An erased one stays merged for good: its supports may follow.
        async Task<bool> MergedIntoItAsync() => await Db.Contributions.AnyAsync(c => c.ProcessId == contribution.ProcessId && c.Fate == Fate.Merged && c.ErasedAt == null
            && Db.FateDecisions.Where(d => d.ContributionId == c.Id).OrderByDescending(d => d.DecidedAt).Select(d => d.MergedIntoId).FirstOrDefault() == contribution.Id);
    }
}
