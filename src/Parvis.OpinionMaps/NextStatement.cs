namespace Parvis.OpinionMaps;

/// <summary>
/// Chooses the statement to show a participant next: statements with few votes come first (so new
/// ones get a fair hearing), then those that people take a side on and that spread opinions apart.
/// Never one the participant already voted on. Deterministic for a given participant and progress.
/// </summary>
public static class NextStatement
{
    /// <summary>The priority of a statement: higher means more useful to show now.</summary>
    public static double Priority(StatementTally tally)
    {
        var votes = tally.Votes;
        var takesSide = 1 - Representativeness.Rate(tally.Pass, votes);
        var clearest = Math.Max(Representativeness.Rate(tally.Agree, votes), Representativeness.Rate(tally.Disagree, votes));
        var importance = takesSide * (tally.Extremity + 1) * clearest;
        var novelty = 1 + 8 * Math.Pow(2, -votes / 5.0);
        return Math.Pow(importance * novelty, 2);
    }

    /// <summary>
    /// Draws among the statements not yet voted on, with a chance proportional to their priority.
    /// <paramref name="seed"/> should depend on the participant and on how many votes they cast,
    /// so a reload shows the same statement and the next vote moves on.
    /// </summary>
    public static long? Choose(IEnumerable<StatementTally> candidates, IReadOnlySet<long> alreadyVoted, int seed)
    {
        var open = candidates.Where(t => !alreadyVoted.Contains(t.Id)).OrderBy(t => t.Id).ToArray();
        if (open.Length == 0)
        {
            return null;
        }
        var priorities = open.Select(Priority).ToArray();
        var target = new Random(seed).NextDouble() * priorities.Sum();
        for (var i = 0; i < open.Length; i++)
        {
            target -= priorities[i];
            if (target <= 0)
            {
                return open[i].Id;
            }
        }
        return open[^1].Id;
    }
}
