using Parvis.Web.Kernel.Text;

namespace Parvis.Web.Modules.Workshops;

/// <summary>
/// Ready-made workshop shapes, kept as data (Templates/*.json, embedded) rather than code: the Human
/// Tech Days method (four parallel workshops, three times) and tables of four or five (seed 003).
/// Creating a workshop copies a template's times and groups, which the organisation then edits freely.
/// </summary>
public static class WorkshopTemplates
{
    public static readonly IReadOnlyList<string> Keys = ["htd", "tables"];

    public static WorkshopTemplate Load(string key) => Keys.Contains(key)
        ? EmbeddedJson.Load<WorkshopTemplate>($"WorkshopTemplates.{key}.json")
        : throw new ArgumentOutOfRangeException(nameof(key), key, "Unknown workshop template.");
}

public sealed record WorkshopTemplate(string Key, Bilingual Name, IReadOnlyList<TemplateTime> Times, IReadOnlyList<TemplateGroup> Groups);

public sealed record TemplateTime(Bilingual Title, Bilingual Instructions, int? Minutes, TimeOutput Output, int? Min, int? Max, bool Gathered);

public sealed record TemplateGroup(Bilingual Name, Bilingual Question);
