using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Demographics;

namespace Parvis.Tests.Unit;

[Trait("Suite", "unit")]
public sealed class RepresentativenessTests
{
    /// <summary>
    /// A hand-computed case: 1,000 people aged 15 and over, 40 answers. Bands under 5 answers are hidden, and with a lone
    /// hidden band the next smallest is hidden too (else 40 minus the others gives it away); the same within each band's
    /// channels.
    /// </summary>
    [Fact]
    public void Shares_ratios_and_suppressed_cells_match_a_hand_computed_table()
    {
        var population = new Dictionary<string, long> { ["15-29"] = 200, ["30-44"] = 300, ["45-59"] = 250, ["60-74"] = 150, ["75+"] = 100 };
        var answers = new List<(Channel, string)>();
        void Add(string band, Channel channel, int count) => answers.AddRange(Enumerable.Repeat((channel, band), count));
        Add("15-29", Channel.Online, 3);
        Add("30-44", Channel.Online, 10);
        Add("30-44", Channel.Paper, 5);
        Add("45-59", Channel.Online, 12);
        Add("60-74", Channel.Online, 8);
        Add("60-74", Channel.Mediated, 2);

        var table = Representativeness.Table(Dimension.Age, Bands.Age, answers, population);

        Assert.Equal(40, table.Answered);
        Assert.Equal([Channel.Online, Channel.Paper, Channel.Mediated], table.Channels);
        var lines = table.Lines.ToDictionary(l => l.Band);
        Assert.Equal([null, 15, 12, null, 0], Bands.Age.Select(b => lines[b].Answers));
        Assert.Equal(0.2, lines["15-29"].PopulationShare!.Value, 6);
        Assert.Equal(0.375, lines["30-44"].AnswerShare!.Value, 6);
        Assert.Equal(1.25, lines["30-44"].Ratio!.Value, 6);
        Assert.Equal(1.2, lines["45-59"].Ratio!.Value, 6);
        Assert.Equal(0, lines["75+"].Ratio!.Value, 6);
        Assert.Null(lines["15-29"].Ratio);
        Assert.Null(lines["60-74"].AnswerShare);
        // Barely heard: three answers where a fifth of the people live, and nobody of 75 and over; not the 60-74, hidden
        // only to protect the 15-29, whose true share is above their weight.
        Assert.Equal(["15-29", "75+"], table.Lines.Where(l => l.Unheard).Select(l => l.Band));
        Assert.Equal([10, 5, 0], table.Channels.Select(c => lines["30-44"].ByChannel[c]));
        Assert.Equal([null, 0, null], table.Channels.Select(c => lines["60-74"].ByChannel[c]));
        // The two mediated answers are the channel's only ones, which another question's table may tell: an empty cell
        // of the column is hidden with them, so they could be in either band.
        Assert.Equal([null, 0, null], table.Channels.Select(c => lines["15-29"].ByChannel[c]));
    }

    /// <summary>
    /// Hidden cells are paired along the bands' rows and along the channels' columns until no line holds a single one:
    /// hiding B's 2 paper answers with its 12 online ones, by row alone, left the online column with one hidden cell,
    /// which the channel's total (31, from any other question) gave away, and B's paper answers with it.
    /// </summary>
    [Fact]
    public void A_lone_hidden_cell_is_paired_in_its_channel_s_column_too()
    {
        var answers = new List<(Channel, string)>();
        void Add(string band, Channel channel, int count) => answers.AddRange(Enumerable.Repeat((channel, band), count));
        Add("30-44", Channel.Online, 10);
        Add("30-44", Channel.Paper, 6);
        Add("45-59", Channel.Online, 12);
        Add("45-59", Channel.Paper, 2);
        Add("60-74", Channel.Online, 9);
        Add("60-74", Channel.Paper, 7);

        var table = Representativeness.Table(Dimension.Age, Bands.Age, answers, new Dictionary<string, long>());

        var lines = table.Lines.ToDictionary(l => l.Band);
        Assert.Equal([16, 14, 16], new[] { "30-44", "45-59", "60-74" }.Select(b => lines[b].Answers));
        Assert.Equal([10, 6], table.Channels.Select(c => lines["30-44"].ByChannel[c]));
        Assert.Equal([null, null], table.Channels.Select(c => lines["45-59"].ByChannel[c]));
        Assert.Equal([null, null], table.Channels.Select(c => lines["60-74"].ByChannel[c]));
        foreach (var channel in table.Channels)
        {
            Assert.NotEqual(1, table.Lines.Count(l => l.ByChannel[channel] is null));
        }
    }

    /// <summary>
    /// A band's total is a cell of the same table: hidden alone in its column, it is paired there, and its band's channel
    /// cells with it. Kept apart, B's shown cells gave its total (6 + 0), the total of answers gave A's, and A's four
    /// online answers with it.
    /// </summary>
    [Fact]
    public void A_band_s_total_and_its_channels_are_suppressed_as_one_table()
    {
        var answers = new List<(Channel, string)>();
        void Add(string band, Channel channel, int count) => answers.AddRange(Enumerable.Repeat((channel, band), count));
        Add("15-29", Channel.Online, 4);
        Add("30-44", Channel.Online, 6);
        Add("45-59", Channel.Online, 5);
        Add("45-59", Channel.Paper, 7);
        Add("60-74", Channel.Online, 8);
        Add("60-74", Channel.Paper, 5);

        var table = Representativeness.Table(Dimension.Age, Bands.Age, answers, new Dictionary<string, long>());

        var lines = table.Lines.ToDictionary(l => l.Band);
        Assert.Null(lines["15-29"].Answers);
        Assert.Null(lines["30-44"].Answers);
        Assert.Null(lines["30-44"].ByChannel[Channel.Online]);
        // No line whose total can be known holds a single hidden cell: its rows, the totals, each channel.
        Assert.All(table.Lines, l => Assert.NotEqual(1, l.ByChannel.Values.Prepend(l.Answers).Count(v => v is null)));
        Assert.NotEqual(1, table.Lines.Count(l => l.Answers is null));
        foreach (var channel in table.Channels)
        {
            Assert.NotEqual(1, table.Lines.Count(l => l.ByChannel[channel] is null));
        }
    }

    [Fact]
    public void Nothing_is_hidden_when_every_cell_is_empty_or_large_enough()
    {
        var shown = Representativeness.Suppress(new Dictionary<string, int> { ["a"] = 0, ["b"] = 5, ["c"] = 9 });
        Assert.Equal([0, 5, 9], shown.Values);
    }
}
