using System.Text.Json;
using Parvis.OpinionMaps;

namespace Parvis.Tests.Unit.OpinionMaps;

[Trait("Suite", "unit")]
public sealed class OpinionMapEngineTests
{
    [Fact]
    public void The_latest_vote_counts_and_moderated_statements_keep_their_column_and_votes()
    {
        var matrix = new VoteMatrixBuilder().ModerateOut(99)
            .Add(1, 10, 1).Add(1, 11, -1).Add(1, 10, -1).Add(2, 11, 0).Add(2, 99, 1)
            .Build();

        Assert.Equal([1L, 2L], matrix.ParticipantIds);
        Assert.Equal([99L, 10L, 11L], matrix.StatementIds);
        Assert.Equal([true, false, false], matrix.ModeratedOut);
        Assert.Equal([(1, -1), (2, -1)], matrix.Row(0));
        Assert.Equal([(0, 1), (2, 0)], matrix.Row(1));
        Assert.Equal(4, matrix.VoteCount);
        Assert.Equal(2, matrix.VotesOf(1));
    }

    [Fact]
    public void Polis_placement_counts_every_vote_keeps_who_was_placed_and_tops_up_to_fifteen()
    {
        // Ten statements, the last moderated out. Sixteen people vote on seven of them; three more come short.
        var builder = new VoteMatrixBuilder().ModerateOut(9);
        for (var p = 0; p < 16; p++)
        {
            for (var s = 0; s < 7; s++)
            {
                builder.Add(p, s, p % 2 == 0 ? 1 : -1);
            }
        }
        // 100: six votes and one on the moderated-out statement; 101: seven votes, three of them passes.
        builder.Add(100, 0, 1).Add(100, 1, 1).Add(100, 2, 1).Add(100, 3, 1).Add(100, 4, 1).Add(100, 5, 1).Add(100, 9, -1);
        builder.Add(101, 0, 0).Add(101, 1, 0).Add(101, 2, 0).Add(101, 3, 1).Add(101, 4, 1).Add(101, 5, -1).Add(101, 6, 1);
        // 102 and 103: six votes; 103 was placed before.
        foreach (var p in new[] { 102, 103 })
        {
            for (var s = 0; s < 6; s++)
            {
                builder.Add(p, s, 1);
            }
        }
        var matrix = builder.Build();

        var placed = OpinionMapEngine.Compute(matrix, placedBefore: new HashSet<long> { 103 }).Placed.Select(p => p.Id).ToHashSet();

        Assert.Equal(Enumerable.Range(0, 16).Select(p => (long)p).Concat([100L, 101L, 103L]).ToHashSet(), placed);
        Assert.Equal(7, OpinionMapEngine.Compute(matrix).MinimumVotesApplied);

        // With only four people qualifying, the most active voters are placed until there are fifteen.
        var few = new VoteMatrixBuilder();
        for (var p = 0; p < 30; p++)
        {
            var votes = p < 4 ? 7 : p < 10 ? 5 : p < 16 ? 3 : 1;
            for (var s = 0; s < votes; s++)
            {
                few.Add(p, s, (p + s) % 3 - 1);
            }
        }
        var topped = OpinionMapEngine.Compute(few.Build()).Placed.Select(p => p.Id).Order().ToArray();
        Assert.Equal(15, topped.Length);
        Assert.Equal(Enumerable.Range(0, 10).Select(p => (long)p), topped.Take(10));
        Assert.All(topped.Skip(10), p => Assert.InRange(p, 10, 15));
    }

    [Fact]
    public void Replaying_the_vote_log_places_whoever_qualified_at_the_time()
    {
        var builder = new VoteMatrixBuilder();
        // Fifteen people vote once on statement 0: the first fifteen are always placed.
        for (var p = 0; p < 15; p++)
        {
            builder.Add(p, 0, 1);
        }
        // 20 votes on 0 and 1 while only two statements exist: min(7, 2) reached, kept although two votes are few later.
        builder.Add(20, 0, 1).Add(20, 1, -1);
        // Then 15 votes on statements 2 to 9 (eight votes: placed); 21 votes twice, 22 seven times (one pass, one re-vote that does not count twice).
        for (var s = 2; s < 10; s++)
        {
            builder.Add(15, s, 1);
        }
        builder.Add(21, 0, 1).Add(21, 1, 1);
        builder.Add(22, 0, 1).Add(22, 0, -1).Add(22, 1, 0).Add(22, 2, 1).Add(22, 3, 1).Add(22, 4, 1).Add(22, 5, 1);
        Assert.DoesNotContain(22L, builder.ReplayPlacement(7, 15));
        builder.Add(22, 6, 1);

        var placed = builder.ReplayPlacement(7, 15);

        Assert.Equal(Enumerable.Range(0, 16).Select(p => (long)p).Concat([20L, 22L]).ToHashSet(), placed);
    }

