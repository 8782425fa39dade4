using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Setup;
using Parvis.Web.Modules.Debates;
using Parvis.Web.Modules.LocalDirectory;
using Parvis.Web.Modules.Meetings;
using Parvis.Web.Modules.OpinionMaps;
using Parvis.Web.Modules.Petitions;
using Parvis.Web.Modules.Proposals;
using Parvis.Web.Modules.Surveys;
using Parvis.Web.Modules.Texts;
using Parvis.Web.Modules.Votes;
using Parvis.Web.Modules.Workshops;

namespace Parvis.Web.Modules;

/// <summary>
/// The modules of this build, listed once: adding a module is adding it here. The order is the one staff are offered
/// them in, and the demo's: in person first, for the people far from screens.
/// </summary>
public static class Installed
{
    public static ModuleCatalog Modules { get; } = new([new MeetingsModule(), new WorkshopsModule(), new ProposalsModule(), new DebatesModule(), new TextsModule(), new VotesModule(), new PetitionsModule(), new SurveysModule(), new OpinionMapsModule(), new LocalDirectoryModule()]);

    /// <summary>The commands that run without the server (`dotnet run -- tally ...`).</summary>
    public static IReadOnlyList<OfflineCommand> Commands { get; } = [OpinionMapCli.Command, TallyCli.Command];
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
