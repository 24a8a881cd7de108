using Chengguan.Demolition;
using Chengguan.Demolition.Briefings;
using Microsoft.Extensions.Configuration;

namespace Chengguan.Tests.Demolition;

public sealed class ProgressFormulasTests
{
    private static readonly DateTimeOffset s_start = new(2031, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset s_end = new(2032, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData(80, 100, 0.8)]
    [InlineData(1, 3, 0.3333)]
    [InlineData(2, 3, 0.6667)]
    [InlineData(150, 100, 1.5)]
    [InlineData(0, 100, 0)]
    public void Rate_is_done_over_target_to_four_places(double done, double target, double expected) =>
        Assert.Equal((decimal)expected, ProgressFormulas.Rate(done, target));

    [Fact]
    public void No_target_has_no_rate_and_nothing_elapsed_has_no_forecast()
    {
        Assert.Null(ProgressFormulas.Rate(10, 0));
        Assert.Null(ProgressFormulas.Forecast(10, 0));
        Assert.False(ProgressFormulas.Lagging(null, 0.5m, 0.6m));
    }

    [Fact]
    public void Elapsed_share_is_clamped_to_the_period()
    {
        Assert.Equal(0m, ProgressFormulas.ElapsedShare(s_start, s_end, s_start.AddDays(-3)));
        Assert.Equal(1m, ProgressFormulas.ElapsedShare(s_start, s_end, s_end.AddDays(3)));
        // 1 July 00:00 is day 181 of 365.
        Assert.Equal(0.4959m, ProgressFormulas.ElapsedShare(s_start, s_end, new DateTimeOffset(2031, 7, 1, 0, 0, 0, TimeSpan.FromHours(8))));
    }

    [Fact]
    public void Forecast_extrapolates_the_current_pace_to_the_deadline_and_lagging_compares_with_the_time_gone()
    {
        ProgressRow row = ProgressFormulas.Row(Guid.NewGuid(), "江宁路街道", targetArea: 1000, targetCount: 10, doneArea: 250, doneCount: 2,
            pendingArea: 300, pendingCount: 3, share: 0.5m, threshold: 0.6m);
        Assert.Equal(0.25m, row.AreaRate);
        Assert.Equal(0.2m, row.CountRate);
        Assert.Equal(750, row.AreaGap);
        Assert.Equal(8, row.CountGap);
        Assert.Equal(500, row.ForecastArea);
        Assert.Equal(0.5m, row.ForecastRate);
        // 0.25 < 0.6 × 0.5 = 0.30
        Assert.True(row.Lagging);
        Assert.False(ProgressFormulas.Row(null, "x", 1000, 10, 300, 3, 0, 0, 0.5m, 0.6m).Lagging);
        Assert.Equal(0, ProgressFormulas.Row(null, "x", 100, 1, 300, 3, 0, 0, 0.5m, 0.6m).AreaGap);
    }

    [Fact]
    public void Ranking_puts_the_best_rate_first_shares_ties_and_leaves_streets_without_target_unranked()
    {
        ProgressRow R(string name, double target, double done) => ProgressFormulas.Row(Guid.NewGuid(), name, target, 4, done, 1, 0, 0, 0.5m, 0.6m);
        IReadOnlyList<BriefingRow> ranked = BriefingFiles.Rank([R("甲", 100, 20), R("乙", 100, 90), R("丙", 0, 40), R("丁", 200, 40)]);
        Assert.Equal(["乙", "甲", "丁", "丙"], ranked.Select(r => r.Row.StreetName));
        Assert.Equal([1, 2, 2, null], ranked.Select(r => r.Rank));
    }

    [Theory]
    [InlineData("2031-05-05T08:59", new string[] { "Monthly:2031-05" })]
    [InlineData("2031-05-05T09:00", new[] { "Weekly:2031-W19", "Monthly:2031-05" })]
    [InlineData("2031-05-01T08:00", new string[] { "Weekly:2031-W18" })]
    [InlineData("2031-12-31T12:00", new[] { "Weekly:2032-W01", "Monthly:2031-12" })]
    public void Scheduled_briefings_fall_due_on_monday_and_the_first_at_nine(string local, string[] due)
    {
        var at = DateTimeOffset.Parse(local + "+08:00", System.Globalization.CultureInfo.InvariantCulture);
        IConfiguration config = new ConfigurationBuilder().Build();
        Assert.Equal(due, BriefingSchedule.Due(at, config).Select(d => $"{d.Kind}:{d.Period}"));
    }
}
