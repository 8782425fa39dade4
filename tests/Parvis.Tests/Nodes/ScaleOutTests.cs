using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Notifications;
using Parvis.Web.Kernel.People;

namespace Parvis.Tests.Nodes;

/// <summary>
/// Two Parvis nodes started from deploy/parvis@.service, behind nginx configured by deploy/nginx.conf, on one
/// PostgreSQL and one Redis, all on loopback: what one node does, the other knows.
/// </summary>
[Trait("Suite", "nodes")]
public sealed partial class ScaleOutTests : IAsyncLifetime
{
    private const int AuthPermits = 5;
    private static readonly string _deploy = Path.Combine(RepositoryRoot(), "deploy");
    private readonly List<LocalServer> _servers = [];
    private readonly string _scratch = Directory.CreateTempSubdirectory("parvis-nodes-").FullName;
    private SeedingApp _app = default!;
    private LocalServer _one = default!;
    private LocalServer _two = default!;
    private LocalServer _proxy = default!;

    public async Task InitializeAsync()
    {
        Assert.True(TestDatabase.IsPostgres, "Nodes share a PostgreSQL database: run with PARVIS_TEST_DB=postgres (scripts/test.sh does).");
        var redisPort = LocalServer.FreePort();
        _servers.Add(await LocalServer.StartAsync("redis-server",
            ["--port", $"{redisPort}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], redisPort));
        var redis = $"127.0.0.1:{redisPort}";
        // Migrates the database and seeds the organisation and people, as an administrator would before starting the nodes.
        _app = new SeedingApp(redis);
        await _app.InitializeAsync();
        _one = await StartNodeAsync(1, redis);
        _two = await StartNodeAsync(2, redis);
        _proxy = await StartProxyAsync(_one.Port, _two.Port);
    }

    [Fact]
    public async Task A_session_opened_on_one_node_acts_on_the_other_and_every_node_shows_the_write_within_a_second()
    {
        var list = $"/processes/{_app.World.ProcessSlug}/proposals";
        using var visitorOnOne = Client(_one);
        await visitorOnOne.GetAsync(list);
        Assert.NotNull((await visitorOnOne.GetAsync(list)).Headers.Age);
        // Created after the cache is checked: its write, told to the nodes through Redis, could otherwise arrive between
        // the two reads above and empty the cache the second one is meant to find.
        var person = await _app.CreatePersonAsync("Noé des nœuds");

        var cookies = new CookieContainer();
        using var onOne = new Session(Client(_one, cookies));
        using var onTwo = new Session(Client(_two, cookies));
        await onOne.SignInAsync(person.Email!, ParvisApp.Password);
        var account = await onTwo.GetAsync("/account");
        Assert.Equal(HttpStatusCode.OK, account.Status);
        Assert.Contains("Noé des nœuds", account.Body);

        var posted = await onTwo.PostAsync($"{list}/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "Une navette entre les deux gares",
            ["Input.Body"] = "Une navette le dimanche entre la gare routière et la gare SNCF.",
            ["Input.ThemeId"] = _app.World.ThemeId.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        var clock = Stopwatch.StartNew();
        while (!(await visitorOnOne.GetStringAsync(list)).Contains("Une navette entre les deux gares"))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), "Node 1 still shows its cached list a second after node 2's write.");
            await Task.Delay(20);
        }

        using var visitorThroughProxy = Client(_proxy);
        Assert.Contains("Une navette entre les deux gares", await visitorThroughProxy.GetStringAsync(list));
        // The shipped proxy names its server: a forged Host is closed unanswered and never reaches a node.
        using var forged = Client(_proxy);
        forged.DefaultRequestHeaders.Host = "attaquant.example";
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => forged.GetAsync("/account/forgot-password"));
        using var throughProxy = new Session(Client(_proxy, cookies));
        var id = posted.Location!.Split('/')[^1];
        Assert.Equal(HttpStatusCode.OK, (await throughProxy.GetAsync("/account")).Status);
        var other = await _app.CreatePersonAsync("Soutien par le proxy");
        var supporterCookies = new CookieContainer();
        using var supporter = new Session(Client(_proxy, supporterCookies));
        using var supporterOnOne = new Session(Client(_one, supporterCookies));
        await supporter.SignInAsync(other.Email!, ParvisApp.Password);
        const string YouSupport = "Vous soutenez cette proposition.";
        // Node 1 now keeps what this person supported (nothing yet) ...
        Assert.DoesNotContain(YouSupport, (await supporterOnOne.GetAsync($"/proposals/{id}")).Body, StringComparison.Ordinal);
        using var supporterOnTwo = new Session(Client(_two, supporterCookies));
        Assert.Equal(HttpStatusCode.Redirect, (await supporterOnTwo.PostAsync($"/proposals/{id}?handler=Support", new Dictionary<string, string>())).Status);
        clock.Restart();
        // ... and the page after the support, even there, says it is recorded, then keeps saying so.
        Assert.Contains(YouSupport, (await supporterOnOne.GetAsync($"/proposals/{id}")).Body, StringComparison.Ordinal);
        while (!(await supporterOnOne.GetAsync($"/proposals/{id}")).Body.Contains(YouSupport, StringComparison.Ordinal))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), "Node 1 still shows what it kept of the supporter's supports a second after node 2's write.");
            await Task.Delay(20);
        }
        while (!SupportCount().IsMatch(await visitorOnOne.GetStringAsync($"/proposals/{id}")))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), "Node 1 does not show the support given through the proxy within a second.");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Supports_in_one_organisation_leave_another_organisations_pages_kept_on_every_node()
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        // Everything made outside a request, accounts and sign-ins included, is everyone's: all done before pages are kept.
        await _app.WithDatabaseAsync(async db =>
        {
            var other = new Web.Kernel.Organisations.Organisation { Slug = "voisine-des-noeuds", Name = "Commune voisine des nœuds" };
            other.Hosts.Add(new Web.Kernel.Organisations.OrganisationHost { Host = "voisine.example" });
            db.Organisations.Add(other);
            db.Processes.Add(ParvisApp.NewProcess(other.Id, "voisine", new Web.Kernel.Processes.Phase
            {
                Title = "Contributions", StartsOn = today.AddDays(-5), EndsOn = today.AddDays(5),
            }));
            await db.SaveChangesAsync();
            return other.Id;
        });
        var id = await _app.WithDatabaseAsync(async db =>
        {
            var proposal = new Proposal { OrganisationId = _app.World.OrganisationId, ProcessId = _app.World.ProcessId, Title = "Un arrêt de plus", Body = "Devant l'école." };
            db.Proposals.Add(proposal);
            await db.SaveChangesAsync();
            return proposal.Id;
        });
        var supporters = new List<Session>();
        for (var i = 0; i < 4; i++)
        {
            var person = await _app.CreatePersonAsync($"Soutien des nœuds {i}");
            var session = new Session(Client(_two, new CookieContainer()));
            await session.SignInAsync(person.Email!, ParvisApp.Password);
            supporters.Add(session);
        }
        using var neighbourOnOne = Client(_one);
        neighbourOnOne.DefaultRequestHeaders.Host = "voisine.example";
        string[] theirPages = ["/", "/processes/voisine"];
        foreach (var path in theirPages)
        {
            Assert.Equal(HttpStatusCode.OK, (await neighbourOnOne.GetAsync(path)).StatusCode);
            Assert.NotNull((await neighbourOnOne.GetAsync(path)).Headers.Age);
        }

        foreach (var supporter in supporters)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await supporter.PostAsync($"/proposals/{id}?handler=Support", new Dictionary<string, string>())).Status);
            supporter.Dispose();
        }
        // Node 1 has heard of the supports given on node 2 ...
        using var visitorOnOne = Client(_one);
        var clock = Stopwatch.StartNew();
        while (!FourSupports().IsMatch(await visitorOnOne.GetStringAsync($"/proposals/{id}")))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), "Node 1 does not show the supports given on node 2 within a second.");
            await Task.Delay(20);
        }
        // ... and still serves the other organisation's pages from what it kept.
        foreach (var path in theirPages)
        {
            Assert.NotNull((await neighbourOnOne.GetAsync(path)).Headers.Age);
        }
    }

    [Fact]
    public async Task Rate_limits_are_counted_across_nodes()
    {
        // The nodes trust the proxy's forwarded address; each test visitor comes from its own.
        var cookies = new CookieContainer();
        using var onOne = new Session(Client(_one, cookies, forwardedFor: "203.0.113.41"));
        using var onTwo = new Session(Client(_two, cookies, forwardedFor: "203.0.113.41"));
        // The limit counts in fixed windows of a minute, aligned on the clock: the attempts must all fall in one, so
        // near a window's end the test waits for the next one.
        var intoWindow = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() % 60_000;
        if (intoWindow > 45_000)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(60_000 - intoWindow + 200));
        }
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt <= AuthPermits; attempt++)
        {
            var session = attempt % 2 == 0 ? onOne : onTwo;
            var response = await session.PostAsync("/account/sign-in", new Dictionary<string, string>
            {
                ["Input.Email"] = "personne@example.org", ["Input.Password"] = "pas le bon mot de passe",
            });
            statuses.Add(response.Status);
        }
        // Three attempts on each node: each alone is under the limit, together they are over it.
        Assert.All(statuses[..AuthPermits], s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[AuthPermits]);
        using var elsewhere = new Session(Client(_two, new CookieContainer(), forwardedFor: "203.0.113.42"));
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.PostAsync("/account/sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = "personne@example.org", ["Input.Password"] = "pas le bon mot de passe",
        })).Status);
    }

    [Fact]
    public async Task Messages_are_composed_once_across_nodes_and_none_is_sent_twice_when_a_node_dies_mid_send()
    {
        var held = _app.Mail.HoldNextAsync();
        var people = new List<Person>();
        for (var i = 0; i < 12; i++)
        {
            people.Add(await _app.CreatePersonAsync($"Lectrice des nœuds {i}"));
        }
        // Twelve people each have a contribution's fate to hear of at once: the nodes' job composes and sends.
        await _app.WithDatabaseAsync(async db =>
        {
            foreach (var person in people)
            {
                var raised = new NotificationEvent
                {
                    OrganisationId = _app.World.OrganisationId, ProcessId = _app.World.ProcessId, Kind = KernelNotifications.FateDecided.Key,
                    ItemId = Guid.NewGuid(), ItemTitle = $"Contribution de {person.Pseudonym}", Address = "/processes/" + _app.World.ProcessSlug,
                    Arguments = """[{"Value":"Fate.Answered","Kind":"TextKey"},{"Value":"Réponse","Kind":"Written"}]""", RaisedAt = DateTimeOffset.UtcNow,
                };
                db.NotificationEvents.Add(raised);
                db.Notifications.Add(new Notification
                {
                    EventId = raised.Id, PersonId = person.Id, OrganisationId = _app.World.OrganisationId, AboutYou = true, CreatedAt = DateTimeOffset.UtcNow,
                });
            }
            await db.SaveChangesAsync();
        });

        // One node is sending the first message when it dies.
        var first = await held.WaitAsync(TimeSpan.FromSeconds(60));
        var sending = await _app.WithDatabaseAsync(db => db.OutgoingMessages.AsNoTracking().SingleAsync(m => m.State == MessageState.Sending));
        var dying = new[] { _one, _two }.Single(n => sending.Node!.Split(':')[1] == n.ProcessId.ToString(CultureInfo.InvariantCulture));
        await dying.KillAsync();

        // The other node takes the job up and sends the rest; the message in flight may have left, so it is not sent again.
        var others = people.Where(p => !first.To.Mailboxes.Any(b => b.Address == p.Email)).ToList();
        Assert.Equal(11, others.Count);
        var clock = Stopwatch.StartNew();
        while (others.Any(p => !_app.Mail.Messages.Any(m => m.To.Mailboxes.Any(b => b.Address == p.Email))))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "The surviving node did not send the other messages within a minute.");
            await Task.Delay(200);
        }
        await Task.Delay(TimeSpan.FromSeconds(3));
        var received = _app.Mail.Messages.SelectMany(m => m.To.Mailboxes.Select(b => b.Address)).ToList();
        Assert.All(others, p => Assert.Single(received, a => a == p.Email));
        Assert.DoesNotContain(first.To.Mailboxes.Single().Address, received);
        var states = await _app.WithDatabaseAsync(db => db.OutgoingMessages.GroupBy(m => m.State).ToDictionaryAsync(g => g.Key, g => g.Count()));
        Assert.Equal(new Dictionary<MessageState, int> { [MessageState.Sent] = 11, [MessageState.Sending] = 1 }, states);
    }

    /// <summary>Node N as the unit file starts it, with this test's ports, database, Redis and data directory.</summary>
    private async Task<LocalServer> StartNodeAsync(int instance, string redis)
    {
        var unit = File.ReadAllLines(Path.Combine(_deploy, "parvis@.service")).Select(l => l.Replace("%i", $"{instance}", StringComparison.Ordinal)).ToList();
        var environment = File.ReadAllLines(Path.Combine(_deploy, "parvis.env"))
            .Concat(unit.Where(l => l.StartsWith("Environment=", StringComparison.Ordinal)).Select(l => l["Environment=".Length..]))
            .Where(l => l.Contains('=') && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);
        var port = LocalServer.FreePort();
        Assert.Equal($"http://127.0.0.1:500{instance}", environment["ASPNETCORE_URLS"]);
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        environment["PARVIS_DATA_DIR"] = Path.Combine(_scratch, $"node{instance}");
        environment["ConnectionStrings__Postgres"] = _app.DatabaseConnection!;
        environment["Redis__Configuration"] = redis;
        environment["Email__SmtpPort"] = _app.Mail.Port.ToString(CultureInfo.InvariantCulture);
        environment["Email__SmtpSecurity"] = "none";
        environment["RateLimits__auth__PermitLimit"] = $"{AuthPermits}";
        // The background jobs run every second, and a node silent for two is taken for stopped.
        environment["Jobs__IntervalSeconds"] = "1";
        environment["Jobs__CheckinSeconds"] = "1";
        var command = unit.Single(l => l.StartsWith("ExecStart=", StringComparison.Ordinal))["ExecStart=".Length..]
            .Replace("/opt/parvis", AppContext.BaseDirectory.TrimEnd('/'), StringComparison.Ordinal)
            .Split(' ');
        var node = await LocalServer.StartAsync(command[0], command[1..], port, environment, AppContext.BaseDirectory);
        _servers.Add(node);
        using var client = Client(node);
        var health = await client.GetAsync("/health");
        Assert.True(health.IsSuccessStatusCode, node.Output);
        return node;
    }

    /// <summary>nginx with deploy/nginx.conf, its upstream pointed at this test's nodes and its files in a scratch directory.</summary>
    private async Task<LocalServer> StartProxyAsync(int one, int two)
    {
        var port = LocalServer.FreePort();
        var prefix = Path.Combine(_scratch, "nginx");
        Directory.CreateDirectory(prefix);
        var configuration = File.ReadAllText(Path.Combine(_deploy, "nginx.conf"))
            .Replace("127.0.0.1:5001", $"127.0.0.1:{one}", StringComparison.Ordinal)
            .Replace("127.0.0.1:5002", $"127.0.0.1:{two}", StringComparison.Ordinal)
            .Replace("listen 80 default_server;", $"listen 127.0.0.1:{port} default_server;", StringComparison.Ordinal)
            .Replace("listen 80;", $"listen 127.0.0.1:{port};", StringComparison.Ordinal)
            .Replace("server_name parvis.example.org;", "server_name 127.0.0.1;", StringComparison.Ordinal)
            .Replace("/run/nginx-parvis.pid", Path.Combine(prefix, "nginx.pid"), StringComparison.Ordinal)
            .Replace("/var/log/nginx/parvis-error.log", Path.Combine(prefix, "error.log"), StringComparison.Ordinal);
        var file = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(file, configuration);
        var proxy = await LocalServer.StartAsync(File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx",
            ["-p", prefix, "-c", file, "-e", Path.Combine(prefix, "error.log"), "-g", "daemon off;"], port);
        _servers.Add(proxy);
        return proxy;
    }

    private static HttpClient Client(LocalServer server, CookieContainer? cookies = null, string? forwardedFor = null)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = cookies is not null, CookieContainer = cookies ?? new CookieContainer() };
        var client = new HttpClient(handler) { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
        if (forwardedFor is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }
        return client;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "deploy", "nginx.conf")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("deploy/nginx.conf not found above the test binaries.");
    }

    [GeneratedRegex(@"\b1\s+soutien\b", RegexOptions.IgnoreCase)]
    private static partial Regex SupportCount();

    [GeneratedRegex(@"\b4\s+soutien", RegexOptions.IgnoreCase)]
    private static partial Regex FourSupports();

    public async Task DisposeAsync()
    {
        foreach (var server in Enumerable.Reverse(_servers))
        {
            await server.DisposeAsync();
        }
        if (_app is not null)
        {
            await ((IAsyncLifetime)_app).DisposeAsync();
        }
        Directory.Delete(_scratch, recursive: true);
    }

    /// <summary>The tests' own Parvis, on the same database and Redis: it migrates, seeds and creates people.</summary>
    private sealed class SeedingApp(string redis) : ParvisApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Redis:Configuration", redis);
        }
    }
}