    [Fact]
    public void A_statement_moderated_out_is_a_column_of_zeros_that_counts_as_voted_in_the_scaling()
    {
        // Statements 0 and 1 shown, 2 moderated out. The votes on 2 move nobody: they differ between the two matrices.
        VoteMatrix Votes(int onModerated) => new VoteMatrixBuilder().AddStatement(0).AddStatement(1).ModerateOut(2)
            .Add(1, 0, 1).Add(1, 1, 1).Add(1, 2, onModerated)
            .Add(2, 0, -1).Add(2, 1, -1)
            .Add(3, 0, 1).Add(3, 2, -onModerated)
            .Add(4, 0, -1).Add(4, 1, -1)
            .Build();
        var matrix = Votes(1);
        var components = Projection.Compute(matrix, [0, 1, 2, 3], seed: 1);

        // Statement 0's mean is 0 ((1 - 1 + 1 - 1) / 4), statement 1's -1/3; the zeroed column has mean 0 and no weight.
        Assert.Equal([0.0, -1.0 / 3, 0.0], components.Mean);
        Assert.Equal(0, components.First[2]);
        Assert.Equal(0, components.Second[2]);
        // Participant 3 voted on statement 0 only, and counts the zeroed column as voted: 3 statements, 2 voted.
        var sparsity = Sparsity.Of(matrix);
        Assert.Equal(new Sparsity(3, 1), sparsity);
        var placer = new Placer(matrix, components, sparsity);
        var (x3, y3) = placer.Place(2);
        Assert.Equal((1 - 0.0) * components.First[0] * Math.Sqrt(3.0 / 2), x3, 10);
        Assert.Equal((1 - 0.0) * components.Second[0] * Math.Sqrt(3.0 / 2), y3, 10);
        // Participant 2 voted on both shown statements: 3 statements, 3 counted, no scaling.
        var (x2, _) = placer.Place(1);
        Assert.Equal(-components.First[0] + (-1 + 1.0 / 3) * components.First[1], x2, 10);

        var other = Votes(-1);
        var otherComponents = Projection.Compute(other, [0, 1, 2, 3], seed: 1);
        Assert.Equal(x3, new Placer(other, otherComponents, Sparsity.Of(other)).Place(2).X, 10);
    }

    [Fact]
    public void Two_close_groups_come_out_the_same_whatever_the_seed()
    {
        // Two camps that share most views: each statement leans their way by only 10 points, half the votes missing.
        // Here a random start of the components or of the groups gave, from one seed to another, groups as far apart
        // as an adjusted Rand index of 0.4.
        var random = new Random(17);
        var builder = new VoteMatrixBuilder();
        for (var p = 0; p < 600; p++)
        {
            for (var s = 0; s < 20; s++)
            {
                if (random.NextDouble() < 0.5)
                {
                    continue;
                }
                var lean = (p % 2 == 0) == (s % 2 == 0) ? 0.6 : 0.4;
                builder.Add(p, s, random.NextDouble() < 0.1 ? 0 : random.NextDouble() < lean ? 1 : -1);
            }
        }
        var matrix = builder.Build();

        var runs = new[] { 20141, 7, 1, 2, 3 }.Select(seed => OpinionMapEngine.Compute(matrix, OpinionMapParameters.Default with { Seed = seed })
            .Placed.OrderBy(p => p.Id).Select(p => p.Group).ToArray()).ToArray();

        Assert.True(runs[0].Distinct().Count() >= 2);
        Assert.All(runs.Skip(1), run => Assert.True(AdjustedRandIndex.Compute(runs[0], run) >= 0.95));
    }

    [Fact]
    public void A_result_stored_before_confidence_was_computed_reads_as_firm_and_counts_shown_statements_only()
    {
        Assert.Equal(1, JsonSerializer.Deserialize<PlacedParticipant>("""{"Id":7,"X":0.5,"Y":-1,"Group":0}""")!.Confidence);
        var matrix = new VoteMatrixBuilder().AddStatement(0).AddStatement(1).ModerateOut(2).Add(1, 0, 1).Add(1, 2, 1).Add(2, 1, -1).Build();
        Assert.Equal(2, OpinionMapEngine.Compute(matrix).StatementCount);
    }

