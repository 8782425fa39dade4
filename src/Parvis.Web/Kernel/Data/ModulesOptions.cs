using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Parvis.Web.Kernel.Modules;

namespace Parvis.Web.Kernel.Data;

/// <summary>
/// Carries the modules of this build into the context's options: the context builds its model from them, and a
/// pooled context can take nothing but its options.
/// </summary>
public sealed class ModulesOptions(ModuleCatalog catalog) : IDbContextOptionsExtension
{
    private DbContextOptionsExtensionInfo? _info;

    public ModuleCatalog Catalog => catalog;

    public DbContextOptionsExtensionInfo Info => _info ??= new About(this);

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    public static DbContextOptionsBuilder<T> Use<T>(DbContextOptionsBuilder<T> builder, ModuleCatalog catalog) where T : DbContext
    {
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new ModulesOptions(catalog));
        return builder;
    }

    public static void Use(DbContextOptionsBuilder builder, ModuleCatalog catalog) =>
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new ModulesOptions(catalog));

    /// <summary>One build has one set of modules: the model EF keeps per context type stays right.</summary>
    private sealed class About(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is About;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo)
        {
        }
    }
}
