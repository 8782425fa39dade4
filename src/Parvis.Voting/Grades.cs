namespace Parvis.Voting;

/// <summary>
/// How many voters gave each option each grade (grade 0 the lowest): what majority judgment and score voting count.
/// A ballot that leaves an option ungraded gives it the lowest grade.
/// </summary>
public sealed class Grades
{
    private readonly long[,] _counts;

    public Grades(int optionCount, int gradeCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(optionCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(gradeCount, 2);
        _counts = new long[optionCount, gradeCount];
        OptionCount = optionCount;
        GradeCount = gradeCount;
    }

    public int OptionCount { get; }

    public int GradeCount { get; }

    public long this[int option, int grade] => _counts[option, grade];

    /// <summary>Adds a ballot: its grade for every option, null where it gave none.</summary>
    public void Add(IReadOnlyList<int?> grades, long count = 1)
    {
        if (grades.Count != OptionCount)
        {
            throw new ArgumentException($"A ballot grades {OptionCount} options, not {grades.Count}.", nameof(grades));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        for (var option = 0; option < OptionCount; option++)
        {
            var grade = grades[option] ?? 0;
            if (grade < 0 || grade >= GradeCount)
            {
                throw new ArgumentException($"Grade {grade} is not between 0 and {GradeCount - 1}.", nameof(grades));
            }
            _counts[option, grade] += count;
        }
    }

    internal long[] Of(int option) => [.. Enumerable.Range(0, GradeCount).Select(grade => _counts[option, grade])];
}

/// <param name="Winners">The winners, as every count gives them (<see cref="Outcome"/>).</param>
/// <param name="DecidedByTieBreak">Whether the published tie-break decided.</param>
/// <param name="Points">Each option's points: the grades added up (grade 0 counts nothing).</param>
public sealed record ScoreOutcome(IReadOnlyList<int> Winners, bool DecidedByTieBreak, IReadOnlyList<long> Points)
    : Outcome(Winners, DecidedByTieBreak);

/// <summary>Score voting: each voter gives every option a score; the highest total wins.</summary>
public static class ScoreVoting
{
    public static ScoreOutcome Count(Grades grades, TieBreak tieBreak)
    {
        var points = Enumerable.Range(0, grades.OptionCount)
            .Select(option => Enumerable.Range(0, grades.GradeCount).Sum(grade => grade * grades[option, grade])).ToArray();
        var (winners, tied) = Outcome.Highest([.. points.Select(p => (double)p)], tieBreak);
        return new ScoreOutcome(winners, tied, points);
    }
}

/// <param name="Option">The option.</param>
/// <param name="MajorityGrade">Its majority grade: the lower middle of its grades.</param>
/// <param name="Above">Voters who gave it more than its majority grade.</param>
/// <param name="Below">Voters who gave it less.</param>
public sealed record JudgedOption(int Option, int MajorityGrade, long Above, long Below);

/// <param name="Winners">The winners, as every count gives them (<see cref="Outcome"/>).</param>
/// <param name="DecidedByTieBreak">Whether the published tie-break decided.</param>
/// <param name="Ranking">The options from first to last.</param>
public sealed record MajorityJudgmentOutcome(IReadOnlyList<int> Winners, bool DecidedByTieBreak, IReadOnlyList<JudgedOption> Ranking)
    : Outcome(Winners, DecidedByTieBreak);

/// <summary>
/// Majority judgment (Balinski and Laraki): every voter grades every option; an option's majority grade is the lower
/// middle of its grades (the grade that at least half the voters give it or better, and at least half give it or
/// worse). The highest majority grade wins; between options with the same one, the authors' majority ranking removes
/// one majority grade from each and compares again, as many times as needed; options whose grades are all the same
/// are settled by the published tie-break.
/// </summary>
public static class MajorityJudgment
{
    public static MajorityJudgmentOutcome Count(Grades grades, TieBreak tieBreak)
    {
        var ranking = Enumerable.Range(0, grades.OptionCount).ToList();
        ranking.Sort((a, b) =>
        {
            var order = Compare(grades.Of(b), grades.Of(a));
            return order != 0 ? order : tieBreak.PlaceOf(a).CompareTo(tieBreak.PlaceOf(b));
        });
        var first = ranking[0];
        var winners = ranking.TakeWhile(option => Compare(grades.Of(option), grades.Of(first)) == 0).ToList();
        var judged = ranking.Select(option =>
        {
            var counts = grades.Of(option);
            var median = Median(counts);
            return new JudgedOption(option, median, counts.Skip(median + 1).Sum(), counts.Take(median).Sum());
        }).ToList();
        return new MajorityJudgmentOutcome(winners, winners.Count > 1, judged);
    }

    /// <summary>The lower middle grade of the counts (grade 0 when there are none).</summary>
    private static int Median(long[] counts)
    {
        var total = counts.Sum();
        // The lower middle of n grades is the highest grade that more than half of the voters give or exceed.
        var fromTop = 0L;
        for (var grade = counts.Length - 1; grade > 0; grade--)
        {
            fromTop += counts[grade];
            if (fromTop * 2 > total)
            {
                return grade;
            }
        }
        return 0;
    }

    /// <summary>Compares two options' majority values: positive when the first is ranked higher.</summary>
    private static int Compare(long[] first, long[] second)
    {
        first = [.. first];
        second = [.. second];
        while (first.Sum() > 0 && second.Sum() > 0)
        {
            var a = Median(first);
            var b = Median(second);
            if (a != b)
            {
                return a.CompareTo(b);
            }
            first[a]--;
            second[b]--;
        }
        return 0;
    }
}
