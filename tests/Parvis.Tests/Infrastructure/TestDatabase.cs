using Npgsql;

namespace Parvis.Tests.Infrastructure;

/// <summary>
/// The database a test app runs on: a fresh SQLite file, or a fresh PostgreSQL database when
/// PARVIS_TEST_DB=postgres (the server given by PARVIS_TEST_PG, started by scripts/test.sh).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _adminConnection;

    private TestDatabase(string provider, string? connection, string? adminConnection)
    {
        Provider = provider;
        Connection = connection;
        _adminConnection = adminConnection;
    }

    public string Provider { get; }

    /// <summary>The PostgreSQL connection string; null for SQLite, which lives in the app's data directory.</summary>
    public string? Connection { get; }

    public static bool IsPostgres => string.Equals(Environment.GetEnvironmentVariable("PARVIS_TEST_DB"), "postgres", StringComparison.OrdinalIgnoreCase);

    public static async Task<TestDatabase> CreateAsync()
    {
        if (!IsPostgres)
        {
            return new TestDatabase("Sqlite", null, null);
        }
        var server = Environment.GetEnvironmentVariable("PARVIS_TEST_PG")
            ?? throw new InvalidOperationException("PARVIS_TEST_DB=postgres needs PARVIS_TEST_PG (run the tests with scripts/test.sh).");
        var name = $"parvis_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new TestDatabase("Postgres", connection, server);
    }

    public async ValueTask DisposeAsync()
    {
        if (_adminConnection is null || Connection is null)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(Connection).Database;
        await using var admin = new NpgsqlConnection(_adminConnection);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
