using System.Text;
using System.Xml;

namespace Parvis.Web.Kernel.Text;

/// <summary>Text as an XML document (XLSX, DOCX, an Atom feed) can hold it.</summary>
public static class XmlText
{
    /// <summary>
    /// Drops the characters XML 1.0 has no place for (control characters a paste may bring, a vertical tab from a word
    /// processor, a half of a surrogate pair): OpenXML refuses the whole document for one of them.
    /// </summary>
    public static string Allowed(string text)
    {
        StringBuilder? kept = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c);
            if (pair || (!char.IsSurrogate(c) && XmlConvert.IsXmlChar(c)))
            {
                kept?.Append(c);
                if (pair)
                {
                    i++;
                    kept?.Append(text[i]);
                }
                continue;
            }
            kept ??= new StringBuilder(text.Length).Append(text, 0, i);
        }
        return kept?.ToString() ?? text;
    }
}
