using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc.Rendering;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Workshops;

/// <summary>
/// A workshop as its pages show it: its groups and, for each, the concerns with their actions and the
/// actions' resources, in the order the facilitators arranged them. Read once per request.
/// </summary>
public sealed class WorkshopBoard
{
    private readonly ILookup<Guid?, WorkshopItem> _children;

    private WorkshopBoard(Workshop workshop, Process process, IReadOnlyList<WorkshopItem> items, IReadOnlyDictionary<Guid, string> facilitators)
    {
        Workshop = workshop;
        Process = process;
        Facilitators = facilitators;
        Visible = items.Where(i => i.IsVisible).OrderBy(i => i.Position).ThenBy(i => i.CreatedAt).ToList();
        Merged = items.Where(i => i.MergedIntoId is not null && i.HiddenAt is null && i.ErasedAt is null).ToList();
        _children = Visible.ToLookup(i => i.ItemKind == ItemKind.Concern ? null : i.ParentId);
        Texts = items.ToDictionary(i => i.Id, i => i.Text);
    }

    public Workshop Workshop { get; }
    public Process Process { get; }
    public IReadOnlyList<WorkshopGroup> Groups => Workshop.Groups;
    public IReadOnlyList<WorkshopTime> Times => Workshop.Times;
    public IReadOnlyList<WorkshopItem> Visible { get; }

    /// <summary>Duplicates merged at the table, shown with the item they were merged into.</summary>
    public IReadOnlyList<WorkshopItem> Merged { get; }

    public IReadOnlyDictionary<Guid, string> Texts { get; }

    /// <summary>Pseudonyms of the groups' facilitators.</summary>
    public IReadOnlyDictionary<Guid, string> Facilitators { get; }

    public IEnumerable<WorkshopItem> Concerns(Guid groupId) => _children[null].Where(i => i.GroupId == groupId);

    public IEnumerable<WorkshopItem> Children(Guid parentId) => _children[parentId];

    public WorkshopGroup? Group(Guid? id) => Groups.FirstOrDefault(g => g.Id == id);

    /// <summary>The kind a time asks for.</summary>
    public static ItemKind KindOf(TimeOutput output) => output switch
    {
        TimeOutput.Concerns => ItemKind.Concern,
        TimeOutput.Actions => ItemKind.Action,
        _ => ItemKind.Resource,
    };

    /// <summary>Whether the time producing this kind gathers all groups' items in one place.</summary>
    public bool Gathered(ItemKind kind) =>
        Times.FirstOrDefault(t => KindOf(t.Output) == kind)?.Gathered == true;

    /// <summary>
    /// What an action (a concern to act on) or a resource (an action to resource) may hang from: the group's
    /// own items, or every group's when the time gathers them, grouped under the group and the concern.
    /// </summary>
    public IReadOnlyList<SelectListItem> Parents(Guid groupId, ItemKind kind)
    {
        var groups = Gathered(kind) ? Groups : Groups.Where(g => g.Id == groupId);
        var options = new List<SelectListItem>();
        foreach (var group in groups)
        {
            foreach (var concern in Concerns(group.Id))
            {
                if (kind == ItemKind.Action)
                {
                    options.Add(new SelectListItem(concern.Text, concern.Id.ToString()) { Group = new SelectListGroup { Name = group.Name } });
                    continue;
                }
                var under = new SelectListGroup { Name = $"{group.Name} · {concern.Text}" };
                options.AddRange(Children(concern.Id).Select(action => new SelectListItem(action.Text, action.Id.ToString()) { Group = under }));
            }
        }
        return options;
    }

    public static async Task<WorkshopBoard?> LoadAsync(ParvisDbContext db, Guid organisationId, Guid workshopId)
    {
        var workshop = await db.Workshops.AsNoTracking().Include(w => w.Times).Include(w => w.Groups)
            .FirstOrDefaultAsync(w => w.Id == workshopId && w.OrganisationId == organisationId);
        var process = workshop is null ? null : await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.Id == workshop.ProcessId && p.Published);
        if (workshop is null || process is null)
        {
            return null;
        }
        workshop.Times.Sort((a, b) => a.Position.CompareTo(b.Position));
        workshop.Groups.Sort((a, b) => a.Position.CompareTo(b.Position));
        var items = await db.WorkshopItems.AsNoTracking().Where(i => i.WorkshopId == workshopId).ToListAsync();
        var facilitatorIds = workshop.Groups.Where(g => g.FacilitatorId is not null).Select(g => g.FacilitatorId!.Value).ToList();
        var facilitators = await db.Users.AsNoTracking().Where(u => facilitatorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Pseudonym);
        return new WorkshopBoard(workshop, process, items, facilitators);
    }
}
