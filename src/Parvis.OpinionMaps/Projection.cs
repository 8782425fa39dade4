namespace Parvis.OpinionMaps;

/// <summary>
/// The two principal components of the mean-imputed vote matrix, with the whole subspace the iteration converged on
/// (statement-major, a few vectors per statement): the next update starts from it.
/// </summary>
public sealed record Components(double[] Mean, double[] First, double[] Second, double FirstVariance, double SecondVariance, double TotalVariance,
    double[]? Subspace = null);

/// <summary>
/// What Polis's sparsity scaling counts: the statements anyone voted on, and those of them moderated
/// out, which stay as columns of zeros that every participant counts as voted.
/// </summary>
public readonly record struct Sparsity(int Statements, int ModeratedOut)
{
    public static Sparsity Of(VoteMatrix matrix)
    {
        var voted = new bool[matrix.StatementCount];
        foreach (var j in matrix.Columns)
        {
            voted[j] = true;
        }
        int statements = 0, moderatedOut = 0;
        for (var j = 0; j < voted.Length; j++)
        {
            if (voted[j])
            {
                statements++;
                moderatedOut += matrix.ModeratedOut[j] ? 1 : 0;
            }
        }
        return new Sparsity(statements, moderatedOut);
    }
}

/// <summary>
/// Places participants with given components. A participant's coordinates use only the statements they voted on,
/// scaled as Polis does by sqrt(statements / statements voted) so that people who voted little are not pulled to the
/// centre. Statements moderated out count as voted by everyone (Polis zeroes their columns) and move nobody. What each
/// vote adds to each coordinate is looked up per column and vote, computed once for every participant.
/// </summary>
public sealed class Placer
{
    private readonly VoteMatrix _matrix;
    private readonly Sparsity _sparsity;
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly int[] _counted;

    public Placer(VoteMatrix matrix, Components components, Sparsity sparsity)
    {
        _matrix = matrix;
        _sparsity = sparsity;
        _x = new double[matrix.StatementCount * 3];
        _y = new double[matrix.StatementCount * 3];
        _counted = new int[matrix.StatementCount];
        for (var j = 0; j < matrix.StatementCount; j++)
        {
            if (matrix.ModeratedOut[j])
            {
                continue;
            }
            _counted[j] = 1;
            for (var vote = -1; vote <= 1; vote++)
            {
                _x[j * 3 + vote + 1] = (vote - components.Mean[j]) * components.First[j];
                _y[j * 3 + vote + 1] = (vote - components.Mean[j]) * components.Second[j];
            }
        }
    }

    public (double X, double Y) Place(int row) => Place(row, null, _sparsity.Statements, _sparsity.ModeratedOut);

    /// <summary>
    /// The same with each statement weighted by how many times a resample drew it: <paramref name="drawn"/> statements
    /// in all, <paramref name="moderatedOutDrawn"/> of them moderated out.
    /// </summary>
    internal (double X, double Y) Place(int row, int[]? weight, int drawn, int moderatedOutDrawn)
    {
        var start = _matrix.RowStart[row];
        var end = _matrix.RowStart[row + 1];
        if (end == start)
        {
            return (0, 0);
        }
        double x = 0, y = 0;
        var voted = moderatedOutDrawn;
        var columns = _matrix.Columns;
        var values = _matrix.Values;
        for (var i = start; i < end; i++)
        {
            var j = columns[i];
            var at = j * 3 + values[i] + 1;
            var w = weight is null ? 1 : weight[j];
            x += w * _x[at];
            y += w * _y[at];
            voted += w * _counted[j];
        }
        if (voted == 0)
        {
            return (0, 0);
        }
        var scale = Math.Sqrt((double)drawn / voted);
        return (x * scale, y * scale);
    }
}

