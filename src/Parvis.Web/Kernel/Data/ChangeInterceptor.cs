using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Kernel.Modules;

namespace Parvis.Web.Kernel.Data;

/// <summary>
/// Watches the commands EF Core sends (SaveChanges and bulk updates alike) and reports each write once it is
/// committed, so caches are dropped after the new data can be read and never before. A write is the current
/// request's organisation's, unless it touches what belongs to no one organisation (people, their sign-in, sessions):
/// then it is everyone's.
/// </summary>
public sealed class ChangeInterceptor(ContentChanges changes, ModuleCatalog modules) : IDbCommandInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbTransaction, Pending> _pending = [];

    /// <summary>What a transaction wrote so far, and whose.</summary>
    private sealed class Pending
    {
        public ChangeKind Kind;
        public Guid? Organisation;
        public bool Everyone;
    }

    public DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Record(command);
        return result;
    }

    public ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Record(command);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Record(command);
        return result;
    }

    public ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
        CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Commit(transaction);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Commit(transaction);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => _pending.Remove(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        _pending.Remove(transaction);
        return Task.CompletedTask;
    }

    /// <summary>The SQL EF Core writes, statements in capitals. A read never matches; a stray match only drops a cache.</summary>
    internal ChangeKind KindOf(string sql)
    {
        if (!sql.Contains("INSERT INTO ", StringComparison.Ordinal) && !sql.Contains("UPDATE ", StringComparison.Ordinal)
            && !sql.Contains("DELETE FROM ", StringComparison.Ordinal))
        {
            return ChangeKind.None;
        }
        // A session opened or used changes nothing anyone sees, and a session found is checked again anyway; only an
        // ended one must be forgotten by every node. Session rows are always written alone (see Sessions).
        if (sql.Contains(KernelModel.SessionsTable, StringComparison.Ordinal))
        {
            return sql.Contains("DELETE FROM ", StringComparison.Ordinal) ? ChangeKind.Sessions : ChangeKind.None;
        }
        // PostgreSQL's SQL leaves lower-case names unquoted, SQLite's quotes them: look for the bare name.
        var kind = ChangeKind.Content;
        // An account erased takes its sessions with it.
        if (sql.Contains("DELETE FROM ", StringComparison.Ordinal) && sql.Contains(KernelModel.PeopleTable, StringComparison.Ordinal))
        {
            kind |= ChangeKind.Sessions;
        }
        foreach (var (table, tableKind) in _tableKinds)
        {
            if (sql.Contains(table, StringComparison.Ordinal))
            {
                kind |= tableKind;
            }
        }
        return kind;
    }

    /// <summary>The tables whose writes drop more than pages: what is kept of organisations, roles, processes, follows, and what modules keep.</summary>
    private readonly (string Table, ChangeKind Kind)[] _tableKinds =
    [
        (KernelModel.OrganisationsTable, ChangeKind.Organisations), (KernelModel.OrganisationHostsTable, ChangeKind.Organisations),
        (KernelModel.RoleAssignmentsTable, ChangeKind.Roles),
        (KernelModel.ProcessesTable, ChangeKind.Processes), (KernelModel.PhasesTable, ChangeKind.Processes), (KernelModel.ThemesTable, ChangeKind.Processes),
        (KernelModel.ComponentsTable, ChangeKind.Processes), (KernelModel.TerritoryTable, ChangeKind.Organisations),
        (KernelModel.BasemapsTable, ChangeKind.Organisations), (KernelModel.FollowsTable, ChangeKind.Follows),
        .. modules.KeptTables,
    ];

    /// <summary>Tables whose rows are no one organisation's: a person's account serves every organisation.</summary>
    internal static bool Everyone(string sql) =>
        sql.Contains(KernelModel.PeopleTable, StringComparison.Ordinal) || sql.Contains(KernelModel.SessionsTable, StringComparison.Ordinal)
        || sql.Contains(KernelModel.IdentityTablesPrefix, StringComparison.Ordinal);

    private void Record(DbCommand command)
    {
        var sql = command.CommandText;
        var kind = KindOf(sql);
        if (kind == ChangeKind.None || ContentChanges.IsToldByCaller)
        {
            return;
        }
        var organisation = changes.CurrentOrganisation();
        var everyone = organisation is null || Everyone(sql);
        if (command.Transaction is { } transaction)
        {
            var pending = _pending.GetOrCreateValue(transaction);
            lock (pending)
            {
                pending.Kind |= kind;
                // Two organisations in one transaction never happens; were it to, both would be told.
                pending.Everyone |= everyone || (pending.Organisation is { } earlier && earlier != organisation);
                pending.Organisation ??= organisation;
            }
        }
        else
        {
            changes.Committed(kind, everyone ? null : organisation);
        }
    }

    private void Commit(DbTransaction transaction)
    {
        if (_pending.TryGetValue(transaction, out var pending))
        {
            _pending.Remove(transaction);
            changes.Committed(pending.Kind, pending.Everyone ? null : pending.Organisation);
        }
    }
}
