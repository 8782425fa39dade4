namespace Parvis.Voting;

/// <param name="Votes">Each option's votes in the round (options out of the count have none).</param>
/// <param name="Exhausted">Ballots with no option left in the count.</param>
/// <param name="Eliminated">The option eliminated at the end of the round, none in the last round.</param>
/// <param name="EliminatedByTieBreak">Whether the published tie-break chose the eliminated option.</param>
public sealed record RunoffRound(IReadOnlyList<double> Votes, double Exhausted, int? Eliminated, bool EliminatedByTieBreak);

public sealed record RunoffOutcome(IReadOnlyList<int> Winners, bool DecidedByTieBreak, IReadOnlyList<RunoffRound> Rounds)
    : Outcome(Winners, DecidedByTieBreak);

/// <summary>
/// Instant-runoff: each ballot counts for its best-placed option still in the count (shared equally when it ties
/// several); an option with more than half of these votes wins; otherwise the option with the fewest votes is
/// eliminated and its ballots go to their next option. A tie for the fewest is settled by the most recent earlier
/// round in which the tied options had different votes (the fewest then is eliminated), and failing that by the
/// published tie-break.
/// </summary>
public static class InstantRunoff
{
    public static RunoffOutcome Count(RankedBallots ballots, TieBreak tieBreak)
    {
        var continuing = new bool[ballots.OptionCount];
        Array.Fill(continuing, true);
        var remaining = ballots.OptionCount;
        var rounds = new List<RunoffRound>();
        var best = new int[ballots.OptionCount];
        var byTieBreak = false;
        while (true)
        {
            var votes = new double[ballots.OptionCount];
            double exhausted = 0;
            for (var ballot = 0; ballot < ballots.Count; ballot++)
            {
                var found = Preferences.Best(ballots.Ranks(ballot), continuing, best);
                var count = ballots.CountOf(ballot);
                if (found == 0)
                {
                    exhausted += count;
                    continue;
                }
                for (var i = 0; i < found; i++)
                {
                    votes[best[i]] += (double)count / found;
                }
            }
            var inCount = Enumerable.Range(0, ballots.OptionCount).Where(option => continuing[option]).ToList();
            var total = inCount.Sum(option => votes[option]);
            var leader = inCount.MaxBy(option => votes[option]);
            if (votes[leader] * 2 > total || remaining == 1)
            {
                rounds.Add(new RunoffRound(votes, exhausted, null, false));
                return new RunoffOutcome([leader], byTieBreak, rounds);
            }
            var fewest = inCount.Min(option => votes[option]);
            var tied = inCount.Where(option => votes[option] == fewest).ToList();
            var lowest = tied.Count == 1 ? tied : EarlierRounds(tied, rounds);
            var tieBroken = lowest.Count > 1;
            var eliminated = tieBroken ? tieBreak.Worst(lowest) : lowest[0];
            byTieBreak |= tieBroken;
            rounds.Add(new RunoffRound(votes, exhausted, eliminated, tieBroken));
            continuing[eliminated] = false;
            remaining--;
        }
    }

    /// <summary>The tied options that had the fewest votes in the latest round where they differed, narrowed round by round.</summary>
    private static List<int> EarlierRounds(List<int> tied, List<RunoffRound> rounds)
    {
        for (var round = rounds.Count - 1; round >= 0 && tied.Count > 1; round--)
        {
            var votes = rounds[round].Votes;
            var fewest = tied.Min(option => votes[option]);
            tied = [.. tied.Where(option => votes[option] == fewest)];
        }
        return tied;
    }
}
