using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Mediation;

namespace Parvis.Web.Modules.Petitions;

/// <summary>Where a petition stands, from its promoter committee to the council's answer.</summary>
public enum PetitionStage
{
    /// <summary>Written; fewer members of its committee than the organisation's minimum have confirmed.</summary>
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

    public override string Caption => Title;
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

    /// <summary>The committee's public reply is read with the petition's words: it goes with them.</summary>
    public override void EraseContent()
    {
        Title = "";
        Text = "";
        CommitteeReply = "";
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

    /// <summary>The title of the action made of a demand: its words, cut to fit.</summary>
    public static string ActionTitle(string demand) => demand.Length > SynthesisItem.TitleMax ? demand[..(SynthesisItem.TitleMax - 1)] + "…" : demand;
}

/// <summary>A member of a petition's promoter committee, who confirms being named.</summary>
public sealed class CommitteeMember
{
    public Guid PetitionId { get; set; }
    public Guid PersonId { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
}

/// <summary>A seat on a promoter committee, taken or given up, as a mediator's journal tells it.</summary>
public sealed record CommitteeSeat(Guid PetitionId) : IPersonAct
{
    public const string Kind = "committee";

    string IPersonAct.ActKind => Kind;

    string? IPersonAct.ActAddress => $"/petitions/{PetitionId}";
}

/// <summary>The promoter committee's reply to the answer, as a mediator's journal tells it.</summary>
public sealed record CommitteeReply(Guid PetitionId) : IPersonAct
{
    string IPersonAct.ActKind => "committee-reply";

    string? IPersonAct.ActAddress => $"/petitions/{PetitionId}";
}

/// <summary>
/// One person's signature, by their account or, where the organisation allows it, by a name, a postcode and an e-mail
/// address confirmed with a code; the database keeps one per account, and one per address, on each petition.
/// </summary>
public sealed class PetitionSignature : IPersonAct
{
    string IPersonAct.ActKind => "signature";

    string? IPersonAct.ActAddress => $"/petitions/{PetitionId}";

    Guid? IPersonAct.ActSubjectId => PetitionId;

    public const int NameMax = 120;
    public const int PostcodeMax = 10;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PetitionId { get; set; }
    public Guid? PersonId { get; set; }
    public DateTimeOffset SignedAt { get; set; }

    /// <summary>The signatory chose to appear, by pseudonym, on the public list.</summary>
    public bool Shown { get; set; }

    /// <summary>Without an account: a digest of the e-mail address (the address itself is not kept), to sign once.</summary>
    public string? EmailKey { get; set; }

    /// <summary>Without an account: the name and postcode the council may check, never shown.</summary>
    public string? Name { get; set; }

    public string? Postcode { get; set; }
}

/// <summary>
/// A signature without an account waiting for the code sent to its e-mail address: typed on the page, not followed
/// from a link, since mail scanners follow links. A few attempts, a short life, used once.
/// </summary>
public sealed class PendingSignature
{
    public const int MostAttempts = 5;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PetitionId { get; set; }
    public required string EmailKey { get; set; }
    public required string Name { get; set; }
    public required string Postcode { get; set; }
    public required string CodeHash { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int Attempts { get; set; }

    /// <summary>The address had signed already: its message said so, and no code can sign again.</summary>
    public bool AlreadySigned { get; set; }
}

/// <summary>A numbered paper sheet of signatures, counted by staff, with its scan if they keep one (staff only: it bears names).</summary>
public sealed class SignatureSheet
{
    public const int MostSignatures = 1_000;
    public const int ScanMax = 5 * 1024 * 1024;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PetitionId { get; set; }
    public int Number { get; set; }
    public int Signatures { get; set; }
    public Guid? EnteredBy { get; set; }
    public DateTimeOffset EnteredAt { get; set; }
    public byte[]? Scan { get; set; }

    /// <summary>The scan's media type, read from its first bytes: a PDF, a PNG or a JPEG.</summary>
    public string? ScanType { get; set; }

    /// <summary>What the first bytes say the file is, among the kinds a scan may be (a PDF, a PNG, a JPEG); null for anything else.</summary>
    public static string? ScanTypeOf(ReadOnlySpan<byte> file) => Kernel.Text.Uploads.MediaTypeOf(file);
}

/// <summary>What the organisation sets for the petitions of a process: committee size, threshold, time to answer.</summary>
public sealed class PetitionRules
{
    public const int MostThreshold = 10_000_000;

    public Guid ComponentId { get; set; }
    public int CommitteeMinimum { get; set; } = 3;

    /// <summary>Besides an account, a name, a postcode and an e-mail address confirmed with a code may sign.</summary>
    public bool WithoutAccount { get; set; }
    public int Threshold { get; set; } = 500;
    public int AnswerDays { get; set; } = 60;
}
