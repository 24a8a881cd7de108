using Chengguan.Evaluation;

namespace Chengguan.Tests.Evaluation;

/// <summary>The evaluation's pure rules: bimonthly periods, the minimum group size, trimming, weighted totals and competition ranks.</summary>
public sealed class EvaluationRulesTests
{
    private static Sheet S(decimal score, params int[] points) => new(score, points.Length == 0 ? [(int)score] : points);

    [Fact]
    public void Every_day_of_a_year_falls_in_the_period_of_its_two_months_and_periods_tile_the_year()
    {
        for (var day = new DateOnly(2024, 1, 1); day <= new DateOnly(2025, 12, 31); day = day.AddDays(1))
        {
            BimonthlyPeriod p = BimonthlyPeriod.Of(day);
            Assert.Equal(day.Year, p.Year);
            Assert.Equal((day.Month - 1) / 2 + 1, p.Number);
            Assert.True(p.Contains(day));
            Assert.False(p.Next.Contains(day));
            Assert.False(p.Previous.Contains(day));
        }
        for (var p = new BimonthlyPeriod(2023, 6); p.Year < 2026; p = p.Next)
        {
            Assert.Equal(p.Last.AddDays(1), p.Next.First);
            Assert.Equal(p, p.Next.Previous);
            Assert.Equal(p.Ordinal + 1, p.Next.Ordinal);
            Assert.True(p.CompareTo(p.Next) < 0);
        }
    }

