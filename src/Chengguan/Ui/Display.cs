using System.Globalization;
using Chengguan.Infrastructure;

namespace Chengguan.Ui;

/// <summary>Times are stored in UTC and shown in Shanghai time (<see cref="ShanghaiTime"/>), whatever the server's zone.</summary>
public static class Display
{
    public static string Time(DateTimeOffset? at) => at is { } t ? ShanghaiTime.Minutes(t) : "";

    /// <summary>The actor name background work records (the audit trail, the built-in calendar).</summary>
    public const string SystemActor = "system";

    /// <summary>
    /// Who did it, as people read it: the person's name when the page looked the stored login or actor id up
    /// (Identity's <c>Profiles</c>), 系统 for system work, else what was stored (演示数据, an integration's name).
    /// </summary>
    public static string? Actor(string? stored, IReadOnlyDictionary<string, string>? names) =>
        stored is null ? null
        : names is not null && names.TryGetValue(stored, out string? name) ? name
        : stored == SystemActor ? Labels.Text("System") : stored;

    /// <summary>
    /// A help text whose `quoted` parts are what the user must type verbatim in Latin letters (an import
    /// file's field names and values): those become &lt;code&gt;, the rest stays text. The Chinese-scan
    /// browser test skips &lt;code&gt;; everything else must read in Chinese.
    /// </summary>
    public static Microsoft.AspNetCore.Components.MarkupString Verbatim(string text) => new(string.Concat(text.Split('`').Select((part, i) =>
        i % 2 == 1 ? $"<code>{System.Net.WebUtility.HtmlEncode(part)}</code>" : System.Net.WebUtility.HtmlEncode(part))));

    /// <summary>A date typed in the console (yyyy-MM-dd, Shanghai) as the UTC instant the API's filters take.</summary>
    public static string? StartOfDayUtc(string? date) =>
        DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly d)
            ? ShanghaiTime.StartOf(d).ToString("O", CultureInfo.InvariantCulture)
            : null;
}
