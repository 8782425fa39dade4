using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Admin;

/// <summary>The staff's desk: flags waiting for a moderator and the processes they run.</summary>
public sealed class IndexModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, ModuleCatalog modules) : ParvisPageModel
{
    public sealed record Waiting(Guid ContributionId, int Count, DateTimeOffset First);

    public IReadOnlyList<Waiting> Flags { get; private set; } = [];

    /// <summary>Authors' contests of a hiding, oldest first, with when they were filed.</summary>
    public IReadOnlyList<(Guid ContributionId, DateTimeOffset FiledAt)> Appeals { get; private set; } = [];
    public IReadOnlyList<Process> Processes { get; private set; } = [];

    public ModuleCatalog Modules => modules;
    public bool CanModerate { get; private set; }
    public bool CanCreateProcess { get; private set; }
    public bool CanManageOrganisation { get; private set; }
    public bool CanManageRoles { get; private set; }
    public bool CanViewAudit { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (authorizer.PersonId is null)
        {
            return Challenge();
        }
        CanModerate = await authorizer.CanAsync(Permission.Moderate);
        CanCreateProcess = await authorizer.CanAsync(Permission.CreateProcess);
        CanManageOrganisation = await authorizer.CanAsync(Permission.ManageOrganisation);
        CanManageRoles = await authorizer.CanAsync(Permission.ManageRoles);
        CanViewAudit = await authorizer.CanAsync(Permission.ViewAuditLog);
        if (!CanModerate && !CanCreateProcess)
        {
            return Forbid();
        }
        if (CanModerate)
        {
            Flags = (await db.ContributionFlags.AsNoTracking()
                    .Where(r => r.OrganisationId == organisation.Id && r.ResolvedAt == null)
                    .Select(r => new { r.ContributionId, r.CreatedAt })
                    .ToListAsync())
                .GroupBy(r => r.ContributionId)
                .Select(g => new Waiting(g.Key, g.Count(), g.Min(r => r.CreatedAt)))
                .OrderBy(w => w.First)
                .ToList();
            Appeals = (await db.ModerationAppeals.AsNoTracking().Where(a => a.OrganisationId == organisation.Id && a.Outcome == null)
                .OrderBy(a => a.FiledAt).Take(200).Select(a => new { a.ContributionId, a.FiledAt }).ToListAsync())
                .Select(a => (a.ContributionId, a.FiledAt)).ToList();
        }
        Processes = await db.Processes.AsNoTracking().Where(p => p.OrganisationId == organisation.Id)
            .OrderByDescending(p => p.CreatedAt).ToListAsync();
        return Page();
    }
}
