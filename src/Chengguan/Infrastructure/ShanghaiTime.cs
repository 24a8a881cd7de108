using System.Globalization;

namespace Chengguan.Infrastructure;

/// <summary>
/// The bureau's time zone, looked up once. Instants are stored in UTC; whatever the server's zone,
/// they are shown, cut into days and numbered by year in Shanghai time through this class. (Working
/// calendars carry a zone of their own, Shanghai by default; their arithmetic uses that one.)
/// </summary>
public static class ShanghaiTime
{
    public const string ZoneId = "Asia/Shanghai";

    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(ZoneId);

    public static DateTimeOffset ToShanghai(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    /// <summary>The Shanghai calendar day the instant falls on.</summary>
    public static DateOnly DateOf(DateTimeOffset at) => DateOnly.FromDateTime(ToShanghai(at).DateTime);

    public static DateOnly Today(TimeProvider time) => DateOf(time.GetUtcNow());

    /// <summary>The UTC instant of Shanghai midnight at the start of the day.</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        DateTime local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The instant to the minute as the console and messages show it: 2031-06-13 09:00.</summary>
    public static string Minutes(DateTimeOffset at) => ToShanghai(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
