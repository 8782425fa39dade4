using System.Security.Cryptography;
using System.Text;
using Parvis.Web.Kernel.Offline;

namespace Parvis.Web.Modules.Workshops.Offline;

/// <summary>
/// The two files of an offline workshop, each a <see cref="SignedFile"/>. The package goes from the main installation
/// to the facilitator's laptop: the workshop, its process and themes, what it already holds, and a key made for this
/// export. The bundle comes back: the workshop as the laptop left it, signed with that key.
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

    /// <summary>A bundle's number on its laptop, from 1; 0 for a package, or a bundle of a version before numbers.</summary>
    public int Number { get; init; }
}

public sealed record OfflineWorkshop(
    Guid Id, string Title, string Description, string Place, DateTimeOffset? StartsAt, string JoinCode,
    IReadOnlyList<OfflineTime> Times, IReadOnlyList<OfflineGroup> Groups);

public sealed record OfflineTime(Guid Id, int Position, string Title, string Instructions, int? Minutes, TimeOutput Output, int? MinItems, int? MaxItems, bool Gathered);

public sealed record OfflineGroup(Guid Id, int Position, string Name, string Question, Guid? ThemeId);

/// <summary>A workshop item as files carry it; one hidden by moderation or erased travels without its words, and is hidden on the laptop too.</summary>
public sealed record OfflineItem(
    Guid Id, Guid GroupId, ItemKind Kind, Guid? ParentId, string Text, int Position, bool Carried, Guid? MergedIntoId,
    ResourceStatus? Status, string? Actor, DateTimeOffset CreatedAt, string Channel, string? Origin, bool Hidden = false)
{
    /// <summary>What an item says and where it stands, without when it was made: equal fingerprints mean no change.</summary>
    public string Fingerprint => Hash($"{GroupId}|{Kind}|{ParentId}|{Text}|{Position}|{Carried}|{MergedIntoId}|{Status}|{Actor}");

    internal static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <param name="Definition">The workshop's definition's hash.</param>
/// <param name="Items">Each item's fingerprint.</param>
/// <param name="Latest">On the main installation, when the last bundle imported was made, by its laptop's clock.</param>
/// <param name="Number">On the main installation, the last bundle imported's number (0 before numbers).</param>
public sealed record OfflineBaseline(string Definition, IReadOnlyDictionary<Guid, string> Items, DateTimeOffset? Latest = null, int Number = 0)
{
    /// <summary>
    /// Whether the last bundle taken was made after this one (the wrong file picked from a stick), which would take back
    /// what came after: told by their numbers, which no clock moves; by their times when either has none.
    /// </summary>
    public bool Outdates(OfflinePayload bundle) => bundle.Number > 0 && Number > 0 ? bundle.Number < Number : bundle.CreatedAt < Latest;
}

public static class OfflineFiles
{
    /// <summary>A workshop's package or bundle, or null when the file is not one (<see cref="SignedFile"/> carries it).</summary>
    public static (OfflinePayload Payload, byte[] Bytes, byte[]? Signature)? Read(Stream file) =>
        SignedFile.Read<OfflinePayload>(file) is { } read && read.Payload is { Format: OfflinePayload.FormatName, Process: not null, Items: not null, Baseline: not null }
            && read.Payload.Workshop is { Times: not null, Groups: not null }
            ? read
            : null;
}
