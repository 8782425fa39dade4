using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Territory;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Kernel.Text;

namespace Parvis.Web.Modules.Workshops;

public sealed record WorkshopDraft(string Title, string Description, string Place, DateTimeOffset? StartsAt);

/// <summary>A time as edited; Id null for a new one.</summary>
public sealed record TimeDraft(Guid? Id, string Title, string Instructions, int? Minutes, TimeOutput Output, int? MinItems, int? MaxItems, bool Gathered);

/// <summary>A group as edited; Id null for a new one.</summary>
public sealed record GroupDraft(Guid? Id, string Name, string Question, Guid? FacilitatorId, Guid? ThemeId);

/// <summary>What a table produced: a concern, an action (for a concern) or a resource (for an action, with who could carry it).</summary>
public sealed record ItemDraft(Guid GroupId, ItemKind Kind, string Text, Guid? ParentId = null, ResourceStatus? Status = null, string? Actor = null);

/// <summary>Everything that changes workshops. Each command checks the permission itself.</summary>
public sealed class WorkshopCommands(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, AuditLog audit, TimeProvider clock,
    ProcessAccess processes, ActorMentions actors, Kernel.Mediation.MediationCommands mediation)
{
    /// <summary>The kind of mention by which a resource names the actor who could carry it.</summary>
    public const string ResourceMention = "resource";

    /// <summary>Letters and digits that cannot be mistaken for one another when read aloud or from a screen.</summary>
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public const int CodeLength = 6;

    public async Task<CommandResult> CreateAsync(Guid processId, WorkshopDraft draft, string templateKey)
    {
        var process = await processes.FindAsync(processId, WorkshopsModule.Key);
        if (process is null)
        {
            return CommandResult.Missing();
        }
        if (await authorizer.DecideAsync(WorkshopsPermissions.Manage, process) is var decision and not Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        if (!WorkshopTemplates.Keys.Contains(templateKey))
        {
            return CommandResult.Refused("Workshops.UnknownTemplate");
        }
        var template = WorkshopTemplates.Load(templateKey);
        var workshop = new Workshop
        {
            OrganisationId = organisation.Id,
            ProcessId = process.Id,
            Title = draft.Title.Trim(),
            Description = draft.Description.Trim(),
            Place = draft.Place.Trim(),
            StartsAt = draft.StartsAt,
            JoinCode = await NewCodeAsync(db),
        };
        template.CopyInto(workshop, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
        db.Workshops.Add(workshop);
        audit.Record("workshop.create", $"workshop:{workshop.Id}", workshop.Title);
        await db.SaveChangesAsync();
        return CommandResult.Done(workshop.Id);
    }

    /// <summary>
    /// Replaces the workshop's description, times and groups with the edited ones, all or nothing. A group
    /// or a time that has items cannot be removed (what the tables produced would lose its place).
    /// </summary>
    public async Task<CommandResult> UpdateAsync(Guid workshopId, WorkshopDraft draft, IReadOnlyList<TimeDraft> times, IReadOnlyList<GroupDraft> groups)
    {
        var (workshop, process) = await LoadAsync(workshopId, tracked: true);
        if (workshop is null || process is null)
        {
            return CommandResult.Missing();
        }
        if (await authorizer.DecideAsync(WorkshopsPermissions.Manage, process) is var decision and not Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        if (times.Count == 0)
        {
            return CommandResult.Refused("Workshops.TimesRequired");
        }
        if (groups.Count == 0)
        {
            return CommandResult.Refused("Workshops.GroupsRequired");
        }
        if (times.Any(t => t.MinItems > t.MaxItems))
        {
            return CommandResult.Refused("Workshops.MinAboveMax");
        }
        if (!await RoleHolders.HoldAsync(db, organisation.Id, process.Id, Role.Facilitator, groups.Select(g => (g.Id, g.FacilitatorId)), workshop.Groups.Select(g => (g.Id, g.FacilitatorId))))
        {
            return CommandResult.Refused("Error.NotFacilitator");
        }
        var themes = await db.Themes.Where(t => t.ProcessId == process.Id).Select(t => t.Id).ToListAsync();
        if (groups.Any(g => g.ThemeId is { } theme && !themes.Contains(theme)))
        {
            return CommandResult.Refused("Error.NotFound");
        }
        var keptGroups = groups.Where(g => g.Id is not null).Select(g => g.Id!.Value).ToHashSet();
        var removedGroups = workshop.Groups.Where(g => !keptGroups.Contains(g.Id)).ToList();
        var removedIds = removedGroups.Select(g => g.Id).ToList();
        if (await db.WorkshopItems.AnyAsync(i => i.WorkshopId == workshop.Id && removedIds.Contains(i.GroupId)))
        {
            return CommandResult.Refused("Workshops.GroupHasItems");
        }
        workshop.Title = draft.Title.Trim();
        workshop.Description = draft.Description.Trim();
        workshop.Place = draft.Place.Trim();
        workshop.StartsAt = draft.StartsAt;

        var keptTimes = times.Where(t => t.Id is not null).Select(t => t.Id!.Value).ToHashSet();
        foreach (var gone in workshop.Times.Where(t => !keptTimes.Contains(t.Id)).ToList())
        {
            workshop.Times.Remove(gone);
            if (workshop.CurrentTimeId == gone.Id)
            {
                workshop.CurrentTimeId = null;
                workshop.TimeStartedAt = null;
            }
        }
        ChildRows.Save(db, workshop.Times, times, (time, edited) => time.Id == edited.Id,
            _ => new WorkshopTime { WorkshopId = workshop.Id, Title = "" },
            (time, edited, i) =>
            {
                time.Position = i;
                time.Title = edited.Title.Trim();
                time.Instructions = edited.Instructions.Trim();
                time.Minutes = edited.Minutes;
                time.Output = edited.Output;
                time.MinItems = edited.MinItems;
                time.MaxItems = edited.MaxItems;
                time.Gathered = edited.Gathered;
            });
        foreach (var gone in removedGroups)
        {
            workshop.Groups.Remove(gone);
        }
        ChildRows.Save(db, workshop.Groups, groups, (group, edited) => group.Id == edited.Id,
            _ => new WorkshopGroup { WorkshopId = workshop.Id, Name = "" },
            (group, edited, i) =>
            {
                group.Position = i;
                group.Name = edited.Name.Trim();
                group.Question = edited.Question.Trim();
                group.FacilitatorId = edited.FacilitatorId;
                group.ThemeId = edited.ThemeId;
            });
        audit.Record("workshop.update", $"workshop:{workshop.Id}", workshop.Title);
        try
        {
            await SaveAsync(workshop.Id);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsConstraintViolation(e))
        {
            // A phone added to a removed table between the check above and the save: the database keeps the table.
            return CommandResult.Refused("Workshops.GroupHasItems");
        }
        return CommandResult.Done(workshop.Id);
    }

    /// <summary>Starts a time (or goes back to one): its timer starts now, and what participants may add follows it.</summary>
    public async Task<CommandResult> StartTimeAsync(Guid workshopId, Guid timeId)
    {
        var (workshop, refusal) = await RunAsync(workshopId);
        if (workshop is null)
        {
            return refusal!;
        }
        if (workshop.Times.All(t => t.Id != timeId))
        {
            return CommandResult.Missing();
        }
        workshop.CurrentTimeId = timeId;
        workshop.TimeStartedAt = clock.GetUtcNow();
        workshop.ClosedAt = null;
        await SaveAsync(workshop.Id);
        return CommandResult.Done(workshop.Id);
    }

    /// <summary>Ends the workshop: the join code stops working; facilitators may still type up what the tables wrote.</summary>
    public async Task<CommandResult> CloseAsync(Guid workshopId)
    {
        var (workshop, refusal) = await RunAsync(workshopId);
        if (workshop is null)
        {
            return refusal!;
        }
        workshop.CurrentTimeId = null;
        workshop.TimeStartedAt = null;
        workshop.ClosedAt = clock.GetUtcNow();
        audit.Record("workshop.close", $"workshop:{workshop.Id}", workshop.Title);
        await SaveAsync(workshop.Id);
        return CommandResult.Done(workshop.Id);
    }

    /// <summary>A facilitator records what a table produced, whatever the current time (typing up after the workshop included).</summary>
    public async Task<CommandResult> AddItemAsync(Guid workshopId, ItemDraft draft)
    {
        var (workshop, refusal) = await RunAsync(workshopId, adding: true);
        return workshop is null ? refusal! : await AddAsync(workshop, draft);
    }

    /// <summary>
    /// Someone at a table contributes from a phone with the workshop's code, without an account: the item
    /// belongs to the table, its kind follows the time being run, and nothing about the person is stored.
    /// </summary>
    public async Task<CommandResult> AddItemByCodeAsync(string code, Guid groupId, string text, Guid? parentId, ResourceStatus? status, string? actor)
    {
        var workshop = await FindByCodeAsync(code, tracked: true);
        if (workshop is null)
        {
            return CommandResult.Refused("Workshops.UnknownCode");
        }
        if (await processes.FindAsync(workshop.ProcessId) is { } process && ProcessAccess.Closed(process) is { } closed)
        {
            return closed;
        }
        if (workshop.CurrentTime is not { } time)
        {
            return CommandResult.Refused(workshop.ClosedAt is null ? "Workshops.NotStarted" : "Workshops.Closed");
        }
        var kind = time.Output switch
        {
            TimeOutput.Concerns => ItemKind.Concern,
            TimeOutput.Actions => ItemKind.Action,
            _ => ItemKind.Resource,
        };
        var added = await AddAsync(workshop, new ItemDraft(groupId, kind, text, parentId, status, actor));
        if (added.Succeeded)
        {
            await mediation.RecordOnceADayAsync(new WorkshopTakingPart(workshop.Id, kind));
        }
        return added;
    }

    /// <summary>The workshop of a join code, typed with or without spaces and in any case.</summary>
    public async Task<Workshop?> FindByCodeAsync(string code, bool tracked = false)
    {
        var normalised = RateLimits.Normalised(code);
        if (normalised.Length != CodeLength)
        {
            return null;
        }
        var query = db.Workshops.Include(w => w.Times).Include(w => w.Groups)
            .Where(w => w.JoinCode == normalised && w.OrganisationId == organisation.Id);
        var workshop = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync();
        return workshop is not null && await processes.FindAsync(workshop.ProcessId, WorkshopsModule.Key) is { Published: true } ? workshop : null;
    }

    /// <summary>Moves an item up (-1) or down (+1) among its siblings, as the facilitator arranges the table's list.</summary>
    public async Task<CommandResult> MoveAsync(Guid itemId, int direction)
    {
        var (item, workshop, refusal) = await ItemAsync(itemId);
        if (item is null || workshop is null)
        {
            return refusal!;
        }
        var siblings = await db.WorkshopItems
            .Where(i => i.WorkshopId == item.WorkshopId && i.GroupId == item.GroupId && i.ItemKind == item.ItemKind && i.ParentId == item.ParentId
                && i.MergedIntoId == null && i.HiddenAt == null && i.ErasedAt == null)
            .OrderBy(i => i.Position).ThenBy(i => i.CreatedAt)
            .ToListAsync();
        var index = siblings.FindIndex(i => i.Id == item.Id);
        var other = index + Math.Sign(direction);
        if (other >= 0 && other < siblings.Count)
        {
            (siblings[index], siblings[other]) = (siblings[other], siblings[index]);
        }
        for (var i = 0; i < siblings.Count; i++)
        {
            siblings[i].Position = i;
        }
        await SaveAsync(workshop.Id);
        return CommandResult.Done(item.Id);
    }

    /// <summary>
    /// Merges a duplicate into another item of the same kind: what hung from the duplicate (actions,
    /// resources) moves to the kept one, and the duplicate stays, marked as merged, so nothing is lost.
    /// </summary>
    public async Task<CommandResult> MergeAsync(Guid itemId, Guid intoId)
    {
        var (item, workshop, refusal) = await ItemAsync(itemId);
        if (item is null || workshop is null)
        {
            return refusal!;
        }
        var into = await db.WorkshopItems.FirstOrDefaultAsync(i => i.Id == intoId && i.WorkshopId == item.WorkshopId);
        if (into is null || !into.IsVisible)
        {
            return CommandResult.Refused("Workshops.MergeTarget");
        }
        if (into.Id == item.Id || into.ItemKind != item.ItemKind)
        {
            return CommandResult.Refused("Workshops.MergeTarget");
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.WorkshopItems.Where(i => i.ParentId == item.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.ParentId, into.Id));
        item.MergedIntoId = into.Id;
        into.Carried |= item.Carried;
        audit.Record("workshop.merge", $"workshop-item:{item.Id}", into.Id.ToString());
        await db.SaveChangesAsync();
        await BumpAsync(workshop.Id);
        await transaction.CommitAsync();
        return CommandResult.Done(into.Id);
    }

    /// <summary>Marks a concern as one the group carries forward, or not.</summary>
    public async Task<CommandResult> SetCarriedAsync(Guid itemId, bool carried)
    {
        var (item, workshop, refusal) = await ItemAsync(itemId);
        if (item is null || workshop is null)
        {
            return refusal!;
        }
        if (item.ItemKind != ItemKind.Concern)
        {
            return CommandResult.Refused("Workshops.OnlyConcerns");
        }
        item.Carried = carried;
        await SaveAsync(workshop.Id);
        return CommandResult.Done(item.Id);
    }

    private async Task<CommandResult> AddAsync(Workshop workshop, ItemDraft draft)
    {
        var text = draft.Text.Trim();
        if (text.Length == 0)
        {
            return CommandResult.Refused("Workshops.TextRequired");
        }
        if (text.Length > WorkshopItem.TextMax || draft.Actor?.Trim().Length > WorkshopItem.ActorMax)
        {
            return CommandResult.Refused("Workshops.TooLong");
        }
        var group = workshop.Groups.FirstOrDefault(g => g.Id == draft.GroupId);
        if (group is null)
        {
            return CommandResult.Refused("Workshops.ChooseGroup");
        }
        // The time that produces this kind says whether all groups' items are gathered, and how many a group may record.
        var time = workshop.Times.OrderBy(t => t.Position).FirstOrDefault(t => t.Output == OutputOf(draft.Kind));
        var siblings = db.WorkshopItems.Where(i => i.WorkshopId == workshop.Id && i.GroupId == group.Id && i.ItemKind == draft.Kind
            && i.ParentId == draft.ParentId && i.MergedIntoId == null && i.HiddenAt == null && i.ErasedAt == null);
        if (draft.Kind == ItemKind.Concern && time?.MaxItems is { } max && await siblings.CountAsync() >= max)
        {
            return CommandResult.Refused("Workshops.TooMany");
        }
        if (draft.Kind != ItemKind.Concern)
        {
            var parentKind = draft.Kind == ItemKind.Action ? ItemKind.Concern : ItemKind.Action;
            var parent = draft.ParentId is { } parentId
                ? await db.WorkshopItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == parentId && i.WorkshopId == workshop.Id && i.ItemKind == parentKind)
                : null;
            if (parent is null || !parent.IsVisible || (parent.GroupId != group.Id && time?.Gathered != true))
            {
                return CommandResult.Refused(draft.Kind == ItemKind.Action ? "Workshops.ChooseConcern" : "Workshops.ChooseAction");
            }
        }
        var item = NewItem(workshop, group, draft, (await siblings.MaxAsync(i => (int?)i.Position) ?? -1) + 1, Channel.Workshop);
        db.WorkshopItems.Add(item);
        await MentionAsync(item);
        await SaveAsync(workshop.Id);
        return CommandResult.Done(item.Id);
    }

    /// <summary>Checks a typed-in paper form (CSV or XLSX rows) against the workshop, line by line, without saving anything.</summary>
    public async Task<(CommandResult Result, IReadOnlyList<PaperLine> Lines, IReadOnlyList<PaperError> Errors)> CheckPaperAsync(
        Guid workshopId, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var (workshop, refusal) = await RunAsync(workshopId, adding: true);
        if (workshop is null)
        {
            return (refusal!, [], []);
        }
        var existing = await db.WorkshopItems.AsNoTracking().Where(i => i.WorkshopId == workshop.Id).ToListAsync();
        var (lines, errors) = PaperSheet.Parse(workshop, existing, rows);
        return (errors.Count == 0 ? CommandResult.Done(workshop.Id) : CommandResult.Refused("Paper.HasErrors"), lines, errors);
    }

    /// <summary>
    /// Imports a typed-in paper form whole, in one transaction, or nothing at all when any line is wrong.
    /// Items come from the paper channel and belong to their table, like those typed at the console.
    /// </summary>
    public async Task<(CommandResult Result, IReadOnlyList<PaperError> Errors)> ImportPaperAsync(Guid workshopId, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        // One import at a time per workshop: a second click waits for the first, then finds its lines there.
        await using var transaction = await db.Database.BeginTransactionAsync();
        await BumpAsync(workshopId);
        var (checkedResult, lines, errors) = await CheckPaperAsync(workshopId, rows);
        if (!checkedResult.Succeeded)
        {
            return (checkedResult, errors);
        }
        // A sheet whose every line is already a paper item of its table, under the same parent, was imported already (sent twice).
        var held = await db.WorkshopItems.AsNoTracking().Where(i => i.WorkshopId == workshopId)
            .Select(i => new { i.Id, i.GroupId, i.ItemKind, i.Text, i.ParentId, i.Channel }).ToListAsync();
        var texts = held.ToDictionary(i => i.Id, i => i.Text);
        var paper = held.Where(i => i.Channel == Channel.Paper)
            .Select(i => (i.GroupId, i.ItemKind, i.Text, Parent: i.ParentId is { } parent ? texts.GetValueOrDefault(parent) : null)).ToHashSet();
        var numbered = lines.ToDictionary(l => l.Number);
        string? ParentText(PaperLine line) => line.Parent?.ItemId is { } item ? texts.GetValueOrDefault(item)
            : line.Parent?.Line is { } number && numbered.TryGetValue(number, out var parentLine) ? parentLine.Text.Trim() : null;
        if (lines.All(l => paper.Contains((l.Group.Id, l.Kind, l.Text.Trim(), ParentText(l)))))
        {
            return (CommandResult.Refused("Paper.AlreadyImported"), []);
        }
        var workshop = await db.Workshops.Include(w => w.Groups).Include(w => w.Times).SingleAsync(w => w.Id == workshopId);
        var positions = await db.WorkshopItems.Where(i => i.WorkshopId == workshop.Id)
            .GroupBy(i => new { i.GroupId, i.ItemKind, i.ParentId })
            .Select(g => new { g.Key.GroupId, g.Key.ItemKind, g.Key.ParentId, Last = g.Max(i => i.Position) })
            .ToListAsync();
        var next = positions.ToDictionary(p => (p.GroupId, p.ItemKind, p.ParentId), p => p.Last + 1);
        var created = new Dictionary<int, Guid>();
        foreach (var line in lines)
        {
            var parentId = line.Parent?.ItemId ?? (line.Parent?.Line is { } parentLine ? created[parentLine] : null);
            var key = (line.Group.Id, line.Kind, parentId);
            var position = next.GetValueOrDefault(key);
            next[key] = position + 1;
            var item = NewItem(workshop, line.Group, new ItemDraft(line.Group.Id, line.Kind, line.Text, parentId, line.Status, line.Actor), position, Channel.Paper);
            db.WorkshopItems.Add(item);
            await MentionAsync(item);
            created[line.Number] = item.Id;
        }
        audit.Record("workshop.paper-import", $"workshop:{workshop.Id}", lines.Count.ToString(CultureInfo.InvariantCulture));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return (CommandResult.Done(workshop.Id), []);
    }

    private Task MentionAsync(WorkshopItem item) => MentionAsync(actors, item);

    /// <summary>
    /// A resource whose actor is named as in the directory appears on the actor's entry; an item changed since (from
    /// a laptop) names whom it now names, or no one.
    /// </summary>
    public static async Task MentionAsync(ActorMentions actors, WorkshopItem item, bool changed = false)
    {
        var actor = item.ItemKind == ItemKind.Resource ? await actors.MatchAsync(item.Actor) : null;
        if (actor is not null || changed)
        {
            await actors.SetAsync(item.Id, ResourceMention, actor?.Id, item.ProcessId, item.Text, item.Address);
        }
    }

    /// <summary>An item of a table, attributed to the table ("Table 2 · Atelier…"), never to a person.</summary>
    private WorkshopItem NewItem(Workshop workshop, WorkshopGroup group, ItemDraft draft, int position, Channel channel)
    {
        var origin = $"{group.Name} · {workshop.Title}";
        return new WorkshopItem
        {
            OrganisationId = workshop.OrganisationId,
            ProcessId = workshop.ProcessId,
            WorkshopId = workshop.Id,
            GroupId = group.Id,
            ItemKind = draft.Kind,
            ParentId = draft.Kind == ItemKind.Concern ? null : draft.ParentId,
            Text = draft.Text.Trim(),
            Position = position,
            Channel = channel,
            Origin = Excerpts.Clip(origin, Contribution.OriginMax),
            ResourceStatus = draft.Kind == ItemKind.Resource ? draft.Status ?? ResourceStatus.Existing : null,
            Actor = draft.Kind == ItemKind.Resource && !string.IsNullOrWhiteSpace(draft.Actor) ? draft.Actor.Trim() : null,
            CreatedAt = clock.GetUtcNow(),
        };
    }

    /// <summary>
    /// Saves and moves the revision on in one transaction. The revision is incremented by the database, so
    /// two tables adding at the same moment both move it and the wall never misses one of them.
    /// </summary>
    private async Task SaveAsync(Guid workshopId)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        await BumpAsync(workshopId);
        await transaction.CommitAsync();
    }

    private Task<int> BumpAsync(Guid workshopId) =>
        db.Workshops.Where(w => w.Id == workshopId).ExecuteUpdateAsync(s => s.SetProperty(w => w.Revision, w => w.Revision + 1));

    private static TimeOutput OutputOf(ItemKind kind) => kind switch
    {
        ItemKind.Concern => TimeOutput.Concerns,
        ItemKind.Action => TimeOutput.Actions,
        _ => TimeOutput.Resources,
    };

    private async Task<(Workshop? Workshop, Process? Process)> LoadAsync(Guid workshopId, bool tracked)
    {
        var query = db.Workshops.Include(w => w.Times).Include(w => w.Groups).Where(w => w.Id == workshopId && w.OrganisationId == organisation.Id);
        var workshop = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync();
        var process = workshop is null ? null : await processes.FindAsync(workshop.ProcessId, WorkshopsModule.Key);
        return (workshop, process);
    }

    /// <summary>The workshop, tracked, when the current person may run it; otherwise why not.</summary>
    private async Task<(Workshop? Workshop, CommandResult? Refusal)> RunAsync(Guid workshopId, bool adding = false)
    {
        var (workshop, process) = await LoadAsync(workshopId, tracked: true);
        if (workshop is null || process is null)
        {
            return (null, CommandResult.Missing());
        }
        if (await authorizer.DecideAsync(WorkshopsPermissions.Run, process) is var decision and not Decision.Allowed)
        {
            return (null, CommandResult.Refused(decision));
        }
        return adding && ProcessAccess.Closed(process) is { } closed ? (null, closed) : (workshop, null);
    }

    private async Task<(WorkshopItem? Item, Workshop? Workshop, CommandResult? Refusal)> ItemAsync(Guid itemId)
    {
        var item = await db.WorkshopItems.FirstOrDefaultAsync(i => i.Id == itemId && i.OrganisationId == organisation.Id);
        if (item is null || !item.IsVisible)
        {
            return (null, null, CommandResult.Missing());
        }
        var (workshop, refusal) = await RunAsync(item.WorkshopId);
        return (item, workshop, refusal);
    }

    /// <summary>Whether a code is one <see cref="NewCodeAsync"/> could make: the join page reads no other.</summary>
    internal static bool IsCode(string code) => code.Length == CodeLength && code.All(CodeAlphabet.Contains);

    /// <summary>A join code no workshop of the installation uses.</summary>
    internal static async Task<string> NewCodeAsync(ParvisDbContext db)
    {
        while (true)
        {
            var code = new string(Enumerable.Range(0, CodeLength).Select(_ => CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)]).ToArray());
            if (!await db.Workshops.AnyAsync(w => w.JoinCode == code))
            {
                return code;
            }
        }
    }
}
