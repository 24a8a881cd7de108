using Chengguan.Clocks.Calendar;
using static Chengguan.Tests.Clocks.Calendar.TestCalendars;

namespace Chengguan.Tests.Clocks.Calendar;

/// <summary>Working hours on the default week (09:00–12:00, 13:00–17:30); 2025-03-10 is a plain Monday.</summary>
public sealed class WorkingHoursTests
{
    [Theory]
    [InlineData("2025-03-10 08:00", 1, "2025-03-10 10:00")] // before opening: counts from 09:00
    [InlineData("2025-03-10 00:00", 1, "2025-03-10 10:00")]
    [InlineData("2025-03-10 09:00", 1, "2025-03-10 10:00")]
    [InlineData("2025-03-10 10:15", 1, "2025-03-10 11:15")]
    [InlineData("2025-03-10 11:00", 2, "2025-03-10 14:00")] // across lunch
    [InlineData("2025-03-10 12:30", 1, "2025-03-10 14:00")] // during lunch: counts from 13:00
    [InlineData("2025-03-10 16:30", 1, "2025-03-10 17:30")] // ends exactly at closing
    [InlineData("2025-03-10 17:00", 1, "2025-03-11 09:30")] // across the night
    [InlineData("2025-03-10 18:00", 1, "2025-03-11 10:00")] // after closing
    [InlineData("2025-03-10 23:59", 1, "2025-03-11 10:00")]
    [InlineData("2025-03-10 09:00", 8, "2025-03-11 09:30")] // a day holds 7.5 h
    [InlineData("2025-03-10 09:00", 15, "2025-03-11 17:30")]
    [InlineData("2025-03-10 09:00", 16, "2025-03-12 10:00")]
    [InlineData("2025-03-14 16:50", 1, "2025-03-17 09:20")] // Friday afternoon: 40 min + Monday 20 min
    [InlineData("2025-03-15 10:00", 1, "2025-03-17 10:00")] // Saturday
    [InlineData("2025-03-16 23:00", 3, "2025-03-17 12:00")] // Sunday night: due at noon, not 13:00
    public void Add_counts_only_working_periods(string start, int hours, string expected)
    {
        AssertDue(Sh(expected), Add(China, start, hours, TimeLimitKind.WorkingHours));
    }

    [Theory]
    [InlineData("2025-03-10 09:00", 180, "2025-03-10 12:00")] // the morning ends the limit at 12:00, not 13:00
    [InlineData("2025-03-10 11:00", 60, "2025-03-10 12:00")]
    [InlineData("2025-03-10 11:00", 61, "2025-03-10 13:01")]
    [InlineData("2025-03-10 13:00", 270, "2025-03-10 17:30")] // the afternoon ends it at 17:30, not next 09:00
    [InlineData("2025-03-10 09:00", 450, "2025-03-10 17:30")]
    [InlineData("2025-03-10 09:00", 451, "2025-03-11 09:01")]
    [InlineData("2025-03-10 12:00", 1, "2025-03-10 13:01")] // a start at a period end counts nothing until 13:00
    [InlineData("2025-03-10 17:30", 1, "2025-03-11 09:01")]
    [InlineData("2025-03-14 17:30", 1, "2025-03-17 09:01")]
    public void AddMinutes_boundary_rule(string start, int minutes, string expected)
    {
        AssertDue(Sh(expected), TimeLimitCalculator.AddMinutes(China, Sh(start), minutes, TimeLimitKind.WorkingHours));
    }

    [Theory]
    [InlineData("2025-03-10 10:30")]
    [InlineData("2025-03-10 12:15")]
    [InlineData("2025-03-15 12:15")]
    public void Add_zero_is_due_at_the_start(string start)
    {
        AssertDue(Sh(start), Add(China, start, 0, TimeLimitKind.WorkingHours));
    }

    [Fact]
    public void Add_keeps_seconds_of_the_start()
    {
        DueResult due = TimeLimitCalculator.Add(China, Sh("2025-03-10 10:00:30"), TimeLimit.WorkingHours(2));

        AssertDue(Sh("2025-03-10 13:00:30"), due);
        Assert.Equal(120, TimeLimitCalculator.WorkingMinutesBetween(China, Sh("2025-03-10 10:00:30"), due.DueUtc));
    }

