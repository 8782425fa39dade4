using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;

namespace Parvis.Web.Kernel.People;

/// <summary>Who holds a role for a process: given in the whole organisation, or in this process only.</summary>
public static class RoleHolders
{
    public static IQueryable<Guid> Of(ParvisDbContext db, Guid organisationId, Guid processId, Role role) =>
        db.RoleAssignments.Where(r => r.OrganisationId == organisationId && r.Role == role && (r.ProcessId == null || r.ProcessId == processId))
            .Select(r => r.PersonId).Distinct();

    /// <summary>
    /// Whether each person named for a place (a site, a table) holds the role here. One already named at that very place
    /// stays so, role or not (it may have ended since): only a new choice must be a holder's.
    /// </summary>
    public static async Task<bool> HoldAsync(ParvisDbContext db, Guid organisationId, Guid processId, Role role,
        IEnumerable<(Guid? Place, Guid? Person)> named, IEnumerable<(Guid Place, Guid? Person)> already)
    {
        var kept = already.Where(a => a.Person is not null).Select(a => ((Guid?)a.Place, a.Person)).ToHashSet();
        var chosen = named.Where(n => n.Person is not null && !kept.Contains(n)).Select(n => n.Person!.Value).Distinct().ToList();
        return chosen.Count == 0 || await Of(db, organisationId, processId, role).CountAsync(id => chosen.Contains(id)) == chosen.Count;
    }

    /// <summary>The holders as choices of a select, by pseudonym, after a first choice for nobody.</summary>
    public static async Task<IReadOnlyList<SelectListItem>> ChoicesAsync(ParvisDbContext db, Guid organisationId, Guid processId, Role role, string nobody)
    {
        var people = await Of(db, organisationId, processId, role)
            .Join(db.Users, id => id, u => u.Id, (id, u) => new { u.Id, u.Pseudonym })
            .OrderBy(u => u.Pseudonym).ToListAsync();
        return [new SelectListItem(nobody, ""), .. people.Select(p => new SelectListItem(p.Pseudonym, p.Id.ToString()))];
    }
}
