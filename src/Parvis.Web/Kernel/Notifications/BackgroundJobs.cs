using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Web;
using Quartz;

namespace Parvis.Web.Kernel.Notifications;

/// <summary>
/// The work no request waits for: raising what the calendar brings (a phase opening, a meeting tomorrow), composing
/// and sending messages. Quartz.NET runs it; on PostgreSQL its job store is clustered on the application's database,
/// so when several nodes run, one runs each job at a time, and a node that stops mid-job has its job taken up by
/// another. On SQLite there is one node: the store stays in memory, and what matters is kept in Parvis's own tables.
/// </summary>
public static class BackgroundJobs
{
    public const string EnabledSetting = "Jobs:Enabled";
    public const string IntervalSetting = "Jobs:IntervalSeconds";
    public const string CheckinSetting = "Jobs:CheckinSeconds";

    /// <summary>Following, notifications, feeds, and the scheduler that runs their background work.</summary>
    public static void AddParvisNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Notifier>();
        services.AddScoped<Feeds>();
        services.AddScoped<FollowCommands>();
        services.AddScoped<NotificationLinks>();
        services.AddScoped<NotificationDispatcher>();
        services.AddScoped<ScheduledNotices>();
        services.AddScoped<Privacy.RetentionPurge>();
        // Tests drive the same work step by step with their own clock.
        if (!configuration.GetValue(EnabledSetting, true))
        {
            return;
        }
        var interval = TimeSpan.FromSeconds(configuration.GetValue(IntervalSetting, 30));
        var postgres = DatabaseSetup.PostgresConnection(configuration);
        services.AddQuartz("parvis", quartz =>
        {
            quartz.UseInstanceIdGenerator(new NodeName());
            // The jobs read the time from the application's clock; the scheduler keeps real time.
            quartz.UseTimeProvider(TimeProvider.System);
            var key = new JobKey(nameof(NotificationJob));
            quartz.AddJob<NotificationJob>(job => job.WithIdentity(key).StoreDurably().RequestRecovery());
            quartz.AddTrigger(trigger => trigger.ForJob(key).WithIdentity(nameof(NotificationJob)).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
            // Once a night, when few people use the site.
            var retention = new JobKey(nameof(RetentionJob));
            quartz.AddJob<RetentionJob>(job => job.WithIdentity(retention).StoreDurably().RequestRecovery());
            quartz.AddTrigger(trigger => trigger.ForJob(retention).WithIdentity(nameof(RetentionJob))
                .WithCronSchedule("0 15 3 * * ?", cron => cron.InTimeZone(TimeZoneInfo.Local)));
            if (postgres is not null)
            {
                quartz.UsePersistentStore(store =>
                {
                    store.UsePostgres(postgres);
                    store.UseSystemTextJsonSerializer();
                    store.ProvisionSchema();
                    store.UseClustering(cluster =>
                    {
                        cluster.CheckinInterval = TimeSpan.FromSeconds(configuration.GetValue(CheckinSetting, 7.5));
                        cluster.CheckinMisfireThreshold = cluster.CheckinInterval * 2;
                    });
                });
            }
        });
        services.AddQuartzHostedService(options =>
        {
            options.WaitForJobsToComplete = true;
            options.AwaitApplicationStarted = true;
        });
    }
}

/// <summary>Each node's name in the cluster: its host and process, as two nodes may share a host.</summary>
internal sealed class NodeName : Quartz.Extensibility.IInstanceIdGenerator
{
    public static readonly string Current = $"{Guid.NewGuid():N}:{Environment.ProcessId}:{Environment.MachineName}" is var name && name.Length > OutgoingMessage.NodeMax
        ? name[..OutgoingMessage.NodeMax] : name;

    public ValueTask<string> GenerateInstanceId(CancellationToken cancellationToken) => ValueTask.FromResult(Current);
}

/// <summary>What every job does around its work: its own scope, and a failure logged and left to its next time.</summary>
public abstract class ParvisJob(IServiceScopeFactory scopes, ILogger log) : IJob
{
    protected abstract Task RunAsync(IServiceProvider services, CancellationToken cancellationToken);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            using var scope = scopes.CreateScope();
            await RunAsync(scope.ServiceProvider, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "{Job} failed; it runs again at its next time", GetType().Name);
            throw new JobExecutionException(e);
        }
    }
}

/// <summary>The retention purge, once a night on one node (<see cref="Privacy.RetentionPurge"/>).</summary>
[DisallowConcurrentExecution]
public sealed class RetentionJob(IServiceScopeFactory scopes, ILogger<RetentionJob> log) : ParvisJob(scopes, log)
{
    // Accounts it anonymises change what pages show: its writes are told to every node, as a request's are.
    protected override Task RunAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<Privacy.RetentionPurge>().RunAsync(cancellationToken);
}

/// <summary>Raises what is due, then composes and sends messages; never twice at once across the nodes.</summary>
[DisallowConcurrentExecution]
public sealed class NotificationJob(IServiceScopeFactory scopes, ILogger<NotificationJob> log) : ParvisJob(scopes, log)
{
    protected override async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        // What it writes changes no page: it must not empty the caches of every organisation each time it runs.
        using var quiet = ContentChanges.ToldByCaller();
        await services.GetRequiredService<ScheduledNotices>().RaiseDueAsync(cancellationToken);
        await services.GetRequiredService<NotificationDispatcher>().RunAsync(NodeName.Current, cancellationToken);
    }
}
