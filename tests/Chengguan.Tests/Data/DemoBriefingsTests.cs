using Chengguan.Data.Seeding;
using Chengguan.Infrastructure;

namespace Chengguan.Tests.Data;

public sealed class DemoBriefingsTests
{
    [Theory]
    [InlineData("2026-12-07T03:00:00Z")] // a Monday, after 09:00 in Shanghai
    [InlineData("2026-12-06T15:30:00Z")] // Sunday 23:30 in Shanghai
    [InlineData("2026-01-05T02:00:00Z")] // the weeks before cross New Year
    public void The_moments_are_each_weeks_Monday_and_each_months_first_at_nine_oldest_first_then_now(string at)
    {
        DateTimeOffset now = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture);
        List<DateTimeOffset> moments = [.. DemoBriefings.Moments(now)];

        Assert.Equal(now, moments[^1]);
        Assert.Equal(moments.Order(), moments);
        Assert.Equal(moments.Count, moments.Distinct().Count());
        List<DateTimeOffset> before = [.. moments.SkipLast(1).Select(ShanghaiTime.ToShanghai)];
        Assert.All(before, m => Assert.True((m.DayOfWeek == DayOfWeek.Monday || m.Day == 1) && m.Hour == 9 && m.Minute == 1, m.ToString("O")));
        Assert.Equal(DemoBriefings.Weeks, before.Count(m => m.DayOfWeek == DayOfWeek.Monday));
        Assert.All(before, m => Assert.True(m < now && m > now.AddDays(-7 * (DemoBriefings.Weeks + 1))));
    }
}
