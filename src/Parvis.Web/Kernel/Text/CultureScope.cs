using System.Globalization;

namespace Parvis.Web.Kernel.Text;

/// <summary>
/// Writes in another language than the request's (a message in its reader's), until disposed:
/// <c>using var _ = CultureScope.Use(culture);</c>.
/// </summary>
public sealed class CultureScope : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    private CultureScope(CultureInfo culture) => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;

    public static CultureScope Use(CultureInfo culture) => new(culture);

    public void Dispose() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (_culture, _uiCulture);
}