/// <summary>
/// PCA without ever building the dense matrix: once missing votes are filled with the statement's
/// mean and the matrix is centred, every imputed cell is exactly zero, so the centred matrix keeps
/// the sparsity of the votes. Its top eigenvectors come from block subspace iteration with
/// Rayleigh-Ritz, each pass costing a few multiply-adds per vote.
/// </summary>
public static class Projection
{
    private const int Block = 6;
    private const int MaxIterations = 300;
    private const double Tolerance = 1e-8;

    /// <summary>Statement means over the given rows (0 where nobody voted, and for a statement moderated out: its column is zeros).</summary>
    public static double[] Means(VoteMatrix matrix, IReadOnlyList<int> rows)
    {
        var sum = new double[matrix.StatementCount];
        var count = new int[matrix.StatementCount];
        foreach (var row in rows)
        {
            for (var i = matrix.RowStart[row]; i < matrix.RowStart[row + 1]; i++)
            {
                sum[matrix.Columns[i]] += matrix.Values[i];
                count[matrix.Columns[i]]++;
            }
        }
        for (var j = 0; j < sum.Length; j++)
        {
            sum[j] = count[j] == 0 || matrix.ModeratedOut[j] ? 0 : sum[j] / count[j];
        }
        return sum;
    }

    /// <summary>
    /// Each vote's value once centred, by column and vote (index 3j + vote + 1): a lookup instead of a
    /// subtraction in the inner loops, and zero throughout a column moderated out.
    /// </summary>
    private static double[] Centred(VoteMatrix matrix, double[] mean)
    {
        var centred = new double[mean.Length * 3];
        for (var j = 0; j < mean.Length; j++)
        {
            if (!matrix.ModeratedOut[j])
            {
                for (var vote = -1; vote <= 1; vote++)
                {
                    centred[j * 3 + vote + 1] = vote - mean[j];
                }
            }
        }
        return centred;
    }

    /// <summary>
    /// Top two components over the given rows. With <paramref name="previous"/>, each component keeps
    /// the orientation it had, so that the map does not flip from one update to the next.
    /// </summary>
    public static Components Compute(VoteMatrix matrix, int[] rows, int seed, Components? previous = null)
    {
        var statements = matrix.StatementCount;
        var mean = Means(matrix, rows);
        var block = Math.Min(Block, statements);
        if (block == 0 || rows.Length == 0)
        {
            return new Components(mean, new double[statements], new double[statements], 0, 0, 0);
        }

        var centred = Centred(matrix, mean);
        var random = new Random(seed);
        var basis = new double[statements * block];
        for (var i = 0; i < basis.Length; i++)
        {
            basis[i] = random.NextDouble() - 0.5;
        }
        // After a few new votes the components barely move: starting from the previous subspace (or at least the
        // previous components), the iteration converges in a few steps instead of dozens.
        if (previous?.Subspace is { } subspace && subspace.Length == basis.Length && subspace.Any(v => v != 0))
        {
            Array.Copy(subspace, basis, basis.Length);
        }
        else if (previous is not null && block > 1 && previous.First.Any(v => v != 0) && previous.Second.Any(v => v != 0))
        {
            for (var j = 0; j < statements; j++)
            {
                basis[j * block] = previous.First[j];
                basis[j * block + 1] = previous.Second[j];
            }
        }
        Orthonormalise(basis, statements, block);

        var ritzValues = new double[block];
        var ritz = new double[statements * block];
        var previousTop = new double[statements * 2];
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var image = MultiplyCovariance(matrix, rows, centred, basis, block);
            // Rayleigh-Ritz: the best approximations to the eigenvectors inside the current subspace.
            var small = new double[block * block];
            for (var a = 0; a < block; a++)
            {
                for (var b = a; b < block; b++)
                {
                    double dot = 0;
                    for (var j = 0; j < statements; j++)
                    {
                        dot += basis[j * block + a] * image[j * block + b];
                    }
                    small[a * block + b] = small[b * block + a] = dot;
                }
            }
            var (values, vectors) = SymmetricEigen.Decompose(small, block);
            ritzValues = values;
            Rotate(basis, vectors, statements, block, ritz);
            Rotate(image, vectors, statements, block, basis);
            Orthonormalise(basis, statements, block);

            var converged = iteration > 0 && Converged(ritz, previousTop, statements, block);
            for (var j = 0; j < statements; j++)
            {
                previousTop[j * 2] = ritz[j * block];
                previousTop[j * 2 + 1] = block > 1 ? ritz[j * block + 1] : 0;
            }
            if (converged)
            {
                break;
            }
        }

