namespace Parvis.Voting;

/// <summary>
/// Ballots that rank options 0..n-1, ties and unranked options allowed: each ballot is the rank of every option (0 the
/// first place; options sharing a rank are tied; <see cref="Unranked"/> after all ranked ones) and how many voters cast
/// it. A single-choice ballot ranks one option, an approval ballot ranks the approved options first together.
/// </summary>
public sealed class RankedBallots
{
    public const ushort Unranked = ushort.MaxValue;

    /// <summary>More voters than any electorate on Earth, and far from overflowing a count multiplied by a vote's value.</summary>
    public const long MostVoters = 1L << 40;

    private ushort[] _ranks = new ushort[64];
    private long[] _counts = new long[4];

    public RankedBallots(int optionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(optionCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(optionCount, Unranked - 1);
        OptionCount = optionCount;
    }

    public int OptionCount { get; }

    /// <summary>Ballots stored, each with its count (callers that group identical ballots add each once).</summary>
    public int Count { get; private set; }

    /// <summary>Voters, the counts added up.</summary>
    public long VoterCount { get; private set; }

    public ReadOnlySpan<ushort> Ranks(int ballot) => _ranks.AsSpan(ballot * OptionCount, OptionCount);

    public long CountOf(int ballot) => _counts[ballot];

    /// <summary>Adds a ballot given as the rank of each option.</summary>
    public void Add(ReadOnlySpan<ushort> ranks, long count = 1)
    {
        if (ranks.Length != OptionCount)
        {
            throw new ArgumentException($"A ballot ranks {OptionCount} options, not {ranks.Length}.", nameof(ranks));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (count > MostVoters - VoterCount)
        {
            throw new ArgumentException($"More than {MostVoters} voters.", nameof(count));
        }
        if (Count * OptionCount + OptionCount > _ranks.Length)
        {
            Array.Resize(ref _ranks, Math.Max(_ranks.Length * 2, Count * OptionCount + OptionCount));
        }
        if (Count == _counts.Length)
        {
            Array.Resize(ref _counts, _counts.Length * 2);
        }
        ranks.CopyTo(_ranks.AsSpan(Count * OptionCount));
        _counts[Count++] = count;
        VoterCount += count;
    }

    /// <summary>Adds a ballot given as its places in order, each place one option or several tied.</summary>
    public void Add(IEnumerable<IReadOnlyCollection<int>> places, long count = 1)
    {
        var ranks = new ushort[OptionCount];
        Array.Fill(ranks, Unranked);
        ushort rank = 0;
        foreach (var place in places)
        {
            if (place.Count == 0)
            {
                continue;
            }
            foreach (var option in place)
            {
                if (option < 0 || option >= OptionCount)
                {
                    throw new ArgumentException($"Option {option + 1} does not exist: there are {OptionCount}.", nameof(places));
                }
                if (ranks[option] != Unranked)
                {
                    throw new ArgumentException($"Option {option + 1} appears twice on one ballot.", nameof(places));
                }
                ranks[option] = rank;
            }
            rank++;
        }
        Add(ranks, count);
    }

    /// <summary>Each ballot's options, best first, tied ones together: what a person reads back of their ballot.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Places(int ballot)
    {
        var ranks = Ranks(ballot);
        var places = new SortedDictionary<ushort, List<int>>();
        for (var option = 0; option < ranks.Length; option++)
        {
            if (ranks[option] == Unranked)
            {
                continue;
            }
            if (!places.TryGetValue(ranks[option], out var place))
            {
                places[ranks[option]] = place = [];
            }
            place.Add(option);
        }
        return [.. places.Values];
    }
}
