namespace Parvis.Web.Kernel.Organisations;

/// <summary>A body that runs participation processes: a development council, a city, an association.</summary>
public sealed class Organisation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Slug { get; set; }
    public required string Name { get; set; }

    /// <summary>Used for buttons and links on white, so it must keep a 4.5:1 contrast with white.</summary>
    public string AccentColour { get; set; } = "#1d4f91";

    /// <summary>"fr" or "en": the language visitors get until they choose another.</summary>
    public string DefaultCulture { get; set; } = "fr";

    /// <summary>
    /// How many months an account nobody uses is kept after the last process its holder contributed to closed, as the
    /// privacy page says; then the retention purge anonymises it.
    /// </summary>
    public int RetentionMonths { get; set; } = DefaultRetentionMonths;

    public const int DefaultRetentionMonths = 24;
    public const int RetentionMonthsMin = 6;
    public const int RetentionMonthsMax = 120;

    /// <summary>The licence its open data is published under (<see cref="OpenData.Licences"/>).</summary>
    public string DataLicence { get; set; } = OpenData.Licences.Default;

    /// <summary>The key of its open data's pseudonymous ids, made at first use (<see cref="OpenData.Pseudonyms"/>).</summary>
    public byte[]? OpenDataKey { get; set; }

    /// <summary>
    /// A short hash of its logo (<see cref="OrganisationLogo"/>), none without one: the logo's address carries it, so a
    /// browser keeps the image until it changes.
    /// </summary>
    public string? LogoVersion { get; set; }

    /// <summary>The participation charter (Markdown) moderation decisions refer to.</summary>
    public string Charter { get; set; } = "";

    /// <summary>How many people one mediator may act for in one vote or petition.</summary>
    public int PeoplePerMediator { get; set; } = DefaultPeoplePerMediator;

    public const int DefaultPeoplePerMediator = 10;

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public List<OrganisationHost> Hosts { get; set; } = [];
}

/// <summary>
/// The organisation's logo, shown in the header next to its name: a PNG or JPEG of at most <see cref="BytesMax"/>
/// bytes. Apart from the organisation, which every request holds in memory.
/// </summary>
public sealed class OrganisationLogo
{
    public const int BytesMax = 200 * 1024;

    public Guid OrganisationId { get; set; }
    public required byte[] Bytes { get; set; }
    public required string MediaType { get; set; }
}

/// <summary>A host name the organisation answers on; an installation serves several organisations.</summary>
public sealed class OrganisationHost
{
    public required string Host { get; set; }
    public Guid OrganisationId { get; set; }
}
