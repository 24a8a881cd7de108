using System.Globalization;
using Chengguan.Infrastructure;

namespace Chengguan.Assessment;

/// <summary>Assessment periods as Shanghai calendar spans: a month "2026-11", a quarter "2026-Q4", a year "2026".</summary>
public static partial class Periods
{
    /// <summary>The first and last day of the period named by <paramref name="key"/>, or null when the key is not of its kind.</summary>
    public static (DateOnly From, DateOnly To)? Span(PeriodKind kind, string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }
        key = Canonical(key.Trim());
        switch (kind)
        {
            case PeriodKind.Month when DateOnly.TryParseExact(key + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly first):
                return (first, first.AddMonths(1).AddDays(-1));
            case PeriodKind.Quarter when key.Length == 7 && key[4..6] is "-Q" && int.TryParse(key[..4], NumberStyles.None, CultureInfo.InvariantCulture, out int year)
                && key[6] is >= '1' and <= '4' && year >= 2000:
                var start = new DateOnly(year, (key[6] - '1') * 3 + 1, 1);
                return (start, start.AddMonths(3).AddDays(-1));
            case PeriodKind.Year when key.Length == 4 && int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out int y) && y >= 2000:
                return (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31));
            default:
                return null;
        }
    }

    /// <summary>As people write a period — 2026年11月, 2026年第4季度 (or 4季度), 2026年(度) — in the keys' form; anything else unchanged.</summary>
    public static string Canonical(string key)
    {
        System.Text.RegularExpressions.Match m = ChineseKey().Match(key);
        if (!m.Success)
        {
            return key;
        }
        string year = m.Groups[1].Value;
        return m.Groups[2].Success ? $"{year}-{int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture):00}"
            : m.Groups[3].Success ? $"{year}-Q{m.Groups[3].Value}"
            : year;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(\d{4})年(?:(\d{1,2})月|第?([1-4])季度|度?)$")]
    private static partial System.Text.RegularExpressions.Regex ChineseKey();

    /// <summary>The key of the period of the kind that contains <paramref name="day"/>.</summary>
    public static string KeyOf(PeriodKind kind, DateOnly day) => kind switch
    {
        PeriodKind.Month => day.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        PeriodKind.Quarter => $"{day.Year}-Q{(day.Month - 1) / 3 + 1}",
        _ => day.Year.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The period's default Chinese name: 2026年11月、2026年第四季度、2026年度.</summary>
    public static string NameOf(PeriodKind kind, DateOnly from) => kind switch
    {
        PeriodKind.Month => $"{from.Year}年{from.Month}月",
        PeriodKind.Quarter => $"{from.Year}年第{"一二三四"[(from.Month - 1) / 3]}季度",
        _ => $"{from.Year}年度",
    };

    public static AssessmentWindow Window(DateOnly from, DateOnly to) => new(from, to, ShanghaiTime.StartOf(from), ShanghaiTime.StartOf(to.AddDays(1)));
}
