using System.Globalization;
using System.Text.RegularExpressions;
using Chengguan.Infrastructure;

namespace Chengguan.DistrictReports;

/// <summary>
/// A report's period on the Asia/Shanghai calendar: a month ("2026-11") or a quarter ("2026-Q4"), as whole days
/// <see cref="From"/>–<see cref="To"/> (inclusive) and the instants [<see cref="Start"/>, <see cref="End"/>).
/// </summary>
public sealed partial record ReportPeriod(ReportPeriodKind Kind, int Year, int Number)
{
    public DateOnly From => Kind == ReportPeriodKind.Month ? new DateOnly(Year, Number, 1) : new DateOnly(Year, (Number - 1) * 3 + 1, 1);

    public DateOnly To => From.AddMonths(Kind == ReportPeriodKind.Month ? 1 : 3).AddDays(-1);

    public DateTimeOffset Start => ShanghaiTime.StartOf(From);

    public DateTimeOffset End => ShanghaiTime.StartOf(To.AddDays(1));

    /// <summary>"2026-11" or "2026-Q4": the key reports of the period share.</summary>
    public string Key => Kind == ReportPeriodKind.Month
        ? string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Number:D2}")
        : string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Number}");

    /// <summary>"2026年11月" or "2026年第四季度", as the report says it.</summary>
    public string Label => Kind == ReportPeriodKind.Month
        ? string.Create(CultureInfo.InvariantCulture, $"{Year}年{Number}月")
        : string.Create(CultureInfo.InvariantCulture, $"{Year}年第{ReportText.Numeral(Number)}季度");

    /// <summary>The months of the period as yyyy-MM (one for a month, three for a quarter).</summary>
    public IEnumerable<string> Months =>
        Enumerable.Range(0, Kind == ReportPeriodKind.Month ? 1 : 3).Select(i => From.AddMonths(i).ToString("yyyy-MM", CultureInfo.InvariantCulture));

    /// <summary>Whether the period has begun by <paramref name="today"/> (a report of a future period has nothing to say).</summary>
    public bool BegunBy(DateOnly today) => From <= today;

    [GeneratedRegex(@"^(\d{4})(?:-(?:(\d{2})|Q([1-4]))|年(?:(\d{1,2})月|第?([1-4])季度))$")]
    private static partial Regex Pattern();

    /// <summary>
    /// Reads "yyyy-MM" or "yyyy-Qn", or as people write them, "2026年11月" and "2026年第4季度"; null when it is none of
    /// these (or the month is not 1–12, the year not 2000–2099).
    /// </summary>
    public static ReportPeriod? Parse(string? text)
    {
        Match m = Pattern().Match(text?.Trim() ?? "");
        if (!m.Success)
        {
            return null;
        }
        int year = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        if (year is < 2000 or > 2099)
        {
            return null;
        }
        Group monthGroup = m.Groups[2].Success ? m.Groups[2] : m.Groups[4];
        if (monthGroup.Success)
        {
            int month = int.Parse(monthGroup.Value, CultureInfo.InvariantCulture);
            return month is >= 1 and <= 12 ? new ReportPeriod(ReportPeriodKind.Month, year, month) : null;
        }
        Group quarter = m.Groups[3].Success ? m.Groups[3] : m.Groups[5];
        return new ReportPeriod(ReportPeriodKind.Quarter, year, int.Parse(quarter.Value, CultureInfo.InvariantCulture));
    }

    /// <summary>The period a report is usually written for on <paramref name="today"/>: the month (or quarter) just ended.</summary>
    public static ReportPeriod Previous(ReportPeriodKind kind, DateOnly today)
    {
        if (kind == ReportPeriodKind.Month)
        {
            DateOnly last = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
            return new ReportPeriod(kind, last.Year, last.Month);
        }
        int quarter = (today.Month - 1) / 3 + 1;
        return quarter == 1 ? new ReportPeriod(kind, today.Year - 1, 4) : new ReportPeriod(kind, today.Year, quarter - 1);
    }
}
