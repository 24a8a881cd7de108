using Chengguan.Clocks.Calendar;

namespace Chengguan.Clocks;

public enum LedgerType
{
    Start,
    Pause,
    Resume,
    Extend,
    Restart,
    Recalc,
    Stop,
    Cancel,
}

/// <summary>One ledger line as the arithmetic sees it; <see cref="Amount"/> is an extension in the policy's unit.</summary>
public readonly record struct LedgerItem(LedgerType Type, DateTimeOffset At, int Amount = 0);

/// <summary>What a ledger means under a policy and a calendar at a given moment.</summary>
public sealed record ClockSchedule(
    DateTimeOffset Started,
    DateTimeOffset? Due,
    DateTimeOffset? WarnAt,
    bool Paused,
    DateTimeOffset? Ended,
    bool Cancelled,
    bool Provisional,
    long BudgetMinutes,
    long ConsumedMinutes);

/// <summary>
/// The due time of a clock, always recomputed from its ledger (never adjusted in place):
/// the limit plus approved extensions is laid from the last start or restart; each finished pause
/// pushes the due time by the pause's length measured as the limit measures time (working minutes
/// for working hours and days, elapsed time otherwise); a clock paused now has no due time; a
/// resume after a stop (rework that continues) counts the stopped time like a pause.
/// </summary>
public static class ClockMath
{
    public static ClockSchedule Compute(WorkingCalendar calendar, TimeLimit limit, int warnPercent, IReadOnlyList<LedgerItem> ledger, DateTimeOffset now)
    {
        int from = -1;
        for (int i = ledger.Count - 1; i >= 0; i--)
        {
            if (ledger[i].Type is LedgerType.Start or LedgerType.Restart)
            {
                from = i;
                break;
            }
        }
        if (from < 0)
        {
            throw new InvalidOperationException("A clock ledger must begin with a start.");
        }
        DateTimeOffset started = ledger[from].At;
        bool working = limit.Kind is TimeLimitKind.WorkingHours or TimeLimitKind.WorkingDays;

        int extension = 0;
        bool cancelled = false;
        DateTimeOffset? ended = null;
        DateTimeOffset? pausedSince = null;
        DateTimeOffset segmentStart = started;
        TimeSpan shiftNatural = TimeSpan.Zero;
        long shiftWorking = 0;
        long consumedBeforeSegment = 0;
        void Shift(DateTimeOffset from, DateTimeOffset to)
        {
            shiftNatural += to - from;
            shiftWorking += Measure(calendar, true, from, to);
        }
        for (int i = from + 1; i < ledger.Count; i++)
        {
            LedgerItem item = ledger[i];
            switch (item.Type)
            {
                case LedgerType.Extend when !cancelled:
                    extension += item.Amount;
                    break;
                case LedgerType.Pause when pausedSince is null && ended is null:
                    pausedSince = item.At;
                    consumedBeforeSegment += Measure(calendar, working, segmentStart, item.At);
                    break;
                case LedgerType.Resume when ended is { } stoppedAt && !cancelled:
                    // Rework that continues: the time between stop and reopening counts like a pause.
                    Shift(stoppedAt, item.At);
                    ended = null;
                    segmentStart = item.At;
                    break;
                case LedgerType.Resume when pausedSince is { } p && ended is null:
                    Shift(p, item.At);
                    pausedSince = null;
                    segmentStart = item.At;
                    break;
                case LedgerType.Stop or LedgerType.Cancel when ended is null:
                    if (pausedSince is { } open)
                    {
                        Shift(open, item.At);
                        pausedSince = null;
                    }
                    else
                    {
                        consumedBeforeSegment += Measure(calendar, working, segmentStart, item.At);
                    }
                    ended = item.At;
                    cancelled = item.Type == LedgerType.Cancel;
                    break;
            }
        }

        DueResult baseDue = TimeLimitCalculator.Add(calendar, started, limit with { Amount = limit.Amount + extension });
        long budget = Measure(calendar, working, started, baseDue.DueUtc);
        long consumed = consumedBeforeSegment + (pausedSince is null && ended is null ? Measure(calendar, working, segmentStart, now) : 0);

        if (pausedSince is not null)
        {
            return new ClockSchedule(started, null, null, Paused: true, null, cancelled, baseDue.Provisional, budget, consumed);
        }

        DateTimeOffset due = baseDue.DueUtc;
        bool provisional = baseDue.Provisional;
        if (working && shiftWorking > 0)
        {
            DueResult shifted = TimeLimitCalculator.AddMinutes(calendar, due, shiftWorking, TimeLimitKind.WorkingHours);
            due = shifted.DueUtc;
            provisional |= shifted.Provisional;
        }
        else if (!working)
        {
            due += shiftNatural;
        }

        // The warning falls where the consumed share of the budget reaches the threshold.
        long target = (budget * Math.Clamp(warnPercent, 1, 100) + 99) / 100;
        DateTimeOffset warnAt = target <= consumedBeforeSegment
            ? segmentStart
            : working
                ? TimeLimitCalculator.AddMinutes(calendar, segmentStart, target - consumedBeforeSegment, TimeLimitKind.WorkingHours).DueUtc
                : segmentStart + TimeSpan.FromMinutes(target - consumedBeforeSegment);
        if (warnAt > due)
        {
            warnAt = due;
        }
        return new ClockSchedule(started, due, ended is null ? warnAt : null, false, ended, cancelled, provisional, budget, consumed);
    }

    /// <summary>Minutes between two instants as the limit counts them.</summary>
    public static long Measure(WorkingCalendar calendar, bool working, DateTimeOffset a, DateTimeOffset b) =>
        b <= a ? 0 : working ? TimeLimitCalculator.WorkingMinutesBetween(calendar, a, b) : (long)(b - a).TotalMinutes;
}
