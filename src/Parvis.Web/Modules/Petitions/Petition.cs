using Parvis.Web.Kernel.Contributions;

namespace Parvis.Web.Modules.Petitions;

/// <summary>Where a petition stands, from its promoter committee to the council's answer.</summary>
public enum PetitionStage
{
    /// <summary>Written; the people named on its committee have not all confirmed yet.</summary>
    Committee,

    /// <summary>The committee is complete: staff check it against the charter.</summary>
    Review,

    /// <summary>Not admissible, with the public reason (its fate).</summary>
    Refused,

    /// <summary>Open to signatures.</summary>
    Signing,

    /// <summary>The threshold is reached: the council owes an answer by the due date.</summary>
    AwaitingAnswer,

    /// <summary>Answered point by point.</summary>
    Answered,
}

/// <summary>
/// A citizen petition: a text and its demands, carried by a promoter committee, signed online and on paper; once
/// signatures reach the threshold, the council must answer each demand by a due date. A contribution like any other:
/// its fate is the official answer.
/// </summary>
public sealed class Petition : Contribution
{
    public const int TitleMax = 150;
    public const int TextMax = 6_000;
    public const int ReasonMax = 2_000;

    public required string Title { get; set; }
    public required string Text { get; set; }
    public PetitionStage Stage { get; set; }

    /// <summary>When the committee was complete and the petition went to review.</summary>
    public DateTimeOffset? SubmittedAt { get; set; }

    public DateTimeOffset? ReviewedAt { get; set; }

    /// <summary>Why it is not admissible, public.</summary>
    public string RefusalReason { get; set; } = "";

    /// <summary>Signatures online, kept with each signature in the same transaction (paper sheets are counted apart).</summary>
    public int OnlineSignatures { get; set; }

    public DateTimeOffset? ThresholdReachedAt { get; set; }

    /// <summary>The day the answer is due, set when the threshold is reached.</summary>
    public DateOnly? AnswerDue { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>What happens next, in the answer.</summary>
    public string NextSteps { get; set; } = "";

    /// <summary>The committee's published reply to the answer.</summary>
    public string CommitteeReply { get; set; } = "";

    public DateTimeOffset? RepliedAt { get; set; }

    public override string Kind => "petition";

    public override string Excerpt => $"{Title} — {Text}";

    public override string Address => $"/petitions/{Id}";

    public override void EraseContent()
    {
        Title = "";
        Text = "";
    }
}

/// <summary>One demand of a petition, answered on its own.</summary>
public sealed class PetitionDemand
{
    public const int TextMax = 500;
    public const int AnswerMax = 3_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PetitionId { get; set; }
    public int Number { get; set; }
    public required string Text { get; set; }
    public string Answer { get; set; } = "";

    /// <summary>The action followed in the results that the answer made of this demand.</summary>
    public Guid? ActionId { get; set; }
}

/// <summary>A member of a petition's promoter committee, who confirms being named.</summary>
public sealed class CommitteeMember
{
    public Guid PetitionId { get; set; }
    public Guid PersonId { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
}

/// <summary>One person's signature; the database keeps one per person and petition.</summary>
public sealed class PetitionSignature
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PetitionId { get; set; }
    public Guid? PersonId { get; set; }
    public DateTimeOffset SignedAt { get; set; }

    /// <summary>The signatory chose to appear, by pseudonym, on the public list.</summary>
    public bool Shown { get; set; }
}

/// <summary>A numbered paper sheet of signatures, counted by staff.</summary>
public sealed class SignatureSheet
{
    public const int MostSignatures = 1_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PetitionId { get; set; }
    public int Number { get; set; }
    public int Signatures { get; set; }
    public Guid? EnteredBy { get; set; }
    public DateTimeOffset EnteredAt { get; set; }
}

/// <summary>What the organisation sets for the petitions of a process: committee size, threshold, time to answer.</summary>
public sealed class PetitionRules
{
    public const int MostThreshold = 10_000_000;

    public Guid ComponentId { get; set; }
    public int CommitteeMinimum { get; set; } = 3;
    public int Threshold { get; set; } = 500;
    public int AnswerDays { get; set; } = 60;
}
