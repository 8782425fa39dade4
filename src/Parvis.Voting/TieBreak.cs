using System.Security.Cryptography;

namespace Parvis.Voting;

/// <summary>
/// How a tie is settled: an order of the options published before the vote opens (drawn by lot, or the options'
/// numbers). A tie to win goes to the option earliest in it; a tie to be eliminated removes the option latest in it.
/// </summary>
public sealed class TieBreak
{
    private readonly int[] _place;

    public TieBreak(IReadOnlyList<int> order)
    {
        _place = new int[order.Count];
        Array.Fill(_place, -1);
        for (var place = 0; place < order.Count; place++)
        {
            var option = order[place];
            if (option < 0 || option >= order.Count || _place[option] >= 0)
            {
                throw new ArgumentException("A tie-break order names every option once.", nameof(order));
            }
            _place[option] = place;
        }
        Order = [.. order];
    }

    /// <summary>The options, the one that wins every tie first.</summary>
    public IReadOnlyList<int> Order { get; }

    /// <summary>Option 1 before option 2, and so on: the rule of the command-line tally.</summary>
    public static TieBreak ByNumber(int optionCount) => new([.. Enumerable.Range(0, optionCount)]);

    /// <summary>An order drawn by lot, with the system's cryptographic generator, when the vote is opened.</summary>
    public static TieBreak Drawn(int optionCount)
    {
        var order = Enumerable.Range(0, optionCount).ToArray();
        RandomNumberGenerator.Shuffle(order.AsSpan());
        return new TieBreak(order);
    }

    /// <summary>An option's place in the order, 0 for the one that wins every tie.</summary>
    public int PlaceOf(int option) => _place[option];

    public int Worst(IEnumerable<int> tied) => tied.MaxBy(option => _place[option]);

    /// <summary>Sorts tied options, the one that wins first.</summary>
    public IReadOnlyList<int> Sort(IEnumerable<int> tied) => [.. tied.OrderBy(option => _place[option])];
}
