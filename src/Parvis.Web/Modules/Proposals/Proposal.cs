using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Mediation;

namespace Parvis.Web.Modules.Proposals;

public enum ProposalStatus
{
    Published,
    UnderReview,
    Accepted,
    Rejected,
    Merged,
    Answered,
}

public sealed class Proposal : Contribution
{
    public const int TitleMax = 150;
    public const int BodyMax = 6_000;
    public const int AnswerMax = 6_000;

    public required string Title { get; set; }

    public override string Caption => Title;
    public required string Body { get; set; }
    public Guid? ThemeId { get; set; }
    public ProposalStatus Status { get; set; } = ProposalStatus.Published;

    /// <summary>Maintained with each support so lists never count rows.</summary>
    public int SupportCount { get; set; }

    public int CommentCount { get; set; }
    public DateTimeOffset? EditedAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }

    /// <summary>The official answer, public, given with the status.</summary>
    public string? Answer { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public Guid? MergedIntoId { get; set; }

    public override string Kind => "proposal";

    public override string Excerpt => $"{Title} — {Body}";

    public override string Address => $"/proposals/{Id}";

    /// <summary>
    /// The author may edit only until the first support, so nobody supports a text that then changes; nor once answered
    /// or given a fate (merged, retained…), or the answer would stand under words it never read.
    /// </summary>
    public bool IsEditable => SupportCount == 0 && Fate is null && AnsweredAt is null && WithdrawnAt is null && HiddenAt is null && ErasedAt is null;

    public override void EraseContent()
    {
        Title = "";
        Body = "";
    }
}

public sealed class Comment : Contribution
{
    public const int BodyMax = 3_000;

    /// <summary>Replies deeper than this are attached to the deepest level, to keep threads readable.</summary>
    public const int MaxDepth = 4;

    public Guid ProposalId { get; set; }
    public Guid? ParentId { get; set; }
    public int Depth { get; set; }
    public required string Body { get; set; }

    public override string Excerpt => Body;

    public override string Kind => "comment";

    public override string Address => AddressOf(ProposalId, Id);

    /// <summary>The proposal's page that holds the comment: the discussion is read a page of threads at a time.</summary>
    public static string AddressOf(Guid proposalId, Guid commentId) => $"/proposals/{proposalId}?comment={commentId}#comment-{commentId}";

    public override void EraseContent() => Body = "";
}

/// <summary>One person's support of a proposal; the unique (proposal, person) key makes it one each.</summary>
public sealed class Support : IPersonAct
{
    string IPersonAct.ActKind => "support";

    string? IPersonAct.ActAddress => $"/proposals/{ProposalId}";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProposalId { get; set; }

    /// <summary>Null once the supporter deleted their account but let their contributions stay anonymously.</summary>
    public Guid? PersonId { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>The proposal it was given to, when analysts merged that one into this: it goes back if the merge is undone.</summary>
    public Guid? CarriedFromId { get; set; }
}
