namespace Parvis.Tests.Infrastructure;

/// <summary>The administration's form of a process's tools, as staff fill it in.</summary>
public static class ComponentForm
{
    /// <summary>
    /// Posts the components form as a browser would, every row's fields as the page shows them, with one row changed:
    /// the module's first component (its position and switches only when given), the given component of it, or with
    /// <paramref name="another"/> the row that adds one more of the module.
    /// </summary>
    public static async Task<Session.Response> PostAsync(Session manager, Guid processId, string module, bool enabled, string title = "", int? position = null,
        IReadOnlyList<string>? switches = null, bool another = false, Guid? component = null)
    {
        var edit = $"/admin/processes/edit/{processId}";
        var page = await manager.GetAsync(edit);
        var fields = new Dictionary<string, string>();
        var found = false;
        foreach (var input in page.Document.QuerySelectorAll("input[name$='.Module']"))
        {
            var prefix = input.GetAttribute("name")![..^".Module".Length];
            string Value(string field) => page.Document.QuerySelector($"input[name='{prefix}.{field}']")?.GetAttribute("value") ?? "";
            var id = Value("Id");
            var mine = !found && input.GetAttribute("value") == module
                && (another ? id.Length == 0 : component is { } wanted ? id == wanted.ToString() : true);
            found |= mine;
            fields[$"{prefix}.Module"] = input.GetAttribute("value")!;
            if (id.Length > 0)
            {
                fields[$"{prefix}.Id"] = id;
            }
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
        Assert.True(found, $"The form has no row for {module}.");
        // A published process's change is written in its journal with a reason; a draft's is not asked one.
        fields["Change.Reason"] = "Un ajustement demandé par les participants et participantes.";
        return await manager.PostAsync($"{edit}?handler=Components", fields, edit);
    }
}
