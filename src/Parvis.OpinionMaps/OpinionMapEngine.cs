namespace Parvis.OpinionMaps;

/// <summary>
/// From votes to groups, representative statements and consensus, following the method Polis
/// published: mean-imputed PCA, sparsity-aware placement, k-means into base clusters then into
/// 2..5 groups chosen by silhouette, with the group count and labels kept steady across updates.
/// </summary>
public static class OpinionMapEngine
{
    private const int GroupAttempts = 10;

    public static OpinionMapResult Compute(VoteMatrix matrix, OpinionMapParameters? parameters = null, OpinionMapResult? previous = null)
    {
        parameters ??= OpinionMapParameters.Default;
        var minimumVotes = Math.Min(parameters.MinimumVotes, matrix.StatementCount);
        var placedRows = Enumerable.Range(0, matrix.ParticipantCount)
            .Where(p => matrix.VotesOf(p) >= Math.Max(1, minimumVotes)).ToArray();

        var previousComponents = previous is null ? null : Align(previous.State, matrix);
        var components = Projection.Compute(matrix, placedRows, parameters.Seed, previousComponents);
        var x = new double[placedRows.Length];
        var y = new double[placedRows.Length];
        Parallel.For(0, placedRows.Length, i => (x[i], y[i]) = Projection.Place(matrix, placedRows[i], components));

        var warmBase = previous is not null && previousComponents is not null && previous.State.BaseCentreX.Length > 0
            ? (previous.State.BaseCentreX, previous.State.BaseCentreY)
            : ((double[], double[])?)null;
        var baseClusters = KMeans.Run(x, y, null, parameters.BaseClusters, parameters.Seed, warmBase);

        var (groupClustering, silhouettes, best, state) = ChooseGroups(baseClusters, parameters, previous);
        var groupOfRow = new int[placedRows.Length];
        for (var i = 0; i < placedRows.Length; i++)
        {
            groupOfRow[i] = groupClustering is null ? -1 : groupClustering.Assignment[baseClusters.Assignment[i]];
        }

        var groupCount = groupClustering?.Count ?? 0;
        var labels = Labels(matrix, placedRows, groupOfRow, groupCount, previous);
        var placed = new PlacedParticipant[placedRows.Length];
        for (var i = 0; i < placedRows.Length; i++)
        {
            var group = groupOfRow[i] < 0 ? -1 : labels[groupOfRow[i]];
            placed[i] = new PlacedParticipant(matrix.ParticipantIds[placedRows[i]], x[i], y[i], group);
            groupOfRow[i] = group;
        }

        var tallies = Tally(matrix, placedRows, groupOfRow, groupCount, components);
        var groups = new OpinionGroup[groupCount];
        for (var label = 0; label < groupCount; label++)
        {
            var cluster = Array.IndexOf(labels, label);
            groups[label] = new OpinionGroup(label, groupOfRow.Count(g => g == label),
                groupClustering!.CentreX[cluster], groupClustering.CentreY[cluster],
                Representativeness.ForGroup(tallies, label, parameters));
        }

        return new OpinionMapResult(
            parameters, matrix.ParticipantCount, matrix.StatementCount, matrix.VoteCount, minimumVotes,
            components.TotalVariance > 0 ? (components.FirstVariance + components.SecondVariance) / components.TotalVariance : 0,
            silhouettes, best, placed, groups,
            Representativeness.Consensus(tallies, groupCount, parameters), tallies,
            state with
            {
                First = components.First,
                Second = components.Second,
                StatementIds = matrix.StatementIds.ToArray(),
                BaseCentreX = baseClusters.CentreX,
                BaseCentreY = baseClusters.CentreY,
            });
    }

    /// <summary>Weighted k-means of the base clusters for each k, the best silhouette wins (the fewest groups on a near tie), with hysteresis.</summary>
    private static (Clustering? Groups, Dictionary<int, double> Silhouettes, int Best, OpinionMapState State) ChooseGroups(
        Clustering baseClusters, OpinionMapParameters parameters, OpinionMapResult? previous)
    {
        var silhouettes = new Dictionary<int, double>();
        var candidates = new Dictionary<int, Clustering>();
        for (var k = parameters.MinimumGroups; k <= Math.Min(parameters.MaximumGroups, baseClusters.Count); k++)
        {
            var clustering = KMeans.Best(baseClusters.CentreX, baseClusters.CentreY, baseClusters.Size, k, parameters.Seed, GroupAttempts);
            if (clustering.Count != k)
            {
                continue;
            }
            candidates[k] = clustering;
            silhouettes[k] = KMeans.Silhouette(baseClusters.CentreX, baseClusters.CentreY, baseClusters.Size, clustering.Assignment, k);
        }
        var empty = new OpinionMapState(0, 0, 0, [], [], [], [], []);
        if (candidates.Count == 0)
        {
            return (null, silhouettes, 0, empty);
        }
        var top = silhouettes.Values.Max();
        var best = silhouettes.Where(s => s.Value >= top - parameters.SilhouetteMargin).Min(s => s.Key);
        var state = empty with { GroupCount = best };
        if (previous is { State.GroupCount: > 0 } && previous.State.GroupCount != best && candidates.ContainsKey(previous.State.GroupCount))
        {
            var streak = previous.State.CandidateGroupCount == best ? previous.State.CandidateStreak + 1 : 1;
            state = streak >= parameters.UpdatesBeforeGroupCountChanges
                ? empty with { GroupCount = best }
                : empty with { GroupCount = previous.State.GroupCount, CandidateGroupCount = best, CandidateStreak = streak };
        }
        return (candidates[state.GroupCount], silhouettes, best, state);
    }

