using System.Globalization;

namespace Chengguan.Clocks.Calendar;

/// <summary>
/// A working period of one local day as wall-clock minutes since local midnight, end exclusive.
/// The end may be 24:00 (1440) so that a period can run to midnight; a shift that crosses
/// midnight is written as two periods on consecutive days.
/// </summary>
public readonly record struct WorkingPeriod
{
    public const int MinutesPerDay = 24 * 60;

    public WorkingPeriod(int startMinute, int endMinute)
    {
        if (startMinute < 0 || startMinute >= MinutesPerDay)
        {
            throw new ArgumentOutOfRangeException(nameof(startMinute), startMinute, "The start must lie in [00:00, 24:00).");
        }

        if (endMinute <= startMinute || endMinute > MinutesPerDay)
        {
            throw new ArgumentOutOfRangeException(nameof(endMinute), endMinute, "The end must lie after the start and no later than 24:00.");
        }

        StartMinute = startMinute;
        EndMinute = endMinute;
    }

    public int StartMinute { get; }

    public int EndMinute { get; }

    public int Minutes => EndMinute - StartMinute;

    public static WorkingPeriod FromHours(int startHour, int startMinute, int endHour, int endMinute)
    {
        return new WorkingPeriod((startHour * 60) + startMinute, (endHour * 60) + endMinute);
    }

    /// <summary>Parses "HH:mm-HH:mm"; "24:00" is accepted as an end.</summary>
    public static WorkingPeriod Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int dash = text.IndexOf('-');
        if (dash < 0)
        {
            throw new FormatException($"Expected HH:mm-HH:mm, got '{text}'.");
        }

        return new WorkingPeriod(ParseClock(text.AsSpan(0, dash), text), ParseClock(text.AsSpan(dash + 1), text));
    }

    public override string ToString()
    {
        return string.Create(CultureInfo.InvariantCulture, $"{StartMinute / 60:D2}:{StartMinute % 60:D2}-{EndMinute / 60:D2}:{EndMinute % 60:D2}");
    }

    private static int ParseClock(ReadOnlySpan<char> clock, string text)
    {
        clock = clock.Trim();
        int colon = clock.IndexOf(':');
        if (colon < 0
            || !int.TryParse(clock[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out int hours)
            || !int.TryParse(clock[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int minutes)
            || minutes > 59
            || hours > 24
            || (hours == 24 && minutes != 0))
        {
            throw new FormatException($"Expected HH:mm-HH:mm, got '{text}'.");
        }

        return (hours * 60) + minutes;
    }
}
