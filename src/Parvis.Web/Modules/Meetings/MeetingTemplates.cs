using Parvis.Web.Kernel.Text;

namespace Parvis.Web.Modules.Meetings;

/// <summary>
/// Ready-made meeting shapes, kept as data (Templates/*.json, embedded): one place, or Lorient's public
/// meetings held the same evening in five places (seed 002). Creating a meeting copies the template's
/// duration, agenda and sites, which the organisation then edits freely.
/// </summary>
public static class MeetingTemplates
{
    public static readonly IReadOnlyList<string> Keys = ["single", "lorient"];

    public static MeetingTemplate Load(string key) => Keys.Contains(key)
        ? EmbeddedJson.Load<MeetingTemplate>($"MeetingTemplates.{key}.json")
        : throw new ArgumentOutOfRangeException(nameof(key), key, "Unknown meeting template.");
}

public sealed record MeetingTemplate(string Key, Bilingual Name, int Minutes, Bilingual Agenda, IReadOnlyList<TemplateSite> Sites);

public sealed record TemplateSite(Bilingual Name, Bilingual? Address);
