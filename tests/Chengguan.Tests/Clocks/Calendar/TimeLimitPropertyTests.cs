using Chengguan.Clocks.Calendar;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Chengguan.Tests.Clocks.Calendar;

/// <summary>One random case: a start, an amount, a later start and a larger amount for the monotonicity checks.</summary>
public sealed record LimitCase(TimeLimitKind Kind, DateTimeOffset Start, int Amount, TimeSpan StartShift, int AmountStep)
{
    public TimeLimit Limit => new(Amount, Kind);
}

/// <summary>
/// Properties over 2015–2028 in Asia/Shanghai, so that starts and due times fall in published and
/// unpublished years alike. Each kind gets its own 10,000 cases; each case checks the round trip
/// Between(t, Add(t, n)) = n, monotonicity in t and n, and (for the working kinds) an independent
/// day-by-day oracle written against <see cref="WorkingCalendar.GetPeriods"/> in local time.
/// </summary>
public sealed class TimeLimitPropertyTests
{
    private const int Cases = 10_000;

    // Working periods that touch and straddle both transitions, to exercise the DST rules.
    private static readonly WorkingCalendar s_berlin = WorkingCalendar.CreateBuilder()
        .WithName("berlin")
        .WithTimeZone("Europe/Berlin")
        .WithWeekdayPeriods(WorkingPeriod.Parse("08:00-12:00"), WorkingPeriod.Parse("12:30-16:30"))
        .WithWeeklyPeriods(DayOfWeek.Sunday, WorkingPeriod.Parse("00:00-02:30"), WorkingPeriod.Parse("02:45-03:15"), WorkingPeriod.Parse("22:00-24:00"))
        .Build();

    private static readonly WorkingCalendar s_newYork = WorkingCalendar.CreateBuilder()
        .WithName("new-york")
        .WithTimeZone("America/New_York")
        .WithWeeklyPeriods(DayOfWeek.Sunday, WorkingPeriod.Parse("01:00-03:00"))
        .AddHoliday(new DateOnly(2025, 7, 4))
        .AddMakeUpWorkday(new DateOnly(2025, 7, 5))
        .Build();

    [Property(MaxTest = Cases, Arbitrary = new[] { typeof(NaturalMinutesCases) })]
    public void Natural_minutes_round_trip_and_are_monotonic(LimitCase c)
    {
        DueResult due = CheckCommon(TestCalendars.China, c);

        Assert.Equal(c.Start.AddMinutes(c.Amount), due.DueUtc);
    }

    [Property(MaxTest = Cases, Arbitrary = new[] { typeof(UrgentHoursCases) })]
    public void Urgent_hours_round_trip_and_are_monotonic(LimitCase c)
    {
        DueResult due = CheckCommon(TestCalendars.China, c);

        Assert.Equal(c.Start.AddHours(c.Amount), due.DueUtc);
    }

    [Property(MaxTest = Cases, Arbitrary = new[] { typeof(WorkingHoursCases) })]
    public void Working_hours_match_the_oracle_round_trip_and_are_monotonic(LimitCase c)
    {
        DueResult due = CheckCommon(TestCalendars.China, c);

        Assert.Equal(Oracle.WorkingHours(TestCalendars.China, c.Start, c.Amount * 60L), due);
        if (c.Amount > 0)
        {
            Assert.True(Oracle.IsInsideOrAtEndOfPeriod(TestCalendars.China, due.DueUtc), $"due {Oracle.Local(due.DueUtc)} is outside every working period");
        }
    }

    [Property(MaxTest = Cases, Arbitrary = new[] { typeof(WorkingDaysCases) })]
    public void Working_days_match_the_oracle_round_trip_and_are_monotonic(LimitCase c)
    {
        DueResult due = CheckCommon(TestCalendars.China, c);

        Assert.Equal(Oracle.WorkingDays(TestCalendars.China, c.Start, c.Amount), due);
        if (c.Amount > 0)
        {
            Assert.True(Oracle.IsInsideOrAtEndOfPeriod(TestCalendars.China, due.DueUtc), $"due {Oracle.Local(due.DueUtc)} is outside every working period");
        }
    }

    [Property(MaxTest = Cases, Arbitrary = new[] { typeof(NaturalDaysCases) })]
    public void Natural_days_round_trip_and_are_monotonic(LimitCase c)
    {
        DueResult due = CheckCommon(TestCalendars.China, c);

        DateOnly startDate = DateOnly.FromDateTime(c.Start.ToOffset(Oracle.ShanghaiOffset).DateTime);
        var expected = new DateTimeOffset(startDate.AddDays(c.Amount + 1).ToDateTime(TimeOnly.MinValue), Oracle.ShanghaiOffset);
        Assert.Equal(c.Amount == 0 ? c.Start : expected, due.DueUtc);
    }

