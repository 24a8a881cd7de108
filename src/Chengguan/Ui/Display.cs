using System.Globalization;
using Chengguan.Infrastructure;

namespace Chengguan.Ui;

/// <summary>Times are stored in UTC and shown in Shanghai time (<see cref="ShanghaiTime"/>), whatever the server's zone.</summary>
public static class Display
{
    public static string Time(DateTimeOffset? at) => at is { } t ? ShanghaiTime.Minutes(t) : "";

    /// <summary>A date typed in the console (yyyy-MM-dd, Shanghai) as the UTC instant the API's filters take.</summary>
    public static string? StartOfDayUtc(string? date) =>
        DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly d)
            ? ShanghaiTime.StartOf(d).ToString("O", CultureInfo.InvariantCulture)
            : null;
}
