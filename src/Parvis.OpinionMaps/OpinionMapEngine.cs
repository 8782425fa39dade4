namespace Parvis.OpinionMaps;

/// <summary>
/// From votes to groups, representative statements and consensus, following the method Polis
/// published: Polis's placement rule, mean-imputed PCA of every participant's votes, sparsity-aware
/// placement, k-means into base clusters then into 2..5 groups chosen by silhouette, with the group
/// count and labels kept steady across updates.
/// </summary>
public static class OpinionMapEngine
{
    private const int GroupAttempts = 10;

    /// <summary>
    /// The components and the groups start the same whatever the computation's seed (which draws only the confidence's
    /// resamples): with starts drawn from it, two seeds could settle on different axes where two are almost as strong,
    /// or different groups where the map is ambiguous, and so put someone in another group.
    /// </summary>
    private const int Starts = 0;

    /// <summary>On an update, a new partition replaces the last one only if its inertia is lower by more than this share.</summary>
    private const double KeepGroupsUnlessBetterBy = 0.01;

    /// <param name="matrix">Every vote, those on statements moderated out included.</param>
    /// <param name="parameters">The defaults unless given.</param>
    /// <param name="previous">The last result, to keep the map, the groups and their labels steady.</param>
    /// <param name="placedBefore">
    /// Who was placed before and stays placed: by default those of <paramref name="previous"/>; for a conversation
    /// computed for the first time from its vote log, <see cref="VoteMatrixBuilder.ReplayPlacement"/>.
    /// </param>
    public static OpinionMapResult Compute(VoteMatrix matrix, OpinionMapParameters? parameters = null, OpinionMapResult? previous = null,
        IReadOnlySet<long>? placedBefore = null)
    {
        parameters ??= OpinionMapParameters.Default;
        var sparsity = Sparsity.Of(matrix);
        var minimumVotes = Math.Max(1, Math.Min(parameters.MinimumVotes, sparsity.Statements));
        placedBefore ??= previous?.Placed.Select(p => p.Id).ToHashSet();
        var placedRows = PlacedRows(matrix, minimumVotes, placedBefore, parameters.PlacedAtLeast);

        // As in Polis, the components come from everyone's votes, the map from the placed participants.
        var previousComponents = previous is null ? null : Align(previous.State, matrix);
        var components = Projection.Compute(matrix, Enumerable.Range(0, matrix.ParticipantCount).ToArray(), Starts, previousComponents);
        var x = new double[placedRows.Length];
        var y = new double[placedRows.Length];
        var placer = new Placer(matrix, components, sparsity);
        Parallel.For(0, placedRows.Length, i => (x[i], y[i]) = placer.Place(placedRows[i]));

        var warmBase = previous is not null && previousComponents is not null && previous.State.BaseCentreX.Length > 0
            ? (previous.State.BaseCentreX, previous.State.BaseCentreY)
            : ((double[], double[])?)null;
        // Base clusters start from the last ones, or from spread points: no random number decides them.
        var baseClusters = KMeans.Run(x, y, null, parameters.BaseClusters, Starts, warmBase ?? KMeans.Spread(x, y, parameters.BaseClusters));

        // The number of groups comes from the base clusters, as in Polis. The groups themselves are then settled on the
        // participants, from the centres chosen on the base clusters, so that nobody's group hangs on which base cluster
        // they fell in; on an update the last groups are kept unless the votes now make a clearly better partition.
        var (chosen, silhouettes, best, state) = ChooseGroups(baseClusters, parameters, previous);
        var warmGroups = previous is not null && chosen is not null && previous.Groups.Count == chosen.Count
            ? (previous.Groups.Select(g => g.CentreX).ToArray(), previous.Groups.Select(g => g.CentreY).ToArray())
            : ((double[], double[])?)null;
        var groupClustering = chosen is null ? null : Settle(x, y, chosen, warmGroups);
        var groupOfRow = new int[placedRows.Length];
        for (var i = 0; i < placedRows.Length; i++)
        {
            groupOfRow[i] = groupClustering is null ? -1 : groupClustering.Assignment[i];
        }
        var confidence = groupClustering is null ? new double[placedRows.Length]
            : Confidence.Compute(matrix, placedRows, groupOfRow, groupClustering.CentreX, groupClustering.CentreY, placer, parameters.ConfidenceResamples, parameters.Seed);

        var groupCount = groupClustering?.Count ?? 0;
        var labels = Labels(matrix, placedRows, groupOfRow, groupCount, previous);
        var placed = new PlacedParticipant[placedRows.Length];
        for (var i = 0; i < placedRows.Length; i++)
        {
            var group = groupOfRow[i] < 0 ? -1 : labels[groupOfRow[i]];
            placed[i] = new PlacedParticipant(matrix.ParticipantIds[placedRows[i]], x[i], y[i], group, Math.Round(confidence[i], 3));
            groupOfRow[i] = group;
        }

        var tallies = Tally(matrix, placedRows, groupOfRow, groupCount, components);
        var groups = new OpinionGroup[groupCount];
        for (var label = 0; label < groupCount; label++)
        {
            var cluster = Array.IndexOf(labels, label);
            groups[label] = new OpinionGroup(label, groupOfRow.Count(g => g == label),
                placed.Count(p => p.Group == label && p.Confidence < parameters.FirmFrom),
                groupClustering!.CentreX[cluster], groupClustering.CentreY[cluster],
                Representativeness.ForGroup(tallies, label, parameters));
        }

        return new OpinionMapResult(
            parameters, matrix.ParticipantCount, tallies.Length, matrix.VoteCount, minimumVotes,
            components.TotalVariance > 0 ? (components.FirstVariance + components.SecondVariance) / components.TotalVariance : 0,
            silhouettes, best, placed, groups,
            Representativeness.Consensus(tallies, groupCount, parameters), tallies,
            state with
            {
                First = components.First,
                Second = components.Second,
                Subspace = components.Subspace,
                StatementIds = matrix.StatementIds.ToArray(),
                BaseCentreX = baseClusters.CentreX,
                BaseCentreY = baseClusters.CentreY,
            });
    }

