using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parvis.Web.Modules.Workshops.Offline;

/// <summary>
/// The two files of an offline workshop. The package goes from the main installation to the facilitator's
/// laptop: the workshop, its process and themes, what it already holds, and a key made for this export.
/// The bundle comes back: the workshop as the laptop left it, signed with that key (HMAC-SHA256 over the
/// exact bytes of the payload), so the main installation rejects a bundle that was changed or that answers
/// no export of its own.
/// </summary>
public sealed record OfflinePayload
{
    public const string FormatName = "parvis-offline-workshop";

    public string Format { get; init; } = FormatName;
    public int Version { get; init; } = 1;

    /// <summary>"package" (main → laptop) or "bundle" (laptop → main).</summary>
    public required string Kind { get; init; }

    /// <summary>The export on the main installation this file belongs to.</summary>
    public Guid ExportId { get; init; }

    public required OfflineProcess Process { get; init; }
    public required OfflineWorkshop Workshop { get; init; }
    public required IReadOnlyList<OfflineItem> Items { get; init; }

    /// <summary>The workshop's definition and each item as they were at export: how both sides' changes are told apart.</summary>
    public required OfflineBaseline Baseline { get; init; }

    /// <summary>The signing key, in the package only (base64).</summary>
    public string? Key { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

public sealed record OfflineProcess(Guid Id, string Slug, string Title, string Summary, IReadOnlyList<OfflineTheme> Themes);

public sealed record OfflineTheme(Guid Id, string Name, int Position);

public sealed record OfflineWorkshop(
    Guid Id, string Title, string Description, string Place, DateTimeOffset? StartsAt, string JoinCode,
    IReadOnlyList<OfflineTime> Times, IReadOnlyList<OfflineGroup> Groups);

public sealed record OfflineTime(Guid Id, int Position, string Title, string Instructions, int? Minutes, TimeOutput Output, int? MinItems, int? MaxItems, bool Gathered);

public sealed record OfflineGroup(Guid Id, int Position, string Name, string Question, Guid? ThemeId);

public sealed record OfflineItem(
    Guid Id, Guid GroupId, ItemKind Kind, Guid? ParentId, string Text, int Position, bool Carried, Guid? MergedIntoId,
    ResourceStatus? Status, string? Actor, DateTimeOffset CreatedAt, string Channel, string? Origin)
{
    /// <summary>What an item says and where it stands, without when it was made: equal fingerprints mean no change.</summary>
    public string Fingerprint => Hash($"{GroupId}|{Kind}|{ParentId}|{Text}|{Position}|{Carried}|{MergedIntoId}|{Status}|{Actor}");

    internal static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

public sealed record OfflineBaseline(string Definition, IReadOnlyDictionary<Guid, string> Items);

/// <summary>The file as written: the payload's exact bytes (base64) and, for a bundle, their signature.</summary>
public sealed record OfflineEnvelope(string Payload, string? Signature)
{
    /// <summary>A package or bundle holds one workshop's text, well under a megabyte; far more is not one.</summary>
    public const long MaxBytes = 16 * 1024 * 1024;

    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static readonly JsonSerializerOptions _indented = new(_json) { WriteIndented = true };

    public static byte[] Write(OfflinePayload payload, byte[]? key)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(payload, _json);
        var envelope = new OfflineEnvelope(Convert.ToBase64String(bytes), key is null ? null : Convert.ToBase64String(HMACSHA256.HashData(key, bytes)));
        return JsonSerializer.SerializeToUtf8Bytes(envelope, _indented);
    }

    /// <summary>The file's payload and its signed bytes, or null when it is not an offline workshop file at all.</summary>
    public static (OfflinePayload Payload, byte[] Bytes, byte[]? Signature)? Read(Stream file)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<OfflineEnvelope>(file, _json);
            if (envelope?.Payload is null)
            {
                return null;
            }
            var bytes = Convert.FromBase64String(envelope.Payload);
            var payload = JsonSerializer.Deserialize<OfflinePayload>(bytes, _json);
            if (payload?.Format != OfflinePayload.FormatName || payload.Process is null || payload.Workshop?.Times is null || payload.Workshop.Groups is null
                || payload.Items is null || payload.Baseline is null)
            {
                return null;
            }
            return (payload, bytes, envelope.Signature is null ? null : Convert.FromBase64String(envelope.Signature));
        }
        catch (Exception e) when (e is JsonException or FormatException or NotSupportedException)
        {
            return null;
        }
    }

    public static bool Verify(byte[] bytes, byte[]? signature, byte[] key) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, bytes), signature);
}
