using System.Diagnostics;
using System.Net;

namespace Parvis.WebBench;

public sealed record IngestionRun(int Clients, double PerSecond, double P50Ms, double P99Ms, long Accepted, long Refused, long Other,
    IReadOnlyList<(int User, int Proposal)> AcceptedPairs);

/// <summary>
/// Signed-in participants posting a form as their browsers would (session cookie, antiforgery cookie and token in
/// the form), a support on a proposal or a ballot in a vote, with a fixed number of requests in flight. Every request
/// is a (participant, target) pair no other request of the run uses, and every answer is kept, so the rows stored can
/// be compared pair by pair.
/// </summary>
public static class Ingestion
{
    /// <param name="baseUrl">Parvis.</param>
    /// <param name="users">The participants' cookies and antiforgery tokens.</param>
    /// <param name="targets">The targets (proposals, votes).</param>
    /// <param name="clients">Requests in flight.</param>
    /// <param name="duration">How long the run lasts.</param>
    /// <param name="first">The first pair's number: runs that must not repeat a pair start apart.</param>
    /// <param name="path">Where a target's form posts.</param>
    /// <param name="fields">The form's fields besides the token ("&amp;choice=0").</param>
    public static async Task<IngestionRun> RunAsync(Uri baseUrl, IReadOnlyList<(string Cookie, string Token)> users, IReadOnlyList<Guid> targets,
        int clients, TimeSpan duration, long first, Func<Guid, string>? path = null, string fields = "")
    {
        // The handler itself, without HttpClient's per-request timeout source, and every address parsed once.
        using var http = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = clients,
        });
        // One deadline for the whole run rather than a timer per request: an answer a minute late is a failure.
        using var deadline = new CancellationTokenSource(duration + TimeSpan.FromMinutes(1));
        var addresses = targets.Select(id => new Uri(baseUrl, path?.Invoke(id) ?? $"/proposals/{id}?handler=Support")).ToArray();
        // Each participant's cookies as their browser keeps them: a renewed session cookie replaces the old one.
        var cookies = users.Select(u => u.Cookie).ToArray();
        // The client shares the machine with Parvis and PostgreSQL, as pgbench does: each body is encoded once, and
        // headers are added as they are, so the client costs as little as it can.
        var bodies = users.Select(u => System.Text.Encoding.ASCII.GetBytes($"__csrf={Uri.EscapeDataString(u.Token)}{fields}")).ToArray();
        var form = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        var next = first - 1;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(async _ =>
        {
            var answers = new List<(long Pair, HttpStatusCode Status, double Ms)>();
            while (clock.Elapsed < duration)
            {
                var k = Interlocked.Increment(ref next);
                var (user, proposal) = Pair(k, users.Count, targets.Count);
                using var content = new ByteArrayContent(bodies[user]);
                content.Headers.ContentType = form;
                using var request = new HttpRequestMessage(HttpMethod.Post, addresses[proposal]) { Content = content };
                request.Headers.TryAddWithoutValidation("Cookie", Volatile.Read(ref cookies[user]));
                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request, deadline.Token);
                if (response.Headers.TryGetValues("Set-Cookie", out var set) && set.FirstOrDefault(c => c.StartsWith("parvis=", StringComparison.Ordinal)) is { } session)
                {
                    var others = Volatile.Read(ref cookies[user]).Split("; ").Where(c => !c.StartsWith("parvis=", StringComparison.Ordinal));
                    Volatile.Write(ref cookies[user], string.Join("; ", others.Append(session.Split(';')[0])));
                }
                answers.Add((k, response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            }
            return answers;
        });
        var all = (await Task.WhenAll(workers)).SelectMany(a => a).ToList();
        var elapsed = clock.Elapsed.TotalSeconds;
        var latencies = all.Select(a => a.Ms).Order().ToList();
        var accepted = all.Where(a => a.Status == HttpStatusCode.Redirect).ToList();
        return new IngestionRun(clients, accepted.Count / elapsed, Percentile(latencies, 0.50), Percentile(latencies, 0.99),
            accepted.Count, all.Count(a => a.Status == HttpStatusCode.TooManyRequests), all.Count(a => a.Status is not (HttpStatusCode.Redirect or HttpStatusCode.TooManyRequests)),
            [.. accepted.Select(a => Pair(a.Pair, users.Count, targets.Count))]);
    }

    /// <summary>Pair k: consecutive requests go to different participants and proposals; no pair repeats below users × proposals.</summary>
    private static (int User, int Proposal) Pair(long k, int users, int proposals)
    {
        var user = (int)(k % users);
        return (user, (int)((k / users + user * 37L) % proposals));
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))], 2);
}
