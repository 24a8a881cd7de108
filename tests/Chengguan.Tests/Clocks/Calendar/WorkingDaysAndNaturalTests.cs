using Chengguan.Clocks.Calendar;
using static Chengguan.Tests.Clocks.Calendar.TestCalendars;

namespace Chengguan.Tests.Clocks.Calendar;

/// <summary>Working days, natural days, natural minutes and urgent hours; 2025-03-10 is a plain Monday.</summary>
public sealed class WorkingDaysAndNaturalTests
{
    [Theory]
    [InlineData("2025-03-10 00:00", 1, "2025-03-11 17:30")] // the start's time of day does not matter
    [InlineData("2025-03-10 09:00", 1, "2025-03-11 17:30")]
    [InlineData("2025-03-10 17:30", 1, "2025-03-11 17:30")]
    [InlineData("2025-03-10 23:59:59", 1, "2025-03-11 17:30")]
    [InlineData("2025-03-11 00:00", 1, "2025-03-12 17:30")] // local midnight already belongs to the new day
    [InlineData("2025-03-10 10:00", 5, "2025-03-17 17:30")]
    [InlineData("2025-03-14 19:00", 1, "2025-03-17 17:30")] // Friday evening
    [InlineData("2025-03-15 10:00", 1, "2025-03-17 17:30")] // Saturday
    [InlineData("2025-03-16 10:00", 1, "2025-03-17 17:30")] // Sunday
    [InlineData("2025-03-10 10:00", 15, "2025-03-31 17:30")]
    public void WorkingDays_count_from_the_next_working_day(string start, int days, string expected)
    {
        AssertDue(Sh(expected), Add(China, start, days, TimeLimitKind.WorkingDays));
    }

    [Fact]
    public void WorkingDays_zero_is_due_at_the_start()
    {
        AssertDue(Sh("2025-03-10 10:00"), Add(China, "2025-03-10 10:00", 0, TimeLimitKind.WorkingDays));
    }

    [Theory]
    [InlineData("2025-03-10 10:00", "2025-03-10 17:30", 0)] // the start day never counts
    [InlineData("2025-03-10 10:00", "2025-03-11 17:29", 0)]
    [InlineData("2025-03-10 10:00", "2025-03-11 17:30", 1)] // a day counts once its last period has ended
    [InlineData("2025-03-10 10:00", "2025-03-12 09:00", 1)]
    [InlineData("2025-03-14 10:00", "2025-03-17 09:00", 0)]
    [InlineData("2025-03-14 10:00", "2025-03-17 17:30", 1)]
    [InlineData("2025-03-10 10:00", "2025-03-17 17:30", 5)]
    [InlineData("2025-03-17 17:30", "2025-03-10 10:00", -5)]
    public void WorkingDays_between(string a, string b, long days)
    {
        Assert.Equal(days, TimeLimitCalculator.Between(China, Sh(a), Sh(b), TimeLimitKind.WorkingDays));
    }

    [Theory]
    [InlineData("2025-03-10 10:00", 1, "2025-03-12 00:00")] // 24:00 of 11 March
    [InlineData("2025-03-10 00:00", 1, "2025-03-12 00:00")]
    [InlineData("2025-03-10 23:59", 1, "2025-03-12 00:00")]
    [InlineData("2025-01-10 10:00", 90, "2025-04-11 00:00")] // penalty case: 24:00 of 10 April
    [InlineData("2025-09-30 10:00", 3, "2025-10-04 00:00")] // holidays do not matter
    [InlineData("2024-02-28 12:00", 1, "2024-03-01 00:00")] // leap day
    [InlineData("2025-12-30 12:00", 2, "2026-01-02 00:00")]
    public void NaturalDays_are_due_at_midnight_after_the_nth_day(string start, int days, string expected)
    {
        AssertDue(Sh(expected), Add(China, start, days, TimeLimitKind.NaturalDays));
    }

