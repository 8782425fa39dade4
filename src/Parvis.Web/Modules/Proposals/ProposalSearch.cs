using System.Text;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;

namespace Parvis.Web.Modules.Proposals;

public enum ProposalSort
{
    Newest,
    MostSupported,
    MostDiscussed,
    Oldest,
}

public sealed record ProposalQuery(Guid ProcessId, string? Text = null, Guid? ThemeId = null, ProposalStatus? Status = null,
    ProposalSort Sort = ProposalSort.Newest, int Page = 1);

public sealed record ProposalSummary(Guid Id, string Title, string Body, Guid? ThemeId, ProposalStatus Status,
    int SupportCount, int CommentCount, DateTimeOffset CreatedAt, string? AuthorPseudonym);

public sealed record ProposalResults(IReadOnlyList<ProposalSummary> Items, int Total, int Page, int PageCount);

/// <summary>
/// Lists a process' visible proposals with full-text search: FTS5 (accent-insensitive, prefix matching)
/// on SQLite, French and English text search configurations on PostgreSQL.
/// </summary>
public sealed class ProposalSearch(ParvisDbContext db)
{
    public const int PageSize = 20;

    public async Task<ProposalResults> SearchAsync(ProposalQuery query, CancellationToken cancellationToken = default)
    {
        var proposals = db.Proposals.AsNoTracking()
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
        proposals = query.Sort switch
        {
            ProposalSort.MostSupported => proposals.OrderByDescending(p => p.SupportCount).ThenByDescending(p => p.CreatedAt),
            ProposalSort.MostDiscussed => proposals.OrderByDescending(p => p.CommentCount).ThenByDescending(p => p.CreatedAt),
            ProposalSort.Oldest => proposals.OrderBy(p => p.CreatedAt),
            _ => proposals.OrderByDescending(p => p.CreatedAt),
        };
        var total = await proposals.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);
        var items = await proposals
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(p => new ProposalSummary(p.Id, p.Title, p.Body, p.ThemeId, p.Status, p.SupportCount, p.CommentCount, p.CreatedAt,
                db.Users.Where(u => u.Id == p.AuthorId).Select(u => u.Pseudonym).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return new ProposalResults(items, total, page, pageCount);
    }

    private IQueryable<Proposal> MatchText(IQueryable<Proposal> proposals, string text)
    {
        if (db.Database.IsNpgsql())
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
        var ids = db.Database.SqlQuery<Guid>($"SELECT proposal_id AS \"Value\" FROM proposals_search WHERE proposals_search MATCH {match}");
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
