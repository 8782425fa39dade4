using System.Runtime.InteropServices;

namespace Parvis.Voting;

/// <summary>Which rule a step of a budget count belongs to.</summary>
public enum BudgetRule
{
    /// <summary>The most voted project first, each one funded if it fits in what is left.</summary>
    Greedy,

    /// <summary>A round of the Method of Equal Shares.</summary>
    EqualShares,

    /// <summary>The money the Method of Equal Shares left, spent by the greedy rule.</summary>
    Completion,
}

/// <param name="Project">The project considered.</param>
/// <param name="Votes">Voters who put it in their basket.</param>
/// <param name="Cost">Its cost.</param>
/// <param name="Funded">Whether it is funded; otherwise it did not fit in what was left.</param>
/// <param name="Left">The money left after this step.</param>
/// <param name="PaidPerSupporter">Equal Shares: what each supporter paid at most (those with less paid all they had).</param>
/// <param name="Rule">The rule this step belongs to.</param>
public sealed record BudgetStep(int Project, long Votes, long Cost, bool Funded, long Left, double? PaidPerSupporter, BudgetRule Rule);

/// <param name="Winners">The funded projects, in the order they were funded.</param>
/// <param name="DecidedByTieBreak">Whether the greedy rule (or completion) funded a project before one with as many votes that would have fitted in its place.</param>
/// <param name="Spent">Their total cost.</param>
/// <param name="Steps">Every step, in order.</param>
/// <param name="PerVoterBudget">Equal Shares: each voter's share of the budget in the round kept (after the raises).</param>
/// <param name="Raises">Equal Shares: how many times each voter's share was raised by one unit.</param>
public sealed record BudgetOutcome(IReadOnlyList<int> Winners, bool DecidedByTieBreak, long Spent, IReadOnlyList<BudgetStep> Steps, double? PerVoterBudget, int Raises)
    : Outcome(Winners, DecidedByTieBreak)
{
    /// <summary>The funded projects, in the order they were funded.</summary>
    public IReadOnlyList<int> Funded => Winners;

    internal static BudgetOutcome Of(IReadOnlyList<long> costs, IReadOnlyList<BudgetStep> steps, double? perVoterBudget, int raises)
    {
        var funded = steps.Where(s => s.Funded).Select(s => s.Project).ToList();
        // The greedy steps' order mattered if a project left out, with as many votes as one funded, would have fitted in
        // the money left just before that one was funded.
        var greedy = steps.Where(s => s.Rule != BudgetRule.EqualShares).ToList();
        var tied = greedy.Any(f => f.Funded && greedy.Any(o => !o.Funded && o.Votes == f.Votes && o.Cost <= f.Left + f.Cost));
        return new BudgetOutcome(funded, tied, funded.Sum(p => costs[p]), steps, perVoterBudget, raises);
    }
}

/// <summary>How Equal Shares values a project for a voter who approves it.</summary>
public enum Utility
{
    /// <summary>Its cost: a voter is as glad of a project as it costs (as in Wieliczka and Aarau).</summary>
    Cost,

    /// <summary>One: every approved project counts the same.</summary>
    Approval,
}

/// <summary>
/// The usual rule of participatory budgets: projects from the most voted down, each funded if its cost fits in the money
/// left, skipped otherwise (a cheaper one further down may still fit). Projects nobody voted for are not funded. Equal
/// votes are settled by the published tie-break.
/// </summary>
public static class GreedyBudget
{
    public static BudgetOutcome Count(IReadOnlyList<long> costs, long budget, ApprovalBallots ballots, TieBreak tieBreak)
    {
        Check(costs, budget, ballots);
        return BudgetOutcome.Of(costs, Complete(costs, budget, ballots.Approvals(), [], tieBreak, BudgetRule.Greedy), null, 0);
    }

