using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.OpenData;

namespace Parvis.Web.Modules.Workshops;

/// <summary>The module's open data: what the workshops' tables wrote (concerns, actions, resources), by table.</summary>
public static class WorkshopsDatasets
{
    public static IReadOnlyList<Dataset> All { get; } =
    [
        Dataset.Of($"{WorkshopsModule.Key}-items", WorkshopsModule.Key, (db, scope) =>
            from i in scope.Shown(db.WorkshopItems, WorkshopsModule.Key)
            join w in db.Workshops on i.WorkshopId equals w.Id
            join g in db.WorkshopGroups on i.GroupId equals g.Id
            select new WorkshopItemRow
            {
                Id = i.Id, ProcessId = i.ProcessId, WorkshopId = i.WorkshopId, Workshop = w.Title, GroupId = i.GroupId, Group = g.Name,
                Kind = i.ItemKind, Text = i.Text, Language = i.Language, ParentId = i.ParentId, MergedIntoId = i.MergedIntoId, Channel = i.Channel, MediatedById = i.MediatedById, Fate = i.Fate,
                CreatedAt = i.CreatedAt,
            }),
    ];
}

public sealed class WorkshopItemRow : DatasetRow
{
    public Guid ProcessId { get; init; }
    public Guid WorkshopId { get; init; }
    public required string Workshop { get; init; }
    public Guid GroupId { get; init; }
    public required string Group { get; init; }
    public ItemKind Kind { get; init; }
    public required string Text { get; init; }
    public required string Language { get; init; }
    public Guid? ParentId { get; init; }
    public Guid? MergedIntoId { get; init; }
    public Channel Channel { get; init; }

    /// <summary>The mediation structure whose mediator entered it under its author's mandate (mediation-structures).</summary>
    public Guid? MediatedById { get; init; }
    public Fate? Fate { get; init; }
    [Dated] public DateTimeOffset CreatedAt { get; init; }
}
