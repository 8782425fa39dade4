namespace Parvis.Web.Kernel.Web;

public static class ServiceDecoration
{
    /// <summary>
    /// Puts <paramref name="wrap"/> around the service the framework registered last, with the same lifetime. The
    /// framework's service stays registered under a key of its own, so the container still makes it and disposes of
    /// it with its scope (a view buffer scope returns its pooled pages then).
    /// </summary>
    public static IServiceCollection Decorate<TService>(this IServiceCollection services, Func<IServiceProvider, TService, TService> wrap)
        where TService : class
    {
        var registered = services.Last(d => d.ServiceType == typeof(TService) && !d.IsKeyedService);
        services.Remove(registered);
        var key = new object();
        services.Add(registered switch
        {
            { ImplementationInstance: { } instance } => new ServiceDescriptor(typeof(TService), key, instance),
            { ImplementationFactory: { } factory } => new ServiceDescriptor(typeof(TService), key, (s, _) => factory(s), registered.Lifetime),
            _ => new ServiceDescriptor(typeof(TService), key, registered.ImplementationType!, registered.Lifetime),
        });
        services.Add(new ServiceDescriptor(typeof(TService), s => wrap(s, (TService)s.GetRequiredKeyedService(typeof(TService), key)),
            registered.Lifetime));
        return services;
    }
}
