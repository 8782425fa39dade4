using Parvis.Web.Kernel.Organisations;

namespace Parvis.Tests.Unit;

[Trait("Suite", "unit")]
public sealed class ColoursTests
{
    [Theory]
    [InlineData("#000000", 21.0)]
    [InlineData("#ffffff", 1.0)]
    [InlineData("#767676", 4.54)]
    public void Contrast_with_white_follows_wcag(string colour, double expected) =>
        Assert.Equal(expected, Colours.ContrastWithWhite(colour)!.Value, 2);

    [Theory]
    [InlineData("#1d4f91", true)]
    [InlineData("#777777", false)]
    [InlineData("blue", false)]
    [InlineData("#12345", false)]
    public void Only_colours_readable_on_white_are_accepted(string colour, bool readable) =>
        Assert.Equal(readable, Colours.IsReadableOnWhite(colour));
}
