namespace Chengguan.Surveys;

/// <summary>Count, mean and sample standard deviation of a sample, and its 95% confidence interval for the mean.</summary>
public readonly record struct Sample(int N, double Mean, double? Sd)
{
    /// <summary>Mean ± t(0.975, n−1)·sd/√n; null below two answers or without a standard deviation.</summary>
    public (double Low, double High)? Ci95 => N >= 2 && Sd is { } sd && !double.IsNaN(sd)
        ? (Mean - SurveyStatistics.TQuantile(0.975, N - 1) * sd / Math.Sqrt(N), Mean + SurveyStatistics.TQuantile(0.975, N - 1) * sd / Math.Sqrt(N))
        : null;
}

/// <summary>Welch's two-sample t-test: the statistic, the Welch–Satterthwaite degrees of freedom and the two-sided p-value.</summary>
public readonly record struct WelchResult(double T, double Df, double P);

/// <summary>Running count, mean and sum of squares of one sample (Welford's update: 20,000 answers lose no precision).</summary>
public struct Moments
{
    private double _mean, _m2;

    public int N { get; private set; }

    public void Add(double x)
    {
        N++;
        double d = x - _mean;
        _mean += d / N;
        _m2 += d * (x - _mean);
    }

    public readonly Sample Sample => new(N, N == 0 ? double.NaN : _mean, N >= 2 ? Math.Sqrt(_m2 / (N - 1)) : null);
}

/// <summary>
/// The pure statistics of the survey analysis, in one place with tests against published worked examples:
/// mean and sample standard deviation, Student's t distribution (through the regularized incomplete beta function),
/// its quantile for confidence intervals, Pearson's correlation and Welch's two-sample t-test.
/// </summary>
public static class SurveyStatistics
{
    public static Sample Describe(IEnumerable<double> values)
    {
        var m = new Moments();
        foreach (double v in values)
        {
            m.Add(v);
        }
        return m.Sample;
    }

    /// <summary>Pearson's product-moment correlation of paired values; null below three pairs or when either side is constant.</summary>
    public static double? Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count)
        {
            throw new ArgumentException("Pearson needs pairs.", nameof(y));
        }
        var p = new PairMoments();
        for (int i = 0; i < x.Count; i++)
        {
            p.Add(x[i], y[i]);
        }
        return p.Correlation;
    }

    /// <summary>Welch's test of two samples given as mean, standard deviation and size; null when either has fewer than two or both no spread.</summary>
    public static WelchResult? Welch(double mean1, double sd1, int n1, double mean2, double sd2, int n2)
    {
        if (n1 < 2 || n2 < 2)
        {
            return null;
        }
        double v1 = sd1 * sd1 / n1, v2 = sd2 * sd2 / n2;
        if (v1 + v2 <= 0)
        {
            return null;
        }
        double t = (mean1 - mean2) / Math.Sqrt(v1 + v2);
        double df = (v1 + v2) * (v1 + v2) / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1));
        return new WelchResult(t, df, TwoSidedP(t, df));
    }

    /// <summary>P(|T| ≥ |t|) for Student's t with <paramref name="df"/> degrees of freedom: I_{df/(df+t²)}(df/2, 1/2).</summary>
    public static double TwoSidedP(double t, double df) => RegularizedIncompleteBeta(df / 2, 0.5, df / (df + t * t));

    /// <summary>Student's t cumulative distribution function.</summary>
    public static double TCdf(double t, double df)
    {
        double tail = 0.5 * RegularizedIncompleteBeta(df / 2, 0.5, df / (df + t * t));
        return t >= 0 ? 1 - tail : tail;
    }

    /// <summary>The quantile of Student's t: the t with TCdf(t, df) = p, by bisection on the CDF (60 halvings reach double precision).</summary>
    public static double TQuantile(double p, double df)
    {
        if (p is <= 0 or >= 1 || df <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(p));
        }
        if (p < 0.5)
        {
            return -TQuantile(1 - p, df);
        }
        double low = 0, high = 1;
        while (TCdf(high, df) < p)
        {
            high *= 2;
        }
        for (int i = 0; i < 200 && high - low > 1e-12 * high; i++)
        {
            double mid = (low + high) / 2;
            if (TCdf(mid, df) < p)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }
        return (low + high) / 2;
    }

    /// <summary>
    /// I_x(a, b) by the continued fraction of Numerical Recipes (§6.4, modified Lentz), using the symmetry
    /// I_x(a, b) = 1 − I_{1−x}(b, a) where the fraction converges slowly.
    /// </summary>
    public static double RegularizedIncompleteBeta(double a, double b, double x)
    {
        if (x <= 0)
        {
            return 0;
        }
        if (x >= 1)
        {
            return 1;
        }
        double front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x));
        return x < (a + 1) / (a + b + 2)
            ? front * BetaFraction(a, b, x) / a
            : 1 - front * BetaFraction(b, a, 1 - x) / b;
    }

    private static double BetaFraction(double a, double b, double x)
    {
        const double Tiny = 1e-300, Epsilon = 1e-15;
        double qab = a + b, qap = a + 1, qam = a - 1;
        double c = 1, d = 1 - qab * x / qap;
        d = Math.Abs(d) < Tiny ? Tiny : d;
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= 300; m++)
        {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = 1 + aa / c;
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = 1 + aa / c;
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon)
            {
                break;
            }
        }
        return h;
    }

    /// <summary>ln Γ(x) for x &gt; 0 by the Lanczos approximation (g = 7, nine coefficients; about 15 significant digits).</summary>
    public static double LogGamma(double x)
    {
        ReadOnlySpan<double> c =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        if (x < 0.5)
        {
            // Reflection: Γ(x)Γ(1−x) = π / sin(πx).
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }
        x -= 1;
        double sum = c[0];
        for (int i = 1; i < c.Length; i++)
        {
            sum += c[i] / (x + i);
        }
        double t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    /// <summary>
    /// Pools street figures (mean, n, sd) into one sample: the mean weighted by n and, when every part has its sd,
    /// the standard deviation of the union (within-part plus between-part sums of squares over N − 1).
    /// </summary>
    public static Sample Pool(IEnumerable<Sample> parts)
    {
        List<Sample> list = [.. parts.Where(p => p.N > 0)];
        int n = list.Sum(p => p.N);
        if (n == 0)
        {
            return new Sample(0, double.NaN, null);
        }
        double mean = list.Sum(p => p.N * p.Mean) / n;
        if (n < 2 || list.Any(p => p.Sd is null && p.N > 1))
        {
            return new Sample(n, mean, null);
        }
        double ss = list.Sum(p => (p.N - 1) * (p.Sd ?? 0) * (p.Sd ?? 0) + p.N * (p.Mean - mean) * (p.Mean - mean));
        return new Sample(n, mean, Math.Sqrt(ss / (n - 1)));
    }
}

/// <summary>Running co-moments of pairs (Welford) for Pearson's r.</summary>
public struct PairMoments
{
    private double _meanX, _meanY, _m2X, _m2Y, _cXY;

    public int N { get; private set; }

    public void Add(double x, double y)
    {
        N++;
        double dx = x - _meanX;
        double dy = y - _meanY;
        _meanX += dx / N;
        _meanY += dy / N;
        _m2X += dx * (x - _meanX);
        _m2Y += dy * (y - _meanY);
        _cXY += dx * (y - _meanY);
    }

    /// <summary>Pearson's r; null below three pairs or when either variable is constant.</summary>
    public readonly double? Correlation => N >= 3 && _m2X > 0 && _m2Y > 0 ? _cXY / Math.Sqrt(_m2X * _m2Y) : null;
}
