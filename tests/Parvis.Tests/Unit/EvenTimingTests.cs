using System.Diagnostics;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Web;

namespace Parvis.Tests.Unit;

[Trait("Suite", "unit")]
public sealed class EvenTimingTests
{
    [Fact]
    public async Task The_other_way_waits_as_long_as_the_real_work_usually_takes_and_one_slow_answer_does_not_set_it()
    {
        var timing = new EvenTiming();
        var now = Stopwatch.GetTimestamp();
        foreach (var milliseconds in new[] { 150, 150, 5_000, 150 })
        {
            timing.Took("register", now - (long)(milliseconds / 1000.0 * Stopwatch.Frequency));
        }
        var started = Stopwatch.GetTimestamp();
        await timing.WaitAsUsualAsync("register", started, CancellationToken.None);
        var waited = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Assert.InRange(waited, 140, 2_000);
        // An action never done really waits for nothing.
        var other = Stopwatch.GetTimestamp();
        await timing.WaitAsUsualAsync("forgot", other, CancellationToken.None);
        Assert.True(Stopwatch.GetElapsedTime(other).TotalMilliseconds < 100);
    }

    [Theory]
    [InlineData("password2024!", true)]
    [InlineData("1234567890", true)]
    [InlineData("aaaaaaaaaaab", true)]
    [InlineData("!!sunshine!!", true)]
    [InlineData("correct horse battery staple", false)]
    [InlineData("la marée monte à Lorient", false)]
    public void Common_passwords_are_recognised_with_digits_and_signs_around(string password, bool common) =>
        Assert.Equal(common, CommonPasswords.IsCommon(password));
}

[Trait("Suite", "unit")]
public sealed class VisitorAddressTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void An_IPv6_visitor_counts_by_their_64_block(string address, string counted)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(address);
        Assert.Equal(counted, RateLimits.Address(context));
    }
}
