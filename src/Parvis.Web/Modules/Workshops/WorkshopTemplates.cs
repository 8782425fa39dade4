using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parvis.Web.Modules.Workshops;

/// <summary>
/// Ready-made workshop shapes, kept as data (Templates/*.json, embedded) rather than code: the Human
/// Tech Days method (four parallel workshops, three times) and tables of four or five (seed 003).
/// Creating a workshop copies a template's times and groups, which the organisation then edits freely.
/// </summary>
public static class WorkshopTemplates
{
    public static readonly IReadOnlyList<string> Keys = ["htd", "tables"];

    private static readonly JsonSerializerOptions _json = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static WorkshopTemplate Load(string key)
    {
        if (!Keys.Contains(key))
        {
            throw new ArgumentOutOfRangeException(nameof(key), key, "Unknown workshop template.");
        }
        using var stream = typeof(WorkshopTemplates).Assembly.GetManifestResourceStream($"WorkshopTemplates.{key}.json")!;
        return JsonSerializer.Deserialize<WorkshopTemplate>(stream, _json)!;
    }
}

/// <summary>A text in French and English; the one shown is the interface's language when the workshop is created.</summary>
public sealed record Bilingual(string Fr, string En)
{
    public string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? En : Fr;
}

public sealed record WorkshopTemplate(string Key, Bilingual Name, IReadOnlyList<TemplateTime> Times, IReadOnlyList<TemplateGroup> Groups);

public sealed record TemplateTime(Bilingual Title, Bilingual Instructions, int? Minutes, TimeOutput Output, int? Min, int? Max, bool Gathered);

public sealed record TemplateGroup(Bilingual Name, Bilingual Question);
