using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Accountability.Report;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Debates;

/// <summary>Arguments and replies await a fate like any contribution; closed debates' records go into the report.</summary>
public sealed class DebatesContributions : IContributionSource
{
    public IQueryable<Guid> AwaitingFate(ParvisDbContext db, Process process) =>
        db.Arguments.Where(a => a.ProcessId == process.Id).Select(a => a.Id).Concat(db.ArgumentReplies.Where(r => r.ProcessId == process.Id).Select(r => r.Id));

    /// <summary>An argument is about its debate's question, not one of the process's themes until an analyst says so.</summary>
    public IQueryable<Guid> InTheme(ParvisDbContext db, Guid themeId) => db.Arguments.Where(_ => false).Select(a => a.Id);

    /// <summary>A reply is read under its argument, and both in their debate: hidden with them.</summary>
    public IQueryable<Guid>? Withheld(ParvisDbContext db)
    {
        var (arguments, hidden) = (db.Arguments, HiddenItems(db));
        return db.Arguments.Where(a => hidden.Contains(a.DebateId)).Select(a => a.Id)
            .Concat(db.ArgumentReplies.Where(r => hidden.Contains(r.DebateId) || arguments.Any(a => a.Id == r.ArgumentId && (a.HiddenAt != null || a.ErasedAt != null))).Select(r => r.Id));
    }

    public IQueryable<Guid> HiddenItems(ParvisDbContext db) => db.Debates.Where(d => d.HiddenAt != null).Select(d => d.Id);

    public async Task<IReadOnlyList<(string Key, int Count)>> FiguresAsync(ParvisDbContext db, Process process)
    {
        // As the debates' columns count them: invited positions are shown apart.
        var arguments = db.Arguments.Where(a => a.ProcessId == process.Id && a.Invited == "" && a.HiddenAt == null && a.ErasedAt == null);
        return
        [
            ("Debates.Figure.Debates", await db.Debates.CountAsync(d => d.ProcessId == process.Id && d.HiddenAt == null)),
            ("Debates.Figure.Arguments", await arguments.CountAsync()),
            ("Debates.Figure.Supports", await arguments.SumAsync(a => a.Supports)),
        ];
    }

    /// <summary>Each closed debate's record: its points, and for a disputed one the arguments on both sides.</summary>
    public async Task<IReadOnlyList<ReportTable>> MethodAsync(ParvisDbContext db, Process process, IStringLocalizer text, string written)
    {
        var debates = await db.Debates.AsNoTracking().Where(d => d.ProcessId == process.Id && d.ClosedAt != null && d.HiddenAt == null).OrderBy(d => d.ClosedAt).ToListAsync();
        var tables = new List<ReportTable>();
        foreach (var debate in debates)
        {
            var record = await DebateRecord.LoadAsync(db, debate.Id);
            tables.Add(new ReportTable(text["Debates.RecordCaption", debate.QuestionOr(text)], [text["Debates.PointKind"], text["Debates.Point"], text["Debates.PointArguments"]],
                [.. record.Select(p => (IReadOnlyList<string>)[text[$"PointKind.{p.Point.Kind}"], p.Point.Text,
                    string.Join(text["Debates.ArgumentsJoin"], p.Arguments.Select(a => text["Debates.SideTitle", text[$"Side.{a.Side}"], a.Title].Value))])], [null, written]));
        }
        return tables;
    }
}

/// <summary>A closing record as pages and the report read it: each point with the arguments it stands on.</summary>
public sealed record RecordPoint(ClosingPoint Point, IReadOnlyList<Argument> Arguments);

public static class DebateRecord
{
    public static async Task<IReadOnlyList<RecordPoint>> LoadAsync(ParvisDbContext db, Guid debateId)
    {
        var points = await db.ClosingPoints.AsNoTracking().Where(p => p.DebateId == debateId).OrderBy(p => p.Position).ToListAsync();
        var ids = points.Select(p => p.Id).ToList();
        var links = await db.PointArguments.AsNoTracking().Where(l => ids.Contains(l.PointId)).ToListAsync();
        var argumentIds = links.Select(l => l.ArgumentId).Distinct().ToList();
        var arguments = await db.Arguments.AsNoTracking().Where(a => argumentIds.Contains(a.Id) && a.HiddenAt == null && a.ErasedAt == null).ToDictionaryAsync(a => a.Id);
        return [.. points.Select(p => new RecordPoint(p, [.. links.Where(l => l.PointId == p.Id && arguments.ContainsKey(l.ArgumentId))
            .Select(l => arguments[l.ArgumentId]).OrderBy(a => a.Side)]))];
    }
}
