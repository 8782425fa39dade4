using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Kernel.Permissions;

/// <summary>
/// A protected action: who may do it, and whether it waits for the phase to allow it. The kernel declares its own
/// below; each module declares its own in its manifest. Pages and commands ask <see cref="Authorizer"/>, never roles.
/// </summary>
public sealed class Permission
{
    private readonly Func<PhaseSettings, bool>? _openIn;

    /// <param name="name">Unique in the installation: "Module.Action" for a module's.</param>
    /// <param name="roles">The roles that may do it.</param>
    /// <param name="openIn">Null for an action the phase does not govern; otherwise whether the phase allows it in the
    /// component at hand (never asked outside any phase, when it is closed).</param>
    public Permission(string name, IReadOnlyCollection<Role> roles, Func<PhaseSettings, bool>? openIn = null)
    {
        Name = name;
        Roles = roles;
        _openIn = openIn;
    }

    public string Name { get; }

    public IReadOnlyCollection<Role> Roles { get; }

    /// <summary>What a mandate must allow for a mediator to do it for someone: contributing, unless said otherwise.</summary>
    public MandateUse UnderMandate { get; init; } = MandateUse.Contribute;

    public bool OpenIn(Phase? phase, ProcessComponent? component) => _openIn is null || (phase is not null && _openIn(new PhaseSettings(phase, component)));

    public override string ToString() => Name;

    /// <summary>Who runs processes.</summary>
    public static readonly Role[] Staff = [Role.Administrator, Role.ProcessManager];

    public static readonly Role[] Everyone = Enum.GetValues<Role>();

    public static readonly Permission ManageOrganisation = new(nameof(ManageOrganisation), [Role.Administrator]);
    public static readonly Permission ManageRoles = new(nameof(ManageRoles), [Role.Administrator]);
    public static readonly Permission ViewAuditLog = new(nameof(ViewAuditLog), [Role.Administrator]);
    public static readonly Permission CreateProcess = new(nameof(CreateProcess), Staff);
    public static readonly Permission EditProcess = new(nameof(EditProcess), Staff);
    public static readonly Permission Moderate = new(nameof(Moderate), [Role.Administrator, Role.ProcessManager, Role.Moderator]);

    /// <summary>Flag a contribution for the moderators.</summary>
    public static readonly Permission Flag = new(nameof(Flag), Everyone);

    /// <summary>Give contributions a fate and build the synthesis.</summary>
    public static readonly Permission Analyse = new(nameof(Analyse), [Role.Administrator, Role.ProcessManager, Role.Analyst]);

    /// <summary>Type in the optional questions' paper forms, gathered at a workshop, a meeting or a desk.</summary>
    public static readonly Permission TypeForms = new(nameof(TypeForms), [Role.Administrator, Role.ProcessManager, Role.Facilitator]);

    /// <summary>The kernel's own, in the matrix before the modules'.</summary>
    public static IReadOnlyList<Permission> Kernel { get; } =
        [ManageOrganisation, ManageRoles, ViewAuditLog, CreateProcess, EditProcess, Moderate, Flag, Analyse, TypeForms];
}

/// <summary>Why an action is refused, so the page can say what the person can do about it.</summary>
public enum Decision
{
    Allowed,
    SignInRequired,
    Forbidden,
    PhaseClosed,

    /// <summary>The process does not use the module that declares the permission: as if the page did not exist.</summary>
    NotInProcess,

    /// <summary>A mediator acts under a mandate that does not cover it (another process, only explaining, a vote).</summary>
    OutsideMandate,
}

/// <summary>What a mandate must allow for an action to be done under it.</summary>
public enum MandateUse
{
    Contribute,

    /// <summary>Voting for the person: only where the mandate says so, and the vote allows it.</summary>
    Vote,

    /// <summary>Never under a mandate.</summary>
    Never,
}

/// <summary>
/// The permission matrix: each permission carries its roles and phase rule, and the module catalog lists them all;
/// the matrix test covers every permission of every module for every role.
/// </summary>
public static class PermissionMatrix
{
    /// <summary>
    /// Decides for a person with the given roles (empty and signedIn false for an anonymous visitor)
    /// in the given phase (null when no phase is current, or for actions outside any process), for the given component
    /// of the module that declares the permission.
    /// </summary>
    public static Decision Decide(Permission permission, bool signedIn, IReadOnlyCollection<Role> roles, Phase? phase, ProcessComponent? component = null)
    {
        if (!signedIn)
        {
            return Decision.SignInRequired;
        }
        if (!permission.Roles.Any(roles.Contains))
        {
            return Decision.Forbidden;
        }
        return permission.OpenIn(phase, component) ? Decision.Allowed : Decision.PhaseClosed;
    }
}
