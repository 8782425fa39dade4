using System.Numerics;

namespace Parvis.Voting;

/// <summary>
/// Ballots that approve a set of options (an approval vote, a participatory-budget basket): each as bits, with how
/// many voters cast it (callers that group identical ballots add each once).
/// </summary>
public sealed class ApprovalBallots
{
    private readonly int _words;
    private ulong[] _bits;
    private long[] _counts = new long[4];

    public ApprovalBallots(int optionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(optionCount, 1);
        OptionCount = optionCount;
        _words = (optionCount + 63) / 64;
        _bits = new ulong[_words * 4];
    }

    public int OptionCount { get; }

    public int Count { get; private set; }

    public long VoterCount { get; private set; }

    public long CountOf(int ballot) => _counts[ballot];

    /// <summary>The options a ballot approves, in order.</summary>
    public IEnumerable<int> Approved(int ballot)
    {
        for (var word = 0; word < _words; word++)
        {
            var bits = _bits[ballot * _words + word];
            while (bits != 0)
            {
                yield return word * 64 + BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
            }
        }
    }

    public void Add(IEnumerable<int> approved, long count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (Count == _counts.Length)
        {
            Array.Resize(ref _counts, _counts.Length * 2);
            Array.Resize(ref _bits, _counts.Length * _words);
        }
        var start = Count * _words;
        foreach (var option in approved)
        {
            if (option < 0 || option >= OptionCount)
            {
                throw new ArgumentException($"Option {option + 1} does not exist: there are {OptionCount}.", nameof(approved));
            }
            _bits[start + option / 64] |= 1UL << (option % 64);
        }
        _counts[Count++] = count;
        VoterCount += count;
    }

    /// <summary>Ranked ballots read as approvals: a ballot approves every option it ranks.</summary>
    public static ApprovalBallots From(RankedBallots ranked)
    {
        var ballots = new ApprovalBallots(ranked.OptionCount);
        for (var ballot = 0; ballot < ranked.Count; ballot++)
        {
            var ranks = ranked.Ranks(ballot).ToArray();
            ballots.Add(Enumerable.Range(0, ranks.Length).Where(option => ranks[option] != RankedBallots.Unranked), ranked.CountOf(ballot));
        }
        return ballots;
    }

    /// <summary>How many voters approve each option.</summary>
    public long[] Approvals()
    {
        var approvals = new long[OptionCount];
        for (var ballot = 0; ballot < Count; ballot++)
        {
            foreach (var option in Approved(ballot))
            {
                approvals[option] += _counts[ballot];
            }
        }
        return approvals;
    }
}

/// <param name="Winners">The winners, as every count gives them (<see cref="Outcome"/>).</param>
/// <param name="DecidedByTieBreak">Whether the published tie-break decided.</param>
/// <param name="Approvals">How many voters approve each option.</param>
public sealed record ApprovalOutcome(IReadOnlyList<int> Winners, bool DecidedByTieBreak, IReadOnlyList<long> Approvals)
    : Outcome(Winners, DecidedByTieBreak);

/// <summary>Approval voting: each voter approves as many options as they like; the most approved wins.</summary>
public static class Approval
{
    public static ApprovalOutcome Count(ApprovalBallots ballots, TieBreak tieBreak)
    {
        var approvals = ballots.Approvals();
        var (winners, tied) = Outcome.Highest([.. approvals.Select(a => (double)a)], tieBreak);
        return new ApprovalOutcome(winners, tied, approvals);
    }
}
