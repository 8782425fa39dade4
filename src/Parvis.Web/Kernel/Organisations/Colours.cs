using System.Globalization;

namespace Parvis.Web.Kernel.Organisations;

/// <summary>WCAG contrast for the accent colour, used for text and buttons on white.</summary>
public static class Colours
{
    public const double MinimumContrast = 4.5;

    public static bool IsReadableOnWhite(string hex) => ContrastWithWhite(hex) is >= MinimumContrast;

    public static double? ContrastWithWhite(string hex)
    {
        if (hex.Length != 7 || hex[0] != '#' || !int.TryParse(hex.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var rgb))
        {
            return null;
        }
        var luminance = 0.2126 * Linear(rgb >> 16) + 0.7152 * Linear((rgb >> 8) & 0xff) + 0.0722 * Linear(rgb & 0xff);
        return 1.05 / (luminance + 0.05);
    }

    private static double Linear(int channel)
    {
        var c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }
}
