using Parvis.Voting;

namespace Parvis.Tests.Unit.Voting;

/// <summary>
/// Published elections from PrefLib (preflib.org, Mattei and Walsh), counted here and compared with the official
/// results and with counts made apart from this code.
/// </summary>
[Trait("Suite", "unit")]
public sealed class RealElectionTests
{
    private static PrefLibElection Election(string file) => PrefLib.Load(Path.Combine(AppContext.BaseDirectory, "Unit", "Voting", "Data", file));

    [Fact]
    public void Debian_2002_elects_Bdale_Garbee_by_every_method()
    {
        var election = Election("debian-2002.soi");
        var ballots = election.Ballots;
        var order = TieBreak.ByNumber(4);
        Assert.Equal(475, ballots.VoterCount);
        Assert.Equal("Bdale Garbee", election.Alternatives[2]);

        Assert.Equal([144.0, 101, 227, 3], Plurality.Count(ballots, order).Votes);
        var runoff = InstantRunoff.Count(ballots, order);
        Assert.Equal([3, 1, null], runoff.Rounds.Select(r => r.Eliminated));
        Assert.Equal([180.0, 0, 291, 0], runoff.Rounds[^1].Votes);
        foreach (var outcome in new Outcome[] { Plurality.Count(ballots, order), runoff, Schulze.Count(ballots, order), Borda.Count(ballots, order) })
        {
            Assert.Equal([2], outcome.Winners);
        }
    }

    [Fact]
    public void Debian_2010_elects_Stefano_Zacchiroli_on_first_choices_and_pairwise()
    {
        var election = Election("debian-2010.toc");
        var order = TieBreak.ByNumber(5);
        var plurality = Plurality.Count(election.Ballots, order);
        Assert.Equal([259.0, 63, 12, 97, 5], plurality.Votes);
        Assert.Equal([0], plurality.Winners);
        Assert.Single(InstantRunoff.Count(election.Ballots, order).Rounds);
        Assert.Equal([0], Schulze.Count(election.Ballots, order).Winners);
        Assert.Equal([0], Borda.Count(election.Ballots, order).Winners);
    }

    [Fact]
    public void Dublin_West_2002_elects_the_three_members_the_count_of_the_day_elected()
    {
        // Brian Lenihan, Joe Higgins and Joan Burton were elected on 29,988 valid ballots, quota 7,498.
        var election = Election("dublin-west-2002.soi");
        var outcome = SingleTransferableVote.Count(election.Ballots, 3, TieBreak.ByNumber(9));
        Assert.Equal(29_988, election.Ballots.VoterCount);
        Assert.Equal(7_498, outcome.Quota);
        Assert.Equal(["Brian Lenihan F.F.", "Joe Higgins S.P.", "Joan Burton Lab"], outcome.Winners.Select(w => election.Alternatives[w]));
        Assert.False(outcome.DecidedByTieBreak);
        // Every stage accounts for every vote: what the options hold and what could go nowhere, to the truncation.
        Assert.All(outcome.Stages, stage => Assert.InRange(stage.Votes.Sum() + stage.NonTransferable, 29_987.9m, 29_988m));
    }
}
