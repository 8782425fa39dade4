using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Parvis.Web.Kernel.Analysis;
using Parvis.Web.Kernel.Organisations;

namespace Parvis.Tests.Unit;

/// <summary>Large work is served in its edition before while the next is worked out in the background, once at a time.</summary>
[Trait("Suite", "unit")]
public sealed class LatestEditionsTests
{
    private static LatestEditions Editions(long megabytes = 256)
    {
        var services = new ServiceCollection().AddScoped<CurrentOrganisation>().BuildServiceProvider();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Caches:AnalysisMegabytes"] = $"{megabytes}" }).Build();
        return new LatestEditions(services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System, configuration, NullLogger<LatestEditions>.Instance);
    }

    private static readonly CurrentOrganisation _organisation = new();

    [Fact]
    public async Task Small_work_is_done_again_at_once_when_its_edition_changes_from_the_edition_before()
    {
        var editions = Editions();
        var runs = new List<string?>();
        Task<string> Work(string value, string? earlier) { runs.Add(earlier); return Task.FromResult(value); }
        Assert.Equal("one", await editions.GetAsync<string>(_organisation, "process", "1", 10, (_, earlier) => Work("one", earlier), v => v.Length));
        Assert.Equal("one", await editions.GetAsync<string>(_organisation, "process", "1", 10, (_, earlier) => Work("again", earlier), v => v.Length));
        Assert.Equal("two", await editions.GetAsync<string>(_organisation, "process", "2", 10, (_, earlier) => Work("two", earlier), v => v.Length));
        // Worked out twice: from nothing, then from the edition before.
        Assert.Equal([null, "one"], runs);
    }

    [Fact]
    public async Task Large_work_serves_the_edition_before_and_works_out_the_next_once_in_the_background()
    {
        var editions = Editions();
        const int large = LatestEditions.DoneAtOnce + 1;
        Assert.Equal("one", await editions.GetAsync<string>(_organisation, "process", "1", large, (_, _) => Task.FromResult("one"), v => v.Length));
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        Task<string> Slow(IServiceProvider _, string? earlier)
        {
            Assert.Equal("one", earlier);
            Interlocked.Increment(ref started);
            return release.Task;
        }
        // Asked twice while the next edition is being worked out: the one before, and the work started once.
        Assert.Equal("one", await editions.GetAsync<string>(_organisation, "process", "2", large, Slow, v => v.Length));
        Assert.Equal("one", await editions.GetAsync<string>(_organisation, "process", "2", large, Slow, v => v.Length));
        release.SetResult("two");
        await editions.SettledAsync();
        Assert.Equal(1, started);
        Assert.Equal("two", await editions.GetAsync<string>(_organisation, "process", "2", large, (_, _) => Task.FromResult("never"), v => v.Length));
    }

    [Fact]
    public async Task A_failed_background_work_leaves_the_edition_before_served_and_is_tried_again()
    {
        var editions = Editions();
        const int large = LatestEditions.DoneAtOnce + 1;
        await editions.GetAsync<string>(_organisation, "process", "1", large, (_, _) => Task.FromResult("one"), v => v.Length);
        Assert.Equal("one", await editions.GetAsync<string>(_organisation, "process", "2", large, (_, _) => throw new InvalidOperationException("database gone"), v => v.Length));
        await editions.SettledAsync();
        Assert.Equal("one", await editions.GetAsync<string>(_organisation, "process", "2", large, (_, _) => Task.FromResult("two"), v => v.Length));
        await editions.SettledAsync();
        Assert.Equal("two", await editions.GetAsync<string>(_organisation, "process", "2", large, (_, _) => Task.FromResult("never"), v => v.Length));
    }

    [Fact]
    public async Task Beyond_their_budget_the_least_recently_used_subjects_are_let_go()
    {
        var editions = Editions(megabytes: 1);
        const long half = 600 * 1024;
        await editions.GetAsync<string>(_organisation, "first", "1", 10, (_, _) => Task.FromResult("first"), _ => half);
        await editions.GetAsync<string>(_organisation, "second", "1", 10, (_, _) => Task.FromResult("second"), _ => half);
        // The first was let go: asked again, it is worked out again.
        Assert.Equal("again", await editions.GetAsync<string>(_organisation, "first", "1", 10, (_, _) => Task.FromResult("again"), _ => half));
        // And the second made way for it.
        Assert.Equal("second again", await editions.GetAsync<string>(_organisation, "second", "1", 10, (_, _) => Task.FromResult("second again"), _ => half));
    }
}
