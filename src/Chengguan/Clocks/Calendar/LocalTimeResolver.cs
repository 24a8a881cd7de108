namespace Chengguan.Clocks.Calendar;

/// <summary>
/// Maps a local wall-clock time to a UTC instant: the first instant at which the zone's wall clock
/// reads that time or later. For an ordinary time that is the one matching instant; for a time that
/// occurs twice (fall-back) it is the first occurrence; for a time skipped by a spring-forward gap it
/// is the transition instant, i.e. the moment the clock jumps past it. The rule is monotonic in the
/// local time, so the periods of a day stay ordered and never overlap after conversion.
/// </summary>
internal static class LocalTimeResolver
{
    public static long ToUtcTicks(TimeZoneInfo zone, DateOnly date, int minuteOfDay)
    {
        DateTime local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified).AddTicks(minuteOfDay * TimeSpan.TicksPerMinute);
        return ToUtcTicks(zone, local);
    }

    public static long ToUtcTicks(TimeZoneInfo zone, DateTime local)
    {
        if (zone.IsInvalidTime(local))
        {
            return FirstInstantReading(zone, local);
        }

        if (zone.IsAmbiguousTime(local))
        {
            // The larger offset belongs to the first pass of the repeated hour, so it gives the earlier instant.
            TimeSpan[] offsets = zone.GetAmbiguousTimeOffsets(local);
            TimeSpan largest = offsets[0];
            for (int i = 1; i < offsets.Length; i++)
            {
                if (offsets[i] > largest)
                {
                    largest = offsets[i];
                }
            }

            return local.Ticks - largest.Ticks;
        }

        return local.Ticks - zone.GetUtcOffset(local).Ticks;
    }

    private static long FirstInstantReading(TimeZoneInfo zone, DateTime local)
    {
        // TimeZoneInfo does not expose the transition instant directly, so bisect on whole seconds
        // (tz transitions fall on whole seconds) between instants that bracket the gap.
        TimeSpan before = zone.GetUtcOffset(local.AddDays(-1));
        TimeSpan after = zone.GetUtcOffset(local.AddDays(1));
        long target = local.Ticks;
        long lo = (target - Math.Max(before.Ticks, after.Ticks) - TimeSpan.TicksPerHour) / TimeSpan.TicksPerSecond;
        long hi = ((target - Math.Min(before.Ticks, after.Ticks) + TimeSpan.TicksPerHour) / TimeSpan.TicksPerSecond) + 1;
        while (hi - lo > 1)
        {
            long mid = lo + ((hi - lo) / 2);
            if (WallTicks(zone, mid * TimeSpan.TicksPerSecond) >= target)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return hi * TimeSpan.TicksPerSecond;
    }

    private static long WallTicks(TimeZoneInfo zone, long utcTicks)
    {
        return utcTicks + zone.GetUtcOffset(new DateTime(utcTicks, DateTimeKind.Utc)).Ticks;
    }
}
