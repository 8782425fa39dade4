using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Accountability.Report;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Setup;
using Parvis.Web.Kernel.Text;

namespace Parvis.Web.Modules.Surveys.Pages;

/// <summary>
/// A survey's results: for everyone once it is closed, for staff while it runs. Per question, counts and shares of
/// the respondents with a chart and its table; a breakdown by an answer that hides small groups; and, for staff, the
/// answers one line each as CSV or XLSX.
/// </summary>
public sealed class ResultsModel(ParvisDbContext db, CurrentOrganisation organisation, ProcessAccess processes, Authorizer authorizer, TimeProvider clock)
    : SurveyPage(db, organisation, processes, authorizer)
{
    public IReadOnlyList<ReportBlock> Blocks { get; private set; } = [];
    public IReadOnlyList<ReportBlock> Breakdown { get; private set; } = [];
    public IReadOnlyList<SurveyQuestion> Groupings { get; private set; } = [];
    public SurveyQuestion? By { get; private set; }

    /// <summary>Answers given without a name that wait for the survey's box, said as a number only while the survey runs.</summary>
    public int Waiting { get; private set; }

    /// <summary>Whether the survey still takes answers: its results are then the moved answers only.</summary>
    public bool Running { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? by)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        var responses = await ResponsesAsync();
        Waiting = await Db.SurveyEnvelopes.CountAsync(e => e.SurveyId == id);
        var texts = (await Db.SurveyTexts.AsNoTracking().Where(t => t.SurveyId == id && t.HiddenAt == null && t.ErasedAt == null && t.Text != "")
            .OrderBy(t => t.Id).Select(t => new { t.QuestionKey, t.Text, t.Language }).ToListAsync()).ToLookup(t => t.QuestionKey, t => (t.Text, t.Language));
        Blocks = SurveyTables.Results(Questions, responses, texts, Text, OrganisationLanguage);
        Groupings = [.. Questions.Where(q => SurveyTables.Groups(q.Logic))];
        By = Groupings.FirstOrDefault(q => q.Key == by);
        if (By is not null)
        {
            Breakdown = SurveyTables.Breakdowns(Questions, By, responses, Survey.SmallestCell, Text, OrganisationLanguage);
        }
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync(Guid id, string format)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        // One line per respondent: for those who run the survey, as open data is a choice of the council.
        if (!Staff)
        {
            return Forbid();
        }
        var lines = SurveyTables.Lines(Questions, await ResponsesAsync(), Text);
        var name = $"{Slugs.From(Survey.Title, 60)}-answers";
        return format == "xlsx"
            ? File(Spreadsheets.WriteXlsx((Text["Surveys.AnswersSheet"], lines)), Spreadsheets.XlsxType, $"{name}.xlsx")
            : File(Spreadsheets.WriteCsv(lines), Spreadsheets.CsvType, $"{name}.csv");
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        if (!await LoadSurveyAsync(id))
        {
            return NotFound();
        }
        Running = Survey.OpenAt(clock.GetUtcNow());
        return Staff || !Running ? null : Forbid();
    }

    /// <summary>
    /// While the survey runs, the answers its box has moved only: those that wait, counted in the tables or listed in the
    /// downloads, would show each as it came to anyone looking twice. Once it has closed, all of them.
    /// </summary>
    private async Task<IReadOnlyList<CountedResponse>> ResponsesAsync() =>
        [.. (await Db.SurveyAnswersAsync(Survey.Id, waiting: !Running)).Select(r => new CountedResponse(r.Channel, Survey.ReadAnswers(r.Answers)))];
}
