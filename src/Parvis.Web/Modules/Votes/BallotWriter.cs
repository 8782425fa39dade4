using Microsoft.EntityFrameworkCore;
using Npgsql;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Web.Throughput;

namespace Parvis.Web.Modules.Votes;

/// <summary>
/// Writes online ballots, those cast together in one statement (<see cref="BatchWriter{TRequest, TOutcome}"/>): each
/// voter's line in the register with its envelope (and a decision by consent's objection), all or nothing per ballot.
/// The register's unique (vote, person, round) index decides whether the ballot goes in: true when it did.
/// </summary>
public sealed class BallotWriter(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<BallotWriter> log)
    : BatchWriter<BallotWriter.Request, bool>(scopes, configuration, "BallotBatching", log)
{
    /// <param name="LineId">The register line's id (random).</param>
    /// <param name="VoteId">The vote.</param>
    /// <param name="PersonId">The voter.</param>
    /// <param name="Day">The day, only.</param>
    /// <param name="Round">A lifelong election's year; 0 otherwise.</param>
    /// <param name="Content">The ballot (<see cref="BallotContent"/>).</param>
    /// <param name="Named">A named vote: the ballot again, on the register line.</param>
    /// <param name="Objection">A decision by consent's objection: its id and reason.</param>
    public sealed record Request(Guid LineId, Guid VoteId, Guid PersonId, DateOnly Day, int Round, string Content, string? Named, (Guid Id, string Reason)? Objection);

    /// <summary>
    /// One statement: the register lines the unique index lets in, and for each, its envelope and objection.
    /// PostgreSQL runs every part of it, in one transaction, whatever the final SELECT reads; a voter twice in the
    /// batch gets one line, and one envelope.
    /// </summary>
    private const string WriteStatement = """
        WITH wanted AS (
            SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::date[], $5::int[], $6::text[], $7::text[], $8::uuid[], $9::text[])
                AS w(id, vote, person, day, round, content, named, objection, reason)
        ), added AS (
            INSERT INTO votes_register ("Id", "VoteId", "PersonId", "Channel", "Day", "Round", "NamedBallot")
            SELECT id, vote, person, 'Online', day, round, named FROM wanted
            ON CONFLICT ("VoteId", "PersonId", "Round") DO NOTHING
            RETURNING "Id"
        ), boxed AS (
            INSERT INTO votes_envelopes ("Id", "VoteId", "Content")
            SELECT gen_random_uuid(), w.vote, w.content FROM wanted w JOIN added a ON a."Id" = w.id
        ), objected AS (
            INSERT INTO votes_objections ("Id", "VoteId", "PersonId", "Reason")
            SELECT w.objection, w.vote, w.person, w.reason FROM wanted w JOIN added a ON a."Id" = w.id WHERE w.objection IS NOT NULL
        )
        SELECT "Id" FROM added
        """;

    protected override async Task<bool[]> WritePostgresAsync(NpgsqlConnection connection, IReadOnlyList<Request> batch)
    {
        await using var command = new NpgsqlCommand(WriteStatement, connection)
        {
            Parameters =
            {
                new NpgsqlParameter<Guid[]> { TypedValue = [.. batch.Select(b => b.LineId)] },
                new NpgsqlParameter<Guid[]> { TypedValue = [.. batch.Select(b => b.VoteId)] },
                new NpgsqlParameter<Guid[]> { TypedValue = [.. batch.Select(b => b.PersonId)] },
                new NpgsqlParameter<DateOnly[]> { TypedValue = [.. batch.Select(b => b.Day)] },
                new NpgsqlParameter<int[]> { TypedValue = [.. batch.Select(b => b.Round)] },
                new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(b => b.Content)] },
                new NpgsqlParameter<string?[]> { TypedValue = [.. batch.Select(b => b.Named)] },
                new NpgsqlParameter<Guid?[]> { TypedValue = [.. batch.Select(b => b.Objection?.Id)] },
                new NpgsqlParameter<string?[]> { TypedValue = [.. batch.Select(b => b.Objection?.Reason)] },
            },
        };
        var added = (await ReadPreparedAsync(command, reader => reader.GetGuid(0))).ToHashSet();
        return [.. batch.Select(b => added.Contains(b.LineId))];
    }

    protected override Task<bool> WriteOneAsync(ParvisDbContext db, Request ballot) => WriteAsync(db, ballot, VoteChannel.Online);

    /// <summary>One ballot on its own, through the context: online ones one at a time, and those a mediator casts under a mandate.</summary>
    public static async Task<bool> WriteAsync(ParvisDbContext db, Request ballot, VoteChannel channel)
    {
        db.VoteRegister.Add(new VoteRegistration
        {
            Id = ballot.LineId, VoteId = ballot.VoteId, PersonId = ballot.PersonId, Channel = channel, Day = ballot.Day,
            Round = ballot.Round, NamedBallot = ballot.Named,
        });
        db.Envelopes.Add(new Envelope { VoteId = ballot.VoteId, Content = ballot.Content });
        if (ballot.Objection is var (id, reason))
        {
            db.VoteObjections.Add(new VoteObjection { Id = id, VoteId = ballot.VoteId, PersonId = ballot.PersonId, Reason = reason });
        }
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // The person voted already (this round).
            return false;
        }
    }
}
