using System.Globalization;

namespace Parvis.Voting;

/// <summary>
/// The Pabulib format of participatory-budget elections (pabulib.org): a META section (key;value), a PROJECTS section
/// (project_id;cost;name) and a VOTES section (voter_id;vote, the chosen projects' ids comma-separated). Written so
/// that anyone can count a budget again with the projects' costs; voters are numbered after the ballots are sorted,
/// so their numbers say nothing of the order the ballots came in.
/// </summary>
public static class Pabulib
{
    /// <param name="writer">Where to write.</param>
    /// <param name="meta">The META section's lines besides those written here (description, unit, rule...).</param>
    /// <param name="projects">The projects' names and costs, project 1 first.</param>
    /// <param name="budget">The budget.</param>
    /// <param name="baskets">The ballots.</param>
    public static void Write(TextWriter writer, IEnumerable<(string Key, string Value)> meta, IReadOnlyList<(string Name, long Cost)> projects, long budget, ApprovalBallots baskets)
    {
        var votes = new List<string>();
        for (var ballot = 0; ballot < baskets.Count; ballot++)
        {
            var vote = string.Join(',', baskets.Approved(ballot).Select(p => (p + 1).ToString(CultureInfo.InvariantCulture)));
            if (vote.Length == 0)
            {
                // An empty basket is a blank vote: no vote in Pabulib's sense, and no share of the budget.
                continue;
            }
            for (var i = 0; i < baskets.CountOf(ballot); i++)
            {
                votes.Add(vote);
            }
        }
        votes.Sort(StringComparer.Ordinal);
        writer.WriteLine("META");
        writer.WriteLine("key;value");
        foreach (var (key, value) in meta)
        {
            writer.WriteLine($"{key};{Cell(value)}");
        }
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"num_projects;{projects.Count}"));
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"num_votes;{votes.Count}"));
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"budget;{budget}"));
        writer.WriteLine("vote_type;approval");
        writer.WriteLine("PROJECTS");
        writer.WriteLine("project_id;cost;name");
        for (var p = 0; p < projects.Count; p++)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{p + 1};{projects[p].Cost};{Cell(projects[p].Name)}"));
        }
        writer.WriteLine("VOTES");
        writer.WriteLine("voter_id;vote");
        for (var v = 0; v < votes.Count; v++)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{v + 1};{votes[v]}"));
        }
    }

    /// <summary>A value on one line, without the separator.</summary>
    private static string Cell(string text) => text.ReplaceLineEndings(" ").Replace(';', ',');
}
