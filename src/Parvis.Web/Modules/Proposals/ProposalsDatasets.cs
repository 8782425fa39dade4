using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.OpenData;

namespace Parvis.Web.Modules.Proposals;

/// <summary>The module's open data: proposals with their support and comment counts, and comments.</summary>
public static class ProposalsDatasets
{
    public static IReadOnlyList<Dataset> All { get; } =
    [
        Dataset.Of(ProposalsModule.Key, ProposalsModule.Key, (db, scope) =>
        {
            var comments = scope.Shown(db.Comments, ProposalsModule.Key);
            return scope.Shown(db.Proposals, ProposalsModule.Key).Select(p => new ProposalRow
            {
                Id = p.Id, ProcessId = p.ProcessId, ThemeId = p.ThemeId, Title = p.Title, Body = p.Body, Language = p.Language, Author = p.AuthorId, Origin = p.Origin,
                Channel = p.Channel, MediatedById = p.MediatedById, Status = p.Status, Supports = p.SupportCount,
                Comments = comments.Count(c => c.ProposalId == p.Id),
                Answer = p.Answer, AnsweredAt = p.AnsweredAt, MergedIntoId = p.MergedIntoId, Fate = p.Fate, FateDecidedAt = p.FateDecidedAt,
                CreatedAt = p.CreatedAt, EditedAt = p.EditedAt, WithdrawnAt = p.WithdrawnAt,
            });
        }),
        Dataset.Of($"{ProposalsModule.Key}-comments", ProposalsModule.Key, (db, scope) =>
            scope.Shown(db.Comments, ProposalsModule.Key).Select(c => new CommentRow
            {
                Id = c.Id, ProcessId = c.ProcessId, ProposalId = c.ProposalId, ParentId = c.ParentId, Body = c.Body, Language = c.Language, Author = c.AuthorId,
                Channel = c.Channel, MediatedById = c.MediatedById, Fate = c.Fate, CreatedAt = c.CreatedAt,
            })),
    ];
}

public sealed class ProposalRow : DatasetRow
{
    public Guid ProcessId { get; init; }
    public Guid? ThemeId { get; init; }
    public required string Title { get; init; }
    public required string Body { get; init; }
    public required string Language { get; init; }
    [Pseudonym] public Guid? Author { get; init; }
    public string? Origin { get; init; }
    public Channel Channel { get; init; }

    /// <summary>The mediation structure whose mediator entered it under its author's mandate (mediation-structures).</summary>
    public Guid? MediatedById { get; init; }
    public ProposalStatus Status { get; init; }
    public int Supports { get; init; }
    public int Comments { get; init; }
    public string? Answer { get; init; }
    public DateTimeOffset? AnsweredAt { get; init; }
    public Guid? MergedIntoId { get; init; }
    public Fate? Fate { get; init; }
    public DateTimeOffset? FateDecidedAt { get; init; }
    [Dated] public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? EditedAt { get; init; }
    public DateTimeOffset? WithdrawnAt { get; init; }
}

public sealed class CommentRow : DatasetRow
{
    public Guid ProcessId { get; init; }
    public Guid ProposalId { get; init; }
    public Guid? ParentId { get; init; }
    public required string Body { get; init; }
    public required string Language { get; init; }
    [Pseudonym] public Guid? Author { get; init; }
    public Channel Channel { get; init; }

    /// <summary>The mediation structure whose mediator entered it under its author's mandate (mediation-structures).</summary>
    public Guid? MediatedById { get; init; }
    public Fate? Fate { get; init; }
    [Dated] public DateTimeOffset CreatedAt { get; init; }
}
