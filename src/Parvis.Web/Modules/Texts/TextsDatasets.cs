using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.OpenData;

namespace Parvis.Web.Modules.Texts;

/// <summary>
/// The module's open data: every published version's articles and the amendments, each with its votes counted
/// (agree, mixed, disagree; never who voted), and the arguments for and against. Drafts are staff's until published.
/// </summary>
public static class TextsDatasets
{
    public static IReadOnlyList<Dataset> All { get; } =
    [
        Dataset.Of($"{TextsModule.Key}-articles", TextsModule.Key, (db, scope) =>
        {
            var votes = db.TextVotes;
            var processes = scope.Using(TextsModule.Key);
            return from a in db.TextArticles
                   join t in db.CollaborativeTexts on a.TextId equals t.Id
                   join v in db.TextVersions on new { a.TextId, Number = a.Version } equals new { v.TextId, v.Number }
                   where processes.Contains(t.ProcessId)
                   select new ArticleRow
                   {
                       Id = a.Id, ProcessId = t.ProcessId, TextId = a.TextId, Text = t.Title, Version = a.Version, PublishedAt = v.PublishedAt,
                       Position = a.Position, Section = a.Section, Heading = a.Heading, Body = a.Body, LineageId = a.LineageId,
                       Agree = votes.Count(x => x.SubjectId == a.Id && x.Opinion == Opinion.Agree),
                       Mixed = votes.Count(x => x.SubjectId == a.Id && x.Opinion == Opinion.Mixed),
                       Disagree = votes.Count(x => x.SubjectId == a.Id && x.Opinion == Opinion.Disagree),
                   };
        }),
        Dataset.Of($"{TextsModule.Key}-amendments", TextsModule.Key, (db, scope) =>
        {
            var votes = db.TextVotes;
            return scope.Shown(db.Amendments, TextsModule.Key).Select(a => new AmendmentRow
            {
                Id = a.Id, ProcessId = a.ProcessId, TextId = a.TextId, ArticleId = a.ArticleId, Version = a.Version, Heading = a.Heading,
                Wording = a.Wording, Language = a.Language, Reason = a.Reason, Author = a.AuthorId, Outcome = a.Outcome, OutcomeVersion = a.OutcomeVersion,
                Agree = votes.Count(x => x.SubjectId == a.Id && x.Opinion == Opinion.Agree),
                Mixed = votes.Count(x => x.SubjectId == a.Id && x.Opinion == Opinion.Mixed),
                Disagree = votes.Count(x => x.SubjectId == a.Id && x.Opinion == Opinion.Disagree),
                Channel = a.Channel, MediatedById = a.MediatedById, Fate = a.Fate, CreatedAt = a.CreatedAt,
            });
        }),
        Dataset.Of($"{TextsModule.Key}-arguments", TextsModule.Key, (db, scope) =>
            scope.Shown(db.TextArguments, TextsModule.Key).Select(a => new TextArgumentRow
            {
                Id = a.Id, ProcessId = a.ProcessId, TextId = a.TextId, ArticleId = a.ArticleId, AmendmentId = a.AmendmentId, Side = a.Side,
                Text = a.Text, Language = a.Language, Author = a.AuthorId, Channel = a.Channel, MediatedById = a.MediatedById, Fate = a.Fate, CreatedAt = a.CreatedAt,
            })),
    ];
}

public sealed class ArticleRow : DatasetRow
{
    public Guid ProcessId { get; init; }
    public Guid TextId { get; init; }
    public required string Text { get; init; }
    public int Version { get; init; }
    [Dated] public DateTimeOffset PublishedAt { get; init; }
    public int Position { get; init; }
    public required string Section { get; init; }
    public required string Heading { get; init; }
    public required string Body { get; init; }
    public Guid LineageId { get; init; }
    public int Agree { get; init; }
    public int Mixed { get; init; }
    public int Disagree { get; init; }
}

public sealed class AmendmentRow : DatasetRow
{
    public Guid ProcessId { get; init; }
    public Guid TextId { get; init; }
    public Guid? ArticleId { get; init; }
    public int Version { get; init; }
    public required string Heading { get; init; }
    public required string Wording { get; init; }
    public required string Language { get; init; }
    public required string Reason { get; init; }
    [Pseudonym] public Guid? Author { get; init; }
    public AmendmentOutcome? Outcome { get; init; }
    public int? OutcomeVersion { get; init; }
    public int Agree { get; init; }
    public int Mixed { get; init; }
    public int Disagree { get; init; }
    public Channel Channel { get; init; }

    /// <summary>The mediation structure whose mediator entered it under its author's mandate (mediation-structures).</summary>
    public Guid? MediatedById { get; init; }
    public Fate? Fate { get; init; }
    [Dated] public DateTimeOffset CreatedAt { get; init; }
}

public sealed class TextArgumentRow : DatasetRow
{
    public Guid ProcessId { get; init; }
    public Guid TextId { get; init; }
    public Guid? ArticleId { get; init; }
    public Guid? AmendmentId { get; init; }
    public ArgumentSide Side { get; init; }
    public required string Text { get; init; }
    public required string Language { get; init; }
    [Pseudonym] public Guid? Author { get; init; }
    public Channel Channel { get; init; }

    /// <summary>The mediation structure whose mediator entered it under its author's mandate (mediation-structures).</summary>
    public Guid? MediatedById { get; init; }
    public Fate? Fate { get; init; }
    [Dated] public DateTimeOffset CreatedAt { get; init; }
}
