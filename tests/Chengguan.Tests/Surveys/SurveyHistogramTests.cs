using Chengguan.Surveys;
using Chengguan.Surveys.Pages;

namespace Chengguan.Tests.Surveys;

/// <summary>A cell's distribution of answers and the console's geometry of the trend and distribution charts.</summary>
public sealed class SurveyHistogramTests
{
    [Fact]
    public void A_short_scale_gets_a_bar_per_point_and_a_long_one_ten_equal_bars()
    {
        IReadOnlyList<HistogramBin> five = SurveyHistogram.Of(1, 5, [1, 2, 2, 5, float.NaN, 4.4f, 4.6f, 0, 6]);
        Assert.Equal([1, 2, 0, 1, 2], five.Select(b => b.Count));
        Assert.Equal((0.5, 1.5), (five[0].From, five[0].To));

        IReadOnlyList<HistogramBin> hundred = SurveyHistogram.Of(0, 100, [0, 9.9f, 10, 55, 99, 100, -1, 101]);
        Assert.Equal(10, hundred.Count);
        Assert.Equal([2, 1, 0, 0, 0, 1, 0, 0, 0, 2], hundred.Select(b => b.Count));
        Assert.Equal((90.0, 100.0), (hundred[9].From, hundred[9].To));

        // A scale of fractional ends has no points to count: ten bars.
        Assert.Equal(10, SurveyHistogram.Of(0.5, 4.5, [1]).Count);
        Assert.Empty(SurveyHistogram.Of(5, 5, [5]));
    }

    [Fact]
    public void The_trend_chart_spreads_periods_across_and_holds_every_interval()
    {
        var trend = new SurveyTrendDto("k", "测评", "a", "执法态度", Guid.NewGuid(), "彭浦镇",
        [
            new TrendPoint(Guid.NewGuid(), "2025H1", "summaries", new TrendValue(70, 100, null, null), new TrendValue(null, 0, null, null)),
            new TrendPoint(Guid.NewGuid(), "2025H2", "respondents", new TrendValue(72, 100, 70, 74), new TrendValue(68, 20, 60, 76)),
            new TrendPoint(Guid.NewGuid(), "2026H1", "respondents", new TrendValue(75, 100, 73, 77), new TrendValue(71, 20, 65, 77)),
        ]);
        SurveyConsole.TrendChart chart = SurveyConsole.Trend(trend)!;
        Assert.Equal(3, chart.Marks.Count);
        Assert.True(chart.Marks[0].X < chart.Marks[1].X && chart.Marks[1].X < chart.Marks[2].X);
        Assert.Null(chart.Marks[0].Street);
        // Higher means are drawn higher (smaller y), and every CI end lies inside the plot.
        Assert.True(chart.Marks[2].District!.Y < chart.Marks[0].District!.Y);
        Assert.All(chart.Marks.SelectMany(m => new[] { m.District, m.Street }).Where(y => y is not null).SelectMany(y => new[] { y!.Y, y.Low ?? y.Y, y.High ?? y.Y }),
            y => Assert.InRange(y, SurveyConsole.Pad, SurveyConsole.Height - SurveyConsole.Pad));
        Assert.Equal(3, chart.Line(street: false).Split(' ').Length);
        Assert.Equal(2, chart.Line(street: true).Split(' ').Length);

        Assert.Null(SurveyConsole.Trend(trend with { Points = [new TrendPoint(Guid.NewGuid(), "2025H1", "none", new TrendValue(null, 0, null, null), null)] }));
    }

    [Fact]
    public void Distribution_bars_are_as_tall_as_their_counts()
    {
        IReadOnlyList<SurveyConsole.Bar> bars = SurveyConsole.Bars(SurveyHistogram.Of(1, 5, [1, 3, 3, 3, 5, 5]));
        Assert.Equal(["1", "2", "3", "4", "5"], bars.Select(b => b.Label));
        Assert.Equal(0, bars[1].H);
        Assert.Equal(bars[2].H, 3 * bars[0].H, 9);
        Assert.Equal("0–10", SurveyConsole.Bars(SurveyHistogram.Of(0, 100, [5]))[0].Label);
        Assert.Empty(SurveyConsole.Bars([]));
    }
}
