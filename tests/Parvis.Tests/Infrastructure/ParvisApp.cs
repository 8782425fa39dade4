using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Modules;

namespace Parvis.Tests.Infrastructure;

/// <summary>
/// Parvis running for a test class: its own database (SQLite or PostgreSQL), its own data directory,
/// e-mail sent over SMTP to a sink, and an organisation with an open process to act in.
/// </summary>
public class ParvisApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "correct horse battery staple";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "parvis-tests", Guid.NewGuid().ToString("N"));
    private TestDatabase _database = default!;

    public SmtpSink Mail { get; } = new();

    /// <summary>The application's clock: a test moves it to see a deadline pass, and puts it back.</summary>
    public TestClock Clock { get; } = new();
    public TestWorld World { get; private set; } = default!;
    public string Provider => _database.Provider;

    /// <summary>The PostgreSQL database of this app, for other processes to share it; null on SQLite.</summary>
    public string? DatabaseConnection => _database.Connection;

    /// <summary>Overridden by a class that needs a different rate limit, to see it refuse.</summary>
    protected virtual int AuthPermitLimit => 100_000;

    /// <summary>The same for contributions and workshop tables; the shipped limit is 60 a minute.</summary>
    protected virtual int ContributePermitLimit => 100_000;

    /// <summary>The same for open data and the read API; the shipped limit is 120 reads a minute.</summary>
    protected virtual int OpenDataPermitLimit => 100_000;

    /// <summary>Workshop codes that lead nowhere, per visitor: tests try a few, from one address.</summary>
    protected virtual int CodeMissPermitLimit => 100_000;

    public virtual async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        Directory.CreateDirectory(_dataDirectory);
        // Starting the host runs Program: migrations apply as they do in production.
        _ = Services;
        World = await SeedAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("PARVIS_DATA_DIR", _dataDirectory);
        builder.UseSetting("Database:Provider", _database.Provider);
        if (_database.Connection is not null)
        {
            builder.UseSetting("ConnectionStrings:Postgres", _database.Connection);
        }
        builder.UseSetting("Email:SmtpHost", "127.0.0.1");
        builder.UseSetting("Email:SmtpPort", Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Email:SmtpSecurity", "none");
        builder.UseSetting("Email:From", "Parvis <no-reply@parvis.test>");
        builder.UseSetting("RateLimits:auth:PermitLimit", AuthPermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:contribute:PermitLimit", ContributePermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:code:PermitLimit", ContributePermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:open-data:PermitLimit", OpenDataPermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting($"RateLimits:{Parvis.Web.Modules.Workshops.Pages.JoinModel.Misses.Name}:PermitLimit", CodeMissPermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // A petition's message to an address: one in a window short enough for a test to wait it out.
        builder.UseSetting("RateLimits:petitions-code:WindowSeconds", "2");
        builder.UseSetting("Security:StampValidationSeconds", "0");
        // Tests run the background work themselves, at the moments their clock sets (DispatchAsync).
        builder.UseSetting(Parvis.Web.Kernel.Notifications.BackgroundJobs.EnabledSetting, "false");
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IStartupFilter, LoopbackVisitors>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>
    /// The test server's requests come from no address; here they come from this machine, as behind the proxy, so
    /// that a test can say which visitor it is with X-Forwarded-For.
    /// </summary>
    private sealed class LoopbackVisitors : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress ??= System.Net.IPAddress.Loopback;
                return following(context);
            });
            next(app);
        };
    }

    /// <summary>Whether a piece of the throughput layer is on here (the "plain" suite turns them all off).</summary>
    public bool IsOn(string piece) => Parvis.Web.Kernel.Web.Throughput.ThroughputLayer.IsOn(Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(), piece);

    public Session NewSession() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

    /// <summary>Runs the notification job once, as a node's scheduler does: what is due is raised, composed and sent.</summary>
    public async Task DispatchAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Parvis.Web.Kernel.Notifications.ScheduledNotices>().RaiseDueAsync(CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<Parvis.Web.Kernel.Notifications.NotificationDispatcher>().RunAsync("test", CancellationToken.None);
    }

    /// <summary>Runs code against the app's database in its own scope.</summary>
    public async Task<T> WithDatabaseAsync<T>(Func<ParvisDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ParvisDbContext>());
    }

    public Task WithDatabaseAsync(Func<ParvisDbContext, Task> action) =>
        WithDatabaseAsync(async db =>
        {
            await action(db);
            return true;
        });

    /// <summary>
    /// A confirmed account with <see cref="Password"/>, optionally with an organisation-wide role. A staff role comes
    /// with two-step verification turned on, as Parvis requires for it to act (see <see cref="Authenticators"/>).
    /// </summary>
    public async Task<Person> CreatePersonAsync(string pseudonym, Role? role = null, Guid? processId = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var people = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var email = $"{Guid.NewGuid():N}@example.org";
        var person = new Person { UserName = email, Email = email, EmailConfirmed = true, Pseudonym = pseudonym };
        var result = await people.CreateAsync(person, Password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        if (role is { } given)
        {
            if (PersonRules.IsStaff(given))
            {
                await people.ResetAuthenticatorKeyAsync(person);
                Authenticators.Remember(email, (await people.GetAuthenticatorKeyAsync(person))!);
                await people.SetTwoFactorEnabledAsync(person, true);
            }
            var db = scope.ServiceProvider.GetRequiredService<ParvisDbContext>();
            db.RoleAssignments.Add(new RoleAssignment { PersonId = person.Id, OrganisationId = World.OrganisationId, ProcessId = processId, Role = given });
            await db.SaveChangesAsync();
        }
        return person;
    }

    /// <summary>Signs a new session in as a new person with the given role.</summary>
    public async Task<(Session Session, Person Person)> SignedInAsync(string pseudonym, Role? role = null, Guid? processId = null)
    {
        var person = await CreatePersonAsync(pseudonym, role, processId);
        var session = NewSession();
        await session.SignInAsync(person.Email!, Password);
        return (session, person);
    }

    /// <summary>The organisation and processes the tests act in.</summary>
    protected virtual Task<TestWorld> SeedAsync() => WithDatabaseAsync(async db =>
    {
        var organisation = new Organisation { Slug = "test", Name = "Conseil de test", Charter = "Soyez **courtois**." };
        organisation.Hosts.Add(new OrganisationHost { Host = "localhost" });
        // Real servers (the browser's, the nodes') are reached by address.
        organisation.Hosts.Add(new OrganisationHost { Host = "127.0.0.1" });
        db.Organisations.Add(organisation);
        var today = DateOnly.FromDateTime(DateTime.Now);
        var open = NewProcess(organisation.Id, "ouverte", new Phase
        {
            Title = "Contributions", StartsOn = today.AddDays(-5), EndsOn = today.AddDays(5),
            Switches = [ProposalsModule.Proposing, ProposalsModule.Supporting, ProposalsModule.Commenting],
        });
        var closed = NewProcess(organisation.Id, "lecture", new Phase
        {
            Title = "Lecture seule", StartsOn = today.AddDays(-5), EndsOn = today.AddDays(5),
        });
        db.Processes.AddRange(open, closed);
        await db.SaveChangesAsync();
        return new TestWorld(organisation.Id, open.Id, open.Slug, open.Themes[0].Id, closed.Id, closed.Slug, open.Components.ToDictionary(c => c.Module, c => c.Id));
    });

    /// <summary>A published process of the tests' organisation, stored, with the given phase and every module.</summary>
    public Task<Process> AddProcessAsync(string slug, Phase phase) => WithDatabaseAsync(async db =>
    {
        var process = NewProcess(World.OrganisationId, slug, phase);
        db.Processes.Add(process);
        await db.SaveChangesAsync();
        return process;
    });

    internal static Process NewProcess(Guid organisationId, string slug, Phase phase)
    {
        var process = new Process
        {
            OrganisationId = organisationId,
            Slug = slug,
            Title = $"Démarche {slug}",
            Summary = "Une démarche pour les tests.",
            Description = "Un *texte* de présentation.",
            Published = true,
        };
        process.Phases.Add(phase);
        // Every installed module, as most tests exercise one of them; ComponentTests switch them off.
        process.Components.AddRange(Installed.Modules.Modules.Select((m, i) => new ProcessComponent { Module = m.Name, Position = i + 1 }));
        // Tests name a phase's switches by their keys: each is on for the process's component of its module.
        phase.Switches = phase.Switches.Select(key => Phase.Entry(process.Components.First(c => key.StartsWith(c.Module + ".", StringComparison.Ordinal)).Id, key)).ToHashSet();
        process.Themes.AddRange([new Theme { Name = "Mobilité", Position = 0 }, new Theme { Name = "Santé", Position = 1 }]);
        return process;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Mail.DisposeAsync();
        await _database.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a closing connection is left for the system's temp cleaning.
        }
    }
}

/// <summary>What the tests' seed made: an open process (with a component of each module) and a read-only one.</summary>
public sealed record TestWorld(Guid OrganisationId, Guid ProcessId, string ProcessSlug, Guid ThemeId, Guid ClosedProcessId, string ClosedProcessSlug,
    IReadOnlyDictionary<string, Guid> Components)
{
    /// <summary>The open process's component of the module.</summary>
    public Guid Component(string module) => Components[module];
}
