namespace Parvis.Voting;

/// <param name="Winners">The winners, as every count gives them (<see cref="Outcome"/>).</param>
/// <param name="DecidedByTieBreak">Whether the published tie-break decided.</param>
/// <param name="Pairwise">Pairwise[a, b]: voters who place a above b.</param>
/// <param name="StrongestPaths">StrongestPaths[a, b]: the strength of the strongest path from a to b.</param>
public sealed record SchulzeOutcome(IReadOnlyList<int> Winners, bool DecidedByTieBreak, long[,] Pairwise, long[,] StrongestPaths)
    : Outcome(Winners, DecidedByTieBreak);

/// <summary>
/// Schulze (a Condorcet method): for every pair of options, how many voters place one above the other; a path from a
/// to b is as strong as its weakest link, a link a→b being the voters preferring a when they outnumber those
/// preferring b ("winning votes"), nothing otherwise. An option wins if its strongest path to every other option is at
/// least as strong as the path back. Unranked options are placed together below the ranked ones.
/// </summary>
public static class Schulze
{
    public static SchulzeOutcome Count(RankedBallots ballots, TieBreak tieBreak)
    {
        var n = ballots.OptionCount;
        var pairwise = new long[n, n];
        for (var ballot = 0; ballot < ballots.Count; ballot++)
        {
            var ranks = ballots.Ranks(ballot);
            var count = ballots.CountOf(ballot);
            for (var a = 0; a < n; a++)
            {
                var rank = ranks[a];
                if (rank == RankedBallots.Unranked)
                {
                    continue;
                }
                for (var b = 0; b < n; b++)
                {
                    if (rank < ranks[b])
                    {
                        pairwise[a, b] += count;
                    }
                }
            }
        }
        var paths = new long[n, n];
        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                paths[a, b] = a != b && pairwise[a, b] > pairwise[b, a] ? pairwise[a, b] : 0;
            }
        }
        // Widest paths, Floyd–Warshall style.
        for (var via = 0; via < n; via++)
        {
            for (var a = 0; a < n; a++)
            {
                if (a == via)
                {
                    continue;
                }
                for (var b = 0; b < n; b++)
                {
                    if (b != a && b != via)
                    {
                        paths[a, b] = Math.Max(paths[a, b], Math.Min(paths[a, via], paths[via, b]));
                    }
                }
            }
        }
        var winners = tieBreak.Sort(Enumerable.Range(0, n).Where(a => Enumerable.Range(0, n).All(b => paths[a, b] >= paths[b, a])));
        return new SchulzeOutcome(winners, winners.Count > 1, pairwise, paths);
    }
}
