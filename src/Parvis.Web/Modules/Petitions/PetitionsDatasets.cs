using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.OpenData;

namespace Parvis.Web.Modules.Petitions;

/// <summary>
/// The module's open data: the petitions once public (open to signatures, refused with a reason, answered) with their
/// signature counts, online and on paper, and their demands with the council's answer. Signatories never appear.
/// </summary>
public static class PetitionsDatasets
{
    public static IReadOnlyList<Dataset> All { get; } =
    [
        Dataset.Of(PetitionsModule.Key, PetitionsModule.Key, (db, scope) =>
        {
            var sheets = db.SignatureSheets;
            return Public(db, scope).Select(p => new PetitionRow
            {
                Id = p.Id, ProcessId = p.ProcessId, Title = p.Title, Text = p.Text, Language = p.Language, Author = p.AuthorId, Stage = p.Stage, RefusalReason = p.RefusalReason,
                OnlineSignatures = p.OnlineSignatures,
                PaperSignatures = sheets.Where(s => s.PetitionId == p.Id).Sum(s => (int?)s.Signatures) ?? 0,
                ThresholdReachedAt = p.ThresholdReachedAt, AnswerDue = p.AnswerDue, AnsweredAt = p.AnsweredAt, NextSteps = p.NextSteps,
                Fate = p.Fate, CreatedAt = p.CreatedAt, SubmittedAt = p.SubmittedAt,
            });
        }),
        Dataset.Of($"{PetitionsModule.Key}-demands", PetitionsModule.Key, (db, scope) =>
            from d in db.PetitionDemands
            join p in Public(db, scope) on d.PetitionId equals p.Id
            select new DemandRow { Id = d.Id, PetitionId = d.PetitionId, ProcessId = p.ProcessId, Number = d.Number, Text = d.Text, Answer = d.Answer, CreatedAt = p.CreatedAt }),
    ];

    /// <summary>Past the committee and the staff's check: a petition still being formed is its committee's only.</summary>
    private static IQueryable<Petition> Public(Kernel.Data.ParvisDbContext db, DatasetScope scope) =>
        scope.Shown(db.Petitions, PetitionsModule.Key).Where(p => p.Stage != PetitionStage.Committee && p.Stage != PetitionStage.Review);
}

public sealed class PetitionRow : DatasetRow
{
    public Guid ProcessId { get; init; }
    public required string Title { get; init; }
    public required string Text { get; init; }
    public required string Language { get; init; }
    [Pseudonym] public Guid? Author { get; init; }
    public PetitionStage Stage { get; init; }
    public required string RefusalReason { get; init; }
    public int OnlineSignatures { get; init; }
    public int PaperSignatures { get; init; }
    public DateTimeOffset? ThresholdReachedAt { get; init; }
    public DateOnly? AnswerDue { get; init; }
    public DateTimeOffset? AnsweredAt { get; init; }
    public required string NextSteps { get; init; }
    public Fate? Fate { get; init; }
    [Dated] public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }
}

public sealed class DemandRow : DatasetRow
{
    public Guid PetitionId { get; init; }
    public Guid ProcessId { get; init; }
    public int Number { get; init; }
    public required string Text { get; init; }
    public required string Answer { get; init; }

    /// <summary>The petition's date: demands are written with it.</summary>
    [Dated] public DateTimeOffset CreatedAt { get; init; }
}
