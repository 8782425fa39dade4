using System.Globalization;
using Parvis.OpinionMaps;
using Parvis.OpinionMaps.Polis;
using Parvis.Web.Kernel.Setup;

namespace Parvis.Web.Modules.OpinionMaps;

/// <summary>
/// <c>opinion-map [--seed N] &lt;polis-folder&gt;</c>: computes the groups of a conversation in the
/// Polis open-data format and prints "participant,group" for every participant placed in a group.
/// Needs no database and no configuration.
/// </summary>
public static class OpinionMapCli
{
    public static OfflineCommand Command { get; } = new("opinion-map", Run);

    private static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length < 2)
        {
            error.WriteLine($"Usage: {Command.Name} [--seed N] <folder with comments.csv, votes.csv>");
            return 2;
        }
        var parameters = OpinionMapParameters.Default;
        var seedAt = Array.IndexOf(args, "--seed");
        if (seedAt > 0 && seedAt + 1 < args.Length - 1)
        {
            if (!int.TryParse(args[seedAt + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed))
            {
                error.WriteLine($"--seed expects a whole number, not \"{args[seedAt + 1]}\".");
                return 2;
            }
            parameters = parameters with { Seed = seed };
        }
        PolisConversation conversation;
        try
        {
            conversation = PolisConversation.Load(OfflineCommand.CallerPath(args[^1]));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException or CsvHelper.CsvHelperException)
        {
            error.WriteLine(e.Message);
            return 1;
        }
        var result = conversation.ComputeMap(parameters);
        output.WriteLine("participant,group");
        foreach (var participant in result.Placed.Where(p => p.Group >= 0).OrderBy(p => p.Id))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{participant.Id},{participant.Group}"));
        }
        return 0;
    }
}