    [Fact]
    public void Confidence_is_the_share_of_statement_draws_that_keep_someone_in_their_group()
    {
        // Statement 0 is the first axis, statement 1 the second; group 0 sits at (1, 0), group 1 at (0, -1.5).
        var matrix = new VoteMatrixBuilder().Add(1, 0, 1).Add(1, 1, -1).Add(2, 0, 1).Build();
        var components = new Components([0, 0], [1, 0], [0, 1], 1, 1, 2);
        // Three draws: statement 0 twice, statement 1 twice, each once.
        int[][] draws = [[2, 0], [0, 2], [1, 1]];

        var confidence = Confidence.Compute(matrix, [0, 1], [0, 0], [1, 0], [0, -1.5], new Placer(matrix, components, Sparsity.Of(matrix)), draws);

        // Participant 1 lands at (2, 0), (0, -2) and (1, -1): nearest group 0, 1 and 0.
        Assert.Equal(2.0 / 3, confidence[0], 12);
        // Participant 2 lands at (2, 0), at the centre (nothing drawn that they voted on) and (√2, 0): always group 0.
        Assert.Equal(1, confidence[1], 12);
    }

    [Fact]
    public void Jacobi_finds_the_eigenvalues_of_a_small_symmetric_matrix()
    {
        var (values, vectors) = SymmetricEigen.Decompose([2, 1, 1, 2], 2);

        Assert.Equal(3, values[0], 10);
        Assert.Equal(1, values[1], 10);
        Assert.Equal(Math.Abs(vectors[0]), Math.Abs(vectors[2]), 10);
        Assert.Equal(Math.Sqrt(0.5), Math.Abs(vectors[0]), 10);
    }

    [Fact]
    public void Two_opposed_camps_lie_on_the_first_component_and_sparse_voters_are_scaled_out()
    {
        var matrix = new VoteMatrixBuilder()
            .Add(1, 0, 1).Add(1, 1, 1)
            .Add(2, 0, 1).Add(2, 1, 1)
            .Add(3, 0, -1).Add(3, 1, -1)
            .Add(4, 0, -1).Add(4, 1, -1)
            .Add(5, 0, 1)
            .Build();
        int[] everyone = [0, 1, 2, 3, 4];

        var components = Projection.Compute(matrix, everyone, seed: 1);

        // Statement means over those who voted: (1+1-1-1+1)/5 and (1+1-1-1)/4.
        Assert.Equal([0.2, 0.0], components.Mean);
        var placer = new Placer(matrix, components, Sparsity.Of(matrix));
        var (x1, _) = placer.Place(0);
        var (x3, _) = placer.Place(2);
        var (x5, _) = placer.Place(4);
        Assert.True(x1 > 0 && x3 < 0);
        // Participant 5 voted once out of two statements: scaled by sqrt(2 / 1).
        Assert.Equal((1 - 0.2) * components.First[0] * Math.Sqrt(2), x5, 10);
    }

    [Fact]
    public void The_sparse_subspace_iteration_agrees_with_a_dense_eigen_decomposition()
    {
        var matrix = RandomVotes(seed: 3);
        var rows = Enumerable.Range(0, matrix.ParticipantCount).ToArray();

        AssertDenseComponents(matrix, rows, Projection.Compute(matrix, rows, seed: 5));
    }

    [Fact]
    public void Starting_from_the_previous_components_gives_the_same_components()
    {
        var before = RandomVotes(seed: 3);
        var after = RandomVotes(seed: 4);
        var rows = Enumerable.Range(0, after.ParticipantCount).ToArray();
        var previous = Projection.Compute(before, Enumerable.Range(0, before.ParticipantCount).ToArray(), seed: 5);

        var warm = Projection.Compute(after, rows, seed: 5, previous);

        AssertDenseComponents(after, rows, warm);
        // And the previous orientation is kept.
        Assert.True(Enumerable.Range(0, warm.First.Length).Sum(j => warm.First[j] * previous.First[j]) > 0);
    }

