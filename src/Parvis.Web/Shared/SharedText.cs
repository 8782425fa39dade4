using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Resources;
using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Web;

[assembly: NeutralResourcesLanguage("fr")]

namespace Parvis.Web.Shared;

/// <summary>Marker for the interface text: SharedText.resx holds French (the default), SharedText.en.resx English.</summary>
public sealed class SharedText;

/// <summary>
/// The interface text, read from the resources once. A page asks for a few dozen sentences; the framework's localizer
/// looked each one up in the resource sets, with a new result every time, and was made anew for every view. Here a
/// sentence without arguments is one dictionary lookup and no allocation. A language falls back to its parent, then to
/// French, as resources do, and a missing key is shown as itself, marked as not found.
/// </summary>
public sealed class SharedTextLocalizer : IStringLocalizer<SharedText>
{
    private static readonly string _location = typeof(SharedText).FullName!;

    /// <summary>Per culture name ("" for the neutral French), the sentences as the localizer returns them.</summary>
    private readonly FrozenDictionary<string, FrozenDictionary<string, LocalizedString>> _byCulture;

    public SharedTextLocalizer()
    {
        var resources = new ResourceManager(_location, typeof(SharedText).Assembly);
        // The languages Parvis offers: French is the neutral resources, every other one its own.
        var neutral = typeof(SharedText).Assembly.GetCustomAttribute<NeutralResourcesLanguageAttribute>()!.CultureName;
        var languages = KernelSetup.Cultures.Where(c => c.Name != neutral).Prepend(CultureInfo.InvariantCulture);
        _byCulture = languages.ToFrozenDictionary(c => c.Name, c =>
            (resources.GetResourceSet(c, createIfNotExists: true, tryParents: false)
                ?? throw new InvalidOperationException($"No interface text for '{c.Name}'"))
            .Cast<System.Collections.DictionaryEntry>()
            .ToFrozenDictionary(e => (string)e.Key, e => new LocalizedString((string)e.Key, (string)e.Value!, false, _location)));
    }

    public LocalizedString this[string name] => Find(name) ?? new LocalizedString(name, name, true, _location);

    public LocalizedString this[string name, params object[] arguments] => Find(name) is { } found
        ? new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, found.Value, arguments), false, _location)
        : new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, name, arguments), true, _location);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures)
    {
        var tables = Chain().Select(c => _byCulture.GetValueOrDefault(c.Name)).OfType<FrozenDictionary<string, LocalizedString>>();
        return includeParentCultures
            ? tables.SelectMany(t => t.Values).DistinctBy(s => s.Name).ToList()
            : tables.Take(1).SelectMany(t => t.Values).ToList();
    }

    /// <summary>In the current language, else its parent's, down to the neutral French. Asked on every line of every page: no allocation.</summary>
    private LocalizedString? Find(string name)
    {
        for (var culture = CultureInfo.CurrentUICulture; ; culture = culture.Parent)
        {
            if (_byCulture.TryGetValue(culture.Name, out var table) && table.TryGetValue(name, out var sentence))
            {
                return sentence;
            }
            if (culture.Name.Length == 0)
            {
                return null;
            }
        }
    }

    /// <summary>The current language and its parents, the neutral (French) last.</summary>
    private static IEnumerable<CultureInfo> Chain()
    {
        var culture = CultureInfo.CurrentUICulture;
        for (; culture.Name.Length > 0; culture = culture.Parent)
        {
            yield return culture;
        }
        yield return culture;
    }
}
