namespace Parvis.Web.Modules.Workshops.Offline;

public enum OfflineRole
{
    /// <summary>On the main installation: a package handed to a facilitator's laptop.</summary>
    Exported,

    /// <summary>On the laptop: the workshop received in a package, whose bundle goes back signed.</summary>
    Copy,
}

/// <summary>One export of a workshop for a laptop, as each side keeps it: the key that signs the bundle and the state at export.</summary>
public sealed class OfflineLink
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkshopId { get; set; }
    public OfflineRole Role { get; set; }

    /// <summary>The export on the main installation (its own Id there; the package's on the laptop).</summary>
    public Guid ExportId { get; set; }

    /// <summary>The HMAC key, base64; shared only with the facilitator who carries the package.</summary>
    public required string Key { get; set; }

    /// <summary>The baseline (definition and item fingerprints at export), as JSON.</summary>
    public required string Baseline { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedById { get; set; }

    /// <summary>On a laptop: how many bundles it has made, each numbered in turn, as a laptop's clock may be wrong.</summary>
    public int Bundles { get; set; }
}

/// <summary>A bundle received on the main installation: what it added, what it updated, and the conflicts reported.</summary>
public sealed class OfflineImport
{
    public const int ConflictsMax = 20_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid LinkId { get; set; }
    public Guid WorkshopId { get; set; }

    /// <summary>SHA-256 of the bundle's signed bytes: the same bundle sent twice is recognised.</summary>
    public required string BundleHash { get; set; }

    public int Added { get; set; }
    public int Updated { get; set; }

    /// <summary>One conflict per line, as shown to the person who imported.</summary>
    public string Conflicts { get; set; } = "";

    public DateTimeOffset ImportedAt { get; set; }
    public Guid? ImportedById { get; set; }
}
