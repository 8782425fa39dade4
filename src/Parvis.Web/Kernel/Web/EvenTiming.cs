using System.Collections.Concurrent;
using System.Diagnostics;

namespace Parvis.Web.Kernel.Web;

/// <summary>
/// For answers whose time must not tell which way they went (an address with an account or without): the way that
/// does the real work notes how long it took, and the other waits until it has taken as long as that usually does
/// (the median of the last times, which follows the machine's load without one slow answer setting it).
/// </summary>
public sealed class EvenTiming
{
    private const int Kept = 31;
    private readonly ConcurrentDictionary<string, Durations> _durations = new(StringComparer.Ordinal);

    /// <summary>The real work of <paramref name="action"/> took this long since <paramref name="started"/> (a Stopwatch timestamp).</summary>
    public void Took(string action, long started) =>
        _durations.GetOrAdd(action, _ => new Durations()).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

    /// <summary>Waits until the other way of <paramref name="action"/> has taken as long as the real work usually does.</summary>
    public Task WaitAsUsualAsync(string action, long started, CancellationToken cancellationToken)
    {
        var usual = _durations.TryGetValue(action, out var durations) ? durations.Median() : 0;
        var left = usual - Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return left > 1 ? Task.Delay(TimeSpan.FromMilliseconds(left), cancellationToken) : Task.CompletedTask;
    }

    private sealed class Durations
    {
        private readonly double[] _last = new double[Kept];
        private int _count;

        public void Add(double milliseconds)
        {
            lock (_last)
            {
                _last[_count++ % Kept] = milliseconds;
            }
        }

        public double Median()
        {
            lock (_last)
            {
                var filled = Math.Min(_count, Kept);
                return filled == 0 ? 0 : _last.Take(filled).Order().ElementAt(filled / 2);
            }
        }
    }
}