    [Property(MaxTest = Cases, Arbitrary = new[] { typeof(AnyKindCases) })]
    public void Berlin_any_kind_round_trips_and_is_monotonic(LimitCase c)
    {
        CheckCommon(s_berlin, c);
    }

    [Property(MaxTest = Cases / 2, Arbitrary = new[] { typeof(AnyKindCases) })]
    public void NewYork_any_kind_round_trips_and_is_monotonic(LimitCase c)
    {
        CheckCommon(s_newYork, c);
    }

    private static DueResult CheckCommon(WorkingCalendar calendar, LimitCase c)
    {
        DueResult due = TimeLimitCalculator.Add(calendar, c.Start, c.Limit);

        Assert.Equal(TimeSpan.Zero, due.DueUtc.Offset);
        Assert.True(due.DueUtc >= c.Start, "due before start");
        Assert.Equal(c.Limit.AmountInBetweenUnits, TimeLimitCalculator.Between(calendar, c.Start, due.DueUtc, c.Kind));
        Assert.Equal(-c.Limit.AmountInBetweenUnits, TimeLimitCalculator.Between(calendar, due.DueUtc, c.Start, c.Kind));

        DueResult later = TimeLimitCalculator.Add(calendar, c.Start + c.StartShift, c.Limit);
        Assert.True(later.DueUtc >= due.DueUtc, $"not monotonic in t: {later.DueUtc:O} < {due.DueUtc:O}");

        DueResult more = TimeLimitCalculator.Add(calendar, c.Start, c.Limit with { Amount = c.Amount + c.AmountStep });
        Assert.True(c.AmountStep == 0 ? more.DueUtc == due.DueUtc : more.DueUtc > due.DueUtc, $"not monotonic in n: {more.DueUtc:O} vs {due.DueUtc:O}");

        if (c.Kind is TimeLimitKind.NaturalMinutes or TimeLimitKind.UrgentHours or TimeLimitKind.NaturalDays)
        {
            Assert.False(due.Provisional);
        }

        return due;
    }
}

/// <summary>
/// A slow, obviously-correct reference for Asia/Shanghai (fixed UTC+8): walks local dates one by
/// one over the configured periods instead of the calculator's UTC tables.
/// </summary>
internal static class Oracle
{
    public static readonly TimeSpan ShanghaiOffset = TimeSpan.FromHours(8);

    public static DateTime Local(DateTimeOffset instant)
    {
        return instant.ToOffset(ShanghaiOffset).DateTime;
    }

    public static DueResult WorkingHours(WorkingCalendar calendar, DateTimeOffset start, long minutes)
    {
        DateTime cursor = Local(start);
        DateOnly date = DateOnly.FromDateTime(cursor);
        bool provisional = calendar.IsProvisionalYear(date.Year);
        if (minutes == 0)
        {
            return new DueResult(start, provisional);
        }

        TimeSpan remaining = TimeSpan.FromMinutes(minutes);
        while (true)
        {
            provisional |= calendar.IsProvisionalYear(date.Year);
            foreach (WorkingPeriod period in calendar.GetPeriods(date))
            {
                DateTime periodStart = date.ToDateTime(TimeOnly.MinValue).AddMinutes(period.StartMinute);
                DateTime periodEnd = date.ToDateTime(TimeOnly.MinValue).AddMinutes(period.EndMinute);
                DateTime from = cursor > periodStart ? cursor : periodStart;
                if (from >= periodEnd)
                {
                    continue;
                }

                TimeSpan available = periodEnd - from;
                if (remaining <= available)
                {
                    return new DueResult(new DateTimeOffset(from + remaining, ShanghaiOffset), provisional);
                }

                remaining -= available;
            }

            date = date.AddDays(1);
            cursor = date.ToDateTime(TimeOnly.MinValue);
        }
    }

    public static DueResult WorkingDays(WorkingCalendar calendar, DateTimeOffset start, int days)
    {
        DateOnly date = DateOnly.FromDateTime(Local(start));
        bool provisional = calendar.IsProvisionalYear(date.Year);
        if (days == 0)
        {
            return new DueResult(start, provisional);
        }

        int counted = 0;
        while (true)
        {
            date = date.AddDays(1);
            provisional |= calendar.IsProvisionalYear(date.Year);
            IReadOnlyList<WorkingPeriod> periods = calendar.GetPeriods(date);
            if (periods.Count > 0 && ++counted == days)
            {
                DateTime end = date.ToDateTime(TimeOnly.MinValue).AddMinutes(periods[^1].EndMinute);
                return new DueResult(new DateTimeOffset(end, ShanghaiOffset), provisional);
            }
        }
    }

