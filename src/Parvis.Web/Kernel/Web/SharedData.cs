using Microsoft.Extensions.Caching.Memory;

namespace Parvis.Web.Kernel.Web;

/// <summary>
/// What every visitor of a page sees the same (a process's figures, a page of the proposal list, a proposal and its
/// comments), read once and reused by signed-in pages until the next committed write on any node. Only the personal
/// part (what this person supported) is read for each request; a person's roles are kept until roles change.
/// </summary>
public sealed class SharedData(ContentChanges changes) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 50_000 });

    /// <summary>
    /// The value under this key, read again once anything of <paramref name="kind"/> changed since. The cache holds
    /// 50,000 units: a value counts one, or what <paramref name="units"/> says of it (rendered HTML, by the kilobyte).
    /// </summary>
    public async Task<T> GetAsync<T>(string key, Func<Task<T>> read, ChangeKind kind = ChangeKind.Content, Func<T, long>? units = null)
    {
        var generation = changes.GenerationOf(kind);
        if (_cache.TryGetValue(key, out Entry<T>? entry) && entry!.Generation == generation)
        {
            return entry.Value;
        }
        var value = await read();
        // Kept only if nothing was written meanwhile: otherwise it may be older than that write.
        if (changes.GenerationOf(kind) == generation)
        {
            _cache.Set(key, new Entry<T>(generation, value), new MemoryCacheEntryOptions { Size = units?.Invoke(value) ?? 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        }
        return value;
    }

    public void Dispose() => _cache.Dispose();

    private sealed record Entry<T>(long Generation, T Value);
}
