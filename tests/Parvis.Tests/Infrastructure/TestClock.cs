namespace Parvis.Tests.Infrastructure;

/// <summary>
/// The application's clock, which a test moves forward (a deadline passing) and puts back; timers still run on the
/// machine's time.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _ahead;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _ahead));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ahead, by.Ticks);

    public void Reset() => Interlocked.Exchange(ref _ahead, 0);
}
