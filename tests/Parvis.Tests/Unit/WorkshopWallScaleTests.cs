namespace Parvis.Tests.Unit;

/// <summary>The wall's type size, estimated from what the groups hold.</summary>
[Trait("Suite", "unit")]
public sealed class WorkshopWallScaleTests
{
    private static readonly int _smallest = WallScale.Sizes.Count - 1;

    /// <summary>Groups named as HTD's are, each holding that many items of that length, nested as concerns, actions, resources.</summary>
    private static List<WallGroup> Groups(int groups, int items, int length = 50) =>
        Enumerable.Range(0, groups).Select(_ => new WallGroup(45, [new(110, 0), .. Enumerable.Range(0, items).Select(i => new WallText(length, 1 + i % 3))])).ToList();

    [Fact]
    public void Groups_with_little_in_them_get_the_largest_type()
    {
        Assert.Equal(0, WallScale.Level(30, Groups(4, 0)));
        Assert.Equal(0, WallScale.Level(30, Groups(2, 3)));
        Assert.Equal(0, WallScale.Level(30, []));
    }

    [Fact]
    public void The_type_gets_smaller_as_items_are_added_and_never_larger()
    {
        var levels = Enumerable.Range(0, 60).Select(items => WallScale.Level(30, Groups(4, items))).ToList();
        Assert.Equal(levels.Order(), levels);
        Assert.Equal(0, levels[0]);
        Assert.Equal(_smallest, levels[^1]);
        // Every size serves some wall: none is skipped on the way down.
        Assert.Equal(Enumerable.Range(0, WallScale.Sizes.Count), levels.Distinct());
    }

    [Fact]
    public void Two_tables_of_eight_items_are_set_larger_than_four_workshops_of_twelve_and_neither_at_an_extreme()
    {
        var two = WallScale.Level(30, Groups(2, 8, length: 60));
        var four = WallScale.Level(30, Groups(4, 12, length: 60));
        Assert.InRange(two, 1, four - 1);
        Assert.InRange(four, two + 1, _smallest - 1);
    }

    [Fact]
    public void Longer_texts_more_groups_and_a_longer_title_take_room()
    {
        var level = WallScale.Level(30, Groups(4, 10));
        Assert.True(WallScale.Level(30, Groups(4, 10, length: 150)) > level);
        Assert.True(WallScale.Level(30, Groups(8, 10)) > level, "five groups or more make a second row");
        Assert.True(WallScale.Level(Workshop.TitleMax, Groups(4, 8)) > WallScale.Level(30, Groups(4, 8)), "a long title takes lines");
        Assert.True(WallScale.Level(30, Groups(3, 10)) < level, "fewer groups are wider");
    }
}
