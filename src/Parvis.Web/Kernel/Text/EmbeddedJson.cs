using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parvis.Web.Kernel.Text;

/// <summary>Reads ready-made templates kept as JSON files embedded in the application (see the project file's LogicalName).</summary>
public static class EmbeddedJson
{
    private static readonly JsonSerializerOptions _json = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static T Load<T>(string logicalName)
    {
        using var stream = typeof(EmbeddedJson).Assembly.GetManifestResourceStream(logicalName)
            ?? throw new ArgumentOutOfRangeException(nameof(logicalName), logicalName, "No such embedded template.");
        return JsonSerializer.Deserialize<T>(stream, _json)!;
    }
}
