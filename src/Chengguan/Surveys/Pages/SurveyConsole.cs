using System.Globalization;

namespace Chengguan.Surveys.Pages;

/// <summary>How the survey pages write numbers, and the geometry of the importance–performance chart (inline SVG, no script).</summary>
public static class SurveyConsole
{
    public static string Number(double? v, int decimals = 1) => v is { } x ? Math.Round(x, decimals).ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture) : "—";

    public static string Fixed(double? v, string format) => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) : "—";

    public static string Percent(decimal? rate) => rate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Color(string? quadrant) => quadrant switch
    {
        Quadrants.FixFirst => "#c62828",
        Quadrants.KeepUp => "#2e7d32",
        Quadrants.FixLater => "#ef6c00",
        Quadrants.Surplus => "#1565c0",
        _ => "#757575",
    };

    /// <summary>A point of the chart: the indicator's place in a <paramref name="width"/> × <paramref name="height"/> plot, importance across, mean up.</summary>
    public sealed record ChartPoint(string Code, string Name, string? Quadrant, double X, double Y);

    public sealed record Chart(IReadOnlyList<ChartPoint> Points, double MeanX, double MeanY, string XLow, string XHigh, string YLow, string YHigh);

    /// <summary>The viewBox, the margin, and the plot's right edge: room on the right for the labels of the most important indicators.</summary>
    public const double Width = 640, Height = 360, Pad = 40, Right = Width - 110;

    public static Chart? Layout(SurveyAnalysisDto analysis)
    {
        var graded = analysis.Indicators.Where(i => i.Importance is not null && i.Mean is not null).ToList();
        if (graded.Count == 0 || analysis.MeanImportance is not { } mi || analysis.MeanPerformance is not { } mp)
        {
            return null;
        }
        double x0 = Math.Min(0, graded.Min(i => i.Importance!.Value)), x1 = Math.Max(x0 + 0.1, graded.Max(i => i.Importance!.Value));
        double y0 = graded.Min(i => i.Mean!.Value), y1 = graded.Max(i => i.Mean!.Value);
        double padY = Math.Max(0.5, (y1 - y0) * 0.15);
        (y0, y1) = (y0 - padY, y1 + padY);
        double X(double v) => Pad + (v - x0) / (x1 - x0) * (Right - Pad);
        double Y(double v) => Height - Pad - (v - y0) / (y1 - y0) * (Height - 2 * Pad);
        return new Chart([.. graded.Select(i => new ChartPoint(i.Code, i.Name, i.Quadrant, X(i.Importance!.Value), Y(i.Mean!.Value)))], X(mi), Y(mp),
            Number(x0, 2), Number(x1, 2), Number(y0), Number(y1));
    }

    public static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
