using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Tests.Unit;

[Trait("Suite", "unit")]
public sealed class PermissionMatrixTests
{
    private static readonly Phase _allOpen = new() { Title = "open", ProposalsOpen = true, SupportsOpen = true, CommentsOpen = true };
    private static readonly Phase _allClosed = new() { Title = "closed" };

    /// <summary>The expected matrix, written out by hand: who may do what when the phase allows it.</summary>
    private static readonly Dictionary<Permission, Role[]> _expected = new()
    {
        [Permission.ManageOrganisation] = [Role.Administrator],
        [Permission.ManageRoles] = [Role.Administrator],
        [Permission.ViewAuditLog] = [Role.Administrator],
        [Permission.CreateProcess] = [Role.Administrator, Role.ProcessManager],
        [Permission.EditProcess] = [Role.Administrator, Role.ProcessManager],
        [Permission.AnswerProposal] = [Role.Administrator, Role.ProcessManager],
        [Permission.Moderate] = [Role.Administrator, Role.ProcessManager, Role.Moderator],
        [Permission.Propose] = Enum.GetValues<Role>(),
        [Permission.Support] = Enum.GetValues<Role>(),
        [Permission.Comment] = Enum.GetValues<Role>(),
        [Permission.Report] = Enum.GetValues<Role>(),
        [Permission.ManageOpinionMaps] = [Role.Administrator, Role.ProcessManager],
        [Permission.ContributeOpinions] = Enum.GetValues<Role>(),
        [Permission.Analyse] = [Role.Administrator, Role.ProcessManager, Role.Analyst],
        [Permission.ManageWorkshops] = [Role.Administrator, Role.ProcessManager],
        [Permission.RunWorkshop] = [Role.Administrator, Role.ProcessManager, Role.Facilitator],
        [Permission.ManageMeetings] = [Role.Administrator, Role.ProcessManager],
        [Permission.RunMeeting] = [Role.Administrator, Role.ProcessManager, Role.Facilitator],
        [Permission.RegisterForMeeting] = Enum.GetValues<Role>(),
        [Permission.AskExperts] = Enum.GetValues<Role>(),
        [Permission.AnswerQuestions] = [Role.Administrator, Role.ProcessManager, Role.Expert],
    };

    private static readonly Permission[] _phaseBound = [Permission.Propose, Permission.Support, Permission.Comment];

    public static TheoryData<Permission, Role> EveryPermissionAndRole()
    {
        var data = new TheoryData<Permission, Role>();
        foreach (var permission in Enum.GetValues<Permission>())
        {
            foreach (var role in Enum.GetValues<Role>())
            {
                data.Add(permission, role);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPermissionAndRole))]
    public void Each_role_gets_exactly_what_the_matrix_grants(Permission permission, Role role)
    {
        var expected = _expected[permission].Contains(role) ? Decision.Allowed : Decision.Forbidden;
        Assert.Equal(expected, PermissionMatrix.Decide(permission, signedIn: true, [role], _allOpen));
    }

    [Theory]
    [MemberData(nameof(EveryPermissionAndRole))]
    public void A_closed_phase_refuses_only_the_phase_bound_actions(Permission permission, Role role)
    {
        var decision = PermissionMatrix.Decide(permission, signedIn: true, [role], _allClosed);
        if (!_expected[permission].Contains(role))
        {
            Assert.Equal(Decision.Forbidden, decision);
        }
        else
        {
            Assert.Equal(_phaseBound.Contains(permission) ? Decision.PhaseClosed : Decision.Allowed, decision);
        }
    }

    [Theory]
    [MemberData(nameof(EveryPermissionAndRole))]
    public void Outside_any_phase_the_phase_bound_actions_are_closed(Permission permission, Role role)
    {
        var decision = PermissionMatrix.Decide(permission, signedIn: true, [role], phase: null);
        if (_expected[permission].Contains(role) && _phaseBound.Contains(permission))
        {
            Assert.Equal(Decision.PhaseClosed, decision);
        }
    }

    [Fact]
    public void Every_permission_is_in_the_expected_matrix() =>
        Assert.Equal(Enum.GetValues<Permission>().Order(), _expected.Keys.Order());

    [Theory]
    [InlineData(Permission.Propose)]
    [InlineData(Permission.Moderate)]
    [InlineData(Permission.ManageOrganisation)]
    public void Anonymous_visitors_are_asked_to_sign_in(Permission permission) =>
        Assert.Equal(Decision.SignInRequired, PermissionMatrix.Decide(permission, signedIn: false, [], _allOpen));

    [Fact]
    public void A_process_phase_switches_each_action_separately()
    {
        var supportsOnly = new Phase { Title = "vote", SupportsOpen = true };
        Assert.Equal(Decision.Allowed, PermissionMatrix.Decide(Permission.Support, true, [Role.Participant], supportsOnly));
        Assert.Equal(Decision.PhaseClosed, PermissionMatrix.Decide(Permission.Propose, true, [Role.Participant], supportsOnly));
        Assert.Equal(Decision.PhaseClosed, PermissionMatrix.Decide(Permission.Comment, true, [Role.Participant], supportsOnly));
    }

    [Fact]
    public void Questions_to_the_experts_are_asked_online_only_while_a_phase_runs()
    {
        Assert.Equal(Decision.Allowed, PermissionMatrix.Decide(Permission.AskExperts, true, [Role.Participant], _allClosed));
        Assert.Equal(Decision.PhaseClosed, PermissionMatrix.Decide(Permission.AskExperts, true, [Role.Participant], phase: null));
        Assert.Equal(Decision.Allowed, PermissionMatrix.Decide(Permission.RegisterForMeeting, true, [Role.Participant], phase: null));
    }

    [Fact]
    public void The_current_phase_comes_from_the_dates()
    {
        var process = new Process { Slug = "p", Title = "p" };
        process.Phases.Add(new Phase { Title = "one", StartsOn = new DateOnly(2026, 1, 1), EndsOn = new DateOnly(2026, 1, 31) });
        process.Phases.Add(new Phase { Title = "two", StartsOn = new DateOnly(2026, 2, 1), EndsOn = new DateOnly(2026, 2, 28) });
        Assert.Equal("one", process.CurrentPhase(new DateOnly(2026, 1, 31))?.Title);
        Assert.Equal("two", process.CurrentPhase(new DateOnly(2026, 2, 1))?.Title);
        Assert.Null(process.CurrentPhase(new DateOnly(2026, 3, 1)));
    }
}
