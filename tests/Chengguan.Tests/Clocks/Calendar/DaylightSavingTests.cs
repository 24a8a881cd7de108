using Chengguan.Clocks.Calendar;
using static Chengguan.Tests.Clocks.Calendar.TestCalendars;

namespace Chengguan.Tests.Clocks.Calendar;

/// <summary>
/// Zones with daylight saving. Periods are wall-clock times; work is elapsed time, so only a period
/// that contains a transition changes length. Europe/Berlin 2025: spring forward Sun 30 March
/// 02:00 CET → 03:00 CEST, fall back Sun 26 October 03:00 CEST → 02:00 CET.
/// </summary>
public sealed class DaylightSavingTests
{
    private static readonly DateOnly s_berlinSpring = new(2025, 3, 30);
    private static readonly DateOnly s_berlinFall = new(2025, 10, 26);

    [Fact]
    public void Berlin_ordinary_days_around_the_transitions_keep_eight_hours()
    {
        WorkingCalendar berlin = Zone("Europe/Berlin");

        // Fri 28.3 16:00 CET: 1 h Friday, 7 h Monday (now CEST).
        AssertDue(At("2025-03-31 16:00 +02:00"), TimeLimitCalculator.Add(berlin, At("2025-03-28 16:00 +01:00"), TimeLimit.WorkingHours(8)));
        AssertDue(At("2025-10-27 16:00 +01:00"), TimeLimitCalculator.Add(berlin, At("2025-10-24 16:00 +02:00"), TimeLimit.WorkingHours(8)));
        Assert.Equal(5 * 480, TimeLimitCalculator.WorkingMinutesBetween(berlin, At("2025-03-24 00:00 +01:00"), At("2025-03-31 00:00 +02:00")));
        Assert.Equal(5 * 480, TimeLimitCalculator.WorkingMinutesBetween(berlin, At("2025-10-20 00:00 +02:00"), At("2025-10-27 00:00 +01:00")));
        AssertDue(At("2025-03-31 17:00 +02:00"), TimeLimitCalculator.Add(berlin, At("2025-03-28 10:00 +01:00"), TimeLimit.WorkingDays(1)));
    }

    [Theory]
    [InlineData("00:00-24:00", 23 * 60)] // the whole day is an hour short
    [InlineData("01:00-05:00", 3 * 60)] // the period contains the gap
    [InlineData("02:30-04:00", 60)] // 02:30 does not exist: work starts when the clock jumps to 03:00
    [InlineData("01:30-02:30", 30)] // 02:30 does not exist: work ends at the jump
    [InlineData("03:00-04:00", 60)]
    public void Berlin_spring_forward(string period, long minutes)
    {
        WorkingCalendar berlin = Zone("Europe/Berlin", b => b.AddSpecialHours(s_berlinSpring, [WorkingPeriod.Parse(period)]));

        Assert.Equal(minutes, TimeLimitCalculator.WorkingMinutesBetween(berlin, At("2025-03-30 00:00 +01:00"), At("2025-03-31 00:00 +02:00")));
    }

    [Theory]
    [InlineData("00:00-24:00", 25 * 60)] // the whole day is an hour long
    [InlineData("01:00-05:00", 5 * 60)]
    [InlineData("02:30-03:30", 2 * 60)] // 02:30 happens twice: work starts at the first, 02:30 CEST
    [InlineData("02:00-03:00", 2 * 60)]
    [InlineData("03:00-04:00", 60)]
    public void Berlin_fall_back(string period, long minutes)
    {
        WorkingCalendar berlin = Zone("Europe/Berlin", b => b.AddSpecialHours(s_berlinFall, [WorkingPeriod.Parse(period)]));

        Assert.Equal(minutes, TimeLimitCalculator.WorkingMinutesBetween(berlin, At("2025-10-26 00:00 +02:00"), At("2025-10-27 00:00 +01:00")));
    }

    [Fact]
    public void Berlin_due_times_inside_transition_periods()
    {
        WorkingCalendar spring = Zone("Europe/Berlin", b => b.AddSpecialHours(s_berlinSpring, [WorkingPeriod.Parse("02:30-04:00")]));
        WorkingCalendar fall = Zone("Europe/Berlin", b => b.AddSpecialHours(s_berlinFall, [WorkingPeriod.Parse("02:30-03:30")]));

        AssertDue(At("2025-03-30 03:01 +02:00"), TimeLimitCalculator.AddMinutes(spring, At("2025-03-30 00:00 +01:00"), 1, TimeLimitKind.WorkingHours));
        AssertDue(At("2025-10-26 03:00 +01:00"), TimeLimitCalculator.AddMinutes(fall, At("2025-10-26 00:00 +02:00"), 90, TimeLimitKind.WorkingHours));
        AssertDue(At("2025-10-26 03:30 +01:00"), TimeLimitCalculator.Add(fall, At("2025-10-25 10:00 +02:00"), TimeLimit.WorkingDays(1)));
    }