    /// <summary>
    /// The groups on the participants, from the centres chosen on the base clusters; on an update, from the last groups
    /// unless those centres now give a partition clearly better.
    /// </summary>
    private static Clustering Settle(double[] x, double[] y, Clustering chosen, (double[] X, double[] Y)? warm)
    {
        var fromBase = KMeans.Run(x, y, null, chosen.Count, Starts, (chosen.CentreX, chosen.CentreY));
        if (warm is null)
        {
            return fromBase;
        }
        var kept = KMeans.Run(x, y, null, chosen.Count, Starts, warm);
        return fromBase.Inertia < kept.Inertia * (1 - KeepGroupsUnlessBetterBy) ? fromBase : kept;
    }

    /// <summary>
    /// Polis's placement rule: at least <paramref name="minimumVotes"/> votes of any kind, everyone placed before stays
    /// placed, and while fewer than <paramref name="atLeast"/> are placed the most active voters are added.
    /// </summary>
    private static int[] PlacedRows(VoteMatrix matrix, int minimumVotes, IReadOnlySet<long>? placedBefore, int atLeast)
    {
        var placed = new bool[matrix.ParticipantCount];
        var count = 0;
        for (var p = 0; p < matrix.ParticipantCount; p++)
        {
            if (matrix.VotesOf(p) >= minimumVotes || placedBefore?.Contains(matrix.ParticipantIds[p]) == true)
            {
                placed[p] = true;
                count++;
            }
        }
        if (count < atLeast)
        {
            foreach (var p in Enumerable.Range(0, matrix.ParticipantCount).Where(p => !placed[p])
                .OrderByDescending(matrix.VotesOf).Take(atLeast - count))
            {
                placed[p] = true;
            }
        }
        return Enumerable.Range(0, matrix.ParticipantCount).Where(p => placed[p]).ToArray();
    }

    /// <summary>Weighted k-means of the base clusters for each k, the best silhouette wins (the fewest groups on a near tie), with hysteresis.</summary>
    private static (Clustering? Groups, Dictionary<int, double> Silhouettes, int Best, OpinionMapState State) ChooseGroups(
        Clustering baseClusters, OpinionMapParameters parameters, OpinionMapResult? previous)
    {
        var silhouettes = new Dictionary<int, double>();
        var candidates = new Dictionary<int, Clustering>();
        for (var k = parameters.MinimumGroups; k <= Math.Min(parameters.MaximumGroups, baseClusters.Count); k++)
        {
            var clustering = KMeans.Best(baseClusters.CentreX, baseClusters.CentreY, baseClusters.Size, k, Starts, GroupAttempts);
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
        var block = state.Subspace is { Length: > 0 } kept ? kept.Length / state.StatementIds.Length : 0;
        var subspace = block > 0 ? new double[matrix.StatementCount * block] : null;
        for (var j = 0; j < matrix.StatementCount; j++)
        {
            if (index.TryGetValue(matrix.StatementIds[j], out var old))
            {
                first[j] = state.First[old];
                second[j] = state.Second[old];
                if (subspace is not null)
                {
                    Array.Copy(state.Subspace!, old * block, subspace, j * block, block);
                }
            }
        }
        return new Components([], first, second, 0, 0, 0, subspace);
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
        // A statement moderated out is neither representative nor consensus, and is not shown.
        return Enumerable.Range(0, statements).Where(j => !matrix.ModeratedOut[j]).Select(j => new StatementTally(
            matrix.StatementIds[j], agree[j], disagree[j], pass[j],
            maxExtremity > 0 ? extremity[j] / maxExtremity : 0,
            groupAgree.AsSpan(j * groupCount, groupCount).ToArray(),
            groupDisagree.AsSpan(j * groupCount, groupCount).ToArray(),
            groupVotes.AsSpan(j * groupCount, groupCount).ToArray())).ToArray();
    }
}
