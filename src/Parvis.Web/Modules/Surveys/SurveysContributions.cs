using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Surveys;

/// <summary>The answers written in words await a fate like any contribution; choices are counted, not answered.</summary>
public sealed class SurveysContributions(TimeProvider clock) : IContributionSource
{
    public IQueryable<Guid> AwaitingFate(ParvisDbContext db, Process process) =>
        db.SurveyTexts.Where(t => t.ProcessId == process.Id && t.Text != "").Select(t => t.Id);

    /// <summary>Answers are read once the survey ends, as its results are: read earlier, they would sway those still to answer.</summary>
    public IQueryable<Guid> Withheld(ParvisDbContext db)
    {
        var now = clock.GetUtcNow();
        var running = db.Surveys.Where(s => s.Stage == SurveyStage.Published && (s.ClosesAt == null || s.ClosesAt > now)).Select(s => s.Id);
        return db.SurveyTexts.Where(t => running.Contains(t.SurveyId)).Select(t => t.Id);
    }

    /// <summary>The process closes once its surveys have: their answers are read, and given a fate, after the close.</summary>
    public async Task<string?> StillOpenAsync(ParvisDbContext db, Process process)
    {
        var now = clock.GetUtcNow();
        var surveys = db.Surveys.Where(s => s.ProcessId == process.Id);
        if (await surveys.AnyAsync(s => s.Stage == SurveyStage.Published && (s.ClosesAt == null || s.ClosesAt > now)))
        {
            return "Surveys.StillRunning";
        }
        // A survey that closed on its date may still have answers waiting for its box, whose words will need a fate.
        return await db.SurveyEnvelopes.AnyAsync(e => surveys.Any(s => s.Id == e.SurveyId)) ? "Surveys.AnswersArriving" : null;
    }

    /// <summary>An answer is about its question, not one of the process's themes until an analyst says so in a grid.</summary>
    public IQueryable<Guid> InTheme(ParvisDbContext db, Guid themeId) => db.SurveyTexts.Where(_ => false).Select(t => t.Id);

    public async Task<IReadOnlyList<(string Key, int Count)>> FiguresAsync(ParvisDbContext db, Process process)
    {
        var surveys = db.Surveys.Where(s => s.ProcessId == process.Id && s.Stage != SurveyStage.Draft);
        var ids = surveys.Select(s => s.Id);
        return
        [
            ("Surveys.Figure.Surveys", await surveys.CountAsync()),
            ("Surveys.Figure.Responses", await surveys.SumAsync(s => s.Responses)),
            ("Surveys.Figure.OnPaper", await db.SurveyResponses.CountAsync(r => ids.Contains(r.SurveyId) && r.Channel != SurveyChannel.Online)),
        ];
    }
}
