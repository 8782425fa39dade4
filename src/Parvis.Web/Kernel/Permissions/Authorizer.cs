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

    /// <param name="permission">What the person wants to do.</param>
    /// <param name="process">Where, if in a process.</param>
    /// <param name="componentId">For a module used more than once in the process, the component at hand (by default its
    /// first): each has its own phase settings.</param>
    public async Task<Decision> DecideAsync(Permission permission, Process? process = null, Guid? componentId = null)
    {
        if (!InUse(permission, process, componentId, out var component))
        {
            return Decision.NotInProcess;
        }
        var roles = await RolesAsync(process?.Id);
        return UnderMandate(PermissionMatrix.Decide(permission, PersonId is not null, roles, OpenPhase(process), component), permission, process);
    }

    /// <summary>What a mediator acting for someone may do is what the person may, within what the mandate covers.</summary>
    private Decision UnderMandate(Decision decision, Permission permission, Process? process) =>
        decision == Decision.Allowed && Mediation.ActingUnderMandate.Of(http.HttpContext) is { } acting && !acting.Allows(permission, process?.Id)
            ? Decision.OutsideMandate : decision;

    /// <summary>For an action open only while a given phase of the process is current (an opinion map's).</summary>
    public async Task<Decision> DecideAsync(Permission permission, Process process, Guid? componentId, Guid phaseId)
    {
        if (!InUse(permission, process, componentId, out var component))
        {
            return Decision.NotInProcess;
        }
        var roles = await RolesAsync(process.Id);
        var phase = OpenPhase(process);
        return UnderMandate(PermissionMatrix.Decide(permission, PersonId is not null, roles, phase?.Id == phaseId ? phase : null, component), permission, process);
    }

    /// <summary>Whether a mediator acts for the person beyond what their mandate covers in the process (see <see cref="Mediation.ActingUnderMandate.Contributes"/>).</summary>
    public bool OutsideMandate(Guid? processId) => Mediation.ActingUnderMandate.Of(http.HttpContext) is { } acting && !acting.Contributes(processId);

    public async Task<bool> CanAsync(Permission permission, Process? process = null, Guid? componentId = null) =>
        await DecideAsync(permission, process, componentId) == Decision.Allowed;

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

    /// <summary>
    /// Whether the process uses the module that declares the permission (a kernel permission is always in use), in the
    /// given component or, by default, its first; false for a component of another module, or one switched off.
    /// </summary>
    private bool InUse(Permission permission, Process? process, Guid? componentId, out ProcessComponent? component)
    {
        component = null;
        if (process is null || modules.ModuleOf(permission) is not { } module)
        {
            return true;
        }
        component = componentId is { } id ? process.Component(id) : process.Component(module.Name);
        return component is not null && component.Module == module.Name;
    }

    /// <summary>The phase open today, none once the process is closed: what the phase rules read.</summary>
    public Phase? OpenPhase(Process? process) => process?.ClosedAt is null ? process?.CurrentPhase(Today()) : null;

    public DateOnly Today() => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
}
