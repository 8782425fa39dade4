using System.Collections.Concurrent;
using Parvis.Web.Kernel.Organisations;

namespace Parvis.Web.Kernel.Analysis;

/// <summary>
/// Work that grows with a process's contributions (comparing them, learning from the codes given), kept per subject
/// (a process, a grid) in its latest edition. Small work is done again as soon as its edition changes; large work is
/// done again in the background, one at a time per subject, while pages are served the edition before, so that an
/// analyst of a national consultation is never kept waiting by the contribution that just arrived.
/// </summary>
public sealed class LatestEditions(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<LatestEditions> log)
{
    /// <summary>Up to this many texts, work is done in the request that needs it: it takes a few tens of milliseconds.</summary>
    public const int DoneAtOnce = 5_000;

    // What the values held may weigh together (Caches:AnalysisMegabytes); beyond, the least recently used subjects go.
    private readonly long _budget = configuration.GetValue("Caches:AnalysisMegabytes", 256L) * 1024 * 1024;

    private sealed class Held(string edition, object value, long bytes, DateTimeOffset usedAt)
    {
        public string Edition { get; set; } = edition;
        public object Value { get; set; } = value;
        public long Bytes { get; set; } = bytes;
        public DateTimeOffset UsedAt { get; set; } = usedAt;
        public Task? Working { get; set; }
    }

    private readonly ConcurrentDictionary<string, Held> _held = new(StringComparer.Ordinal);

    // Background work at once, whatever the subjects: comparing texts takes a core, and requests need the others.
    // Never disposed: work still running at shutdown releases it, and it holds no wait handle.
    private readonly SemaphoreSlim _working = new(Math.Max(1, Environment.ProcessorCount / 2));

    /// <summary>
    /// The subject's value in <paramref name="edition"/>, or, when the work is large (more than <see cref="DoneAtOnce"/>
    /// texts) and an earlier edition is held, that one while this one is worked out in the background. The work runs
    /// in its own scope, for the current organisation, and is given the earlier edition held, if any, to work from.
    /// </summary>
    public async Task<T> GetAsync<T>(CurrentOrganisation organisation, string subject, string edition, int texts, Func<IServiceProvider, T?, Task<T>> work,
        Func<T, long> bytes)
        where T : class
    {
        var now = clock.GetUtcNow();
        T? earlier = null;
        if (_held.TryGetValue(subject, out var held))
        {
            lock (held)
            {
                if (held.Value is T value)
                {
                    held.UsedAt = now;
                    if (held.Edition == edition)
                    {
                        return value;
                    }
                    if (texts > DoneAtOnce)
                    {
                        held.Working ??= Apart(() => RefreshAsync(organisation, subject, held, edition, services => work(services, value), bytes));
                        return value;
                    }
                    earlier = value;
                }
            }
        }
        // Done apart from the request even when it waits for it, so that both ways run alike.
        var fresh = await Apart(() => WorkAsync(organisation, services => work(services, earlier)));
        Keep(subject, edition, fresh, bytes(fresh), now);
        return fresh;
    }

    // Nothing of the request goes with the work (its HTTP context, its flow's values): it may outlive the request.
    private static Task<T> Apart<T>(Func<Task<T>> work)
    {
        using (ExecutionContext.SuppressFlow())
        {
            return Task.Run(work);
        }
    }

    /// <summary>Waits for the work under way, for tests that check what the background produced.</summary>
    public Task SettledAsync() => Task.WhenAll(_held.Values.Select(h => h.Working ?? Task.CompletedTask));

    // Whether the next edition could be worked out.
    private async Task<bool> RefreshAsync<T>(CurrentOrganisation organisation, string subject, Held held, string edition, Func<IServiceProvider, Task<T>> work,
        Func<T, long> bytes)
        where T : class
    {
        await _working.WaitAsync();
        try
        {
            var fresh = await WorkAsync(organisation, work);
            Keep(subject, edition, fresh, bytes(fresh), clock.GetUtcNow());
            return true;
        }
        catch (Exception e)
        {
            // The earlier edition is still served; the next request tries again.
            log.LogError(e, "Working out {Subject} in the background failed", subject);
            return false;
        }
        finally
        {
            _working.Release();
            lock (held)
            {
                held.Working = null;
            }
        }
    }

    private async Task<T> WorkAsync<T>(CurrentOrganisation organisation, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (organisation.IsResolved)
        {
            scope.ServiceProvider.GetRequiredService<CurrentOrganisation>().CopyFrom(organisation);
        }
        return await work(scope.ServiceProvider);
    }

    private void Keep(string subject, string edition, object value, long bytes, DateTimeOffset now)
    {
        _held.AddOrUpdate(subject, _ => new Held(edition, value, bytes, now), (_, held) =>
        {
            lock (held)
            {
                (held.Edition, held.Value, held.Bytes, held.UsedAt) = (edition, value, bytes, now);
            }
            return held;
        });
        // The one just kept stays, whatever it weighs: it is the one in use.
        var total = 0L;
        foreach (var (key, held) in _held.OrderByDescending(h => h.Key == subject).ThenByDescending(h => h.Value.UsedAt).ToList())
        {
            if (key == subject || total + held.Bytes <= _budget)
            {
                total += held.Bytes;
            }
            else
            {
                _held.TryRemove(key, out _);
            }
        }
    }
}
