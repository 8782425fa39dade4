using Parvis.OpinionMaps;
using Parvis.OpinionMaps.Polis;

namespace Parvis.Tests.Unit.OpinionMaps;

[Trait("Suite", "unit")]
public sealed class PolisFormatTests : IDisposable
{
    private static readonly string _london = Path.Combine(AppContext.BaseDirectory, "Unit", "OpinionMaps", "Data", "london.youth.policing");
    private readonly string _exported = Path.Combine(Path.GetTempPath(), "parvis-polis-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_real_export_loads_with_its_columns_found_by_name()
    {
        var conversation = PolisConversation.Load(_london);

        Assert.StartsWith("What is the best way to engage more young people", conversation.Topic, StringComparison.Ordinal);
        Assert.Equal(638, conversation.ToMatrix().VoteCount);
        Assert.Equal(26, conversation.ToMatrix().ParticipantCount);
        // This export has an extra "xid" column before "group-id".
        Assert.Equal(24, conversation.Groups.Values.Count(g => g is not null));
    }

    [Theory]
    [InlineData("1,1,1000,0,a\n1,2,2000,0,b", "appears twice")]
    [InlineData("99999999999999999999,1,1000,0,a", "not a whole number")]
    [InlineData("1,1,9000000000000000,0,a", "Column timestamp holds")]
    [InlineData("1,1,253402300799000,0,a", "Column timestamp holds")]
    [InlineData("1,1,-1000,0,a", "Column timestamp holds")]
    // A map numbers what comes after from the highest: an id near the top of a long would wrap.
    [InlineData("9223372036854775807,1,1000,0,a", "from 0 to 1000000000")]
    [InlineData("1,1,1000,7,a", "Column moderated holds")]
    public void A_faulty_export_is_refused_with_its_reason(string comments, string reason)
    {
        Directory.CreateDirectory(_exported);
        File.WriteAllText(Path.Combine(_exported, "comments.csv"), "comment-id,author-id,timestamp,moderated,comment-body\n" + comments + "\n");
        File.WriteAllText(Path.Combine(_exported, "votes.csv"), "timestamp,comment-id,voter-id,vote\n");

        Assert.Contains(reason, Assert.Throws<InvalidDataException>(() => PolisConversation.Load(_exported)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_then_import_gives_back_the_same_conversation_and_groups()
    {
        var original = PolisConversation.Load(_london);
        var result = OpinionMapEngine.Compute(original.ToMatrix());

        PolisConversation.Write(_exported, original.Topic, original.Description, original.Statements, original.Votes, result);
        var reloaded = PolisConversation.Load(_exported);

        Assert.Equal(original.Topic, reloaded.Topic);
        Assert.Equal(original.Statements.OrderBy(s => s.Id), reloaded.Statements);
        Assert.Equal(original.Votes.Count, reloaded.Votes.Count);
        var before = original.ToMatrix();
        var after = reloaded.ToMatrix();
        Assert.Equal(before.ParticipantIds.Order(), after.ParticipantIds.Order());
        Assert.Equal(Rows(before), Rows(after));
        foreach (var placed in result.Placed)
        {
            Assert.Equal(placed.Group, reloaded.Groups[placed.Id]);
        }
        Assert.Equal(result.Placed.Select(p => p.Group), OpinionMapEngine.Compute(after).Placed.Select(p => p.Group));
    }

    [Fact]
    public void The_command_prints_one_line_per_grouped_participant()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = OpinionMapCli.Command.Run([OpinionMapCli.Command.Name, _london], output, error);

        Assert.Equal(0, exit);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("participant,group", lines[0]);
        var expected = PolisConversation.Load(_london).ComputeMap().Placed.Where(p => p.Group >= 0).ToArray();
        Assert.Equal(expected.OrderBy(p => p.Id).Select(p => $"{p.Id},{p.Group}"), lines.Skip(1));
    }

    [Fact]
    public void The_command_says_what_is_wrong_with_a_missing_folder()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = OpinionMapCli.Command.Run([OpinionMapCli.Command.Name, "/nowhere/at/all"], output, error);

        Assert.Equal(1, exit);
        Assert.Contains("/nowhere/at/all", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }

    public void Dispose()
    {
        if (Directory.Exists(_exported))
        {
            Directory.Delete(_exported, recursive: true);
        }
    }

    private static Dictionary<long, (long, int)[]> Rows(VoteMatrix matrix) =>
        Enumerable.Range(0, matrix.ParticipantCount).ToDictionary(
            r => matrix.ParticipantIds[r],
            r => matrix.Row(r).Select(v => (matrix.StatementIds[v.Statement], v.Vote)).OrderBy(v => v.Item1).ToArray());
}
