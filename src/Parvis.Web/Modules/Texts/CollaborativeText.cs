using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Mediation;

namespace Parvis.Web.Modules.Texts;

/// <summary>
/// A draft text (a charter, a bill, a plan) written with participants article by article: each published version keeps
/// its articles; staff prepare the next one as a draft, and publish it with a changelog that says why each article changed.
/// </summary>
public sealed class CollaborativeText
{
    public const int TitleMax = 200;
    public const int IntroductionMax = 6_000;
    public const int PlainSummaryMax = 600;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid ProcessId { get; set; }
    public required string Title { get; set; }

    /// <summary>What the text is for and how the consultation on it works (Markdown).</summary>
    public string Introduction { get; set; } = "";

    /// <summary>The text's purpose in plain language (FALC).</summary>
    public string PlainSummary { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The version participants read and vote on; 0 until the first is published.</summary>
    public int Version { get; set; }

    /// <summary>The next version as staff prepare it (Markdown with headings), checked and previewed before it is published.</summary>
    public string Draft { get; set; } = "";

    public DateTimeOffset? DraftSavedAt { get; set; }

    /// <summary>The page where an article's amendments are read, voted and argued on; the new articles' page for none.</summary>
    public static string PageOf(Guid textId, Guid? articleId) => articleId is { } article ? $"/texts/{textId}/articles/{article}" : $"/texts/{textId}/new-articles";
}

/// <summary>A published version: its number, when, and what staff say of it as a whole.</summary>
public sealed class TextVersion
{
    public const int NoteMax = 2_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TextId { get; set; }
    public int Number { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public string Note { get; set; } = "";
}

/// <summary>
/// An article of one version. An article keeps its <see cref="LineageId"/> from version to version (found by its heading),
/// so any two versions can be compared article by article.
/// </summary>
public sealed class TextArticle
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TextId { get; set; }
    public int Version { get; set; }
    public int Position { get; set; }
    public string Section { get; set; } = "";
    public required string Heading { get; set; }

    /// <summary>The article's wording (Markdown).</summary>
    public required string Body { get; set; }

    public Guid LineageId { get; set; }
}

/// <summary>What a participant proposes: a new wording of an article, or a new article at a chosen place.</summary>
public sealed class Amendment : Contribution
{
    public const int ReasonMax = 2_000;

    public Guid TextId { get; set; }

    /// <summary>The article of the version it amends; null for a new article.</summary>
    public Guid? ArticleId { get; set; }

    /// <summary>For a new article: the article it comes after, by lineage (null: at the start).</summary>
    public Guid? AfterLineageId { get; set; }

    /// <summary>The version it was written against.</summary>
    public int Version { get; set; }

    /// <summary>For a new article: its heading.</summary>
    public string Heading { get; set; } = "";

    public required string Wording { get; set; }
    public string Reason { get; set; } = "";

    /// <summary>What staff decided of it, and in which version (the reason is its kernel fate's text).</summary>
    public AmendmentOutcome? Outcome { get; set; }

    public int? OutcomeVersion { get; set; }

    public bool IsNewArticle => ArticleId is null;

    public override string Kind => "amendment";

    public override string Excerpt => Reason.Length > 0 ? $"{Wording} — {Reason}" : Wording;

    /// <summary>Named in the query too: amendments are read a page at a time, and the page finds the one that holds it.</summary>
    public override string Address => $"{CollaborativeText.PageOf(TextId, ArticleId)}?amendment={Id}#amendment-{Id}";

    public override void EraseContent()
    {
        Wording = "";
        Reason = "";
        Heading = "";
    }
}

public enum ArgumentSide
{
    For,
    Against,
}

/// <summary>An argument for or against an article or an amendment.</summary>
public sealed class TextArgument : Contribution
{
    public const int TextMax = 2_000;

    public Guid TextId { get; set; }

    /// <summary>The article it is about, or the amendment's article (null for a new article's amendment).</summary>
    public Guid? ArticleId { get; set; }

    public Guid? AmendmentId { get; set; }
    public ArgumentSide Side { get; set; }
    public required string Text { get; set; }

    public override string Kind => "text-argument";

    public override string Excerpt => Text;

    /// <summary>Named in the query too: an amendment's arguments are on the page of amendments that holds it.</summary>
    public override string Address => $"{CollaborativeText.PageOf(TextId, ArticleId)}?argument={Id}#argument-{Id}";

    public override void EraseContent() => Text = "";
}

/// <summary>The three answers to an article or an amendment (the République numérique consultation's).</summary>
public enum Opinion
{
    Agree,
    Mixed,
    Disagree,
}

/// <summary>One person's vote on an article or an amendment: one per pair, changeable while the phase allows.</summary>
public sealed class TextVote : IPersonAct
{
    string IPersonAct.ActKind => "text-vote";

    string? IPersonAct.ActAddress => null;

    /// <summary>The article or the amendment.</summary>
    public Guid SubjectId { get; set; }

    public Guid PersonId { get; set; }
    public Guid TextId { get; set; }
    public Opinion Opinion { get; set; }
    public DateTimeOffset VotedAt { get; set; }
}

public enum ArticleChange
{
    Added,
    Changed,
    Removed,
}

/// <summary>A line of a version's changelog: one article added, changed or removed, with why and what caused it.</summary>
public sealed class TextChange
{
    public const int ReasonMax = 2_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TextId { get; set; }

    /// <summary>The version the change led to.</summary>
    public int Version { get; set; }

    public int Position { get; set; }
    public ArticleChange Kind { get; set; }
    public Guid LineageId { get; set; }
    public required string Heading { get; set; }
    public required string Reason { get; set; }
}

/// <summary>A contribution (an amendment, an argument, a workshop's item, an expert's answer…) that caused a change.</summary>
public sealed class TextChangeLink
{
    public Guid ChangeId { get; set; }
    public Guid ContributionId { get; set; }
}

/// <summary>What became of an amendment, as the changelog says it (the kernel's fate says the same in its words).</summary>
public enum AmendmentOutcome
{
    Integrated,
    IntegratedInPart,
    NotRetained,
}
