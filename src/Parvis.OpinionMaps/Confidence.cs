namespace Parvis.OpinionMaps;

/// <summary>
/// How firmly each placed participant belongs to their group. The statements are drawn again at random, with
/// replacement, as many as there are (a bootstrap resample); each participant is placed again from their votes on
/// the drawn statements and given to the nearest group centre. Their confidence is the share of resamples that keep
/// them in their group: someone whose votes all point one way keeps it whatever the draw, someone between two groups
/// does not.
/// </summary>
public static class Confidence
{
    public static double[] Compute(VoteMatrix matrix, int[] rows, int[] groupOfRow, double[] centreX, double[] centreY,
        Placer placer, int resamples, int seed)
    {
        var voted = new bool[matrix.StatementCount];
        foreach (var j in matrix.Columns)
        {
            voted[j] = true;
        }
        var statements = Enumerable.Range(0, matrix.StatementCount).Where(j => voted[j]).ToArray();
        var random = new Random(seed);
        var draws = new int[resamples][];
        for (var b = 0; b < resamples; b++)
        {
            draws[b] = new int[matrix.StatementCount];
            for (var n = 0; n < statements.Length; n++)
            {
                draws[b][statements[random.Next(statements.Length)]]++;
            }
        }
        return Compute(matrix, rows, groupOfRow, centreX, centreY, placer, draws);
    }

    /// <summary>The same from given draws: how many times each statement (column) was drawn, per resample.</summary>
    internal static double[] Compute(VoteMatrix matrix, int[] rows, int[] groupOfRow, double[] centreX, double[] centreY,
        Placer placer, IReadOnlyList<int[]> draws)
    {
        var confidence = new double[rows.Length];
        if (draws.Count == 0 || centreX.Length == 0)
        {
            Array.Fill(confidence, 1);
            return confidence;
        }
        var drawn = draws.Select(w => w.Sum()).ToArray();
        var moderatedOutDrawn = draws.Select(w => Enumerable.Range(0, w.Length).Where(j => matrix.ModeratedOut[j]).Sum(j => w[j])).ToArray();
        Parallel.For(0, rows.Length, i =>
        {
            if (groupOfRow[i] < 0)
            {
                return;
            }
            var kept = 0;
            for (var b = 0; b < draws.Count; b++)
            {
                var (x, y) = placer.Place(rows[i], draws[b], drawn[b], moderatedOutDrawn[b]);
                var nearest = 0;
                for (var g = 1; g < centreX.Length; g++)
                {
                    if (Distance2(x, y, centreX[g], centreY[g]) < Distance2(x, y, centreX[nearest], centreY[nearest]))
                    {
                        nearest = g;
                    }
                }
                kept += nearest == groupOfRow[i] ? 1 : 0;
            }
            confidence[i] = (double)kept / draws.Count;
        });
        return confidence;
    }

    private static double Distance2(double x1, double y1, double x2, double y2) => (x1 - x2) * (x1 - x2) + (y1 - y2) * (y1 - y2);
}
