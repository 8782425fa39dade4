using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Accountability.Report;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Meetings;

/// <summary>
/// What sites said and every question asked await a fate, whatever their component; the report counts the meetings,
/// seats taken and answers of the components in use, and lists each one's meetings under its title.
/// </summary>
public sealed class MeetingsContributions : IContributionSource
{
    public IQueryable<Guid> AwaitingFate(ParvisDbContext db, Process process) =>
        db.MeetingRemarks.Where(r => r.ProcessId == process.Id).Select(r => r.Id)
            .Concat(db.ExpertQuestions.Where(q => q.ProcessId == process.Id).Select(q => q.Id));

    public IQueryable<Guid> InTheme(ParvisDbContext db, Guid themeId) =>
        db.MeetingRemarks.Where(r => r.ThemeId == themeId).Select(r => r.Id)
            .Concat(db.ExpertQuestions.Where(q => q.ThemeId == themeId).Select(q => q.Id));

    public async Task<IReadOnlyList<(string Key, int Count)>> FiguresAsync(ParvisDbContext db, Process process)
    {
        var inUse = InUse(process);
        var meetings = db.Meetings.Where(m => inUse.Contains(m.ComponentId));
        var sites = db.MeetingSites.Where(s => meetings.Any(m => m.Id == s.MeetingId));
        var questions = db.ExpertQuestions.Where(q => inUse.Contains(q.ComponentId) && q.HiddenAt == null && q.ErasedAt == null);
        // Summed as 64-bit numbers: each count is bounded, their total over many meetings need not be.
        var attendance = (int)Math.Min(int.MaxValue, await sites.SumAsync(s => (long)(s.Attendance ?? 0)) + await meetings.SumAsync(m => (long)(m.OnlineAttendance ?? 0)));
        return
        [
            ("CouncilReport.Figure.Meetings", await meetings.CountAsync()),
            ("CouncilReport.Figure.MeetingSites", await sites.CountAsync()),
            ("CouncilReport.Figure.Attendance", attendance),
            ("CouncilReport.Figure.Remarks", await db.MeetingRemarks.CountAsync(r => meetings.Any(m => m.Id == r.MeetingId) && r.HiddenAt == null && r.ErasedAt == null)),
            ("CouncilReport.Figure.Questions", await questions.CountAsync()),
            ("CouncilReport.Figure.QuestionsAnswered", await questions.CountAsync(q => q.Status == QuestionStatus.Answered)),
        ];
    }

    /// <summary>Each component in use: each meeting place with its date and head count, then the themes the experts could not cover.</summary>
    public async Task<IReadOnlyList<ReportTable>> MethodAsync(ParvisDbContext db, Process process, IStringLocalizer text, string written)
    {
        var components = process.ComponentsInUse.Where(c => c.Module == MeetingsModule.Key).ToList();
        var tables = new List<ReportTable>();
        foreach (var component in components)
        {
            // Used twice, each table says which set of meetings it is.
            string Caption(string key) => components.Count > 1 ? text["Admin.ComponentOf", text[key].Value, component.Title] : text[key];
            tables.AddRange(await MethodAsync(db, component.Id, text, Caption, written));
        }
        return tables;
    }

    private static async Task<IReadOnlyList<ReportTable>> MethodAsync(ParvisDbContext db, Guid componentId, IStringLocalizer text, Func<string, string> caption, string written)
    {
        var meetings = await db.Meetings.AsNoTracking().Include(m => m.Sites).Where(m => m.ComponentId == componentId).OrderBy(m => m.StartsAt).ToListAsync();
        if (meetings.Count == 0)
        {
            return [];
        }
        var rows = new List<IReadOnlyList<string>>();
        foreach (var meeting in meetings)
        {
            var date = meeting.StartsAt.ToLocalTime().ToString("f", CultureInfo.CurrentCulture);
            rows.AddRange(meeting.Sites.OrderBy(s => s.Position).Select(s => (IReadOnlyList<string>)
                [date, meeting.Title, string.IsNullOrEmpty(s.Address) ? s.Name : $"{s.Name} ({s.Address})", Count(s.Attendance)]));
            if (meeting.HasLink)
            {
                rows.Add([date, meeting.Title, text["MeetingMode.Online"], Count(meeting.OnlineAttendance)]);
            }
        }
        var tables = new List<ReportTable>
        {
            new(caption("CouncilReport.Meetings"), [text["CouncilReport.MeetingDate"], text["CouncilReport.Meeting"], text["CouncilReport.MeetingPlace"], text["CouncilReport.MeetingAttendance"]], rows, [null, written, written]),
        };
        var uncovered = await db.UncoveredThemes.AsNoTracking().Where(u => meetings.Select(m => m.Id).Contains(u.MeetingId))
            .Join(db.Themes, u => u.ThemeId, t => t.Id, (u, t) => new { u.MeetingId, t.Name }).ToListAsync();
        if (uncovered.Count > 0)
        {
            tables.Add(new ReportTable(caption("Questions.Uncovered"), [text["Field.Theme"], text["CouncilReport.Meeting"]],
                uncovered.Select(u => (IReadOnlyList<string>)[u.Name, meetings.Single(m => m.Id == u.MeetingId).Title]).ToList(), [written, written]));
        }
        return tables;

        string Count(int? attendance) => attendance?.ToString(CultureInfo.CurrentCulture) ?? text["CouncilReport.NotCounted"];
    }

    /// <summary>The process's meetings components in use: what the report's figures and method count.</summary>
    private static List<Guid> InUse(Process process) => [.. process.ComponentsInUse.Where(c => c.Module == MeetingsModule.Key).Select(c => c.Id)];
}
