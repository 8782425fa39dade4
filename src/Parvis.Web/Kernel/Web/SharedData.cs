using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.Caching.Memory;

namespace Parvis.Web.Kernel.Web;

/// <summary>
/// What every visitor of a page sees the same (a process's figures, a page of the proposal list, a proposal and its
/// comments), read once and reused by signed-in pages until the next committed write of the organisation (or of
/// everyone's) on any node. A value is kept with the organisation it was read for, so a key read under two
/// organisations is never served with another's counters. Only the personal
/// part (what this person supported) is read for each request; a person's roles are kept until roles change.
/// The cache is bounded by the bytes its values hold (Caches:SharedDataMegabytes), and nothing is kept of what does
/// not exist, so addresses made up by a visitor cannot grow it.
/// </summary>
public sealed class SharedData : IDisposable
{
    private readonly ContentChanges _changes;
    private readonly MemoryCache _cache;

    public SharedData(ContentChanges changes, IConfiguration configuration)
    {
        _changes = changes;
        _cache = new MemoryCache(new MemoryCacheOptions
        {
            SizeLimit = configuration.GetValue("Caches:SharedDataMegabytes", 64L) * 1024 * 1024,
            TrackStatistics = true,
        });
    }

    /// <summary>The bytes the kept values hold, as estimated when each was kept.</summary>
    public long HeldBytes => _cache.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    /// <summary>
    /// The value under this key, read again once anything of <paramref name="kind"/> changed since. A value is counted
    /// by the bytes it holds (<see cref="ApproximateSize"/>), or by what <paramref name="bytes"/> says of it.
    /// </summary>
    public async Task<T> GetAsync<T>(string key, Func<Task<T>> read, ChangeKind kind = ChangeKind.Content, Func<T, long>? bytes = null)
    {
        var organisation = _changes.CurrentOrganisation();
        var generation = _changes.GenerationOf(kind, organisation);
        if (_cache.TryGetValue(key, out Entry<T>? entry) && entry!.Organisation == organisation && entry.Generation == generation)
        {
            return entry.Value;
        }
        var value = await read();
        // Kept only if nothing was written meanwhile: otherwise it may be older than that write.
        if (value is not null && _changes.GenerationOf(kind, organisation) == generation)
        {
            var size = 2L * key.Length + 80 + (bytes?.Invoke(value) ?? ApproximateSize.Of(value));
            _cache.Set(key, new Entry<T>(organisation, generation, value), new MemoryCacheEntryOptions { Size = size, SlidingExpiration = TimeSpan.FromMinutes(10) });
        }
        return value;
    }

    public void Dispose() => _cache.Dispose();

    private sealed record Entry<T>(Guid? Organisation, long Generation, T Value);
}

/// <summary>
/// The bytes a graph of objects holds, roughly: strings by their length, collections by their items, other objects
/// by their fields, each object once. Worked out when a value is kept, never when it is read.
/// </summary>
public static class ApproximateSize
{
    private const int ObjectHeader = 24;
    private const int Reference = 8;
    private static readonly ConcurrentDictionary<Type, FieldInfo[]> _fields = new();

    public static long Of(object? value) => Walk(value, new HashSet<object>(ReferenceEqualityComparer.Instance), 0);

    private static long Walk(object? value, HashSet<object> seen, int depth)
    {
        switch (value)
        {
            case null:
                return 0;
            case string text:
                return ObjectHeader + 2L * text.Length;
            case Type or Delegate or MemberInfo:
                return Reference;
        }
        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is Guid or decimal or DateTime or DateTimeOffset or DateOnly or TimeOnly or TimeSpan)
        {
            return 16;
        }
        if (depth > 64 || (!type.IsValueType && !seen.Add(value)))
        {
            return Reference;
        }
        long total = type.IsValueType ? 0 : ObjectHeader;
        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                total += Reference + Walk(item, seen, depth + 1);
            }
            return total;
        }
        foreach (var field in _fields.GetOrAdd(type, FieldsOf))
        {
            total += Reference + Walk(field.GetValue(value), seen, depth + 1);
        }
        return total;
    }

    private static FieldInfo[] FieldsOf(Type type)
    {
        var fields = new List<FieldInfo>();
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            fields.AddRange(current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly));
        }
        return [.. fields];
    }
}
