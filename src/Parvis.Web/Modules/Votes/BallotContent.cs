using System.Globalization;
using Parvis.Voting;

namespace Parvis.Web.Modules.Votes;

/// <summary>
/// A ballot as the ballot box keeps it: one value per option, in position order, comma-separated, empty where the
/// ballot says nothing. Single choice and approval: 1 for a chosen option. Ranked methods: the option's place, from 1.
/// Majority judgment and score: the grade, from 0 (the lowest). Consent: 1 consents, 0 objects. A ballot that says
/// nothing at all is a blank vote.
/// </summary>
public static class BallotContent
{
    /// <summary>Majority judgment's grades, from "À rejeter" (0) to "Excellent" (6).</summary>
    public const int JudgmentGrades = 7;

    /// <summary>Score voting's scores, from 0 to 5.</summary>
    public const int Scores = 6;

    public static int GradeCount(VoteMethod method) => method == VoteMethod.MajorityJudgment ? JudgmentGrades : Scores;

    public static string Encode(IReadOnlyList<int?> values) =>
        string.Join(',', values.Select(v => v?.ToString(CultureInfo.InvariantCulture) ?? ""));

    public static int?[] Decode(string content) =>
        [.. content.Split(',').Select(v => v.Length == 0 ? (int?)null : int.Parse(v, CultureInfo.InvariantCulture))];

    /// <summary>
    /// What is wrong with a ballot for a vote, as a text key per option position (-1 for the ballot as a whole); empty
    /// when it can go in the ballot box.
    /// </summary>
    public static IReadOnlyList<(int Position, string Key)> Problems(Vote vote, IReadOnlyList<VoteOption> options, IReadOnlyList<int?> values)
    {
        var problems = new List<(int, string)>();
        if (values.All(v => v is null))
        {
            // A blank vote is a vote: it counts in the turnout and says so.
            return problems;
        }
        var count = values.Count;
        switch (vote.Method)
        {
            case VoteMethod.SingleChoice:
                if (values.Count(v => v is not null) > 1 || values.Any(v => v is not (null or 1)))
                {
                    problems.Add((-1, "Votes.Problem.OneChoice"));
                }
                break;
            case VoteMethod.Approval:
                if (values.Any(v => v is not (null or 1)))
                {
                    problems.Add((-1, "Votes.Problem.Unknown"));
                }
                break;
            case VoteMethod.Budget:
                if (values.Any(v => v is not (null or 1)))
                {
                    problems.Add((-1, "Votes.Problem.Unknown"));
                    break;
                }
                var chosen = Enumerable.Range(0, count).Where(p => values[p] == 1).ToList();
                var total = Basket(options, values);
                if (total > vote.Budget)
                {
                    problems.Add((-1, "Votes.Problem.OverBudget"));
                }
                if (total * 100 < vote.Budget * vote.MinSharePercent)
                {
                    problems.Add((-1, "Votes.Problem.UnderShare"));
                }
                if (chosen.Count < vote.MinProjects)
                {
                    problems.Add((-1, "Votes.Problem.TooFewProjects"));
                }
                if (chosen.Count > vote.MaxProjects)
                {
                    problems.Add((-1, "Votes.Problem.TooManyProjects"));
                }
                break;
            case VoteMethod.Consent:
                if (values.Any(v => v is not (null or 0 or 1)))
                {
                    problems.Add((-1, "Votes.Problem.Unknown"));
                }
                break;
            case VoteMethod.MajorityJudgment or VoteMethod.Score:
                for (var position = 0; position < count; position++)
                {
                    if (values[position] is null)
                    {
                        problems.Add((position, "Votes.Problem.Ungraded"));
                    }
                    else if (values[position] < 0 || values[position] >= GradeCount(vote.Method))
                    {
                        problems.Add((position, "Votes.Problem.Unknown"));
                    }
                }
                break;
            default:
                for (var position = 0; position < count; position++)
                {
                    if (values[position] is { } place && (place < 1 || place > count))
                    {
                        problems.Add((position, "Votes.Problem.Unknown"));
                    }
                    else if (values[position] is { } same && values.Take(position).Contains(same))
                    {
                        problems.Add((position, "Votes.Problem.SamePlace"));
                    }
                }
                break;
        }
        return problems;
    }

    /// <summary>What a basket costs: the chosen projects' costs added up.</summary>
    public static long Basket(IReadOnlyList<VoteOption> options, IReadOnlyList<int?> values) =>
        options.Where(o => o.Position < values.Count && values[o.Position] == 1).Sum(o => o.Cost ?? 0);

    /// <summary>The ballot box's contents as the counting library reads them, identical ballots together.</summary>
    public static RankedBallots Ranked(Vote vote, int options, IEnumerable<(string Content, long Count)> ballots)
    {
        var ranked = new RankedBallots(options);
        var ranks = new ushort[options];
        foreach (var (content, count) in ballots)
        {
            var values = Decode(content);
            for (var position = 0; position < options; position++)
            {
                ranks[position] = values[position] switch
                {
                    null => RankedBallots.Unranked,
                    // Single choice and approval: every chosen option first, together.
                    var place when !vote.Ranked => 0,
                    var place => (ushort)(place.Value - 1),
                };
            }
            ranked.Add(ranks, count);
        }
        return ranked;
    }

    public static Grades Graded(Vote vote, int options, IEnumerable<(string Content, long Count)> ballots)
    {
        var grades = new Grades(options, GradeCount(vote.Method));
        foreach (var (content, count) in ballots)
        {
            var values = Decode(content);
            if (values.Any(v => v is not null))
            {
                grades.Add(values, count);
            }
        }
        return grades;
    }
}
