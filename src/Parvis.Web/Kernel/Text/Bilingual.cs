using System.Globalization;

namespace Parvis.Web.Kernel.Text;

/// <summary>A text of a ready-made template in French and English; the one kept is the interface's language when the template is used.</summary>
public sealed record Bilingual(string Fr, string En)
{
    public string Current => In(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);

    public string In(string language) => language == "en" ? En : Fr;
}
