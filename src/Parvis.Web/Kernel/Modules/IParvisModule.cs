using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Notifications;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Kernel.Modules;

/// <summary>
/// A module's declaration of itself, in one place: what the kernel needs to know of it. The modules of a build are
/// listed once (Modules/Installed.cs); the kernel knows them only through this interface.
/// </summary>
public interface IParvisModule
{
    /// <summary>Its key in the components a process switches on, and the start of its switches' keys.</summary>
    string Name { get; }

    /// <summary>The text key of its title, what a component shows until staff give it one of their own.</summary>
    string TitleKey { get; }

    /// <summary>
    /// Whether a process may use it more than once (two sets of meetings), each component with its own title, settings
    /// and content: such a module keeps its component's id on what it holds, and its pages and links name the component.
    /// </summary>
    bool AllowsSeveral => false;

    /// <summary>What staff switch on or off for each phase (proposing open, supporting open...).</summary>
    IReadOnlyList<ModuleSwitch> PhaseSwitches => [];

    /// <summary>What staff switch on or off for the whole process (comments await a fate...).</summary>
    IReadOnlyList<ModuleSwitch> ProcessSwitches => [];

    /// <summary>Its services, among them its <c>IContributionSource</c> and <c>IPersonalDataSource</c> if it has any.</summary>
    void AddServices(IServiceCollection services);

    /// <summary>Its part of the model: entities and indexes every provider has.</summary>
    void BuildModel(ModelBuilder model);

    /// <summary>What only PostgreSQL has (text-search indexes, storage parameters).</summary>
    void BuildPostgresModel(ModelBuilder model)
    {
    }

    /// <summary>The permissions it defines, each with its roles and its phase rule.</summary>
    IReadOnlyList<Permission> Permissions { get; }

    /// <summary>Its links on the page of a process, for one of its components there, from what the component holds.</summary>
    Task<IReadOnlyList<ModuleLink>> EntriesAsync(ParvisDbContext db, Process process, ProcessComponent component);

    /// <summary>
    /// What a participant can do in the component now, the phase being what it is (propose an idea, register for the
    /// next meeting): the calls to action on the home page and at the top of the process page, the first one the
    /// component's primary action. The same for everyone (never per person), kept for the hour; none once the process
    /// is closed.
    /// </summary>
    /// <param name="db">The database.</param>
    /// <param name="process">The process.</param>
    /// <param name="component">One of the module's components in the process.</param>
    /// <param name="phase">The current phase, null between phases.</param>
    /// <param name="hour">The start of the hour the page is for (a meeting not over by then is still to come).</param>
    Task<IReadOnlyList<ModuleLink>> ActionsAsync(ParvisDbContext db, Process process, ProcessComponent component, Phase? phase, DateTimeOffset hour) =>
        Task.FromResult<IReadOnlyList<ModuleLink>>([]);

    /// <summary>
    /// What is to come in the component that people can attend (a meeting not over by the hour): how many, and the
    /// first <paramref name="limit"/> soonest first. The next appointments on the process page and the count on the
    /// home page; the same for everyone, kept for the hour.
    /// </summary>
    Task<Upcoming> UpcomingAsync(ParvisDbContext db, Process process, ProcessComponent component, DateTimeOffset hour, int limit) =>
        Task.FromResult(Upcoming.None);

    /// <summary>Its links in every page's navigation, whatever the process.</summary>
    IReadOnlyList<ModuleLink> NavigationLinks => [];

    /// <summary>Its links on the administration page of a process, for one of its components there.</summary>
    IReadOnlyList<ModuleLink> AdminEntries(Process process, ProcessComponent component) => [];

    /// <summary>Its part of the demo (dotnet run -- --demo): content that shows what it does, in the demo process.</summary>
    void SeedDemo(DemoProcess demo)
    {
    }

    /// <summary>The kinds of event it tells people of (a reply, an official answer), each key starting with its name.</summary>
    IReadOnlyList<NotificationKind> NotificationKinds => [];

    /// <summary>
    /// One of its items that people may follow and that is not a contribution (a debate, a meeting, a text), found
    /// by id in the organisation; null when it holds no such item. Contributions are found by the kernel.
    /// </summary>
    Task<Followable?> FollowableAsync(ParvisDbContext db, Guid organisationId, Guid itemId) => Task.FromResult<Followable?>(null);

    /// <summary>
    /// Raises what its calendar brings (a meeting tomorrow) through the notifier, each event with a key of its own so
    /// it is raised once (<see cref="ScheduledNotices.RaisedAsync"/>); called by the background job, which saves.
    /// </summary>
    Task RaiseDueAsync(ParvisDbContext db, Notifier notifier, DateTimeOffset now, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Its open data: datasets of what it holds that is public (a row class and its query each), each key starting
    /// with its name; the kernel serves their files, schemas, pages and API.
    /// </summary>
    IReadOnlyList<OpenData.Dataset> Datasets => [];

    /// <summary>Its tables whose writes drop more than pages (what the kernel keeps of them).</summary>
    IReadOnlyList<(string Table, ChangeKind Kind)> KeptTables => [];

    /// <summary>
    /// What it sets up in one step to go and meet the people a process barely heard (a desk in a commune its answers
    /// under-represent), from the page of who took part; null when it offers nothing of the kind.
    /// </summary>
    IOutreach? Outreach => null;

    /// <summary>
    /// The kinds of its items that can name an actor of the territory (<see cref="Territory.ActorMentions"/>): an
    /// actor's page lists them only in processes that use the module.
    /// </summary>
    IReadOnlyList<string> MentionKinds => [];
}

/// <summary>An event a module sets up in one step where a process barely heard people, for staff to complete.</summary>
public interface IOutreach
{
    /// <summary>The text key of the button that sets it up, the commune as {0}.</summary>
    string LabelKey { get; }

    /// <summary>
    /// Sets it up in the component, in the commune, saying why (<paramref name="reason"/>, the figures behind it). On
    /// success, the page where staff complete it (its date, its place).
    /// </summary>
    Task<(CommandResult Result, string? Next)> CreateAsync(IServiceProvider services, Process process, ProcessComponent component, string commune, string reason);
}

/// <summary>A link a module offers (on a process page, in the administration, in the navigation): where it leads, and the text it shows (a key and its arguments).</summary>
public sealed record ModuleLink(string Href, string TextKey, params object[] Arguments);

/// <summary>A dated event of a process that people can attend, with where it is held (places, or online).</summary>
public sealed record Appointment(string Href, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, IReadOnlyList<string> Places, bool Online);

/// <summary>How many appointments are to come, and the first of them.</summary>
public sealed record Upcoming(int Count, IReadOnlyList<Appointment> First)
{
    public static readonly Upcoming None = new(0, []);
}

/// <summary>
/// A setting a module offers, on or off. Its key is "{module}.{setting}" and holds no space; LabelKey names it in the
/// forms and in the list of what a phase opens.
/// </summary>
public sealed record ModuleSwitch(string Key, string LabelKey, string? HintKey = null)
{
    public const int KeyMax = 60;
}
