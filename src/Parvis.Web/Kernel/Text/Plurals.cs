using System.Collections.Concurrent;
using System.Globalization;

namespace Parvis.Web.Kernel.Text;

/// <summary>
/// Counts read as sentences, never "0 soutien(s)": a text writes "{0:plural:aucun soutien|# soutien|# soutiens}" (none,
/// one, more; or only one|more) and # is the number as the language writes it. A count that arrives as text (a message
/// carried over a redirect) is read as a number; one that is no number takes the last form.
/// </summary>
public sealed class Plurals : IFormatProvider, ICustomFormatter
{
    private const string Prefix = "plural:";

    private static readonly ConcurrentDictionary<string, Plurals> _byCulture = new();

    private readonly CultureInfo _culture;

    private Plurals(CultureInfo culture) => _culture = culture;

    public static Plurals For(CultureInfo culture) => _byCulture.GetOrAdd(culture.Name, _ => new Plurals(culture));

    public object? GetFormat(Type? formatType) => formatType == typeof(ICustomFormatter) ? this : _culture.GetFormat(formatType);

    public string Format(string? format, object? arg, IFormatProvider? formatProvider)
    {
        if (format is null || !format.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return arg is IFormattable formattable ? formattable.ToString(format, _culture) : Convert.ToString(arg, _culture) ?? "";
        }
        var forms = format[Prefix.Length..].Split('|');
        var (count, written) = arg switch
        {
            int or long or short or byte or uint or ulong or ushort or sbyte => (Convert.ToDecimal(arg, _culture), ((IFormattable)arg).ToString("N0", _culture)),
            decimal or double or float when IsFinite(arg) => (Convert.ToDecimal(arg, _culture), ((IFormattable)arg).ToString(null, _culture)),
            string text when decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) =>
                (parsed, parsed == decimal.Truncate(parsed) ? parsed.ToString("N0", _culture) : parsed.ToString(_culture)),
            _ => ((decimal?)null, Convert.ToString(arg, _culture) ?? ""),
        };
        var form = count switch
        {
            0 when forms.Length > 2 => forms[0],
            1 when forms.Length > 1 => forms[^2],
            _ => forms[^1],
        };
        return form.Replace("#", written, StringComparison.Ordinal);
    }

    private static bool IsFinite(object number) => number switch
    {
        double d => double.IsFinite(d),
        float f => float.IsFinite(f),
        _ => true,
    };
}
