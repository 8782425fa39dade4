using Microsoft.Extensions.Caching.Memory;

namespace Parvis.Web.Kernel.Web;

/// <summary>
/// What every visitor of a page sees the same (a process's figures, a page of the proposal list, a proposal and its
/// comments), read once and reused by signed-in pages until the next committed write on any node. Only the personal
/// part (what this person supported, what they may do) is read for each request.
/// </summary>
public sealed class SharedData(ContentChanges changes) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 20_000 });

    public async Task<T> GetAsync<T>(string key, Func<Task<T>> read)
    {
        var generation = changes.Generation;
        if (_cache.TryGetValue(key, out Entry<T>? entry) && entry!.Generation == generation)
        {
            return entry.Value;
        }
        var value = await read();
        // Kept only if nothing was written meanwhile: otherwise it may be older than that write.
        if (changes.Generation == generation)
        {
            _cache.Set(key, new Entry<T>(generation, value), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        }
        return value;
    }

    public void Dispose() => _cache.Dispose();

    private sealed record Entry<T>(long Generation, T Value);
}
