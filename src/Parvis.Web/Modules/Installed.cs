using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Modules.Meetings;
using Parvis.Web.Modules.OpinionMaps;
using Parvis.Web.Modules.Proposals;
using Parvis.Web.Modules.Workshops;

namespace Parvis.Web.Modules;

/// <summary>The modules of this build, listed once: adding a module is adding its line here.</summary>
public static class Installed
{
    public static ModuleCatalog Modules { get; } = new([new ProposalsModule(), new OpinionMapsModule(), new WorkshopsModule(), new MeetingsModule()]);
}

/// <summary>Lets `dotnet ef` build each provider's context, with the installed modules, to generate its own migration set.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteParvisDbContext>
{
    public SqliteParvisDbContext CreateDbContext(string[] args) =>
        new(ModulesOptions.Use(new DbContextOptionsBuilder<SqliteParvisDbContext>().UseSqlite("Data Source=design.db"), Installed.Modules).Options);
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresParvisDbContext>
{
    public PostgresParvisDbContext CreateDbContext(string[] args) =>
        new(ModulesOptions.Use(new DbContextOptionsBuilder<PostgresParvisDbContext>().UseNpgsql("Host=localhost;Database=design"), Installed.Modules).Options);
}
