using System.Globalization;
using Parvis.Web.Kernel.Text;

namespace Parvis.Web.Modules.Workshops;

/// <summary>A line of a typed-in paper form, checked against the workshop: ready to import. Its parent is a line of the same file or an item already recorded.</summary>
public sealed record PaperLine(int Number, WorkshopGroup Group, ItemKind Kind, string Text, PaperParent? Parent, ResourceStatus? Status, string? Actor);

public sealed record PaperParent(int? Line, Guid? ItemId);

/// <summary>What is wrong with a line: an interface text key and the value that caused it.</summary>
public sealed record PaperError(int Line, string Key, string Value = "");

/// <summary>
/// The spreadsheet in which facilitators type the "Vos propositions" paper forms: one row per concern,
/// action or resource, with its table, what it hangs on (a line of the same file, or the exact text of
/// an item already recorded), and for a resource whether it exists and who could carry it. Headers and
/// words are accepted in French and in English, whatever the interface language.
/// </summary>
public static class PaperSheet
{
    public const long MaxBytes = 2 * 1024 * 1024;

    /// <summary>Far more lines than a workshop's tables fill on paper, and the six columns with room for notes beside them.</summary>
    public static readonly UploadLimits Limits = new(MaxBytes, Rows: 2000, Columns: 20);

    private enum Column
    {
        Table,
        Type,
        Text,
        AttachedTo,
        Status,
        Actor,
    }

    private static readonly Dictionary<Column, (string Fr, string En)> _headers = new()
    {
        [Column.Table] = ("Table", "Table"),
        [Column.Type] = ("Type", "Type"),
        [Column.Text] = ("Texte", "Text"),
        [Column.AttachedTo] = ("Rattaché à (ligne ou texte)", "Attached to (line or text)"),
        [Column.Status] = ("Ressource existante ou à créer", "Resource existing or to create"),
        [Column.Actor] = ("Structure qui pourrait la porter", "Structure that could carry it"),
    };

    private static readonly Dictionary<ItemKind, (string Fr, string En)> _kinds = new()
    {
        [ItemKind.Concern] = ("préoccupation", "concern"),
        [ItemKind.Action] = ("action", "action"),
        [ItemKind.Resource] = ("ressource", "resource"),
    };

    private static readonly Dictionary<ResourceStatus, (string Fr, string En)> _statuses = new()
    {
        [ResourceStatus.Existing] = ("existante", "existing"),
        [ResourceStatus.ToCreate] = ("à créer", "to create"),
    };

    private static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "fr";

    private static string In((string Fr, string En) words) => Language == "en" ? words.En : words.Fr;

    public static IReadOnlyList<string> Header => Enum.GetValues<Column>().Select(c => In(_headers[c])).ToList();

    /// <summary>The words the Type and Status columns accept, for the help sheet and the page.</summary>
    public static IReadOnlyList<string> KindWords => _kinds.Values.Select(In).ToList();

    public static IReadOnlyList<string> StatusWords => _statuses.Values.Select(In).ToList();

    /// <summary>The header, then the workshop's visible items in order, each pointing to its parent's line.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Export(WorkshopBoard board)
    {
        var rows = new List<IReadOnlyList<string>> { Header };
        var lineOf = new Dictionary<Guid, int>();
        foreach (var group in board.Groups)
        {
            foreach (var concern in board.Concerns(group.Id))
            {
                Add(concern, group);
                foreach (var action in board.Children(concern.Id))
                {
                    Add(action, group);
                    foreach (var resource in board.Children(action.Id))
                    {
                        Add(resource, board.Groups.First(g => g.Id == resource.GroupId));
                    }
                }
            }
        }
        return rows;

        void Add(WorkshopItem item, WorkshopGroup group)
        {
            rows.Add([
                group.Name, In(_kinds[item.ItemKind]), item.Text,
                item.ParentId is { } parent && lineOf.TryGetValue(parent, out var line) ? line.ToString(CultureInfo.InvariantCulture) : "",
                item.ResourceStatus is { } status ? In(_statuses[status]) : "", item.Actor ?? "",
            ]);
            lineOf[item.Id] = rows.Count;
        }
    }

