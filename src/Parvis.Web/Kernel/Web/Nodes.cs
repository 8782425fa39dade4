using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;

namespace Parvis.Web.Kernel.Web;

/// <summary>
/// Several Parvis nodes behind a proxy, on one database, share through Redis what must be the same on all:
/// the keys that protect cookies (a cookie one node issued works on the others), the news that data changed
/// (each node drops its cached pages) and the rate-limit counters. Without Redis:Configuration, a single node
/// keeps its keys in the data directory and everything else in memory.
/// </summary>
public static class Nodes
{
    private const string KeysKey = "parvis:data-protection-keys";

    public static IServiceCollection AddParvisNodes(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName("Parvis");
        var redis = configuration["Redis:Configuration"];
        if (string.IsNullOrWhiteSpace(redis))
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
            return services;
        }
        var options = ConfigurationOptions.Parse(redis);
        // Start even if Redis is not up yet; the connection comes back by itself.
        options.AbortOnConnectFail = false;
        options.ClientName = "parvis";
        var connection = ConnectionMultiplexer.Connect(options);
        services.AddSingleton<IConnectionMultiplexer>(connection);
        dataProtection.PersistKeysToStackExchangeRedis(connection, KeysKey);
        services.AddHostedService<ChangeRelay>();
        return services;
    }
}

/// <summary>Passes each committed change to the other nodes and applies theirs, so a write shows everywhere at once.</summary>
public sealed class ChangeRelay(IConnectionMultiplexer redis, ContentChanges changes, ILogger<ChangeRelay> logger) : IHostedService
{
    private static readonly RedisChannel _channel = RedisChannel.Literal("parvis:changes");
    private readonly string _node = Guid.NewGuid().ToString("N");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var subscriber = redis.GetSubscriber();
        await subscriber.SubscribeAsync(_channel, (_, message) =>
        {
            // "node:kind:organisation", the organisation empty for a change that is everyone's; a node of the previous
            // version, during a rolling update, says "node:kind": everyone's too.
            var parts = ((string?)message)?.Split(':');
            if (parts is [var node, var kind, ..] && parts.Length <= 3 && node != _node && int.TryParse(kind, out var value))
            {
                changes.Apply((ChangeKind)value, parts is [_, _, var organisation] && Guid.TryParse(organisation, out var id) ? id : null);
            }
        });
        changes.Broadcast = (kind, organisation) =>
            subscriber.Publish(_channel, $"{_node}:{(int)kind}:{organisation?.ToString("N")}", CommandFlags.FireAndForget);
        // Messages sent while this node was cut off are lost: assume everything changed.
        redis.ConnectionRestored += OnRestored;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored -= OnRestored;
        changes.Broadcast = null;
        return Task.CompletedTask;
    }

    private void OnRestored(object? sender, ConnectionFailedEventArgs e)
    {
        logger.LogInformation("Redis connection restored; dropping everything kept.");
        changes.Apply(ChangeKind.All, organisationId: null);
    }
}
