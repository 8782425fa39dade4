using System.Globalization;

namespace Parvis.Web.Modules.Votes.Pages;

/// <summary>
/// A ballot's fields as a form shows them, online and at a paper desk: the vote, its options, the values as typed (kept
/// when refused), the problems per option position (-1: the ballot as a whole), and a decision by consent's reason for
/// objecting with its problem.
/// </summary>
public sealed record BallotForm(
    Vote Vote, IReadOnlyList<VoteOption> Options, int?[] Values, ILookup<int, string> Problems, string? Reason = null, string? ReasonProblem = null)
{
    public static ILookup<int, string> NoProblem { get; } = Array.Empty<(int, string)>().ToLookup(p => p.Item1, p => p.Item2);

    /// <summary>The values of a posted ballot: "choice" names the single choice; "o{position}" the others.</summary>
    public static int?[] Read(IFormCollection form, Vote vote, IReadOnlyList<VoteOption> options) =>
        [.. options.Select(o => Read(form, vote, options.Count, o.Position))];

    private static int? Read(IFormCollection form, Vote vote, int count, int position)
    {
        if (vote.Method == VoteMethod.SingleChoice)
        {
            // A choice that names no option, or several, is refused rather than taken for a blank vote.
            var choice = form["choice"];
            if (choice.Count == 0)
            {
                return null;
            }
            if (choice.Count > 1 || !int.TryParse(choice[0], NumberStyles.None, CultureInfo.InvariantCulture, out var chosen) || chosen >= count)
            {
                return -1;
            }
            return chosen == position ? 1 : null;
        }
        var value = form[$"o{position}"].ToString();
        // Anything that is not a small number is refused as such by the ballot's check.
        return value.Length == 0 ? null : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : -1;
    }
}

/// <summary>A decision by consent's objections as a page lists them; answer forms for those who answer.</summary>
public sealed record ObjectionsView(IReadOnlyList<(VoteObjection Objection, string? By)> Items, bool CanAnswer);