    [Fact]
    public void A_builder_from_a_matrix_keeps_its_votes_and_later_votes_replace_them()
    {
        var matrix = new VoteMatrixBuilder().AddStatement(10).AddStatement(11).Add(1, 10, 1).Add(2, 11, -1).Build();

        var updated = VoteMatrixBuilder.From(matrix).Add(2, 11, 1).Add(3, 10, 0).Add(1, 11, -1).Build();

        Assert.Equal([1L, 2L, 3L], updated.ParticipantIds);
        Assert.Equal([10L, 11L], updated.StatementIds);
        Assert.Equal([(0, 1), (1, -1)], updated.Row(0));
        Assert.Equal([(1, 1)], updated.Row(1));
        Assert.Equal([(0, 0)], updated.Row(2));
        Assert.Equal(4, updated.VoteCount);
    }

    private static VoteMatrix RandomVotes(int seed)
    {
        var random = new Random(seed);
        var builder = new VoteMatrixBuilder();
        for (var p = 0; p < 60; p++)
        {
            for (var s = 0; s < 8; s++)
            {
                if (random.NextDouble() < 0.7)
                {
                    builder.Add(p, s, random.Next(-1, 2) * (p % 2 == 0 && s < 4 ? 1 : -1));
                }
            }
        }
        return builder.Build();
    }

    /// <summary>The components match the top eigenvectors of the mean-imputed covariance, built densely.</summary>
    private static void AssertDenseComponents(VoteMatrix matrix, int[] rows, Components components)
    {
        var statements = matrix.StatementCount;
        var covariance = new double[statements * statements];
        foreach (var row in rows)
        {
            var centred = new double[statements];
            foreach (var (statement, vote) in matrix.Row(row))
            {
                centred[statement] = vote - components.Mean[statement];
            }
            for (var a = 0; a < statements; a++)
            {
                for (var b = 0; b < statements; b++)
                {
                    covariance[a * statements + b] += centred[a] * centred[b] / (rows.Length - 1);
                }
            }
        }
        var (values, vectors) = SymmetricEigen.Decompose(covariance, statements);
        var dotFirst = Enumerable.Range(0, statements).Sum(j => vectors[j * statements] * components.First[j]);
        var dotSecond = Enumerable.Range(0, statements).Sum(j => vectors[j * statements + 1] * components.Second[j]);
        Assert.Equal(1, Math.Abs(dotFirst), 6);
        Assert.Equal(1, Math.Abs(dotSecond), 6);
        Assert.Equal(values[0], components.FirstVariance, 6);
    }

    [Fact]
    public void Weighted_kmeans_puts_each_centre_at_the_weighted_mean()
    {
        double[] x = [0, 1, 10, 11];
        double[] y = [0, 0, 0, 0];

        var clustering = KMeans.Run(x, y, [3, 1, 1, 1], 2, seed: 1);

        Assert.Equal(clustering.Assignment[0], clustering.Assignment[1]);
        Assert.NotEqual(clustering.Assignment[0], clustering.Assignment[2]);
        var left = clustering.Assignment[0];
        Assert.Equal(0.25, clustering.CentreX[left], 10);
        Assert.Equal(10.5, clustering.CentreX[1 - left], 10);
        Assert.Equal(4, clustering.Size[left]);
    }

    [Fact]
    public void The_silhouette_matches_the_hand_computed_value()
    {
        // Point 0: a = 1, b = (10 + 11) / 2; point 1: a = 1, b = (9 + 10) / 2; the other two mirror them.
        var expected = ((10.5 - 1) / 10.5 + (9.5 - 1) / 9.5) / 2;

        var silhouette = KMeans.Silhouette([0, 1, 10, 11], [0, 0, 0, 0], [1, 1, 1, 1], [0, 0, 1, 1], 2);

        Assert.Equal(expected, silhouette, 10);
    }

    [Fact]
    public void Smoothed_rates_and_z_tests_follow_their_formulas()
    {
        Assert.Equal(4.0 / 6, Representativeness.Rate(3, 4), 12);
        Assert.Equal(2 * Math.Sqrt(12) * (10.0 / 12 - 0.5), Representativeness.ZMajority(9, 10), 12);
        Assert.Equal(0, Representativeness.ZMajority(0, 0), 12);
        // Group 9 agrees out of 10, the others 2 out of 10: pooled (9 + 2 + 2) / (10 + 10 + 4).
        var pooled = 13.0 / 24;
        var expected = (10.0 / 12 - 3.0 / 12) / Math.Sqrt(pooled * (1 - pooled) * (2.0 / 12));
        Assert.Equal(expected, Representativeness.ZDifference(9, 10, 2, 10), 12);
    }

