using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Parvis.Web.Modules.LocalDirectory;

/// <summary>
/// A field of an entry as the history and the review show it: its name (a text key's last part), its value in words,
/// and whether those are the proposer's own words (in the entry's language) rather than the interface's or numbers.
/// </summary>
public sealed record EntryField(string Name, string Value, bool Written = false);

public static class EntryFields
{
    /// <summary>
    /// The fields of a version in words, grouped as <see cref="EntryContent.ChangedFrom"/> names them, so what changed
    /// can be marked.
    /// </summary>
    public static IReadOnlyList<EntryField> Of(EntryContent content, IStringLocalizer text, IReadOnlyDictionary<Guid, string> themes) =>
    [
        new(nameof(EntryContent.Name), content.Name, true),
        new(nameof(EntryContent.Kind), text[$"EntryKind.{content.Kind}"]),
        new(nameof(EntryContent.Description), content.Description, true),
        new(nameof(EntryContent.Address), string.Join(", ", new[] { content.Address, content.Commune }.Where(s => s.Length > 0)), true),
        new("Place", content.Latitude is { } lat && content.Longitude is { } lon ? string.Create(CultureInfo.InvariantCulture, $"{lat}, {lon}") : ""),
        new(nameof(EntryContent.OpeningHours), content.OpeningHours, true),
        new(nameof(EntryContent.Access), string.Join(" ; ", EntryKinds.Accesses.Where(a => content.Access.HasFlag(a)).Select(a => text[$"Access.{a}"].Value))),
        new(nameof(EntryContent.AccessNotes), content.AccessNotes, true),
        new("Contact", string.Join(" ; ", new[] { content.Phone, content.Website }.Concat(content.Links).Where(s => s.Length > 0))),
        new(nameof(EntryContent.Themes), string.Join(", ", content.Themes.Select(t => themes.GetValueOrDefault(t, "")).Where(s => s.Length > 0))),
        new(nameof(EntryContent.Language), content.Language is { } language ? CultureInfo.GetCultureInfo(language).NativeName : ""),
    ];
}
