using System.Diagnostics;
using System.Security.Claims;
using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace Parvis.Web.Kernel.Web;

/// <summary>
/// Named limits pages opt into with [EnableRateLimiting]: "auth" for sign-in, registration and password
/// reset (per address), "contribute" for writing and supporting (per person); both count posts, not reads. Configurable under RateLimits.
/// Counted in memory on a single node, in Redis when nodes share it (so a second node is no way around a limit).
/// </summary>
public static class RateLimits
{
    public const string Auth = "auth";
    public const string Contribute = "contribute";

    public static IServiceCollection AddParvisRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Auth, context => Partition(context, configuration, Auth, permits: 20,
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown"));
            o.AddPolicy(Contribute, context => Partition(context, configuration, Contribute, permits: 60,
                context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown"));
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, IConfiguration configuration, string name, int permits, string key)
    {
        // Pages opt in as a whole; reading them is never limited, only what they receive.
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("read");
        }
        var options = new FixedWindowRateLimiterOptions
        {
            PermitLimit = configuration.GetValue($"RateLimits:{name}:PermitLimit", permits),
            Window = TimeSpan.FromSeconds(configuration.GetValue($"RateLimits:{name}:WindowSeconds", 60)),
            QueueLimit = 0,
        };
        return context.RequestServices.GetService<IConnectionMultiplexer>() is { } redis
            ? RateLimitPartition.Get(key, k => new RedisWindowLimiter(redis, $"parvis:rate:{name}:{k}", options))
            : RateLimitPartition.GetFixedWindowLimiter(key, _ => options);
    }
}

/// <summary>A fixed window counted in Redis: one atomic increment per request, the counter expiring with its window.</summary>
public sealed class RedisWindowLimiter(IConnectionMultiplexer redis, string key, FixedWindowRateLimiterOptions options) : RateLimiter
{
    private const string IncrementScript =
        "local c = redis.call('INCRBY', KEYS[1], ARGV[1]) if c == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return c";

    private long _lastUsed = Stopwatch.GetTimestamp();

    public override TimeSpan? IdleDuration => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    /// <summary>Never decided without asking Redis: the middleware then calls <see cref="AcquireAsyncCore"/>.</summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => WindowLease.Refused(null);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
        var windowMs = (long)options.Window.TotalMilliseconds;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var window = now / windowMs;
        try
        {
            var count = (long)await redis.GetDatabase().ScriptEvaluateAsync(IncrementScript,
                [new RedisKey($"{key}:{window}")], [permitCount, windowMs + 1000]);
            return count <= options.PermitLimit
                ? WindowLease.Acquired
                : WindowLease.Refused(TimeSpan.FromMilliseconds((window + 1) * windowMs - now));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Redis down: let people in rather than lock everyone out; the connection comes back by itself.
            return WindowLease.Acquired;
        }
    }

    private sealed class WindowLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly WindowLease Acquired = new(true, null);

        public static WindowLease Refused(TimeSpan? retryAfter) => new(false, retryAfter);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