    [Fact]
    public void Representative_statements_set_a_group_apart_and_consensus_brings_groups_together()
    {
        StatementTally[] tallies =
        [
            // Group 0 agrees, group 1 disagrees: representative of both, in opposite stances.
            new(1, 12, 10, 0, 1, [11, 1], [0, 10], [11, 11]),
            // Everyone agrees: consensus, representative of nobody.
            new(2, 20, 1, 1, 0, [10, 10], [1, 0], [11, 11]),
            // Too few votes to say anything.
            new(3, 1, 1, 0, 0, [1, 0], [0, 1], [1, 1]),
        ];
        var parameters = OpinionMapParameters.Default;

        var first = Representativeness.ForGroup(tallies, 0, parameters);
        var second = Representativeness.ForGroup(tallies, 1, parameters);
        var consensus = Representativeness.Consensus(tallies, 2, parameters);

        Assert.Equal((1L, Stance.Agree), (Assert.Single(first).StatementId, first[0].Stance));
        Assert.Equal((1L, Stance.Disagree), (Assert.Single(second).StatementId, second[0].Stance));
        var agreed = Assert.Single(consensus, c => c.Stance == Stance.Agree);
        Assert.Equal(2, agreed.StatementId);
        Assert.Equal(11.0 / 13 * (11.0 / 13), agreed.Score, 12);
    }

    [Fact]
    public void The_next_statement_is_never_one_already_voted_and_favours_fresh_statements()
    {
        StatementTally[] tallies =
        [
            new(1, 40, 40, 20, 0.1, [], [], []),
            new(2, 0, 0, 0, 0.1, [], [], []),
            new(3, 5, 5, 0, 0.1, [], [], []),
        ];

        Assert.True(NextStatement.Priority(tallies[1]) > NextStatement.Priority(tallies[0]));
        Assert.Null(NextStatement.Choose(tallies, new HashSet<long> { 1, 2, 3 }, 1));
        for (var seed = 0; seed < 50; seed++)
        {
            Assert.NotEqual(2, NextStatement.Choose(tallies, new HashSet<long> { 2 }, seed));
            Assert.Equal(NextStatement.Choose(tallies, new HashSet<long>(), seed), NextStatement.Choose(tallies, new HashSet<long>(), seed));
        }
        var fresh = Enumerable.Range(0, 200).Count(seed => NextStatement.Choose(tallies, new HashSet<long>(), seed) == 2);
        Assert.True(fresh > 100, $"the unvoted statement came first {fresh} times out of 200");
    }

    [Fact]
    public void The_adjusted_rand_index_ignores_label_names_and_matches_the_reference_value()
    {
        Assert.Equal(1, AdjustedRandIndex.Compute([0, 0, 1, 1], [1, 1, 0, 0]), 12);
        // scikit-learn's documented example: adjusted_rand_score([0, 0, 1, 1], [0, 0, 1, 2]) = 0.57.
        Assert.Equal(0.5714285714, AdjustedRandIndex.Compute([0, 0, 1, 1], [0, 0, 1, 2]), 8);
    }

    [Fact]
    public void Two_camps_become_two_groups_with_their_statements_and_their_common_ground()
    {
        var result = OpinionMapEngine.Compute(TwoCamps(40).Build());

        Assert.Equal(2, result.Groups.Count);
        var campOf = result.Placed.Select(p => p.Id % 2 == 0 ? 0 : 1).ToArray();
        Assert.Equal(1, AdjustedRandIndex.Compute(campOf, result.Placed.Select(p => p.Group).ToArray()), 12);
        var evenGroup = result.Placed.First(p => p.Id % 2 == 0).Group;
        Assert.Contains(result.Groups[evenGroup].Representative, r => r.StatementId < 4 && r.Stance == Stance.Agree);
        Assert.Contains(result.Groups[1 - evenGroup].Representative, r => r.StatementId < 4 && r.Stance == Stance.Disagree);
        Assert.Equal(8, result.Consensus.First(c => c.Stance == Stance.Agree).StatementId);
    }

    [Fact]
    public void The_same_votes_give_the_same_map_twice()
    {
        var matrix = TwoCamps(300).Build();

        var first = JsonSerializer.Serialize(OpinionMapEngine.Compute(matrix));
        var second = JsonSerializer.Serialize(OpinionMapEngine.Compute(matrix));

        Assert.Equal(first, second);
    }

