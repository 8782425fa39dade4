namespace Parvis.Tests.Unit;

/// <summary>When a voter of a lifelong election may vote: first, then once a year from the anniversary of their first ballot.</summary>
[Trait("Suite", "unit")]
public sealed class LifelongElectionTests
{
    private static readonly Vote _lifelong = new() { Question = "Mandat", Lifelong = true };
    private static readonly DateOnly _first = new(2025, 1, 10);

    [Theory]
    [InlineData("2025-06-01", new int[] { 0 }, null)]
    [InlineData("2026-01-09", new int[] { 0 }, null)]
    [InlineData("2026-01-10", new int[] { 0 }, 1)]
    [InlineData("2026-02-08", new int[] { 0 }, 1)]
    [InlineData("2026-02-09", new int[] { 0 }, null)]
    [InlineData("2026-01-20", new int[] { 0, 1 }, null)]
    [InlineData("2028-01-15", new int[] { 0, 1 }, 3)]
    public void A_voter_votes_each_year_from_their_anniversary_for_a_month_once(string today, int[] voted, int? round) =>
        Assert.Equal(round, _lifelong.RoundOn(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), _first, voted));

    [Fact]
    public void A_first_ballot_is_always_round_zero_and_an_ordinary_vote_has_no_second()
    {
        var ordinary = new Vote { Question = "Une fois" };
        Assert.Equal(0, _lifelong.RoundOn(_first, null, []));
        Assert.Equal(0, ordinary.RoundOn(_first, null, []));
        Assert.Null(ordinary.RoundOn(_first.AddYears(1), _first, [0]));
    }

    [Fact]
    public void A_voter_first_voting_on_the_twenty_ninth_of_february_votes_again_each_twenty_eighth_and_is_told_when()
    {
        var leap = new DateOnly(2024, 2, 29);
        Assert.Equal(1, _lifelong.RoundOn(new DateOnly(2025, 2, 28), leap, [0]));
        Assert.Equal(new DateOnly(2026, 2, 28), Vote.NextRound(new DateOnly(2025, 3, 1), leap));
        Assert.Equal(new DateOnly(2027, 1, 10), Vote.NextRound(new DateOnly(2026, 1, 15), _first));
    }
}
