using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Text;

namespace Parvis.Web.Modules.Proposals;

public enum ProposalSort
{
    Newest,
    MostSupported,
    MostDiscussed,
    Oldest,
}

/// <summary>
/// A page of the list: by number (<see cref="Page"/>), or, when following "next" and "previous", right after or before
/// a known proposal (<see cref="After"/>, <see cref="Before"/>), which costs the same on page 500 as on page 2.
/// </summary>
public sealed record ProposalQuery(Guid ProcessId, string? Text = null, Guid? ThemeId = null, ProposalStatus? Status = null,
    ProposalSort Sort = ProposalSort.Newest, int Page = 1, ProposalCursor? After = null, ProposalCursor? Before = null);

/// <summary>Where a proposal stands in a sorted list: its count for that sort (supports, comments, or 0), its date, its id.</summary>
public sealed record ProposalCursor(int Count, long Ticks, Guid Id)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Count}.{Ticks}.{Id:N}");

    /// <summary>Null for anything that is not a cursor this class wrote: the page number is used instead.</summary>
    public static ProposalCursor? Parse(string? text) =>
        text?.Split('.') is [var count, var ticks, var id]
        && int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var c)
        && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t)
        && t <= DateTimeOffset.MaxValue.UtcTicks
        && Guid.TryParseExact(id, "N", out var g)
            ? new ProposalCursor(c, t, g)
            : null;

    internal static ProposalCursor Of(ProposalSummary proposal, ProposalSort sort) => new(
        sort switch
        {
            ProposalSort.MostSupported => proposal.SupportCount,
            ProposalSort.MostDiscussed => proposal.CommentCount,
            _ => 0,
        },
        proposal.CreatedAt.UtcTicks, proposal.Id);
}

public sealed record ProposalSummary(Guid Id, string Title, string Excerpt, Guid? ThemeId, ProposalStatus Status,
    int SupportCount, int CommentCount, DateTimeOffset CreatedAt, string? AuthorPseudonym, string Language, Guid? MediatedById);

public sealed record ProposalResults(IReadOnlyList<ProposalSummary> Items, int Total, int Page, int PageCount, ProposalSort Sort)
{
    public ProposalCursor? First => Items.Count > 0 ? ProposalCursor.Of(Items[0], Sort) : null;
    public ProposalCursor? Last => Items.Count > 0 ? ProposalCursor.Of(Items[^1], Sort) : null;
}

/// <summary>
/// Lists a process' visible proposals with full-text search: FTS5 (accent-insensitive, prefix matching)
/// on SQLite, French and English text search configurations on PostgreSQL.
/// </summary>
public sealed class ProposalSearch(DatabaseOnDemand database)
{
    private ParvisDbContext Db => database.Context;

    public const int PageSize = 20;
    public const int ExcerptLength = 240;

