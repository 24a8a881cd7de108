using Chengguan.Assessment;

namespace Chengguan.Tests.Assessment;

/// <summary>The pure scoring rules: linear (both directions, clamped), pass/fail, ranks with ties, rank points, capped adjustments, bands, periods.</summary>
public sealed class ScoringRulesTests
{
    [Theory]
    [InlineData(0.8, 0)]
    [InlineData(0.7, 0)]
    [InlineData(1.0, 10)]
    [InlineData(1.2, 10)]
    [InlineData(0.9, 5)]
    [InlineData(0.95, 7.5)]
    [InlineData(0.801, 0.05)]
    public void Linear_higher_is_better_runs_from_floor_to_target_and_is_clamped(double value, double points) =>
        Assert.Equal((decimal)points, ScoringRules.Linear((decimal)value, 0.8m, 1m, 10, Direction.HigherBetter));

    [Theory]
    [InlineData(0.2, 0)]
    [InlineData(0.5, 0)]
    [InlineData(0.02, 10)]
    [InlineData(0, 10)]
    [InlineData(0.11, 5)]
    public void Linear_lower_is_better_gives_full_points_at_or_below_the_target(double value, double points) =>
        Assert.Equal((decimal)points, ScoringRules.Linear((decimal)value, 0.2m, 0.02m, 10, Direction.LowerBetter));

    [Fact]
    public void Linear_without_a_value_costs_nothing_and_rounds_half_away_from_zero()
    {
        Assert.Equal(15m, ScoringRules.Linear(null, 0.8m, 1m, 15, Direction.HigherBetter));
        Assert.Equal(3.33m, ScoringRules.Linear(1m / 3m, 0m, 1m, 10, Direction.HigherBetter));
        Assert.Equal(0.01m, ScoringRules.Linear(0.0005m, 0m, 1m, 10, Direction.HigherBetter));
    }

    [Theory]
    [InlineData(0.8, 1.0, Direction.LowerBetter)]
    [InlineData(1.0, 0.8, Direction.HigherBetter)]
    [InlineData(0.8, 0.8, Direction.HigherBetter)]
    [InlineData(0.8, 0.8, Direction.LowerBetter)]
    public void Linear_refuses_a_target_not_beyond_the_floor(double floor, double target, Direction direction) =>
        Assert.Throws<ArgumentException>(() => ScoringRules.Linear(0.9m, (decimal)floor, (decimal)target, 10, direction));

    [Theory]
    [InlineData(0.9, Direction.HigherBetter, 5)]
    [InlineData(0.91, Direction.HigherBetter, 5)]
    [InlineData(0.89, Direction.HigherBetter, 0)]
    [InlineData(0.9, Direction.LowerBetter, 5)]
    [InlineData(0.89, Direction.LowerBetter, 5)]
    [InlineData(0.91, Direction.LowerBetter, 0)]
    public void Pass_fail_is_all_or_nothing_at_the_mark(double value, Direction direction, double points)
    {
        Assert.Equal((decimal)points, ScoringRules.PassFail((decimal)value, 0.9m, 5, direction));
        Assert.Equal(5m, ScoringRules.PassFail(null, 0.9m, 5, direction));
    }

