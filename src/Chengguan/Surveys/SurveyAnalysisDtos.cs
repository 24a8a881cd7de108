namespace Chengguan.Surveys;

/// <summary>
/// One indicator's analysis for the district or a street: performance (mean, n, 95% CI), derived importance (Pearson's r with
/// overall satisfaction), its quadrant of the importance–performance grid, and the change since the kind's previous period with
/// Welch's two-sided p-value (null without standard deviations).
/// </summary>
public sealed record IndicatorAnalysis(string Code, string Name, string? Parent, double? Mean, int N, double? Sd, double? Ci95Low, double? Ci95High,
    double? Importance, bool LowConfidence, string? Quadrant, double? PreviousMean, double? Change, double? PValue, bool? Significant);

/// <summary>An indicator × street cell to fix: score = importance × (district mean − street mean).</summary>
public sealed record PriorityCell(string Indicator, string IndicatorName, Guid StreetId, string Street, double Score, double StreetMean, double DistrictMean);

/// <summary>The same street's daily work in the survey's half-year, from the KPIs: callback satisfaction and rework rate (percent).</summary>
public sealed record StreetHotline(Guid StreetId, string Street, decimal? Satisfaction, long Callbacks, decimal? Rework, long Disposals);

public sealed record SurveyAnalysisDto(Guid SurveyId, string Kind, string KindName, string Period, string Level, Guid? StreetId, string? Street,
    string? PreviousPeriod, double? MeanImportance, double? MeanPerformance, IReadOnlyList<IndicatorAnalysis> Indicators,
    IReadOnlyList<PriorityCell> Priority, IReadOnlyList<StreetHotline> Hotline);

/// <summary>The quadrants of the importance–performance grid, against the means of importance and performance over the indicators.</summary>
public static class Quadrants
{
    public const string FixFirst = "重点改进";
    public const string KeepUp = "继续保持";
    public const string FixLater = "次要改进";
    public const string Surplus = "锦上添花";

    public static string Of(double importance, double mean, double meanImportance, double meanPerformance) =>
        importance >= meanImportance
            ? (mean < meanPerformance ? FixFirst : KeepUp)
            : (mean < meanPerformance ? FixLater : Surplus);
}
