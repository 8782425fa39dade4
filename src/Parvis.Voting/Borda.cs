namespace Parvis.Voting;

/// <param name="Winners">The winners, as every count gives them (<see cref="Outcome"/>).</param>
/// <param name="DecidedByTieBreak">Whether the published tie-break decided.</param>
/// <param name="Points">Each option's points.</param>
public sealed record BordaOutcome(IReadOnlyList<int> Winners, bool DecidedByTieBreak, IReadOnlyList<double> Points)
    : Outcome(Winners, DecidedByTieBreak);

/// <summary>
/// Borda count: on a ballot an option gets one point for every option it is placed above and half a point for every
/// option it is tied with; unranked options are tied together below the ranked ones. On a full ranking of n options
/// that is the classic n-1 points for the first, n-2 for the second... 0 for the last. The most points wins.
/// </summary>
public static class Borda
{
    public static BordaOutcome Count(RankedBallots ballots, TieBreak tieBreak)
    {
        var points = new double[ballots.OptionCount];
        var sorted = new ushort[ballots.OptionCount];
        for (var ballot = 0; ballot < ballots.Count; ballot++)
        {
            var ranks = ballots.Ranks(ballot);
            ranks.CopyTo(sorted);
            Array.Sort(sorted);
            var count = ballots.CountOf(ballot);
            for (var option = 0; option < ranks.Length; option++)
            {
                // Options placed after this one, and options sharing its place (itself excluded).
                var below = sorted.Length - UpperBound(sorted, ranks[option]);
                var tied = UpperBound(sorted, ranks[option]) - LowerBound(sorted, ranks[option]) - 1;
                points[option] += count * (below + tied / 2.0);
            }
        }
        var (winners, tiedWinners) = Outcome.Highest(points, tieBreak);
        return new BordaOutcome(winners, tiedWinners, points);
    }

    private static int LowerBound(ushort[] sorted, ushort value)
    {
        var index = Array.BinarySearch(sorted, value);
        while (index > 0 && sorted[index - 1] == value)
        {
            index--;
        }
        return index;
    }

    private static int UpperBound(ushort[] sorted, ushort value)
    {
        var index = Array.BinarySearch(sorted, value);
        while (index < sorted.Length - 1 && sorted[index + 1] == value)
        {
            index++;
        }
        return index + 1;
    }
}
