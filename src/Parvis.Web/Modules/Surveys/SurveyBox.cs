using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Modules.Surveys;

/// <summary>
/// Moves the answers given online without a name into a survey's answers (<see cref="ShuffledBox"/>): an anonymous
/// answer comes just after its code was given to someone by name, and both would otherwise lie side by side. Its
/// words become contributions only then. Until moved, an answer is a number in the results while the survey runs, and
/// counts like any other once it has closed.
/// </summary>
public sealed class SurveyBox(IServiceScopeFactory scopes, ContentChanges changes, TimeProvider clock, IConfiguration configuration, ILogger<SurveyBox> log)
    : ShuffledBox(scopes, changes, clock, configuration, log)
{
    protected override async Task<IReadOnlyList<Guid>> DueAsync(ParvisDbContext db, DateTimeOffset now, CancellationToken cancellation)
    {
        var waiting = await db.SurveyEnvelopes.GroupBy(e => e.SurveyId).Select(g => new { SurveyId = g.Key, Count = g.Count() }).ToListAsync(cancellation);
        var surveys = await db.Surveys.AsNoTracking().Where(s => waiting.Select(w => w.SurveyId).Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellation);
        return [.. waiting.Where(w => surveys.TryGetValue(w.SurveyId, out var survey) && Enough(w.Count, !survey.OpenAt(now))).Select(w => w.SurveyId)];
    }

    /// <summary>
    /// Each answer keeps its random id; its words are contributions from now, dated like every unsigned one, in the
    /// language the respondent answered in.
    /// </summary>
    protected override async Task<Guid?> MoveAsync(ParvisDbContext db, Guid subject, DateTimeOffset now, CancellationToken cancellation)
    {
        var survey = await db.Surveys.AsNoTracking().FirstAsync(s => s.Id == subject, cancellation);
        var questions = survey.Read();
        var envelopes = Shuffled(await db.SurveyEnvelopes.Where(e => e.SurveyId == subject).ToArrayAsync(cancellation));
        if (!Enough(envelopes.Length, !survey.OpenAt(now)))
        {
            return null;
        }
        foreach (var envelope in envelopes)
        {
            var response = new SurveyResponse { Id = envelope.Id, SurveyId = subject, Channel = SurveyChannel.Online, Answers = envelope.Answers };
            db.SurveyResponses.Add(response);
            db.SurveyTexts.AddRange(SurveyCommands.Texts(questions, Survey.ReadAnswers(envelope.Answers))
                .Select(t => SurveyCommands.NewText(survey, response, t.Key, t.Value, SurveyChannel.Online, null, now, envelope.Language)));
        }
        db.SurveyEnvelopes.RemoveRange(envelopes);
        return survey.OrganisationId;
    }
}
