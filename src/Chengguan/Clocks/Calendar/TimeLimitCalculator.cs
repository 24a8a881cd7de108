using System.Diagnostics.CodeAnalysis;

namespace Chengguan.Clocks.Calendar;

/// <summary>
/// Due times and elapsed amounts for time limits over a <see cref="WorkingCalendar"/>. Pure: every
/// input instant is explicit, nothing reads a clock, and results are UTC instants.
/// <para>
/// Rules (docs/domain.md, "Clocks"):
/// <list type="bullet">
/// <item><b>NaturalMinutes / UrgentHours</b>: run continuously; due = start + amount.</item>
/// <item><b>WorkingHours</b>: only time inside the working periods of working days counts. A start
/// outside a period (before opening, at lunch, after closing, on a rest day, exactly at a period
/// end) counts nothing until the next period starts. An amount that is used up exactly at a period
/// end is due at that period end (12:00), not at the next period's start (13:00).</item>
/// <item><b>WorkingDays</b>: counted from the first working day after the start's local date,
/// whatever the start's time of day; due at the end of the last working period of the Nth working
/// day. A working day is a local date with working time after overrides.</item>
/// <item><b>NaturalDays</b>: due at 24:00 local (the next local midnight) of the Nth day after the
/// start's local date.</item>
/// <item>An amount of 0 is due at the start itself, for every kind.</item>
/// </list>
/// </para>
/// <para>
/// Provisional: for WorkingHours and WorkingDays, true when any local date from the start's date to
/// the due date lies in a year without a published notice (see
/// <see cref="WorkingCalendar.RequiresPublishedNotices"/>). The continuous and natural-day kinds do
/// not depend on holidays and are never provisional.
/// </para>
/// <para>
/// Local times follow <see cref="WorkingCalendar.TimeZone"/>; working time is elapsed time, so a
/// period that contains a DST transition is longer or shorter by the shift. A wall-clock time that
/// does not exist maps to the moment the clock jumps past it; one that occurs twice maps to its
/// first occurrence.
/// </para>
/// </summary>
public static class TimeLimitCalculator
{
    // Keeps tick arithmetic far from overflow; about 10,000 years of minutes.
    private const long MaxMinutes = long.MaxValue / TimeSpan.TicksPerMinute / 2;

    public static DueResult Add(WorkingCalendar calendar, DateTimeOffset start, TimeLimit limit)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (limit.Amount < 0)
        {
            ThrowNegativeAmount(nameof(limit));
        }