    public async Task<ProposalResults> SearchAsync(ProposalQuery query, CancellationToken cancellationToken = default)
    {
        var proposals = Db.Proposals.AsNoTracking()
            .Where(p => p.ProcessId == query.ProcessId && p.HiddenAt == null && p.WithdrawnAt == null && p.ErasedAt == null);
        if (query.ThemeId is { } themeId)
        {
            proposals = proposals.Where(p => p.ThemeId == themeId);
        }
        if (query.Status is { } status)
        {
            proposals = proposals.Where(p => p.Status == status);
        }
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            proposals = MatchText(proposals, query.Text.Trim());
        }
        var total = await proposals.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);
        var cursor = query.After ?? query.Before;
        var forward = query.Before is null;
        if (cursor is not null)
        {
            proposals = proposals.Where(Beyond(query.Sort, cursor, forward));
        }
        var items = await Ordered(proposals, query.Sort, forward)
            .Skip(cursor is null ? (page - 1) * PageSize : 0).Take(PageSize)
            // A list shows an excerpt: the rest of a long text is neither read nor kept.
            .Select(p => new ProposalSummary(p.Id, p.Title, p.Body.Substring(0, ExcerptLength + 1), p.ThemeId, p.Status, p.SupportCount, p.CommentCount, p.CreatedAt,
                Db.Users.Where(u => u.Id == p.AuthorId).Select(u => u.Pseudonym).FirstOrDefault(), p.Language, p.MediatedById))
            .ToListAsync(cancellationToken);
        for (var i = 0; i < items.Count; i++)
        {
            items[i] = items[i] with { Excerpt = Excerpts.Cut(items[i].Excerpt, ExcerptLength) };
        }
        if (!forward)
        {
            items.Reverse();
        }
        return new ProposalResults(items, total, page, pageCount, query.Sort);
    }

    /// <summary>Every sort ends with the date then the id, so the order is total and a cursor is exact.</summary>
    private static IOrderedQueryable<Proposal> Ordered(IQueryable<Proposal> proposals, ProposalSort sort, bool forward)
    {
        var descending = (sort != ProposalSort.Oldest) == forward;
        var byCount = sort switch
        {
            ProposalSort.MostSupported => descending ? proposals.OrderByDescending(p => p.SupportCount) : proposals.OrderBy(p => p.SupportCount),
            ProposalSort.MostDiscussed => descending ? proposals.OrderByDescending(p => p.CommentCount) : proposals.OrderBy(p => p.CommentCount),
            _ => null,
        };
        return descending
            ? (byCount?.ThenByDescending(p => p.CreatedAt) ?? proposals.OrderByDescending(p => p.CreatedAt)).ThenByDescending(p => p.Id)
            : (byCount?.ThenBy(p => p.CreatedAt) ?? proposals.OrderBy(p => p.CreatedAt)).ThenBy(p => p.Id);
    }

    /// <summary>
    /// The proposals that come after the cursor in the direction of travel: (count, date, id) compared as a
    /// whole, written out as the database's index can use it.
    /// </summary>
    private static Expression<Func<Proposal, bool>> Beyond(ProposalSort sort, ProposalCursor cursor, bool forward)
    {
        var descending = (sort != ProposalSort.Oldest) == forward;
        var proposal = Expression.Parameter(typeof(Proposal), "p");
        // Read from an object rather than written in as constants: EF Core sends them as parameters and reuses the query.
        var bound = Expression.Constant(new CursorValues(cursor.Count, new DateTimeOffset(cursor.Ticks, TimeSpan.Zero), cursor.Id));
        var keys = new List<(Expression Key, Expression Value)>();
        if (sort is ProposalSort.MostSupported or ProposalSort.MostDiscussed)
        {
            var count = sort == ProposalSort.MostSupported ? nameof(Proposal.SupportCount) : nameof(Proposal.CommentCount);
            keys.Add((Expression.Property(proposal, count), Expression.Property(bound, nameof(CursorValues.Count))));
        }
        keys.Add((Expression.Property(proposal, nameof(Proposal.CreatedAt)), Expression.Property(bound, nameof(CursorValues.At))));
        keys.Add((Expression.Property(proposal, nameof(Proposal.Id)), Expression.Property(bound, nameof(CursorValues.Id))));
        Expression? condition = null;
        foreach (var (key, value) in Enumerable.Reverse(keys))
        {
            var beyond = key.Type == typeof(Guid)
                ? Compare(Expression.Call(key, nameof(Guid.CompareTo), null, value), Expression.Constant(0), descending)
                : Compare(key, value, descending);
            condition = condition is null ? beyond : Expression.OrElse(beyond, Expression.AndAlso(Expression.Equal(key, value), condition));
        }
        return Expression.Lambda<Func<Proposal, bool>>(condition!, proposal);
    }

    private sealed record CursorValues(int Count, DateTimeOffset At, Guid Id);

    private static BinaryExpression Compare(Expression left, Expression right, bool descending) =>
        descending ? Expression.LessThan(left, right) : Expression.GreaterThan(left, right);

    private IQueryable<Proposal> MatchText(IQueryable<Proposal> proposals, string text)
    {
        if (Db.Database.IsNpgsql())
        {
            return proposals.Where(p =>
                EF.Functions.ToTsVector(ProposalsModule.PostgresFrench, p.Title + " " + p.Body).Matches(EF.Functions.WebSearchToTsQuery(ProposalsModule.PostgresFrench, text))
                || EF.Functions.ToTsVector("english", p.Title + " " + p.Body).Matches(EF.Functions.WebSearchToTsQuery("english", text)));
        }
        var match = ToFts5Query(text);
        if (match.Length == 0)
        {
            return proposals.Where(_ => false);
        }
        var ids = Db.Database.SqlQuery<Guid>($"SELECT proposal_id AS \"Value\" FROM proposals_search WHERE proposals_search MATCH {match}");
        return proposals.Where(p => ids.Contains(p.Id));
    }

    /// <summary>Each word becomes a quoted prefix term, so "mobilit velo" finds "mobilité" and "vélos" and nothing typed is read as FTS5 syntax.</summary>
    internal static string ToFts5Query(string text)
    {
        var terms = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text + " ")
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                terms.Add($"\"{word}\"*");
                word.Clear();
            }
        }
        return string.Join(" ", terms.Take(12));
    }
}
