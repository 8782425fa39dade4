using System.Text.RegularExpressions;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Kernel.OpenData;

/// <summary>The kernel's open data: the processes, their phases and themes, and what became of contributions.</summary>
public static partial class KernelDatasets
{
    public const string Module = "kernel";

    public static IReadOnlyList<Dataset> All { get; } =
    [
        Dataset.Of("processes", Module, (db, scope) =>
            db.Processes.Where(p => scope.Processes.Contains(p.Id)).Select(p => new ProcessRow
            {
                Id = p.Id, Slug = p.Slug, Title = p.Title, Summary = p.Summary, PlainSummary = p.PlainSummary, Territory = p.Territory,
                CreatedAt = p.CreatedAt, ClosedAt = p.ClosedAt, ClosingNote = p.ClosingNote, ClosedWithoutFate = p.ClosedWithoutFate,
            })),
        Dataset.Of("phases", Module, (db, scope) =>
            db.Phases.Where(p => scope.Processes.Contains(p.ProcessId)).Select(p => new PhaseRow
            {
                Id = p.Id, ProcessId = p.ProcessId, Title = p.Title, Description = p.Description, StartsOn = p.StartsOn, EndsOn = p.EndsOn,
            })),
        Dataset.Of("themes", Module, (db, scope) =>
            db.Themes.Where(t => scope.Processes.Contains(t.ProcessId)).Select(t => new ThemeRow
            {
                Id = t.Id, ProcessId = t.ProcessId, Name = t.Name, Position = t.Position,
            })),
        Dataset.Of("fates", Module, (db, scope) =>
        {
            var shown = scope.Shown(db.Contributions).Select(c => c.Id);
            return db.FateDecisions.Where(f => shown.Contains(f.ContributionId)).Select(f => new FateRow
            {
                Id = f.Id, ProcessId = f.ProcessId, ContributionId = f.ContributionId, Fate = f.Fate, Text = f.Text,
                SynthesisItemId = f.SynthesisItemId, MergedIntoId = f.MergedIntoId, DecidedAt = f.DecidedAt,
            });
        }),
        Dataset.Of("synthesis", Module, (db, scope) =>
            db.SynthesisItems.Where(s => scope.Processes.Contains(s.ProcessId)).Select(s => new SynthesisRow
            {
                Id = s.Id, ProcessId = s.ProcessId, Kind = s.Kind, Title = s.Title, Body = s.Body, ThemeId = s.ThemeId, Position = s.Position,
                Status = s.Status, Progress = s.Progress, ResponsibleBody = s.ResponsibleBody, CreatedAt = s.CreatedAt, UpdatedAt = s.UpdatedAt,
                Contributions = db.SynthesisLinks.Count(l => l.SynthesisItemId == s.Id),
            })),
        Dataset.Of("results", Module, (db, scope) =>
            db.ResultUpdates.Where(r => scope.Processes.Contains(r.ProcessId)).Select(r => new ResultRow
            {
                Id = r.Id, ProcessId = r.ProcessId, SynthesisItemId = r.SynthesisItemId, Status = r.Status, Progress = r.Progress,
                ResponsibleBody = r.ResponsibleBody, Text = r.Text, On = r.On, RecordedAt = r.RecordedAt,
            })),
        Dataset.Of("journal", Module, (db, scope) =>
            db.JournalEntries.Where(j => scope.Processes.Contains(j.ProcessId)).Select(j => new JournalRow
            {
                Id = j.Id, ProcessId = j.ProcessId, At = j.At, Subject = j.Subject, Before = j.Before, After = j.After, Reason = j.Reason,
                Prompts = j.Prompts, Language = j.Language,
            })),
        Dataset.Of("phase-feedback", Module, (db, scope) =>
        {
            var answers = db.PhaseFeedback;
            return db.Phases.Where(p => scope.Processes.Contains(p.ProcessId)).Select(p => new PhaseFeedbackRow
            {
                Id = p.Id, ProcessId = p.ProcessId, Phase = p.Title, Answers = answers.Count(f => f.PhaseId == p.Id),
                ClearYes = answers.Count(f => f.PhaseId == p.Id && f.Clear == FeedbackAnswer.Yes),
                ClearPartly = answers.Count(f => f.PhaseId == p.Id && f.Clear == FeedbackAnswer.Partly),
                ClearNo = answers.Count(f => f.PhaseId == p.Id && f.Clear == FeedbackAnswer.No),
                FairYes = answers.Count(f => f.PhaseId == p.Id && f.Fair == FeedbackAnswer.Yes),
                FairPartly = answers.Count(f => f.PhaseId == p.Id && f.Fair == FeedbackAnswer.Partly),
                FairNo = answers.Count(f => f.PhaseId == p.Id && f.Fair == FeedbackAnswer.No),
                UsefulYes = answers.Count(f => f.PhaseId == p.Id && f.Useful == FeedbackAnswer.Yes),
                UsefulPartly = answers.Count(f => f.PhaseId == p.Id && f.Useful == FeedbackAnswer.Partly),
                UsefulNo = answers.Count(f => f.PhaseId == p.Id && f.Useful == FeedbackAnswer.No),
            });
        }),
        Dataset.Of("mediation-structures", Module, (db, scope) =>
        {
            // Only the structures that helped someone contribute to these processes: those the contributions name.
            var helped = scope.Shown(db.Contributions).Select(c => c.MediatedById);
            return db.MediationStructures.Where(s => helped.Contains(s.Id)).Select(s => new MediationStructureRow { Id = s.Id, Name = s.Name, Kind = s.Kind });
        }),
        Dataset.Of("moderation", Module, (db, scope) =>
            db.ModerationDecisions.Where(m => scope.Processes.Contains(m.ProcessId)).Select(m => new ModerationRow
            {
                Id = m.Id, ProcessId = m.ProcessId, ContributionKind = m.ContributionKind, Action = m.Action,
                Reason = m.Reason, DecidedAt = m.DecidedAt,
            })),
    ];