        return limit.Kind switch
        {
            TimeLimitKind.NaturalMinutes => AddContinuous(start, limit.Amount),
            TimeLimitKind.UrgentHours => AddContinuous(start, limit.Amount * 60L),
            TimeLimitKind.WorkingHours => AddWorkingMinutes(calendar, start, limit.Amount * 60L),
            TimeLimitKind.WorkingDays => AddWorkingDays(calendar, start, limit.Amount),
            TimeLimitKind.NaturalDays => AddNaturalDays(calendar, start, limit.Amount),
            _ => throw new ArgumentOutOfRangeException(nameof(limit), limit.Kind, "Unknown time limit kind."),
        };
    }

    /// <summary>
    /// Adds a number of minutes of a minute-based kind (NaturalMinutes, UrgentHours, WorkingHours),
    /// e.g. the remaining minutes of a clock resumed after a pause. The inverse of
    /// <see cref="Between"/> for those kinds.
    /// </summary>
    public static DueResult AddMinutes(WorkingCalendar calendar, DateTimeOffset start, long minutes, TimeLimitKind kind)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (minutes < 0)
        {
            ThrowNegativeAmount(nameof(minutes));
        }

        return kind switch
        {
            TimeLimitKind.NaturalMinutes or TimeLimitKind.UrgentHours => AddContinuous(start, minutes),
            TimeLimitKind.WorkingHours => AddWorkingMinutes(calendar, start, minutes),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only minute-based kinds take minutes."),
        };
    }

    /// <summary>
    /// The amount of the kind's unit between two instants; negative when <paramref name="b"/> is
    /// before <paramref name="a"/> (Between(a, b) = −Between(b, a)).
    /// <list type="bullet">
    /// <item>NaturalMinutes, UrgentHours: whole elapsed minutes (truncated).</item>
    /// <item>WorkingHours: whole working minutes (truncated), i.e. <see cref="WorkingMinutesBetween"/>.</item>
    /// <item>WorkingDays: the working days after a's local date whose last working period has ended
    /// by b.</item>
    /// <item>NaturalDays: the local days after a's local date that have ended (reached 24:00) by b.</item>
    /// </list>
    /// So Between(t, Add(t, limit).DueUtc, kind) equals the amount for the day kinds and
    /// NaturalMinutes, and 60 × the amount for the hour kinds.
    /// </summary>
    public static long Between(WorkingCalendar calendar, DateTimeOffset a, DateTimeOffset b, TimeLimitKind kind)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        long ta = a.UtcTicks;
        long tb = b.UtcTicks;
        switch (kind)
        {
            case TimeLimitKind.NaturalMinutes:
            case TimeLimitKind.UrgentHours:
                return (tb - ta) / TimeSpan.TicksPerMinute;
            case TimeLimitKind.WorkingHours:
                return ta <= tb
                    ? WorkingTicksBetween(calendar, ta, tb) / TimeSpan.TicksPerMinute
                    : -(WorkingTicksBetween(calendar, tb, ta) / TimeSpan.TicksPerMinute);
            case TimeLimitKind.WorkingDays:
                return ta <= tb ? WorkingDaysBetween(calendar, ta, tb) : -WorkingDaysBetween(calendar, tb, ta);
            case TimeLimitKind.NaturalDays:
                return ta <= tb ? NaturalDaysBetween(calendar, ta, tb) : -NaturalDaysBetween(calendar, tb, ta);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown time limit kind.");
        }
    }

    /// <summary>Whole working minutes between two instants (negative when b is before a), for reports.</summary>
    public static long WorkingMinutesBetween(WorkingCalendar calendar, DateTimeOffset a, DateTimeOffset b)
    {
        return Between(calendar, a, b, TimeLimitKind.WorkingHours);
    }

    private static DueResult AddContinuous(DateTimeOffset start, long minutes)
    {
        long ticks = start.UtcTicks;
        if (minutes > (DateTimeOffset.MaxValue.UtcTicks - ticks) / TimeSpan.TicksPerMinute)
        {
            ThrowBeyondRange();
        }

        return new DueResult(new DateTimeOffset(ticks + (minutes * TimeSpan.TicksPerMinute), TimeSpan.Zero), false);
    }

    private static DueResult AddWorkingMinutes(WorkingCalendar calendar, DateTimeOffset start, long minutes)
    {
        if (minutes > MaxMinutes)
        {
            ThrowBeyondRange();
        }

        long remaining = minutes * TimeSpan.TicksPerMinute;
        long t = start.UtcTicks;
        CalendarYear year = calendar.GetYearContaining(t);
        bool provisional = year.Provisional;
        if (remaining == 0)
        {
            return new DueResult(new DateTimeOffset(t, TimeSpan.Zero), provisional);
        }

        long consumed = year.WorkingTicksBefore(t);
        while (true)
        {
            long target = consumed + remaining;
            if (target <= year.TotalWorkingTicks)
            {
                return new DueResult(new DateTimeOffset(year.InstantAtWorkingTicks(target), TimeSpan.Zero), provisional);
            }

            remaining = target - year.TotalWorkingTicks;
            year = NextYear(calendar, year);
            provisional |= year.Provisional;
            consumed = 0;
        }
    }

    private static DueResult AddWorkingDays(WorkingCalendar calendar, DateTimeOffset start, int days)
    {
        long t = start.UtcTicks;
        CalendarYear year = calendar.GetYearContaining(t);
        bool provisional = year.Provisional;
        if (days == 0)
        {
            return new DueResult(new DateTimeOffset(t, TimeSpan.Zero), provisional);
        }

        // Ordinal (1-based, within this year) of the Nth working day after the start's date.
        long ordinal = year.WorkingDaysBefore[year.DayIndexOf(t) + 1] + (long)days;
        while (ordinal > year.WorkingDayCount)
        {
            ordinal -= year.WorkingDayCount;
            year = NextYear(calendar, year);
            provisional |= year.Provisional;
        }

        long due = year.LastEndOfDay(year.WorkingDays[ordinal - 1]);
        return new DueResult(new DateTimeOffset(due, TimeSpan.Zero), provisional);
    }

    private static DueResult AddNaturalDays(WorkingCalendar calendar, DateTimeOffset start, int days)
    {
        long t = start.UtcTicks;
        if (days == 0)
        {
            return new DueResult(new DateTimeOffset(t, TimeSpan.Zero), false);
        }

        CalendarYear year = calendar.GetYearContaining(t);

        // 24:00 of the Nth day after the start's date is the midnight that begins day N + 1.
        long dueDayNumber = year.FirstDayNumber + year.DayIndexOf(t) + (long)days + 1;
        if (dueDayNumber > DateOnly.MaxValue.DayNumber)
        {
            ThrowBeyondRange();
        }

        int dueYear = DateOnly.FromDayNumber((int)dueDayNumber).Year;
        if (dueYear > WorkingCalendar.MaxYear)
        {
            ThrowBeyondRange();
        }

        CalendarYear target = calendar.GetYear(dueYear);
        long due = target.DayStarts[(int)(dueDayNumber - target.FirstDayNumber)];
        return new DueResult(new DateTimeOffset(due, TimeSpan.Zero), false);
    }

    private static long WorkingTicksBetween(WorkingCalendar calendar, long a, long b)
    {
        CalendarYear first = calendar.GetYearContaining(a);
        CalendarYear last = calendar.GetYearContaining(b);
        if (first.Year == last.Year)
        {
            return last.WorkingTicksBefore(b) - first.WorkingTicksBefore(a);
        }

        long sum = first.TotalWorkingTicks - first.WorkingTicksBefore(a);
        for (int y = first.Year + 1; y < last.Year; y++)
        {
            sum += calendar.GetYear(y).TotalWorkingTicks;
        }

        return sum + last.WorkingTicksBefore(b);
    }

    private static long WorkingDaysBetween(WorkingCalendar calendar, long a, long b)
    {
        CalendarYear first = calendar.GetYearContaining(a);
        CalendarYear last = calendar.GetYearContaining(b);

        // Working days up to and including a's date, and those whose last period has ended by b.
        int throughA = first.WorkingDaysBefore[first.DayIndexOf(a) + 1];
        int dayB = last.DayIndexOf(b);
        int endedByB = last.WorkingDaysBefore[dayB];
        if (last.IsWorkingDay(dayB) && last.LastEndOfDay(dayB) <= b)
        {
            endedByB++;
        }

        long count;
        if (first.Year == last.Year)
        {
            count = endedByB - throughA;
        }
        else
        {
            count = first.WorkingDayCount - throughA;
            for (int y = first.Year + 1; y < last.Year; y++)
            {
                count += calendar.GetYear(y).WorkingDayCount;
            }

            count += endedByB;
        }

        return Math.Max(0, count);
    }

    private static long NaturalDaysBetween(WorkingCalendar calendar, long a, long b)
    {
        CalendarYear first = calendar.GetYearContaining(a);
        CalendarYear last = calendar.GetYearContaining(b);
        long dayA = first.FirstDayNumber + first.DayIndexOf(a);
        long dayB = last.FirstDayNumber + last.DayIndexOf(b);

        // Day dayA + k has ended by b exactly when b has reached the midnight that starts dayA + k + 1.
        return Math.Max(0, dayB - dayA - 1);
    }

    private static CalendarYear NextYear(WorkingCalendar calendar, CalendarYear year)
    {
        if (year.Year >= WorkingCalendar.MaxYear)
        {
            ThrowBeyondRange();
        }

        return calendar.GetYear(year.Year + 1);
    }

    [DoesNotReturn]
    private static void ThrowNegativeAmount(string parameterName)
    {
        throw new ArgumentOutOfRangeException(parameterName, "A time limit cannot be negative.");
    }

    [DoesNotReturn]
    private static void ThrowBeyondRange()
    {
        throw new ArgumentOutOfRangeException(
            paramName: null,
            $"The due time falls beyond the supported range (local years up to {WorkingCalendar.MaxYear}).");
    }
}