    internal static void Check(IReadOnlyList<long> costs, long budget, ApprovalBallots ballots)
    {
        if (costs.Count != ballots.OptionCount)
        {
            throw new ArgumentException($"{ballots.OptionCount} projects need {ballots.OptionCount} costs, not {costs.Count}.", nameof(costs));
        }
        if (costs.Any(cost => cost <= 0))
        {
            throw new ArgumentException("Every project costs more than nothing.", nameof(costs));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(budget, 1);
    }

    /// <summary>The greedy rule over the projects not yet funded, with the money the funded ones left.</summary>
    internal static List<BudgetStep> Complete(IReadOnlyList<long> costs, long budget, long[] votes, IReadOnlyCollection<int> funded, TieBreak tieBreak, BudgetRule rule)
    {
        var left = budget - funded.Sum(p => costs[p]);
        var steps = new List<BudgetStep>();
        foreach (var project in Enumerable.Range(0, costs.Count).Where(p => votes[p] > 0 && !funded.Contains(p))
                     .OrderByDescending(p => votes[p]).ThenBy(tieBreak.PlaceOf))
        {
            var fits = costs[project] <= left;
            if (fits)
            {
                left -= costs[project];
            }
            steps.Add(new BudgetStep(project, votes[project], costs[project], fits, left, null, rule));
        }
        return steps;
    }
}

/// <summary>
/// The Method of Equal Shares (Peters and Skowron), as used in Wieliczka and Aarau: the budget is shared equally among
/// the voters; a project is funded when its supporters can pay its cost together, each paying the same amount or all
/// they have left; at each round the project that costs its supporters least per unit of utility is funded, then
/// the most voted, then the published tie-break. When no project can be paid so, each voter's share is raised by one
/// unit of money and the count starts again, as long as the funded projects stay within the budget and some project
/// still fits in the money left (the "add one" completion, at most a thousand raises); what is then left is spent by
/// the greedy rule.
/// </summary>
public static class EqualShares
{
    /// <summary>The most times each share is raised before the greedy rule spends what is left.</summary>
    public const int MostRaises = 1000;
    private const double Tolerance = 1e-9;

    public static BudgetOutcome Count(IReadOnlyList<long> costs, long budget, ApprovalBallots ballots, Utility utility, TieBreak tieBreak)
    {
        GreedyBudget.Check(costs, budget, ballots);
        var votes = ballots.Approvals();
        var electorate = new Electorate(ballots);
        var share = (double)budget / Math.Max(1, ballots.VoterCount);
        var kept = Rounds(costs, electorate, votes, share, utility, tieBreak);
        var raises = 0;
        while (raises < MostRaises && !Exhaustive(costs, budget, votes, Funded(kept)))
        {
            var raised = Rounds(costs, electorate, votes, share + 1, utility, tieBreak);
            if (Funded(raised).Sum(p => costs[p]) > budget)
            {
                break;
            }
            kept = raised;
            share++;
            raises++;
        }
        var funded = Funded(kept);
        // Money left is counted against the real budget, not the raised shares.
        var left = budget;
        for (var i = 0; i < kept.Count; i++)
        {
            left -= kept[i].Cost;
            kept[i] = kept[i] with { Left = left };
        }
        kept.AddRange(GreedyBudget.Complete(costs, budget, votes, funded, tieBreak, BudgetRule.Completion));
        return BudgetOutcome.Of(costs, kept, share, raises);
    }

    private static List<int> Funded(List<BudgetStep> steps) => [.. steps.Select(s => s.Project)];

    /// <summary>Whether no project someone voted for fits in the money the funded ones leave.</summary>
    private static bool Exhaustive(IReadOnlyList<long> costs, long budget, long[] votes, List<int> funded)
    {
        var left = budget - funded.Sum(p => costs[p]);
        return Enumerable.Range(0, costs.Count).All(p => funded.Contains(p) || votes[p] == 0 || costs[p] > left);
    }

    /// <summary>The ballots both ways, as flat arrays: each project's supporting ballots and each ballot's projects.</summary>
    private sealed class Electorate
    {
        public Electorate(ApprovalBallots ballots)
        {
            Voters = new long[ballots.Count];
            var supporterCounts = new int[ballots.OptionCount + 1];
            var projects = new List<int>();
            BallotStart = new int[ballots.Count + 1];
            for (var ballot = 0; ballot < ballots.Count; ballot++)
            {
                Voters[ballot] = ballots.CountOf(ballot);
                foreach (var project in ballots.Approved(ballot))
                {
                    projects.Add(project);
                    supporterCounts[project + 1]++;
                }
                BallotStart[ballot + 1] = projects.Count;
            }
            Projects = [.. projects];
            SupporterStart = new int[ballots.OptionCount + 1];
            for (var project = 0; project < ballots.OptionCount; project++)
            {
                SupporterStart[project + 1] = SupporterStart[project] + supporterCounts[project + 1];
            }
            Supporters = new int[Projects.Length];
            var next = SupporterStart[..^1].ToArray();
            for (var ballot = 0; ballot < ballots.Count; ballot++)
            {
                for (var i = BallotStart[ballot]; i < BallotStart[ballot + 1]; i++)
                {
                    Supporters[next[Projects[i]]++] = ballot;
                }
            }
        }

        /// <summary>How many voters cast each ballot.</summary>
        public long[] Voters { get; }

        public int[] BallotStart { get; }

        /// <summary>Ballot b's projects: Projects[BallotStart[b]..BallotStart[b + 1]].</summary>
        public int[] Projects { get; }

        public int[] SupporterStart { get; }

        /// <summary>Project p's ballots: Supporters[SupporterStart[p]..SupporterStart[p + 1]].</summary>
        public int[] Supporters { get; }

        public ReadOnlySpan<int> Of(int project) => Supporters.AsSpan(SupporterStart[project], SupporterStart[project + 1] - SupporterStart[project]);

