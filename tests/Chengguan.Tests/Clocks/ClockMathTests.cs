using Chengguan.Clocks;
using Chengguan.Clocks.Calendar;
using static Chengguan.Tests.Clocks.Calendar.TestCalendars;

namespace Chengguan.Tests.Clocks;

public sealed class ClockMathTests
{
    private static readonly TimeLimit s_accept = TimeLimit.NaturalMinutes(20);
    private static readonly TimeLimit s_disposal = TimeLimit.WorkingHours(8);

    private static ClockSchedule Run(TimeLimit limit, string now, params LedgerItem[] ledger) =>
        ClockMath.Compute(China, limit, 80, ledger, Sh(now));

    private static LedgerItem L(LedgerType type, string at, int amount = 0) => new(type, Sh(at), amount);

    [Fact]
    public void Accept_clock_is_due_twenty_minutes_after_receipt_and_warns_at_sixteen()
    {
        ClockSchedule s = Run(s_accept, "2026-03-02 10:05", L(LedgerType.Start, "2026-03-02 10:00"));
        Assert.Equal(Sh("2026-03-02 10:20"), s.Due);
        Assert.Equal(Sh("2026-03-02 10:16"), s.WarnAt);
        Assert.Equal(20, s.BudgetMinutes);
        Assert.Equal(5, s.ConsumedMinutes);
    }

    [Fact]
    public void A_natural_pause_pushes_the_due_time_by_its_length()
    {
        ClockSchedule s = Run(s_accept, "2026-03-02 11:00",
            L(LedgerType.Start, "2026-03-02 10:00"), L(LedgerType.Pause, "2026-03-02 10:10"), L(LedgerType.Resume, "2026-03-02 10:40"));
        Assert.Equal(Sh("2026-03-02 10:50"), s.Due);
        // 10 minutes used before the pause; 6 more reach the 80% threshold after the resume.
        Assert.Equal(Sh("2026-03-02 10:46"), s.WarnAt);
        Assert.Equal(30, s.ConsumedMinutes);
    }

    [Fact]
    public void A_paused_clock_has_no_due_time()
    {
        ClockSchedule s = Run(s_disposal, "2026-03-02 12:00", L(LedgerType.Start, "2026-03-02 09:00"), L(LedgerType.Pause, "2026-03-02 10:00"));
        Assert.True(s.Paused);
        Assert.Null(s.Due);
        Assert.Null(s.WarnAt);
        Assert.Equal(60, s.ConsumedMinutes);
    }

    [Fact]
    public void A_working_time_pause_counts_only_the_working_minutes_it_covered()
    {
        // Paused from Friday 16:30 to Monday 10:00: 60 + 60 working minutes, the weekend costs nothing.
        ClockSchedule s = Run(s_disposal, "2026-03-09 10:00",
            L(LedgerType.Start, "2026-03-06 14:00"), L(LedgerType.Pause, "2026-03-06 16:30"), L(LedgerType.Resume, "2026-03-09 10:00"));
        // Without the pause: 14:00 Fri + 8 h = Mon 13:00 + (8h - 3.5h - 3h = 1.5h) → Mon 14:30; plus 120 working minutes → Mon 16:30.
        Assert.Equal(Sh("2026-03-09 16:30"), s.Due);
        Assert.False(s.Paused);
    }

    [Fact]
    public void An_extension_adds_time_in_the_policy_unit()
    {
        ClockSchedule s = Run(TimeLimit.WorkingDays(5), "2025-09-26 09:00",
            L(LedgerType.Start, "2025-09-25 10:00"), L(LedgerType.Extend, "2025-09-26 09:00", 2));
        // 7 working days from Thu 25 Sep 2025: 26, 28 (make-up Sunday), 29, 30 Sep, 9, 10, 11 Oct (make-up Saturday).
        Assert.Equal(Sh("2025-10-11 17:30"), s.Due);
    }

    [Fact]
    public void A_restart_discards_everything_before_it()
    {
        ClockSchedule s = Run(s_accept, "2026-03-02 11:05",
            L(LedgerType.Start, "2026-03-02 10:00"), L(LedgerType.Extend, "2026-03-02 10:05", 30), L(LedgerType.Pause, "2026-03-02 10:06"),
            L(LedgerType.Restart, "2026-03-02 11:00"));
        Assert.Equal(Sh("2026-03-02 11:20"), s.Due);
        Assert.False(s.Paused);
    }

    [Fact]
    public void A_stopped_clock_reports_what_it_consumed()
    {
        ClockSchedule s = Run(s_accept, "2026-03-02 12:00",
            L(LedgerType.Start, "2026-03-02 10:00"), L(LedgerType.Pause, "2026-03-02 10:05"), L(LedgerType.Resume, "2026-03-02 10:15"), L(LedgerType.Stop, "2026-03-02 10:27"));
        Assert.Equal(Sh("2026-03-02 10:27"), s.Ended);
        Assert.Equal(17, s.ConsumedMinutes);
        Assert.Equal(Sh("2026-03-02 10:30"), s.Due);
    }

    [Fact]
    public void Warning_never_falls_after_the_due_time()
    {
        ClockSchedule s = Run(TimeLimit.NaturalMinutes(1), "2026-03-02 10:00", L(LedgerType.Start, "2026-03-02 10:00"));
        Assert.True(s.WarnAt <= s.Due);
    }

    [Fact]
    public void A_ledger_without_a_start_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => Run(s_accept, "2026-03-02 10:00", L(LedgerType.Pause, "2026-03-02 10:00")));
    }
}

public sealed class ClockMathReworkTests
{
    private static LedgerItem L(LedgerType type, string at, int amount = 0) => new(type, Sh(at), amount);

    [Fact]
    public void Rework_that_continues_counts_the_stopped_time_like_a_pause()
    {
        ClockSchedule s = ClockMath.Compute(China, TimeLimit.NaturalMinutes(60), 80,
            [L(LedgerType.Start, "2026-03-02 10:00"), L(LedgerType.Stop, "2026-03-02 10:20"), L(LedgerType.Resume, "2026-03-02 11:00")], Sh("2026-03-02 11:10"));
        Assert.Null(s.Ended);
        Assert.Equal(Sh("2026-03-02 11:40"), s.Due);
        Assert.Equal(30, s.ConsumedMinutes);
    }

    [Fact]
    public void A_cancelled_clock_stays_ended()
    {
        ClockSchedule s = ClockMath.Compute(China, TimeLimit.NaturalMinutes(60), 80,
            [L(LedgerType.Start, "2026-03-02 10:00"), L(LedgerType.Cancel, "2026-03-02 10:20"), L(LedgerType.Resume, "2026-03-02 11:00")], Sh("2026-03-02 11:10"));
        Assert.True(s.Cancelled);
        Assert.Equal(Sh("2026-03-02 10:20"), s.Ended);
        Assert.Null(s.WarnAt);
    }

    [Fact]
    public void Stopping_while_paused_closes_the_pause()
    {
        ClockSchedule s = ClockMath.Compute(China, TimeLimit.NaturalMinutes(60), 80,
            [L(LedgerType.Start, "2026-03-02 10:00"), L(LedgerType.Pause, "2026-03-02 10:10"), L(LedgerType.Stop, "2026-03-02 10:40")], Sh("2026-03-02 12:00"));
        Assert.False(s.Paused);
        Assert.Equal(10, s.ConsumedMinutes);
        Assert.Equal(Sh("2026-03-02 11:30"), s.Due);
    }
}
