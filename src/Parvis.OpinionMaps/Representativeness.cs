namespace Parvis.OpinionMaps;

/// <summary>What characterises each group, and what brings the groups together.</summary>
public static class Representativeness
{
    /// <summary>Smoothed rate: one imaginary vote each way, so that two votes out of two is not 100%.</summary>
    public static double Rate(int count, int votes) => (count + 1.0) / (votes + 2.0);

    /// <summary>One-sided z of "the rate is above one half", on the smoothed counts.</summary>
    public static double ZMajority(int count, int votes) => 2 * Math.Sqrt(votes + 2.0) * (Rate(count, votes) - 0.5);

    /// <summary>One-sided z of "the first rate is above the second" (pooled two-proportion test, smoothed counts).</summary>
    public static double ZDifference(int count, int votes, int otherCount, int otherVotes)
    {
        var pooled = (count + otherCount + 2.0) / (votes + otherVotes + 4.0);
        var error = Math.Sqrt(pooled * (1 - pooled) * (1 / (votes + 2.0) + 1 / (otherVotes + 2.0)));
        return error == 0 ? 0 : (Rate(count, votes) - Rate(otherCount, otherVotes)) / error;
    }

    /// <summary>
    /// Statements the group agrees (or disagrees) with significantly more than half of the time and
    /// significantly more than the others; strongest first, at most the configured number.
    /// </summary>
    public static IReadOnlyList<RepresentativeStatement> ForGroup(IReadOnlyList<StatementTally> tallies, int group, OpinionMapParameters parameters)
    {
        var found = new List<RepresentativeStatement>();
        foreach (var tally in tallies)
        {
            var votes = tally.GroupVotes[group];
            var otherVotes = tally.GroupVotes.Sum() - votes;
            RepresentativeStatement? best = null;
            foreach (var stance in new[] { Stance.Agree, Stance.Disagree })
            {
                var counts = stance == Stance.Agree ? tally.GroupAgree : tally.GroupDisagree;
                var count = counts[group];
                var others = counts.Sum() - count;
                var candidate = new RepresentativeStatement(
                    tally.Id, stance, Rate(count, votes), Rate(others, otherVotes),
                    Rate(count, votes) / Rate(others, otherVotes),
                    ZMajority(count, votes), ZDifference(count, votes, others, otherVotes));
                if (candidate.ZMajority > parameters.ZThreshold && candidate.ZDifference > parameters.ZThreshold
                    && (best is null || Strength(candidate) > Strength(best)))
                {
                    best = candidate;
                }
            }
            if (best is not null)
            {
                found.Add(best);
            }
        }
        return found.OrderByDescending(Strength).ThenBy(r => r.StatementId).Take(parameters.RepresentativePerGroup).ToArray();
    }

    /// <summary>
    /// Group-informed consensus: statements every group agrees (or disagrees) with, ranked by the
    /// product over groups of (agrees + 1) / (votes + 2), so no single large group can carry it.
    /// </summary>
    public static IReadOnlyList<ConsensusStatement> Consensus(IReadOnlyList<StatementTally> tallies, int groupCount, OpinionMapParameters parameters)
    {
        if (groupCount == 0)
        {
            return [];
        }
        var result = new List<ConsensusStatement>();
        foreach (var stance in new[] { Stance.Agree, Stance.Disagree })
        {
            result.AddRange(tallies
                .Select(t =>
                {
                    var counts = stance == Stance.Agree ? t.GroupAgree : t.GroupDisagree;
                    var rates = Enumerable.Range(0, groupCount).Select(g => Rate(counts[g], t.GroupVotes[g])).ToArray();
                    return new ConsensusStatement(t.Id, stance, rates.Aggregate(1.0, (product, rate) => product * rate), rates);
                })
                .Where(c => c.GroupRates.All(rate => rate > 0.5))
                .OrderByDescending(c => c.Score).ThenBy(c => c.StatementId)
                .Take(parameters.ConsensusCount));
        }
        return result;
    }

    private static double Strength(RepresentativeStatement statement) => statement.Ratio * statement.GroupRate;
}
