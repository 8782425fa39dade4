using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Accountability.Report;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Workshops;

/// <summary>Every item a table produced awaits a fate, except duplicates merged at the table (their fate is the kept item's).</summary>
public sealed class WorkshopsContributions : IContributionSource
{
    /// <summary>The board shows nothing under a hidden item (an action under a hidden concern).</summary>
    public IQueryable<Guid> Withheld(ParvisDbContext db)
    {
        var hidden = db.WorkshopItems.Where(p => p.HiddenAt != null);
        return db.WorkshopItems.Where(i => hidden.Any(p => p.Id == i.ParentId)).Select(i => i.Id);
    }

    public IQueryable<Guid> AwaitingFate(ParvisDbContext db, Process process) =>
        db.WorkshopItems.Where(i => i.ProcessId == process.Id && i.MergedIntoId == null).Select(i => i.Id);

    /// <summary>An item is in the theme its group works on.</summary>
    public IQueryable<Guid> InTheme(ParvisDbContext db, Guid themeId)
    {
        var groups = db.WorkshopGroups.Where(g => g.ThemeId == themeId);
        return db.WorkshopItems.Where(i => groups.Any(g => g.Id == i.GroupId)).Select(i => i.Id);
    }

    public async Task<IReadOnlyList<(string Key, int Count)>> FiguresAsync(ParvisDbContext db, Process process)
    {
        var workshops = db.Workshops.Where(w => w.ProcessId == process.Id);
        var items = db.WorkshopItems.Where(i => i.ProcessId == process.Id && i.MergedIntoId == null && i.HiddenAt == null && i.ErasedAt == null);
        return
        [
            ("CouncilReport.Figure.Workshops", await workshops.CountAsync()),
            ("CouncilReport.Figure.WorkshopGroups", await db.WorkshopGroups.CountAsync(g => workshops.Any(w => w.Id == g.WorkshopId))),
            ("CouncilReport.Figure.Concerns", await items.CountAsync(i => i.ItemKind == ItemKind.Concern)),
            ("CouncilReport.Figure.Actions", await items.CountAsync(i => i.ItemKind == ItemKind.Action)),
            ("CouncilReport.Figure.Resources", await items.CountAsync(i => i.ItemKind == ItemKind.Resource)),
        ];
    }

    /// <summary>Each workshop with its date, place, tables and what they produced.</summary>
    public async Task<IReadOnlyList<ReportTable>> MethodAsync(ParvisDbContext db, Process process, IStringLocalizer text, string written)
    {
        var (groups, items) = (db.WorkshopGroups, db.WorkshopItems);
        var workshops = await db.Workshops.AsNoTracking().Where(w => w.ProcessId == process.Id)
            .Select(w => new
            {
                w.Title, w.StartsAt, w.Place,
                Groups = groups.Count(g => g.WorkshopId == w.Id),
                Items = items.Count(i => i.WorkshopId == w.Id && i.MergedIntoId == null && i.HiddenAt == null && i.ErasedAt == null),
            })
            .ToListAsync();
        if (workshops.Count == 0)
        {
            return [];
        }
        return
        [
            new ReportTable(text["CouncilReport.Workshops"],
                [text["CouncilReport.MeetingDate"], text["CouncilReport.Workshop"], text["CouncilReport.MeetingPlace"], text["CouncilReport.WorkshopGroups"], text["CouncilReport.WorkshopItems"]],
                workshops.OrderBy(w => w.StartsAt).Select(w => (IReadOnlyList<string>)
                [
                    w.StartsAt?.ToLocalTime().ToString("f", CultureInfo.CurrentCulture) ?? "", w.Title, w.Place,
                    w.Groups.ToString(CultureInfo.CurrentCulture), w.Items.ToString(CultureInfo.CurrentCulture),
                ]).ToList(), [null, written, written]),
        ];
    }
}
