using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Parvis.Web.Kernel.Data;

/// <summary>
/// SQLite's own lower() changes A to Z only, so "Émilie" lowered stays "Émilie" and a search typed "émilie" misses it
/// (<see cref="LikePatterns"/>). Each connection gets a lower() that lowers every letter, as .NET and PostgreSQL do.
/// </summary>
public sealed class SqliteLowerCase : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Register(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Register(connection);
        return Task.CompletedTask;
    }

    private static void Register(DbConnection connection) =>
        ((SqliteConnection)connection).CreateFunction("lower", (string? text) => text?.ToLowerInvariant(), isDeterministic: true);
}
