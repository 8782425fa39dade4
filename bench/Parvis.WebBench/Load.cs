using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Parvis.WebBench;

public sealed record LoadFigures(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Errors);

/// <summary>Runs the load generators (wrk, pgbench) and reads their figures.</summary>
public static partial class Load
{
    /// <summary>wrk with latency percentiles.</summary>
    public static async Task<(LoadFigures Figures, string Output)> WrkAsync(string url, int connections, TimeSpan duration,
        IEnumerable<string>? headers = null)
    {
        var arguments = new List<string> { "-t2", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s", "--latency", "--timeout", "5s" };
        foreach (var header in headers ?? [])
        {
            arguments.AddRange(["-H", header]);
        }
        arguments.Add(url);
        var output = await RunAsync("wrk", arguments);
        var rps = Number(RequestsPerSecond().Match(output));
        var requests = (long)Number(RequestCount().Match(output));
        var errors = Non2xx().Match(output) is { Success: true } non2xx ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        foreach (Match socket in SocketErrors().Matches(output))
        {
            errors += socket.Groups.Cast<Group>().Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture));
        }
        return (new LoadFigures(rps, Milliseconds(output, "50%"), Milliseconds(output, "99%"), requests, errors), output);
    }

    /// <summary>How many times each side of a comparison runs, one side after the other.</summary>
    public const int Rounds = 3;

    /// <summary>
    /// Parvis and its reference run one after the other, <see cref="Rounds"/> times. The machine is shared: a burst of
    /// someone else's work then lands on one run, and each side's median run (<see cref="MedianBy"/>) leaves it out.
    /// </summary>
    public static async Task<(List<TOurs> Ours, List<TTheirs> Theirs)> AlternateAsync<TOurs, TTheirs>(Func<Task<TOurs>> ours, Func<Task<TTheirs>> theirs)
    {
        var (a, b) = (new List<TOurs>(), new List<TTheirs>());
        for (var round = 0; round < Rounds; round++)
        {
            a.Add(await ours());
            b.Add(await theirs());
        }
        return (a, b);
    }

    public static T MedianBy<T>(IEnumerable<T> runs, Func<T, double> rate)
    {
        var sorted = runs.OrderBy(rate).ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>A page of Parvis against the same bytes from nginx, alternately; each side's median run, with the errors of all its runs.</summary>
    public static async Task<(LoadFigures Ours, LoadFigures Theirs)> CompareAsync(string ours, string theirs, int connections, TimeSpan duration,
        IEnumerable<string>? headers = null)
    {
        var (a, b) = await AlternateAsync(async () => (await WrkAsync(ours, connections, duration, headers)).Figures,
            async () => (await WrkAsync(theirs, connections, duration)).Figures);
        return (Median(a), Median(b));

        static LoadFigures Median(List<LoadFigures> runs) => MedianBy(runs, r => r.RequestsPerSecond) with { Errors = runs.Sum(r => r.Errors) };
    }

    /// <summary>
    /// Loads a page until its throughput settles: the JIT compiles hot paths in tiers (quick code first, then
    /// instrumented, then optimised, in the background while requests keep arriving), and a page measured before that
    /// ends says how fresh the process is, not how fast it serves. Two-second runs, at least four, until the last three
    /// agree within 5 % (at most <paramref name="maxRuns"/>).
    /// </summary>
    public static async Task WarmAsync(string url, int connections, IEnumerable<string>? headers = null, int maxRuns = 15)
    {
        var rates = new List<double>();
        while (rates.Count < maxRuns)
        {
            rates.Add((await WrkAsync(url, connections, TimeSpan.FromSeconds(2), headers)).Figures.RequestsPerSecond);
            if (rates.Count >= 4 && rates[^3..].Max() <= 1.05 * rates[^3..].Min())
            {
                return;
            }
        }
    }

    /// <summary>pgbench running one SQL script with this many clients; transactions per second without connection time.</summary>
    public static async Task<double> PgbenchAsync(string connection, string scriptFile, int clients, TimeSpan duration)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connection);
        var output = await RunAsync("pgbench", ["-n", "-h", builder.Host!, "-p", $"{builder.Port}", "-U", builder.Username!,
            "-c", $"{clients}", "-j", "2", "-T", $"{(int)duration.TotalSeconds}", "-f", scriptFile, builder.Database!]);
        return Number(PgbenchTps().Match(output));
    }

    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {await error}\n{await output}");
        }
        return await output + await error;
    }

    private static double Milliseconds(string output, string percentile)
    {
        var match = Regex.Match(output, $@"^\s*{Regex.Escape(percentile)}\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        if (!match.Success)
        {
            return double.NaN;
        }
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    private static double Number(Match match) =>
        match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : throw new InvalidOperationException("figure missing from output");

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestCount();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();

    [GeneratedRegex(@"tps = ([\d.]+) \(without initial connection time\)")]
    private static partial Regex PgbenchTps();
}
