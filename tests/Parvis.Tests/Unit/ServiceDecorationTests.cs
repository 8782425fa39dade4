using Microsoft.Extensions.DependencyInjection;
using Parvis.Web.Kernel.Web;

namespace Parvis.Tests.Unit;

[Trait("Suite", "unit")]
public sealed class ServiceDecorationTests
{
    public interface IPart
    {
        string Name { get; }
    }

    private sealed class Pooled : IPart, IDisposable
    {
        public bool Disposed { get; private set; }
        public string Name => "framework";
        public void Dispose() => Disposed = true;
    }

    private sealed class Wrapper(IPart inner) : IPart
    {
        public IPart Inner => inner;
        public string Name => $"wrapped {inner.Name}";
    }

    [Fact]
    public void The_wrapped_service_is_made_once_per_scope_and_disposed_with_it()
    {
        var services = new ServiceCollection();
        services.AddScoped<IPart, Pooled>();
        services.Decorate<IPart>((_, framework) => new Wrapper(framework));
        using var provider = services.BuildServiceProvider(validateScopes: true);

        Pooled inner;
        using (var scope = provider.CreateScope())
        {
            var part = scope.ServiceProvider.GetRequiredService<IPart>();
            Assert.Equal("wrapped framework", part.Name);
            Assert.Same(part, scope.ServiceProvider.GetRequiredService<IPart>());
            inner = Assert.IsType<Pooled>(Assert.IsType<Wrapper>(part).Inner);
            Assert.False(inner.Disposed);
        }
        Assert.True(inner.Disposed);
    }

    [Fact]
    public void Instances_and_factories_are_wrapped_too_and_decorations_stack()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IPart>(new Pooled());
        services.Decorate<IPart>((_, framework) => new Wrapper(framework));
        services.Decorate<IPart>((_, framework) => new Wrapper(framework));
        using var provider = services.BuildServiceProvider();
        Assert.Equal("wrapped wrapped framework", provider.GetRequiredService<IPart>().Name);

        var made = new ServiceCollection();
        made.AddTransient<IPart>(_ => new Pooled());
        made.Decorate<IPart>((_, framework) => new Wrapper(framework));
        using var fromFactory = made.BuildServiceProvider();
        Assert.Equal("wrapped framework", fromFactory.GetRequiredService<IPart>().Name);
    }
}
