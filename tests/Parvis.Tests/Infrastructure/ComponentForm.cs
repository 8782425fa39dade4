namespace Parvis.Tests.Infrastructure;

/// <summary>The administration's form of a process's tools, as staff fill it in.</summary>
public static class ComponentForm
{
    /// <summary>
    /// Posts the components form as a browser would, every module's fields as the page shows them, with one module's
    /// changed (its position and switches only when given).
    /// </summary>
    public static async Task<Session.Response> PostAsync(Session manager, Guid processId, string module, bool enabled, string title = "", int? position = null,
        IReadOnlyList<string>? switches = null)
    {
        var edit = $"/admin/processes/edit/{processId}";
        var page = await manager.GetAsync(edit);
        var fields = new Dictionary<string, string>();
        foreach (var input in page.Document.QuerySelectorAll("input[name$='.Module']"))
        {
            var prefix = input.GetAttribute("name")![..^".Module".Length];
            string Value(string field) => page.Document.QuerySelector($"input[name='{prefix}.{field}']")?.GetAttribute("value") ?? "";
            var mine = input.GetAttribute("value") == module;
            fields[$"{prefix}.Module"] = input.GetAttribute("value")!;
            fields[$"{prefix}.Enabled"] = mine ? (enabled ? "true" : "false")
                : page.Document.QuerySelector($"input[type=checkbox][name='{prefix}.Enabled']")!.HasAttribute("checked") ? "true" : "false";
            fields[$"{prefix}.Title"] = mine ? title : Value("Title");
            fields[$"{prefix}.Position"] = mine && position is { } p ? p.ToString(System.Globalization.CultureInfo.InvariantCulture) : Value("Position");
            var on = mine && switches is not null ? switches
                : page.Document.QuerySelectorAll($"input[type=checkbox][name='{prefix}.Switches'][checked]").Select(c => c.GetAttribute("value")!).ToList();
            for (var k = 0; k < on.Count; k++)
            {
                fields[$"{prefix}.Switches[{k}]"] = on[k];
            }
        }
        return await manager.PostAsync($"{edit}?handler=Components", fields, edit);
    }
}
