using Parvis.Voting;

namespace Parvis.Tests.Unit.Voting;

[Trait("Suite", "unit")]
public sealed class BudgetTests
{
    private static ApprovalBallots Baskets(int projects, params (int[] Approved, long Voters)[] baskets)
    {
        var ballots = new ApprovalBallots(projects);
        foreach (var (approved, voters) in baskets)
        {
            ballots.Add(approved, voters);
        }
        return ballots;
    }

    [Fact]
    public void The_greedy_rule_funds_the_most_voted_that_fit_and_skips_the_others()
    {
        var ballots = Baskets(5, ([0, 1, 2], 6), ([0, 1], 2), ([0, 2, 3], 2));
        var outcome = GreedyBudget.Count([60, 50, 30, 20, 10], 100, ballots, TieBreak.ByNumber(5));
        // 0 (10 votes, 60), 1 (8 votes, 50) does not fit in 40, 2 (8, 30) does, 3 (2, 20) does not fit in 10; 4 has no vote.
        Assert.Equal([0, 2], outcome.Funded);
        Assert.Equal(90, outcome.Spent);
        Assert.Equal([0, 1, 2, 3], outcome.Steps.Select(s => s.Project));
        Assert.Equal([true, false, true, false], outcome.Steps.Select(s => s.Funded));
        Assert.Equal([40L, 40, 10, 10], outcome.Steps.Select(s => s.Left));
    }

    [Fact]
    public void Equal_shares_gives_a_minority_its_share_where_the_greedy_rule_gives_it_nothing()
    {
        // Six voters want projects 0 and 1, four want 2 and 3; each costs 40 out of 100.
        var ballots = Baskets(4, ([0, 1], 6), ([2, 3], 4));
        long[] costs = [40, 40, 40, 40];
        Assert.Equal([0, 1], GreedyBudget.Count(costs, 100, ballots, TieBreak.ByNumber(4)).Funded);

        var outcome = EqualShares.Count(costs, 100, ballots, Utility.Cost, TieBreak.ByNumber(4));
        // Each voter holds 10: the six pay 40/6 each for project 0, then have 20 together, not enough for project 1;
        // the four pay 10 each for project 2.
        Assert.Equal([0, 2], outcome.Funded);
        Assert.Equal(40.0 / 6, outcome.Steps[0].PaidPerSupporter!.Value, 9);
        Assert.Equal(10.0, outcome.Steps[1].PaidPerSupporter!.Value, 9);
        Assert.Equal(0, outcome.Raises);
        Assert.True(outcome.Spent <= 100);
    }

    [Fact]
    public void Equal_shares_raises_every_voter_s_share_while_the_budget_allows_then_completes_greedily()
    {
        // Ten voters, 10 each: all pay 6 for project 0 (60); the five who also want project 1 (40) have 20 left.
        // Raised by one unit at a time, at 14 each they have 5 x 8 = 40 left after project 0: both are funded, 100.
        var ballots = Baskets(3, ([0, 1], 5), ([0], 5));
        var outcome = EqualShares.Count([60, 40, 5], 100, ballots, Utility.Cost, TieBreak.ByNumber(3));
        Assert.Equal([0, 1], outcome.Funded);
        Assert.Equal(4, outcome.Raises);
        Assert.Equal(14.0, outcome.PerVoterBudget);
        Assert.Equal(100, outcome.Spent);
    }

    [Fact]
    public void Money_equal_shares_leaves_goes_to_the_greedy_completion()
    {
        // Six voters want projects 0 (60) and 2 (7), four want project 1 (45). At 10 each: project 0 only. At 11: the
        // six have 6 left, not 7; the four 44, not 45. At 12 both would be paid: 112, over the budget, so the count
        // keeps 11 and the greedy rule spends what is left: project 2 (6 votes) fits in 40, project 1 no longer does.
        var ballots = Baskets(3, ([0, 2], 6), ([1], 4));
        var outcome = EqualShares.Count([60, 45, 7], 100, ballots, Utility.Cost, TieBreak.ByNumber(3));
        Assert.Equal([0, 2], outcome.Funded);
        Assert.Equal(1, outcome.Raises);
        Assert.Equal(11.0, outcome.PerVoterBudget);
        Assert.Equal([BudgetRule.EqualShares, BudgetRule.Completion, BudgetRule.Completion], outcome.Steps.Select(s => s.Rule));
        Assert.Equal([0, 2, 1], outcome.Steps.Select(s => s.Project));
        Assert.Equal([40L, 33, 33], outcome.Steps.Select(s => s.Left));
        Assert.Equal(67, outcome.Spent);
    }

