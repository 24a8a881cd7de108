using BenchmarkDotNet.Attributes;
using Chengguan.Clocks.Calendar;

namespace Chengguan.Bench;

/// <summary>
/// Steady-state cost of due-time arithmetic on the seeded Chinese calendar. The year tables are
/// built in GlobalSetup, so the figures exclude the one-off per-year build (sub-millisecond).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class TimeLimitBench
{
    // 2025-12-31 16:00 Asia/Shanghai: 16 working hours cross New Year's Day (1–3 Jan off) and the
    // make-up Sunday of 4 Jan 2026; due Mon 2026-01-05 17:00.
    private static readonly DateTimeOffset s_newYearsEve = new(2025, 12, 31, 16, 0, 0, TimeSpan.FromHours(8));

    // 2025-09-30 10:00: 5 working days across the National Day block; due Tue 2025-10-14 17:30.
    private static readonly DateTimeOffset s_beforeNationalDay = new(2025, 9, 30, 10, 0, 0, TimeSpan.FromHours(8));

    private WorkingCalendar _calendar = null!;
    private IReadOnlyList<HolidayNoticeYear> _notices = null!;

    [GlobalSetup]
    public void Setup()
    {
        _notices = HolidayNotices.LoadEmbedded();
        _calendar = WorkingCalendar.FromNotices(_notices);

        // Build the 2025 and 2026 tables outside the measurement.
        TimeLimitCalculator.Add(_calendar, s_newYearsEve, TimeLimit.WorkingHours(16));
        TimeLimitCalculator.Add(_calendar, s_beforeNationalDay, TimeLimit.WorkingDays(5));
    }

    [Benchmark(Baseline = true)]
    public DueResult WorkingHoursAcrossNewYear()
    {
        return TimeLimitCalculator.Add(_calendar, s_newYearsEve, TimeLimit.WorkingHours(16));
    }

    [Benchmark]
    public DueResult WorkingDaysAcrossNationalDay()
    {
        return TimeLimitCalculator.Add(_calendar, s_beforeNationalDay, TimeLimit.WorkingDays(5));
    }

    [Benchmark]
    public DueResult WorkingDaysAcrossNewYear()
    {
        return TimeLimitCalculator.Add(_calendar, s_newYearsEve, TimeLimit.WorkingDays(5));
    }

    [Benchmark]
    public long WorkingMinutesAcrossNewYear()
    {
        return TimeLimitCalculator.WorkingMinutesBetween(_calendar, s_newYearsEve, s_newYearsEve.AddDays(6));
    }

    /// <summary>
    /// One-off cost paid by the first computation on a fresh calendar version: building the
    /// calendar from the notices plus the 2025 and 2026 year tables. Allocates by design.
    /// </summary>
    [Benchmark]
    public DueResult ColdCalendarFirstAdd()
    {
        WorkingCalendar fresh = WorkingCalendar.FromNotices(_notices);
        return TimeLimitCalculator.Add(fresh, s_newYearsEve, TimeLimit.WorkingHours(16));
    }
}
