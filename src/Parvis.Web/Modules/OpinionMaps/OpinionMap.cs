using Parvis.Web.Kernel.Contributions;

namespace Parvis.Web.Modules.OpinionMaps;

/// <summary>
/// An opinion map ("carte des opinions") inside a process: participants write short statements and
/// vote agree / disagree / pass on the others'; the groups and the common ground are computed from
/// the votes. Open for statements and votes while its phase is current.
/// </summary>
public sealed class OpinionMap
{
    public const int QuestionMax = 200;
    public const int DescriptionMax = 4_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid ProcessId { get; set; }

    /// <summary>The component it belongs to: a process may keep its maps under several titled components.</summary>
    public Guid ComponentId { get; set; }

    /// <summary>The phase during which statements and votes are open.</summary>
    public Guid PhaseId { get; set; }

    public required string Question { get; set; }
    public string Description { get; set; } = "";

    /// <summary>Pre-moderation: statements appear once a moderator published them. Otherwise they appear at once and may be hidden later.</summary>
    public bool PreModeration { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>The latest computation (OpinionMapResult as JSON), replaced by each background update.</summary>
    public string? Result { get; set; }

    public DateTimeOffset? ComputedAt { get; set; }
}

/// <summary>A short statement to vote on. Numbered per map, as Polis numbers its comments.</summary>
public sealed class Statement : Contribution
{
    public const int TextMin = 10;
    public const int TextMax = 280;

    public Guid OpinionMapId { get; set; }
    public long Number { get; set; }
    public required string Text { get; set; }

    /// <summary>Null while waiting for a moderator under pre-moderation.</summary>
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>The author's number in an imported Polis conversation, who has no account here.</summary>
    public long? ImportedAuthor { get; set; }

    public override string Kind => "statement";

    public override string Excerpt => Text;

    public override string Address => $"/maps/{OpinionMapId}";

    public bool IsVisible => PublishedAt is not null && HiddenAt is null && ErasedAt is null;

    public override void EraseContent() => Text = "";
}

/// <summary>
/// Someone taking part in a map, under a number that is all the computation and the exports ever
/// see. Imported participants have no account (PersonId null).
/// </summary>
public sealed class OpinionParticipant
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OpinionMapId { get; set; }
    public long Number { get; set; }
    public Guid? PersonId { get; set; }
}

/// <summary>
/// Taking part in a map under a mandate, as its journal says it: once a day and map, never vote by vote, for the votes
/// are open data with their time and participant's number, which a count of lines could match.
/// </summary>
public sealed record OpinionMapTakingPart(Guid MapId) : Kernel.Mediation.IPersonAct
{
    string Kernel.Mediation.IPersonAct.ActKind => "opinion-vote";

    string? Kernel.Mediation.IPersonAct.ActAddress => null;

    Guid? Kernel.Mediation.IPersonAct.ActSubjectId => MapId;

    bool Kernel.Mediation.IPersonAct.ActDayOnly => true;
}

/// <summary>One vote per participant and statement (a unique index); voting again changes it.</summary>
public sealed class OpinionVote
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OpinionMapId { get; set; }
    public Guid StatementId { get; set; }
    public Guid ParticipantId { get; set; }

    /// <summary>+1 agree, -1 disagree, 0 pass.</summary>
    public int Value { get; set; }

    public DateTimeOffset CastAt { get; set; } = DateTimeOffset.UtcNow;
}
