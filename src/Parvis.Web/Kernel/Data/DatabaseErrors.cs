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

    /// <summary>Any constraint refused the rows (a key used twice, a reference to nothing): the rows, not the database, are at fault.</summary>
    public static bool IsConstraintViolation(DbUpdateException e) => e.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19,
        PostgresException postgres => postgres.SqlState.StartsWith("23", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>
    /// The first text about to be saved that is longer than its column ("Workshop.Title"), or null. PostgreSQL would
    /// refuse it and SQLite keep it: where the rows come from a file, both refuse it before saving.
    /// </summary>
    public static string? Overlong(DbContext db) =>
        db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified)
            .SelectMany(e => e.Properties.Where(p => p.Metadata.ClrType == typeof(string) && p.Metadata.GetMaxLength() is { } max && p.CurrentValue is string text && text.Length > max)
                .Select(p => $"{e.Metadata.ClrType.Name}.{p.Metadata.Name}"))
            .FirstOrDefault();
}
