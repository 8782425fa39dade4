namespace Parvis.Web.Kernel.OpenData;

/// <summary>A licence an organisation may publish its open data under.</summary>
/// <param name="Key">Its identifier, as Data Packages name licences.</param>
/// <param name="Title">Its name, in its own language.</param>
/// <param name="Address">Its text.</param>
/// <param name="Language">The language of its name, for the pages' lang attribute.</param>
public sealed record Licence(string Key, string Title, string Address, string Language = "en")
{
    /// <summary>As every file and answer names it: an object of its key ("name", as Data Packages say), title and address ("path").</summary>
    public void Write(System.Text.Json.Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("name", Key);
        json.WriteString("title", Title);
        json.WriteString("path", Address);
        json.WriteEndObject();
    }
}

/// <summary>The licences offered: the Licence Ouverte by default, as French public bodies use it, and the usual others.</summary>
public static class Licences
{
    public const string Default = "etalab-2.0";

    public static IReadOnlyList<Licence> All { get; } =
    [
        new(Default, "Licence Ouverte / Open Licence 2.0", "https://www.etalab.gouv.fr/licence-ouverte-open-licence/", "fr"),
        new("odbl-1.0", "Open Database License (ODbL) 1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
        new("cc-by-4.0", "Creative Commons Attribution 4.0", "https://creativecommons.org/licenses/by/4.0/"),
        new("cc-by-sa-4.0", "Creative Commons Attribution-ShareAlike 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
        new("cc0-1.0", "Creative Commons Zero 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    ];

    /// <summary>The licence of that key; the default for a key no longer offered.</summary>
    public static Licence Of(string key) => All.FirstOrDefault(l => l.Key == key) ?? All[0];
}
