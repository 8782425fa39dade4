namespace Parvis.Web.Kernel.Data;

/// <summary>
/// The request's database context, leased from the pool only when first asked for. Signed-in pages read mostly what
/// SharedData keeps: a lease taken, reset and returned for nothing was 3.5 % of such a page's cost. Used by what every
/// signed-in page builds (the authorizer, the audit log, the commands) and by the pages read most (home, process,
/// proposal list and proposal); a class that always queries takes the context itself.
/// </summary>
public sealed class DatabaseOnDemand(IServiceProvider services)
{
    private ParvisDbContext? _context;

    public ParvisDbContext Context => _context ??= services.GetRequiredService<ParvisDbContext>();
}
