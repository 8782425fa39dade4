using Microsoft.EntityFrameworkCore;
using Npgsql;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Kernel.Web.Throughput;

namespace Parvis.Web.Modules.Proposals;

public enum SupportOutcome
{
    Added,
    AlreadySupported,

    /// <summary>The proposal is not this organisation's, or is withdrawn, hidden or erased.</summary>
    Unavailable,
}

/// <summary>
/// Writes supports, those arriving together in one statement (<see cref="BatchWriter{TRequest, TOutcome}"/>): the unique
/// (proposal, person) index decides, and a counter moves only with a new row.
/// </summary>
public sealed class SupportWriter(IServiceScopeFactory scopes, ContentChanges changes, IConfiguration configuration, ILogger<SupportWriter> log)
    : BatchWriter<SupportWriter.Request, SupportOutcome>(scopes, configuration, "SupportBatching", log)
{
    public sealed record Request(Guid Id, Guid OrganisationId, Guid ProposalId, Guid PersonId);

    public Task<SupportOutcome> WriteAsync(Guid organisationId, Guid proposalId, Guid personId, CancellationToken cancellation = default) =>
        WriteAsync(new Request(Guid.CreateVersion7(), organisationId, proposalId, personId), cancellation);

    /// <summary>
    /// Said once the rows are surely committed, so no page read in between is kept; and only when a row went in: a
    /// repeated click or a withdrawn proposal changes nothing, and must not drop every node's pages. Only the
    /// organisations whose proposals were supported see the change.
    /// </summary>
    protected override void Committed(IReadOnlyList<Request> batch, SupportOutcome[] outcomes)
    {
        foreach (var organisation in batch.Where((_, i) => outcomes[i] == SupportOutcome.Added).Select(p => p.OrganisationId).Distinct())
        {
            changes.Committed(ChangeKind.Content | ChangeKind.Supports, organisation);
        }
    }

    /// <summary>
    /// One statement: the eligible requests, the rows the unique index lets in, and each proposal's counter raised by
    /// the rows it gained. PostgreSQL runs every part of it, in one transaction, whatever the final SELECT reads.
    /// </summary>
    private const string WriteStatement = """
        WITH wanted AS (
            SELECT w.id, w.proposal, w.person
            FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[]) AS w(id, organisation, proposal, person)
            JOIN kernel_contributions c ON c."Id" = w.proposal AND c."OrganisationId" = w.organisation
                AND c."HiddenAt" IS NULL AND c."ErasedAt" IS NULL
            JOIN proposals_proposals p ON p."Id" = w.proposal AND p."WithdrawnAt" IS NULL
        ), added AS (
            INSERT INTO proposals_supports ("Id", "ProposalId", "PersonId", "CreatedAt")
            SELECT id, proposal, person, $5 FROM wanted
            ON CONFLICT ("ProposalId", "PersonId") DO NOTHING
            RETURNING "Id", "ProposalId"
        ), counted AS (
            UPDATE proposals_proposals p SET "SupportCount" = p."SupportCount" + a.n
            FROM (SELECT "ProposalId", count(*)::int AS n FROM added GROUP BY "ProposalId") a
            WHERE p."Id" = a."ProposalId"
        )
        SELECT w.id, a."Id" IS NOT NULL FROM wanted w LEFT JOIN added a ON a."Id" = w.id
        """;

    protected override async Task<SupportOutcome[]> WritePostgresAsync(NpgsqlConnection connection, IReadOnlyList<Request> batch)
    {
        await using var command = new NpgsqlCommand(WriteStatement, connection)
        {
            Parameters =
            {
                new NpgsqlParameter<Guid[]> { TypedValue = [.. batch.Select(p => p.Id)] },
                new NpgsqlParameter<Guid[]> { TypedValue = [.. batch.Select(p => p.OrganisationId)] },
                new NpgsqlParameter<Guid[]> { TypedValue = [.. batch.Select(p => p.ProposalId)] },
                new NpgsqlParameter<Guid[]> { TypedValue = [.. batch.Select(p => p.PersonId)] },
                new NpgsqlParameter<DateTimeOffset> { TypedValue = DateTimeOffset.UtcNow },
            },
        };
        var written = (await ReadPreparedAsync(command, reader => (Id: reader.GetGuid(0), Added: reader.GetBoolean(1)))).ToDictionary(r => r.Id, r => r.Added);
        return [.. batch.Select(p => written.TryGetValue(p.Id, out var added)
            ? added ? SupportOutcome.Added : SupportOutcome.AlreadySupported
            : SupportOutcome.Unavailable)];
    }

    protected override async Task<SupportOutcome> WriteOneAsync(ParvisDbContext db, Request pending)
    {
        var eligible = await db.Proposals.AnyAsync(p => p.Id == pending.ProposalId && p.OrganisationId == pending.OrganisationId
            && p.WithdrawnAt == null && p.HiddenAt == null && p.ErasedAt == null);
        if (!eligible)
        {
            return SupportOutcome.Unavailable;
        }
        if (await db.Supports.AnyAsync(s => s.ProposalId == pending.ProposalId && s.PersonId == pending.PersonId))
        {
            return SupportOutcome.AlreadySupported;
        }
        db.Supports.Add(new Support { Id = pending.Id, ProposalId = pending.ProposalId, PersonId = pending.PersonId });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Written by another connection since the check.
            return SupportOutcome.AlreadySupported;
        }
        db.ChangeTracker.Clear();
        await db.Proposals.Where(p => p.Id == pending.ProposalId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.SupportCount, p => p.SupportCount + 1));
        return SupportOutcome.Added;
    }
}
