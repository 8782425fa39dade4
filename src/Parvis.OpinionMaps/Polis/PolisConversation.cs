using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Parvis.OpinionMaps.Polis;

/// <summary>A statement ("comment") as Polis exports it. Moderated: 1 accepted, -1 rejected, 0 not moderated.</summary>
public sealed record PolisStatement(long Id, long AuthorId, long Timestamp, string Text, int Moderated);

/// <summary>One vote event: +1 agree, -1 disagree, 0 pass. A later event replaces an earlier one.</summary>
public sealed record PolisVote(long Timestamp, long StatementId, long VoterId, int Vote);

/// <summary>
/// A conversation in the Polis open-data format: a folder holding comments.csv, votes.csv,
/// participants-votes.csv (and summary.csv). Columns are found by their header, as the exports vary
/// (some add an xid column).
/// </summary>
public sealed record PolisConversation(
    string Topic,
    string Description,
    IReadOnlyList<PolisStatement> Statements,
    IReadOnlyList<PolisVote> Votes,
    IReadOnlyDictionary<long, int?> Groups)
{
    private static readonly CsvConfiguration _csvSettings = new(CultureInfo.InvariantCulture) { DetectColumnCountChanges = false, MissingFieldFound = null };

    /// <summary>The vote matrix: statements rejected by moderation are marked so, the latest vote counts.</summary>
    public VoteMatrix ToMatrix() => Builder().Build();

    /// <summary>The map of this conversation computed for the first time, placing whoever the vote log, replayed in time order, places.</summary>
    public OpinionMapResult ComputeMap(OpinionMapParameters? parameters = null)
    {
        parameters ??= OpinionMapParameters.Default;
        var builder = Builder();
        return OpinionMapEngine.Compute(builder.Build(), parameters, null, builder.ReplayPlacement(parameters.MinimumVotes, parameters.PlacedAtLeast));
    }

    private VoteMatrixBuilder Builder()
    {
        var builder = new VoteMatrixBuilder();
        foreach (var statement in Statements.OrderBy(s => s.Id))
        {
            builder.AddStatement(statement.Id);
            if (statement.Moderated < 0)
            {
                builder.ModerateOut(statement.Id);
            }
        }
        foreach (var vote in Votes.OrderBy(v => v.Timestamp))
        {
            builder.Add(vote.VoterId, vote.StatementId, vote.Vote);
        }
        return builder;
    }

    public static PolisConversation Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"No folder at {folder}.");
        }
        var statements = Read(Path.Combine(folder, "comments.csv"), csv => new PolisStatement(
            Id(csv, "comment-id"), Id(csv, "author-id"), Timestamp(csv),
            csv.GetField("comment-body") ?? "", (int)Number(csv, "moderated", -1, 1)));
        if (statements.GroupBy(s => s.Id).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidDataException($"Comment {twice.Key} appears twice in comments.csv.");
        }
        var votes = Read(Path.Combine(folder, "votes.csv"), csv => new PolisVote(
            Timestamp(csv), Id(csv, "comment-id"), Id(csv, "voter-id"), (int)Number(csv, "vote", -1, 1)));
        var groups = new Dictionary<long, int?>();
        var participantsFile = Path.Combine(folder, "participants-votes.csv");
        if (File.Exists(participantsFile))
        {
            foreach (var (participant, group) in Read(participantsFile, csv =>
                (Id(csv, "participant"), string.IsNullOrWhiteSpace(csv.GetField("group-id")) ? (int?)null : (int)Number(csv, "group-id", 0, 1_000))))
            {
                groups[participant] = group;
            }
        }
        var summary = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var summaryFile = Path.Combine(folder, "summary.csv");
        if (File.Exists(summaryFile))
        {
            using var reader = new StreamReader(summaryFile);
            using var csv = new CsvReader(reader, _csvSettings);
            while (csv.Read())
            {
                summary[csv.GetField(0) ?? ""] = csv.TryGetField<string>(1, out var value) ? value ?? "" : "";
            }
        }
        return new PolisConversation(
            summary.GetValueOrDefault("topic", Path.GetFileName(Path.TrimEndingDirectorySeparator(folder))),
            summary.GetValueOrDefault("conversation-description", ""), statements, votes, groups);
    }

    /// <summary>Writes the four files of the open-data format, with the groups of <paramref name="result"/> if given.</summary>
    public static void Write(string folder, string topic, string description, IReadOnlyList<PolisStatement> statements, IReadOnlyList<PolisVote> votes, OpinionMapResult? result)
    {
        Directory.CreateDirectory(folder);
        var latest = new Dictionary<(long Voter, long Statement), int>();
        foreach (var vote in votes.OrderBy(v => v.Timestamp))
        {
            latest[(vote.VoterId, vote.StatementId)] = vote.Vote;
        }
        var ordered = statements.OrderBy(s => s.Id).ToArray();
        var byStatement = latest.ToLookup(v => v.Key.Statement, v => v.Value);
        var byVoter = latest.ToLookup(v => v.Key.Voter, v => (v.Key.Statement, v.Value));
        var authored = statements.ToLookup(s => s.AuthorId);

        Write(Path.Combine(folder, "comments.csv"), ["timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees", "moderated", "comment-body"],
            ordered.Select(s => new object[]
            {
                s.Timestamp, Date(s.Timestamp), s.Id, s.AuthorId,
                byStatement[s.Id].Count(v => v == 1), byStatement[s.Id].Count(v => v == -1),
                s.Moderated, s.Text,
            }));
        Write(Path.Combine(folder, "votes.csv"), ["timestamp", "datetime", "comment-id", "voter-id", "vote"],
            votes.OrderBy(v => v.Timestamp).Select(v => new object[] { v.Timestamp, Date(v.Timestamp), v.StatementId, v.VoterId, v.Vote }));

        var groups = result?.Placed.ToDictionary(p => p.Id, p => p.Group) ?? [];
        var participants = latest.Keys.Select(k => k.Voter).Union(statements.Select(s => s.AuthorId)).Distinct().Order();
        Write(Path.Combine(folder, "participants-votes.csv"),
            ["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree", .. ordered.Select(s => s.Id.ToString(CultureInfo.InvariantCulture))],
            participants.Select(p =>
            {
                var own = byVoter[p].ToDictionary(v => v.Statement, v => v.Value);
                return new object[]
                {
                    p, groups.TryGetValue(p, out var g) && g >= 0 ? g : "", authored[p].Count(),
                    own.Count, own.Values.Count(v => v == 1), own.Values.Count(v => v == -1),
                }.Concat(ordered.Select(s => own.TryGetValue(s.Id, out var v) ? (object)v : "")).ToArray();
            }));
        Write(Path.Combine(folder, "summary.csv"), null,
        [
            ["topic", topic],
            ["voters", latest.Keys.Select(k => k.Voter).Distinct().Count()],
            ["commenters", statements.Select(s => s.AuthorId).Distinct().Count()],
            ["comments", statements.Count],
            ["groups", result?.Groups.Count ?? 0],
            ["conversation-description", description],
        ]);
    }

    private static List<T> Read<T>(string file, Func<CsvReader, T> map)
    {
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"{Path.GetFileName(file)} is missing from the conversation folder.", file);
        }
        using var reader = new StreamReader(file);
        using var csv = new CsvReader(reader, _csvSettings);
        csv.Read();
        csv.ReadHeader();
        var rows = new List<T>();
        while (csv.Read())
        {
            rows.Add(map(csv));
        }
        return rows;
    }

    private static void Write(string file, string[]? header, IEnumerable<object[]> rows)
    {
        using var writer = new StreamWriter(file);
        using var csv = new CsvWriter(writer, _csvSettings);
        if (header is not null)
        {
            foreach (var name in header)
            {
                csv.WriteField(name);
            }
            csv.NextRecord();
        }
        foreach (var row in rows)
        {
            foreach (var field in row)
            {
                csv.WriteField(field);
            }
            csv.NextRecord();
        }
    }

    /// <summary>
    /// A statement's or a participant's number: Polis counts them from 0, and a map goes on numbering from the highest,
    /// which must leave room to count on.
    /// </summary>
    public const long IdMax = 1_000_000_000;

    private static long Id(CsvReader csv, string column) => Number(csv, column, 0, IdMax);

    private static long Number(CsvReader csv, string column, long min, long max) =>
        long.TryParse(csv.GetField(column) ?? throw new InvalidDataException($"Column {column} is missing."), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max
            ? value
            : throw new InvalidDataException($"Column {column} holds \"{csv.GetField(column)}\", not a whole number from {min} to {max}.");

    /// <summary>The last moment a conversation may be dated.</summary>
    public static readonly DateTimeOffset LatestTimestamp = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Milliseconds since 1970, and before 2200: a vote dated in the year 9999 is no vote, and every page counting votes
    /// by month would count up to it.
    /// </summary>
    private static long Timestamp(CsvReader csv) => Number(csv, "timestamp", 0, LatestTimestamp.ToUnixTimeMilliseconds());

    private static string Date(long timestamp) =>
        DateTimeOffset.FromUnixTimeMilliseconds(timestamp).UtcDateTime.ToString("ddd MMM dd HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture);
}
