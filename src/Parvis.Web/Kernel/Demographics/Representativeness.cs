using System.Globalization;
using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Contributions;

namespace Parvis.Web.Kernel.Demographics;

/// <summary>A band of the table: its population, the answers in it, and per channel, each figure null where suppressed.</summary>
/// <param name="Band">The band's code (or commune).</param>
/// <param name="PopulationShare">Its share of the territory's population, null when the figures do not count it.</param>
/// <param name="Answers">The answers in it, null when suppressed.</param>
/// <param name="AnswerShare">Their share of all answers to the question, null when suppressed.</param>
/// <param name="Ratio">Answer share over population share: 1 is as many as in the territory; null when either is missing.</param>
/// <param name="ByChannel">Answers per channel, null where suppressed.</param>
/// <param name="Unheard">A band that weighs in the territory and that we barely heard: fewer than <see cref="Representativeness.MinCell"/>
/// answers, or at most half its share.</param>
public sealed record BandLine(string Band, double? PopulationShare, int? Answers, double? AnswerShare, double? Ratio, IReadOnlyDictionary<Channel, int?> ByChannel,
    bool Unheard);

/// <summary>One dimension's table: its lines, the answers behind it, and the channels that gave any.</summary>
/// <param name="Dimension">What it is about.</param>
/// <param name="Lines">Its bands.</param>
/// <param name="Channels">The channels that gave answers.</param>
/// <param name="Answered">The answers to its question, null when fewer than a cell may hold.</param>
public sealed record DimensionTable(Dimension Dimension, IReadOnlyList<BandLine> Lines, int? Answered, IReadOnlyList<Channel> Channels);

/// <summary>
/// Who took part compared with the territory, as aggregates only: a cell of fewer than <see cref="MinCell"/> answers is
/// suppressed, and so is a second one wherever a single suppressed cell could be worked out from a total, its band's
/// or its channel's.
/// </summary>
public static class Representativeness
{
    public const int MinCell = 5;

    /// <summary>A band is unheard when it weighs at least this in the territory and its ratio is at most <see cref="UnheardRatio"/>.</summary>
    public const double NotableShare = 0.05;
    public const double UnheardRatio = 0.5;

    public static DimensionTable Table(Dimension dimension, IReadOnlyList<string> bands, IReadOnlyList<(Channel Channel, string Band)> answers,
        IReadOnlyDictionary<string, long> population)
    {
        var channels = answers.Select(a => a.Channel).Distinct().Order().ToList();
        var answered = answers.Count;
        var populationTotal = population.Where(p => bands.Contains(p.Key)).Sum(p => p.Value);
        var counts = bands.ToDictionary(b => b, b => answers.Count(a => a.Band == b));
        // Fewer answers in all than a cell may hold: the whole table would tell who answered what.
        var tooFew = answered < MinCell;
        // One table of cells: each band's answers per channel, and its total (Channel null). Every line's total can be
        // known: a band's row adds up to its total, the totals to the answers, and a channel's column to what another
        // question's table tells of that channel.
        var cells = bands.SelectMany(b => channels.Select(c => (Band: b, Channel: (Channel?)c)).Prepend((b, null)))
            .ToDictionary(k => k, k => k.Channel is { } channel ? answers.Count(a => a.Band == k.Band && a.Channel == channel) : counts[k.Band]);
        IReadOnlyList<IReadOnlyList<(string Band, Channel? Channel)>> known =
        [
            .. bands.Select(b => (IReadOnlyList<(string, Channel?)>)[(b, null), .. channels.Select(c => (b, (Channel?)c))]),
            [.. bands.Select(b => (b, (Channel?)null))],
            .. channels.Select(c => (IReadOnlyList<(string, Channel?)>)[.. bands.Select(b => (b, (Channel?)c))]),
        ];
        var shownCells = tooFew ? cells.ToDictionary(c => c.Key, _ => (int?)null) : Suppress(cells, known);
        var lines = new List<BandLine>();
        foreach (var band in bands)
        {
            var perChannel = channels.ToDictionary(c => c, c => shownCells[(band, c)]);
            double? populationShare = populationTotal > 0 && population.TryGetValue(band, out var people) ? (double)people / populationTotal : null;
            var shown = shownCells[(band, null)];
            double? answerShare = shown is { } n && answered > 0 ? (double)n / answered : null;
            double? ratio = answerShare is { } a && populationShare is { } p && p > 0 ? a / p : null;
            // From the true count: a band too small to show is one we barely heard.
            var unheard = populationShare >= NotableShare && (counts[band] < MinCell || (double)counts[band] / answered / populationShare <= UnheardRatio);
            lines.Add(new BandLine(band, populationShare, shown, answerShare, ratio, perChannel, unheard));
        }
        return new DimensionTable(dimension, lines, tooFew ? null : answered, channels);
    }