        public ReadOnlySpan<int> ProjectsOf(int ballot) => Projects.AsSpan(BallotStart[ballot], BallotStart[ballot + 1] - BallotStart[ballot]);
    }

    /// <summary>
    /// The rounds with every voter starting with <paramref name="share"/>. Voters holding the same money are one class:
    /// each project keeps how many of its supporters are in each class, and a funded project's payment moves only its
    /// own supporters between classes, so a round never goes over every voter.
    /// </summary>
    private static List<BudgetStep> Rounds(IReadOnlyList<long> costs, Electorate electorate, long[] votes, double share, Utility utility, TieBreak tieBreak)
    {
        var money = new List<double> { share };
        var classOfMoney = new Dictionary<double, int> { [share] = 0 };
        var classOf = new int[electorate.Voters.Length];
        var members = new Dictionary<int, long>[costs.Count];
        for (var project = 0; project < costs.Count; project++)
        {
            members[project] = new Dictionary<int, long> { [0] = votes[project] };
        }
        var funded = new bool[costs.Count];
        var steps = new List<BudgetStep>();
        var wealth = new double[64];
        var sizes = new long[64];
        while (true)
        {
            int? chosen = null;
            double chosenKey = 0, chosenPrice = 0;
            for (var project = 0; project < costs.Count; project++)
            {
                if (funded[project] || votes[project] == 0)
                {
                    continue;
                }
                var counts = members[project];
                if (wealth.Length < counts.Count)
                {
                    wealth = new double[counts.Count * 2];
                    sizes = new long[counts.Count * 2];
                }
                var n = 0;
                foreach (var (c, size) in counts)
                {
                    wealth[n] = money[c];
                    sizes[n++] = size;
                }
                var price = Price(wealth.AsSpan(0, n), sizes.AsSpan(0, n), votes[project], costs[project]);
                if (price is null)
                {
                    continue;
                }
                var key = utility == Utility.Cost ? price.Value / costs[project] : price.Value;
                if (chosen is null || key < chosenKey * (1 - Tolerance)
                    || (key <= chosenKey * (1 + Tolerance) && (votes[project] > votes[chosen.Value]
                        || (votes[project] == votes[chosen.Value] && tieBreak.PlaceOf(project) < tieBreak.PlaceOf(chosen.Value)))))
                {
                    (chosen, chosenKey, chosenPrice) = (project, key, price.Value);
                }
            }
            if (chosen is not { } paid)
            {
                return steps;
            }
            funded[paid] = true;
            foreach (var ballot in electorate.Of(paid))
            {
                var before = classOf[ballot];
                var left = Math.Max(0, money[before] - chosenPrice);
                if (!classOfMoney.TryGetValue(left, out var after))
                {
                    classOfMoney[left] = after = money.Count;
                    money.Add(left);
                }
                if (after == before)
                {
                    continue;
                }
                classOf[ballot] = after;
                var voters = electorate.Voters[ballot];
                foreach (var project in electorate.ProjectsOf(ballot))
                {
                    if (funded[project])
                    {
                        continue;
                    }
                    var counts = members[project];
                    if ((CollectionsMarshal.GetValueRefOrNullRef(counts, before) -= voters) == 0)
                    {
                        counts.Remove(before);
                    }
                    CollectionsMarshal.GetValueRefOrAddDefault(counts, after, out _) += voters;
                }
            }
            steps.Add(new BudgetStep(paid, votes[paid], costs[paid], true, 0, chosenPrice, BudgetRule.EqualShares));
        }
    }

    /// <summary>
    /// What each supporter pays so that together they pay the cost, those with less paying all they have; null when
    /// all their money is not enough. The price starts as an equal split; classes holding less than it pay all they
    /// have, which raises it for the others, until no class is left holding less (no sorting needed).
    /// </summary>
    private static double? Price(ReadOnlySpan<double> wealth, Span<long> sizes, long supporters, long cost)
    {
        double total = 0;
        var richest = 0.0;
        for (var c = 0; c < wealth.Length; c++)
        {
            total += wealth[c] * sizes[c];
            richest = Math.Max(richest, wealth[c]);
        }
        if (total < cost * (1 - Tolerance))
        {
            return null;
        }
        double owed = cost;
        var paying = supporters;
        while (paying > 0)
        {
            var price = owed / paying;
            var paidAll = false;
            for (var c = 0; c < wealth.Length; c++)
            {
                if (sizes[c] > 0 && wealth[c] < price * (1 - Tolerance))
                {
                    owed -= wealth[c] * sizes[c];
                    paying -= sizes[c];
                    sizes[c] = 0;
                    paidAll = true;
                }
            }
            if (!paidAll)
            {
                return price;
            }
        }
        // Together they have just the cost: everyone pays all, the richest as much as they hold.
        return richest;
    }
}
