using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Parvis.Voting;

// One million ballots counted by each method, each count in its own process so that its peak memory is its own
// (ballots included). Without arguments runs them all and writes bench/results/counting.json.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
const int Voters = 1_000_000;
const int RankedOptions = 20;
const int Projects = 100;
string[] counts = ["schulze", "irv", "greedy", "equal-shares"];

if (args is [var one] && counts.Contains(one))
{
    var random = new Random(2026);
    var ranked = one is "schulze" or "irv";
    var making = Stopwatch.StartNew();
    var ballots = ranked ? RankedBallotsOf(random) : null;
    var (baskets, costs, budget) = ranked ? (null, [], 0) : BasketsOf(random);
    making.Stop();
    var counting = Stopwatch.StartNew();
    var (winners, raises) = one switch
    {
        "schulze" => (Schulze.Count(ballots!, TieBreak.ByNumber(RankedOptions)).Winners, 0),
        "irv" => (InstantRunoff.Count(ballots!, TieBreak.ByNumber(RankedOptions)).Winners, 0),
        "greedy" => (GreedyBudget.Count(costs, budget, baskets!, TieBreak.ByNumber(Projects)).Funded, 0),
        _ => EqualShares.Count(costs, budget, baskets!, Utility.Cost, TieBreak.ByNumber(Projects)) is var shares ? (shares.Funded, shares.Raises) : default,
    };
    counting.Stop();
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        count = one,
        countSeconds = Math.Round(counting.Elapsed.TotalSeconds, 2),
        ballotsMadeSeconds = Math.Round(making.Elapsed.TotalSeconds, 2),
        winners = string.Join(' ', winners),
        // Equal Shares: how many times the count ran again with every voter's share raised by one unit.
        raises,
        peakMegabytes = Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576,
    }));
    return 0;
}
if (args.Length > 0)
{
    Console.Error.WriteLine($"Usage: Parvis.CountingBench [{string.Join('|', counts)}]");
    return 2;
}
var results = new List<JsonElement>();
foreach (var count in counts)
{
    var child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, [typeof(Program).Assembly.Location, count]) { RedirectStandardOutput = true })!;
    var line = child.StandardOutput.ReadToEnd().Trim().Split('\n')[^1];
    child.WaitForExit();
    Console.WriteLine(line);
    results.Add(JsonSerializer.Deserialize<JsonElement>(line));
}
var bench = FindBench();
Directory.CreateDirectory(Path.Combine(bench, "results"));
var file = Path.Combine(bench, "results", "counting.json");
File.WriteAllText(file, JsonSerializer.Serialize(new { measured = DateTimeOffset.UtcNow, machine = Environment.ProcessorCount + " cores", voters = Voters, rankedOptions = RankedOptions, projects = Projects, results }, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"Written to {file}");
return 0;

// Rankings of all 20 options, some options more popular than others (Plackett–Luce, drawn with Gumbel keys).
static RankedBallots RankedBallotsOf(Random random)
{
    var ballots = new RankedBallots(RankedOptions);
    var keys = new double[RankedOptions];
    var options = new int[RankedOptions];
    var ranks = new ushort[RankedOptions];
    for (var voter = 0; voter < Voters; voter++)
    {
        for (var option = 0; option < RankedOptions; option++)
        {
            options[option] = option;
            keys[option] = -(Math.Log(1.0 / (1 + option)) - Math.Log(-Math.Log(1 - random.NextDouble())));
        }
        Array.Sort(keys, options);
        for (var place = 0; place < RankedOptions; place++)
        {
            ranks[options[place]] = (ushort)place;
        }
        ballots.Add(ranks);
    }
    return ballots;
}

// Baskets of 1 to 15 projects out of 100, the popular ones more often; costs from 10,000 to 500,000, budget a quarter
// of their total.
static (ApprovalBallots Baskets, long[] Costs, long Budget) BasketsOf(Random random)
{
    var costs = Enumerable.Range(0, Projects).Select(_ => random.NextInt64(10, 501) * 1000).ToArray();
    var baskets = new ApprovalBallots(Projects);
    var keys = new double[Projects];
    var projects = new int[Projects];
    for (var voter = 0; voter < Voters; voter++)
    {
        for (var project = 0; project < Projects; project++)
        {
            projects[project] = project;
            keys[project] = -(Math.Log(1.0 / Math.Pow(1 + project, 0.7)) - Math.Log(-Math.Log(1 - random.NextDouble())));
        }
        Array.Sort(keys, projects);
        baskets.Add(projects.Take(random.Next(1, 16)));
    }
    return (baskets, costs, costs.Sum() / 4);
}

static string FindBench()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "bench", "counting.sh")))
    {
        directory = directory.Parent;
    }
    return directory is null ? throw new InvalidOperationException("Run from inside the Parvis repository.") : Path.Combine(directory.FullName, "bench");
}