    /// <summary>
    /// The counts with those from 1 to <see cref="MinCell"/> − 1 hidden; a lone hidden count is joined by the next
    /// smallest shown one, which would otherwise give it away by subtraction from the total.
    /// </summary>
    public static Dictionary<T, int?> Suppress<T>(IReadOnlyDictionary<T, int> counts) where T : notnull => Suppress(counts, [[.. counts.Keys]]);

    /// <summary>
    /// The same for a table whose lines (rows, columns) have totals someone may know: until no line changes, a line with
    /// a single hidden cell has its smallest other one hidden too, an empty one when no other holds answers (else
    /// the total alone would tell the hidden cell).
    /// </summary>
    public static Dictionary<T, int?> Suppress<T>(IReadOnlyDictionary<T, int> counts, IReadOnlyList<IReadOnlyList<T>> lines) where T : notnull
    {
        var shown = counts.ToDictionary(c => c.Key, c => c.Value is > 0 and < MinCell ? null : (int?)c.Value);
        var linesOf = counts.Keys.ToDictionary(cell => cell, cell => lines.Where(l => l.Contains(cell)).ToList());
        bool Lone(IReadOnlyList<T> line) => line.Count(cell => shown[cell] is null) == 1;
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var line in lines.Where(Lone))
            {
                // First a cell whose other line has a lone hidden one too (one more hidden pairs both), then the smallest.
                foreach (var next in line.Where(cell => shown[cell] is not null)
                    .OrderByDescending(cell => linesOf[cell].Count(other => other != line && Lone(other))).ThenBy(cell => counts[cell] == 0).ThenBy(cell => counts[cell]).Take(1))
                {
                    shown[next] = null;
                    changed = true;
                }
            }
        }
        return shown;
    }
}

/// <summary>The table in words, the same on the analysts' page and in the council's report.</summary>
public static class RepresentativenessWords
{
    public static string Band(IStringLocalizer text, Dimension dimension, string band) => dimension == Dimension.Commune ? band : text[$"Band.{dimension}.{band}"].Value;

    public static string Share(double? share) => share is { } s ? s.ToString("P0", CultureInfo.CurrentCulture) : "–";

    public static string Ratio(double? ratio) => ratio is { } r ? r.ToString("0.00", CultureInfo.CurrentCulture) : "–";

    public static string Count(IStringLocalizer text, int? count) =>
        count is { } n ? n.ToString("N0", CultureInfo.CurrentCulture) : text["Representativeness.Suppressed", Representativeness.MinCell].Value;

    public static IReadOnlyList<string> Headers(IStringLocalizer text, DimensionTable table) =>
    [
        text["Representativeness.Band"], text["Representativeness.PopulationShare"], text["Representativeness.AnswerShare"], text["Representativeness.Ratio"],
        text["Representativeness.Answers"], .. table.Channels.Select(c => text["Representativeness.Channel", text["Channel." + c].Value].Value),
    ];

    public static IReadOnlyList<IReadOnlyList<string>> Rows(IStringLocalizer text, DimensionTable table) =>
        [.. table.Lines.Select(l => (IReadOnlyList<string>)
        [
            Band(text, table.Dimension, l.Band), Share(l.PopulationShare), Share(l.AnswerShare), Ratio(l.Ratio), Count(text, l.Answers),
            .. table.Channels.Select(c => Count(text, l.ByChannel[c])),
        ])];
}
