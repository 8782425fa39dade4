using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Kernel.Permissions;

/// <summary>Every protected action of the platform. Pages ask <see cref="Authorizer"/>, never roles directly.</summary>
public enum Permission
{
    ManageOrganisation,
    ManageRoles,
    ViewAuditLog,
    CreateProcess,
    EditProcess,
    Moderate,
    AnswerProposal,
    Propose,
    Support,
    Comment,
    Report,
    ManageOpinionMaps,
    ContributeOpinions,

    /// <summary>Give contributions a fate and build the synthesis.</summary>
    Analyse,

    /// <summary>Create workshops and set their times and groups.</summary>
    ManageWorkshops,

    /// <summary>Run a workshop: start its times, record and arrange what the tables produced.</summary>
    RunWorkshop,

    /// <summary>Create meetings and set their sites, seats and agenda; route questions to experts.</summary>
    ManageMeetings,

    /// <summary>Run a meeting: write down what was said at a site, the questions heard, the minutes and attendance.</summary>
    RunMeeting,

    /// <summary>Take a seat at a meeting (or a place on its waiting list).</summary>
    RegisterForMeeting,

    /// <summary>Ask the experts a question online, while a phase is open.</summary>
    AskExperts,

    /// <summary>Answer citizens' questions in public, or record that they could not be covered.</summary>
    AnswerQuestions,
}

/// <summary>Why an action is refused, so the page can say what the person can do about it.</summary>
public enum Decision
{
    Allowed,
    SignInRequired,
    Forbidden,
    PhaseClosed,
}

/// <summary>
/// The permission matrix: which roles may do what, and which actions depend on the process phase.
/// It is the only place that knows; the matrix test covers every permission for every role.
/// </summary>
public static class PermissionMatrix
{
    private static readonly Role[] _staff = [Role.Administrator, Role.ProcessManager];
    private static readonly Role[] _everyone = Enum.GetValues<Role>();

    private static readonly Dictionary<Permission, Role[]> _allowed = new()
    {
        [Permission.ManageOrganisation] = [Role.Administrator],
        [Permission.ManageRoles] = [Role.Administrator],
        [Permission.ViewAuditLog] = [Role.Administrator],
        [Permission.CreateProcess] = _staff,
        [Permission.EditProcess] = _staff,
        [Permission.Moderate] = [Role.Administrator, Role.ProcessManager, Role.Moderator],
        [Permission.AnswerProposal] = _staff,
        [Permission.Propose] = _everyone,
        [Permission.Support] = _everyone,
        [Permission.Comment] = _everyone,
        [Permission.Report] = _everyone,
        [Permission.ManageOpinionMaps] = _staff,
        [Permission.ContributeOpinions] = _everyone,
        [Permission.Analyse] = [Role.Administrator, Role.ProcessManager, Role.Analyst],
        [Permission.ManageWorkshops] = _staff,
        [Permission.RunWorkshop] = [Role.Administrator, Role.ProcessManager, Role.Facilitator],
        [Permission.ManageMeetings] = _staff,
        [Permission.RunMeeting] = [Role.Administrator, Role.ProcessManager, Role.Facilitator],
        [Permission.RegisterForMeeting] = _everyone,
        [Permission.AskExperts] = _everyone,
        [Permission.AnswerQuestions] = [Role.Administrator, Role.ProcessManager, Role.Expert],
    };

    public static IReadOnlyCollection<Role> RolesFor(Permission permission) => _allowed[permission];

    /// <summary>
    /// Decides for a person with the given roles (empty and signedIn false for an anonymous visitor)
    /// in the given phase (null when no phase is current, or for actions outside any process).
    /// </summary>
    public static Decision Decide(Permission permission, bool signedIn, IReadOnlyCollection<Role> roles, Phase? phase)
    {
        if (!signedIn)
        {
            return Decision.SignInRequired;
        }
        if (!_allowed[permission].Any(roles.Contains))
        {
            return Decision.Forbidden;
        }
        var open = permission switch
        {
            Permission.Propose => phase?.ProposalsOpen == true,
            Permission.Support => phase?.SupportsOpen == true,
            Permission.Comment => phase?.CommentsOpen == true,
            // An opinion map lives in one phase: callers pass the phase only while it is the map's.
            Permission.ContributeOpinions => phase is not null,
            Permission.AskExperts => phase is not null,
            _ => true,
        };
        return open ? Decision.Allowed : Decision.PhaseClosed;
    }
}
