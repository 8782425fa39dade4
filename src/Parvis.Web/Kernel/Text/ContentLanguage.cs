using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Kernel.Text;

/// <summary>
/// The language a piece of content is written in (RGAA 8.7): a contribution's is its author's interface language when
/// they wrote it, unless they chose another on the form; what staff write (processes, meetings, texts…) is in the
/// organisation's language. Pages mark content with <c>lang</c> where it differs from theirs.
/// </summary>
public static class ContentLanguage
{
    public const int Max = 8;

    /// <summary>The form field by which an author says their text is in another language (the _ContentLanguage partial).</summary>
    public const string Field = "ContentLanguage";

    /// <summary>The interface languages, which are the languages content is marked in.</summary>
    public static IEnumerable<string> Known => KernelSetup.Cultures.Select(c => c.TwoLetterISOLanguageName);

    public static bool IsKnown(string? language) => language is not null && Known.Contains(language);

    /// <summary>The interface language of the request (or of the job) writing now; the first interface language elsewhere.</summary>
    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName is var language && IsKnown(language)
        ? language : KernelSetup.Cultures[0].TwoLetterISOLanguageName;
}

/// <summary>
/// Gives the contributions a form adds the language its author chose on it, whatever the module: one place, so that a
/// form needs only the _ContentLanguage partial. Reads the form only when it was already read (bound). An edit changes
/// the language through its command, as edits are often guarded bulk updates.
/// </summary>
public sealed class ContentLanguageInterceptor(IHttpContextAccessor http) : Data.BeforeSaving
{
    protected override void Apply(DbContext? db)
    {
        if (db is null || http.HttpContext?.Features.Get<IFormFeature>()?.Form?[ContentLanguage.Field].ToString() is not { } chosen
            || !ContentLanguage.IsKnown(chosen))
        {
            return;
        }
        foreach (var entry in db.ChangeTracker.Entries<Contribution>().Where(e => e.State == EntityState.Added))
        {
            entry.Entity.Language = chosen;
        }
    }
}
