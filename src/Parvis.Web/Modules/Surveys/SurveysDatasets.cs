using Parvis.Web.Kernel.OpenData;

namespace Parvis.Web.Modules.Surveys;

/// <summary>
/// The module's open data: the published surveys, with how many answered once each has closed. Answers stay in the
/// survey's own results, which hide groups smaller than the survey's smallest cell: rows of answers would not.
/// </summary>
public static class SurveysDatasets
{
    public static IReadOnlyList<Dataset> All { get; } =
    [
        Dataset.Of(SurveysModule.Key, SurveysModule.Key, (db, scope) =>
        {
            var (responses, waiting) = (db.SurveyResponses, db.SurveyEnvelopes);
            var processes = scope.Using(SurveysModule.Key);
            return db.Surveys.Where(s => processes.Contains(s.ProcessId) && s.Stage != SurveyStage.Draft).Select(s => new SurveyRow
            {
                Id = s.Id, ProcessId = s.ProcessId, Title = s.Title, Intro = s.Intro, Mode = s.Mode, Stage = s.Stage, PublishedAt = s.PublishedAt,
                ClosesAt = s.ClosesAt, Responses = s.Stage == SurveyStage.Closed ? responses.Count(r => r.SurveyId == s.Id) + waiting.Count(e => e.SurveyId == s.Id) : null,
            });
        }),
    ];
}

public sealed class SurveyRow : DatasetRow
{
    public Guid ProcessId { get; init; }
    public required string Title { get; init; }
    public required string Intro { get; init; }
    public SurveyMode Mode { get; init; }
    public SurveyStage Stage { get; init; }
    [Dated] public DateTimeOffset? PublishedAt { get; init; }
    public DateTimeOffset? ClosesAt { get; init; }

    /// <summary>How many answered, once closed.</summary>
    public int? Responses { get; init; }
}
