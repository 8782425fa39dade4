using Parvis.Voting;

namespace Parvis.Tests.Unit.Voting;

/// <summary>Each counting method against cases counted by hand, ties and cycles included.</summary>
[Trait("Suite", "unit")]
public sealed class MethodTests
{
    /// <summary>Ballots written as "4:ABC" (4 voters, A then B then C) over options A, B, C...; "(BC)" ties B and C.</summary>
    internal static RankedBallots Ranked(int options, params string[] lines)
    {
        var ballots = new RankedBallots(options);
        foreach (var line in lines)
        {
            var (count, order) = (long.Parse(line[..line.IndexOf(':', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture), line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..]);
            var places = new List<IReadOnlyCollection<int>>();
            for (var i = 0; i < order.Length; i++)
            {
                if (order[i] == '(')
                {
                    var end = order.IndexOf(')', i);
                    places.Add([.. order[(i + 1)..end].Select(c => c - 'A')]);
                    i = end;
                }
                else
                {
                    places.Add([order[i] - 'A']);
                }
            }
            ballots.Add(places, count);
        }
        return ballots;
    }

    [Fact]
    public void Plurality_counts_first_choices_and_settles_a_tie_by_the_published_order()
    {
        var outcome = Plurality.Count(Ranked(3, "4:ABC", "3:BAC", "2:CAB"), TieBreak.ByNumber(3));
        Assert.Equal([0], outcome.Winners);
        Assert.Equal([4.0, 3, 2], outcome.Votes);
        Assert.False(outcome.DecidedByTieBreak);

        var tied = Ranked(3, "3:A", "3:B", "1:(AB)");
        Assert.Equal([0, 1], Plurality.Count(tied, TieBreak.ByNumber(3)).Winners);
        var drawn = Plurality.Count(tied, new TieBreak([1, 0, 2]));
        Assert.Equal([1, 0], drawn.Winners);
        Assert.True(drawn.DecidedByTieBreak);
        Assert.Equal(3.5, drawn.Votes[0]);
    }

    [Fact]
    public void Borda_gives_n_minus_1_points_to_the_first_and_halves_for_ties()
    {
        // A: 5x2 + 2x1 = 12; B: 5x1 + 4x2 = 13; C: 4x1 + 2x2 = 8.
        var outcome = Borda.Count(Ranked(3, "5:ABC", "4:BCA", "2:CAB"), TieBreak.ByNumber(3));
        Assert.Equal([12.0, 13, 8], outcome.Points);
        Assert.Equal([1], outcome.Winners);

        // Ranking A only: B and C share the last two places' points (1 + 0) / 2 each.
        Assert.Equal([2.0, 0.5, 0.5], Borda.Count(Ranked(3, "1:A"), TieBreak.ByNumber(3)).Points);
    }

    [Fact]
    public void Approval_counts_every_option_a_ballot_ranks()
    {
        var outcome = Approval.Count(ApprovalBallots.From(Ranked(3, "2:AB", "3:C", "1:(BC)")), TieBreak.ByNumber(3));
        Assert.Equal([2L, 3, 4], outcome.Approvals);
        Assert.Equal([2], outcome.Winners);
    }

    [Fact]
    public void Instant_runoff_transfers_eliminated_ballots_until_a_majority()
    {
        // Round 1: A 8, B 6, C 5, D 2; D out, its ballots to C: A 8, B 6, C 7; B out, to C: A 8, C 13.
        var outcome = InstantRunoff.Count(Ranked(4, "8:AB", "6:BC", "5:CB", "2:DC"), TieBreak.ByNumber(4));
        Assert.Equal([2], outcome.Winners);
        Assert.Equal([3, 1, null], outcome.Rounds.Select(r => r.Eliminated));
        Assert.Equal([8.0, 0, 13, 0], outcome.Rounds[2].Votes);
    }

    [Fact]
    public void An_instant_runoff_elimination_tie_goes_to_the_earlier_round_then_the_published_order()
    {
        // Round 2: B 5 and C 5 tie for the fewest; in round 1 C had 3 against B's 5, so C is out.
        var outcome = InstantRunoff.Count(Ranked(4, "6:A", "5:B", "3:C", "2:DC"), TieBreak.ByNumber(4));
        Assert.Equal([3, 2, null], outcome.Rounds.Select(r => r.Eliminated));
        Assert.False(outcome.Rounds[1].EliminatedByTieBreak);
        Assert.Equal([0], outcome.Winners);
        Assert.Equal(5, outcome.Rounds[2].Exhausted);
        Assert.False(outcome.DecidedByTieBreak);

        // Nothing earlier separates them: the published order eliminates its last one.
        var even = InstantRunoff.Count(Ranked(2, "3:A", "3:B"), new TieBreak([1, 0]));
        Assert.Equal([1], even.Winners);
        Assert.True(even.DecidedByTieBreak);
        Assert.True(even.Rounds[0].EliminatedByTieBreak);
    }

    [Fact]
    public void Schulze_finds_the_winner_of_a_condorcet_cycle()
    {
        // A beats B 6-3, B beats C 7-2, C beats A 5-4: the weakest link of the cycle (C over A, 5) is dropped.
        var simple = Schulze.Count(Ranked(3, "4:ABC", "3:BCA", "2:CAB"), TieBreak.ByNumber(3));
        Assert.Equal([0], simple.Winners);
        Assert.Equal(6, simple.StrongestPaths[0, 2]);
        Assert.Equal(5, simple.StrongestPaths[2, 0]);

        // The 45-voter example of Schulze's own paper: E wins although A is preferred... in a cycle of five.
        var paper = Schulze.Count(Ranked(5, "5:ACBED", "5:ADECB", "8:BEDAC", "3:CABED", "7:CAEBD", "2:CBADE", "7:DCEBA", "8:EBADC"), TieBreak.ByNumber(5));
        Assert.Equal([4], paper.Winners);
        Assert.Equal(20, paper.Pairwise[0, 1]);
        Assert.Equal(25, paper.Pairwise[1, 0]);
        Assert.Equal(25, paper.StrongestPaths[4, 0]);
        Assert.Equal(24, paper.StrongestPaths[0, 4]);
        Assert.Equal(31, paper.StrongestPaths[4, 3]);
    }

    [Fact]
    public void Schulze_names_every_winner_when_paths_tie()
    {
        var outcome = Schulze.Count(Ranked(3, "1:ABC", "1:BAC"), new TieBreak([1, 0, 2]));
        Assert.Equal([1, 0], outcome.Winners);
        Assert.True(outcome.DecidedByTieBreak);
    }

    [Fact]
    public void Single_transferable_vote_passes_a_surplus_on_at_its_fraction()
    {
        // 19 valid ballots, 2 seats: quota 19 / 3 + 1 = 7. A has 10: 3 over, each of A's ballots passes on 3/10 of a
        // vote to B, who then leads C (5 to 4) where first preferences alone would have elected C.
        var outcome = SingleTransferableVote.Count(Ranked(4, "10:AB", "4:C", "3:D", "2:B"), 2, TieBreak.ByNumber(4));
        Assert.Equal(7, outcome.Quota);
        Assert.Equal([0, 1], outcome.Winners);
        Assert.Equal(StageAction.Surplus, outcome.Stages[1].Action);
        Assert.Equal([7m, 5m, 4m, 3m], outcome.Stages[1].Votes);
        Assert.Equal(StageAction.Exclusion, outcome.Stages[2].Action);
        Assert.Equal(3, outcome.Stages[2].Option);
        Assert.Equal(3m, outcome.Stages[2].NonTransferable);
    }

    [Fact]
    public void A_transferred_surplus_is_truncated_to_five_decimals()
    {
        var three = SingleTransferableVote.Count(Ranked(4, "9:AB", "3:C", "2:D"), 2, TieBreak.ByNumber(4));
        // Quota 14 / 3 + 1 = 5: A's surplus 4 over 9 votes, 0.44444 each: B gets 3.99996, C keeps 3, D 2.
        Assert.Equal(3.99996m, three.Stages[1].Votes[1]);
        Assert.Equal([0, 1], three.Winners);
    }

    [Fact]
    public void Majority_judgment_settles_equal_majority_grades_by_removing_them_one_by_one()
    {
        // Grades 0 (to reject) to 5 (excellent). A: 1 2 3 4 4 and B: 0 3 3 3 5 both have 3 as majority grade;
        // without one 3 each, A's lower middle is 2 and B's 3: B is ranked first.
        var grades = new Grades(2, 6);
        foreach (var (a, b) in new[] { (1, 0), (2, 3), (3, 3), (4, 3), (4, 5) })
        {
            grades.Add([a, b]);
        }
        var outcome = MajorityJudgment.Count(grades, TieBreak.ByNumber(2));
        Assert.Equal([1], outcome.Winners);
        Assert.False(outcome.DecidedByTieBreak);
        Assert.Equal(new JudgedOption(1, 3, 1, 1), outcome.Ranking[0]);
        Assert.Equal(new JudgedOption(0, 3, 2, 2), outcome.Ranking[1]);
    }

    [Fact]
    public void Majority_judgment_takes_the_lower_middle_of_an_even_number_and_leaves_identical_grades_to_the_order()
    {
        var grades = new Grades(3, 6);
        grades.Add([5, 2, 4]);
        grades.Add([1, 2, 4]);
        grades.Add([5, 2, null]);
        grades.Add([1, 2, null]);
        var outcome = MajorityJudgment.Count(grades, new TieBreak([2, 1, 0]));
        // A: 1 1 5 5 -> 1; B: 2 2 2 2 -> 2; C: 0 0 4 4 (ungraded is the lowest) -> 0.
        Assert.Equal([1, 0, 2], outcome.Ranking.Select(r => r.Option));
        Assert.Equal([2, 1, 0], outcome.Ranking.Select(r => r.MajorityGrade));

        var same = new Grades(2, 3);
        same.Add([2, 2]);
        Assert.Equal([1, 0], MajorityJudgment.Count(same, new TieBreak([1, 0])).Winners);
    }

    [Fact]
    public void Score_voting_adds_the_scores()
    {
        var grades = new Grades(2, 11);
        grades.Add([10, 6], 2);
        grades.Add([0, 9], 3);
        var outcome = ScoreVoting.Count(grades, TieBreak.ByNumber(2));
        Assert.Equal([20L, 39], outcome.Points);
        Assert.Equal([1], outcome.Winners);
    }

    [Fact]
    public void A_tie_break_order_names_every_option_once()
    {
        Assert.Throws<ArgumentException>(() => new TieBreak([0, 0, 1]));
        Assert.Equal([0, 1, 2, 3], TieBreak.Drawn(4).Order.Order());
    }

    [Fact]
    public void Equal_surpluses_go_back_to_an_earlier_stage_before_the_tie_break()
    {
        // Quota 21 / 4 + 1 = 6, 3 seats. A and B are elected at the first stage with 9 each: equal surpluses of 3, no
        // earlier stage to separate them, so the published order (B first) transfers B's surplus first, to D.
        var outcome = SingleTransferableVote.Count(Ranked(4, "9:AC", "9:BD", "2:C", "1:D"), 3, new TieBreak([1, 0, 2, 3]));
        Assert.Equal(StageAction.Surplus, outcome.Stages[1].Action);
        Assert.Equal(1, outcome.Stages[1].Option);
        // 9 ballots at 3/9 of a vote, truncated to 0.33333 each.
        Assert.Equal(3.99997m, outcome.Stages[1].Votes[3]);
        Assert.Equal([1, 0, 2], outcome.Winners);
        Assert.True(outcome.DecidedByTieBreak);
    }

    [Theory]
    [InlineData(12, 0, 0, true)]
    [InlineData(12, 1, 1, false)]
    [InlineData(1, 30, 0, true)]
    [InlineData(0, 0, 0, false)]
    public void Consent_adopts_once_no_objection_waits_for_an_answer_whatever_the_numbers(long consents, long objections, int unanswered, bool adopted)
    {
        var outcome = Consent.Count(consents, objections, unanswered);

        Assert.Equal(adopted, outcome.Adopted);
        Assert.Equal(adopted ? [0] : [], outcome.Winners);
        Assert.False(outcome.DecidedByTieBreak);
    }
}
