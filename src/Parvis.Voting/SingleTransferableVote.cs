namespace Parvis.Voting;

/// <summary>What a stage of the count did.</summary>
public enum StageAction
{
    /// <summary>First preferences counted.</summary>
    FirstPreferences,

    /// <summary>An elected option's surplus transferred.</summary>
    Surplus,

    /// <summary>An option excluded and its ballots transferred.</summary>
    Exclusion,
}

/// <param name="Action">What the stage did.</param>
/// <param name="Option">Whose surplus or ballots were transferred (none for the first preferences).</param>
/// <param name="ByTieBreak">Whether the published tie-break chose the excluded option.</param>
/// <param name="Votes">Each option's votes at the end of the stage.</param>
/// <param name="NonTransferable">Votes with no option left to go to, so far.</param>
/// <param name="Elected">The options elected at the end of this stage.</param>
public sealed record StvStage(StageAction Action, int? Option, bool ByTieBreak, IReadOnlyList<decimal> Votes, decimal NonTransferable, IReadOnlyList<int> Elected);

/// <param name="Winners">The winners, as every count gives them (<see cref="Outcome"/>).</param>
/// <param name="DecidedByTieBreak">Whether the published tie-break decided.</param>
/// <param name="Quota">The Droop quota.</param>
/// <param name="Stages">Every stage of the count, in order.</param>
public sealed record StvOutcome(IReadOnlyList<int> Winners, bool DecidedByTieBreak, long Quota, IReadOnlyList<StvStage> Stages)
    : Outcome(Winners, DecidedByTieBreak);

/// <summary>
/// Single transferable vote by the weighted inclusive Gregory method with the Droop quota, as in the Scottish local
/// government elections rules of 2007: quota = floor(valid ballots / (seats + 1)) + 1; an option reaching the quota is
/// elected; surpluses are transferred one at a time, the largest first, every ballot the elected option holds passing
/// to its next continuing option at its value times surplus / the option's votes, truncated to five decimals; when no
/// surplus is left to transfer, the option with the fewest votes is excluded and its ballots pass on at their value.
/// When as many options remain as seats, they are elected. Equal surpluses, or a tie for the fewest, are settled by the
/// latest earlier stage where the tied options differed, then by the published tie-break; a ballot tying several next
/// options is shared between them.
/// </summary>
public static class SingleTransferableVote
{
    /// <summary>A vote's value is counted in hundred-thousandths: transfers truncate to five decimals.</summary>
    private const long Unit = 100_000;

    private sealed class Parcel(int ballot, long value)
    {
        public int Ballot { get; } = ballot;

        public long Value { get; set; } = value;

        public int Holder { get; set; } = -1;
    }

