namespace Parvis.Web.Kernel.Web;

public static class ServiceDecoration
{
    /// <summary>Puts <paramref name="wrap"/> around the service the framework registered last, with the same lifetime.</summary>
    public static IServiceCollection Decorate<TService>(this IServiceCollection services, Func<IServiceProvider, TService, TService> wrap)
        where TService : class
    {
        var registered = services.Last(d => d.ServiceType == typeof(TService));
        services.Remove(registered);
        // Worked out once: a scoped service is made on every request.
        var create = registered.ImplementationType is { } type ? ActivatorUtilities.CreateFactory(type, []) : null;
        services.Add(new ServiceDescriptor(typeof(TService), s => wrap(s, (TService)(
                registered.ImplementationInstance
                ?? registered.ImplementationFactory?.Invoke(s)
                ?? create!(s, null))),
            registered.Lifetime));
        return services;
    }
}
