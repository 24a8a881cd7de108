using System.Globalization;
using System.Text.Json;

namespace Chengguan.Clocks.Calendar;

public readonly record struct HolidayNoticeDay(DateOnly Date, string Name);

/// <summary>One year's State Council notice: the days off (放假) and the make-up working days (调休上班).</summary>
public sealed record HolidayNoticeYear(
    int Year,
    string Notice,
    string? Url,
    string? AmendedBy,
    IReadOnlyList<HolidayNoticeDay> Holidays,
    IReadOnlyList<HolidayNoticeDay> Workdays);

/// <summary>
/// Reads the cn-holidays.json shape: { "years": [ { year, notice, url, amendedBy?, holidays[], workdays[] } ] }.
/// Malformed JSON throws <see cref="JsonException"/>; a wrong shape, a bad date, a repeated year or a
/// date that is both off and worked throws <see cref="FormatException"/>.
/// </summary>
public static class HolidayNotices
{
    /// <summary>The largest notice file taken, by the API and the console alike (a notice is a few KB of text).</summary>
    public const long MaxUpload = 512 * 1024;

    public const string EmbeddedResourceName = "cn-holidays.json";

    private static readonly JsonDocumentOptions s_documentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    public static IReadOnlyList<HolidayNoticeYear> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using JsonDocument document = JsonDocument.Parse(json, s_documentOptions);
        return ReadChecked(document.RootElement);
    }

    public static IReadOnlyList<HolidayNoticeYear> Parse(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using JsonDocument document = JsonDocument.Parse(json, s_documentOptions);
        return ReadChecked(document.RootElement);
    }

    // A value of the wrong JSON type (a year as a string, say) is a wrong shape, like any other.
    private static List<HolidayNoticeYear> ReadChecked(JsonElement root)
    {
        try
        {
            return Read(root);
        }
        catch (InvalidOperationException e)
        {
            throw new FormatException("Holiday notices: a value has the wrong type (" + e.Message + ")", e);
        }
    }

    /// <summary>The seed notices embedded in the assembly that holds this type.</summary>
    public static IReadOnlyList<HolidayNoticeYear> LoadEmbedded()
    {
        using Stream stream = typeof(HolidayNotices).Assembly.GetManifestResourceStream(EmbeddedResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{EmbeddedResourceName}' is missing from {typeof(HolidayNotices).Assembly.GetName().Name}.");
        return Parse(stream);
    }

    private static List<HolidayNoticeYear> Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("years", out JsonElement years)
            || years.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("Holiday notices: expected an object with a 'years' array.");
        }

        var result = new List<HolidayNoticeYear>();
        var seenYears = new HashSet<int>();
        foreach (JsonElement item in years.EnumerateArray())
        {
            int year = item.TryGetProperty("year", out JsonElement yearElement) && yearElement.TryGetInt32(out int y)
                ? y
                : throw new FormatException("Holiday notices: every entry needs an integer 'year'.");
            if (!seenYears.Add(year))
            {
                throw new FormatException($"Holiday notices: year {year} appears twice.");
            }

            List<HolidayNoticeDay> holidays = ReadDays(item, "holidays", year);
            List<HolidayNoticeDay> workdays = ReadDays(item, "workdays", year);

            // A date both off and worked would make the calendar depend on import order.
            var offDates = new HashSet<DateOnly>();
            foreach (HolidayNoticeDay holiday in holidays)
            {
                offDates.Add(holiday.Date);
            }

            foreach (HolidayNoticeDay workday in workdays)
            {
                if (offDates.Contains(workday.Date))
                {
                    throw new FormatException($"Holiday notices: {workday.Date:yyyy-MM-dd} is both a holiday and a workday in {year}.");
                }
            }

            result.Add(new HolidayNoticeYear(
                year,
                ReadString(item, "notice") ?? string.Empty,
                ReadString(item, "url"),
                ReadString(item, "amendedBy"),
                holidays,
                workdays));
        }

        return result;
    }

    private static List<HolidayNoticeDay> ReadDays(JsonElement item, string property, int year)
    {
        var days = new List<HolidayNoticeDay>();
        if (!item.TryGetProperty(property, out JsonElement array) || array.ValueKind == JsonValueKind.Null)
        {
            return days;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"Holiday notices: '{property}' of {year} must be an array.");
        }

        foreach (JsonElement day in array.EnumerateArray())
        {
            string? text = ReadString(day, "date");
            if (text is null
                || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
            {
                throw new FormatException($"Holiday notices: a '{property}' entry of {year} has no valid yyyy-MM-dd 'date'.");
            }

            days.Add(new HolidayNoticeDay(date, ReadString(day, "name") ?? string.Empty));
        }

        return days;
    }

    private static string? ReadString(JsonElement element, string property)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out JsonElement value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null => null,
            _ => throw new FormatException($"Holiday notices: '{property}' must be a string."),
        };
    }
}
