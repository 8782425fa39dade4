using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Shared;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Pages.Admin;

/// <summary>What staff did, newest first, for administrators.</summary>
public sealed class AuditModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer) : ParvisPageModel
{
    public const int PageSize = 100;

    public sealed record Line(DateTimeOffset At, string? Actor, string Action, string Subject, string Details);

    public IReadOnlyList<Line> Lines { get; private set; } = [];
    public int PageNumber { get; private set; }
    public bool HasMore { get; private set; }

    public async Task<IActionResult> OnGetAsync(int p = 1)
    {
        var decision = await authorizer.DecideAsync(Permission.ViewAuditLog);
        if (Denied(decision) is { } denied)
        {
            return denied;
        }
        PageNumber = PageNumbers.Of(p);
        var lines = await db.AuditEntries.AsNoTracking()
            .Where(a => a.OrganisationId == organisation.Id)
            .OrderByDescending(a => a.At)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(a => new Line(a.At, db.Users.Where(u => u.Id == a.ActorId).Select(u => u.Pseudonym).FirstOrDefault(), a.Action, a.Subject, a.Details))
            .ToListAsync();
        HasMore = lines.Count > PageSize;
        Lines = lines.Take(PageSize).ToList();
        return Page();
    }
}