    public static StvOutcome Count(RankedBallots ballots, int seats, TieBreak tieBreak)
    {
        var n = ballots.OptionCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(seats, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seats, n);
        var continuing = new bool[n];
        Array.Fill(continuing, true);
        var votes = new long[n];
        var parcels = new List<Parcel>();
        var best = new int[n];
        long nonTransferable = 0;
        long valid = 0;
        var elected = new List<int>();
        var surpluses = new List<int>();
        var stages = new List<StvStage>();
        var byTieBreak = false;

        // Passes a parcel to its ballot's best continuing options (shared when tied), or out of the count.
        void Pass(Parcel parcel)
        {
            var found = Preferences.Best(ballots.Ranks(parcel.Ballot), continuing, best);
            var count = ballots.CountOf(parcel.Ballot);
            if (found == 0)
            {
                nonTransferable += parcel.Value * count;
                parcel.Holder = -1;
                return;
            }
            var share = parcel.Value / found;
            parcel.Value = share;
            parcel.Holder = best[0];
            votes[best[0]] += share * count;
            for (var i = 1; i < found; i++)
            {
                var split = new Parcel(parcel.Ballot, share) { Holder = best[i] };
                parcels.Add(split);
                votes[best[i]] += share * count;
            }
        }

        for (var ballot = 0; ballot < ballots.Count; ballot++)
        {
            if (Preferences.Best(ballots.Ranks(ballot), continuing, best) == 0)
            {
                continue;
            }
            valid += ballots.CountOf(ballot);
            var parcel = new Parcel(ballot, Unit);
            parcels.Add(parcel);
            Pass(parcel);
        }
        var quota = valid / (seats + 1) + 1;

        void Record(StageAction action, int? option, bool tieBroken)
        {
            var newly = new List<int>();
            foreach (var candidate in Enumerable.Range(0, n).Where(o => continuing[o] && votes[o] >= quota * Unit)
                         .OrderByDescending(o => votes[o]).ThenBy(o => tieBreak.PlaceOf(o)))
            {
                newly.Add(candidate);
            }
            foreach (var candidate in newly)
            {
                continuing[candidate] = false;
                elected.Add(candidate);
                surpluses.Add(candidate);
            }
            var remaining = Enumerable.Range(0, n).Where(o => continuing[o]).ToList();
            if (elected.Count < seats && remaining.Count <= seats - elected.Count)
            {
                foreach (var candidate in remaining.OrderByDescending(o => votes[o]).ThenBy(o => tieBreak.PlaceOf(o)))
                {
                    continuing[candidate] = false;
                    elected.Add(candidate);
                    newly.Add(candidate);
                }
            }
            stages.Add(new StvStage(action, option, tieBroken, [.. votes.Select(v => (decimal)v / Unit)], (decimal)nonTransferable / Unit, newly));
        }

        Record(StageAction.FirstPreferences, null, false);
        while (elected.Count < seats)
        {
            var withSurplus = surpluses.Where(o => votes[o] > quota * Unit).ToList();
            if (withSurplus.Count > 0)
            {
                var largest = withSurplus.Max(o => votes[o]);
                var (from, surplusByLot) = Settle([.. withSurplus.Where(o => votes[o] == largest)], stages, most: true, tieBreak);
                byTieBreak |= surplusByLot;
                surpluses.Remove(from);
                var total = votes[from];
                var surplus = total - quota * Unit;
                votes[from] = quota * Unit;
                foreach (var parcel in parcels.Where(p => p.Holder == from).ToList())
                {
                    // Value (at most one vote) times a surplus of up to every voter's votes: past a long, hence Int128.
                    parcel.Value = (long)((Int128)parcel.Value * surplus / total);
                    Pass(parcel);
                }
                Record(StageAction.Surplus, from, false);
                continue;
            }
            surpluses.Clear();
            var inCount = Enumerable.Range(0, n).Where(o => continuing[o]).ToList();
            var fewest = inCount.Min(o => votes[o]);
            var (excluded, tieBroken) = Settle([.. inCount.Where(o => votes[o] == fewest)], stages, most: false, tieBreak);
            byTieBreak |= tieBroken;
            continuing[excluded] = false;
            votes[excluded] = 0;
            foreach (var parcel in parcels.Where(p => p.Holder == excluded).ToList())
            {
                Pass(parcel);
            }
            Record(StageAction.Exclusion, excluded, tieBroken);
        }
        return new StvOutcome(elected, byTieBreak, quota, stages);
    }

    /// <summary>
    /// Among options tied for the most (a surplus to transfer first) or the fewest votes (to exclude): the one that had
    /// the most, or the fewest, at the latest earlier stage where they differed; failing that, the published tie-break
    /// (its first for the most, its last for the fewest), and then it says so.
    /// </summary>
    private static (int Option, bool ByTieBreak) Settle(List<int> tied, List<StvStage> stages, bool most, TieBreak tieBreak)
    {
        for (var stage = stages.Count - 1; stage >= 0 && tied.Count > 1; stage--)
        {
            var then = stages[stage].Votes;
            var target = most ? tied.Max(o => then[o]) : tied.Min(o => then[o]);
            tied = [.. tied.Where(o => then[o] == target)];
        }
        return tied.Count == 1 ? (tied[0], false) : (most ? tieBreak.Sort(tied)[0] : tieBreak.Worst(tied), true);
    }
}
