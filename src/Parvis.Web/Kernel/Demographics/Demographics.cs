using Parvis.Web.Kernel.Contributions;

namespace Parvis.Web.Kernel.Demographics;

/// <summary>What the optional questions and the territory's figures are about.</summary>
public enum Dimension
{
    Age,
    Gender,
    Category,
    Commune,
}

/// <summary>
/// The bands of each dimension, with the codes the population files use: INSEE's age groups from 15, sex, and the
/// eight groups of the socio-professional categories (PCS 2020, level 1). Communes are the territory's, by name.
/// </summary>
public static class Bands
{
    public static readonly IReadOnlyList<string> Age = ["15-29", "30-44", "45-59", "60-74", "75+"];
    public static readonly IReadOnlyList<string> Gender = ["F", "M"];
    public static readonly IReadOnlyList<string> Category = ["1", "2", "3", "4", "5", "6", "7", "8"];

    /// <summary>What a person may answer for their gender beyond the census's two: counted, never compared.</summary>
    public const string OtherGender = "X";

    /// <summary>The bands a person chooses from (communes come from the imported figures).</summary>
    public static IReadOnlyList<string> Of(Dimension dimension) => dimension switch
    {
        Dimension.Age => Age,
        Dimension.Gender => [.. Gender, OtherGender],
        Dimension.Category => Category,
        _ => [],
    };

    /// <summary>The dimensions a population file gives per commune, in its own words.</summary>
    public static readonly IReadOnlyDictionary<string, Dimension> FileNames = new Dictionary<string, Dimension>(StringComparer.OrdinalIgnoreCase)
    {
        ["age"] = Dimension.Age, ["gender"] = Dimension.Gender, ["category"] = Dimension.Category,
    };
}

/// <summary>
/// One person's optional answers for one process (or, typed from a paper form or at a desk, nobody's): each may be
/// left blank, changed or deleted at any time; only aggregates of them are ever shown.
/// </summary>
public sealed class DemographicAnswer
{
    public const int CommuneMax = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid ProcessId { get; set; }

    /// <summary>Null for answers typed from paper.</summary>
    public Guid? PersonId { get; set; }

    /// <summary>How the answers came: online, through a mediator, on paper…</summary>
    public Channel Channel { get; set; }
    public string? AgeBand { get; set; }
    public string? Gender { get; set; }
    public string? Category { get; set; }
    public string? Commune { get; set; }
    public bool? FirstTime { get; set; }
    public DateTimeOffset GivenAt { get; set; }

    public string? Band(Dimension dimension) => dimension switch
    {
        Dimension.Age => AgeBand,
        Dimension.Gender => Gender,
        Dimension.Category => Category,
        _ => Commune,
    };
}

/// <summary>The territory's reference population: how many people in a band of a dimension, in a commune.</summary>
public sealed class PopulationFigure
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public required string Commune { get; set; }
    public Dimension Dimension { get; set; }
    public required string Band { get; set; }
    public long Count { get; set; }
}