    [Fact]
    public void After_a_few_votes_nobody_whose_votes_stayed_the_same_changes_group()
    {
        var before = OpinionMapEngine.Compute(TwoCamps(200).Build());
        // A newcomer joins the odd camp, participant 3 changes a vote, participant 6 votes on a statement it had skipped.
        var after = OpinionMapEngine.Compute(TwoCamps(200).Add(1000, 0, -1).Add(1000, 1, -1).Add(1000, 4, 1)
            .Add(1000, 5, 1).Add(1000, 6, 1).Add(1000, 7, 1).Add(1000, 8, 1).Add(3, 2, 1).Add(6, 7, -1).Build(), previous: before);

        Assert.Equal(before.Groups.Count, after.Groups.Count);
        var groupBefore = before.Placed.ToDictionary(p => p.Id, p => p.Group);
        var moved = after.Placed.Where(p => p.Id is not (1000 or 3 or 6) && groupBefore[p.Id] != p.Group).Select(p => p.Id).ToList();
        Assert.Empty(moved);
        Assert.Equal(groupBefore[1], after.Placed.Single(p => p.Id == 1000).Group);
        // The centres started from the last ones and barely moved.
        Assert.All(after.Groups, g => Assert.InRange(Math.Abs(g.CentreX - before.Groups[g.Label].CentreX), 0, 0.2));
    }

    [Fact]
    public void The_group_count_changes_only_after_winning_several_updates_in_a_row()
    {
        var matrix = TwoCamps(200).Build();
        var first = OpinionMapEngine.Compute(matrix);
        Assert.Equal(2, first.Groups.Count);
        var pretendThree = first with { State = first.State with { GroupCount = 3 } };

        var second = OpinionMapEngine.Compute(matrix, previous: pretendThree);
        var third = OpinionMapEngine.Compute(matrix, previous: second);
        var fourth = OpinionMapEngine.Compute(matrix, previous: third);

        Assert.Equal(3, second.Groups.Count);
        Assert.Equal(3, third.Groups.Count);
        Assert.Equal(2, fourth.Groups.Count);
    }

    [Fact]
    public void On_a_near_tie_of_silhouettes_the_fewest_groups_are_kept()
    {
        var matrix = ThreeCamps(150);
        var sharp = OpinionMapEngine.Compute(matrix, OpinionMapParameters.Default with { SilhouetteMargin = 0 });
        Assert.Equal(3, sharp.Groups.Count);
        var lead = sharp.Silhouettes[3] - sharp.Silhouettes[2];
        Assert.True(lead > 0, $"three groups lead two by {lead}");

        // Three is kept when it leads by more than the margin, two when it leads by less.
        Assert.Equal(3, OpinionMapEngine.Compute(matrix, OpinionMapParameters.Default with { SilhouetteMargin = lead * 0.9 }).Groups.Count);
        Assert.Equal(2, OpinionMapEngine.Compute(matrix, OpinionMapParameters.Default with { SilhouetteMargin = lead * 1.1 }).Groups.Count);
    }

    /// <summary>Three camps, each agreeing with its own three statements and disagreeing with the others' (10% noise).</summary>
    private static VoteMatrix ThreeCamps(int participants)
    {
        var random = new Random(5);
        var builder = new VoteMatrixBuilder();
        for (var p = 0; p < participants; p++)
        {
            for (var s = 0; s < 9; s++)
            {
                var side = s / 3 == p % 3 ? 1 : -1;
                builder.Add(p, s, random.NextDouble() < 0.1 ? -side : side);
            }
        }
        return builder.Build();
    }

    /// <summary>Even participants agree with statements 0-3 and disagree with 4-7, odd ones the reverse; all agree with 8. Some noise.</summary>
    private static VoteMatrixBuilder TwoCamps(int participants)
    {
        var random = new Random(11);
        var builder = new VoteMatrixBuilder();
        for (var p = 0; p < participants; p++)
        {
            for (var s = 0; s < 9; s++)
            {
                if (s < 8 && random.NextDouble() < 0.2)
                {
                    continue;
                }
                var side = (p % 2 == 0) == (s < 4) ? 1 : -1;
                var vote = s == 8 ? 1 : random.NextDouble() < 0.1 ? -side : side;
                builder.Add(p, s, vote);
            }
        }
        return builder;
    }
}
