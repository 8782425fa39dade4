using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Kernel.Permissions;

/// <summary>Answers "may the current person do this here?" for pages, from their roles and the phase.</summary>
public sealed class Authorizer(DatabaseOnDemand database, CurrentOrganisation organisation, IHttpContextAccessor http, TimeProvider clock, SharedData shared,
    ModuleCatalog modules)
{
    private ParvisDbContext Db => database.Context;

    private List<RoleAssignment>? _assignments;

    // A page asks these a dozen times: worked out once per request (per principal, should it change).
    private (ClaimsPrincipal? User, Guid? Id) _person;
    private (Guid? ProcessId, IReadOnlyCollection<Role> Roles)? _roles;

    public Guid? PersonId
    {
        get
        {
            var user = http.HttpContext?.User;
            if (_person.User is null || !ReferenceEquals(_person.User, user))
            {
                _person = (user, Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null);
            }
            return _person.Id;
        }
    }

    public async Task<Decision> DecideAsync(Permission permission, Process? process = null)
    {
        if (Unused(permission, process))
        {
            return Decision.NotInProcess;
        }
        var roles = await RolesAsync(process?.Id);
        return PermissionMatrix.Decide(permission, PersonId is not null, roles, OpenPhase(process));
    }

    /// <summary>For an action open only while a given phase of the process is current (an opinion map's).</summary>
    public async Task<Decision> DecideAsync(Permission permission, Process process, Guid phaseId)
    {
        if (Unused(permission, process))
        {
            return Decision.NotInProcess;
        }
        var roles = await RolesAsync(process.Id);
        var phase = OpenPhase(process);
        return PermissionMatrix.Decide(permission, PersonId is not null, roles, phase?.Id == phaseId ? phase : null);
    }

    public async Task<bool> CanAsync(Permission permission, Process? process = null) =>
        await DecideAsync(permission, process) == Decision.Allowed;

    /// <summary>
    /// Organisation-wide roles plus the roles given in this process; signed-in people are always participants. A staff
    /// role counts only in a session opened with a second factor (<see cref="PersonRules.IsStaff"/>).
    /// </summary>
    public async Task<IReadOnlyCollection<Role>> RolesAsync(Guid? processId = null)
    {
        if (PersonId is not { } personId)
        {
            return [];
        }
        // Asked on every page a person sees, and changed rarely: kept until a role of the organisation changes on any node.
        if (_roles is { } known && known.ProcessId == processId)
        {
            return known.Roles;
        }
        _assignments ??= await shared.GetAsync($"roles:{organisation.Id}:{personId}", () => Db.RoleAssignments.AsNoTracking()
            .Where(r => r.PersonId == personId && r.OrganisationId == organisation.Id)
            .ToListAsync(), ChangeKind.Roles);
        var secondFactor = Sessions.HasSecondFactor(http.HttpContext?.User);
        var roles = _assignments
            .Where(r => r.ProcessId is null || r.ProcessId == processId)
            .Select(r => r.Role)
            .Where(r => secondFactor || !PersonRules.IsStaff(r))
            .Append(Role.Participant)
            .Distinct()
            .ToList();
        _roles = (processId, roles);
        return roles;
    }

    /// <summary>Whether the person holds a staff role here that this session cannot use, for lack of a second factor.</summary>
    public async Task<bool> LacksSecondFactorAsync()
    {
        if (PersonId is null || Sessions.HasSecondFactor(http.HttpContext?.User))
        {
            return false;
        }
        await RolesAsync();
        return _assignments!.Any(r => PersonRules.IsStaff(r.Role));
    }

    /// <summary>A module's permission in a process that does not use the module (or no longer does).</summary>
    private bool Unused(Permission permission, Process? process) =>
        process is not null && modules.ModuleOf(permission) is { } module && !process.Uses(module.Name);

    /// <summary>The current phase, none once the process is closed.</summary>
    private Phase? OpenPhase(Process? process) => process?.ClosedAt is null ? process?.CurrentPhase(Today()) : null;

    public DateOnly Today() => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
}
