using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Modules;

namespace Parvis.Tests.Unit;

[Trait("Suite", "unit")]
public sealed class PermissionMatrixTests
{
    /// <summary>A component of each installed module, as a process that uses them all has.</summary>
    private static readonly Dictionary<string, ProcessComponent> _components =
        Installed.Modules.Modules.ToDictionary(m => m.Name, m => new ProcessComponent { Module = m.Name });

    private static readonly Phase _allOpen = AllOpen();
    private static readonly Phase _allClosed = new() { Title = "closed" };

    private static Phase AllOpen()
    {
        var phase = new Phase { Title = "open" };
        foreach (var module in Installed.Modules.Modules)
        {
            phase.SwitchOn(_components[module.Name], module.PhaseSwitches.Select(s => s.Key));
        }
        return phase;
    }

    /// <summary>The component a permission is decided in: its module's, none for the kernel's.</summary>
    private static ProcessComponent? ComponentOf(Permission permission) =>
        Installed.Modules.ModuleOf(permission) is { } module ? _components[module.Name] : null;

    private static Decision Decide(string permission, bool signedIn, IReadOnlyCollection<Role> roles, Phase? phase) =>
        PermissionMatrix.Decide(Named(permission), signedIn, roles, phase, ComponentOf(Named(permission)));

    /// <summary>The expected matrix, written out by hand: who may do what when the phase allows it.</summary>
    private static readonly Dictionary<string, Role[]> _expected = new()
    {
        ["ManageOrganisation"] = [Role.Administrator],
        ["ManageRoles"] = [Role.Administrator],
        ["ViewAuditLog"] = [Role.Administrator],
        ["CreateProcess"] = [Role.Administrator, Role.ProcessManager],
        ["EditProcess"] = [Role.Administrator, Role.ProcessManager],
        ["Moderate"] = [Role.Administrator, Role.ProcessManager, Role.Moderator],
        ["Flag"] = Enum.GetValues<Role>(),
        ["Analyse"] = [Role.Administrator, Role.ProcessManager, Role.Analyst],
        ["TypeForms"] = [Role.Administrator, Role.ProcessManager, Role.Facilitator],
        ["Proposals.Answer"] = [Role.Administrator, Role.ProcessManager],
        ["Proposals.Propose"] = Enum.GetValues<Role>(),
        ["Proposals.Support"] = Enum.GetValues<Role>(),
        ["Proposals.Comment"] = Enum.GetValues<Role>(),
        ["OpinionMaps.Manage"] = [Role.Administrator, Role.ProcessManager],
        ["OpinionMaps.Contribute"] = Enum.GetValues<Role>(),
        ["Votes.Manage"] = [Role.Administrator, Role.ProcessManager],
        ["Votes.Cast"] = Enum.GetValues<Role>(),
        ["Votes.Desk"] = [Role.Administrator, Role.ProcessManager, Role.Facilitator],
        ["Votes.Submit"] = Enum.GetValues<Role>(),
        ["Votes.Mediate"] = [Role.Administrator, Role.ProcessManager, Role.Facilitator],
        ["Petitions.Write"] = Enum.GetValues<Role>(),
        ["Petitions.Sign"] = Enum.GetValues<Role>(),
        ["Petitions.Manage"] = [Role.Administrator, Role.ProcessManager],
        ["Directory.Propose"] = Enum.GetValues<Role>(),
        ["Directory.Manage"] = [Role.Administrator, Role.ProcessManager],
        ["Surveys.Answer"] = Enum.GetValues<Role>(),
        ["Debates.Open"] = Enum.GetValues<Role>(),
        ["Debates.Argue"] = Enum.GetValues<Role>(),
        ["Debates.Enter"] = [Role.Administrator, Role.ProcessManager, Role.Facilitator],
        ["Debates.Manage"] = [Role.Administrator, Role.ProcessManager],
        ["Texts.Vote"] = Enum.GetValues<Role>(),
        ["Texts.Amend"] = Enum.GetValues<Role>(),
        ["Texts.Enter"] = [Role.Administrator, Role.ProcessManager, Role.Facilitator],
        ["Texts.Manage"] = [Role.Administrator, Role.ProcessManager],
        ["Surveys.Manage"] = [Role.Administrator, Role.ProcessManager],
        ["Workshops.Manage"] = [Role.Administrator, Role.ProcessManager],
        ["Workshops.Run"] = [Role.Administrator, Role.ProcessManager, Role.Facilitator],
        ["Meetings.Manage"] = [Role.Administrator, Role.ProcessManager],
        ["Meetings.Run"] = [Role.Administrator, Role.ProcessManager, Role.Facilitator],
        ["Meetings.Register"] = Enum.GetValues<Role>(),
        ["Meetings.AskExperts"] = Enum.GetValues<Role>(),
        ["Meetings.AnswerQuestions"] = [Role.Administrator, Role.ProcessManager, Role.Expert],
    };

    /// <summary>What a phase switches on or off.</summary>
    private static readonly string[] _switchedByThePhase = ["Proposals.Propose", "Proposals.Support", "Proposals.Comment", "Votes.Submit", "Petitions.Write", "Petitions.Sign", "Surveys.Answer", "Debates.Open", "Debates.Argue", "Texts.Vote", "Texts.Amend", "Directory.Propose"];

