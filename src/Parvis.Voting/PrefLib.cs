using System.Globalization;
using System.Text;

namespace Parvis.Voting;

/// <param name="Title">The election's title, if the file gives one.</param>
/// <param name="Alternatives">The alternatives' names, alternative 1 first.</param>
/// <param name="Ballots">The ballots, alternative 1 being option 0.</param>
public sealed record PrefLibElection(string? Title, IReadOnlyList<string> Alternatives, RankedBallots Ballots);

/// <summary>
/// The PrefLib format of ordinal preferences (preflib.org): .soc (complete strict orders), .soi (incomplete strict),
/// .toc (complete with ties), .toi (incomplete with ties). Reads the current format (a "# KEY: value" header, then lines
/// "count: 1,2,{3,4}") and the one before 2022 (the number of alternatives, their names, a "voters,sum,unique" line,
/// then lines "count,1,2,{3,4}"); writes the current one.
/// </summary>
public static class PrefLib
{
    public static PrefLibElection Load(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader);
    }

    public static PrefLibElection Read(TextReader reader)
    {
        var lineNumber = 0;
        string? Next()
        {
            string? line;
            do
            {
                line = reader.ReadLine();
                lineNumber++;
            }
            while (line is not null && line.Trim().Length == 0);
            return line?.Trim();
        }
        InvalidDataException Invalid(string message) => new($"Line {lineNumber}: {message}");

        var line = Next() ?? throw Invalid("the file is empty.");
        string? title = null;
        int alternativeCount;
        var names = new Dictionary<int, string>();
        char separator;
        if (line.StartsWith('#'))
        {
            int? declared = null;
            while (line is not null && line.StartsWith('#'))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    var key = line[1..colon].Trim();
                    var value = line[(colon + 1)..].Trim();
                    if (key.Equals("TITLE", StringComparison.OrdinalIgnoreCase))
                    {
                        title = value;
                    }
                    else if (key.Equals("NUMBER ALTERNATIVES", StringComparison.OrdinalIgnoreCase))
                    {
                        declared = Number(value) is { } n and > 0 ? (int)Math.Min(n, int.MaxValue) : throw Invalid($"\"{value}\" is not a number of alternatives.");
                    }
                    else if (key.StartsWith("ALTERNATIVE NAME", StringComparison.OrdinalIgnoreCase)
                             && Number(key["ALTERNATIVE NAME".Length..].Trim()) is { } number and <= int.MaxValue)
                    {
                        names[(int)number] = value;
                    }
                }
                line = Next();
            }
            alternativeCount = declared ?? throw Invalid("the header has no \"# NUMBER ALTERNATIVES:\" line.");
            separator = ':';
        }
        else
        {
            alternativeCount = Number(line) is { } n and > 0 and <= int.MaxValue ? (int)n : throw Invalid($"\"{line}\" is not a number of alternatives.");
            for (var i = 0; i < alternativeCount; i++)
            {
                var named = Next() ?? throw Invalid($"the file ends before alternative {i + 1} is named.");
                var comma = named.IndexOf(',', StringComparison.Ordinal);
                if (comma < 0 || Number(named[..comma]) is not { } number)
                {
                    throw Invalid($"\"{named}\" is not \"number,name\".");
                }
                names[(int)Math.Min(number, int.MaxValue)] = named[(comma + 1)..].Trim();
            }
            // "voters,sum of counts,unique orders": the ballots that follow say it again.
            _ = Next() ?? throw Invalid("the file ends before the line of voters.");
            line = Next();
            separator = ',';
        }
        if (alternativeCount >= RankedBallots.Unranked)
        {
            throw Invalid($"{alternativeCount} alternatives are more than this count takes ({RankedBallots.Unranked - 1}).");
        }
        var ballots = new RankedBallots(alternativeCount);
        var places = new List<List<int>>();
        for (; line is not null; line = Next())
        {
            var at = line.IndexOf(separator, StringComparison.Ordinal);
            if (at <= 0 || Number(line[..at]) is not { } count || count < 1 || count > RankedBallots.MostVoters)
            {
                throw Invalid($"\"{Excerpt(line)}\" does not start with a number of voters followed by \"{separator}\".");
            }
            places.Clear();
            if (!Order(line.AsSpan(at + 1), places))
            {
                throw Invalid($"\"{Excerpt(line)}\" is not an order such as 1,2,{{3,4}}.");
            }
            try
            {
                ballots.Add(places.Select(place => (IReadOnlyCollection<int>)place.Select(a => a - 1).ToList()), count);
            }
            catch (ArgumentException e)
            {
                throw Invalid(e.Message);
            }
        }
        var alternatives = Enumerable.Range(1, alternativeCount)
            .Select(number => names.TryGetValue(number, out var name) ? name : number.ToString(CultureInfo.InvariantCulture)).ToList();
        return new PrefLibElection(title, alternatives, ballots);
    }

    /// <summary>
    /// Writes the ballots in the current format, identical ballots on one line, the most frequent first; returns the
    /// data type (soc, soi, toc or toi), the file's extension.
    /// </summary>
    public static string Write(TextWriter writer, string title, IReadOnlyList<string> alternatives, RankedBallots ballots, string fileName)
    {
        var lines = new Dictionary<string, long>(StringComparer.Ordinal);
        var complete = true;
        var strict = true;
        for (var ballot = 0; ballot < ballots.Count; ballot++)
        {
            var places = ballots.Places(ballot);
            if (places.Count == 0)
            {
                // A blank ballot has no order to write: PrefLib files hold orders only.
                continue;
            }
            complete &= places.Sum(p => p.Count) == ballots.OptionCount;
            strict &= places.All(p => p.Count == 1);
            var order = string.Join(',', places.Select(place => place.Count == 1
                ? (place[0] + 1).ToString(CultureInfo.InvariantCulture)
                : "{" + string.Join(',', place.Select(a => (a + 1).ToString(CultureInfo.InvariantCulture))) + "}"));
            lines[order] = lines.GetValueOrDefault(order) + ballots.CountOf(ballot);
        }
        // With no ballot at all, nothing says the orders are complete.
        var type = (strict ? "s" : "t") + "o" + (complete && lines.Count > 0 ? "c" : "i");
        writer.WriteLine($"# FILE NAME: {fileName}.{type}");
        writer.WriteLine($"# TITLE: {OneLine(title)}");
        writer.WriteLine($"# DATA TYPE: {type}");
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# NUMBER ALTERNATIVES: {alternatives.Count}"));
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# NUMBER VOTERS: {lines.Values.Sum()}"));
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# NUMBER UNIQUE ORDERS: {lines.Count}"));
        for (var i = 0; i < alternatives.Count; i++)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# ALTERNATIVE NAME {i + 1}: {OneLine(alternatives[i])}"));
        }
        foreach (var (order, count) in lines.OrderByDescending(l => l.Value).ThenBy(l => l.Key, StringComparer.Ordinal))
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count}: {order}"));
        }
        return type;
    }

    /// <summary>A header value on one line, whatever the name or title holds.</summary>
    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static long? Number(string text) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string Excerpt(string line) => line.Length <= 60 ? line : line[..60] + "…";

    /// <summary>Reads "1,2,{3,4}" into its places; false if it is not such an order.</summary>
    private static bool Order(ReadOnlySpan<char> text, List<List<int>> places)
    {
        List<int>? tie = null;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is ' ' or '\t' or ',')
            {
                i++;
            }
            else if (c == '{' && tie is null)
            {
                tie = [];
                i++;
            }
            else if (c == '}' && tie is not null)
            {
                places.Add(tie);
                tie = null;
                i++;
            }
            else if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }
                if (!int.TryParse(text[start..i], NumberStyles.None, CultureInfo.InvariantCulture, out var alternative))
                {
                    return false;
                }
                if (tie is not null)
                {
                    tie.Add(alternative);
                }
                else
                {
                    places.Add([alternative]);
                }
            }
            else
            {
                return false;
            }
        }
        return tie is null;
    }
}
