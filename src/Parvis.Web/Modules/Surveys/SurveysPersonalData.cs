using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Privacy;

namespace Parvis.Web.Modules.Surveys;

/// <summary>
/// The surveys module's share of a person's data: their signed answers, and the anonymous surveys they were given a
/// code for (not their answers there: nothing joins those to them, so they are no one's personal data and stay).
/// Their answers in words are contributions, exported and erased by the kernel.
/// </summary>
public sealed class SurveysPersonalData(ParvisDbContext db) : IPersonalDataSource
{
    public string Name => SurveysModule.Key;

    public async Task<object> ExportAsync(Guid personId, CancellationToken cancellationToken)
    {
        var signed = await db.SurveyRespondents.AsNoTracking().Where(r => r.PersonId == personId)
            .Join(db.Surveys, r => r.SurveyId, s => s.Id, (r, s) => new { r, s.Title })
            .Join(db.SurveyResponses, x => x.r.ResponseId, a => a.Id, (x, a) => new { x.r.SurveyId, survey = x.Title, x.r.AnsweredAt, a.Answers })
            .ToListAsync(cancellationToken);
        var codes = await db.SurveyCodesGiven.AsNoTracking().Where(c => c.PersonId == personId)
            .Join(db.Surveys, c => c.SurveyId, s => s.Id, (c, s) => new { c.SurveyId, survey = s.Title }).ToListAsync(cancellationToken);
        return new
        {
            answers = signed.Select(a => new { a.SurveyId, a.survey, a.AnsweredAt, answers = Survey.ReadAnswers(a.Answers).ToDictionary(x => x.Key, x => x.Value.Values) }),
            anonymousSurveys = codes,
        };
    }

    /// <summary>
    /// Removal takes a signed answer out of the results; otherwise it stays, joined to nobody. That a code was given
    /// goes with the account.
    /// </summary>
    public async Task EraseAsync(Guid personId, ErasureChoice choice, CancellationToken cancellationToken)
    {
        var respondents = db.SurveyRespondents.Where(r => r.PersonId == personId);
        if (choice == ErasureChoice.Remove)
        {
            var answered = await respondents.Select(r => new { r.SurveyId, r.ResponseId }).ToListAsync(cancellationToken);
            var responses = answered.Select(a => a.ResponseId).ToList();
            // Their texts' words are erased by the kernel; the rows stay (fates may name them), no longer joined to an answer.
            await db.SurveyResponses.Where(r => responses.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
            foreach (var survey in answered.GroupBy(a => a.SurveyId))
            {
                await db.Surveys.Where(s => s.Id == survey.Key).ExecuteUpdateAsync(s => s.SetProperty(x => x.Responses, x => x.Responses - survey.Count()), cancellationToken);
            }
        }
        else
        {
            await respondents.ExecuteDeleteAsync(cancellationToken);
        }
        await db.SurveyCodesGiven.Where(c => c.PersonId == personId).ExecuteDeleteAsync(cancellationToken);
    }
}
