namespace Parvis.Web.Modules.Workshops;

/// <summary>
/// The type size of the wall's groups: the largest at which every group shows whole on one screen, estimated from what
/// the groups hold. Without JavaScript the estimate is all the wall has; workshop.js measures and corrects it.
/// site.css lays the projected wall out in u, a hundredth of the height of the largest 16:10 box the screen holds, so one
/// estimate serves every landscape screen; the numbers below are site.css's ("the wall projected in a room").
/// </summary>
public static class WallScale
{
    /// <summary>The groups' type sizes in u, largest first: site.css has a [data-scale] rule for each (--s).</summary>
    public static readonly IReadOnlyList<double> Sizes = [3.2, 2.9, 2.6, 2.35, 2.1, 1.9, 1.7, 1.5, 1.35];

    // Groups side by side in a row (site.css: .wall-groups); a fifth starts another row.
    private const int Columns = 4;

    // The 16:10 box less the page's padding, the side column (the QR code) and its gap; the gap between groups; the title.
    private const double Width = 160 - 2 * 1.5 - 30 - 1.5, Height = 100 - 2 * 1.5, Gap = 1.5, TitleSize = 4, TitleLineHeight = 1.2;

    // In a group, in ems of its type: line height, a character's mean width with the room lost at line ends, a list's
    // indent, the group's padding, the space between items, the name's size and margins; its border in u.
    private const double LineHeight = 1.25, CharWidth = .6, Indent = 1.2, Padding = .5, Space = .25, NameSize = 1.15, NameMargin = .6, Border = .5;

    /// <summary>The level (an index in <see cref="Sizes"/>) for the board as it stands.</summary>
    public static int For(WorkshopBoard board) =>
        Level(board.Workshop.Title.Length, board.Groups.Select(group => Group(board, group)).ToList());

    /// <summary>The largest size at which every group fits its cell, or the smallest when none does.</summary>
    public static int Level(int titleLength, IReadOnlyList<WallGroup> groups)
    {
        var columns = Math.Clamp(groups.Count, 1, Columns);
        var rows = Math.Max(1, (groups.Count + Columns - 1) / Columns);
        var title = Lines(titleLength, Width, TitleSize) * TitleSize * TitleLineHeight;
        var cellWidth = (Width - (columns - 1) * Gap) / columns;
        var cellHeight = (Height - title - rows * Gap) / rows;
        for (var level = 0; level < Sizes.Count; level++)
        {
            if (groups.All(group => HeightOf(group, cellWidth, Sizes[level]) <= cellHeight))
            {
                return level;
            }
        }
        return Sizes.Count - 1;
    }

    private static double HeightOf(WallGroup group, double width, double size)
    {
        var inner = width - 2 * Padding * size - Border;
        var name = NameSize * size;
        return Lines(group.NameLength, inner, name) * LineHeight * name + NameMargin * name + Padding * size
            + group.Texts.Sum(text => (Lines(text.Length, inner - text.Depth * Indent * size, size) * LineHeight + Space) * size);
    }

    private static int Lines(int length, double width, double size) => Math.Max(1, (int)Math.Ceiling(length * CharWidth * size / width));

    /// <summary>
    /// What _Board shows of a group, as lengths: its question, its facilitator, then each concern, action and resource at
    /// its depth in the lists, with the words around it (a badge, a resource's status and who could carry it).
    /// </summary>
    private static WallGroup Group(WorkshopBoard board, WorkshopGroup group)
    {
        const int around = 20;
        var texts = new List<WallText>();
        if (group.Question.Length > 0)
        {
            texts.Add(new(group.Question.Length, 0));
        }
        if (group.FacilitatorId is { } facilitator && board.Facilitators.TryGetValue(facilitator, out var pseudonym))
        {
            texts.Add(new(pseudonym.Length + around, 0));
        }
        var concerns = board.Concerns(group.Id).ToList();
        if (concerns.Count == 0)
        {
            texts.Add(new(around, 0));
        }
        foreach (var concern in concerns)
        {
            texts.Add(new(concern.Text.Length + (concern.Carried ? around : 0), 1));
            foreach (var action in board.Children(concern.Id))
            {
                texts.Add(new(action.Text.Length, 2));
                texts.AddRange(board.Children(action.Id).Select(resource =>
                    new WallText(resource.Text.Length + around + (resource.Actor is { } actor ? actor.Length + around : 0), 3)));
            }
        }
        return new WallGroup(group.Name.Length, texts);
    }
}

/// <summary>A group as <see cref="WallScale"/> reckons it: its name's length, then each text below the name.</summary>
public sealed record WallGroup(int NameLength, IReadOnlyList<WallText> Texts);

/// <summary>A text's length in characters, and in how many lists it is nested (a concern: one, its actions: two).</summary>
public readonly record struct WallText(int Length, int Depth);