    [Fact]
    public void Period_bounds_and_labels_follow_the_calendar()
    {
        Assert.Equal(new DateOnly(2026, 11, 1), new BimonthlyPeriod(2026, 6).First);
        Assert.Equal(new DateOnly(2026, 12, 31), new BimonthlyPeriod(2026, 6).Last);
        Assert.Equal(new DateOnly(2024, 2, 29), new BimonthlyPeriod(2024, 1).Last);
        Assert.Equal(new DateOnly(2025, 2, 28), new BimonthlyPeriod(2025, 1).Last);
        Assert.Equal(new BimonthlyPeriod(2027, 1), new BimonthlyPeriod(2026, 6).Next);
        Assert.Equal(new BimonthlyPeriod(2025, 6), new BimonthlyPeriod(2026, 1).Previous);
        Assert.Equal("2026年第6期（11–12月）", new BimonthlyPeriod(2026, 6).Label);
        Assert.True(BimonthlyPeriod.IsValid(2026, 1));
        Assert.False(BimonthlyPeriod.IsValid(2026, 0));
        Assert.False(BimonthlyPeriod.IsValid(2026, 7));
        Assert.False(BimonthlyPeriod.IsValid(1999, 3));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    [InlineData(9, true)]
    public void A_group_is_shown_only_with_at_least_three_sheets(int sheets, bool shown)
    {
        GroupResult g = EvaluationRules.Group(RaterGroup.Peers, [.. Enumerable.Range(0, sheets).Select(i => S(80, 80, 80))], 2);
        Assert.Equal(shown, g.Shown);
        Assert.Equal(sheets, g.Raters);
        if (!shown)
        {
            Assert.Null(g.Score);
            Assert.Null(g.ItemMeans);
            Assert.Equal(0, g.Counted);
        }
    }

    [Fact]
    public void Under_five_sheets_nothing_is_trimmed_from_five_on_one_highest_and_one_lowest_are_dropped()
    {
        for (int n = 0; n <= 12; n++)
        {
            Sheet[] sheets = [.. Enumerable.Range(0, n).Select(i => S(40 + (i * 37 % 61)))];
            IReadOnlyList<Sheet> kept = EvaluationRules.Trim(sheets);
            if (n < 5)
            {
                Assert.Equal(sheets, kept);
                continue;
            }
            Assert.Equal(n - 2, kept.Count);
            List<decimal> sorted = [.. sheets.Select(s => s.Score).Order()];
            Assert.Equal(sorted.Skip(1).Take(n - 2), kept.Select(s => s.Score).Order());
        }
    }

    [Fact]
    public void Trimming_drops_only_one_of_equal_extremes()
    {
        IReadOnlyList<Sheet> kept = EvaluationRules.Trim([S(100), S(100), S(80), S(60), S(60)]);
        Assert.Equal(new[] { 100m, 80m, 60m }, kept.Select(s => s.Score));
        IReadOnlyList<Sheet> same = EvaluationRules.Trim([S(80), S(80), S(80), S(80), S(80)]);
        Assert.Equal(3, same.Count);
    }

    [Fact]
    public void Group_score_and_item_means_are_over_the_sheets_kept()
    {
        // Five sheets: 100 and 40 are dropped; 80, 70, 90 remain.
        Sheet[] sheets = [new(100, [100, 100]), new(80, [80, 80]), new(40, [40, 40]), new(70, [60, 80]), new(90, [100, 80])];
        GroupResult g = EvaluationRules.Group(RaterGroup.Leaders, sheets, 2);
        Assert.True(g.Shown);
        Assert.Equal(5, g.Raters);
        Assert.Equal(3, g.Counted);
        Assert.Equal(80m, g.Score);
        Assert.Equal(new[] { 80m, 80m }, g.ItemMeans);
        GroupResult four = EvaluationRules.Group(RaterGroup.Leaders, sheets[..4], 2);
        Assert.Equal(4, four.Counted);
        Assert.Equal(72.5m, four.Score);
        Assert.Equal(new[] { 70m, 75m }, four.ItemMeans);
    }

    [Fact]
    public void The_weighted_total_renormalises_over_the_groups_shown()
    {
        var w = new GroupWeights(50, 25, 25);
        GroupResult L(decimal? s) => new(RaterGroup.Leaders, 3, 3, s is not null, s, null);
        GroupResult P(decimal? s) => new(RaterGroup.Peers, 3, 3, s is not null, s, null);
        GroupResult U(decimal? s) => new(RaterGroup.Subordinates, 3, 3, s is not null, s, null);
        Assert.Equal(85m, EvaluationRules.WeightedTotal([L(90), P(80), U(80)], w));
        Assert.Equal(86.67m, EvaluationRules.WeightedTotal([L(90), P(null), U(80)], w));
        Assert.Equal(80m, EvaluationRules.WeightedTotal([L(null), P(null), U(80)], w));
        Assert.Equal(85m, EvaluationRules.WeightedTotal([L(null), P(90), U(80)], w));
        Assert.Null(EvaluationRules.WeightedTotal([L(null), P(null), U(null)], w));
        Assert.Null(EvaluationRules.WeightedTotal([], w));
        Assert.Null(EvaluationRules.WeightedTotal([L(90)], new GroupWeights(0, 50, 50)));
        Assert.Equal(90m, EvaluationRules.WeightedTotal([L(90), P(70)], new GroupWeights(100, 0, 0)));
    }

    [Fact]
    public void Ranks_are_competition_ranks_and_those_without_a_total_are_not_ranked()
    {
        Dictionary<string, int> r = EvaluationRules.Ranks([("a", 90m), ("b", 85m), ("c", 90m), ("d", null), ("e", 80m), ("f", 85.001m)]);
        Assert.Equal(1, r["a"]);
        Assert.Equal(1, r["c"]);
        Assert.Equal(3, r["b"]);
        Assert.Equal(3, r["f"]);
        Assert.Equal(5, r["e"]);
        Assert.False(r.ContainsKey("d"));
        Assert.Empty(EvaluationRules.Ranks<string>([]));
        Assert.Equal(1, EvaluationRules.Ranks([("x", (decimal?)0m)])["x"]);
    }

    [Fact]
    public void A_sheet_score_is_the_items_mean_over_the_scale_top()
    {
        Assert.Equal(100m, EvaluationRules.SheetScore([100, 100, 100, 100, 100], 100));
        Assert.Equal(84m, EvaluationRules.SheetScore([100, 80, 80, 80, 80], 100));
        Assert.Equal(70m, EvaluationRules.SheetScore([7, 7, 7], 10));
        Assert.Equal(66.67m, EvaluationRules.SheetScore([6, 7, 7], 10));
        Assert.Equal(0m, EvaluationRules.SheetScore([], 100));
        Assert.Equal(0m, EvaluationRules.SheetScore([5], 0));
    }

    [Fact]
    public void Who_rates_whom_leaders_and_peers_everyone_but_themselves_subordinates_their_own_unit()
    {
        Guid unitA = Guid.NewGuid(), unitB = Guid.NewGuid(), me = Guid.NewGuid();
        var cadre = new EvaluationCadre { PersonId = me, Name = "甲", UnitId = unitA, UnitName = "A" };
        var other = new EvaluationCadre { PersonId = Guid.NewGuid(), Name = "乙", UnitId = unitB, UnitName = "B" };
        foreach (RaterGroup g in Enum.GetValues<RaterGroup>())
        {
            var self = new EvaluationRater { Group = g, PersonId = me, Name = "甲", UnitId = unitA, UnitName = "A" };
            Assert.False(EvaluationData.Rates(self, cadre));
            var r = new EvaluationRater { Group = g, PersonId = Guid.NewGuid(), Name = "丙", UnitId = unitA, UnitName = "A" };
            Assert.True(EvaluationData.Rates(r, cadre));
            Assert.Equal(g != RaterGroup.Subordinates, EvaluationData.Rates(r, other));
        }
    }
}