        var first = Column(ritz, statements, block, 0);
        var second = block > 1 ? Column(ritz, statements, block, 1) : new double[statements];
        Orient(first, previous?.First);
        Orient(second, previous?.Second);
        var scale = Math.Max(1, rows.Length - 1);
        return new Components(mean, first, second,
            Math.Max(0, ritzValues[0]) / scale, block > 1 ? Math.Max(0, ritzValues[1]) / scale : 0,
            TotalVariance(matrix, rows, centred) / scale, ritz);
    }

    /// <summary>
    /// Computes Xᵀ(X·basis) for the centred, mean-imputed matrix X, in parallel over a fixed split of
    /// the rows whose partial sums are added in order: the same input always gives the same bits.
    /// </summary>
    private static double[] MultiplyCovariance(VoteMatrix matrix, int[] rows, double[] centredTable, double[] basis, int block)
    {
        var statements = matrix.StatementCount;
        var rowStart = matrix.RowStart;
        var columns = matrix.Columns;
        var values = matrix.Values;
        var chunks = Math.Clamp(rows.Length / 1024, 1, 32);
        var partials = new double[chunks][];
        Parallel.For(0, chunks, c =>
        {
            var local = new double[statements * block];
            Span<double> projected = stackalloc double[block];
            var end = (int)((long)rows.Length * (c + 1) / chunks);
            for (var r = (int)((long)rows.Length * c / chunks); r < end; r++)
            {
                var row = rows[r];
                int from = rowStart[row], to = rowStart[row + 1];
                projected.Clear();
                for (var i = from; i < to; i++)
                {
                    var j = columns[i];
                    var centred = centredTable[j * 3 + values[i] + 1];
                    var at = j * block;
                    for (var k = 0; k < block; k++)
                    {
                        projected[k] += centred * basis[at + k];
                    }
                }
                for (var i = from; i < to; i++)
                {
                    var j = columns[i];
                    var centred = centredTable[j * 3 + values[i] + 1];
                    var at = j * block;
                    for (var k = 0; k < block; k++)
                    {
                        local[at + k] += centred * projected[k];
                    }
                }
            }
            partials[c] = local;
        });
        var result = partials[0];
        for (var c = 1; c < chunks; c++)
        {
            for (var i = 0; i < result.Length; i++)
            {
                result[i] += partials[c][i];
            }
        }
        return result;
    }

    private static double TotalVariance(VoteMatrix matrix, IReadOnlyList<int> rows, double[] centredTable)
    {
        double total = 0;
        foreach (var row in rows)
        {
            for (var i = matrix.RowStart[row]; i < matrix.RowStart[row + 1]; i++)
            {
                var centred = centredTable[matrix.Columns[i] * 3 + matrix.Values[i] + 1];
                total += centred * centred;
            }
        }
        return total;
    }

    private static void Rotate(double[] source, double[] rotation, int rowsCount, int block, double[] target)
    {
        for (var j = 0; j < rowsCount; j++)
        {
            for (var k = 0; k < block; k++)
            {
                double sum = 0;
                for (var m = 0; m < block; m++)
                {
                    sum += source[j * block + m] * rotation[m * block + k];
                }
                target[j * block + k] = sum;
            }
        }
    }

    /// <summary>Modified Gram-Schmidt on the columns; a column that vanishes is replaced by a unit vector.</summary>
    private static void Orthonormalise(double[] basis, int rowsCount, int block)
    {
        for (var k = 0; k < block; k++)
        {
            for (var previous = 0; previous < k; previous++)
            {
                double dot = 0;
                for (var j = 0; j < rowsCount; j++)
                {
                    dot += basis[j * block + k] * basis[j * block + previous];
                }
                for (var j = 0; j < rowsCount; j++)
                {
                    basis[j * block + k] -= dot * basis[j * block + previous];
                }
            }
            double norm = 0;
            for (var j = 0; j < rowsCount; j++)
            {
                norm += basis[j * block + k] * basis[j * block + k];
            }
            norm = Math.Sqrt(norm);
            if (norm < 1e-12)
            {
                for (var j = 0; j < rowsCount; j++)
                {
                    basis[j * block + k] = j == k % rowsCount ? 1 : 0;
                }
                continue;
            }
            for (var j = 0; j < rowsCount; j++)
            {
                basis[j * block + k] /= norm;
            }
        }
    }

    private static bool Converged(double[] ritz, double[] previousTop, int statements, int block)
    {
        for (var k = 0; k < Math.Min(2, block); k++)
        {
            double dot = 0;
            for (var j = 0; j < statements; j++)
            {
                dot += ritz[j * block + k] * previousTop[j * 2 + k];
            }
            if (1 - Math.Abs(dot) > Tolerance)
            {
                return false;
            }
        }
        return true;
    }

    private static double[] Column(double[] matrix, int rowsCount, int block, int k)
    {
        var column = new double[rowsCount];
        for (var j = 0; j < rowsCount; j++)
        {
            column[j] = matrix[j * block + k];
        }
        return column;
    }

    /// <summary>An eigenvector's sign is arbitrary: keep the previous orientation, else make the largest entry positive.</summary>
    private static void Orient(double[] vector, double[]? previous)
    {
        double reference;
        if (previous is not null && previous.Length == vector.Length)
        {
            reference = 0;
            for (var j = 0; j < vector.Length; j++)
            {
                reference += vector[j] * previous[j];
            }
        }
        else
        {
            reference = vector.Length == 0 ? 0 : vector.MaxBy(Math.Abs);
        }
        if (reference < 0)
        {
            for (var j = 0; j < vector.Length; j++)
            {
                vector[j] = -vector[j];
            }
        }
    }
}