    /// <summary>Lower-case letters, digits and hyphens, and none of the names the open-data pages use for themselves.</summary>
    public static bool ValidKey(string key) => Key().IsMatch(key) && key is not ("api" or "datapackage");

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    private static partial Regex Key();
}

public sealed class ProcessRow : DatasetRow
{
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public required string Summary { get; init; }
    public required string PlainSummary { get; init; }
    public required string Territory { get; init; }
    [Dated] public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public string? ClosingNote { get; init; }
    public int ClosedWithoutFate { get; init; }
}

public sealed class PhaseRow : DatasetRow
{
    public Guid ProcessId { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public DateOnly StartsOn { get; init; }
    public DateOnly EndsOn { get; init; }
}

public sealed class ThemeRow : DatasetRow
{
    public Guid ProcessId { get; init; }
    public required string Name { get; init; }
    public int Position { get; init; }
}

public sealed class FateRow : DatasetRow
{
    public Guid ProcessId { get; init; }
    public Guid ContributionId { get; init; }
    public Fate Fate { get; init; }
    public required string Text { get; init; }
    public Guid? SynthesisItemId { get; init; }
    public Guid? MergedIntoId { get; init; }
    [Dated] public DateTimeOffset DecidedAt { get; init; }
}

public sealed class SynthesisRow : DatasetRow
{
    public Guid ProcessId { get; init; }
    public SynthesisItemKind Kind { get; init; }
    public required string Title { get; init; }
    public required string Body { get; init; }
    public Guid? ThemeId { get; init; }
    public int Position { get; init; }
    public ResultStatus Status { get; init; }
    public int Progress { get; init; }
    public required string ResponsibleBody { get; init; }
    public int Contributions { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    [Dated] public DateTimeOffset UpdatedAt { get; init; }
}

public sealed class ResultRow : DatasetRow
{
    public Guid ProcessId { get; init; }
    public Guid SynthesisItemId { get; init; }
    public ResultStatus Status { get; init; }
    public int Progress { get; init; }
    public required string ResponsibleBody { get; init; }
    public required string Text { get; init; }
    public DateOnly On { get; init; }
    [Dated] public DateTimeOffset RecordedAt { get; init; }
}

public sealed class JournalRow : DatasetRow
{
    public Guid ProcessId { get; init; }
    [Dated] public DateTimeOffset At { get; init; }
    public required string Subject { get; init; }
    public required string Before { get; init; }
    public required string After { get; init; }
    public required string Reason { get; init; }
    public required string Prompts { get; init; }
    public required string Language { get; init; }
}

/// <summary>What participants thought of a phase, counted: never one person's answers.</summary>
public sealed class PhaseFeedbackRow : DatasetRow
{
    public Guid ProcessId { get; init; }
    public required string Phase { get; init; }
    public int Answers { get; init; }
    public int ClearYes { get; init; }
    public int ClearPartly { get; init; }
    public int ClearNo { get; init; }
    public int FairYes { get; init; }
    public int FairPartly { get; init; }
    public int FairNo { get; init; }
    public int UsefulYes { get; init; }
    public int UsefulPartly { get; init; }
    public int UsefulNo { get; init; }
}

/// <summary>A mediation place, association or desk whose mediators enter contributions under their authors' mandates.</summary>
public sealed class MediationStructureRow : DatasetRow
{
    public required string Name { get; init; }
    public Mediation.StructureKind Kind { get; init; }
}

/// <summary>As the public moderation log shows it: never which contribution, which would lead back to its author.</summary>
public sealed class ModerationRow : DatasetRow
{
    public Guid ProcessId { get; init; }
    public required string ContributionKind { get; init; }
    public ModerationAction Action { get; init; }
    public required string Reason { get; init; }
    [Dated] public DateTimeOffset DecidedAt { get; init; }
}
