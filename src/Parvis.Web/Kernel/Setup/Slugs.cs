using System.Globalization;
using System.Text;

namespace Parvis.Web.Kernel.Setup;

/// <summary>Readable URL names ("Schéma numérique" → "schema-numerique").</summary>
public static class Slugs
{
    public static string From(string text, int max = 60)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }
        var slug = builder.ToString().Trim('-');
        slug = slug.Length > max ? slug[..max].TrimEnd('-') : slug;
        return slug.Length == 0 ? "item" : slug;
    }
}
