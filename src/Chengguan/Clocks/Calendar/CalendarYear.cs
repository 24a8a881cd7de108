namespace Chengguan.Clocks.Calendar;

/// <summary>
/// One local calendar year of a <see cref="WorkingCalendar"/> flattened to UTC ticks, so that the
/// calculator works with binary searches over arrays and never touches time-zone rules. Immutable
/// once built; built at most a few times per calendar and year and then shared by all threads.
/// </summary>
internal sealed class CalendarYear
{
    private CalendarYear(
        int year,
        bool provisional,
        int firstDayNumber,
        long[] dayStarts,
        int[] dayFirstInterval,
        long[] intervalStarts,
        long[] intervalEnds,
        long[] cumulativeEnds,
        int[] workingDaysBefore,
        int[] workingDays)
    {
        Year = year;
        Provisional = provisional;
        FirstDayNumber = firstDayNumber;
        DayStarts = dayStarts;
        DayFirstInterval = dayFirstInterval;
        IntervalStarts = intervalStarts;
        IntervalEnds = intervalEnds;
        CumulativeEnds = cumulativeEnds;
        WorkingDaysBefore = workingDaysBefore;
        WorkingDays = workingDays;
        TotalWorkingTicks = cumulativeEnds.Length == 0 ? 0 : cumulativeEnds[^1];
    }

    public int Year { get; }

    /// <summary>The year has no published notice although the calendar requires one.</summary>
    public bool Provisional { get; }

    /// <summary><see cref="DateOnly.DayNumber"/> of 1 January.</summary>
    public int FirstDayNumber { get; }

    public int DayCount => DayStarts.Length - 1;

    /// <summary>UTC ticks of each local midnight; the extra last entry is the next year's first midnight.</summary>
    public long[] DayStarts { get; }

    /// <summary>Index of each day's first interval; the extra last entry is the interval count.</summary>
    public int[] DayFirstInterval { get; }

    public long[] IntervalStarts { get; }

    public long[] IntervalEnds { get; }

    /// <summary>Working ticks of the year from its start through the end of each interval.</summary>
    public long[] CumulativeEnds { get; }

    /// <summary>Number of working days with an index below each day index; length is DayCount + 1.</summary>
    public int[] WorkingDaysBefore { get; }

    /// <summary>Day indexes of the working days, ascending.</summary>
    public int[] WorkingDays { get; }

    public long TotalWorkingTicks { get; }

    public long StartUtcTicks => DayStarts[0];

    public long EndUtcTicks => DayStarts[^1];

    public int WorkingDayCount => WorkingDays.Length;

    public static CalendarYear Build(WorkingCalendar calendar, int year)
    {
        TimeZoneInfo zone = calendar.TimeZone;
        var first = new DateOnly(year, 1, 1);
        int dayCount = DateTime.IsLeapYear(year) ? 366 : 365;
        var dayStarts = new long[dayCount + 1];
        var dayFirstInterval = new int[dayCount + 1];
        var starts = new List<long>(dayCount * 2);
        var ends = new List<long>(dayCount * 2);
        var workingDaysBefore = new int[dayCount + 1];
        var workingDays = new List<int>(dayCount);

        for (int d = 0; d < dayCount; d++)
        {
            DateOnly date = first.AddDays(d);
            dayStarts[d] = LocalTimeResolver.ToUtcTicks(zone, date, 0);
            dayFirstInterval[d] = starts.Count;
            workingDaysBefore[d] = workingDays.Count;
            foreach (WorkingPeriod period in calendar.GetPeriods(date))
            {
                long start = LocalTimeResolver.ToUtcTicks(zone, date, period.StartMinute);
                long end = LocalTimeResolver.ToUtcTicks(zone, date, period.EndMinute);

                // A period wholly inside a spring-forward gap has no instants; keeping it would
                // give zero-length intervals that break the strictly increasing cumulative table.
                if (end > start)
                {
                    starts.Add(start);
                    ends.Add(end);
                }
            }

            if (starts.Count > dayFirstInterval[d])
            {
                workingDays.Add(d);
            }
        }

        dayStarts[dayCount] = LocalTimeResolver.ToUtcTicks(zone, first.AddDays(dayCount), 0);
        dayFirstInterval[dayCount] = starts.Count;
        workingDaysBefore[dayCount] = workingDays.Count;

        var cumulativeEnds = new long[starts.Count];
        long sum = 0;
        for (int i = 0; i < cumulativeEnds.Length; i++)
        {
            sum += ends[i] - starts[i];
            cumulativeEnds[i] = sum;
        }

        return new CalendarYear(
            year,
            calendar.IsProvisionalYear(year),
            first.DayNumber,
            dayStarts,
            dayFirstInterval,
            starts.ToArray(),
            ends.ToArray(),
            cumulativeEnds,
            workingDaysBefore,
            workingDays.ToArray());
    }

    /// <summary>Index of the local day that contains the instant: the last local midnight at or before it.</summary>
    public int DayIndexOf(long utcTicks)
    {
        long[] starts = DayStarts;
        int lo = 0;
        int hi = starts.Length - 2;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (starts[mid] <= utcTicks)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    /// <summary>Working ticks of this year that lie before the instant.</summary>
    public long WorkingTicksBefore(long utcTicks)
    {
        long[] ends = IntervalEnds;
        int lo = 0;
        int hi = ends.Length;

        // First interval that ends after the instant; the instant is before it or inside it.
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (ends[mid] > utcTicks)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        if (lo == ends.Length)
        {
            return TotalWorkingTicks;
        }

        return CumulativeEnds[lo] - (ends[lo] - Math.Max(IntervalStarts[lo], utcTicks));
    }

    /// <summary>
    /// The instant at which the year's consumed working time reaches <paramref name="workingTicks"/>,
    /// which must lie in (0, TotalWorkingTicks]. An amount that is used up exactly at a period end
    /// yields that period end, not the next period's start.
    /// </summary>
    public long InstantAtWorkingTicks(long workingTicks)
    {
        long[] cumulative = CumulativeEnds;
        int lo = 0;
        int hi = cumulative.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (cumulative[mid] >= workingTicks)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return IntervalEnds[lo] - (cumulative[lo] - workingTicks);
    }

    public bool IsWorkingDay(int dayIndex)
    {
        return DayFirstInterval[dayIndex + 1] > DayFirstInterval[dayIndex];
    }

    /// <summary>End of the last working interval of a working day.</summary>
    public long LastEndOfDay(int dayIndex)
    {
        return IntervalEnds[DayFirstInterval[dayIndex + 1] - 1];
    }
}
