namespace Parvis.OpinionMaps;

/// <summary>A partition of weighted 2-D points.</summary>
public sealed record Clustering(double[] CentreX, double[] CentreY, int[] Assignment, double[] Size, double Inertia)
{
    public int Count => CentreX.Length;
}

/// <summary>Weighted k-means (Lloyd) on points of the plane, deterministic for a given seed.</summary>
public static class KMeans
{
    private const int MaxIterations = 300;
    private const double Tolerance = 1e-4;

    /// <summary>
    /// Clusters the points into at most <paramref name="k"/> groups. Initial centres are
    /// <paramref name="start"/> when given (the previous update's, so that clusters stay put; spread points
    /// when its size no longer fits), otherwise k-means++ seeding drawn from <paramref name="seed"/>.
    /// </summary>
    public static Clustering Run(double[] x, double[] y, double[]? weight, int k, int seed, (double[] X, double[] Y)? start = null)
    {
        var n = x.Length;
        k = Math.Min(k, DistinctCount(x, y, k));
        if (k == 0)
        {
            return new Clustering([], [], new int[n], [], 0);
        }
        double[] cx, cy;
        if (start is { } s && s.X.Length == k)
        {
            cx = (double[])s.X.Clone();
            cy = (double[])s.Y.Clone();
        }
        else if (start is not null)
        {
            // A start of another size (there are more points than when it was computed): still no random number.
            (cx, cy) = Spread(x, y, k);
        }
        else
        {
            (cx, cy) = PlusPlus(x, y, weight, k, new Random(seed));
        }

        // Lloyd's iterations with Hamerly's bounds: a point whose distance to its centre stays below
        // half the gap to any other centre (or below its lower bound) is not re-examined.
        var assignment = new int[n];
        var upper = new double[n];
        var lower = new double[n];
        var shift = new double[k];
        var half = new double[k];
        Array.Fill(upper, double.MaxValue);
        Array.Fill(lower, -1);
        var tolerance = Tolerance * (Variance(x) + Variance(y));
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            HalfGaps(cx, cy, half);
            var changed = Assign(x, y, cx, cy, assignment, upper, lower, half);
            if (!changed && iteration > 0)
            {
                break;
            }
            // Like scikit-learn: stop when the centres barely move, relative to the spread of the points.
            var moved = Update(x, y, weight, assignment, cx, cy, shift, upper, lower);
            var largest = shift.Max();
            for (var i = 0; i < n; i++)
            {
                upper[i] += shift[assignment[i]];
                lower[i] -= largest;
            }
            if (moved <= tolerance)
            {
                HalfGaps(cx, cy, half);
                Assign(x, y, cx, cy, assignment, upper, lower, half);
                break;
            }
        }
        var size = new double[k];
        double inertia = 0;
        for (var i = 0; i < n; i++)
        {
            var w = weight?[i] ?? 1;
            size[assignment[i]] += w;
            inertia += w * Distance2(x[i], y[i], cx[assignment[i]], cy[assignment[i]]);
        }
        return new Clustering(cx, cy, assignment, size, inertia);
    }

    /// <summary>
    /// Initial centres that depend on no random number: the point nearest the centre of mass, then each time the point
    /// farthest from the centres chosen so far (ties to the first). At most as many as there are distinct points.
    /// </summary>
    public static (double[] X, double[] Y) Spread(double[] x, double[] y, int k)
    {
        var n = x.Length;
        if (n == 0 || k == 0)
        {
            return ([], []);
        }
        double meanX = x.Average(), meanY = y.Average();
        var nearest = new double[n];
        var first = 0;
        for (var i = 0; i < n; i++)
        {
            if (Distance2(x[i], y[i], meanX, meanY) < Distance2(x[first], y[first], meanX, meanY))
            {
                first = i;
            }
        }
        var cx = new List<double> { x[first] };
        var cy = new List<double> { y[first] };
        for (var i = 0; i < n; i++)
        {
            nearest[i] = Distance2(x[i], y[i], x[first], y[first]);
        }
        while (cx.Count < k)
        {
            var farthest = 0;
            for (var i = 1; i < n; i++)
            {
                if (nearest[i] > nearest[farthest])
                {
                    farthest = i;
                }
            }
            if (nearest[farthest] == 0)
            {
                break;
            }
            cx.Add(x[farthest]);
            cy.Add(y[farthest]);
            for (var i = 0; i < n; i++)
            {
                nearest[i] = Math.Min(nearest[i], Distance2(x[i], y[i], x[farthest], y[farthest]));
            }
        }
        return (cx.ToArray(), cy.ToArray());
    }

    /// <summary>Tries several seeds and keeps the partition of least inertia.</summary>
    public static Clustering Best(double[] x, double[] y, double[]? weight, int k, int seed, int attempts)
    {
        Clustering? best = null;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var candidate = Run(x, y, weight, k, seed + attempt);
            if (best is null || candidate.Inertia < best.Inertia - 1e-9 * Math.Max(1, best.Inertia))
            {
                best = candidate;
            }
        }
        return best!;
    }

    /// <summary>
    /// Mean silhouette of a partition of weighted points, each point standing for as many
    /// co-located participants as its weight (so base clusters stand in for their members).
    /// </summary>
    public static double Silhouette(double[] x, double[] y, double[] weight, int[] assignment, int k)
    {
        var n = x.Length;
        var clusterWeight = new double[k];
        for (var i = 0; i < n; i++)
        {
            clusterWeight[assignment[i]] += weight[i];
        }
        double total = 0, totalWeight = 0;
        var sums = new double[k];
        for (var i = 0; i < n; i++)
        {
            Array.Clear(sums);
            for (var j = 0; j < n; j++)
            {
                sums[assignment[j]] += weight[j] * Math.Sqrt(Distance2(x[i], y[i], x[j], y[j]));
            }
            var own = assignment[i];
            double s = 0;
            if (clusterWeight[own] > 1)
            {
                var a = sums[own] / (clusterWeight[own] - 1);
                var b = double.MaxValue;
                for (var c = 0; c < k; c++)
                {
                    if (c != own && clusterWeight[c] > 0)
                    {
                        b = Math.Min(b, sums[c] / clusterWeight[c]);
                    }
                }
                var max = Math.Max(a, b);
                s = max > 0 && b < double.MaxValue ? (b - a) / max : 0;
            }
            total += s * weight[i];
            totalWeight += weight[i];
        }
        return totalWeight == 0 ? 0 : total / totalWeight;
    }

    private static void HalfGaps(double[] cx, double[] cy, double[] half)
    {
        for (var c = 0; c < cx.Length; c++)
        {
            var nearest = double.MaxValue;
            for (var other = 0; other < cx.Length; other++)
            {
                if (other != c)
                {
                    nearest = Math.Min(nearest, Distance2(cx[c], cy[c], cx[other], cy[other]));
                }
            }
            half[c] = cx.Length == 1 ? double.MaxValue : Math.Sqrt(nearest) / 2;
        }
    }

    /// <summary>Assigns each point to its nearest centre, keeping the exact distance (upper) and the second nearest (lower).</summary>
    private static bool Assign(double[] x, double[] y, double[] cx, double[] cy, int[] assignment, double[] upper, double[] lower, double[] half)
    {
        var changed = 0;
        var k = cx.Length;
        Parallel.For(0, (x.Length + 8191) / 8192, block =>
        {
            var local = false;
            var end = Math.Min(x.Length, (block + 1) * 8192);
            for (var i = block * 8192; i < end; i++)
            {
                var current = assignment[i];
                var bound = Math.Max(half[current], lower[i]);
                if (upper[i] <= bound)
                {
                    continue;
                }
                upper[i] = Math.Sqrt(Distance2(x[i], y[i], cx[current], cy[current]));
                if (upper[i] <= bound)
                {
                    continue;
                }
                int best = 0;
                double first = double.MaxValue, second = double.MaxValue;
                for (var c = 0; c < k; c++)
                {
                    var d = Distance2(x[i], y[i], cx[c], cy[c]);
                    if (d < first)
                    {
                        second = first;
                        first = d;
                        best = c;
                    }
                    else if (d < second)
                    {
                        second = d;
                    }
                }
                upper[i] = Math.Sqrt(first);
                lower[i] = Math.Sqrt(second);
                if (current != best)
                {
                    assignment[i] = best;
                    local = true;
                }
            }
            if (local)
            {
                Interlocked.Exchange(ref changed, 1);
            }
        });
        return changed == 1;
    }

    /// <summary>Moves each centre to the mean of its points; returns the total squared movement and each centre's shift.</summary>
    private static double Update(double[] x, double[] y, double[]? weight, int[] assignment, double[] cx, double[] cy, double[] shift, double[] upper, double[] lower)
    {
        double moved = 0;
        var k = cx.Length;
        var sx = new double[k];
        var sy = new double[k];
        var sw = new double[k];
        for (var i = 0; i < x.Length; i++)
        {
            var w = weight?[i] ?? 1;
            sx[assignment[i]] += w * x[i];
            sy[assignment[i]] += w * y[i];
            sw[assignment[i]] += w;
        }
        for (var c = 0; c < k; c++)
        {
            if (sw[c] > 0)
            {
                var step = Distance2(cx[c], cy[c], sx[c] / sw[c], sy[c] / sw[c]);
                moved += step;
                shift[c] = Math.Sqrt(step);
                cx[c] = sx[c] / sw[c];
                cy[c] = sy[c] / sw[c];
                continue;
            }
            // An empty cluster takes the point farthest from its own centre.
            var farthest = 0;
            var farthestDistance = -1.0;
            for (var i = 0; i < x.Length; i++)
            {
                var d = Distance2(x[i], y[i], cx[assignment[i]], cy[assignment[i]]);
                if (d > farthestDistance)
                {
                    farthestDistance = d;
                    farthest = i;
                }
            }
            shift[c] = Math.Sqrt(Distance2(cx[c], cy[c], x[farthest], y[farthest]));
            cx[c] = x[farthest];
            cy[c] = y[farthest];
            assignment[farthest] = c;
            upper[farthest] = 0;
            lower[farthest] = 0;
            moved = double.MaxValue;
        }
        return moved;
    }

    private static double Variance(double[] values)
    {
        if (values.Length == 0)
        {
            return 0;
        }
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / values.Length;
    }

    private static (double[] X, double[] Y) PlusPlus(double[] x, double[] y, double[]? weight, int k, Random random)
    {
        var n = x.Length;
        var cx = new double[k];
        var cy = new double[k];
        var nearest = new double[n];
        var first = Pick(weight, n, random);
        cx[0] = x[first];
        cy[0] = y[first];
        for (var i = 0; i < n; i++)
        {
            nearest[i] = Distance2(x[i], y[i], cx[0], cy[0]);
        }
        for (var c = 1; c < k; c++)
        {
            double total = 0;
            for (var i = 0; i < n; i++)
            {
                total += nearest[i] * (weight?[i] ?? 1);
            }
            var target = random.NextDouble() * total;
            var chosen = -1;
            for (var i = 0; i < n && total > 0; i++)
            {
                target -= nearest[i] * (weight?[i] ?? 1);
                if (target <= 0 && nearest[i] > 0)
                {
                    chosen = i;
                    break;
                }
            }
            if (chosen < 0)
            {
                chosen = Array.FindLastIndex(nearest, d => d > 0);
            }
            cx[c] = x[chosen];
            cy[c] = y[chosen];
            for (var i = 0; i < n; i++)
            {
                nearest[i] = Math.Min(nearest[i], Distance2(x[i], y[i], cx[c], cy[c]));
            }
        }
        return (cx, cy);
    }

    private static int Pick(double[]? weight, int n, Random random)
    {
        if (weight is null)
        {
            return random.Next(n);
        }
        var target = random.NextDouble() * weight.Sum();
        for (var i = 0; i < n; i++)
        {
            target -= weight[i];
            if (target <= 0)
            {
                return i;
            }
        }
        return n - 1;
    }

    private static int DistinctCount(double[] x, double[] y, int atMost)
    {
        var seen = new HashSet<(double, double)>();
        for (var i = 0; i < x.Length && seen.Count < atMost; i++)
        {
            seen.Add((x[i], y[i]));
        }
        return seen.Count;
    }

    private static double Distance2(double x1, double y1, double x2, double y2) => (x1 - x2) * (x1 - x2) + (y1 - y2) * (y1 - y2);
}