    [Fact]
    public void Equal_shares_by_classes_funds_what_a_voter_by_voter_count_funds()
    {
        // The count keeps voters with the same money together; this one follows every voter, the plain way.
        var random = new Random(11);
        for (var election = 0; election < 200; election++)
        {
            var projects = random.Next(2, 9);
            var costs = Enumerable.Range(0, projects).Select(_ => (long)random.Next(5, 60)).ToArray();
            var ballots = new ApprovalBallots(projects);
            var voters = new List<int[]>();
            for (var voter = 0; voter < random.Next(1, 40); voter++)
            {
                int[] approved = [.. Enumerable.Range(0, projects).Where(_ => random.Next(3) == 0)];
                ballots.Add(approved);
                voters.Add(approved);
            }
            var budget = (long)random.Next(20, 200);
            var utility = election % 2 == 0 ? Utility.Cost : Utility.Approval;
            var outcome = EqualShares.Count(costs, budget, ballots, utility, TieBreak.ByNumber(projects));
            Assert.Equal(VoterByVoter(costs, budget, voters, utility), outcome.Funded);
            Assert.True(outcome.Spent <= budget);
        }
    }

    /// <summary>Equal Shares with add-one and greedy completion, each voter's money held apart.</summary>
    private static List<int> VoterByVoter(long[] costs, long budget, List<int[]> voters, Utility utility)
    {
        var votes = Enumerable.Range(0, costs.Length).Select(p => voters.Count(v => v.Contains(p))).ToArray();
        List<int> Run(double share)
        {
            var money = voters.Select(_ => share).ToArray();
            var funded = new List<int>();
            while (true)
            {
                (int Project, double Key, double Price)? best = null;
                foreach (var project in Enumerable.Range(0, costs.Length).Where(p => !funded.Contains(p) && votes[p] > 0))
                {
                    var supporters = Enumerable.Range(0, voters.Count).Where(v => voters[v].Contains(project)).Select(v => money[v]).Order().ToList();
                    if (supporters.Sum() < costs[project] * (1 - 1e-9))
                    {
                        continue;
                    }
                    double owed = costs[project];
                    var price = 0.0;
                    for (var i = 0; i < supporters.Count; i++)
                    {
                        if (supporters[i] * (supporters.Count - i) >= owed * (1 - 1e-9))
                        {
                            price = owed / (supporters.Count - i);
                            break;
                        }
                        owed -= supporters[i];
                    }
                    var key = utility == Utility.Cost ? price / costs[project] : price;
                    if (best is null || key < best.Value.Key * (1 - 1e-9) || (key <= best.Value.Key * (1 + 1e-9) && votes[project] > votes[best.Value.Project]))
                    {
                        best = (project, key, price);
                    }
                }
                if (best is not { } chosen)
                {
                    return funded;
                }
                funded.Add(chosen.Project);
                for (var v = 0; v < voters.Count; v++)
                {
                    if (voters[v].Contains(chosen.Project))
                    {
                        money[v] = Math.Max(0, money[v] - chosen.Price);
                    }
                }
            }
        }
        var perVoter = (double)budget / Math.Max(1, voters.Count);
        var kept = Run(perVoter);
        for (var raise = 0; raise < 1000 && Enumerable.Range(0, costs.Length).Any(p => !kept.Contains(p) && votes[p] > 0 && costs[p] <= budget - kept.Sum(f => costs[f])); raise++)
        {
            var raised = Run(perVoter + raise + 1);
            if (raised.Sum(p => costs[p]) > budget)
            {
                break;
            }
            kept = raised;
        }
        var left = budget - kept.Sum(p => costs[p]);
        foreach (var project in Enumerable.Range(0, costs.Length).Where(p => votes[p] > 0 && !kept.Contains(p)).OrderByDescending(p => votes[p]).ThenBy(p => p).ToList())
        {
            if (costs[project] <= left)
            {
                kept.Add(project);
                left -= costs[project];
            }
        }
        return kept;
    }

    [Fact]
    public void A_project_nobody_voted_for_neither_gets_funded_nor_keeps_the_shares_rising()
    {
        var outcome = EqualShares.Count([50, 1], 100, Baskets(2, ([0], 10)), Utility.Cost, TieBreak.ByNumber(2));
        Assert.Equal([0], outcome.Funded);
        Assert.Equal(0, outcome.Raises);
    }

    [Fact]
    public void Costs_and_budget_are_checked()
    {
        var ballots = Baskets(2, ([0], 1));
        Assert.Throws<ArgumentException>(() => GreedyBudget.Count([10], 100, ballots, TieBreak.ByNumber(2)));
        Assert.Throws<ArgumentException>(() => EqualShares.Count([10, 0], 100, ballots, Utility.Cost, TieBreak.ByNumber(2)));
    }
}