    /// <summary>
    /// Group labels that follow people: each new group takes the previous label it shares the most
    /// participants with (best total overlap over all assignments, at most 5! of them).
    /// </summary>
    private static int[] Labels(VoteMatrix matrix, int[] rows, int[] groupOfRow, int groupCount, OpinionMapResult? previous)
    {
        var identity = Enumerable.Range(0, groupCount).ToArray();
        if (previous is null || previous.Groups.Count == 0 || groupCount == 0)
        {
            return identity;
        }
        var before = new Dictionary<long, int>(previous.Placed.Count);
        foreach (var participant in previous.Placed)
        {
            before[participant.Id] = participant.Group;
        }
        var overlap = new int[groupCount, groupCount];
        for (var i = 0; i < rows.Length; i++)
        {
            if (groupOfRow[i] >= 0 && before.TryGetValue(matrix.ParticipantIds[rows[i]], out var label) && label >= 0 && label < groupCount)
            {
                overlap[groupOfRow[i], label]++;
            }
        }
        var best = identity;
        var bestScore = -1;
        foreach (var permutation in Permutations(identity))
        {
            var score = 0;
            for (var g = 0; g < groupCount; g++)
            {
                score += overlap[g, permutation[g]];
            }
            if (score > bestScore)
            {
                bestScore = score;
                best = permutation;
            }
        }
        return best;
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }
        for (var i = 0; i < items.Length; i++)
        {
            var rest = items.Where((_, at) => at != i).ToArray();
            foreach (var tail in Permutations(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }

    /// <summary>The previous components re-indexed to the current statement columns, to keep the orientation.</summary>
    private static Components? Align(OpinionMapState state, VoteMatrix matrix)
    {
        if (state.StatementIds.Length == 0)
        {
            return null;
        }
        var index = new Dictionary<long, int>(state.StatementIds.Length);
        for (var j = 0; j < state.StatementIds.Length; j++)
        {
            index[state.StatementIds[j]] = j;
        }
        var first = new double[matrix.StatementCount];
        var second = new double[matrix.StatementCount];
        for (var j = 0; j < matrix.StatementCount; j++)
        {
            if (index.TryGetValue(matrix.StatementIds[j], out var old))
            {
                first[j] = state.First[old];
                second[j] = state.Second[old];
            }
        }
        return new Components([], first, second, 0, 0, 0);
    }

    private static StatementTally[] Tally(VoteMatrix matrix, int[] placedRows, int[] groupOfRow, int groupCount, Components components)
    {
        var statements = matrix.StatementCount;
        var agree = new int[statements];
        var disagree = new int[statements];
        var pass = new int[statements];
        var groupAgree = new int[statements * groupCount];
        var groupDisagree = new int[statements * groupCount];
        var groupVotes = new int[statements * groupCount];
        var groupOf = new int[matrix.ParticipantCount];
        Array.Fill(groupOf, -1);
        for (var i = 0; i < placedRows.Length; i++)
        {
            groupOf[placedRows[i]] = groupOfRow[i];
        }
        for (var p = 0; p < matrix.ParticipantCount; p++)
        {
            var group = groupOf[p];
            for (var i = matrix.RowStart[p]; i < matrix.RowStart[p + 1]; i++)
            {
                var j = matrix.Columns[i];
                var vote = matrix.Values[i];
                _ = vote switch { 1 => agree[j]++, -1 => disagree[j]++, _ => pass[j]++ };
                if (group >= 0)
                {
                    groupVotes[j * groupCount + group]++;
                    if (vote == 1)
                    {
                        groupAgree[j * groupCount + group]++;
                    }
                    else if (vote == -1)
                    {
                        groupDisagree[j * groupCount + group]++;
                    }
                }
            }
        }
        var extremity = new double[statements];
        for (var j = 0; j < statements; j++)
        {
            extremity[j] = Math.Sqrt(components.First[j] * components.First[j] + components.Second[j] * components.Second[j]);
        }
        var maxExtremity = extremity.DefaultIfEmpty(0).Max();
        return Enumerable.Range(0, statements).Select(j => new StatementTally(
            matrix.StatementIds[j], agree[j], disagree[j], pass[j],
            maxExtremity > 0 ? extremity[j] / maxExtremity : 0,
            groupAgree.AsSpan(j * groupCount, groupCount).ToArray(),
            groupDisagree.AsSpan(j * groupCount, groupCount).ToArray(),
            groupVotes.AsSpan(j * groupCount, groupCount).ToArray())).ToArray();
    }
}
