using Npgsql;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Modules;

namespace Parvis.Web.Kernel.Data;

/// <summary>Chooses the database from configuration: SQLite under the data directory unless PostgreSQL is configured.</summary>
public static class DatabaseSetup
{
    public static IServiceCollection AddParvisDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ChangeInterceptor>();
        services.AddSingleton<Text.ContentLanguageInterceptor>();
        services.AddSingleton<Mediation.MediationInterceptor>();
        services.AddScoped<DatabaseOnDemand>();
        // Pooled: a request takes a ready context instead of building one (and its options) each time.
        if (PostgresConnection(configuration) is { } connection)
        {
            services.AddDbContextPool<ParvisDbContext, PostgresParvisDbContext>((s, o) =>
                ModulesOptions.Use(o.UseNpgsql(connection).AddInterceptors(s.GetRequiredService<ChangeInterceptor>(), s.GetRequiredService<Text.ContentLanguageInterceptor>(),
                    s.GetRequiredService<Mediation.MediationInterceptor>()), s.GetRequiredService<ModuleCatalog>()));
        }
        else
        {
            var sqlite = configuration.GetConnectionString("Sqlite") ?? SqliteConnectionFor(DataDirectory.Resolve(configuration));
            services.AddDbContextPool<ParvisDbContext, SqliteParvisDbContext>((s, o) =>
                ModulesOptions.Use(o.UseSqlite(sqlite).AddInterceptors(s.GetRequiredService<ChangeInterceptor>(), s.GetRequiredService<Text.ContentLanguageInterceptor>(),
                    s.GetRequiredService<Mediation.MediationInterceptor>(), new SqliteLowerCase()), s.GetRequiredService<ModuleCatalog>()));
        }
        return services;
    }

    /// <summary>The PostgreSQL connection string every connection uses, or null when the database is SQLite.</summary>
    public static string? PostgresConnection(IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        if (!provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase) && !provider.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return Tuned(configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Postgres is not set."));
    }

    /// <summary>
    /// Two Npgsql defaults that cost every command, unless the connection string sets them: a pooled connection's
    /// session is reset (DISCARD ALL) before its next command, though Parvis keeps no session state (no SET,
    /// temporary table or lock outlives a command); and each command is parsed and planned again, though pages send
    /// the same few over and over (the most used are prepared instead).
    /// </summary>
    internal static string Tuned(string connection)
    {
        // Npgsql's builder knows every keyword; the plain one tells what this string sets.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connection };
        bool Sets(string keyword) => given.ContainsKey(keyword) || given.ContainsKey(keyword.Replace(" ", "", StringComparison.Ordinal));
        var builder = new NpgsqlConnectionStringBuilder(connection);
        if (!Sets("No Reset On Close"))
        {
            builder.NoResetOnClose = true;
        }
        if (!Sets("Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = 50;
        }
        return builder.ConnectionString;
    }

    public static string SqliteConnectionFor(string dataDirectory) =>
        $"Data Source={Path.Combine(dataDirectory, "parvis.db")};Pooling=True;Default Timeout=30";

    /// <summary>Applies pending migrations and adds missing built-in data at start; WAL lets SQLite readers work while a write is in progress.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParvisDbContext>();
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.CloseConnectionAsync();
        }
        await db.Database.MigrateAsync(cancellationToken);
        await BuiltInFrameworks.EnsureAsync(db, cancellationToken);
    }
}

/// <summary>Where the embedded database, e-mails written as files and keys live: ./data or PARVIS_DATA_DIR.</summary>
public static class DataDirectory
{
    public static string Resolve(IConfiguration configuration)
    {
        var path = Path.GetFullPath(configuration["PARVIS_DATA_DIR"] ?? configuration["DataDirectory"] ?? "data");
        Directory.CreateDirectory(path);
        return path;
    }
}
