using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Parvis.WebBench;

/// <summary>
/// The soak (issue 25, "holding under load"): mixed traffic for a set number of minutes against two nodes behind nginx
/// (started by bench/soak.sh, with Redis and PostgreSQL), at a steady pace with a bounded number of requests in flight.
/// Every answer is checked against what that request should get; the refusals it provokes on purpose (hostile files
/// uploaded by staff signed in with a second factor, uploads by people who may not) are counted apart from errors.
/// Prints one line a minute (requests, errors by kind, p50 and p99, each node's resident memory), then each node's
/// growth from the end of the warm-up (PARVIS_SOAK_WARMUP_MINUTES, a third of the run by default: the JIT's tiers,
/// pools, and the caches filling up to their bounds) to the end, and writes bench/results/soak.json. Exits 1 on any
/// unprovoked error or a growth of 10 % or more.
/// </summary>
public static partial class Soak
{
    private const double GrowthLimit = 0.10;
    private const int SignedInPool = 100;
    private const int AnonymousAddresses = 50_000;
    private static readonly TimeSpan _requestTimeout = TimeSpan.FromSeconds(30);

    private static readonly string[] _words =
        ["transports", "santé", "école", "logement", "emploi", "nature", "culture", "numérique", "sécurité", "vélo", "bus", "parc",
         "habitants", "service", "proche", "gare", "marché", "bibliothèque", "piscine", "jeunes"];

    public static async Task<int> RunAsync(string root)
    {
        var baseUrl = new Uri(Setting("PARVIS_SOAK_URL"));
        var connection = Setting("PARVIS_SOAK_PG");
        var nodes = Setting("PARVIS_SOAK_NODES").Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var minutes = Number("PARVIS_SOAK_MINUTES", 30);
        var rate = Number("PARVIS_SOAK_RATE", 40);
        var clients = Number("PARVIS_SOAK_CLIENTS", 32);
        var warmUp = Number("PARVIS_SOAK_WARMUP_MINUTES", Math.Max(1, minutes / 3));
        if (warmUp < 1 || minutes <= warmUp)
        {
            throw new InvalidOperationException($"PARVIS_SOAK_WARMUP_MINUTES ({warmUp}) must be at least 1 and less than PARVIS_SOAK_MINUTES ({minutes}).");
        }

        Console.WriteLine("Seeding: 20,000 participants, 10,000 proposals, 100,000 supports, 50,000 comments, " +
            $"{Seed.Workshops} running workshops of {Seed.Tables} tables…");
        var clock = Stopwatch.StartNew();
        await Seed.RunAsync(connection);
        await Seed.RunWorkshopsAsync(connection);
        await Seed.RunStaffAsync(connection);
        Console.WriteLine($"Seeded in {clock.Elapsed.TotalSeconds:F0} s (with {Seed.Staff} process managers using two-step verification, {Seed.Actions} tracked actions).");

        using var setup = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = baseUrl };
        // Participants: the signers, who have supported nothing yet.
        var signedIn = new Visitor[SignedInPool];
        foreach (var chunk in Enumerable.Range(0, SignedInPool).Chunk(4))
        {
            await Task.WhenAll(chunk.Select(async i => signedIn[i] = await Visitor.SignInAsync(setup, i, PersonAddress(i))));
        }
        Console.WriteLine($"Signed in {SignedInPool} participants through nginx in {clock.Elapsed.TotalSeconds:F0} s.");
        // Staff once each, password then the authenticator's code (the second step is throttled per person): their
        // sessions, opened with a second factor, carry every staff upload of the run.
        var staff = new Visitor[Seed.Staff];
        for (var i = 0; i < Seed.Staff; i++)
        {
            staff[i] = await Visitor.SignInStaffAsync(setup, i, $"198.19.0.{i + 1}");
        }
        Console.WriteLine($"Signed in {Seed.Staff} process managers with their second factor (TOTP) in {clock.Elapsed.TotalSeconds:F0} s; each sees the results import.");

        var traffic = new Traffic(baseUrl, signedIn, staff, clients);
        var duration = TimeSpan.FromMinutes(minutes);
        Console.WriteLine($"\nSoak: {minutes} min, {rate} operations/s at most (an operation is one request, or two or three: a sign-in, " +
            $"a first post from a table, a visitor's upload, a paper import checked then confirmed), {clients} in flight at most (nginx at {baseUrl}, nodes {string.Join(", ", nodes)}).");
        Console.WriteLine("Mix: 45 % anonymous reads (50,000 addresses), 25 % signed-in reads, 8 % supports, 5 % comments, 12 % workshop posts, " +
            "1 % sign-ins, 4 % uploads: five in six by staff signed in with a second factor, to the results import and a workshop's " +
            "paper import (valid CSV and XLSX accepted, hostile files refused with the reason next to the file field, over 20 MB " +
            "refused by nginx), one in six by participants and visitors (refused: 403, sign-in, 400 without the form's token).");
        Console.WriteLine($"Warm-up: {warmUp} min; memory growth is measured from the end of minute {warmUp} to the end.");
        Console.WriteLine($"{"min",4}{"requests",10}{"errors",8}{"provoked",10}{"p50 ms",8}{"p99 ms",8}{"max ms",8}" +
            string.Concat(nodes.Select((_, n) => $"{$"node{n + 1} MB",10}")) + "  errors by kind");

