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

    /// <summary>A period of the trend chart: where it sits across, and the district's and the street's mean with the CI's ends up the plot (null: no figure).</summary>
    public sealed record TrendMark(string Period, double X, TrendY? District, TrendY? Street);

    public sealed record TrendY(double Y, double? Low, double? High, string Label);

    public sealed record TrendChart(IReadOnlyList<TrendMark> Marks, string YLow, string YHigh)
    {
        /// <summary>The polyline of one series through the periods that have a figure (SVG "x,y x,y").</summary>
        public string Line(bool street) => string.Join(' ', Marks.Select(m => (m.X, Y: street ? m.Street : m.District)).Where(p => p.Y is not null).Select(p => $"{F(p.X)},{F(p.Y!.Y)}"));
    }

    /// <summary>The trend chart's geometry: periods evenly across, means up on a range that holds every CI; null when no period has a figure.</summary>
    public static TrendChart? Trend(SurveyTrendDto trend)
    {
        var values = trend.Points.SelectMany(p => new[] { p.District, p.Street }).Where(v => v?.Mean is not null).Select(v => v!).ToList();
        if (values.Count == 0)
        {
            return null;
        }
        double y0 = values.Min(v => v.Ci95Low ?? v.Mean!.Value), y1 = values.Max(v => v.Ci95High ?? v.Mean!.Value);
        double pad = Math.Max(0.5, (y1 - y0) * 0.15);
        (y0, y1) = (y0 - pad, y1 + pad);
        int n = trend.Points.Count;
        double X(int i) => n == 1 ? (Pad + Right) / 2 : Pad + 20 + i * (Right - Pad - 40) / (n - 1);
        double Y(double v) => Height - Pad - (v - y0) / (y1 - y0) * (Height - 2 * Pad);
        TrendY? Mark(TrendValue? v) => v?.Mean is { } m ? new TrendY(Y(m), v.Ci95Low is { } lo ? Y(lo) : null, v.Ci95High is { } hi ? Y(hi) : null, Number(m, 1)) : null;
        return new TrendChart([.. trend.Points.Select((p, i) => new TrendMark(p.Period, X(i), Mark(p.District), Mark(p.Street)))], Number(y0), Number(y1));
    }

    /// <summary>A histogram's bars in a <see cref="Width"/> × <see cref="BarsHeight"/> box: x, width, y and height of each, tallest to the top.</summary>
    public sealed record Bar(double X, double W, double Y, double H, int Count, string Label);

    public const double BarsHeight = 200;

    private static string Whole(double v) => Math.Round(v).ToString("0", CultureInfo.InvariantCulture);

    public static IReadOnlyList<Bar> Bars(IReadOnlyList<HistogramBin> bins)
    {
        if (bins.Count == 0)
        {
            return [];
        }
        int max = Math.Max(1, bins.Max(b => b.Count));
        double w = (Right - Pad) / bins.Count;
        bool points = bins.All(b => b.To - b.From == 1);
        return [.. bins.Select((b, i) =>
        {
            double h = b.Count * (BarsHeight - 2 * Pad) / max;
            string label = points ? Whole((b.From + b.To) / 2) : $"{Whole(b.From)}–{Whole(b.To)}";
            return new Bar(Pad + i * w + 2, w - 4, BarsHeight - Pad - h, h, b.Count, label);
        })];
    }
}
