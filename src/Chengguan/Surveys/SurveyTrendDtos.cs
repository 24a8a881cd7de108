namespace Chengguan.Surveys;

/// <summary>A figure of one period: mean, n and the 95% CI (the CI only when there is an sd: respondent data, or summaries with sd).</summary>
public sealed record TrendValue(double? Mean, int N, double? Ci95Low, double? Ci95High)
{
    public static TrendValue Of(Sample s) => s.N > 0 ? new TrendValue(s.Mean, s.N, s.Ci95?.Low, s.Ci95?.High) : new TrendValue(null, 0, null, null);
}

/// <summary>One period of a trend: the district's figure and, when a street was asked for, the street's.</summary>
public sealed record TrendPoint(Guid SurveyId, string Period, string Level, TrendValue District, TrendValue? Street);

/// <summary>An indicator across the kind's periods (oldest first), district-wide and optionally for one street.</summary>
public sealed record SurveyTrendDto(string Kind, string KindName, string Indicator, string IndicatorName, Guid? StreetId, string? Street,
    IReadOnlyList<TrendPoint> Points);

/// <summary>One bar of a cell's distribution of answers: answers in [From, To) — the last bar includes the scale's top.</summary>
public sealed record HistogramBin(double From, double To, int Count);

/// <summary>A rectification item that answers a cell (same indicator and street, from this survey or one not named).</summary>
public sealed record CellRectification(Guid ItemId, Guid PlanId, string PlanPeriod, int Number, string Problem, string State);

/// <summary>
/// The drill-down of one priority cell (indicator × street): the street against the district and the previous period, the
/// distribution of the street's answers (respondent data only), the street's hotline figures for the half-year, how many cases
/// the street reported in it (with the bounds for the case list's filter) and the rectification items that already answer it.
/// </summary>
public sealed record SurveyCellDto(Guid SurveyId, string Period, string Level, string Indicator, string IndicatorName, Guid StreetId, string Street,
    TrendValue Cell, TrendValue District, double? Importance, double? Score, string? PreviousPeriod, TrendValue? Previous, double? Change, double? PValue,
    bool? Significant, double ScaleMin, double ScaleMax, IReadOnlyList<HistogramBin> Distribution, StreetHotline? Hotline,
    DateTimeOffset? CasesFrom, DateTimeOffset? CasesTo, int Cases, IReadOnlyList<CellRectification> Rectification);

/// <summary>A cell's distribution of answers over the survey's scale. Pure.</summary>
public static class SurveyHistogram
{
    /// <summary>Most bars a distribution has: one per scale point on a short scale (1–5, 0–10), ten equal bars on a long one (0–100).</summary>
    public const int MaxBins = 10;

    public static IReadOnlyList<HistogramBin> Of(double scaleMin, double scaleMax, IEnumerable<float> answers)
    {
        double span = scaleMax - scaleMin;
        if (!(span > 0))
        {
            return [];
        }
        // A short integer scale gets a bar per point, centred on it (1–5 → [0.5,1.5) … [4.5,5.5]); a long one ten equal bars.
        bool points = span <= MaxBins && scaleMin == Math.Floor(scaleMin) && scaleMax == Math.Floor(scaleMax);
        int bins = points ? (int)span + 1 : MaxBins;
        double low = points ? scaleMin - 0.5 : scaleMin;
        double width = points ? 1 : span / bins;
        var counts = new int[bins];
        foreach (float a in answers)
        {
            if (float.IsNaN(a) || a < scaleMin || a > scaleMax)
            {
                continue;
            }
            counts[Math.Clamp((int)Math.Floor((a - low) / width), 0, bins - 1)]++;
        }
        return [.. counts.Select((c, i) => new HistogramBin(low + i * width, low + (i + 1) * width, c))];
    }
}
