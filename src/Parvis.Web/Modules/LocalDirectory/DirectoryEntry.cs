using System.Text.Json;
using System.Text.Json.Serialization;
using Parvis.Web.Kernel.Mediation;

namespace Parvis.Web.Modules.LocalDirectory;

/// <summary>What an entry is: a structure of the territory, or a resource one can use there.</summary>
public enum EntryKind
{
    Association,
    ThirdPlace,
    MediationPlace,
    PublicService,
    SocialEconomy,
    Equipment,
    Training,
    Service,
}

/// <summary>Where an entry stands: proposed and awaiting staff, listed, refused, or closed (a place that shut).</summary>
public enum EntryState
{
    Proposed,
    Published,
    Refused,
    Closed,
}

/// <summary>What a version of an entry became: awaiting staff, taken in, or refused with a reason.</summary>
public enum VersionState
{
    Pending,
    Accepted,
    Refused,
}

/// <summary>What a place offers people with a disability, as the place declares it; its notes say more.</summary>
[Flags]
public enum Access
{
    None = 0,
    StepFree = 1,
    AccessibleToilets = 2,
    HearingLoop = 4,
    AccessibleParking = 8,
    QuietSpace = 16,
}

public static class EntryKinds
{
    /// <summary>Kinds that are structures (an organisation, a place); the others are resources it or others offer.</summary>
    public static bool IsStructure(this EntryKind kind) => kind < EntryKind.Equipment;

    public static readonly IReadOnlyList<Access> Accesses = [Access.StepFree, Access.AccessibleToilets, Access.HearingLoop, Access.AccessibleParking, Access.QuietSpace];
}

/// <summary>
/// What an entry says, as one version of it: what people proposed and staff checked. The current one is copied onto
/// the entry, where the list filters it; every version keeps its own, so the history shows what changed.
/// </summary>
public sealed record EntryContent(
    string Name, EntryKind Kind, string Description, string Address, string Commune, double? Latitude, double? Longitude,
    string OpeningHours, Access Access, string AccessNotes, string Phone, string Website, IReadOnlyList<string> Links, IReadOnlyList<Guid> Themes,
    string? Language = null)
{
    public const int NameMax = 150;
    public const int DescriptionMax = 3_000;
    public const int AddressMax = 300;
    public const int CommuneMax = 120;
    public const int HoursMax = 500;
    public const int AccessNotesMax = 500;
    public const int PhoneMax = 30;
    public const int LinkMax = 300;
    public const int MostLinks = 5;

    // Letters are kept as they are (not \u escapes), so the content's size stays that of its text.
    private static readonly JsonSerializerOptions _json = new()
    {
        Converters = { new JsonStringEnumConverter() }, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, _json);

    public static EntryContent FromJson(string json) => JsonSerializer.Deserialize<EntryContent>(json, _json)!;

    /// <summary>The fields that differ from another version's, by their names (the text keys' last part).</summary>
    public IReadOnlyList<string> ChangedFrom(EntryContent? before)
    {
        if (before is null)
        {
            return [];
        }
        var changed = new List<string>();
        void Check(string field, bool same)
        {
            if (!same)
            {
                changed.Add(field);
            }
        }
        Check(nameof(Name), Name == before.Name);
        Check(nameof(Kind), Kind == before.Kind);
        Check(nameof(Description), Description == before.Description);
        Check(nameof(Address), Address == before.Address && Commune == before.Commune);
        Check("Place", Latitude == before.Latitude && Longitude == before.Longitude);
        Check(nameof(OpeningHours), OpeningHours == before.OpeningHours);
        Check(nameof(Access), Access == before.Access);
        Check(nameof(AccessNotes), AccessNotes == before.AccessNotes);
        Check("Contact", Phone == before.Phone && Website == before.Website && Links.SequenceEqual(before.Links));
        Check(nameof(Themes), Themes.Order().SequenceEqual(before.Themes.Order()));
        // A version written before entries said their language says nothing of it.
        Check(nameof(Language), Language is null || before.Language is null || Language == before.Language);
        return changed;
    }
}

/// <summary>
/// An actor, a place or a resource of the territory, as the directory lists it: its current content (the last
/// accepted version), its state, and when staff last checked it. Anyone may propose one or a change to it; staff decide.
/// </summary>
public sealed class DirectoryEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid ProcessId { get; set; }
    public EntryState State { get; set; }
    public required string Name { get; set; }
    public EntryKind Kind { get; set; }
    public string Description { get; set; } = "";
    public string Address { get; set; } = "";
    public string Commune { get; set; } = "";
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string OpeningHours { get; set; } = "";
    public Access Access { get; set; }
    public string AccessNotes { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Website { get; set; } = "";

    /// <summary>Other links, one per line.</summary>
    public string Links { get; set; } = "";

    /// <summary>The language it is written in.</summary>
    public string Language { get; set; } = Kernel.Text.ContentLanguage.Current;

    /// <summary>The number of its current version (0 while its first is awaiting staff).</summary>
    public int Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When staff last checked that it is still true: shown, so readers know how fresh it is.</summary>
    public DateTimeOffset? CheckedAt { get; set; }

    /// <summary>Why it was refused or closed, public.</summary>
    public string Reason { get; set; } = "";

    /// <summary>Takes a version's content as its own.</summary>
    public void Take(EntryContent content)
    {
        (Name, Kind, Description, Address, Commune, Latitude, Longitude) =
            (content.Name, content.Kind, content.Description, content.Address, content.Commune, content.Latitude, content.Longitude);
        (OpeningHours, Access, AccessNotes, Phone, Website, Links) =
            (content.OpeningHours, content.Access, content.AccessNotes, content.Phone, content.Website, string.Join('\n', content.Links));
        // Versions written before entries said their language keep the entry's.
        if (Kernel.Text.ContentLanguage.IsKnown(content.Language))
        {
            Language = content.Language!;
        }
    }
}

/// <summary>The themes of the process an entry works on.</summary>
public sealed class EntryTheme
{
    /// <summary>Its own id, so that the open data's rows are paged by a key no two rows share.</summary>
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid EntryId { get; set; }
    public Guid ThemeId { get; set; }
}

/// <summary>
/// One version of an entry: proposed by a person (or written by staff, accepted at once), with the version it was based
/// on and the proposer's note; staff accept it (it becomes the entry's content) or refuse it with a reason.
/// </summary>
public sealed class DirectoryVersion : IPersonAct
{
    public const int NoteMax = 500;
    public const int ReasonMax = 1_000;

    string IPersonAct.ActKind => "directory";

    string? IPersonAct.ActAddress => $"/directory/{EntryId}";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid EntryId { get; set; }

    /// <summary>Its number once accepted, in the order versions were taken in.</summary>
    public int? Number { get; set; }

    /// <summary>The entry's version when it was proposed: staff see when another was accepted since.</summary>
    public int BasedOn { get; set; }

    public VersionState State { get; set; }

    /// <summary>The content, as <see cref="EntryContent"/> in JSON.</summary>
    public required string Content { get; set; }

    public Guid? AuthorId { get; set; }
    public DateTimeOffset ProposedAt { get; set; }

    /// <summary>What the proposer says of the change (where they learnt it, why).</summary>
    public string Note { get; set; } = "";

    public Guid? DecidedById { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string Reason { get; set; } = "";
}
