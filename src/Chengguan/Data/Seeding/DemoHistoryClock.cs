using Chengguan.Clocks;
using Chengguan.Clocks.Calendar;

namespace Chengguan.Data.Seeding;

/// <summary>
/// One clock of the demo history, kept in memory: the ledger lines the clock service would append
/// for the same moves (with the same guards), and at the end the fields it and the sweeper would
/// have materialised by "now" — due, warning, state, margin, the steps already recorded and the
/// next one. The arithmetic is the engine's own (<see cref="ClockMath"/>), so a recomputation of
/// any seeded clock gives the same figures.
/// </summary>
internal sealed class DemoHistoryClock
{
    private readonly ClockPolicy _policy;
    private readonly WorkingCalendar _calendar;
    private readonly DemoHistoryIds _ids;
    private bool _stopped, _cancelled, _paused;

    public Clock Row { get; }

    public DemoHistoryClock(ClockPolicy policy, Guid calendarVersionId, WorkingCalendar calendar, Guid subjectId, Guid? unitId, DateTimeOffset at, string? actor, DemoHistoryIds ids,
        string subjectType = Cases.CaseIntake.SubjectType)
    {
        (_policy, _calendar, _ids) = (policy, calendar, ids);
        Row = new Clock
        {
            Id = ids.Next(at), SubjectType = subjectType, SubjectId = subjectId, Kind = policy.Code, PolicyId = policy.Id,
            CalendarVersionId = calendarVersionId, UnitId = unitId, StartedAt = at,
        };
        Append(LedgerType.Start, at, actor);
    }

    public bool IsRunning => !_stopped && !_cancelled && !_paused;

    /// <summary>The due time as the engine would compute it at <paramref name="at"/> (null while paused).</summary>
    public DateTimeOffset? DueAt(DateTimeOffset at) => Compute(at).Due;

    /// <summary>A start on a clock that exists: rework (restart or continue, as the policy says) after a stop or a cancel; otherwise nothing.</summary>
    public void Start(DateTimeOffset at, string? actor, Guid? unitId)
    {
        if (_stopped || _cancelled)
        {
            Append(_policy.Rework == ReworkMode.Continue && !_cancelled ? LedgerType.Resume : LedgerType.Restart, at, actor);
            (_stopped, _cancelled, _paused) = (false, false, false);
            Row.UnitId = unitId ?? Row.UnitId;
        }
    }

    public void Pause(DateTimeOffset at, string? actor, string? reason)
    {
        if (IsRunning)
        {
            Append(LedgerType.Pause, at, actor, reason: reason);
            _paused = true;
        }
    }

    public void Resume(DateTimeOffset at, string? actor)
    {
        if (_paused && !_cancelled)
        {
            Append(LedgerType.Resume, at, actor);
            _paused = false;
        }
    }

    public void Extend(DateTimeOffset at, int amount, string? actor, string approver, string reason) =>
        Append(LedgerType.Extend, at, actor, amount, approver, reason);

    public void Stop(DateTimeOffset at, string? actor)
    {
        if (!_stopped && !_cancelled)
        {
            Append(LedgerType.Stop, at, actor);
            (_stopped, _paused) = (true, false);
        }
    }

    public void Cancel(DateTimeOffset at, string? actor, string? reason)
    {
        if (!_cancelled)
        {
            Append(LedgerType.Cancel, at, actor, reason: reason);
            _cancelled = true;
        }
    }

    /// <summary>
    /// The clock's fields at <paramref name="now"/>, as <see cref="ClockService"/> computes them, and
    /// the warning, breach and escalation steps the sweeper had recorded by then (each shortly after it fell due).
    /// </summary>
    public void Finish(DateTimeOffset now, List<ClockLedgerEntry> ledger, List<ClockEvent> events)
    {
        ClockSchedule s = Compute(now);
        Clock c = Row;
        c.DueAt = s.Due;
        c.WarnAt = s.WarnAt;
        c.Provisional = s.Provisional;
        c.StoppedAt = s.Ended;
        c.ConsumedMinutes = s.Ended is null ? null : s.ConsumedMinutes;
        c.MarginMinutes = s.Ended is { } end && s.Due is { } due ? (long)Math.Floor((due - end).TotalMinutes) : null;
        DateTimeOffset until = s.Ended ?? (s.Cancelled ? c.Ledger[^1].At : now);
        if (s.Due is { } d && !s.Paused)
        {
            // The sweeper records the steps in order while the clock runs; what fell due before the end is on record.
            bool pending = s.Ended is null && !s.Cancelled;
            foreach ((string step, DateTimeOffset at) in ClockService.Steps(_policy, s.WarnAt ?? d, d))
            {
                if (at > until)
                {
                    if (pending)
                    {
                        (c.NextCheckAt, c.NextStep) = (at, step);
                    }
                    break;
                }
                events.Add(new ClockEvent { Id = _ids.Next(at), ClockId = c.Id, Step = step, DueAt = d, OccurredAt = at, RecordedAt = at.AddSeconds(30) });
                if (step == ClockService.Breach)
                {
                    c.BreachedAt = at;
                }
            }
        }
        c.State = s.Cancelled ? ClockState.Cancelled
            : s.Paused ? ClockState.Paused
            : s.Ended is { } e ? (e <= s.Due ? ClockState.Met : ClockState.Breached)
            : c.BreachedAt is not null && c.DueAt <= now ? ClockState.Breached
            : ClockState.Running;
        ledger.AddRange(c.Ledger);
        c.Ledger = [];
    }

    private ClockSchedule Compute(DateTimeOffset at) =>
        ClockMath.Compute(_calendar, _policy.Limit, _policy.WarnPercent, [.. Row.Ledger.Select(l => new LedgerItem(l.Type, l.At, l.Amount))], at);

    private void Append(LedgerType type, DateTimeOffset at, string? actor, int amount = 0, string? approver = null, string? reason = null) =>
        Row.Ledger.Add(new ClockLedgerEntry
        {
            Id = _ids.Next(at), ClockId = Row.Id, Seq = ++Row.LedgerCount, Type = type, At = at, Amount = amount, Actor = actor, Approver = approver, Reason = reason,
        });
}

/// <summary>Version 7 identifiers whose random part comes from the history's seed, so that two seedings give the same keys.</summary>
internal sealed class DemoHistoryIds(int seed)
{
    private Random _random = new(seed);

    public void Reset() => _random = new Random(seed);

    public Guid Next(DateTimeOffset at)
    {
        Span<byte> b = stackalloc byte[16];
        _random.NextBytes(b);
        long ms = at.ToUnixTimeMilliseconds();
        for (int i = 0; i < 6; i++)
        {
            b[i] = (byte)(ms >> (8 * (5 - i)));
        }
        b[6] = (byte)(0x70 | (b[6] & 0x0F));
        b[8] = (byte)(0x80 | (b[8] & 0x3F));
        return new Guid(b, bigEndian: true);
    }
}