    /// <summary>What any phase allows, and nothing outside one.</summary>
    private static readonly string[] _openInAnyPhase = ["OpinionMaps.Contribute", "Meetings.AskExperts"];

    private static Permission Named(string name) => Installed.Modules.Permissions.Single(p => p.Name == name);

    /// <summary>Every permission the kernel and the installed modules declare, with every role.</summary>
    public static TheoryData<string, Role> EveryPermissionAndRole()
    {
        var data = new TheoryData<string, Role>();
        foreach (var permission in Installed.Modules.Permissions)
        {
            foreach (var role in Enum.GetValues<Role>())
            {
                data.Add(permission.Name, role);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPermissionAndRole))]
    public void Each_role_gets_exactly_what_the_matrix_grants(string permission, Role role)
    {
        var expected = _expected[permission].Contains(role) ? Decision.Allowed : Decision.Forbidden;
        Assert.Equal(expected, Decide(permission, signedIn: true, [role], _allOpen));
    }

    [Theory]
    [MemberData(nameof(EveryPermissionAndRole))]
    public void A_closed_phase_refuses_only_what_it_switches_off(string permission, Role role)
    {
        var decision = Decide(permission, signedIn: true, [role], _allClosed);
        if (!_expected[permission].Contains(role))
        {
            Assert.Equal(Decision.Forbidden, decision);
        }
        else
        {
            Assert.Equal(_switchedByThePhase.Contains(permission) ? Decision.PhaseClosed : Decision.Allowed, decision);
        }
    }

    [Theory]
    [MemberData(nameof(EveryPermissionAndRole))]
    public void Outside_any_phase_only_what_the_phase_governs_is_closed(string permission, Role role)
    {
        var decision = Decide(permission, signedIn: true, [role], phase: null);
        if (!_expected[permission].Contains(role))
        {
            Assert.Equal(Decision.Forbidden, decision);
        }
        else
        {
            var governed = _switchedByThePhase.Contains(permission) || _openInAnyPhase.Contains(permission);
            Assert.Equal(governed ? Decision.PhaseClosed : Decision.Allowed, decision);
        }
    }

    [Fact]
    public void Every_permission_is_in_the_expected_matrix() =>
        Assert.Equal(_expected.Keys.Order(), Installed.Modules.Permissions.Select(p => p.Name).Order());

    [Theory]
    [InlineData("Proposals.Propose")]
    [InlineData("Moderate")]
    [InlineData("ManageOrganisation")]
    public void Anonymous_visitors_are_asked_to_sign_in(string permission) =>
        Assert.Equal(Decision.SignInRequired, Decide(permission, signedIn: false, [], _allOpen));

    [Fact]
    public void A_process_phase_switches_each_action_separately()
    {
        var supportsOnly = new Phase { Title = "vote" };
        var proposals = _components[ProposalsModule.Key];
        supportsOnly.SwitchOn(proposals, ProposalsModule.Supporting);
        Assert.Equal(Decision.Allowed, PermissionMatrix.Decide(ProposalsPermissions.Support, true, [Role.Participant], supportsOnly, proposals));
        Assert.Equal(Decision.PhaseClosed, PermissionMatrix.Decide(ProposalsPermissions.Propose, true, [Role.Participant], supportsOnly, proposals));
        Assert.Equal(Decision.PhaseClosed, PermissionMatrix.Decide(ProposalsPermissions.Comment, true, [Role.Participant], supportsOnly, proposals));
    }

    [Fact]
    public void Each_component_of_a_module_has_its_own_phase_settings()
    {
        var (first, second) = (new ProcessComponent { Module = ProposalsModule.Key }, new ProcessComponent { Module = ProposalsModule.Key });
        var phase = new Phase { Title = "vote" };
        phase.SwitchOn(first, ProposalsModule.Supporting);
        Assert.Equal(Decision.Allowed, PermissionMatrix.Decide(ProposalsPermissions.Support, true, [Role.Participant], phase, first));
        Assert.Equal(Decision.PhaseClosed, PermissionMatrix.Decide(ProposalsPermissions.Support, true, [Role.Participant], phase, second));
        // Without a component, no module's switch is on.
        Assert.Equal(Decision.PhaseClosed, PermissionMatrix.Decide(ProposalsPermissions.Support, true, [Role.Participant], phase));
    }

    [Fact]
    public void Two_modules_declaring_one_permission_name_stop_the_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ModuleCatalog([.. Installed.Modules.Modules, new Echo()]));
        Assert.Contains("\"Proposals.Propose\"", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A module that declares a permission another already has.</summary>
    private sealed class Echo : IParvisModule
    {
        public string Name => "echo";

        public string TitleKey => "Echo.ModuleTitle";

        public IReadOnlyList<Permission> Permissions => [new("Proposals.Propose", Permission.Everyone)];

        public void AddServices(IServiceCollection services)
        {
        }

        public void BuildModel(ModelBuilder model)
        {
        }

        public Task<IReadOnlyList<ModuleLink>> EntriesAsync(ParvisDbContext db, Process process, ProcessComponent component) => Task.FromResult<IReadOnlyList<ModuleLink>>([]);
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
