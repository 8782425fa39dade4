using System.Globalization;
using Parvis.Voting;
using Parvis.Web.Kernel.Setup;

namespace Parvis.Web.Modules.Votes;

/// <summary>
/// <c>tally --method plurality|approval|borda|irv|schulze|stv [--seats N] &lt;file.soc|.soi|.toc|.toi&gt;</c>: counts
/// a PrefLib file and prints the winners one per line as the alternatives' numbers in the file, the winner first (for
/// stv, the elected in the order they were elected; when options tie, every tied winner, the one the tie-break picks
/// first). Ties are broken by the alternatives' numbers, the lowest first. Approval reads a ballot as approving every
/// alternative it ranks. Needs no database and no configuration.
/// </summary>
public static class TallyCli
{
    private static readonly string[] _methods = ["plurality", "approval", "borda", "irv", "schulze", "stv"];

    public static OfflineCommand Command { get; } = new("tally", Run);

    private static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var usage = $"Usage: {Command.Name} --method {string.Join('|', _methods)} [--seats N] <file.soc|.soi|.toc|.toi>";
        string? method = null;
        var seats = 1;
        for (var i = 1; i < args.Length - 1; i++)
        {
            switch (args[i])
            {
                case "--method" when i + 1 < args.Length - 1:
                    method = args[++i];
                    break;
                case "--seats" when i + 1 < args.Length - 1:
                    if (!int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out seats) || seats < 1)
                    {
                        error.WriteLine($"--seats expects a whole number of at least 1, not \"{args[i]}\".");
                        return 2;
                    }
                    break;
                default:
                    error.WriteLine($"\"{args[i]}\" is not understood.");
                    error.WriteLine(usage);
                    return 2;
            }
        }
        if (args.Length < 2 || method is null || !_methods.Contains(method))
        {
            error.WriteLine(method is null || _methods.Contains(method) ? usage : $"Unknown method \"{method}\". {usage}");
            return 2;
        }
        PrefLibElection election;
        try
        {
            election = PrefLib.Load(OfflineCommand.CallerPath(args[^1]));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            error.WriteLine(e.Message);
            return 1;
        }
        var ballots = election.Ballots;
        if (method == "stv" && seats > ballots.OptionCount)
        {
            error.WriteLine($"{seats} seats are more than the {ballots.OptionCount} alternatives.");
            return 2;
        }
        var tieBreak = TieBreak.ByNumber(ballots.OptionCount);
        Outcome outcome = method switch
        {
            "plurality" => Plurality.Count(ballots, tieBreak),
            "approval" => Approval.Count(ApprovalBallots.From(ballots), tieBreak),
            "borda" => Borda.Count(ballots, tieBreak),
            "irv" => InstantRunoff.Count(ballots, tieBreak),
            "schulze" => Schulze.Count(ballots, tieBreak),
            _ => SingleTransferableVote.Count(ballots, seats, tieBreak),
        };
        foreach (var winner in outcome.Winners)
        {
            output.WriteLine((winner + 1).ToString(CultureInfo.InvariantCulture));
        }
        return 0;
    }
}