    [Fact]
    public void Add_accepts_any_offset_and_answers_in_utc()
    {
        DueResult due = TimeLimitCalculator.Add(China, At("2025-03-10 03:00 +00:00"), TimeLimit.WorkingHours(1));

        Assert.Equal(At("2025-03-10 04:00 +00:00"), due.DueUtc);
        Assert.Equal(TimeSpan.Zero, due.DueUtc.Offset);
    }

    [Fact]
    public void Add_rejects_negative_amounts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Add(China, "2025-03-10 10:00", -1, TimeLimitKind.WorkingHours));
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeLimitCalculator.AddMinutes(China, Sh("2025-03-10 10:00"), -1, TimeLimitKind.WorkingHours));
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeLimitCalculator.AddMinutes(China, Sh("2025-03-10 10:00"), 5, TimeLimitKind.WorkingDays));
    }

    [Theory]
    [InlineData("2025-03-10 08:00", "2025-03-10 18:00", 450)]
    [InlineData("2025-03-10 11:00", "2025-03-10 14:00", 120)]
    [InlineData("2025-03-10 12:00", "2025-03-10 13:00", 0)]
    [InlineData("2025-03-10 12:10", "2025-03-10 12:50", 0)]
    [InlineData("2025-03-14 17:00", "2025-03-17 10:00", 90)]
    [InlineData("2025-03-10 00:00", "2025-03-17 00:00", 5 * 450)]
    [InlineData("2025-03-10 10:00", "2025-03-10 10:00", 0)]
    [InlineData("2025-03-10 10:00", "2025-03-10 10:00:59", 0)] // whole minutes, truncated
    [InlineData("2025-03-10 10:00", "2025-03-10 10:01", 1)]
    [InlineData("2025-03-17 10:00", "2025-03-14 17:00", -90)]
    public void WorkingMinutesBetween_counts_overlap_with_periods(string a, string b, long minutes)
    {
        Assert.Equal(minutes, TimeLimitCalculator.WorkingMinutesBetween(China, Sh(a), Sh(b)));
        Assert.Equal(minutes, TimeLimitCalculator.Between(China, Sh(a), Sh(b), TimeLimitKind.WorkingHours));
    }

    [Fact]
    public void WorkingMinutesBetween_whole_years()
    {
        // Cross-checks the cumulative tables against a day-by-day count.
        int workingDays = 0;
        for (DateOnly d = new(2025, 1, 1); d.Year == 2025; d = d.AddDays(1))
        {
            workingDays += China.IsWorkingDay(d) ? 1 : 0;
        }

        Assert.Equal(workingDays * 450L, TimeLimitCalculator.WorkingMinutesBetween(China, Sh("2025-01-01 00:00"), Sh("2026-01-01 00:00")));
        Assert.Equal(
            TimeLimitCalculator.WorkingMinutesBetween(China, Sh("2024-06-01 00:00"), Sh("2025-01-01 00:00"))
            + TimeLimitCalculator.WorkingMinutesBetween(China, Sh("2025-01-01 00:00"), Sh("2026-01-01 00:00"))
            + TimeLimitCalculator.WorkingMinutesBetween(China, Sh("2026-01-01 00:00"), Sh("2026-03-01 00:00")),
            TimeLimitCalculator.WorkingMinutesBetween(China, Sh("2024-06-01 00:00"), Sh("2026-03-01 00:00")));
    }

    [Fact]
    public void Add_long_limits_cross_several_years()
    {
        DateTimeOffset start = Sh("2016-03-01 10:00");
        DueResult due = TimeLimitCalculator.Add(China, start, TimeLimit.WorkingHours(15_000));

        Assert.Equal(15_000 * 60L, TimeLimitCalculator.WorkingMinutesBetween(China, start, due.DueUtc));
        Assert.InRange(due.DueUtc, Sh("2024-01-01 00:00"), Sh("2025-01-01 00:00"));
        Assert.False(due.Provisional);
    }
}