    [Fact]
    public void Ranks_share_ties_skip_after_them_and_leave_out_subjects_without_a_value()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid(), d = Guid.NewGuid(), e = Guid.NewGuid();
        var values = new Dictionary<Guid, decimal?> { [a] = 0.5m, [b] = 0.9m, [c] = 0.9m, [d] = 0.1m, [e] = null };
        Dictionary<Guid, int> high = ScoringRules.Ranks(values, Direction.HigherBetter);
        Assert.Equal(new Dictionary<Guid, int> { [b] = 1, [c] = 1, [a] = 3, [d] = 4 }, high);
        Dictionary<Guid, int> low = ScoringRules.Ranks(values, Direction.LowerBetter);
        Assert.Equal(new Dictionary<Guid, int> { [d] = 1, [a] = 2, [b] = 3, [c] = 3 }, low);
        Assert.Empty(ScoringRules.Ranks([], Direction.HigherBetter));
    }

    [Theory]
    [InlineData(1, 4, 10)]
    [InlineData(2, 4, 7.5)]
    [InlineData(4, 4, 2.5)]
    [InlineData(1, 1, 10)]
    [InlineData(2, 3, 6.67)]
    public void Rank_points_fall_one_share_per_place(int rank, int ranked, double points) =>
        Assert.Equal((decimal)points, ScoringRules.RankPoints(rank, ranked, 10));

    [Fact]
    public void Rank_points_without_a_rank_cost_nothing_and_refuse_an_impossible_rank()
    {
        Assert.Equal(10m, ScoringRules.RankPoints(null, 5, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScoringRules.RankPoints(0, 5, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScoringRules.RankPoints(6, 5, 10));
    }

    [Fact]
    public void Bonuses_and_deductions_are_summed_apart_and_capped_apart()
    {
        Assert.Equal((3m, 2m), ScoringRules.Adjustments([1, 2, -2], 5, 10));
        Assert.Equal((5m, 10m), ScoringRules.Adjustments([4, 4, -6, -6], 5, 10));
        Assert.Equal((0m, 0m), ScoringRules.Adjustments([], 5, 10));
        Assert.Equal((0m, 0m), ScoringRules.Adjustments([3, -3], 0, 0));
    }

    [Theory]
    [InlineData(100, "优秀")]
    [InlineData(90, "优秀")]
    [InlineData(89.99, "良好")]
    [InlineData(80, "良好")]
    [InlineData(79.99, "合格")]
    [InlineData(70, "合格")]
    [InlineData(69.99, "基本合格")]
    [InlineData(60, "基本合格")]
    [InlineData(59.99, "不合格")]
    [InlineData(0, "不合格")]
    public void Bands_are_inclusive_lower_bounds(double total, string band) =>
        Assert.Equal(band, ScoringRules.Band((decimal)total, Bands.Default));

    [Fact]
    public void Bands_follow_configured_thresholds_and_must_be_ordered()
    {
        var strict = new Bands(95, 85, 75, 65);
        Assert.Equal("良好", ScoringRules.Band(94m, strict));
        Assert.Equal("不合格", ScoringRules.Band(64.99m, strict));
        Assert.True(strict.Ordered);
        Assert.False(new Bands(90, 90, 70, 60).Ordered);
        Assert.False(new Bands(90, 80, 70, -1).Ordered);
    }

    [Theory]
    [InlineData(PeriodKind.Month, "2026-11", "2026-11-01", "2026-11-30")]
    [InlineData(PeriodKind.Month, "2028-02", "2028-02-01", "2028-02-29")]
    [InlineData(PeriodKind.Quarter, "2026-Q4", "2026-10-01", "2026-12-31")]
    [InlineData(PeriodKind.Quarter, "2026-Q1", "2026-01-01", "2026-03-31")]
    [InlineData(PeriodKind.Year, "2026", "2026-01-01", "2026-12-31")]
    public void Periods_are_calendar_spans(PeriodKind kind, string key, string from, string to)
    {
        Assert.Equal((DateOnly.Parse(from), DateOnly.Parse(to)), Periods.Span(kind, key));
        Assert.Equal(key, Periods.KeyOf(kind, DateOnly.Parse(from)));
    }

    [Theory]
    [InlineData(PeriodKind.Month, "2026年11月", "2026-11-01", "2026-11-30")]
    [InlineData(PeriodKind.Month, "2026年2月", "2026-02-01", "2026-02-28")]
    [InlineData(PeriodKind.Quarter, "2026年第4季度", "2026-10-01", "2026-12-31")]
    [InlineData(PeriodKind.Quarter, "2026年1季度", "2026-01-01", "2026-03-31")]
    [InlineData(PeriodKind.Year, "2026年", "2026-01-01", "2026-12-31")]
    [InlineData(PeriodKind.Year, "2026年度", "2026-01-01", "2026-12-31")]
    public void Periods_are_read_as_people_write_them(PeriodKind kind, string key, string from, string to) =>
        Assert.Equal((DateOnly.Parse(from), DateOnly.Parse(to)), Periods.Span(kind, key));

    [Theory]
    [InlineData(PeriodKind.Month, "2026-13")]
    [InlineData(PeriodKind.Month, "2026")]
    [InlineData(PeriodKind.Quarter, "2026-Q5")]
    [InlineData(PeriodKind.Quarter, "2026-11")]
    [InlineData(PeriodKind.Year, "26")]
    [InlineData(PeriodKind.Year, "")]
    [InlineData(PeriodKind.Month, "2026年13月")]
    [InlineData(PeriodKind.Month, "2026年第4季度")]
    [InlineData(PeriodKind.Quarter, "2026年第5季度")]
    [InlineData(PeriodKind.Quarter, "2026年11月")]
    [InlineData(PeriodKind.Year, "2026年11月")]
    [InlineData(PeriodKind.Year, "1999年")]
    public void Bad_period_keys_have_no_span(PeriodKind kind, string key) => Assert.Null(Periods.Span(kind, key));

    [Fact]
    public void A_period_window_runs_from_shanghai_midnight_to_shanghai_midnight()
    {
        AssessmentWindow w = Periods.Window(new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31));
        Assert.Equal(new DateTimeOffset(2026, 9, 30, 16, 0, 0, TimeSpan.Zero), w.Start);
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero), w.End);
        Assert.Equal("2026年第四季度", Periods.NameOf(PeriodKind.Quarter, new DateOnly(2026, 10, 1)));
    }

    [Fact]
    public void Every_library_scheme_weighs_one_hundred()
    {
        foreach (AssessedKind kind in Enum.GetValues<AssessedKind>())
        {
            Assert.Equal(100m, IndicatorLibrary.Defaults(kind).Sum(i => i.Weight));
        }
    }
}