/// <summary>Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations.</summary>
internal static class SymmetricEigen
{
    /// <summary>Eigenvalues in decreasing order and the matching eigenvectors as columns (row-major n x n).</summary>
    public static (double[] Values, double[] Vectors) Decompose(double[] symmetric, int n)
    {
        var a = (double[])symmetric.Clone();
        var v = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            v[i * n + i] = 1;
        }
        for (var sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    off += a[p * n + q] * a[p * n + q];
                }
            }
            if (off < 1e-30)
            {
                break;
            }
            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    var apq = a[p * n + q];
                    if (Math.Abs(apq) < 1e-300)
                    {
                        continue;
                    }
                    var theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
                    var t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    var c = 1 / Math.Sqrt(t * t + 1);
                    var s = t * c;
                    for (var k = 0; k < n; k++)
                    {
                        var akp = a[k * n + p];
                        var akq = a[k * n + q];
                        a[k * n + p] = c * akp - s * akq;
                        a[k * n + q] = s * akp + c * akq;
                    }
                    for (var k = 0; k < n; k++)
                    {
                        var apk = a[p * n + k];
                        var aqk = a[q * n + k];
                        a[p * n + k] = c * apk - s * aqk;
                        a[q * n + k] = s * apk + c * aqk;
                    }
                    for (var k = 0; k < n; k++)
                    {
                        var vkp = v[k * n + p];
                        var vkq = v[k * n + q];
                        v[k * n + p] = c * vkp - s * vkq;
                        v[k * n + q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        var order = Enumerable.Range(0, n).OrderByDescending(i => a[i * n + i]).ToArray();
        var values = order.Select(i => a[i * n + i]).ToArray();
        var vectors = new double[n * n];
        for (var k = 0; k < n; k++)
        {
            for (var row = 0; row < n; row++)
            {
                vectors[row * n + k] = v[row * n + order[k]];
            }
        }
        return (values, vectors);
    }
}
