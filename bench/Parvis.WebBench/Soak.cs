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
/// Every answer is checked against what that request should get; the refusals it provokes on purpose (hostile and
/// unauthorised uploads) are counted apart from errors. Prints one line a minute (requests, errors by kind, p50 and
/// p99, each node's resident memory), then each node's growth from the end of the warm-up to the end, and writes
/// bench/results/soak.json. Exits 1 on any unprovoked error or a growth of 10 % or more.
/// </summary>
public static partial class Soak
{
    /// <summary>Minutes of warm-up (the JIT's tiers, pools, caches filling) before memory is expected to stay flat.</summary>
    private const int WarmUpMinutes = 2;
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
        if (minutes <= WarmUpMinutes)
        {
            throw new InvalidOperationException($"PARVIS_SOAK_MINUTES must be more than the {WarmUpMinutes} minutes of warm-up.");
        }

        Console.WriteLine("Seeding: 20,000 participants, 10,000 proposals, 100,000 supports, 50,000 comments, " +
            $"{Seed.Workshops} running workshops of {Seed.Tables} tables…");
        var clock = Stopwatch.StartNew();
        await Seed.RunAsync(connection);
        await Seed.RunWorkshopsAsync(connection);
        Console.WriteLine($"Seeded in {clock.Elapsed.TotalSeconds:F0} s.");

