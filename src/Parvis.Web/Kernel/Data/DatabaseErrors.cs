using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Parvis.Web.Kernel.Data;

public static class DatabaseErrors
{
    /// <summary>A unique index refused the row: on both providers, how "one per person" holds under concurrency.</summary>
    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        // SQLITE_CONSTRAINT_UNIQUE, or SQLITE_CONSTRAINT_PRIMARYKEY for a key of several columns.
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
