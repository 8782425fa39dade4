using Parvis.Voting;

namespace Parvis.Tests.Unit.Voting;

[Trait("Suite", "unit")]
public sealed class PrefLibTests
{
    [Fact]
    public void The_current_format_reads_with_its_names_counts_and_ties()
    {
        var election = PrefLib.Read(new StringReader("""
            # FILE NAME: 00009-00000001.toi
            # TITLE: Conseil de quartier
            # DATA TYPE: toi
            # NUMBER ALTERNATIVES: 4
            # NUMBER VOTERS: 6
            # NUMBER UNIQUE ORDERS: 3
            # ALTERNATIVE NAME 1: Jardin partagé
            # ALTERNATIVE NAME 2: Pistes cyclables
            # ALTERNATIVE NAME 3: Bancs
            # ALTERNATIVE NAME 4: Fontaine
            3: 2,{1,3},4
            2: 1
            1: 4, 3
            """));
        Assert.Equal("Conseil de quartier", election.Title);
        Assert.Equal(["Jardin partagé", "Pistes cyclables", "Bancs", "Fontaine"], election.Alternatives);
        Assert.Equal(6, election.Ballots.VoterCount);
        Assert.Equal(3, election.Ballots.CountOf(0));
        Assert.Equal([[1], [0, 2], [3]], election.Ballots.Places(0));
        Assert.Equal([[0]], election.Ballots.Places(1));
        Assert.Equal([[3], [2]], election.Ballots.Places(2));
    }

    [Fact]
    public void The_format_before_2022_reads_too()
    {
        var election = PrefLib.Read(new StringReader("""
            3
            1,Ahern 
            2,Burton
            3,Higgins
            7,7,3
            4,1,2,3
            2,{2,3},1
            1,3
            """));
        Assert.Equal(["Ahern", "Burton", "Higgins"], election.Alternatives);
        Assert.Equal(7, election.Ballots.VoterCount);
        Assert.Equal([[1, 2], [0]], election.Ballots.Places(1));
    }

    [Theory]
    [InlineData("# NUMBER ALTERNATIVES: 3\n2: 1,4", "Line 2: Option 4 does not exist")]
    [InlineData("# NUMBER ALTERNATIVES: 3\n2: 1,1", "Line 2: Option 1 appears twice")]
    [InlineData("# NUMBER ALTERNATIVES: 3\n2: 1,{2", "Line 2: \"2: 1,{2\" is not an order")]
    [InlineData("# NUMBER ALTERNATIVES: 3\nmany: 1", "Line 2: \"many: 1\" does not start with a number of voters")]
    [InlineData("# TITLE: x\n2: 1", "the header has no \"# NUMBER ALTERNATIVES:\" line")]
    [InlineData("", "Line 1: the file is empty")]
    public void A_malformed_file_is_refused_with_the_line_and_the_reason(string text, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => PrefLib.Read(new StringReader(text)));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Written_ballots_read_back_the_same_and_name_their_data_type()
    {
        var ballots = MethodTests.Ranked(3, "2:AB", "1:(BC)A", "3:AB", "1:C");
        var text = new StringWriter();
        PrefLib.Write(text, "Vote\nsur deux lignes", ["A", "B, et C", "C"], ballots, "vote");
        Assert.Contains("# DATA TYPE: toi", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("# TITLE: Vote sur deux lignes", text.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("5: 1,2", text.ToString().Split('\n').First(l => !l.StartsWith('#')), StringComparison.Ordinal);

        var back = PrefLib.Read(new StringReader(text.ToString()));
        Assert.Equal(7, back.Ballots.VoterCount);
        Assert.Equal(["A", "B, et C", "C"], back.Alternatives);
        Assert.Equal(Schulze.Count(ballots, TieBreak.ByNumber(3)).Pairwise, Schulze.Count(back.Ballots, TieBreak.ByNumber(3)).Pairwise);
    }
}
