using System.Globalization;
using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Accountability.Report;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Meetings;

/// <summary>
/// A meeting's paper kit: an attendance sheet per place (registered pseudonyms first, then blank lines, and
/// the head count to write down) and the slip on which people write a question for the experts.
/// </summary>
public static class MeetingKit
{
    public static ReportDocument Build(Meeting meeting, IReadOnlyList<Theme> themes, IReadOnlyDictionary<Guid, List<string>> registered, IStringLocalizer text, string written)
    {
        var when = meeting.StartsAt.ToLocalTime().ToString("f", CultureInfo.CurrentCulture);
        var blocks = new List<ReportBlock>();
        foreach (var site in meeting.Sites.OrderBy(s => s.Position))
        {
            blocks.AddRange(PaperForms.AttendanceSheet(text, text["Kit.Attendance", $"{site.Name} · {meeting.Title}"], registered.GetValueOrDefault(site.Id) ?? []));
            blocks.Add(new ReportParagraph(text["Kit.HeadCount"]));
            blocks.Add(new ReportPageBreak());
        }
        blocks.Add(new ReportHeading(1, text["Kit.QuestionSlip"]));
        blocks.Add(new ReportParagraph(text["Kit.QuestionSlipIntro"]));
        blocks.Add(new ReportParagraph(text["Kit.Place", string.Join(" / ", meeting.Sites.OrderBy(s => s.Position).Select(s => s.Name))]));
        if (themes.Count > 0)
        {
            blocks.Add(new ReportHeading(2, text["Kit.Theme"]));
            blocks.Add(new ReportList(themes.Select(t => $"☐ {t.Name}").ToList(), written));
        }
        blocks.Add(PaperForms.Blank(text["Kit.YourQuestions"], [text["Kit.Number"], text["Kit.YourQuestion"]], 3));
        return new ReportDocument(text["Kit.Title", meeting.Title], when, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, blocks);
    }
}
