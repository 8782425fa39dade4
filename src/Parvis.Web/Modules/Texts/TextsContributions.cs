using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Accountability.Report;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Texts;

/// <summary>
/// Amendments and arguments await a fate like any contribution; the report shows, for each text, who contributed
/// (people and organisations apart) and every version's changelog.
/// </summary>
public sealed class TextsContributions(IServiceProvider services) : IContributionSource
{
    public IQueryable<Guid> AwaitingFate(ParvisDbContext db, Process process) =>
        db.Amendments.Where(a => a.ProcessId == process.Id).Select(a => a.Id).Concat(db.TextArguments.Where(a => a.ProcessId == process.Id).Select(a => a.Id));

    /// <summary>An amendment is about its article, not one of the process's themes until an analyst says so.</summary>
    public IQueryable<Guid> InTheme(ParvisDbContext db, Guid themeId) => db.Amendments.Where(_ => false).Select(a => a.Id);

    /// <summary>An argument about an amendment is read under it: hidden with it.</summary>
    public IQueryable<Guid>? Withheld(ParvisDbContext db)
    {
        var amendments = db.Amendments;
        return db.TextArguments.Where(r => amendments.Any(a => a.Id == r.AmendmentId && (a.HiddenAt != null || a.ErasedAt != null))).Select(r => r.Id);
    }

    public async Task<IReadOnlyList<(string Key, int Count)>> FiguresAsync(ParvisDbContext db, Process process)
    {
        var texts = await db.CollaborativeTexts.Where(t => t.ProcessId == process.Id && t.Version > 0).Select(t => t.Id).ToListAsync();

        async Task<int> Sum(Func<Guid, Task<int>> count)
        {
            var sum = 0;
            foreach (var text in texts)
            {
                sum += await count(text);
            }
            return sum;
        }

        return
        [
            ("Texts.Figure.Texts", texts.Count),
            ("Texts.Figure.Votes", await Sum(t => TextFigures.ShownVotes(db, t).CountAsync())),
            ("Texts.Figure.Amendments", await Sum(t => TextFigures.ShownAmendments(db, t).CountAsync())),
            ("Texts.Figure.Arguments", await Sum(t => TextFigures.ShownArguments(db, t).CountAsync())),
        ];
    }

    /// <summary>For each published text: contributions of people and of organisations apart, then each version's changelog.</summary>
    public async Task<IReadOnlyList<ReportTable>> MethodAsync(ParvisDbContext db, Process process, IStringLocalizer text, string written)
    {
        var texts = await db.CollaborativeTexts.AsNoTracking().Where(t => t.ProcessId == process.Id && t.Version > 0).OrderBy(t => t.CreatedAt).ToListAsync();
        var tables = new List<ReportTable>();
        foreach (var collaborative in texts)
        {
            var who = await TextFigures.ByVoiceAsync(db, collaborative);
            tables.Add(new ReportTable(text["Texts.WhoCaption", collaborative.Title], [text["Texts.Who"], text["Texts.Figure.Amendments"], text["Texts.Figure.Arguments"], text["Texts.Figure.Votes"]],
                [.. who.Select(w => (IReadOnlyList<string>)[text[$"Texts.Voice.{w.Voice}"], $"{w.Amendments}", $"{w.Arguments}", $"{w.Votes}"])]));
            var changes = await db.TextChanges.AsNoTracking().Where(c => c.TextId == collaborative.Id).OrderBy(c => c.Version).ThenBy(c => c.Position).ToListAsync();
            // Every module's sources, asked for now: taking them in the constructor would ask for this one too.
            var shown = ShownContributions.Of(db, services.GetServices<IContributionSource>());
            var causes = (await TextFigures.CausesAsync(db, shown, changes.Select(c => c.Id))).ToLookup(c => c.ChangeId);
            foreach (var version in changes.GroupBy(c => c.Version))
            {
                tables.Add(new ReportTable(text["Texts.ChangelogCaption", collaborative.Title, version.Key], [text["Texts.Article"], text["Texts.ChangeKind"], text["Texts.Reason"], text["Texts.Causes"]],
                    [.. version.Select(c => (IReadOnlyList<string>)[c.Heading, text[$"ArticleChange.{c.Kind}"], c.Reason, string.Join(" ; ", causes[c.Id].Select(l => l.Excerpt))])], [written, null, written, written]));
            }
        }
        return tables;
    }
}
