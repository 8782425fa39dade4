namespace Parvis.OpinionMaps;

/// <summary>
/// Participants x statements, stored sparse by participant (compressed rows): a national
/// conversation has millions of votes but each person sees a few dozen statements, so a dense
/// matrix would be mostly imputed values. Agree = +1, disagree = -1, pass = 0, absent = no vote.
/// </summary>
public sealed class VoteMatrix
{
    internal VoteMatrix(long[] participantIds, long[] statementIds, int[] rowStart, int[] columns, sbyte[] values)
    {
        ParticipantIds = participantIds;
        StatementIds = statementIds;
        RowStart = rowStart;
        Columns = columns;
        Values = values;
    }

    /// <summary>Participant ids in row order.</summary>
    public IReadOnlyList<long> ParticipantIds { get; }

    /// <summary>Statement ids in column order.</summary>
    public IReadOnlyList<long> StatementIds { get; }

    public int ParticipantCount => ParticipantIds.Count;

    public int StatementCount => StatementIds.Count;

    public int VoteCount => Columns.Length;

    internal int[] RowStart { get; }

    internal int[] Columns { get; }

    internal sbyte[] Values { get; }

    public int VotesOf(int participant) => RowStart[participant + 1] - RowStart[participant];

    /// <summary>The (statement column, vote) pairs of one participant, in column order.</summary>
    public IEnumerable<(int Statement, int Vote)> Row(int participant)
    {
        for (var i = RowStart[participant]; i < RowStart[participant + 1]; i++)
        {
            yield return (Columns[i], Values[i]);
        }
    }
}

/// <summary>
/// Collects votes in the order they were cast; a later vote on the same statement by the same
/// participant replaces the earlier one. Votes on excluded statements (moderated out) are dropped.
/// </summary>
public sealed class VoteMatrixBuilder
{
    private readonly Dictionary<long, int> participants = [];
    private readonly Dictionary<long, int> statements = [];
    private readonly List<long> participantIds = [];
    private readonly List<long> statementIds = [];
    private readonly HashSet<long> excluded = [];
    private int[] rows = new int[1024];
    private int[] columns = new int[1024];
    private sbyte[] values = new sbyte[1024];
    private int count;

    /// <summary>
    /// A builder holding every vote of <paramref name="matrix"/>, same columns and rows in the same
    /// order: votes added next are later, so they replace the ones they meet. Lets a server apply the
    /// votes cast since the last computation without reading millions of rows again.
    /// </summary>
    public static VoteMatrixBuilder From(VoteMatrix matrix)
    {
        var builder = new VoteMatrixBuilder();
        foreach (var statement in matrix.StatementIds)
        {
            builder.AddStatement(statement);
        }
        var total = Math.Max(1024, matrix.VoteCount + matrix.VoteCount / 8);
        builder.rows = new int[total];
        builder.columns = new int[total];
        builder.values = new sbyte[total];
        for (var p = 0; p < matrix.ParticipantCount; p++)
        {
            IndexOf(builder.participants, builder.participantIds, matrix.ParticipantIds[p]);
            for (var i = matrix.RowStart[p]; i < matrix.RowStart[p + 1]; i++)
            {
                builder.rows[builder.count] = p;
                builder.columns[builder.count] = matrix.Columns[i];
                builder.values[builder.count] = matrix.Values[i];
                builder.count++;
            }
        }
        return builder;
    }

    /// <summary>Declares a statement even if nobody voted on it yet, so that it has a column.</summary>
    public VoteMatrixBuilder AddStatement(long statementId)
    {
        if (!excluded.Contains(statementId))
        {
            IndexOf(statements, statementIds, statementId);
        }
        return this;
    }

    /// <summary>Statements removed by moderation do not count.</summary>
    public VoteMatrixBuilder Exclude(long statementId)
    {
        if (statements.ContainsKey(statementId))
        {
            throw new InvalidOperationException("Exclude statements before adding votes on them.");
        }
        excluded.Add(statementId);
        return this;
    }

    public VoteMatrixBuilder Add(long participantId, long statementId, int vote)
    {
        if (vote is < -1 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(vote), vote, "A vote is -1, 0 or +1.");
        }
        if (excluded.Contains(statementId))
        {
            return this;
        }
        if (count == rows.Length)
        {
            Array.Resize(ref rows, count * 2);
            Array.Resize(ref columns, count * 2);
            Array.Resize(ref values, count * 2);
        }
        rows[count] = IndexOf(participants, participantIds, participantId);
        columns[count] = IndexOf(statements, statementIds, statementId);
        values[count] = (sbyte)vote;
        count++;
        return this;
    }

    public VoteMatrix Build()
    {
        var participantCount = participantIds.Count;
        // Counting sort by participant keeps the casting order inside each row (stable).
        var start = new int[participantCount + 1];
        for (var i = 0; i < count; i++)
        {
            start[rows[i] + 1]++;
        }
        for (var p = 0; p < participantCount; p++)
        {
            start[p + 1] += start[p];
        }
        var next = (int[])start.Clone();
        var sortedColumns = new int[count];
        var sortedValues = new sbyte[count];
        for (var i = 0; i < count; i++)
        {
            var slot = next[rows[i]]++;
            sortedColumns[slot] = columns[i];
            sortedValues[slot] = values[i];
        }

        // Within a row: order by column, the last cast vote wins.
        var rowStart = new int[participantCount + 1];
        var outColumns = new int[count];
        var outValues = new sbyte[count];
        var write = 0;
        var order = new int[64];
        for (var p = 0; p < participantCount; p++)
        {
            rowStart[p] = write;
            int from = start[p], length = start[p + 1] - from;
            if (order.Length < length)
            {
                order = new int[length * 2];
            }
            if (IsStrictlyIncreasing(sortedColumns.AsSpan(from, length)))
            {
                sortedColumns.AsSpan(from, length).CopyTo(outColumns.AsSpan(write));
                sortedValues.AsSpan(from, length).CopyTo(outValues.AsSpan(write));
                write += length;
                continue;
            }
            for (var i = 0; i < length; i++)
            {
                order[i] = from + i;
            }
            var span = order.AsSpan(0, length);
            span.Sort((a, b) => sortedColumns[a] != sortedColumns[b] ? sortedColumns[a].CompareTo(sortedColumns[b]) : a.CompareTo(b));
            for (var i = 0; i < length; i++)
            {
                var at = span[i];
                if (i + 1 < length && sortedColumns[span[i + 1]] == sortedColumns[at])
                {
                    continue;
                }
                outColumns[write] = sortedColumns[at];
                outValues[write] = sortedValues[at];
                write++;
            }
        }
        rowStart[participantCount] = write;
        return new VoteMatrix(
            participantIds.ToArray(), statementIds.ToArray(), rowStart,
            outColumns.AsSpan(0, write).ToArray(), outValues.AsSpan(0, write).ToArray());
    }

    private static bool IsStrictlyIncreasing(ReadOnlySpan<int> columns)
    {
        for (var i = 1; i < columns.Length; i++)
        {
            if (columns[i] <= columns[i - 1])
            {
                return false;
            }
        }
        return true;
    }

    private static int IndexOf(Dictionary<long, int> index, List<long> ids, long id)
    {
        if (!index.TryGetValue(id, out var at))
        {
            at = ids.Count;
            index.Add(id, at);
            ids.Add(id);
        }
        return at;
    }
}
