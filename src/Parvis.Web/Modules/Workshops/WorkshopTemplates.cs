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

public sealed record WorkshopTemplate(string Key, Bilingual Name, IReadOnlyList<TemplateTime> Times, IReadOnlyList<TemplateGroup> Groups)
{
    /// <summary>Gives a new workshop the template's times and groups, in the given language ("fr" or "en").</summary>
    public void CopyInto(Workshop workshop, string language)
    {
        workshop.Times.AddRange(Times.Select((t, i) => new WorkshopTime
        {
            Position = i,
            Title = t.Title.In(language),
            Instructions = t.Instructions.In(language),
            Minutes = t.Minutes,
            Output = t.Output,
            MinItems = t.Min,
            MaxItems = t.Max,
            Gathered = t.Gathered,
        }));
        workshop.Groups.AddRange(Groups.Select((g, i) => new WorkshopGroup { Position = i, Name = g.Name.In(language), Question = g.Question.In(language) }));
    }
}

public sealed record TemplateTime(Bilingual Title, Bilingual Instructions, int? Minutes, TimeOutput Output, int? Min, int? Max, bool Gathered);

public sealed record TemplateGroup(Bilingual Name, Bilingual Question);
