using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Resources;
using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Text;
using Parvis.Web.Kernel.Web;

[assembly: NeutralResourcesLanguage("fr")]

namespace Parvis.Web.Shared;

/// <summary>
/// Marker for the interface text: Shared/SharedText.resx holds the kernel's French (the default), SharedText.en.resx its
/// English; each module keeps its own pair in its folder (Modules/{Module}/{Module}Text.resx and .en.resx).
/// </summary>
public sealed class SharedText;

/// <summary>One file of interface text: its name (for messages), its culture ("" for the neutral French) and its sentences.</summary>
internal sealed record TextFile(string Name, string Culture, IEnumerable<KeyValuePair<string, string>> Sentences);

/// <summary>
/// The interface text, read from the resources once. A page asks for a few dozen sentences; the framework's localizer
/// looked each one up in the resource sets, with a new result every time, and was made anew for every view. Here a
/// sentence without arguments is one dictionary lookup and no allocation. A language falls back to its parent, then to
/// French, as resources do, and a missing key is shown as itself, marked as not found.
/// The kernel's text and every module's are merged into one table per language: every embedded resource whose name ends
/// in "Text" is read, so the kernel names no module, and a key defined in two files stops the start.
/// </summary>
public sealed class SharedTextLocalizer : IStringLocalizer<SharedText>
{
    private static readonly string _location = typeof(SharedText).FullName!;

    /// <summary>Per culture name ("" for the neutral French), the sentences as the localizer returns them.</summary>
    private readonly FrozenDictionary<string, FrozenDictionary<string, LocalizedString>> _byCulture;

    public SharedTextLocalizer() : this(ReadFiles(typeof(SharedText).Assembly))
    {
    }

    /// <summary>From the given files, merged per culture; a key defined twice in a culture throws, naming the key and both files.</summary>
    internal SharedTextLocalizer(IEnumerable<TextFile> files)
    {
        var merged = new Dictionary<string, Dictionary<string, (string Value, string File)>>();
        foreach (var file in files)
        {
            if (!merged.TryGetValue(file.Culture, out var table))
            {
                merged[file.Culture] = table = [];
            }
            foreach (var (key, value) in file.Sentences)
            {
                if (!table.TryAdd(key, (value, file.Name)))
                {
                    throw new InvalidOperationException(
                        $"The interface text '{key}' is defined twice: in {table[key].File} and in {file.Name}. Keep it in one file.");
                }
            }
        }
        _byCulture = merged.ToFrozenDictionary(c => c.Key, c => c.Value.ToFrozenDictionary(
            e => e.Key, e => new LocalizedString(e.Key, e.Value.Value, false, _location)));
    }

    /// <summary>
    /// Every resource of the assembly whose name ends in "Text" (the kernel's SharedText first), in every language Parvis
    /// offers: French is the neutral resources, every other one its own. A file missing in a language stops the start.
    /// </summary>
    private static IEnumerable<TextFile> ReadFiles(Assembly assembly)
    {
        const string suffix = ".resources";
        var neutral = assembly.GetCustomAttribute<NeutralResourcesLanguageAttribute>()!.CultureName;
        var languages = KernelSetup.Cultures.Where(c => c.Name != neutral).Prepend(CultureInfo.InvariantCulture).ToList();
        var names = assembly.GetManifestResourceNames()
            .Where(n => n.EndsWith("Text" + suffix, StringComparison.Ordinal))
            .Select(n => n[..^suffix.Length])
            .OrderBy(n => n != _location)
            .ThenBy(n => n, StringComparer.Ordinal);
        foreach (var name in names)
        {
            var resources = new ResourceManager(name, assembly);
            foreach (var culture in languages)
            {
                var file = FileName(assembly, name, culture.Name);
                var set = resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
                    ?? throw new InvalidOperationException($"No interface text for '{culture.Name}': {file} is missing.");
                yield return new TextFile(file, culture.Name,
                    set.Cast<System.Collections.DictionaryEntry>().Select(e => KeyValuePair.Create((string)e.Key, (string)e.Value!)));
            }
        }
    }

    /// <summary>A resource named as its folder path under the assembly ("{assembly}.{Folder}.{Name}Text"), in English, is {Folder}/{Name}Text.en.resx.</summary>
    private static string FileName(Assembly assembly, string resource, string culture)
    {
        var prefix = assembly.GetName().Name + ".";
        var path = (resource.StartsWith(prefix, StringComparison.Ordinal) ? resource[prefix.Length..] : resource).Replace('.', '/');
        return culture.Length == 0 ? $"{path}.resx" : $"{path}.{culture}.resx";
    }

    public LocalizedString this[string name] => Find(name) ?? new LocalizedString(name, name, true, _location);

    public LocalizedString this[string name, params object[] arguments] => Find(name) is { } found
        ? new LocalizedString(name, string.Format(Plurals.For(CultureInfo.CurrentCulture), found.Value, arguments), false, _location)
        // Never the name as a pattern: a name can come from outside (a cookie) and "{" would throw.
        : new LocalizedString(name, name, true, _location);

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
