namespace Parvis.OpinionMaps;

/// <summary>
/// Participants x statements, stored sparse by participant (compressed rows): a national
/// conversation has millions of votes but each person sees a few dozen statements, so a dense
/// matrix would be mostly imputed values. Agree = +1, disagree = -1, pass = 0, absent = no vote.
/// Statements moderated out keep their column and their votes: as in Polis, those votes still
/// count towards placing a participant, and the column counts as a column of zeros in the map.
/// </summary>
public sealed class VoteMatrix
{
    internal VoteMatrix(long[] participantIds, long[] statementIds, bool[] moderatedOut, int[] rowStart, int[] columns, sbyte[] values)
    {
        ParticipantIds = participantIds;
        StatementIds = statementIds;
        ModeratedOut = moderatedOut;
        RowStart = rowStart;
        Columns = columns;
        Values = values;
    }

    /// <summary>Participant ids in row order.</summary>
    public IReadOnlyList<long> ParticipantIds { get; }

    /// <summary>Statement ids in column order.</summary>
    public IReadOnlyList<long> StatementIds { get; }

    /// <summary>Per column: the statement was removed by moderation.</summary>
    public IReadOnlyList<bool> ModeratedOut { get; }

    public int ParticipantCount => ParticipantIds.Count;

    public int StatementCount => StatementIds.Count;

    public int VoteCount => Columns.Length;

    internal int[] RowStart { get; }

    internal int[] Columns { get; }

    internal sbyte[] Values { get; }

    /// <summary>Every vote of one participant, passes and votes on statements moderated out included.</summary>
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
/// participant replaces the earlier one.
/// </summary>
public sealed class VoteMatrixBuilder
{
    private readonly Dictionary<long, int> _participants = [];
    private readonly Dictionary<long, int> _statements = [];
    private readonly List<long> _participantIds = [];
    private readonly List<long> _statementIds = [];
    private readonly HashSet<long> _moderatedOut = [];
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
        for (var j = 0; j < matrix.StatementCount; j++)
        {
            builder.AddStatement(matrix.StatementIds[j]);
            if (matrix.ModeratedOut[j])
            {
                builder.ModerateOut(matrix.StatementIds[j]);
            }
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
        IndexOf(_statements, _statementIds, statementId);
        return this;
    }

    /// <summary>A statement removed by moderation: it leaves the map and the tallies, its votes still place their voters.</summary>
    public VoteMatrixBuilder ModerateOut(long statementId)
    {
        IndexOf(_statements, _statementIds, statementId);
        _moderatedOut.Add(statementId);
        return this;
    }

    public VoteMatrixBuilder Add(long participantId, long statementId, int vote)
    {
        if (vote is < -1 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(vote), vote, "A vote is -1, 0 or +1.");
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

    /// <summary>
    /// Who Polis's placement rule has placed once the votes are replayed in the order they were added
    /// (the order they were cast): a participant is placed as soon as they have voted on
    /// min(<paramref name="minimumVotes"/>, statements voted on by anyone so far) statements, and stays
    /// placed; while fewer than <paramref name="topUp"/> are placed, Polis places the most active voters,
    /// which in casting order are the first <paramref name="topUp"/> to vote.
    /// </summary>
    public HashSet<long> ReplayPlacement(int minimumVotes, int topUp)
    {
        var placed = new HashSet<long>();
        for (var p = 0; p < Math.Min(topUp, _participantIds.Count); p++)
        {
            placed.Add(_participantIds[p]);
        }
        // When each statement got its first vote, in casting order: how many statements existed at a given vote.
        var firstVote = new int[_statementIds.Count];
        Array.Fill(firstVote, -1);
        for (var i = 0; i < _count; i++)
        {
            if (firstVote[_columns[i]] < 0)
            {
                firstVote[_columns[i]] = i;
            }
        }
        var statementTimes = firstVote.Where(t => t >= 0).Order().ToArray();

        // Each participant's votes in casting order (a stable counting sort), each statement counted once.
        var start = new int[_participantIds.Count + 1];
        for (var i = 0; i < _count; i++)
        {
            start[_rows[i] + 1]++;
        }
        for (var p = 0; p < _participantIds.Count; p++)
        {
            start[p + 1] += start[p];
        }
        var next = (int[])start.Clone();
        var cast = new int[_count];
        for (var i = 0; i < _count; i++)
        {
            cast[next[_rows[i]]++] = i;
        }
        var seenBy = new int[_statementIds.Count];
        Array.Fill(seenBy, -1);
        for (var p = 0; p < _participantIds.Count; p++)
        {
            var distinct = 0;
            for (var slot = start[p]; slot < start[p + 1]; slot++)
            {
                var at = cast[slot];
                if (seenBy[_columns[at]] == p)
                {
                    continue;
                }
                seenBy[_columns[at]] = p;
                distinct++;
                // Statements voted on by anyone up to this vote, this one included.
                var statements = UpperBound(statementTimes, at);
                if (distinct >= Math.Min(minimumVotes, statements))
                {
                    placed.Add(_participantIds[p]);
                    break;
                }
            }
        }
        return placed;
    }

    private static int UpperBound(int[] sorted, int value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (sorted[middle] <= value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
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
            _participantIds.ToArray(), _statementIds.ToArray(), _statementIds.Select(_moderatedOut.Contains).ToArray(), rowStart,
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
