using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.RateLimiting;
using StackExchange.Redis;

namespace Parvis.Web.Kernel.Web;

/// <summary>
/// Named limits on what pages receive, never on reading them: "contribute" (per person, or per address for a visitor)
/// is every page's unless it names another with [EnableRateLimiting] on its class (on a handler it does nothing, since
/// a page is one endpoint); "auth" for sign-in, registration and password reset (per address); "code" for people who
/// take part by a code, without an account, such as a workshop's join code in the route (per address and code: what a
/// café's tables post together stays far below it). Configurable under RateLimits. Counted in memory on a single node, in Redis when nodes share it (so a second node is no way around a limit).
/// </summary>
public static class RateLimits
{
    public const string Auth = "auth";
    public const string Contribute = "contribute";
    public const string Code = "code";

    /// <summary>Open data and the read API: reads, counted per address, since a file or a page of rows costs a query.</summary>
    public const string OpenData = "open-data";
    public const int OpenDataPermits = 120;

    /// <summary>Gives every page the contribute limit unless its class names another or none: a new page cannot forget.</summary>
    public static void LimitEveryPage(PageApplicationModel page)
    {
        if (!page.HandlerTypeAttributes.Any(a => a is EnableRateLimitingAttribute or DisableRateLimitingAttribute))
        {
            page.EndpointMetadata.Add(new EnableRateLimitingAttribute(Contribute));
        }
    }

    public static IServiceCollection AddParvisRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRateLimiter(o =>
        {
            // Read once, when the limiter is built (after every configuration source is in), not on every post.
            var auth = Window(configuration, Auth, permits: 20);
            var contribute = Window(configuration, Contribute, permits: 60);
            var code = Window(configuration, Code, permits: 60);
            var openData = Window(configuration, OpenData, OpenDataPermits);
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Auth, context => Partition(context, Auth, auth, Address));
            o.AddPolicy(Contribute, context => Partition(context, Contribute, contribute,
                static c => c.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? Address(c)));
            // Reads count here: each costs queries.
            o.AddPolicy(OpenData, context => Partition(context.RequestServices, OpenData, Address(context), openData));
            // The code as the page reads it (AB-CD.EF is ABCDEF); anything longer than a code is none and shares one key.
            o.AddPolicy(Code, context => Partition(context, Code, code,
                static c => $"{Address(c)}|{(c.Request.RouteValues["code"] is string { Length: <= 64 } value && Normalised(value) is { Length: <= 16 } key ? key : "")}"));
        });
        return services;
    }

    /// <summary>A code as typed, with or without spaces and dashes, in any case: its letters and digits, upper-cased.</summary>
    public static string Normalised(string code) => string.Concat(code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant));

    internal static FixedWindowRateLimiterOptions Window(IConfiguration configuration, string name, int permits, int seconds = 60) => new()
    {
        PermitLimit = configuration.GetValue($"RateLimits:{name}:PermitLimit", permits),
        Window = TimeSpan.FromSeconds(configuration.GetValue($"RateLimits:{name}:WindowSeconds", seconds)),
        QueueLimit = 0,
    };

    /// <summary>A limiter of one key, in memory or in Redis as the named limits are.</summary>
    internal static RateLimitPartition<string> Partition(IServiceProvider services, string name, string key, FixedWindowRateLimiterOptions options) =>
        services.GetService<IConnectionMultiplexer>() is { } redis
            ? RateLimitPartition.Get(key, k => new RedisWindowLimiter(redis, $"parvis:rate:{name}:{k}", options))
            : RateLimitPartition.GetFixedWindowLimiter(key, _ => options);

    /// <summary>
    /// The visitor's address (the proxy's forwarded one when a proxy on this machine passes it). An IPv6 visitor
    /// counts by their /64, the block one connection is given: rotating within it is no way around a limit.
    /// </summary>
    public static string Address(HttpContext context)
    {
        if (context.Connection.RemoteIpAddress is not { } address)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new System.Net.IPAddress(bytes)}/64";
    }

    /// <summary>The key is worked out only for a post: reading a page that opts in costs nothing.</summary>
    private static RateLimitPartition<string> Partition(HttpContext context, string name, FixedWindowRateLimiterOptions options,
        Func<HttpContext, string> keyOf)
    {
        // Pages opt in as a whole; reading them is never limited, only what they receive.
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("read");
        }
        return Partition(context.RequestServices, name, keyOf(context), options);
    }
}

/// <summary>
/// Limits on what a page or a command counts itself, by a key of its own (in Redis across nodes when there is one):
/// sign-in attempts per address typed and visitor, so a stranger who guesses passwords is slowed down without the
/// account's owner, elsewhere, being locked out; a module's own, such as the messages one address may receive.
/// </summary>
public sealed class Throttles(IServiceProvider services, IConfiguration configuration) : IDisposable
{
    public static readonly Throttle SignIn = new("sign-in", 10, 15 * 60);

    private readonly ConcurrentDictionary<string, Lazy<PartitionedRateLimiter<string>>> _limiters = new();

    /// <summary>False once the key has used its attempts for the window; the check and the count are one step.</summary>
    public async ValueTask<bool> TryAsync(Throttle throttle, string key, CancellationToken cancellationToken)
    {
        using var lease = await Limiter(throttle).AcquireAsync(key, 1, cancellationToken);
        return lease.IsAcquired;
    }

    /// <summary>
    /// Whether the key has an attempt left in the window, without using it. Asked without waiting: a limiter asked for
    /// no permit asynchronously would queue the question until the window ends.
    /// </summary>
    public bool Available(Throttle throttle, string key)
    {
        using var lease = Limiter(throttle).AttemptAcquire(key, 0);
        return lease.IsAcquired;
    }

    private PartitionedRateLimiter<string> Limiter(Throttle throttle) =>
        _limiters.GetOrAdd(throttle.Name, name => new Lazy<PartitionedRateLimiter<string>>(() =>
        {
            var options = RateLimits.Window(configuration, name, throttle.Permits, throttle.Seconds);
            return PartitionedRateLimiter.Create<string, string>(k => RateLimits.Partition(services, name, k, options));
        })).Value;

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values.Where(l => l.IsValueCreated))
        {
            limiter.Value.Dispose();
        }
    }
}

/// <summary>A limit of <paramref name="Permits"/> in <paramref name="Seconds"/> per key, named for its configuration ("RateLimits:{Name}").</summary>
public sealed record Throttle(string Name, int Permits, int Seconds);

/// <summary>A fixed window counted in Redis: one atomic increment per request, the counter expiring with its window.</summary>
public sealed class RedisWindowLimiter(IConnectionMultiplexer redis, string key, FixedWindowRateLimiterOptions options) : RateLimiter
{
    private const string IncrementScript =
        "local c = redis.call('INCRBY', KEYS[1], ARGV[1]) if c == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return c";

    private long _lastUsed = Stopwatch.GetTimestamp();

    public override TimeSpan? IdleDuration => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    /// <summary>
    /// Never decided without asking Redis: the middleware then calls <see cref="AcquireAsyncCore"/>. Whether a permit is
    /// left (none asked) is asked at once, the caller waiting for Redis's answer.
    /// </summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        permitCount == 0 ? AcquireAsyncCore(0, CancellationToken.None).AsTask().GetAwaiter().GetResult() : WindowLease.Refused(null);

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
            // Asking for none is asking whether one is left.
            return count <= options.PermitLimit - (permitCount == 0 ? 1 : 0)
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
