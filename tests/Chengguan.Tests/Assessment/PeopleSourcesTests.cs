using Chengguan.Assessment;
using Chengguan.Surveys;
using Chengguan.Training;

namespace Chengguan.Tests.Assessment;

/// <summary>The pure rules of the training and survey sources: hours ÷ due capped, coverage per unit, and a street's surveys combined.</summary>
public sealed class PeopleSourcesTests
{
    [Theory]
    [InlineData(0, 40, 0)]
    [InlineData(10, 40, 0.25)]
    [InlineData(13, 39, 0.3333)]
    [InlineData(26, 39, 0.6667)]
    [InlineData(40, 40, 1)]
    [InlineData(55, 40, 1)]
    [InlineData(3, 0, 1)]
    public void Hours_share_is_hours_over_due_to_four_places_and_never_above_one(double hours, double due, double expected) =>
        Assert.Equal((decimal)expected, TrainingIndicatorSource.HoursShare(hours, due));

    [Fact]
    public void Coverage_counts_each_units_officers_who_meet_what_is_due_and_leaves_out_people_off_the_register()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid();
        Guid[] p = [.. Enumerable.Range(0, 5).Select(_ => Guid.NewGuid())];
        OfficerHoursToDate[] officers =
        [
            new(p[0], 12, 3, 10, 40, true), new(p[1], 4, 1, 10, 40, false), new(p[2], 0, 0, 10, 40, false),
            new(p[3], 10, 2, 10, 40, true), new(p[4], 30, 6, 10, 40, true),
        ];
        var unitOf = new Dictionary<Guid, Guid> { [p[0]] = a, [p[1]] = a, [p[2]] = a, [p[3]] = b };
        Dictionary<Guid, (int Met, int Officers)> coverage = TrainingIndicatorSource.UnitCoverage(officers, unitOf);
        Assert.Equal(2, coverage.Count);
        Assert.Equal((1, 3), coverage[a]);
        Assert.Equal((1, 1), coverage[b]);
    }

    [Theory]
    [InlineData(10, 10, true)]
    [InlineData(9.9999999999, 10, true)]
    [InlineData(9.5, 10, false)]
    [InlineData(0, 0, true)]
    public void Hours_meet_what_is_due_within_a_rounding_tolerance(double hours, double due, bool met) => Assert.Equal(met, TrainingRules.Meets(hours, due));

    private static StreetOverall Row(string period, double mean, long n, double min = 0, double max = 100) =>
        new(Guid.NewGuid(), period, Guid.Empty, mean, n, min, max);

    [Fact]
    public void One_survey_gives_its_mean_placed_on_the_scale_with_the_mean_over_the_top_and_its_analysis_link()
    {
        StreetOverall row = Row("2026H2", 85.5, 40);
        Figure f = SurveyIndicatorSource.Combine([row])!;
        Assert.Equal((0.855m, 85.5m, 100m), (f.Value!.Value, f.Numerator!.Value, f.Denominator!.Value));
        Assert.Equal($"/api/satisfaction/surveys/{row.SurveyId}/analysis?street={Guid.Empty}", f.Link);
        Assert.Equal(0.75m, SurveyIndicatorSource.Combine([Row("2026H1", 4, 10, 1, 5)])!.Value);
    }

    [Fact]
    public void Two_half_years_are_weighted_by_respondents_and_the_link_is_the_latest()
    {
        StreetOverall h1 = Row("2026H1", 80, 30), h2 = Row("2026H2", 90, 10);
        Figure f = SurveyIndicatorSource.Combine([h2, h1])!;
        Assert.Equal((0.825m, 82.5m, 100m), (f.Value!.Value, f.Numerator!.Value, f.Denominator!.Value));
        Assert.Contains(h2.SurveyId.ToString(), f.Link);
    }

    [Fact]
    public void Surveys_on_different_scales_give_the_share_without_a_raw_mean()
    {
        Figure f = SurveyIndicatorSource.Combine([Row("2026H1", 80, 10), Row("2026H2", 4, 10, 1, 5)])!;
        Assert.Equal(0.775m, f.Value);
        Assert.Null(f.Numerator);
        Assert.Null(f.Denominator);
    }

    [Fact]
    public void No_answers_or_no_scale_give_no_figure()
    {
        Assert.Null(SurveyIndicatorSource.Combine([]));
        Assert.Null(SurveyIndicatorSource.Combine([Row("2026H1", 80, 0)]));
        Assert.Null(SurveyIndicatorSource.Combine([Row("2026H1", 5, 10, 5, 5)]));
    }
}