    [Theory]
    [InlineData("2025-03-10 10:00", "2025-03-11 23:59", 0)]
    [InlineData("2025-03-10 10:00", "2025-03-12 00:00", 1)]
    [InlineData("2025-03-10 10:00", "2025-03-10 23:00", 0)]
    [InlineData("2025-03-12 00:00", "2025-03-10 10:00", -1)]
    public void NaturalDays_between(string a, string b, long days)
    {
        Assert.Equal(days, TimeLimitCalculator.Between(China, Sh(a), Sh(b), TimeLimitKind.NaturalDays));
    }

    [Fact]
    public void NaturalDays_are_never_provisional()
    {
        AssertDue(Sh("2030-01-03 00:00"), Add(China, "2029-12-31 10:00", 2, TimeLimitKind.NaturalDays));
    }

    [Theory]
    [InlineData("2025-03-10 23:50", 20, "2025-03-11 00:10")] // accept clock across midnight
    [InlineData("2025-03-15 10:00", 20, "2025-03-15 10:20")] // weekends count
    [InlineData("2025-10-01 12:00", 20, "2025-10-01 12:20")] // holidays count
    [InlineData("2025-01-31 23:30", 120, "2025-02-01 01:30")] // month end
    public void NaturalMinutes_run_continuously(string start, int minutes, string expected)
    {
        AssertDue(Sh(expected), Add(China, start, minutes, TimeLimitKind.NaturalMinutes));
        Assert.Equal(minutes, TimeLimitCalculator.Between(China, Sh(start), Sh(expected), TimeLimitKind.NaturalMinutes));
    }

    [Theory]
    [InlineData("2025-03-10 23:00", 2, "2025-03-11 01:00")]
    [InlineData("2025-10-01 12:00", 24, "2025-10-02 12:00")]
    [InlineData("2027-12-31 23:00", 2, "2028-01-01 01:00")] // unpublished years do not matter either
    public void UrgentHours_run_continuously(string start, int hours, string expected)
    {
        AssertDue(Sh(expected), Add(China, start, hours, TimeLimitKind.UrgentHours));
        Assert.Equal(hours * 60L, TimeLimitCalculator.Between(China, Sh(start), Sh(expected), TimeLimitKind.UrgentHours));
    }

    [Fact]
    public void Between_continuous_kinds_truncates_to_whole_minutes_toward_zero()
    {
        Assert.Equal(1, TimeLimitCalculator.Between(China, Sh("2025-03-10 10:00"), Sh("2025-03-10 10:01:59"), TimeLimitKind.NaturalMinutes));
        Assert.Equal(-1, TimeLimitCalculator.Between(China, Sh("2025-03-10 10:01:59"), Sh("2025-03-10 10:00"), TimeLimitKind.NaturalMinutes));
    }

    [Fact]
    public void TimeLimit_has_factories_and_units()
    {
        Assert.Equal(new TimeLimit(20, TimeLimitKind.NaturalMinutes), TimeLimit.NaturalMinutes(20));
        Assert.Equal(new TimeLimit(2, TimeLimitKind.UrgentHours), TimeLimit.UrgentHours(2));
        Assert.Equal(new TimeLimit(16, TimeLimitKind.WorkingHours), TimeLimit.WorkingHours(16));
        Assert.Equal(new TimeLimit(5, TimeLimitKind.WorkingDays), TimeLimit.WorkingDays(5));
        Assert.Equal(new TimeLimit(90, TimeLimitKind.NaturalDays), TimeLimit.NaturalDays(90));
        Assert.Equal(960, TimeLimit.WorkingHours(16).AmountInBetweenUnits);
        Assert.Equal(120, TimeLimit.UrgentHours(2).AmountInBetweenUnits);
        Assert.Equal(20, TimeLimit.NaturalMinutes(20).AmountInBetweenUnits);
        Assert.Equal(5, TimeLimit.WorkingDays(5).AmountInBetweenUnits);
        Assert.True(TimeLimit.IsMeasuredInMinutes(TimeLimitKind.WorkingHours));
        Assert.False(TimeLimit.IsMeasuredInMinutes(TimeLimitKind.NaturalDays));
    }

    [Fact]
    public void Unknown_kinds_throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Add(China, "2025-03-10 10:00", 1, (TimeLimitKind)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeLimitCalculator.Between(China, Sh("2025-03-10 10:00"), Sh("2025-03-11 10:00"), (TimeLimitKind)99));
    }
}
