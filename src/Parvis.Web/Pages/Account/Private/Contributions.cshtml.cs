using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Shared;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Pages.Account.Private;

/// <summary>"What became of my contributions": each of the person's contributions with its current fate.</summary>
public sealed class ContributionsModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer) : ParvisPageModel
{
    public const int PageSize = 50;

    public sealed record Line(Contribution Contribution, string ProcessTitle, string ProcessSlug, string? FateText);

    public IReadOnlyList<Line> Lines { get; private set; } = [];
    public int PageNumber { get; private set; }
    public bool HasMore { get; private set; }

    public async Task OnGetAsync(int p = 1)
    {
        PageNumber = PageNumbers.Of(p);
        var mine = await db.Contributions.AsNoTracking()
            .Where(c => c.AuthorId == authorizer.PersonId && c.OrganisationId == organisation.Id && c.ErasedAt == null)
            .OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Join(db.Processes, c => c.ProcessId, p => p.Id, (c, p) => new { Contribution = c, p.Title, p.Slug })
            .ToListAsync();
        HasMore = mine.Count > PageSize;
        var ids = mine.Select(m => m.Contribution.Id).ToList();
        // The text of each current fate: the latest decision per contribution.
        var texts = (await db.FateDecisions.AsNoTracking().Where(d => ids.Contains(d.ContributionId))
                .Select(d => new { d.ContributionId, d.DecidedAt, d.Text }).ToListAsync())
            .GroupBy(d => d.ContributionId).ToDictionary(g => g.Key, g => g.MaxBy(d => d.DecidedAt)!.Text);
        Lines = mine.Take(PageSize).Select(m => new Line(m.Contribution, m.Title, m.Slug, texts.GetValueOrDefault(m.Contribution.Id))).ToList();
    }
}