        var lines = new JsonArray();
        var rss = new List<double[]>();
        var started = Stopwatch.StartNew();
        var run = traffic.RunAsync(started, duration, rate);
        for (var minute = 0; minute < minutes; minute++)
        {
            var end = TimeSpan.FromMinutes(minute + 1);
            if (end > started.Elapsed)
            {
                await Task.WhenAny(Task.Delay(end - started.Elapsed), run);
            }
            if (run.IsFaulted)
            {
                await run;
            }
            var memory = nodes.Select(ResidentMb).ToArray();
            rss.Add(memory);
            // The last minute's figures once the requests still in flight have their answers (they count in it).
            if (minute == minutes - 1)
            {
                await run;
            }
            var figures = traffic.Minute(minute, last: minute == minutes - 1);
            lines.Add(new JsonObject
            {
                ["minute"] = minute + 1, ["requests"] = figures.Requests, ["errors"] = figures.Errors.Values.Sum(),
                ["provoked"] = figures.Provoked, ["p50_ms"] = figures.P50Ms, ["p99_ms"] = figures.P99Ms, ["max_ms"] = figures.MaxMs,
                ["rss_mb"] = new JsonArray([.. memory.Select(m => (JsonNode)Math.Round(m, 1))]),
                ["errors_by_kind"] = new JsonObject(figures.Errors.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value))),
            });
            Console.WriteLine($"{minute + 1,4}{figures.Requests,10}{figures.Errors.Values.Sum(),8}{figures.Provoked,10}{figures.P50Ms,8:F1}{figures.P99Ms,8:F1}{figures.MaxMs,8:F0}" +
                string.Concat(memory.Select(m => $"{m,10:F1}")) + "  " + Describe(figures.Errors));
        }

        var totals = traffic.Totals();
        var growth = nodes.Select((_, n) => (rss[^1][n] - rss[warmUp - 1][n]) / rss[warmUp - 1][n]).ToArray();
        // After the warm-up, how fast each node still grows (least squares over the minutes from the end of the warm-up).
        var slope = nodes.Select((_, n) => Slope([.. rss.Skip(warmUp - 1).Select(r => r[n])])).ToArray();
        var errors = totals.Errors.Values.Sum();
        var passed = errors == 0 && growth.All(g => g < GrowthLimit);
        Console.WriteLine($"\nRequests: {totals.Requests} (by operation: {string.Join(", ", totals.ByOperation.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value}"))}).");
        Console.WriteLine($"Staff uploads accepted: {totals.Accepted.Values.Sum()} ({Describe(totals.Accepted)}).");
        Console.WriteLine($"Refusals provoked on purpose: {totals.Provoked} ({Describe(totals.ProvokedByKind)}).");
        Console.WriteLine($"Errors: {errors}{(errors > 0 ? $" ({Describe(totals.Errors)})" : "")}.");
        foreach (var example in totals.Examples)
        {
            Console.WriteLine($"  e.g. {example}");
        }
        Console.WriteLine($"p99 per minute: {string.Join(" ", lines.Select(l => $"{Number(l!["p99_ms"]):F0}"))} ms; whole run p99 {totals.P99Ms:F1} ms.");
        for (var n = 0; n < nodes.Length; n++)
        {
            Console.WriteLine($"Node {n + 1} resident memory: {rss[warmUp - 1][n]:F1} MB at the end of minute {warmUp} (warm-up), " +
                $"{rss[^1][n]:F1} MB at the end, growth {growth[n] * 100:+0.0;-0.0} % (limit {GrowthLimit * 100:F0} %), " +
                $"{slope[n]:+0.0;-0.0} MB/min after warm-up, peak {rss.Max(r => r[n]):F1} MB.");
        }
        Console.WriteLine(passed ? "Soak passed: no unprovoked error, memory flat after warm-up."
            : $"Soak FAILED: {(errors > 0 ? $"{errors} unprovoked errors" : "")}{(errors > 0 && growth.Any(g => g >= GrowthLimit) ? "; " : "")}" +
              $"{(growth.Any(g => g >= GrowthLimit) ? "memory grew 10 % or more after warm-up" : "")}.");

        var results = new JsonObject
        {
            ["minutes"] = minutes, ["rate_per_s"] = rate, ["clients"] = clients, ["warm_up_minutes"] = warmUp,
            ["requests"] = totals.Requests, ["errors"] = errors, ["provoked"] = totals.Provoked, ["p99_ms"] = totals.P99Ms,
            ["rss_growth_percent"] = new JsonArray([.. growth.Select(g => (JsonNode)Math.Round(g * 100, 2))]),
            ["rss_mb_per_minute_after_warm_up"] = new JsonArray([.. slope.Select(g => (JsonNode)Math.Round(g, 2))]),
            ["passed"] = passed,
            ["by_operation"] = new JsonObject(totals.ByOperation.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value))),
            ["accepted_by_kind"] = new JsonObject(totals.Accepted.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value))),
            ["provoked_by_kind"] = new JsonObject(totals.ProvokedByKind.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value))),
            ["errors_by_kind"] = new JsonObject(totals.Errors.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value))),
            ["per_minute"] = lines,
        };
        var file = Path.Combine(root, "bench", "results", "soak.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, results.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        Console.WriteLine("Written to bench/results/soak.json.");
        return passed ? 0 : 1;
    }

    /// <summary>Least-squares slope of values taken a minute apart, per minute.</summary>
    private static double Slope(double[] values)
    {
        if (values.Length < 2)
        {
            return 0;
        }
        var meanX = (values.Length - 1) / 2.0;
        var meanY = values.Average();
        return values.Select((y, x) => (x - meanX) * (y - meanY)).Sum() / values.Select((_, x) => (x - meanX) * (x - meanX)).Sum();
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    private static string Setting(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : throw new InvalidOperationException($"{name} is not set (run bench/soak.sh).");

    private static int Number(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    private static double Number(JsonNode? node) => double.Parse(node!.ToJsonString(), CultureInfo.InvariantCulture);

    private static string Describe(IReadOnlyDictionary<string, long> counts) =>
        counts.Count == 0 ? "-" : string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c => $"{c.Key} ×{c.Value}"));

    /// <summary>VmRSS of a node, in MB.</summary>
    private static double ResidentMb(int pid) =>
        File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] is var kb ? double.Parse(kb, CultureInfo.InvariantCulture) / 1024 : 0;

    /// <summary>Participant i's own address (documentation range 198.18.0.0/15, as a proxy would forward it).</summary>
    private static string PersonAddress(int i) => $"198.18.{i / 256 % 256}.{i % 256}";

    /// <summary>Anonymous visitor i's address: 50,000 of them in 10.0.0.0/8.</summary>
    private static string VisitorAddress(int i) => $"10.{i / 65_536 % 256}.{i / 256 % 256}.{i % 256}";

    /// <summary>Someone's browser: the address a proxy forwards for them, their cookies as the server last set them, their forms' token.</summary>
    private sealed class Visitor(string address)
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

        public string Address { get; } = address;
        public string? Token { get; set; }

        public static async Task<Visitor> SignInAsync(HttpClient http, int person, string address)
        {
            var visitor = new Visitor(address);
            var (cookie, token) = await Harness.SignInAsync(http, Seed.PersonEmail(person), address);
            foreach (var pair in cookie.Split("; "))
            {
                var (name, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                visitor._cookies[name] = value;
            }
            visitor.Token = token;
            return visitor;
        }

        /// <summary>
        /// A process manager signs in as a person would: the password, then on the second step the current code of their
        /// authenticator application (TOTP from the key the seed stored), every cookie kept as a browser keeps it.
        /// </summary>
        public static async Task<Visitor> SignInStaffAsync(HttpClient http, int staff, string address)
        {
            var visitor = new Visitor(address);
            async Task<(HttpStatusCode Status, string? Location, string Body)> SendAsync(HttpMethod method, string path, HttpContent? content = null)
            {
                using var request = new HttpRequestMessage(method, path) { Content = content };
                visitor.Prepare(request);
                using var response = await http.SendAsync(request);
                visitor.Keep(response);
                return (response.StatusCode, response.Headers.Location?.OriginalString, await response.Content.ReadAsStringAsync());
            }
            var email = Seed.StaffEmail(staff);
            var form = await SendAsync(HttpMethod.Get, "/account/sign-in");
            var first = await SendAsync(HttpMethod.Post, "/account/sign-in",
                Form(("__csrf", Harness.Token(form.Body)), ("Input.Email", email), ("Input.Password", Seed.Password)));
            if (first.Status != HttpStatusCode.Redirect || first.Location?.StartsWith("/account/sign-in/second-step", StringComparison.Ordinal) != true)
            {
                throw new InvalidOperationException($"Sign-in of {email}: {(int)first.Status} {first.Location}, not the second step");
            }
            var step = await SendAsync(HttpMethod.Get, first.Location);
            var code = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(Seed.StaffKey(staff))).ComputeTotp();
            var second = await SendAsync(HttpMethod.Post, first.Location, Form(("__csrf", Harness.Token(step.Body)), ("Code", code), ("ReturnUrl", "/")));
            if (second.Status != HttpStatusCode.Redirect || second.Location != "/")
            {
                throw new InvalidOperationException($"Second step of {email}: {(int)second.Status} {second.Location}");
            }
            visitor.Token = Harness.Token((await SendAsync(HttpMethod.Get, "/account/sign-out")).Body);
            // The staff role counts in this session: the results page offers the import.
            if (!(await SendAsync(HttpMethod.Get, $"/processes/{Seed.Slug}/results")).Body.Contains("handler=Import", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{email} signed in with a second factor but is not offered the results import");
            }
            return visitor;
        }

        public void Prepare(HttpRequestMessage request)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", Address);
            lock (_lock)
            {
                if (_cookies.Count > 0)
                {
                    request.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
                }
            }
        }

        /// <summary>Keeps what the answer sets, as a browser does (a renewed session, a new antiforgery cookie).</summary>
        public void Keep(HttpResponseMessage response)
        {
            if (!response.Headers.TryGetValues("Set-Cookie", out var set))
            {
                return;
            }
            lock (_lock)
            {
                foreach (var cookie in set)
                {
                    var pair = cookie.Split(';')[0];
                    var equals = pair.IndexOf('=', StringComparison.Ordinal);
                    var (name, value) = (pair[..equals], pair[(equals + 1)..]);
                    if (value.Length == 0 || cookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                    {
                        _cookies.Remove(name);
                    }
                    else
                    {
                        _cookies[name] = value;
                    }
                }
            }
        }
    }

    private sealed record MinuteFigures(long Requests, long Provoked, double P50Ms, double P99Ms, double MaxMs, IReadOnlyDictionary<string, long> Errors);

    private sealed record Totals(long Requests, long Provoked, double P99Ms, IReadOnlyDictionary<string, long> ByOperation,
        IReadOnlyDictionary<string, long> ProvokedByKind, IReadOnlyDictionary<string, long> Errors, IReadOnlyList<string> Examples,
        IReadOnlyDictionary<string, long> Accepted);

    /// <summary>What a request should get: its operation's name, and whether a status is success, a provoked refusal, or an error.</summary>
    private enum Outcome
    {
        Success,
        Provoked,
        Error,
    }

    /// <summary>The traffic itself, and every answer counted in the minute it arrived.</summary>
    private sealed partial class Traffic(Uri baseUrl, Visitor[] signedIn, Visitor[] staff, int clients)
    {
        private const string Process = $"/processes/{Seed.Slug}";
        private readonly ConcurrentDictionary<int, ConcurrentQueue<double>> _latencies = new();
        private readonly ConcurrentDictionary<(int Minute, string Kind), long> _errors = new();
        private readonly ConcurrentDictionary<(int Minute, string Kind), long> _provoked = new();
        private readonly ConcurrentDictionary<string, long> _operations = new(StringComparer.Ordinal);
        private readonly ConcurrentQueue<string> _examples = new();
        private readonly ConcurrentDictionary<string, long> _accepted = new(StringComparer.Ordinal);
        private readonly Visitor[] _tables = [.. Enumerable.Range(0, Seed.Workshops * Seed.Tables).Select(i => new Visitor($"172.16.{i / 256}.{i % 256}"))];
        private readonly string[] _deepLists = new string[256];
        private readonly Guid[] _themes = [.. Enumerable.Range(0, 10).Select(t => Seed.Md5Guid($"theme{t}"))];
        private readonly Upload[] _uploads = Upload.Refused();
        private readonly Upload[] _resultsUploads = Upload.ForResults();
        private readonly Upload[] _paperUploads = Upload.ForPaper();
        private long _supportPair = -1;
        private long _newPerson = Seed.Signers - 1;
        private long _comment;
        private long _item;
        private long _upload = -1;
        private long _staffUpload = -1;
        private TimeSpan _deadline;
        private Stopwatch _clock = default!;

        /// <summary>Operations start at <paramref name="rate"/> a second (operation k at k / rate), never more than the clients in flight.</summary>
        public async Task RunAsync(Stopwatch clock, TimeSpan duration, int rate)
        {
            (_clock, _deadline) = (clock, duration);
            using var http = new HttpMessageInvoker(new SocketsHttpHandler
            {
                UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = clients,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
            var next = -1L;
            await Task.WhenAll(Enumerable.Range(0, clients).Select(async worker =>
            {
                var random = new Random(worker * 7919 + 1);
                while (true)
                {
                    var due = TimeSpan.FromSeconds((double)Interlocked.Increment(ref next) / rate);
                    if (due >= duration)
                    {
                        return;
                    }
                    if (due > clock.Elapsed)
                    {
                        await Task.Delay(due - clock.Elapsed);
                    }
                    await OneAsync(http, random);
                }
            }));
        }

        private async Task OneAsync(HttpMessageInvoker http, Random random)
        {
            try
            {
                await DrawAsync(http, random);
            }
            catch (InvalidOperationException e)
            {
                // A page without the form it should have (no antiforgery token): the answer was wrong, not the harness.
                Count("page", Outcome.Error, $"page {e.Message}", 0);
                Example(e.Message);
            }
        }

        private async Task DrawAsync(HttpMessageInvoker http, Random random)
        {
            switch (random.Next(100))
            {
                case < 45:
                    await AnonymousReadAsync(http, random);
                    break;
                case < 70:
                    await SendAsync(http, "signed-in read", signedIn[random.Next(signedIn.Length)], HttpMethod.Get, Page(random, signedIn: true), null,
                        r => Expect(r, HttpStatusCode.OK));
                    break;
                case < 78:
                    await SupportAsync(http);
                    break;
                case < 83:
                    await CommentAsync(http, random);
                    break;
                case < 95:
                    await WorkshopPostAsync(http, random);
                    break;
                case < 96:
                    await SignInAsync(http, random);
                    break;
                default:
                    await UploadAsync(http, random);
                    break;
            }
        }

        private async Task AnonymousReadAsync(HttpMessageInvoker http, Random random)
        {
            var visitor = new Visitor(VisitorAddress(random.Next(AnonymousAddresses)));
            var path = Page(random, signedIn: false);
            var body = await SendAsync(http, "anonymous read", visitor, HttpMethod.Get, path, null, r => Expect(r, HttpStatusCode.OK), readBody: path.Contains("/proposals?", StringComparison.Ordinal));
            // Visitors who page through a list follow "next": its cursor addresses are kept for later readers.
            if (body is not null && NextLink().Match(body) is { Success: true } next)
            {
                _deepLists[random.Next(_deepLists.Length)] = $"{Process}/proposals" + WebUtility.HtmlDecode(next.Groups[1].Value);
            }
        }

        /// <summary>A page as people read them: popular proposals far more than the rest (index 10,000·u³), lists filtered and sorted.</summary>
        private string Page(Random random, bool signedIn)
        {
            var proposal = (int)(Seed.Proposals * Math.Pow(random.NextDouble(), 3));
            return random.Next(100) switch
            {
                < 5 => "/",
                < 12 => Process,
                < 45 => List(random),
                < 90 => $"/proposals/{Seed.Md5Guid($"proposal{proposal}")}",
                < 95 when signedIn => "/account",
                _ => $"/w/{Seed.JoinCode(random.Next(Seed.Workshops))}?group={Seed.TableId(random.Next(Seed.Workshops), random.Next(Seed.Tables))}",
            };
        }

        private string List(Random random)
        {
            if (random.Next(5) == 0 && _deepLists[random.Next(_deepLists.Length)] is { } deep)
            {
                return deep;
            }
            var query = new List<string>();
            if (random.Next(3) == 0)
            {
                query.Add($"theme={_themes[random.Next(_themes.Length)]}");
            }
            if (random.Next(4) == 0)
            {
                query.Add($"sort={(ProposalSortName)random.Next(4)}");
            }
            if (random.Next(8) == 0)
            {
                query.Add($"q={Uri.EscapeDataString(_words[random.Next(_words.Length)])}");
            }
            if (random.Next(10) == 0)
            {
                query.Add("status=Published");
            }
            if (random.Next(3) == 0)
            {
                query.Add($"p={1 + (int)(20 * Math.Pow(random.NextDouble(), 2))}");
            }
            return $"{Process}/proposals" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
        }

        private enum ProposalSortName
        {
            Newest,
            MostSupported,
            MostDiscussed,
            Oldest,
        }

        /// <summary>A signed-in participant supports a proposal: pairs never repeat (drawn as the ingestion run draws them), so each is new.</summary>
        private async Task SupportAsync(HttpMessageInvoker http)
        {
            // The first half of the pool are signers for the whole run (sign-ins replace only the second half, people who
            // supported proposals in the seed), so no support repeats one already given.
            var supporters = signedIn.Length / 2;
            var k = Interlocked.Increment(ref _supportPair);
            var person = (int)(k % supporters);
            var proposal = (int)((k / supporters + person * 37L) % Seed.Proposals);
            var visitor = signedIn[person];
            await SendAsync(http, "support", visitor, HttpMethod.Post, $"/proposals/{Seed.Md5Guid($"proposal{proposal}")}?handler=Support",
                Form(("__csrf", visitor.Token!)), r => Expect(r, HttpStatusCode.Redirect));
        }

        private async Task CommentAsync(HttpMessageInvoker http, Random random)
        {
            var visitor = signedIn[random.Next(signedIn.Length)];
            var proposal = (int)(Seed.Proposals * Math.Pow(random.NextDouble(), 3));
            var n = Interlocked.Increment(ref _comment);
            await SendAsync(http, "comment", visitor, HttpMethod.Post, $"/proposals/{Seed.Md5Guid($"proposal{proposal}")}?handler=Comment",
                Form(("__csrf", visitor.Token!), ("CommentBody", $"Commentaire d'endurance {n} : {string.Join(' ', Enumerable.Range(0, 5 + random.Next(30)).Select(_ => _words[random.Next(_words.Length)]))}.")),
                r => Expect(r, HttpStatusCode.Redirect));
        }

        /// <summary>Someone at a table adds a concern from a phone, without an account: the form's token from the join page first.</summary>
        private async Task WorkshopPostAsync(HttpMessageInvoker http, Random random)
        {
            var table = random.Next(_tables.Length);
            var (workshop, group) = (table / Seed.Tables, table % Seed.Tables);
            var visitor = _tables[table];
            var path = $"/w/{Seed.JoinCode(workshop)}?group={Seed.TableId(workshop, group)}";
            if (visitor.Token is null)
            {
                var page = await SendAsync(http, "workshop page", visitor, HttpMethod.Get, path, null, r => Expect(r, HttpStatusCode.OK), readBody: true);
                if (page is null)
                {
                    return;
                }
                visitor.Token = Harness.Token(page);
            }
            var n = Interlocked.Increment(ref _item);
            await SendAsync(http, "workshop post", visitor, HttpMethod.Post, path,
                Form(("__csrf", visitor.Token), ("Code", Seed.JoinCode(workshop)), ("Group", $"{Seed.TableId(workshop, group)}"),
                    ("ItemText", $"Constat {n} : {_words[random.Next(_words.Length)]} et {_words[random.Next(_words.Length)]} manquent au quartier.")),
                r => Expect(r, HttpStatusCode.Redirect));
        }

        /// <summary>Someone else signs in (a participant beyond the signers, from their own address) and takes a place in the signed-in pool.</summary>
        private async Task SignInAsync(HttpMessageInvoker http, Random random)
        {
            var person = (int)(Interlocked.Increment(ref _newPerson) % Seed.People);
            var visitor = new Visitor(PersonAddress(person));
            var form = await SendAsync(http, "sign-in", visitor, HttpMethod.Get, "/account/sign-in", null, r => Expect(r, HttpStatusCode.OK), readBody: true);
            if (form is null)
            {
                return;
            }
            var token = Harness.Token(form);
            await SendAsync(http, "sign-in", visitor, HttpMethod.Post, "/account/sign-in",
                Form(("__csrf", token), ("Input.Email", Seed.PersonEmail(person)), ("Input.Password", Seed.Password)),
                r => r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location?.OriginalString.Contains("sign-in", StringComparison.Ordinal) != true
                    ? (Outcome.Success, "") : (Outcome.Error, Status(r)));
            var personal = await SendAsync(http, "sign-in", visitor, HttpMethod.Get, "/account/sign-out", null, r => Expect(r, HttpStatusCode.OK), readBody: true);
            if (personal is not null)
            {
                visitor.Token = Harness.Token(personal);
                // Only supports need new pairs: the newcomer takes a place that only reads and comments.
                Volatile.Write(ref signedIn[signedIn.Length / 2 + random.Next(signedIn.Length / 2)], visitor);
            }
        }

        /// <summary>Five uploads in six by staff (<see cref="StaffUploadAsync"/>), one by someone who may not upload (<see cref="RefusedUploadAsync"/>).</summary>
        private Task UploadAsync(HttpMessageInvoker http, Random random) =>
            random.Next(6) == 0 ? RefusedUploadAsync(http, random) : StaffUploadAsync(http, random);

        /// <summary>
        /// A process manager, signed in with a second factor, uploads a file to the results import or to a workshop's paper
        /// import. A valid file is accepted: the results are applied (302 back to the results), the paper lines are shown
        /// for confirmation, then imported on confirmation (302 to the workshop). A hostile one must be refused with its
        /// reason next to the file field (the page again, 200), or by nginx over 20 MB (413): provoked on purpose.
        /// Anything else, a 500 or no answer in 30 s included, is an error.
        /// </summary>
        private async Task StaffUploadAsync(HttpMessageInvoker http, Random random)
        {
            var results = random.Next(2) == 0;
            var uploads = results ? _resultsUploads : _paperUploads;
            var upload = uploads[(int)(Interlocked.Increment(ref _staffUpload) / 2 % uploads.Length)];
            var visitor = staff[random.Next(staff.Length)];
            var workshop = Seed.Md5Guid($"workshop{random.Next(Seed.Workshops)}");
            var (target, path, field) = results
                ? ("results", $"{Process}/results?handler=Import", "file")
                : ("paper", $"/workshops/{workshop}/paper?handler=Check", "Upload");
            var oversize = upload.Bytes.Length > 20 * 1024 * 1024;
            var kind = $"staff upload {upload.Name} ({target})";
            var content = new MultipartFormDataContent { { new StringContent(visitor.Token!), "__csrf" } };
            var file = new ByteArrayContent(upload.Bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(upload.ContentType);
            content.Add(file, field, upload.FileName);
            var page = await SendAsync(http, "staff upload", visitor, HttpMethod.Post, path, content, r => r.StatusCode switch
            {
                HttpStatusCode.RequestEntityTooLarge when oversize => (Outcome.Provoked, $"{kind} 413 (nginx)"),
                HttpStatusCode.Redirect when upload.Valid && results && r.Headers.Location?.OriginalString == $"{Process}/results" => (Outcome.Success, ""),
                HttpStatusCode.OK when !oversize && !(upload.Valid && results) => (Outcome.Success, ""),
                _ => (Outcome.Error, Status(r)),
            }, readBody: upload.Valid, provokedFailure: oversize ? $"{kind} closed by nginx" : null, done: Accepted($"{upload.Name} ({target}{(results ? ", applied" : ", shown")})"), checkBody: body =>
            {
                var refusal = FieldError(body, field);
                if (!upload.Valid)
                {
                    return refusal is null ? (Outcome.Error, "hostile file not refused") : (Outcome.Provoked, $"{kind} refused: {refusal}");
                }
                return refusal is null && CheckedRows().Match(body) is { Success: true, Groups: [_, { Length: > 0 }] }
                    ? (Outcome.Success, "") : (Outcome.Error, $"valid file not shown for confirmation{(refusal is null ? "" : $": {refusal}")}");
            });
            if (page is not null && !results)
            {
                // The facilitator confirms: the lines checked are imported.
                var rows = WebUtility.HtmlDecode(CheckedRows().Match(page).Groups[1].Value);
                await SendAsync(http, "staff upload", visitor, HttpMethod.Post, $"/workshops/{workshop}/paper?handler=Import",
                    Form(("__csrf", visitor.Token!), ("CheckedRows", rows)),
                    r => r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location?.OriginalString == $"/workshops/{workshop}"
                        ? (Outcome.Success, "") : (Outcome.Error, $"paper confirmation {Status(r)}"), done: Accepted("paper lines imported on confirmation"));
            }
        }

        /// <summary>Counts a staff upload accepted (a valid file) under its kind.</summary>
        private Action<Outcome> Accepted(string kind) => outcome =>
        {
            if (outcome == Outcome.Success)
            {
                _accepted.AddOrUpdate(kind, 1, (_, n) => n + 1);
            }
        };

        /// <summary>The text of the error shown next to the file field, tags and spaces collapsed; null when there is none.</summary>
        private static string? FieldError(string body, string field)
        {
            var at = body.IndexOf($"id=\"{field}-error\"", StringComparison.Ordinal);
            if (at < 0)
            {
                return null;
            }
            var start = body.IndexOf('>', at) + 1;
            var end = body.IndexOf("</div>", start, StringComparison.Ordinal) is var div and >= 0 && div < body.IndexOf("<input", start, StringComparison.Ordinal) ? div
                : body.IndexOf("</p>", start, StringComparison.Ordinal);
            var text = WebUtility.HtmlDecode(Tags().Replace(body[start..Math.Max(start, end)], " ")).Trim();
            text = Spaces().Replace(text, " ");
            // The same refusal on different lines or limits counts as one kind.
            text = Digits().Replace(text, "#");
            return text.Length > 90 ? text[..90] + "…" : text;
        }

        /// <summary>
        /// An upload, valid or hostile, to the results import by someone who may not: a participant is refused (403
        /// page), a visitor is sent to sign in, a form without its token is refused (400), a file over nginx's 20 MB is
        /// refused by nginx (413): each is provoked on purpose; anything else is an error.
        /// </summary>
        private async Task RefusedUploadAsync(HttpMessageInvoker http, Random random)
        {
            var upload = _uploads[(int)(Interlocked.Increment(ref _upload) % _uploads.Length)];
            var who = random.Next(6);
            var visitor = who switch
            {
                0 => new Visitor(VisitorAddress(random.Next(AnonymousAddresses))),
                _ => signedIn[random.Next(signedIn.Length)],
            };
            var withToken = who != 1;
            if (who == 0)
            {
                // A visitor's form carries the token of the page they read.
                var page = await SendAsync(http, "refused upload", visitor, HttpMethod.Get, "/account/sign-in", null, r => Expect(r, HttpStatusCode.OK), readBody: true);
                if (page is null)
                {
                    return;
                }
                visitor.Token = Harness.Token(page);
            }
            var content = new MultipartFormDataContent();
            if (withToken)
            {
                content.Add(new StringContent(visitor.Token!), "__csrf");
            }
            var file = new ByteArrayContent(upload.Bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(upload.ContentType);
            content.Add(file, "file", upload.FileName);
            await SendAsync(http, "refused upload", visitor, HttpMethod.Post, $"{Process}/results?handler=Import", content, r =>
            {
                var kind = $"refused upload {upload.Name}";
                return r.StatusCode switch
                {
                    HttpStatusCode.RequestEntityTooLarge when upload.Bytes.Length > 20 * 1024 * 1024 => (Outcome.Provoked, $"{kind} 413 (nginx)"),
                    HttpStatusCode.BadRequest when !withToken => (Outcome.Provoked, $"{kind} 400 (no token)"),
                    HttpStatusCode.Redirect when who == 0 && r.Headers.Location?.OriginalString.Contains("/account/sign-in", StringComparison.Ordinal) == true
                        => (Outcome.Provoked, $"{kind} → sign-in"),
                    HttpStatusCode.Redirect when who > 1 && r.Headers.Location?.OriginalString.Contains("/error/403", StringComparison.Ordinal) == true
                        => (Outcome.Provoked, $"{kind} 403"),
                    HttpStatusCode.Forbidden when who > 1 => (Outcome.Provoked, $"{kind} 403"),
                    _ => (Outcome.Error, Status(r)),
                };
            }, provokedFailure: upload.Bytes.Length > 20 * 1024 * 1024 ? $"refused upload {upload.Name} closed by nginx" : null);
        }

        private static (Outcome, string) Expect(HttpResponseMessage response, HttpStatusCode expected) =>
            response.StatusCode == expected ? (Outcome.Success, "") : (Outcome.Error, Status(response));

        private static string Status(HttpResponseMessage response) =>
            $"{(int)response.StatusCode}" + (response.Headers.Location is { } location ? $" → {location.OriginalString.Split('?')[0]}" : "");

        /// <summary>Sends one request as the visitor, checks the answer, counts it; returns the body when asked and the answer was a success.</summary>
        private async Task<string?> SendAsync(HttpMessageInvoker http, string operation, Visitor visitor, HttpMethod method, string path, HttpContent? content,
            Func<HttpResponseMessage, (Outcome Outcome, string Kind)> check, bool readBody = false, string? provokedFailure = null,
            Func<string, (Outcome Outcome, string Kind)>? checkBody = null, Action<Outcome>? done = null)
        {
            using var request = new HttpRequestMessage(method, new Uri(baseUrl, path)) { Content = content };
            visitor.Prepare(request);
            using var timeout = new CancellationTokenSource(_requestTimeout);
            var started = Stopwatch.GetTimestamp();
            (Outcome Outcome, string Kind) result;
            string? body = null;
            try
            {
                using var response = await http.SendAsync(request, timeout.Token);
                visitor.Keep(response);
                result = check(response);
                // Every body is read to its end, as a browser does, and only kept when asked for.
                var text = await response.Content.ReadAsStringAsync(timeout.Token);
                // A page whose status was right, checked further on its content (a 200 may accept or refuse a file).
                if (result.Outcome == Outcome.Success && checkBody is not null && response.StatusCode == HttpStatusCode.OK)
                {
                    result = checkBody(text);
                }
                if (result.Outcome == Outcome.Success && readBody)
                {
                    body = text;
                }
                if (result.Outcome == Outcome.Error)
                {
                    result.Kind = $"{operation} {result.Kind}";
                    Example($"{method} {path}: {result.Kind}");
                }
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                result = (Outcome.Error, $"{operation} timeout");
                Example($"{method} {path}: no answer in {_requestTimeout.TotalSeconds:F0} s");
            }
            catch (HttpRequestException e)
            {
                result = provokedFailure is not null ? (Outcome.Provoked, provokedFailure) : (Outcome.Error, $"{operation} connection");
                if (provokedFailure is null)
                {
                    Example($"{method} {path}: {e.Message}");
                }
            }
            Count(operation, result.Outcome, result.Kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            done?.Invoke(result.Outcome);
            return body;
        }

        /// <summary>Counts an answer in the minute it arrived (an answer without a latency, ms 0, is not a request).</summary>
        private void Count(string operation, Outcome outcome, string kind, double ms)
        {
            var minute = (int)_clock.Elapsed.TotalMinutes;
            if (ms > 0)
            {
                _latencies.GetOrAdd(minute, _ => new ConcurrentQueue<double>()).Enqueue(ms);
                _operations.AddOrUpdate(operation, 1, (_, n) => n + 1);
            }
            if (outcome == Outcome.Error)
            {
                _errors.AddOrUpdate((minute, kind), 1, (_, n) => n + 1);
            }
            else if (outcome == Outcome.Provoked)
            {
                _provoked.AddOrUpdate((minute, kind), 1, (_, n) => n + 1);
            }
        }

        private void Example(string example)
        {
            if (_examples.Count < 10)
            {
                _examples.Enqueue(example);
            }
        }

        /// <summary>The figures of one minute (the last also takes the answers that arrived after the deadline).</summary>
        public MinuteFigures Minute(int minute, bool last)
        {
            bool In(int m) => m == minute || (last && m > minute);
            var latencies = _latencies.Where(l => In(l.Key)).SelectMany(l => l.Value).Order().ToList();
            var errors = _errors.Where(e => In(e.Key.Minute)).GroupBy(e => e.Key.Kind).ToDictionary(g => g.Key, g => g.Sum(e => e.Value));
            return new MinuteFigures(latencies.Count, _provoked.Where(p => In(p.Key.Minute)).Sum(p => p.Value),
                Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies.Count > 0 ? latencies[^1] : double.NaN, errors);
        }

        public Totals Totals()
        {
            var latencies = _latencies.SelectMany(l => l.Value).Order().ToList();
            return new Totals(latencies.Count, _provoked.Values.Sum(), Percentile(latencies, 0.99),
                _operations.ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal),
                _provoked.GroupBy(p => p.Key.Kind).ToDictionary(g => g.Key, g => g.Sum(p => p.Value)),
                _errors.GroupBy(e => e.Key.Kind).ToDictionary(g => g.Key, g => g.Sum(e => e.Value)),
                [.. _examples], _accepted.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal));
        }

        private static double Percentile(List<double> sorted, double p) =>
            sorted.Count == 0 ? double.NaN : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))], 1);

        [GeneratedRegex("href=\"(\\?[^\"]*after=[^\"]*)\"")]
        private static partial Regex NextLink();

        [GeneratedRegex("name=\"CheckedRows\" value=\"([^\"]*)\"")]
        private static partial Regex CheckedRows();

        [GeneratedRegex("<[^>]*>")]
        private static partial Regex Tags();

        [GeneratedRegex("\\s+")]
        private static partial Regex Spaces();

        [GeneratedRegex("[0-9][0-9 .,]*[0-9]|[0-9]")]
        private static partial Regex Digits();
    }

    /// <summary>A file sent to an upload form: valid (accepted when staff send it), or made to hurt a parser or a proxy.</summary>
    private sealed record Upload(string Name, string FileName, string ContentType, byte[] Bytes, bool Valid = false)
    {
        private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        private const string SheetNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

        /// <summary>What the results import takes: an update of each seeded action, dated yesterday (never in the future).</summary>
        public static Upload[] ForResults()
        {
            var on = DateTime.Now.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            IReadOnlyList<string>[] rows =
            [
                ["item_id", "title", "status", "progress", "responsible_body", "date", "update"],
                .. Enumerable.Range(0, Seed.Actions).Select(a => (IReadOnlyList<string>)
                    [$"{Seed.Md5Guid($"action{a}")}", $"Action {a}", "InProgress", $"{10 + a * 4}", "La ville", on, $"Avancée de l'action {a} : travaux engagés."]),
            ];
            return [.. Accepted(rows), .. _hostile.Value];
        }

        /// <summary>What a workshop's paper import takes: concerns, actions and a resource typed in from the tables' forms.</summary>
        public static Upload[] ForPaper()
        {
            IReadOnlyList<string>[] rows =
            [
                ["Table", "Type", "Texte", "Rattaché à (ligne ou texte)", "Ressource existante ou à créer", "Structure qui pourrait la porter"],
                ["Table 1", "préoccupation", "Le bus ne passe plus le dimanche.", "", "", ""],
                ["Table 1", "action", "Une navette de quartier le dimanche.", "2", "", ""],
                ["Table 1", "ressource", "Le minibus du centre social.", "3", "existante", "Le centre social"],
                ["Table 2", "préoccupation", "Pas de banc à l'arrêt de la gare.", "", "", ""],
                ["Table 3", "préoccupation", "Les trottoirs sont trop étroits pour les poussettes.", "", "", ""],
            ];
            return [.. Accepted(rows), .. _hostile.Value];
        }

        /// <summary>Sent by people who may not upload (refused before the file is read): valid and hostile alike.</summary>
        public static Upload[] Refused() => [.. ForResults().Where(u => u.Name is "valid-csv" or "formulas-csv" or "zip-bomb-xlsx" or "garbage-xlsx" or "oversize")];

        /// <summary>The same rows as CSV (semicolons, as French spreadsheets save it), as XLSX, and as CSV under a traversal name.</summary>
        private static Upload[] Accepted(IReadOnlyList<string>[] rows)
        {
            var csv = Encoding.UTF8.GetBytes(string.Concat(rows.Select(r => string.Join(';', r.Select(c => c.Contains(';', StringComparison.Ordinal) ? $"\"{c}\"" : c)) + "\r\n")));
            return
            [
                new("valid-csv", "remplie.csv", "text/csv", csv, Valid: true),
                new("valid-xlsx", "remplie.xlsx", Xlsx, Workbook(Sheet(rows)), Valid: true),
                // The name is never used: the file is read as any other.
                new("traversal-name", "../../../../etc/passwd", "text/csv", csv, Valid: true),
            ];
        }

        /// <summary>Files made to hurt a parser: each must be refused whole, with why next to the file field.</summary>
        private static readonly Lazy<Upload[]> _hostile = new(Hostile);

        private static Upload[] Hostile() =>
        [
            // An XLSX whose sheet unzips to 256 MB (of blanks between its elements) from about 250 KB.
            new("zip-bomb-xlsx", "remplie.xlsx", Xlsx, Workbook(writer =>
            {
                writer.Write($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{SheetNamespace}\"><sheetData>");
                var blanks = new string(' ', 1024 * 1024);
                for (var i = 0; i < 256; i++)
                {
                    writer.Write(blanks);
                }
                writer.Write("</sheetData></worksheet>");
            })),
            // A sheet of one cell that claims to be on the last row a spreadsheet has, then one on its last column.
            new("claimed-row-xlsx", "remplie.xlsx", Xlsx, Workbook(Raw(
                "<row r=\"1048576\"><c r=\"A1048576\" t=\"inlineStr\"><is><t>x</t></is></c></row>"))),
            new("claimed-column-xlsx", "remplie.xlsx", Xlsx, Workbook(Raw(
                "<row r=\"1\"><c r=\"XFD1\" t=\"inlineStr\"><is><t>x</t></is></c></row>"))),
            // Entities: a billion laughs and an external file.
            new("dtd-xlsx", "remplie.xlsx", Xlsx, Workbook(writer => writer.Write(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE worksheet [<!ENTITY a \"hahahahahahahahahaha\">" +
                string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY {(char)('a' + i)} \"{string.Concat(Enumerable.Repeat($"&{(char)('a' + i - 1)};", 10))}\">")) +
                "<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" +
                $"<worksheet xmlns=\"{SheetNamespace}\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&j;&x;</t></is></c></row></sheetData></worksheet>"))),
            // A zip's signature, then noise; and noise alone, read as text.
            new("garbage-xlsx", "remplie.xlsx", Xlsx, [0x50, 0x4B, 0x03, 0x04, .. Enumerable.Range(0, 64 * 1024).Select(i => (byte)(i * 7919 % 251))]),
            new("garbage-bin", "remplie.csv", "text/csv", [.. Enumerable.Range(0, 64 * 1024).Select(i => (byte)((i * 7919 + 13) % 253))]),
            // Formulas where the sheet wants a table's name or an action's id: lines refused one by one.
            new("formulas-csv", "remplie.csv", "text/csv", Encoding.UTF8.GetBytes(
                "item_id;title;status;progress;responsible_body;date;update;Table;Type;Texte\r\n" +
                "=cmd|' /C calc'!A0;@SUM(1+1);+1+1;-2+3;=HYPERLINK(\"http://example.org\";\"x\");=1;=2;=cmd|' /C calc'!A0;@SUM(1+1);=HYPERLINK(\"http://example.org\")\r\n" +
                "+1+1;-2+3;=A1;=A2;=A3;=A4;=A5;+1+1;-2+3;=A1\r\n")),
            // More rows than either import takes (5,000 and 2,000).
            new("too-many-rows-csv", "remplie.csv", "text/csv", Encoding.UTF8.GetBytes(
                "Table;Type;Texte\r\n" + string.Concat(Enumerable.Range(0, 6000).Select(i => $"Table 1;préoccupation;Ligne {i}\r\n")))),
            // Past what either import reads (1 and 2 MB), within what nginx passes on; then past nginx's 20 MB.
            new("long-lines-csv", "remplie.csv", "text/csv", Encoding.UTF8.GetBytes("Table;Type;Texte\r\n" + new string('a', 4 * 1024 * 1024) + ";b;c\r\n")),
            new("oversize", "remplie.csv", "text/csv", new byte[21 * 1024 * 1024]),
        ];

        private static Action<StreamWriter> Raw(string rows) => writer =>
            writer.Write($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{SheetNamespace}\"><sheetData>{rows}</sheetData></worksheet>");

        /// <summary>A first sheet of inline strings, each cell at its reference.</summary>
        private static Action<StreamWriter> Sheet(IReadOnlyList<string>[] rows) => writer =>
        {
            writer.Write($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{SheetNamespace}\"><sheetData>");
            for (var r = 0; r < rows.Length; r++)
            {
                writer.Write($"<row r=\"{r + 1}\">");
                for (var c = 0; c < rows[r].Count; c++)
                {
                    writer.Write($"<c r=\"{(char)('A' + c)}{r + 1}\" t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape(rows[r][c])}</t></is></c>");
                }
                writer.Write("</row>");
            }
            writer.Write("</sheetData></worksheet>");
        };

        /// <summary>The smallest package a spreadsheet application opens: content types, relationships, a workbook of one sheet.</summary>
        private static byte[] Workbook(Action<StreamWriter> sheet)
        {
            using var stream = new MemoryStream();
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            {
                void Part(string name, string xml)
                {
                    using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                    writer.Write(xml);
                }
                Part("[Content_Types].xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>
                    """);
                Part("_rels/.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                    """);
                Part("xl/workbook.xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>
                    """);
                Part("xl/_rels/workbook.xml.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
                    """);
                using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open(), new UTF8Encoding(false));
                sheet(writer);
            }
            return stream.ToArray();
        }
    }
}