    /// <summary>True when the instant lies in (start, end] of some working period of its local date.</summary>
    public static bool IsInsideOrAtEndOfPeriod(WorkingCalendar calendar, DateTimeOffset instant)
    {
        DateTime local = Local(instant);
        DateOnly date = DateOnly.FromDateTime(local);
        double minute = (local - date.ToDateTime(TimeOnly.MinValue)).TotalMinutes;
        foreach (WorkingPeriod period in calendar.GetPeriods(date))
        {
            if (minute > period.StartMinute && minute <= period.EndMinute)
            {
                return true;
            }
        }

        return false;
    }
}

internal static class CaseGen
{
    // Local (UTC+8) span of the starts: 2015-01-01 to 2028-12-31, around the published 2016–2026.
    private const int DayCount = 14 * 365;

    private static readonly DateTime s_firstDay = new(2015, 1, 1);

    // Period edges of the default week plus midnight, where off-by-one errors live.
    private static readonly int[] s_edgeMinutes = [0, 9 * 60, 12 * 60, 13 * 60, (17 * 60) + 30, (23 * 60) + 59, 2 * 60, (2 * 60) + 30, 3 * 60];

    public static Arbitrary<LimitCase> For(TimeLimitKind kind, int maxAmount)
    {
        return Build(Gen.Constant(kind), maxAmount).ToArbitrary();
    }

    public static Arbitrary<LimitCase> AnyKind()
    {
        Gen<LimitCase> gen =
            from kind in Gen.Elements(Enum.GetValues<TimeLimitKind>())
            from c in Build(Gen.Constant(kind), MaxAmount(kind))
            select c;
        return gen.ToArbitrary();
    }

    public static int MaxAmount(TimeLimitKind kind)
    {
        return kind switch
        {
            TimeLimitKind.NaturalMinutes => 200_000,
            TimeLimitKind.UrgentHours => 5_000,
            TimeLimitKind.WorkingHours => 3_000,
            TimeLimitKind.WorkingDays => 600,
            _ => 2_000,
        };
    }

    private static Gen<LimitCase> Build(Gen<TimeLimitKind> kinds, int maxAmount)
    {
        Gen<int> minuteOfDay = Gen.Frequency(
            (1, Gen.Elements(s_edgeMinutes)),
            (1, Gen.Choose(0, (24 * 60) - 1)));
        Gen<int> seconds = Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(0, 59)));
        Gen<int> amount = Gen.Frequency(
            (1, Gen.Choose(0, 3)),
            (3, Gen.Choose(0, Math.Min(maxAmount, 40))),
            (2, Gen.Choose(0, maxAmount)));
        Gen<TimeSpan> shift = Gen.Frequency(
            (1, Gen.Constant(TimeSpan.Zero)),
            (2, Gen.Choose(0, 600).Select(m => TimeSpan.FromMinutes(m))),
            (2, Gen.Choose(0, 60 * 24 * 30).Select(m => TimeSpan.FromMinutes(m))));

        return
            from kind in kinds
            from day in Gen.Choose(0, DayCount)
            from minute in minuteOfDay
            from second in seconds
            from n in amount
            from dt in shift
            from step in Gen.Frequency((1, Gen.Constant(0)), (3, Gen.Choose(1, 50)))
            select new LimitCase(
                kind,
                new DateTimeOffset(s_firstDay.AddDays(day).AddMinutes(minute).AddSeconds(second), TimeSpan.FromHours(8)),
                n,
                dt,
                step);
    }
}

public static class NaturalMinutesCases
{
    public static Arbitrary<LimitCase> Cases() => CaseGen.For(TimeLimitKind.NaturalMinutes, CaseGen.MaxAmount(TimeLimitKind.NaturalMinutes));
}

public static class UrgentHoursCases
{
    public static Arbitrary<LimitCase> Cases() => CaseGen.For(TimeLimitKind.UrgentHours, CaseGen.MaxAmount(TimeLimitKind.UrgentHours));
}

public static class WorkingHoursCases
{
    public static Arbitrary<LimitCase> Cases() => CaseGen.For(TimeLimitKind.WorkingHours, CaseGen.MaxAmount(TimeLimitKind.WorkingHours));
}

public static class WorkingDaysCases
{
    public static Arbitrary<LimitCase> Cases() => CaseGen.For(TimeLimitKind.WorkingDays, CaseGen.MaxAmount(TimeLimitKind.WorkingDays));
}

public static class NaturalDaysCases
{
    public static Arbitrary<LimitCase> Cases() => CaseGen.For(TimeLimitKind.NaturalDays, CaseGen.MaxAmount(TimeLimitKind.NaturalDays));
}

public static class AnyKindCases
{
    public static Arbitrary<LimitCase> Cases() => CaseGen.AnyKind();
}
