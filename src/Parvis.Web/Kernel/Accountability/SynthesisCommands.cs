using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Kernel.Accountability;

public sealed record SynthesisDraft(SynthesisItemKind Kind, string Title, string Body, Guid? ThemeId = null);

/// <summary>The analysts' synthesis of a process: items are written here, contributions reach them through their fate.</summary>
public sealed class SynthesisCommands(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, AuditLog audit, TimeProvider clock,
    ProcessAccess processes)
{
    public async Task<CommandResult> CreateAsync(Guid processId, SynthesisDraft draft)
    {
        var process = await processes.FindAsync(processId);
        if (process is null)
        {
            return CommandResult.Missing();
        }
        var decision = await authorizer.DecideAsync(Permission.Analyse, process);
        if (decision != Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        if (!await ThemeOfAsync(processId, draft.ThemeId))
        {
            return CommandResult.Refused("Error.NotFound");
        }
        var last = await db.SynthesisItems.Where(i => i.ProcessId == processId && i.Kind == draft.Kind).MaxAsync(i => (int?)i.Position);
        var item = new SynthesisItem
        {
            OrganisationId = organisation.Id,
            ProcessId = processId,
            Kind = draft.Kind,
            Title = draft.Title.Trim(),
            Body = draft.Body.Trim(),
            ThemeId = draft.ThemeId,
            Position = (last ?? -1) + 1,
            CreatedAt = clock.GetUtcNow(),
            UpdatedAt = clock.GetUtcNow(),
        };
        db.SynthesisItems.Add(item);
        // The item names itself: its title may be a participant's words (a funded project), which "Remove" takes back.
        audit.Record("synthesis.create", $"synthesis:{item.Id}");
        await db.SaveChangesAsync();
        return CommandResult.Done(item.Id);
    }

    public async Task<CommandResult> UpdateAsync(Guid itemId, SynthesisDraft draft) =>
        await ChangeAsync(itemId, async item =>
        {
            if (!await ThemeOfAsync(item.ProcessId, draft.ThemeId))
            {
                return "Error.NotFound";
            }
            if (item.Kind != draft.Kind)
            {
                var last = await db.SynthesisItems.Where(i => i.ProcessId == item.ProcessId && i.Kind == draft.Kind).MaxAsync(i => (int?)i.Position);
                item.Position = (last ?? -1) + 1;
            }
            item.Kind = draft.Kind;
            item.Title = draft.Title.Trim();
            item.Body = draft.Body.Trim();
            item.ThemeId = draft.ThemeId;
            item.UpdatedAt = clock.GetUtcNow();
            audit.Record("synthesis.update", $"synthesis:{item.Id}");
            return null;
        });

    /// <summary>Only an item nothing was retained in: the fate of those contributions must be changed first.</summary>
    public async Task<CommandResult> DeleteAsync(Guid itemId) =>
        await ChangeAsync(itemId, async item =>
        {
            if (await db.SynthesisLinks.AnyAsync(l => l.SynthesisItemId == item.Id))
            {
                return "Error.ItemHasContributions";
            }
            db.SynthesisItems.Remove(item);
            // The actor it named no longer lists it.
            db.ActorMentions.RemoveRange(await db.ActorMentions.Where(m => m.SubjectId == item.Id).ToListAsync());
            audit.Record("synthesis.delete", $"synthesis:{item.Id}");
            return null;
        });

    /// <summary>
    /// Sets what a recommendation or an action answers: other items of the same synthesis (concerns, points
    /// of vigilance, uses, or a recommendation an action carries out). Replaces the previous set.
    /// </summary>
    public async Task<CommandResult> AnswerAsync(Guid itemId, IReadOnlyCollection<Guid> answered) =>
        await ChangeAsync(itemId, async item =>
        {
            if (!item.IsTracked)
            {
                return "Synthesis.OnlyTrackedAnswer";
            }
            var valid = await db.SynthesisItems.CountAsync(i => i.ProcessId == item.ProcessId && i.Id != item.Id && answered.Contains(i.Id));
            if (valid != answered.Distinct().Count())
            {
                return "Error.NotFound";
            }
            var existing = await db.SynthesisItemLinks.Where(l => l.FromItemId == item.Id).ToListAsync();
            db.SynthesisItemLinks.RemoveRange(existing.Where(l => !answered.Contains(l.ToItemId)));
            db.SynthesisItemLinks.AddRange(answered.Distinct().Where(to => existing.All(l => l.ToItemId != to))
                .Select(to => new SynthesisItemLink { FromItemId = item.Id, ToItemId = to }));
            item.UpdatedAt = clock.GetUtcNow();
            audit.Record("synthesis.answer", $"synthesis:{item.Id}", string.Join(",", answered));
            return null;
        });

    /// <summary>Moves an item one place up or down among the items of its kind.</summary>
    public async Task<CommandResult> MoveAsync(Guid itemId, int direction) =>
        await ChangeAsync(itemId, async item =>
        {
            var siblings = db.SynthesisItems.Where(i => i.ProcessId == item.ProcessId && i.Kind == item.Kind && i.Id != item.Id);
            var neighbour = direction < 0
                ? await siblings.Where(i => i.Position < item.Position).OrderByDescending(i => i.Position).FirstOrDefaultAsync()
                : await siblings.Where(i => i.Position > item.Position).OrderBy(i => i.Position).FirstOrDefaultAsync();
            if (neighbour is not null)
            {
                (item.Position, neighbour.Position) = (neighbour.Position, item.Position);
            }
            return null;
        });

    /// <summary>No theme, or one of the process's.</summary>
    private async Task<bool> ThemeOfAsync(Guid processId, Guid? themeId) =>
        themeId is not { } theme || await db.Themes.AnyAsync(t => t.Id == theme && t.ProcessId == processId);

    private async Task<CommandResult> ChangeAsync(Guid itemId, Func<SynthesisItem, Task<string?>> change)
    {
        var item = await db.SynthesisItems.FirstOrDefaultAsync(i => i.Id == itemId && i.OrganisationId == organisation.Id);
        var process = item is null ? null : await processes.FindAsync(item.ProcessId);
        if (item is null || process is null)
        {
            return CommandResult.Missing();
        }
        var decision = await authorizer.DecideAsync(Permission.Analyse, process);
        if (decision != Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        // Within the caller's transaction when there is one (a summary published into the item).
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        if (await change(item) is { } error)
        {
            return CommandResult.Refused(error);
        }
        await db.SaveChangesAsync();
        if (transaction is not null)
        {
            await transaction.CommitAsync();
        }
        return CommandResult.Done(item.Id);
    }
}