    [Fact]
    public void Berlin_a_period_swallowed_by_the_gap_leaves_no_working_day()
    {
        WorkingCalendar berlin = Zone("Europe/Berlin", b => b.AddSpecialHours(s_berlinSpring, [WorkingPeriod.Parse("02:15-02:45")]));

        Assert.False(berlin.IsWorkingDay(s_berlinSpring));
        Assert.Equal(0, TimeLimitCalculator.WorkingMinutesBetween(berlin, At("2025-03-30 00:00 +01:00"), At("2025-03-31 00:00 +02:00")));
        AssertDue(At("2025-03-31 17:00 +02:00"), TimeLimitCalculator.Add(berlin, At("2025-03-29 10:00 +01:00"), TimeLimit.WorkingDays(1)));
    }

    [Fact]
    public void Berlin_natural_kinds_across_transitions()
    {
        WorkingCalendar berlin = Zone("Europe/Berlin");

        // Natural days end at local midnight, so the 23-hour and 25-hour days count as one day each.
        AssertDue(At("2025-03-31 00:00 +02:00"), TimeLimitCalculator.Add(berlin, At("2025-03-29 10:00 +01:00"), TimeLimit.NaturalDays(1)));
        AssertDue(At("2025-10-27 00:00 +01:00"), TimeLimitCalculator.Add(berlin, At("2025-10-25 10:00 +02:00"), TimeLimit.NaturalDays(1)));
        Assert.Equal(1, TimeLimitCalculator.Between(berlin, At("2025-03-29 10:00 +01:00"), At("2025-03-31 00:00 +02:00"), TimeLimitKind.NaturalDays));
        Assert.Equal(0, TimeLimitCalculator.Between(berlin, At("2025-03-29 10:00 +01:00"), At("2025-03-30 23:59 +02:00"), TimeLimitKind.NaturalDays));

        // Urgent hours are elapsed hours: 24 h later reads 13:00 on the wall clock.
        AssertDue(At("2025-03-30 13:00 +02:00"), TimeLimitCalculator.Add(berlin, At("2025-03-29 12:00 +01:00"), TimeLimit.UrgentHours(24)));
        Assert.Equal(new DateOnly(2025, 3, 30), berlin.GetLocalDate(At("2025-03-30 03:00 +02:00")));
    }

    [Fact]
    public void NewYork_transition_days()
    {
        var spring = new DateOnly(2025, 3, 9);
        var fall = new DateOnly(2025, 11, 2);
        WorkingCalendar allDay = Zone("America/New_York", b => b
            .AddSpecialHours(spring, [WorkingPeriod.Parse("00:00-24:00")])
            .AddSpecialHours(fall, [WorkingPeriod.Parse("00:00-24:00")]));
        WorkingCalendar repeatedHour = Zone("America/New_York", b => b.AddSpecialHours(fall, [WorkingPeriod.Parse("01:30-02:30")]));
        WorkingCalendar plain = Zone("America/New_York");

        Assert.Equal(23 * 60, TimeLimitCalculator.WorkingMinutesBetween(allDay, At("2025-03-09 00:00 -05:00"), At("2025-03-10 00:00 -04:00")));
        Assert.Equal(25 * 60, TimeLimitCalculator.WorkingMinutesBetween(allDay, At("2025-11-02 00:00 -04:00"), At("2025-11-03 00:00 -05:00")));
        Assert.Equal(2 * 60, TimeLimitCalculator.WorkingMinutesBetween(repeatedHour, At("2025-11-02 00:00 -04:00"), At("2025-11-03 00:00 -05:00")));

        // A working day that ends at 24:00 is due at the next midnight, and still counts as one day.
        DueResult due = TimeLimitCalculator.Add(allDay, At("2025-11-01 10:00 -04:00"), TimeLimit.WorkingDays(1));
        AssertDue(At("2025-11-03 00:00 -05:00"), due);
        Assert.Equal(1, TimeLimitCalculator.Between(allDay, At("2025-11-01 10:00 -04:00"), due.DueUtc, TimeLimitKind.WorkingDays));
        AssertDue(At("2025-03-10 10:00 -04:00"), TimeLimitCalculator.Add(plain, At("2025-03-07 16:00 -05:00"), TimeLimit.WorkingHours(2)));
    }

    [Fact]
    public void Santiago_midnight_that_does_not_exist()
    {
        // Chile springs forward at 24:00 on Sat 6 September 2025: 7 September starts at 01:00 -03.
        WorkingCalendar santiago = Zone("America/Santiago");

        AssertDue(At("2025-09-07 01:00 -03:00"), TimeLimitCalculator.Add(santiago, At("2025-09-05 10:00 -04:00"), TimeLimit.NaturalDays(1)));
        Assert.Equal(new DateOnly(2025, 9, 7), santiago.GetLocalDate(At("2025-09-07 01:00 -03:00")));
        Assert.Equal(new DateOnly(2025, 9, 6), santiago.GetLocalDate(At("2025-09-07 00:59 -03:00")));
        AssertDue(At("2025-09-08 17:00 -03:00"), TimeLimitCalculator.Add(santiago, At("2025-09-05 16:00 -04:00"), TimeLimit.WorkingHours(9)));
    }
}
