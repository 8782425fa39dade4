using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Parvis.Web.Kernel.Notifications;

/// <summary>
/// A place people follow (a commune, a neighbourhood, a café): its name as typed, one id for every way of writing it
/// (case and accents aside), and whether a text (a meeting site's name and address) names it as a whole word.
/// </summary>
public static class Places
{
    public const int NameMax = 80;

    /// <summary>The name as kept: trimmed, spaces single; null when empty or too long.</summary>
    public static string? Clean(string? name)
    {
        var cleaned = string.Join(' ', (name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return cleaned.Length is 0 or > NameMax ? null : cleaned;
    }

    /// <summary>
    /// The meetings of a place. Only ASCII is escaped (letters of any other script stay, as an IRI allows): the address
    /// is then at most three times the name's length, whatever its script.
    /// </summary>
    public static string Address(string name) => "/meetings?place=" + string.Concat(name.Select(c => c < 128 ? Uri.EscapeDataString(c.ToString()) : c.ToString()));

    /// <summary>The same id for "Quimperlé", "quimperle" and "QUIMPERLÉ".</summary>
    public static Guid IdOf(string name) => new(SHA256.HashData(Encoding.UTF8.GetBytes("place:" + Folded(name)))[..16]);

    /// <summary>Whether the text names the place as a whole word ("Lorient" is in "Café Dumont, Lorient", not in "Lorientais").</summary>
    public static bool Mentions(string text, string name)
    {
        var (haystack, needle) = (" " + Folded(text) + " ", Folded(name));
        for (var at = haystack.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = haystack.IndexOf(needle, at + 1, StringComparison.Ordinal))
        {
            if (!char.IsLetterOrDigit(haystack[at - 1]) && !char.IsLetterOrDigit(haystack[at + needle.Length]))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Lower case, without accents, spaces single.</summary>
    private static string Folded(string text)
    {
        var letters = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                letters.Append(char.ToLowerInvariant(c));
            }
        }
        return string.Join(' ', letters.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
