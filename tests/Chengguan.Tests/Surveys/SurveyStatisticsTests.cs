using Chengguan.Surveys;

namespace Chengguan.Tests.Surveys;

/// <summary>The survey statistics against published figures: t tables, Anscombe's quartet and Wikipedia's worked Welch examples.</summary>
public sealed class SurveyStatisticsTests
{
    // Two-sided 95% critical values of Student's t as printed in every t table (e.g. NIST/SEMATECH e-Handbook of
    // Statistical Methods, §1.3.6.7.2 "Critical values of the Student's t distribution", column 0.975).
    [Theory]
    [InlineData(1, 12.706)]
    [InlineData(2, 4.303)]
    [InlineData(4, 2.776)]
    [InlineData(10, 2.228)]
    [InlineData(30, 2.042)]
    [InlineData(100, 1.984)]
    public void T_quantile_matches_the_printed_table(int df, double expected) =>
        Assert.Equal(expected, SurveyStatistics.TQuantile(0.975, df), 3);

    [Fact]
    public void T_cdf_is_the_inverse_of_the_quantile_and_symmetric()
    {
        // NIST table, column 0.995: t(0.995, 5) = 4.032.
        Assert.Equal(4.032, SurveyStatistics.TQuantile(0.995, 5), 3);
        Assert.Equal(0.995, SurveyStatistics.TCdf(4.032, 5), 4);
        Assert.Equal(0.5, SurveyStatistics.TCdf(0, 7), 12);
        Assert.Equal(1 - SurveyStatistics.TCdf(1.3, 9), SurveyStatistics.TCdf(-1.3, 9), 12);
        // With one degree of freedom t is Cauchy: F(1) = 3/4 exactly.
        Assert.Equal(0.75, SurveyStatistics.TCdf(1, 1), 10);
    }

    [Fact]
    public void Incomplete_beta_matches_closed_forms()
    {
        // I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(1, b) = 1 − (1 − x)^b.
        Assert.Equal(0.3, SurveyStatistics.RegularizedIncompleteBeta(1, 1, 0.3), 12);
        Assert.Equal(Math.Pow(0.6, 3), SurveyStatistics.RegularizedIncompleteBeta(3, 1, 0.6), 12);
        Assert.Equal(1 - Math.Pow(0.8, 4), SurveyStatistics.RegularizedIncompleteBeta(1, 4, 0.2), 12);
        // ln Γ(10) = ln 9! = ln 362880.
        Assert.Equal(Math.Log(362880), SurveyStatistics.LogGamma(10), 10);
        Assert.Equal(0.5 * Math.Log(Math.PI), SurveyStatistics.LogGamma(0.5), 10);
    }

    // Anscombe, F. J. (1973), "Graphs in Statistical Analysis", The American Statistician 27(1): data set I has
    // mean of y 7.50, sample variance of y 4.127 and correlation 0.816.
    private static readonly double[] s_anscombeX = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5];
    private static readonly double[] s_anscombeY = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68];

    [Fact]
    public void Mean_sd_and_pearson_match_anscombe_data_set_one()
    {
        Sample y = SurveyStatistics.Describe(s_anscombeY);
        Assert.Equal(11, y.N);
        Assert.Equal(7.50, y.Mean, 2);
        Assert.Equal(4.127, y.Sd!.Value * y.Sd.Value, 3);
        Assert.Equal(0.816, SurveyStatistics.Pearson(s_anscombeX, s_anscombeY)!.Value, 3);
        Assert.Null(SurveyStatistics.Pearson([1, 2], [3, 4]));
        Assert.Null(SurveyStatistics.Pearson([1, 2, 3], [5, 5, 5]));
    }

    [Fact]
    public void Confidence_interval_is_mean_plus_minus_t_times_standard_error()
    {
        // Eleven values with sd s: half-width t(0.975, 10)·s/√11, t(0.975, 10) = 2.228 from the table.
        Sample y = SurveyStatistics.Describe(s_anscombeY);
        (double low, double high) = y.Ci95!.Value;
        double half = 2.228139 * y.Sd!.Value / Math.Sqrt(11);
        Assert.Equal(y.Mean - half, low, 4);
        Assert.Equal(y.Mean + half, high, 4);
        Assert.Null(new Sample(1, 5, null).Ci95);
    }

    // Wikipedia, "Welch's t-test", section "Examples": three pairs of samples with Welch's t, ν and p as printed
    // (t and p to two and three decimals, ν to the printed precision).
    public static TheoryData<double[], double[], double, double, double> WelchExamples => new()
    {
        {
            [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4],
            [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4],
            -2.46, 24.99, 0.021
        },
        {
            [17.2, 20.9, 22.6, 18.1, 21.7, 21.4, 23.5, 24.2, 14.7, 21.8],
            [21.5, 22.8, 21.0, 23.0, 21.6, 23.6, 22.5, 20.7, 23.4, 21.8, 20.7, 21.7, 21.5, 22.5, 23.6, 21.5, 22.5, 23.5, 21.5, 21.8],
            -1.57, 9.9, 0.149
        },
        {
            [19.8, 20.4, 19.6, 17.8, 18.5, 18.9, 18.3, 18.9, 19.5, 22.0],
            [28.2, 26.6, 20.1, 23.3, 25.2, 22.1, 17.7, 27.6, 20.6, 13.7, 23.2, 17.5, 20.6, 18.0, 23.9, 21.6, 24.3, 20.4, 23.9, 13.3],
            -2.23, 24.5, 0.036
        },
    };

    [Theory]
    [MemberData(nameof(WelchExamples))]
    public void Welch_matches_the_worked_examples(double[] a, double[] b, double t, double df, double p)
    {
        Sample x = SurveyStatistics.Describe(a), y = SurveyStatistics.Describe(b);
        WelchResult w = SurveyStatistics.Welch(x.Mean, x.Sd!.Value, x.N, y.Mean, y.Sd!.Value, y.N)!.Value;
        Assert.Equal(t, w.T, 0.006);
        Assert.Equal(df, w.Df, 0.051);
        Assert.Equal(p, w.P, 0.0006);
    }

    [Fact]
    public void Pooling_street_figures_gives_the_figures_of_the_union()
    {
        double[] a = [1, 2, 3, 4], b = [6, 8, 10];
        Sample pooled = SurveyStatistics.Pool([SurveyStatistics.Describe(a), SurveyStatistics.Describe(b)]);
        Sample union = SurveyStatistics.Describe([.. a, .. b]);
        Assert.Equal(union.N, pooled.N);
        Assert.Equal(union.Mean, pooled.Mean, 12);
        Assert.Equal(union.Sd!.Value, pooled.Sd!.Value, 12);
        Assert.Null(SurveyStatistics.Pool([new Sample(10, 5, null), new Sample(10, 6, 1)]).Sd);
    }

    [Fact]
    public void Quadrants_split_at_the_means()
    {
        Assert.Equal(Quadrants.FixFirst, Quadrants.Of(0.8, 60, 0.5, 70));
        Assert.Equal(Quadrants.KeepUp, Quadrants.Of(0.8, 80, 0.5, 70));
        Assert.Equal(Quadrants.FixLater, Quadrants.Of(0.2, 60, 0.5, 70));
        Assert.Equal(Quadrants.Surplus, Quadrants.Of(0.2, 80, 0.5, 70));
    }
}
