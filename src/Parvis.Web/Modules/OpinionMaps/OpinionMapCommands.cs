using System.IO.Compression;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parvis.OpinionMaps;
using Parvis.OpinionMaps.Polis;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Text;

namespace Parvis.Web.Modules.OpinionMaps;

public sealed record OpinionMapDraft(string Question, string Description, Guid PhaseId, bool PreModeration);

/// <summary>Everything that changes opinion maps. Each command checks the permission itself.</summary>
public sealed class OpinionMapCommands(
    ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, AuditLog audit, OpinionMapRecomputer recomputer, TimeProvider clock,
    ProcessAccess processes, Kernel.Mediation.MediationCommands mediation)
{
    public static readonly JsonSerializerOptions Json = new();

    public async Task<CommandResult> CreateAsync(Guid processId, Guid componentId, OpinionMapDraft draft)
    {
        var process = await ProcessAsync(processId, componentId);
        if (process is null)
        {
            return CommandResult.Missing();
        }
        if (await authorizer.DecideAsync(OpinionMapsPermissions.Manage, process, componentId) is var decision and not Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        if (ProcessAccess.Closed(process) is { } closed)
        {
            return closed;
        }
        if (process.Phases.All(p => p.Id != draft.PhaseId))
        {
            return CommandResult.Refused("OpinionMaps.UnknownPhase");
        }
        var map = new OpinionMap
        {
            OrganisationId = organisation.Id,
            ProcessId = process.Id,
            ComponentId = componentId,
            PhaseId = draft.PhaseId,
            Question = draft.Question.Trim(),
            Description = draft.Description.Trim(),
            PreModeration = draft.PreModeration,
        };
        db.OpinionMaps.Add(map);
        audit.Record("opinion-map.create", $"opinion-map:{map.Id}", map.Question);
        await db.SaveChangesAsync();
        return CommandResult.Done(map.Id);
    }

    /// <summary>Under pre-moderation the statement waits for a moderator; otherwise it is public at once.</summary>
    public async Task<CommandResult> SubmitStatementAsync(Guid mapId, string text)
    {
        var (map, process) = await MapAsync(mapId);
        if (map is null || process is null)
        {
            return CommandResult.Missing();
        }
        if (await DecideAsync(map, process) is var decision and not Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        // Counted as stored: spaces around the words make no statement longer.
        if (text.Trim().Length is < Statement.TextMin or > Statement.TextMax)
        {
            return CommandResult.Refused("OpinionMaps.StatementLength");
        }
        for (var attempt = 0; ; attempt++)
        {
            var statement = new Statement
            {
                OrganisationId = organisation.Id,
                ProcessId = process.Id,
                OpinionMapId = map.Id,
                AuthorId = authorizer.PersonId,
                Text = text.Trim(),
                Number = await db.Statements.Where(s => s.OpinionMapId == map.Id).MaxAsync(s => (long?)s.Number) + 1 ?? 0,
                PublishedAt = map.PreModeration ? null : clock.GetUtcNow(),
            };
            db.Statements.Add(statement);
            try
            {
                await db.SaveChangesAsync();
                recomputer.Request(map.Id);
                return CommandResult.Done(statement.Id);
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e) && attempt < 5)
            {
                // Someone else took the same number at the same moment: take the next one.
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task<CommandResult> PublishStatementAsync(Guid statementId)
    {
        var statement = await db.Statements.FirstOrDefaultAsync(s => s.Id == statementId && s.OrganisationId == organisation.Id);
        var (_, process) = statement is null ? (null, null) : await MapAsync(statement.OpinionMapId);
        if (statement is null || process is null)
        {
            return CommandResult.Missing();
        }
        if (await authorizer.DecideAsync(Permission.Moderate, process) is var decision and not Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        // Published, it would await a fate in a process whose close counted them all.
        if (statement.PublishedAt is null && ProcessAccess.Closed(process) is { } closed)
        {
            return closed;
        }
        statement.PublishedAt ??= clock.GetUtcNow();
        audit.Record("statement.publish", $"statement:{statement.Id}");
        await db.SaveChangesAsync();
        recomputer.Request(statement.OpinionMapId);
        return CommandResult.Done(statement.Id);
    }

    /// <summary>Agree (+1), disagree (-1) or pass (0). Voting again on the same statement changes the vote.</summary>
    public async Task<CommandResult> VoteAsync(Guid mapId, Guid statementId, int value)
    {
        if (value is < -1 or > 1)
        {
            return CommandResult.Refused("OpinionMaps.UnknownVote");
        }
        var (map, process) = await MapAsync(mapId);
        if (map is null || process is null)
        {
            return CommandResult.Missing();
        }
        if (await DecideAsync(map, process) is var decision and not Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        var statement = await db.Statements.AsNoTracking().FirstOrDefaultAsync(s => s.Id == statementId && s.OpinionMapId == map.Id);
        if (statement is null || !statement.IsVisible)
        {
            return CommandResult.Missing();
        }
        var participant = await ParticipantAsync(map.Id, authorizer.PersonId!.Value);
        for (var attempt = 0; ; attempt++)
        {
            var vote = await db.OpinionVotes.FirstOrDefaultAsync(v => v.StatementId == statementId && v.ParticipantId == participant.Id);
            if (vote is null)
            {
                db.OpinionVotes.Add(new OpinionVote { OpinionMapId = map.Id, StatementId = statementId, ParticipantId = participant.Id, Value = value, CastAt = clock.GetUtcNow() });
            }
            else
            {
                vote.Value = value;
                vote.CastAt = clock.GetUtcNow();
            }
            try
            {
                await db.SaveChangesAsync();
                recomputer.Request(map.Id);
                await mediation.RecordOnceADayAsync(new OpinionMapTakingPart(map.Id));
                return CommandResult.Done(statementId);
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e) && attempt < 5)
            {
                // The same person voted twice at once: the unique index kept one row; update it instead.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Imports a conversation in the Polis open-data format as a new map of the process, all or nothing.</summary>
    public async Task<CommandResult> ImportAsync(Guid processId, Guid componentId, Guid phaseId, PolisConversation conversation)
    {
        // The texts as typed, without the quote our export puts before a formula sign.
        static string Text(string written, int max) => Excerpts.Clip(Spreadsheets.Restore(written), max);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var created = await CreateAsync(processId, componentId, new OpinionMapDraft(
            Text(conversation.Topic, OpinionMap.QuestionMax), Text(conversation.Description, OpinionMap.DescriptionMax), phaseId, PreModeration: false));
        if (!created.Succeeded)
        {
            return created;
        }
        var map = await db.OpinionMaps.FirstAsync(m => m.Id == created.Id);
        var statements = new Dictionary<long, Guid>();
        foreach (var imported in conversation.Statements.OrderBy(s => s.Id))
        {
            var at = DateTimeOffset.FromUnixTimeMilliseconds(imported.Timestamp);
            var statement = new Statement
            {
                OrganisationId = map.OrganisationId,
                ProcessId = map.ProcessId,
                OpinionMapId = map.Id,
                Number = imported.Id,
                ImportedAuthor = imported.AuthorId,
                Text = Text(imported.Text, Statement.TextMax),
                CreatedAt = at,
                PublishedAt = imported.Moderated >= 0 ? at : null,
                HiddenAt = imported.Moderated < 0 ? at : null,
                HiddenReason = imported.Moderated < 0 ? "Polis" : null,
            };
            statements[imported.Id] = statement.Id;
            db.Statements.Add(statement);
        }
        var participants = new Dictionary<long, Guid>();
        foreach (var number in conversation.Votes.Select(v => v.VoterId).Distinct().Order())
        {
            var participant = new OpinionParticipant { OpinionMapId = map.Id, Number = number };
            participants[number] = participant.Id;
            db.OpinionParticipants.Add(participant);
        }
        var latest = new Dictionary<(long, long), PolisVote>();
        foreach (var vote in conversation.Votes.OrderBy(v => v.Timestamp))
        {
            latest[(vote.VoterId, vote.StatementId)] = vote;
        }
        foreach (var vote in latest.Values.Where(v => statements.ContainsKey(v.StatementId) && v.Vote is >= -1 and <= 1))
        {
            db.OpinionVotes.Add(new OpinionVote
            {
                OpinionMapId = map.Id,
                StatementId = statements[vote.StatementId],
                ParticipantId = participants[vote.VoterId],
                Value = vote.Vote,
                CastAt = DateTimeOffset.FromUnixTimeMilliseconds(vote.Timestamp),
            });
        }
        // The first map comes from the whole vote log, replayed in time order: the database keeps only each person's latest
        // vote on a statement, which is not enough to know who Polis's rule placed along the way. Later computations
        // start from it and keep everyone it placed.
        var valid = conversation with { Votes = [.. conversation.Votes.Where(v => statements.ContainsKey(v.StatementId) && v.Vote is >= -1 and <= 1)] };
        (map.Result, map.ComputedAt) = (JsonSerializer.Serialize(valid.ComputeMap(), Json), clock.GetUtcNow());
        audit.Record("opinion-map.import", $"opinion-map:{map.Id}", $"{statements.Count} statements, {latest.Count} votes");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        recomputer.Request(map.Id);
        return CommandResult.Done(map.Id);
    }

    /// <summary>The map in the Polis open-data format, as a zip of its CSV files, with the latest groups.</summary>
    public async Task<byte[]?> ExportAsync(Guid mapId)
    {
        var (map, process) = await MapAsync(mapId);
        if (map is null || process is null || !await authorizer.CanAsync(OpinionMapsPermissions.Manage, process, map.ComponentId))
        {
            return null;
        }
        var statements = await db.Statements.AsNoTracking().Where(s => s.OpinionMapId == map.Id).ToListAsync();
        var numbers = await db.OpinionParticipants.AsNoTracking().Where(p => p.OpinionMapId == map.Id).ToDictionaryAsync(p => p.Id, p => p.Number);
        var authorNumbers = await db.OpinionParticipants.AsNoTracking().Where(p => p.OpinionMapId == map.Id && p.PersonId != null)
            .ToDictionaryAsync(p => p.PersonId!.Value, p => p.Number);
        var statementNumbers = statements.ToDictionary(s => s.Id, s => s.Number);
        var votes = await db.OpinionVotes.AsNoTracking().Where(v => v.OpinionMapId == map.Id).ToListAsync();
        var folder = Path.Combine(Path.GetTempPath(), "parvis-export-" + Guid.NewGuid().ToString("N"));
        try
        {
            // Statements are typed anonymously: neutralised as in every CSV Parvis writes, restored on import.
            PolisConversation.Write(folder, Spreadsheets.Neutralise(map.Question), Spreadsheets.Neutralise(map.Description),
                statements.Select(s => new PolisStatement(
                    s.Number,
                    s.ImportedAuthor ?? (s.AuthorId is { } author && authorNumbers.TryGetValue(author, out var n) ? n : -1),
                    s.CreatedAt.ToUnixTimeMilliseconds(), Spreadsheets.Neutralise(s.Text), s.HiddenAt is not null || s.ErasedAt is not null ? -1 : s.PublishedAt is null ? 0 : 1)).ToList(),
                votes.Select(v => new PolisVote(v.CastAt.ToUnixTimeMilliseconds(), statementNumbers[v.StatementId], numbers[v.ParticipantId], v.Value)).ToList(),
                map.Result is null ? null : JsonSerializer.Deserialize<OpinionMapResult>(map.Result, Json));
            using var zip = new MemoryStream();
            ZipFile.CreateFromDirectory(folder, zip);
            return zip.ToArray();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The person's number in this map, created on their first vote.</summary>
    private async Task<OpinionParticipant> ParticipantAsync(Guid mapId, Guid personId)
    {
        for (var attempt = 0; ; attempt++)
        {
            var existing = await db.OpinionParticipants.FirstOrDefaultAsync(p => p.OpinionMapId == mapId && p.PersonId == personId);
            if (existing is not null)
            {
                return existing;
            }
            var participant = new OpinionParticipant
            {
                OpinionMapId = mapId,
                PersonId = personId,
                Number = await db.OpinionParticipants.Where(p => p.OpinionMapId == mapId).MaxAsync(p => (long?)p.Number) + 1 ?? 0,
            };
            db.OpinionParticipants.Add(participant);
            try
            {
                await db.SaveChangesAsync();
                return participant;
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e) && attempt < 5)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<Decision> DecideAsync(OpinionMap map, Process process) =>
        await authorizer.DecideAsync(OpinionMapsPermissions.Contribute, process, map.ComponentId, map.PhaseId);

    private async Task<(OpinionMap?, Process?)> MapAsync(Guid mapId)
    {
        var map = await db.OpinionMaps.AsNoTracking().FirstOrDefaultAsync(m => m.Id == mapId && m.OrganisationId == organisation.Id);
        return (map, map is null ? null : await ProcessAsync(map.ProcessId, map.ComponentId));
    }

    private Task<Process?> ProcessAsync(Guid processId, Guid componentId) => processes.FindAsync(processId, OpinionMapsModule.Key, componentId);
}
