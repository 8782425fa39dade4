using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Mediation;

namespace Parvis.Web.Modules.Debates;

/// <summary>
/// A debate of a process: a question, its context, optional dates; arguments for and against side by side, each
/// supported and answered; closed by staff with a structured record of what was agreed, what stays disputed and
/// what remains open.
/// </summary>
public sealed class Debate
{
    public const int QuestionMax = 300;
    public const int ContextMax = 6_000;
    public const int PlainSummaryMax = 600;

    /// <summary>What the public moderation log calls it.</summary>
    public const string Kind = "debate";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid ProcessId { get; set; }
    public required string Question { get; set; }

    /// <summary>What one needs to know to take part (Markdown).</summary>
    public string Context { get; set; } = "";

    /// <summary>The question and its stakes in plain language (FALC), for readers who need it.</summary>
    public string PlainSummary { get; set; } = "";

    /// <summary>Before this, the debate is announced but takes no arguments yet.</summary>
    public DateTimeOffset? OpensAt { get; set; }

    /// <summary>After this, no more arguments (the record is still staff's to write).</summary>
    public DateTimeOffset? ClosesAt { get; set; }

    /// <summary>The participant who opened it, when the phase lets them; none when staff opened it for the organisation.</summary>
    public Guid? OpenedById { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when staff close it with its record.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The closing record's summary, in a sentence or two, besides its points.</summary>
    public string Conclusion { get; set; } = "";

    /// <summary>
    /// Set when moderation hid it (a participant's question may break the charter as any contribution may): it takes
    /// nothing more, and its page says why instead of what it asked; its arguments are withheld with it.
    /// </summary>
    public DateTimeOffset? HiddenAt { get; set; }

    public string? HiddenReason { get; set; }

    /// <summary>
    /// Its opener, leaving, took their words away (question, context, summary); its arguments stay, as replies to a
    /// removed proposal do. Pages then say so in place of the question.
    /// </summary>
    public bool Erased => Question.Length == 0;

    /// <summary>The question, or what stands in for it once <see cref="Erased"/>.</summary>
    public string QuestionOr(Microsoft.Extensions.Localization.IStringLocalizer text) => Erased ? text["Debates.Erased"] : Question;

    /// <summary>Where it stands, as the interface text key of its badge: hidden, closed with its record, announced, past its end date (the record to come), or open.</summary>
    public string StateKey(DateTimeOffset now) =>
        HiddenAt is not null ? "Debates.HiddenBadge"
        : ClosedAt is not null ? "Debates.ClosedBadge"
        : OpensAt > now ? "Debates.AnnouncedBadge"
        : ClosesAt <= now ? "Debates.EndedBadge"
        : "Debates.OpenBadge";

    /// <summary>Arguments are taken from its opening date to its end date, and until it is closed.</summary>
    public bool OpenAt(DateTimeOffset now) => ClosedAt is null && HiddenAt is null && (OpensAt is null || now >= OpensAt) && (ClosesAt is null || now < ClosesAt);
}

public enum Side
{
    For,
    Against,
}

/// <summary>
/// An argument for or against, a contribution like any other (fates, moderation, grids). Invited positions ("regards
/// croisés") are arguments staff write in the name of the person or body invited, labelled as such.
/// </summary>
public sealed class Argument : Contribution
{
    public const int TitleMax = 150;
    public const int TextMax = 3_000;
    public const int InvitedMax = 200;

    public Guid DebateId { get; set; }
    public Side Side { get; set; }
    public required string Title { get; set; }
    public required string Text { get; set; }

    /// <summary>Supports, kept with each support in the same transaction.</summary>
    public int Supports { get; set; }

    /// <summary>For an invited position: who speaks (a name and what they are); empty for everyone else's.</summary>
    public string Invited { get; set; } = "";

    public override string Kind => "argument";

    public override string Excerpt => $"{Title} — {Text}";

    public override string Address => AddressOf(DebateId, Id);

    /// <summary>The debate's page that holds the argument: its arguments are read a page at a time.</summary>
    public static string AddressOf(Guid debateId, Guid argumentId) => $"/debates/{debateId}?argument={argumentId}#argument-{argumentId}";

    public override void EraseContent()
    {
        Title = "";
        Text = "";
    }
}

/// <summary>A reply under an argument, itself a contribution.</summary>
public sealed class ArgumentReply : Contribution
{
    public const int TextMax = 2_000;

    public Guid DebateId { get; set; }
    public Guid ArgumentId { get; set; }
    public required string Text { get; set; }

    public override string Kind => "reply";

    public override string Excerpt => Text;

    public override string Address => Argument.AddressOf(DebateId, ArgumentId);

    public override void EraseContent() => Text = "";
}

/// <summary>One support of one person for one argument: the database keeps one per pair.</summary>
public sealed class ArgumentSupport : IPersonAct
{
    string IPersonAct.ActKind => "argument-support";

    string? IPersonAct.ActAddress => null;

    public Guid ArgumentId { get; set; }
    public Guid PersonId { get; set; }
    public DateTimeOffset SupportedAt { get; set; }
}

public enum PointKind
{
    /// <summary>What the debate agreed on.</summary>
    Agreement,

    /// <summary>What stays disputed, with the arguments on both sides.</summary>
    Disputed,

    /// <summary>What remains to be answered; may be sent to the experts.</summary>
    OpenQuestion,
}

/// <summary>A point of a debate's closing record.</summary>
public sealed class ClosingPoint
{
    public const int TextMax = 1_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid DebateId { get; set; }
    public PointKind Kind { get; set; }
    public int Position { get; set; }
    public required string Text { get; set; }

    /// <summary>An open question sent to the experts: the question it became.</summary>
    public Guid? ReferredId { get; set; }
}

/// <summary>An argument a disputed point stands on.</summary>
public sealed class PointArgument
{
    public Guid PointId { get; set; }
    public Guid ArgumentId { get; set; }
}
