using System.Globalization;
using Chengguan.Infrastructure;

namespace Chengguan.Kpis;

public enum KpiGrouping
{
    Street,
    Unit,
}

public enum KpiPart
{
    Numerator,
    Denominator,
}

/// <summary>
/// A statistics period: whole days in Asia/Shanghai from <see cref="From"/> to <see cref="To"/>
/// inclusive, as the half-open instant range [<see cref="Start"/>, <see cref="End"/>).
/// </summary>
public sealed record KpiPeriod(DateOnly From, DateOnly To, DateTimeOffset Start, DateTimeOffset End)
{
    public static KpiPeriod Of(DateOnly from, DateOnly to, TimeZoneInfo zone) => new(from, to, MidnightOf(from, zone), MidnightOf(to.AddDays(1), zone));

    /// <summary>The calendar month of <paramref name="now"/> in the zone.</summary>
    public static KpiPeriod MonthOf(DateTimeOffset now, TimeZoneInfo zone)
    {
        DateOnly today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var first = new DateOnly(today.Year, today.Month, 1);
        return Of(first, first.AddMonths(1).AddDays(-1), zone);
    }

    private static DateTimeOffset MidnightOf(DateOnly day, TimeZoneInfo zone)
    {
        DateTime local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}

/// <summary>A filter on the grouping key: a unit, or "none" for cases that have no street or unit yet.</summary>
public readonly record struct KeyFilter(Guid? Id);

/// <summary>The query string of the KPI endpoints, parsed with field errors (camelCase names, Chinese messages).</summary>
public sealed record KpiRequest(
    FieldErrors Errors, KpiPeriod Period, KpiGrouping GroupBy, KeyFilter? Street, KeyFilter? Unit, KpiPart Part,
    (DateTimeOffset At, Guid Id)? After, int Limit, KpiDefinition Sort)
{
    public const int MaxLimit = 200;

    public static KpiRequest Parse(IQueryCollection query, DateTimeOffset now, TimeZoneInfo zone)
    {
        var errors = new FieldErrors();
        DateOnly? from = Date(query, "from", errors);
        DateOnly? to = Date(query, "to", errors);
        KpiPeriod period = KpiPeriod.MonthOf(now, zone);
        if (from is { } f && to is { } t)
        {
            if (t < f)
            {
                errors.Add("to", "结束日期不能早于开始日期");
            }
            else if (t >= f.AddYears(1))
            {
                errors.Add("to", "统计区间最长为 1 年");
            }
            else
            {
                period = KpiPeriod.Of(f, t, zone);
            }
        }
        else if (Given(query, "from") != Given(query, "to") && !errors.Any)
        {
            errors.Add(Given(query, "from") ? "to" : "from", "开始日期和结束日期须同时提供（省略两者则统计本月）");
        }

        KpiGrouping groupBy = KpiGrouping.Street;
        if (Given(query, "groupBy") && !TryName(query["groupBy"].ToString(), out groupBy))
        {
            errors.Add("groupBy", "分组方式须为 street（街镇）或 unit（承办单位）");
        }
        KpiPart part = KpiPart.Denominator;
        if (Given(query, "part") && !TryName(query["part"].ToString(), out part))
        {
            errors.Add("part", "须为 numerator（分子）或 denominator（分母）");
        }
        KpiDefinition? sort = Kpi.Find(Given(query, "sort") ? query["sort"].ToString() : Kpi.DefaultSort);
        if (sort is null)
        {
            errors.Add("sort", $"未知指标：{query["sort"]}（可选：{Kpi.Codes}）");
            sort = Kpi.All[0];
        }

        int limit = 50;
        if (Given(query, "limit") && (!int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            errors.Add("limit", $"每页条数须为 1–{MaxLimit}");
        }
        (DateTimeOffset, Guid)? after = null;
        if (query["after"].ToString() is { Length: > 0 } cursor)
        {
            string[] parts = cursor.Split('_');
            if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long ticks)
                && ticks <= DateTimeOffset.MaxValue.UtcTicks && Guid.TryParse(parts[1], out Guid id))
            {
                after = (new DateTimeOffset(ticks, TimeSpan.Zero), id);
            }
            else
            {
                errors.Add("after", "游标无效");
            }
        }
        return new KpiRequest(errors, period, groupBy, Key(query, "street", errors), Key(query, "unit", errors), part, after, limit, sort);
    }

    private static bool Given(IQueryCollection query, string name) => !string.IsNullOrEmpty(query[name].ToString());

    private static DateOnly? Date(IQueryCollection query, string name, FieldErrors errors)
    {
        if (!Given(query, name))
        {
            return null;
        }
        if (DateOnly.TryParseExact(query[name].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly d))
        {
            return d;
        }
        errors.Add(name, "须为 ISO 日期（yyyy-MM-dd）");
        return null;
    }

    private static KeyFilter? Key(IQueryCollection query, string name, FieldErrors errors)
    {
        if (!Given(query, name))
        {
            return null;
        }
        string text = query[name].ToString();
        if (string.Equals(text, "none", StringComparison.OrdinalIgnoreCase))
        {
            return new KeyFilter(null);
        }
        if (Guid.TryParse(text, out Guid id))
        {
            return new KeyFilter(id);
        }
        errors.Add(name, "须为单位 GUID，或 none（未定位的案件）");
        return null;
    }

    /// <summary>Exactly one member name, any case (no numbers, no comma-separated combinations).</summary>
    private static bool TryName<T>(string text, out T value) where T : struct, Enum
    {
        string? name = Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        value = name is null ? default : Enum.Parse<T>(name);
        return name is not null;
    }
}
