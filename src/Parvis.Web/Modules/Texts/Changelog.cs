using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;

namespace Parvis.Web.Modules.Texts;

/// <summary>An article compared between two versions: its wording in each (empty where it is absent), and the word-level difference.</summary>
public sealed record ArticleComparison(Guid LineageId, string Heading, ArticleChange? Kind, string Before, string After, IReadOnlyList<DiffPiece> Diff);

/// <summary>A changelog line: the change, why, what caused it, and the wording before and after.</summary>
public sealed record ChangelogLine(TextChange Change, ArticleComparison Comparison, IReadOnlyList<ChangeCause> Causes);

/// <summary>What changed in a version, line by line, as staff explained it at publication; <see cref="Whole"/> when some article could not be compared word by word.</summary>
public sealed record Changelog(int Version, IReadOnlyList<ChangelogLine> Lines, bool Whole = false)
{
    public static async Task<Changelog> LoadAsync(ParvisDbContext db, IQueryable<Contribution> shown, Guid textId, int version)
    {
        var changes = await db.TextChanges.AsNoTracking().Where(c => c.TextId == textId && c.Version == version).OrderBy(c => c.Position).ToListAsync();
        if (changes.Count == 0)
        {
            return new Changelog(version, []);
        }
        var articles = await db.TextArticles.AsNoTracking().Where(a => a.TextId == textId && (a.Version == version || a.Version == version - 1)).OrderBy(a => a.Position).ToListAsync();
        var budget = new DiffBudget();
        var comparisons = TextComparison.Compare([.. articles.Where(a => a.Version == version - 1)], [.. articles.Where(a => a.Version == version)], budget).ToDictionary(c => c.LineageId);
        var causes = (await TextFigures.CausesAsync(db, shown, changes.Select(c => c.Id))).ToLookup(c => c.ChangeId);
        return new Changelog(version, [.. changes.Select(c => new ChangelogLine(c,
            comparisons.GetValueOrDefault(c.LineageId) ?? new ArticleComparison(c.LineageId, c.Heading, c.Kind, "", "", []), [.. causes[c.Id]]))], budget.Spent);
    }
}

/// <summary>Any two versions compared article by article, matched by lineage, in the later version's order.</summary>
public static class TextComparison
{
    public static IReadOnlyList<ArticleComparison> Compare(IReadOnlyList<TextArticle> from, IReadOnlyList<TextArticle> to, DiffBudget budget)
    {
        var before = from.ToDictionary(a => a.LineageId);
        var kept = to.Select(a => a.LineageId).ToHashSet();
        var lines = new List<ArticleComparison>();
        foreach (var article in to)
        {
            var old = before.GetValueOrDefault(article.LineageId);
            var kind = old is null ? ArticleChange.Added : old.Body != article.Body || old.Section != article.Section || old.Heading != article.Heading ? ArticleChange.Changed : (ArticleChange?)null;
            lines.Add(new ArticleComparison(article.LineageId, article.Heading, kind, old?.Body ?? "", article.Body, kind is null ? [] : budget.Compare(old?.Body ?? "", article.Body)));
        }
        lines.AddRange(from.Where(a => !kept.Contains(a.LineageId)).Select(a => new ArticleComparison(a.LineageId, a.Heading, ArticleChange.Removed, a.Body, "", budget.Compare(a.Body, ""))));
        return lines;
    }
}

/// <summary>Which wording a difference is shown in: both at once, or one column of a side-by-side comparison.</summary>
public enum DiffSide
{
    Inline,
    Before,
    After,
}

public sealed record DiffView(IReadOnlyList<DiffPiece> Pieces, DiffSide Side = DiffSide.Inline);
