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

/// <param name="Funded">The funded projects, in the order they were funded.</param>
/// <param name="Spent">Their total cost.</param>
/// <param name="Steps">Every step, in order.</param>
/// <param name="PerVoterBudget">Equal Shares: each voter's share of the budget in the round kept (after the raises).</param>
/// <param name="Raises">Equal Shares: how many times each voter's share was raised by one unit.</param>
public sealed record BudgetOutcome(IReadOnlyList<int> Funded, long Spent, IReadOnlyList<BudgetStep> Steps, double? PerVoterBudget, int Raises);

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
        var steps = Complete(costs, budget, ballots.Approvals(), [], tieBreak, BudgetRule.Greedy);
        var funded = steps.Where(s => s.Funded).Select(s => s.Project).ToList();
        return new BudgetOutcome(funded, funded.Sum(p => costs[p]), steps, null, 0);
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
    private const int MostRaises = 1000;
    private const double Tolerance = 1e-9;

    public static BudgetOutcome Count(IReadOnlyList<long> costs, long budget, ApprovalBallots ballots, Utility utility, TieBreak tieBreak)
    {
        GreedyBudget.Check(costs, budget, ballots);
        var votes = ballots.Approvals();
        var supporters = Enumerable.Range(0, costs.Count).Select(_ => new List<int>()).ToArray();
        for (var ballot = 0; ballot < ballots.Count; ballot++)
        {
            foreach (var project in ballots.Approved(ballot))
            {
                supporters[project].Add(ballot);
            }
        }
        var share = (double)budget / Math.Max(1, ballots.VoterCount);
        var kept = Rounds(costs, ballots, votes, supporters, share, utility, tieBreak);
        var raises = 0;
        while (raises < MostRaises && !Exhaustive(costs, budget, Funded(kept)))
        {
            var raised = Rounds(costs, ballots, votes, supporters, share + 1, utility, tieBreak);
            if (Funded(raised).Sum(p => costs[p]) > budget)
            {
                break;
            }
            kept = raised;
            share++;
            raises++;
        }
        var funded = Funded(kept);
        var steps = kept.ToList();
        // Money left is counted against the real budget, not the raised shares.
        var left = budget;
        for (var i = 0; i < steps.Count; i++)
        {
            left -= steps[i].Cost;
            steps[i] = steps[i] with { Left = left };
        }
        steps.AddRange(GreedyBudget.Complete(costs, budget, votes, funded, tieBreak, BudgetRule.Completion));
        var all = steps.Where(s => s.Funded).Select(s => s.Project).ToList();
        return new BudgetOutcome(all, all.Sum(p => costs[p]), steps, share, raises);
    }

    private static List<int> Funded(List<BudgetStep> steps) => [.. steps.Select(s => s.Project)];

    /// <summary>Whether no project left fits in the money the funded ones leave.</summary>
    private static bool Exhaustive(IReadOnlyList<long> costs, long budget, List<int> funded)
    {
        var left = budget - funded.Sum(p => costs[p]);
        return Enumerable.Range(0, costs.Count).All(p => funded.Contains(p) || costs[p] > left);
    }

    /// <summary>
    /// The rounds with every voter starting with <paramref name="share"/>. Voters who cast the same ballot always hold
    /// the same money, and so do voters whose ballots approve the same funded projects: they are kept as classes, each
    /// with its money, so a round looks at the classes of a project's supporters rather than at every voter.
    /// </summary>
    private static List<BudgetStep> Rounds(IReadOnlyList<long> costs, ApprovalBallots ballots, long[] votes, List<int>[] supporters, double share, Utility utility, TieBreak tieBreak)
    {
        var money = new List<double> { share };
        var classOf = new int[ballots.Count];
        var members = new long[1];
        var funded = new bool[costs.Count];
        var steps = new List<BudgetStep>();
        var touched = new List<int>();
        while (true)
        {
            int? chosen = null;
            double chosenKey = 0, chosenPrice = 0;
            if (members.Length < money.Count)
            {
                members = new long[money.Count];
            }
            for (var project = 0; project < costs.Count; project++)
            {
                if (funded[project] || votes[project] == 0)
                {
                    continue;
                }
                touched.Clear();
                foreach (var ballot in supporters[project])
                {
                    var c = classOf[ballot];
                    if (members[c] == 0)
                    {
                        touched.Add(c);
                    }
                    members[c] += ballots.CountOf(ballot);
                }
                touched.Sort((a, b) => money[a].CompareTo(money[b]));
                var price = Price(touched, money, members, costs[project]);
                foreach (var c in touched)
                {
                    members[c] = 0;
                }
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
            var moved = new Dictionary<int, int>();
            foreach (var ballot in supporters[paid])
            {
                var c = classOf[ballot];
                if (!moved.TryGetValue(c, out var next))
                {
                    moved[c] = next = money.Count;
                    money.Add(Math.Max(0, money[c] - chosenPrice));
                }
                classOf[ballot] = next;
            }
            steps.Add(new BudgetStep(paid, votes[paid], costs[paid], true, 0, chosenPrice, BudgetRule.EqualShares));
        }
    }

    /// <summary>
    /// What each supporter pays so that together they pay the cost, those with less paying all they have; null when
    /// all their money is not enough. The classes come sorted by their money, poorest first.
    /// </summary>
    private static double? Price(List<int> classes, List<double> money, long[] members, long cost)
    {
        double owed = cost;
        long paying = classes.Sum(c => members[c]);
        foreach (var c in classes)
        {
            if (money[c] * paying >= owed * (1 - Tolerance))
            {
                return owed / paying;
            }
            owed -= money[c] * members[c];
            paying -= members[c];
        }
        return null;
    }
}
