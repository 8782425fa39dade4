using Parvis.Web.Kernel.Notifications;
using Parvis.Web.Shared;

namespace Parvis.Tests.Unit;

/// <summary>The moments digests leave at, in the installation's time zone, whatever it is.</summary>
[Trait("Suite", "unit")]
public sealed class DigestMomentsTests
{
    private static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0) => LocalTime.ToOffset(new DateTime(year, month, day, hour, minute, 0));

    [Fact]
    public void A_daily_digest_is_today_s_once_its_hour_passed_and_yesterday_s_before()
    {
        Assert.Equal(Local(2026, 12, 7, 18), DigestMoments.Daily(Local(2026, 12, 7, 18, 0), 18));
        Assert.Equal(Local(2026, 12, 7, 18), DigestMoments.Daily(Local(2026, 12, 7, 23, 59), 18));
        Assert.Equal(Local(2026, 12, 6, 18), DigestMoments.Daily(Local(2026, 12, 7, 17, 59), 18));
        Assert.Equal(Local(2026, 12, 7, 0), DigestMoments.Daily(Local(2026, 12, 7, 0, 30), 0));
    }

    [Fact]
    public void A_weekly_digest_is_the_last_chosen_weekday_at_its_hour()
    {
        // 7 December 2026 is a Monday.
        Assert.Equal(DayOfWeek.Monday, new DateTime(2026, 12, 7).DayOfWeek);
        Assert.Equal(Local(2026, 12, 7, 8), DigestMoments.Weekly(Local(2026, 12, 7, 9), 8, DayOfWeek.Monday));
        Assert.Equal(Local(2026, 11, 30, 8), DigestMoments.Weekly(Local(2026, 12, 7, 7), 8, DayOfWeek.Monday));
        Assert.Equal(Local(2026, 12, 4, 8), DigestMoments.Weekly(Local(2026, 12, 7, 9), 8, DayOfWeek.Friday));
        Assert.Equal(Local(2026, 12, 13, 20), DigestMoments.Weekly(Local(2026, 12, 13, 20), 20, DayOfWeek.Sunday));
    }
}
