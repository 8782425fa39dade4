using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Shared;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Pages;

/// <summary>The public moderation log: every hidden or restored contribution, with the date and the reason.</summary>
public sealed class ModerationLogModel(ParvisDbContext db, CurrentOrganisation organisation) : ParvisPageModel
{
    public const int PageSize = 50;

    public sealed record Line(DateTimeOffset DecidedAt, ModerationAction Action, string Kind, string Reason, string ProcessTitle, string ProcessSlug);

    public IReadOnlyList<Line> Lines { get; private set; } = [];
    public int PageNumber { get; private set; }
    public bool HasMore { get; private set; }

    public async Task OnGetAsync(int p = 1)
    {
        PageNumber = PageNumbers.Of(p);
        var lines = await db.ModerationDecisions.AsNoTracking()
            .Where(d => d.OrganisationId == organisation.Id)
            .OrderByDescending(d => d.DecidedAt)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Join(db.Processes, d => d.ProcessId, p => p.Id, (d, p) => new Line(d.DecidedAt, d.Action, d.ContributionKind, d.Reason, p.Title, p.Slug))
            .ToListAsync();
        HasMore = lines.Count > PageSize;
        Lines = lines.Take(PageSize).ToList();
    }
}
