using System.Globalization;
using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Accountability.Report;

namespace Parvis.Web.Modules.Workshops;

/// <summary>
/// The workshop's paper kit, one sheet each: the "Vos propositions" form (which table, the problems you
/// want to carry, actions needed and resources existing or to create), each table's facilitator sheet
/// (question, times, boxes to write concerns, actions and resources) and the attendance sheet. The same
/// document is printed from the page, or downloaded as DOCX or PDF.
/// </summary>
public static class WorkshopKit
{
    public static ReportDocument Build(WorkshopBoard board, IStringLocalizer text, string written)
    {
        var workshop = board.Workshop;
        var blocks = new List<ReportBlock>
        {
            new ReportHeading(1, text["Kit.Form"]),
            new ReportParagraph(text["Kit.FormIntro"]),
            new ReportHeading(2, text["Kit.WhichTable"]),
            new ReportList(board.Groups.Select(g => $"☐ {g.Name}").ToList(), written),
            PaperForms.Blank(text["Kit.Problems"], [text["Kit.Number"], text["Kit.Problem"]], 3),
            PaperForms.Blank(text["Kit.ActionsTable"], [text["Kit.Number"], text["Kit.ActionsNeeded"], text["Kit.Resources"]], 6),
            new ReportPageBreak(),
        };
        foreach (var group in board.Groups)
        {
            blocks.Add(new ReportHeading(1, text["Kit.FacilitatorSheet", group.Name]));
            if (group.Question.Length > 0)
            {
                blocks.Add(new ReportParagraph(text["Kit.Question", group.Question]));
            }
            blocks.Add(new ReportList(board.Times.Select(t =>
                (t.Minutes is { } minutes ? text["Kit.TimeWithMinutes", t.Title, minutes].Value : t.Title)
                + (t.Instructions.Length > 0 ? $" : {t.Instructions}" : "")).ToList(), written));
            var concerns = board.Times.FirstOrDefault(t => t.Output == TimeOutput.Concerns)?.MaxItems ?? 5;
            blocks.Add(PaperForms.Blank(text["Kit.Concerns"], [text["Kit.Number"], text["Kind.concern"], text["Kit.Carried"]], concerns));
            blocks.Add(PaperForms.Blank(text["Kit.Actions"], [text["Kit.Number"], text["Kit.ConcernNumber"], text["Kind.action"]], 8));
            blocks.Add(PaperForms.Blank(text["Kit.ResourcesTable"],
                [text["Kit.Number"], text["Kit.ActionNumber"], text["Kind.resource"], text["Kit.ExistingOrToCreate"], text["Kit.Actor"]], 8));
            blocks.Add(new ReportPageBreak());
        }
        blocks.AddRange(PaperForms.AttendanceSheet(text, text["Kit.Attendance", workshop.Title], []));
        var when = workshop.StartsAt?.ToLocalTime().ToString("f", CultureInfo.CurrentCulture);
        return new ReportDocument(text["Kit.Title", workshop.Title], string.Join(" · ", new[] { when, workshop.Place }.Where(p => !string.IsNullOrEmpty(p))),
            CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, blocks);
    }
}
