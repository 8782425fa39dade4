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
    private readonly Dictionary<long, int> _participants = [];
    private readonly Dictionary<long, int> _statements = [];
    private readonly List<long> _participantIds = [];
    private readonly List<long> _statementIds = [];
    private readonly HashSet<long> _excluded = [];
    private int[] _rows = new int[1024];
    private int[] _columns = new int[1024];
    private sbyte[] _values = new sbyte[1024];
    private int _count;

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
        builder._rows = new int[total];
        builder._columns = new int[total];
        builder._values = new sbyte[total];
        for (var p = 0; p < matrix.ParticipantCount; p++)
        {
            IndexOf(builder._participants, builder._participantIds, matrix.ParticipantIds[p]);
            for (var i = matrix.RowStart[p]; i < matrix.RowStart[p + 1]; i++)
            {
                builder._rows[builder._count] = p;
                builder._columns[builder._count] = matrix.Columns[i];
                builder._values[builder._count] = matrix.Values[i];
                builder._count++;
            }
        }
        return builder;
    }

    /// <summary>Declares a statement even if nobody voted on it yet, so that it has a column.</summary>
    public VoteMatrixBuilder AddStatement(long statementId)
    {
        if (!_excluded.Contains(statementId))
        {
            IndexOf(_statements, _statementIds, statementId);
        }
        return this;
    }

    /// <summary>Statements removed by moderation do not count.</summary>
    public VoteMatrixBuilder Exclude(long statementId)
    {
        if (_statements.ContainsKey(statementId))
        {
            throw new InvalidOperationException("Exclude _statements before adding votes on them.");
        }
        _excluded.Add(statementId);
        return this;
    }

    public VoteMatrixBuilder Add(long participantId, long statementId, int vote)
    {
        if (vote is < -1 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(vote), vote, "A vote is -1, 0 or +1.");
        }
        if (_excluded.Contains(statementId))
        {
            return this;
        }
        if (_count == _rows.Length)
        {
            Array.Resize(ref _rows, _count * 2);
            Array.Resize(ref _columns, _count * 2);
            Array.Resize(ref _values, _count * 2);
        }
        _rows[_count] = IndexOf(_participants, _participantIds, participantId);
        _columns[_count] = IndexOf(_statements, _statementIds, statementId);
        _values[_count] = (sbyte)vote;
        _count++;
        return this;
    }

    public VoteMatrix Build()
    {
        var participantCount = _participantIds.Count;
        // Counting sort by participant keeps the casting order inside each row (stable).
        var start = new int[participantCount + 1];
        for (var i = 0; i < _count; i++)
        {
            start[_rows[i] + 1]++;
        }
        for (var p = 0; p < participantCount; p++)
        {
            start[p + 1] += start[p];
        }
        var next = (int[])start.Clone();
        var sortedColumns = new int[_count];
        var sortedValues = new sbyte[_count];
        for (var i = 0; i < _count; i++)
        {
            var slot = next[_rows[i]]++;
            sortedColumns[slot] = _columns[i];
            sortedValues[slot] = _values[i];
        }

        // Within a row: order by column, the last cast vote wins.
        var rowStart = new int[participantCount + 1];
        var outColumns = new int[_count];
        var outValues = new sbyte[_count];
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
            _participantIds.ToArray(), _statementIds.ToArray(), rowStart,
            outColumns.AsSpan(0, write).ToArray(), outValues.AsSpan(0, write).ToArray());
    }

    private static bool IsStrictlyIncreasing(ReadOnlySpan<int> _columns)
    {
        for (var i = 1; i < _columns.Length; i++)
        {
            if (_columns[i] <= _columns[i - 1])
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
