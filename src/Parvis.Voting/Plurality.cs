namespace Parvis.Voting;

/// <param name="Winners">The winners, as every count gives them (<see cref="Outcome"/>).</param>
/// <param name="DecidedByTieBreak">Whether the published tie-break decided.</param>
/// <param name="Votes">Each option's votes: a ballot that ties several options first gives each an equal share.</param>
/// <param name="Blank">Ballots that name no option.</param>
public sealed record PluralityOutcome(IReadOnlyList<int> Winners, bool DecidedByTieBreak, IReadOnlyList<double> Votes, long Blank)
    : Outcome(Winners, DecidedByTieBreak);

/// <summary>Single choice: each ballot's first choice counts one vote; the most votes wins.</summary>
public static class Plurality
{
    public static PluralityOutcome Count(RankedBallots ballots, TieBreak tieBreak)
    {
        var votes = new double[ballots.OptionCount];
        var all = new bool[ballots.OptionCount];
        Array.Fill(all, true);
        var first = new int[ballots.OptionCount];
        long blank = 0;
        for (var ballot = 0; ballot < ballots.Count; ballot++)
        {
            var found = Preferences.Best(ballots.Ranks(ballot), all, first);
            var count = ballots.CountOf(ballot);
            if (found == 0)
            {
                blank += count;
                continue;
            }
            for (var i = 0; i < found; i++)
            {
                votes[first[i]] += (double)count / found;
            }
        }
        var (winners, tied) = Outcome.Highest(votes, tieBreak);
        return new PluralityOutcome(winners, tied, votes, blank);
    }
}
