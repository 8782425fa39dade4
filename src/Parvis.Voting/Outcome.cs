namespace Parvis.Voting;

/// <summary>
/// What every count says: the winners (a single-winner method names one unless options tie, the one that wins the
/// tie first; STV the elected in the order they were elected) and whether the published tie-break decided.
/// </summary>
public abstract record Outcome(IReadOnlyList<int> Winners, bool DecidedByTieBreak)
{
    /// <summary>The options with the highest score, the tie's winner first.</summary>
    internal static (IReadOnlyList<int> Winners, bool Tied) Highest(IReadOnlyList<double> scores, TieBreak tieBreak)
    {
        var best = scores.Max();
        var top = tieBreak.Sort(Enumerable.Range(0, scores.Count).Where(option => scores[option] == best));
        return (top, top.Count > 1);
    }
}

/// <summary>Where a ballot goes among the options still in the count: its best-placed ones (several when tied).</summary>
internal static class Preferences
{
    /// <summary>Writes into <paramref name="into"/> the continuing options the ballot places best, and returns how many.</summary>
    public static int Best(ReadOnlySpan<ushort> ranks, ReadOnlySpan<bool> continuing, Span<int> into)
    {
        var best = RankedBallots.Unranked;
        var found = 0;
        for (var option = 0; option < ranks.Length; option++)
        {
            var rank = ranks[option];
            if (rank == RankedBallots.Unranked || !continuing[option] || rank > best)
            {
                continue;
            }
            if (rank < best)
            {
                best = rank;
                found = 0;
            }
            into[found++] = option;
        }
        return found;
    }
}
