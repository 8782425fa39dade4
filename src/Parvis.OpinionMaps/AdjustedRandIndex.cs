namespace Parvis.OpinionMaps;

/// <summary>Agreement between two partitions of the same items, corrected for chance (1 = identical, about 0 = random).</summary>
public static class AdjustedRandIndex
{
    public static double Compute(IReadOnlyList<int> first, IReadOnlyList<int> second)
    {
        if (first.Count != second.Count)
        {
            throw new ArgumentException("Both partitions must label the same items.", nameof(second));
        }
        var pairs = new Dictionary<(int, int), long>();
        var rows = new Dictionary<int, long>();
        var columns = new Dictionary<int, long>();
        for (var i = 0; i < first.Count; i++)
        {
            pairs[(first[i], second[i])] = pairs.GetValueOrDefault((first[i], second[i])) + 1;
            rows[first[i]] = rows.GetValueOrDefault(first[i]) + 1;
            columns[second[i]] = columns.GetValueOrDefault(second[i]) + 1;
        }
        static double Choose2(long n) => n * (n - 1) / 2.0;
        var index = pairs.Values.Sum(Choose2);
        var rowSum = rows.Values.Sum(Choose2);
        var columnSum = columns.Values.Sum(Choose2);
        var expected = rowSum * columnSum / Choose2(first.Count);
        var maximum = (rowSum + columnSum) / 2;
        return maximum == expected ? 1 : (index - expected) / (maximum - expected);
    }
}
