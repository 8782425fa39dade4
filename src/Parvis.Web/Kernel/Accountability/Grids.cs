namespace Parvis.Web.Kernel.Accountability;

/// <summary>A list of codes and labels to analyse contributions with (ISO 26000 core subjects, a council's themes…).</summary>
public sealed class Framework
{
    public const int NameMax = 200;
    public const int EntriesMax = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Null for the frameworks built into Parvis, shared by every organisation.</summary>
    public Guid? OrganisationId { get; set; }

    /// <summary>Stable name of a built-in framework ("iso26000"); null for an organisation's own.</summary>
    public string? Key { get; set; }

    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public List<FrameworkEntry> Entries { get; set; } = [];

    public string NameIn(string culture) => culture == "en" && NameEn is { Length: > 0 } en ? en : Name;
}

public sealed class FrameworkEntry
{
    public const int CodeMax = 40;
    public const int LabelMax = 300;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid FrameworkId { get; set; }
    public required string Code { get; set; }
    public required string Label { get; set; }
    public string? LabelEn { get; set; }
    public int Position { get; set; }

    public string LabelIn(string culture) => culture == "en" && LabelEn is { Length: > 0 } en ? en : Label;
}

/// <summary>An analysis grid of a process: the entries of one framework as rows, of another as columns.</summary>
public sealed class AnalysisGrid
{
    public const int TitleMax = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid ProcessId { get; set; }
    public required string Title { get; set; }
    public Guid RowFrameworkId { get; set; }
    public Guid ColumnFrameworkId { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>Whether what is coded in a cell is a strength (+) or a weakness (−) of what is analysed.</summary>
public enum GridSign
{
    Strength,
    Weakness,
}

/// <summary>A contribution or a synthesis item placed in a cell of a grid, as a strength or a weakness.</summary>
public sealed class GridCoding
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid GridId { get; set; }
    public Guid RowEntryId { get; set; }
    public Guid ColumnEntryId { get; set; }
    public GridSign Sign { get; set; }

    /// <summary>Exactly one of the contribution and the synthesis item is set.</summary>
    public Guid? ContributionId { get; set; }

    public Guid? SynthesisItemId { get; set; }
    public DateTimeOffset CodedAt { get; set; } = DateTimeOffset.UtcNow;
}
