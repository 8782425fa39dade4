using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.OpenData;

namespace Parvis.Web.Modules.Debates;

/// <summary>The module's open data: the debates with their record, the arguments for and against, and their replies.</summary>
public static class DebatesDatasets
{
    public static IReadOnlyList<Dataset> All { get; } =
    [
        Dataset.Of(DebatesModule.Key, DebatesModule.Key, (db, scope) =>
        {
            var arguments = scope.Shown(db.Arguments, DebatesModule.Key);
            var processes = scope.Using(DebatesModule.Key);
            return db.Debates.Where(d => processes.Contains(d.ProcessId) && d.HiddenAt == null).Select(d => new DebateRow
            {
                Id = d.Id, ProcessId = d.ProcessId, Question = d.Question, Context = d.Context, PlainSummary = d.PlainSummary,
                OpensAt = d.OpensAt, ClosesAt = d.ClosesAt, CreatedAt = d.CreatedAt, ClosedAt = d.ClosedAt, Conclusion = d.Conclusion,
                ArgumentsFor = arguments.Count(a => a.DebateId == d.Id && a.Side == Side.For),
                ArgumentsAgainst = arguments.Count(a => a.DebateId == d.Id && a.Side == Side.Against),
            });
        }),
        Dataset.Of($"{DebatesModule.Key}-arguments", DebatesModule.Key, (db, scope) =>
            scope.Shown(db.Arguments, DebatesModule.Key).Select(a => new ArgumentRow
            {
                Id = a.Id, ProcessId = a.ProcessId, DebateId = a.DebateId, Side = a.Side, Title = a.Title, Text = a.Text, Language = a.Language, Author = a.AuthorId,
                Invited = a.Invited, Supports = a.Supports, Channel = a.Channel, MediatedById = a.MediatedById, Fate = a.Fate, CreatedAt = a.CreatedAt,
            })),
        Dataset.Of($"{DebatesModule.Key}-replies", DebatesModule.Key, (db, scope) =>
            scope.Shown(db.ArgumentReplies, DebatesModule.Key).Select(r => new ArgumentReplyRow
            {
                Id = r.Id, ProcessId = r.ProcessId, DebateId = r.DebateId, ArgumentId = r.ArgumentId, Text = r.Text, Language = r.Language, Author = r.AuthorId,
                Channel = r.Channel, MediatedById = r.MediatedById, Fate = r.Fate, CreatedAt = r.CreatedAt,
            })),
    ];
}

public sealed class DebateRow : DatasetRow
{
    public Guid ProcessId { get; init; }
    public required string Question { get; init; }
    public required string Context { get; init; }
    public required string PlainSummary { get; init; }
    public DateTimeOffset? OpensAt { get; init; }
    public DateTimeOffset? ClosesAt { get; init; }
    [Dated] public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public required string Conclusion { get; init; }
    public int ArgumentsFor { get; init; }
    public int ArgumentsAgainst { get; init; }
}

public sealed class ArgumentRow : DatasetRow
{
    public Guid ProcessId { get; init; }
    public Guid DebateId { get; init; }
    public Side Side { get; init; }
    public required string Title { get; init; }
    public required string Text { get; init; }
    public required string Language { get; init; }
    [Pseudonym] public Guid? Author { get; init; }
    public required string Invited { get; init; }
    public int Supports { get; init; }
    public Channel Channel { get; init; }

    /// <summary>The mediation structure whose mediator entered it under its author's mandate (mediation-structures).</summary>
    public Guid? MediatedById { get; init; }
    public Fate? Fate { get; init; }
    [Dated] public DateTimeOffset CreatedAt { get; init; }
}

public sealed class ArgumentReplyRow : DatasetRow
{
    public Guid ProcessId { get; init; }
    public Guid DebateId { get; init; }
    public Guid ArgumentId { get; init; }
    public required string Text { get; init; }
    public required string Language { get; init; }
    [Pseudonym] public Guid? Author { get; init; }
    public Channel Channel { get; init; }

    /// <summary>The mediation structure whose mediator entered it under its author's mandate (mediation-structures).</summary>
    public Guid? MediatedById { get; init; }
    public Fate? Fate { get; init; }
    [Dated] public DateTimeOffset CreatedAt { get; init; }
}