    /// <summary>
    /// Checks every line against the workshop and what it already holds; the lines are ready to import only
    /// when there is no error at all (a file is imported whole or not at all).
    /// </summary>
    public static (IReadOnlyList<PaperLine> Lines, IReadOnlyList<PaperError> Errors) Parse(
        Workshop workshop, IReadOnlyList<WorkshopItem> existing, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var errors = new List<PaperError>();
        var lines = new List<PaperLine>();
        if (rows.Count == 0 || ColumnsOf(rows[0]) is not { } columns)
        {
            return ([], [new PaperError(1, "Paper.Header", string.Join(" | ", Header))]);
        }
        for (var i = 1; i < rows.Count; i++)
        {
            var number = i + 1;
            string Cell(Column column) => columns.TryGetValue(column, out var at) && at < rows[i].Count ? rows[i][at].Trim() : "";
            if (Enum.GetValues<Column>().All(c => Cell(c).Length == 0))
            {
                continue;
            }
            var before = errors.Count;
            var group = workshop.Groups.FirstOrDefault(g => Same(g.Name, Cell(Column.Table)));
            if (group is null)
            {
                errors.Add(new PaperError(number, "Paper.UnknownTable", Cell(Column.Table)));
            }
            var kind = Word(_kinds, Cell(Column.Type));
            if (kind is null)
            {
                errors.Add(new PaperError(number, "Paper.UnknownType", Cell(Column.Type)));
            }
            var text = Cell(Column.Text);
            if (text.Length == 0)
            {
                errors.Add(new PaperError(number, "Paper.TextRequired"));
            }
            else if (text.Length > WorkshopItem.TextMax)
            {
                errors.Add(new PaperError(number, "Paper.TextTooLong", WorkshopItem.TextMax.ToString(CultureInfo.CurrentCulture)));
            }
            ResourceStatus? status = null;
            var actor = Cell(Column.Actor);
            if (kind == ItemKind.Resource)
            {
                status = Cell(Column.Status).Length == 0 ? ResourceStatus.Existing : Word(_statuses, Cell(Column.Status));
                if (status is null)
                {
                    errors.Add(new PaperError(number, "Paper.UnknownStatus", Cell(Column.Status)));
                }
                if (actor.Length > WorkshopItem.ActorMax)
                {
                    errors.Add(new PaperError(number, "Paper.ActorTooLong", WorkshopItem.ActorMax.ToString(CultureInfo.CurrentCulture)));
                }
            }
            PaperParent? parent = null;
            if (kind is ItemKind.Action or ItemKind.Resource && group is not null)
            {
                parent = ParentOf(number, kind.Value, group, Cell(Column.AttachedTo), lines, existing, workshop, errors);
            }
            if (errors.Count == before)
            {
                lines.Add(new PaperLine(number, group!, kind!.Value, text, parent, status, kind == ItemKind.Resource && actor.Length > 0 ? actor : null));
            }
        }
        foreach (var tooMany in TooManyConcerns(workshop, existing, lines))
        {
            errors.Add(tooMany);
        }
        if (errors.Count == 0 && lines.Count == 0)
        {
            errors.Add(new PaperError(2, "Paper.Empty"));
        }
        return (errors.Count == 0 ? lines : [], errors.OrderBy(e => e.Line).ToList());
    }

    /// <summary>An action hangs on a concern, a resource on an action: of the same table, unless that time gathers every table's work.</summary>
    private static PaperParent? ParentOf(int number, ItemKind kind, WorkshopGroup group, string reference, List<PaperLine> lines,
        IReadOnlyList<WorkshopItem> existing, Workshop workshop, List<PaperError> errors)
    {
        var parentKind = kind == ItemKind.Action ? ItemKind.Concern : ItemKind.Action;
        var gathered = workshop.Times.OrderBy(t => t.Position).FirstOrDefault(t => t.Output == (kind == ItemKind.Action ? TimeOutput.Actions : TimeOutput.Resources))?.Gathered == true;
        var key = kind == ItemKind.Action ? "Paper.ParentConcern" : "Paper.ParentAction";
        if (reference.Length == 0)
        {
            errors.Add(new PaperError(number, key));
            return null;
        }
        if (int.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var line))
        {
            var target = lines.FirstOrDefault(l => l.Number == line);
            if (target is null || target.Kind != parentKind || (!gathered && target.Group.Id != group.Id))
            {
                errors.Add(new PaperError(number, key, reference));
                return null;
            }
            return new PaperParent(line, null);
        }
        var item = existing.FirstOrDefault(i => i.IsVisible && i.ItemKind == parentKind && Same(i.Text, reference) && (gathered || i.GroupId == group.Id));
        if (item is null)
        {
            errors.Add(new PaperError(number, key, reference));
            return null;
        }
        return new PaperParent(null, item.Id);
    }

    /// <summary>A table may not go over the concerns its time allows ("three to five"), counting those already recorded.</summary>
    private static IEnumerable<PaperError> TooManyConcerns(Workshop workshop, IReadOnlyList<WorkshopItem> existing, List<PaperLine> lines)
    {
        if (workshop.Times.OrderBy(t => t.Position).FirstOrDefault(t => t.Output == TimeOutput.Concerns)?.MaxItems is not { } max)
        {
            yield break;
        }
        foreach (var group in lines.Where(l => l.Kind == ItemKind.Concern).GroupBy(l => l.Group.Id))
        {
            var already = existing.Count(i => i.IsVisible && i.ItemKind == ItemKind.Concern && i.GroupId == group.Key);
            foreach (var extra in group.Skip(Math.Max(0, max - already)))
            {
                yield return new PaperError(extra.Number, "Paper.TooManyConcerns", max.ToString(CultureInfo.CurrentCulture));
            }
        }
    }

    private static Dictionary<Column, int>? ColumnsOf(IReadOnlyList<string> header)
    {
        var columns = new Dictionary<Column, int>();
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            foreach (var (column, words) in _headers)
            {
                if (Same(words.Fr, name) || Same(words.En, name))
                {
                    columns.TryAdd(column, i);
                }
            }
        }
        return columns.ContainsKey(Column.Table) && columns.ContainsKey(Column.Type) && columns.ContainsKey(Column.Text) ? columns : null;
    }

    /// <summary>The value a cell names, in French or in English.</summary>
    private static T? Word<T>(Dictionary<T, (string Fr, string En)> words, string cell)
        where T : struct, Enum
    {
        foreach (var (value, word) in words)
        {
            if (Same(word.Fr, cell) || Same(word.En, cell))
            {
                return value;
            }
        }
        return null;
    }

    private static bool Same(string a, string b) =>
        string.Compare(a.Trim(), b.Trim(), CultureInfo.InvariantCulture, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) == 0;
}
