using System.Text;
using System.Text.Json.Nodes;

namespace Parvis.Tests.Infrastructure;

/// <summary>Offline files (packages, bundles) changed as someone editing them by hand would.</summary>
public static class OfflineFileEdits
{
    /// <summary>The file with its payload changed and its signature, if any, kept.</summary>
    public static byte[] Altered(byte[] file, Action<JsonNode> change)
    {
        var envelope = JsonNode.Parse(file)!;
        var payload = JsonNode.Parse(Convert.FromBase64String(envelope["payload"]!.GetValue<string>()))!;
        change(payload);
        envelope["payload"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return Encoding.UTF8.GetBytes(envelope.ToJsonString());
    }
}
