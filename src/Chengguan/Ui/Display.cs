using System.Globalization;

namespace Chengguan.Ui;

/// <summary>Times are stored in UTC and shown in Shanghai time, whatever the server's zone.</summary>
public static class Display
{
    private static readonly TimeZoneInfo s_zone = TimeZoneInfo.FindSystemTimeZoneById(Clocks.Calendar.WorkingCalendar.DefaultTimeZoneId);

    public static DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, s_zone);

    public static string Time(DateTimeOffset? at) => at is { } t ? Local(t).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";

    /// <summary>A date typed in the console (yyyy-MM-dd, Shanghai) as the UTC instant the API's filters take.</summary>
    public static string? StartOfDayUtc(string? date) =>
        DateTime.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime d)
            ? new DateTimeOffset(d, s_zone.GetUtcOffset(d)).ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)
            : null;
}