        using var setup = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = baseUrl };
        // Participants only (staff roles require two-step verification): the signers, who have supported nothing yet.
        var signedIn = new Visitor[SignedInPool];
        foreach (var chunk in Enumerable.Range(0, SignedInPool).Chunk(4))
        {
            await Task.WhenAll(chunk.Select(async i => signedIn[i] = await Visitor.SignInAsync(setup, i, PersonAddress(i))));
        }
        Console.WriteLine($"Signed in {SignedInPool} participants through nginx in {clock.Elapsed.TotalSeconds:F0} s.");

        var traffic = new Traffic(baseUrl, signedIn, clients);
        var duration = TimeSpan.FromMinutes(minutes);
        Console.WriteLine($"\nSoak: {minutes} min, {rate} operations/s at most (an operation is one request, or two or three: a sign-in, " +
            $"a first post from a table, a visitor's upload), {clients} in flight at most (nginx at {baseUrl}, nodes {string.Join(", ", nodes)}).");
        Console.WriteLine("Mix: 45 % anonymous reads (50,000 addresses), 25 % signed-in reads, 8 % supports, 5 % comments, 12 % workshop posts, " +
            "1 % sign-ins, 4 % uploads (valid and hostile files by participants and visitors, all refused on purpose: no participant may upload).");
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
        var growth = nodes.Select((_, n) => (rss[^1][n] - rss[WarmUpMinutes - 1][n]) / rss[WarmUpMinutes - 1][n]).ToArray();
        var errors = totals.Errors.Values.Sum();
        var passed = errors == 0 && growth.All(g => g < GrowthLimit);
        Console.WriteLine($"\nRequests: {totals.Requests} (by operation: {string.Join(", ", totals.ByOperation.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value}"))}).");
        Console.WriteLine($"Refusals provoked on purpose: {totals.Provoked} ({Describe(totals.ProvokedByKind)}).");
        Console.WriteLine($"Errors: {errors}{(errors > 0 ? $" ({Describe(totals.Errors)})" : "")}.");
        foreach (var example in totals.Examples)
        {
            Console.WriteLine($"  e.g. {example}");
        }
        Console.WriteLine($"p99 per minute: {string.Join(" ", lines.Select(l => $"{Number(l!["p99_ms"]):F0}"))} ms; whole run p99 {totals.P99Ms:F1} ms.");
        for (var n = 0; n < nodes.Length; n++)
        {
            Console.WriteLine($"Node {n + 1} resident memory: {rss[WarmUpMinutes - 1][n]:F1} MB at the end of minute {WarmUpMinutes} (warm-up), " +
                $"{rss[^1][n]:F1} MB at the end, growth {growth[n] * 100:+0.0;-0.0} % (limit {GrowthLimit * 100:F0} %), peak {rss.Max(r => r[n]):F1} MB.");
        }
        Console.WriteLine(passed ? "Soak passed: no unprovoked error, memory flat after warm-up."
            : $"Soak FAILED: {(errors > 0 ? $"{errors} unprovoked errors" : "")}{(errors > 0 && growth.Any(g => g >= GrowthLimit) ? "; " : "")}" +
              $"{(growth.Any(g => g >= GrowthLimit) ? "memory grew 10 % or more after warm-up" : "")}.");

        var results = new JsonObject
        {
            ["minutes"] = minutes, ["rate_per_s"] = rate, ["clients"] = clients, ["warm_up_minutes"] = WarmUpMinutes,
            ["requests"] = totals.Requests, ["errors"] = errors, ["provoked"] = totals.Provoked, ["p99_ms"] = totals.P99Ms,
            ["rss_growth_percent"] = new JsonArray([.. growth.Select(g => (JsonNode)Math.Round(g * 100, 2))]),
            ["passed"] = passed,
            ["by_operation"] = new JsonObject(totals.ByOperation.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value))),
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
        IReadOnlyDictionary<string, long> ProvokedByKind, IReadOnlyDictionary<string, long> Errors, IReadOnlyList<string> Examples);

    /// <summary>What a request should get: its operation's name, and whether a status is success, a provoked refusal, or an error.</summary>
    private enum Outcome
    {
        Success,
        Provoked,
        Error,
    }

    /// <summary>The traffic itself, and every answer counted in the minute it arrived.</summary>
    private sealed partial class Traffic(Uri baseUrl, Visitor[] signedIn, int clients)
    {
        private const string Process = $"/processes/{Seed.Slug}";
        private readonly ConcurrentDictionary<int, ConcurrentQueue<double>> _latencies = new();
        private readonly ConcurrentDictionary<(int Minute, string Kind), long> _errors = new();
        private readonly ConcurrentDictionary<(int Minute, string Kind), long> _provoked = new();
        private readonly ConcurrentDictionary<string, long> _operations = new(StringComparer.Ordinal);
        private readonly ConcurrentQueue<string> _examples = new();
        private readonly Visitor[] _tables = [.. Enumerable.Range(0, Seed.Workshops * Seed.Tables).Select(i => new Visitor($"172.16.{i / 256}.{i % 256}"))];
        private readonly string[] _deepLists = new string[256];
        private readonly Guid[] _themes = [.. Enumerable.Range(0, 10).Select(t => Seed.Md5Guid($"theme{t}"))];
        private readonly Upload[] _uploads = Upload.All();
        private long _supportPair = -1;
        private long _newPerson = Seed.Signers - 1;
        private long _comment;
        private long _item;
        private long _upload = -1;
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

        /// <summary>
        /// An upload, valid or hostile, to the results import (the upload nearest a participant: staff only). A participant is
        /// refused (403 page), a visitor is sent to sign in, a form without its token is refused (400), a file over nginx's
        /// 20 MB is refused by nginx (413): each is provoked on purpose; anything else is an error.
        /// </summary>
        private async Task UploadAsync(HttpMessageInvoker http, Random random)
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
                var page = await SendAsync(http, "upload", visitor, HttpMethod.Get, "/account/sign-in", null, r => Expect(r, HttpStatusCode.OK), readBody: true);
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
            await SendAsync(http, "upload", visitor, HttpMethod.Post, $"{Process}/results?handler=Import", content, r =>
            {
                var kind = $"upload {upload.Name}";
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
            }, provokedFailure: upload.Bytes.Length > 20 * 1024 * 1024 ? $"upload {upload.Name} closed by nginx" : null);
        }

        private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
            new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

        private static (Outcome, string) Expect(HttpResponseMessage response, HttpStatusCode expected) =>
            response.StatusCode == expected ? (Outcome.Success, "") : (Outcome.Error, Status(response));

        private static string Status(HttpResponseMessage response) =>
            $"{(int)response.StatusCode}" + (response.Headers.Location is { } location ? $" → {location.OriginalString.Split('?')[0]}" : "");

        /// <summary>Sends one request as the visitor, checks the answer, counts it; returns the body when asked and the answer was a success.</summary>
        private async Task<string?> SendAsync(HttpMessageInvoker http, string operation, Visitor visitor, HttpMethod method, string path, HttpContent? content,
            Func<HttpResponseMessage, (Outcome Outcome, string Kind)> check, bool readBody = false, string? provokedFailure = null)
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
                [.. _examples]);
        }

        private static double Percentile(List<double> sorted, double p) =>
            sorted.Count == 0 ? double.NaN : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))], 1);

        [GeneratedRegex("href=\"(\\?[^\"]*after=[^\"]*)\"")]
        private static partial Regex NextLink();
    }

    /// <summary>A file sent to an upload form: valid, or made to hurt a parser or a proxy.</summary>
    private sealed record Upload(string Name, string FileName, string ContentType, byte[] Bytes)
    {
        public static Upload[] All()
        {
            var csv = "id,title,status,progress,responsible_body,last_update_on,update\n" +
                string.Concat(Enumerable.Range(0, 50).Select(i => $"{Guid.NewGuid()},Action {i},InProgress,{i % 100},La ville,2026-01-01,Avancée {i}\n"));
            return
            [
                new("valid-csv", "results.csv", "text/csv", Encoding.UTF8.GetBytes(csv)),
                new("formulas-csv", "results.csv", "text/csv",
                    Encoding.UTF8.GetBytes("id,title\n=cmd|' /C calc'!A0,@SUM(1+1)\n+1+1,-2+3\n=HYPERLINK(\"http://example.org\",\"x\"),ok\n")),
                new("zip-bomb-xlsx", "results.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ZipBomb()),
                new("garbage-xlsx", "results.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    [.. Enumerable.Range(0, 64 * 1024).Select(i => (byte)(i * 7919 % 251))]),
                new("traversal-name", "../../../../etc/passwd", "text/csv", Encoding.UTF8.GetBytes(csv)),
                new("long-lines-csv", "results.csv", "text/csv", Encoding.UTF8.GetBytes("id,title\n" + new string('a', 4 * 1024 * 1024) + ",b\n")),
                new("oversize", "results.csv", "text/csv", new byte[21 * 1024 * 1024]),
            ];
        }

        /// <summary>An XLSX whose sheet inflates to 256 MB of zeros from a few hundred KB.</summary>
        private static byte[] ZipBomb()
        {
            using var stream = new MemoryStream();
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            {
                using var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
                var zeros = new byte[1024 * 1024];
                for (var i = 0; i < 256; i++)
                {
                    entry.Write(zeros);
                }
            }
            return stream.ToArray();
        }
    }
}
