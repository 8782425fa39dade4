namespace Parvis.Web.Kernel.Web;

public static class ServiceDecoration
{
    /// <summary>Puts <paramref name="wrap"/> around the service the framework registered last, with the same lifetime.</summary>
    public static IServiceCollection Decorate<TService>(this IServiceCollection services, Func<IServiceProvider, TService, TService> wrap)
        where TService : class
    {
        var registered = services.Last(d => d.ServiceType == typeof(TService));
        services.Remove(registered);
        services.Add(new ServiceDescriptor(typeof(TService), s => wrap(s, (TService)(
                registered.ImplementationInstance
                ?? registered.ImplementationFactory?.Invoke(s)
                ?? ActivatorUtilities.CreateInstance(s, registered.ImplementationType!))),
            registered.Lifetime));
        return services;
    }
}
