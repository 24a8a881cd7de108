using Chengguan.Clocks.Calendar;
using Chengguan.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Clocks;

/// <summary>
/// Starts, pauses, resumes, extends, stops and cancels clocks by appending to their ledger and
/// recomputing. It never saves: the caller's use case commits the clock with its own change.
/// </summary>
public sealed class ClockService(AppDbContext db, CalendarStore calendars, TimeProvider time)
{
    public const string Warn = "warn";
    public const string Breach = "breach";
    public const string EscalatePrefix = "escalate:";

    /// <param name="subjectIsNew">The subject was created in this unit of work, so it has no clock to look up.</param>
    public async Task<Clock> StartAsync(string subjectType, Guid subjectId, string policyCode, Guid? unitId, string? actor, CancellationToken ct, bool subjectIsNew = false)
    {
        ClockPolicy policy = await CurrentPolicyAsync(policyCode, ct);
        Clock? clock = subjectIsNew ? null : await db.Clocks.Include(c => c.Ledger).Include(c => c.Policy)
            .FirstOrDefaultAsync(c => c.SubjectType == subjectType && c.SubjectId == subjectId && c.Kind == policyCode, ct);
        DateTimeOffset now = time.GetUtcNow();
        var current = await CurrentCalendarAsync(policy.Calendar, ct);
        if (clock is null)
        {
            clock = new Clock
            {
                SubjectType = subjectType, SubjectId = subjectId, Kind = policyCode, PolicyId = policy.Id, Policy = policy,
                CalendarVersionId = current.Version.Id, UnitId = unitId, StartedAt = now,
            };
            db.Clocks.Add(clock);
            Append(clock, LedgerType.Start, now, actor);
        }
        else if (clock.State is ClockState.Met or ClockState.Breached && clock.StoppedAt is not null || clock.State == ClockState.Cancelled)
        {
            // Rework (返工, 重办): the policy says whether the limit starts again or continues.
            Append(clock, clock.Policy!.Rework == ReworkMode.Continue && clock.State != ClockState.Cancelled ? LedgerType.Resume : LedgerType.Restart, now, actor);
            clock.UnitId = unitId ?? clock.UnitId;
        }
        else
        {
            return clock;
        }
        await RecomputeAsync(clock, current.Calendar, ct);
        return clock;
    }

    /// <summary>Whether an added row is one <see cref="StartAsync"/> makes (a clock, a ledger line), which a group commit may insert in bulk.</summary>
    public static bool IsStartRow(object entity) => entity is Clock or ClockLedgerEntry;

    /// <summary>
    /// For a group commit (decision 0007): adds to <paramref name="write"/> the clocks and ledger lines
    /// among <paramref name="added"/> (the unit of work's added rows, read once by the caller), so that
    /// they are inserted in bulk with the subjects they time. The caller then accepts the tracker's
    /// changes, so that no SaveChanges inserts them again.
    /// </summary>
    public static BulkWrite InsertStarted(BulkWrite write, IReadOnlyCollection<object> added) =>
        write.Insert(added.OfType<Clock>().ToList()).Insert(added.OfType<ClockLedgerEntry>().ToList());

    // A unit of work (one request, or one group-committed batch of hotline orders) reads each policy
    // and calendar once: a batch of 200 orders would otherwise read the calendar's notices 400 times.
    private readonly Dictionary<string, ClockPolicy> _policies = [];
    private readonly Dictionary<string, (CalendarVersion Version, WorkingCalendar Calendar)> _calendars = [];

    private async Task<ClockPolicy> CurrentPolicyAsync(string code, CancellationToken ct)
    {
        if (!_policies.TryGetValue(code, out ClockPolicy? policy))
        {
            policy = await db.ClockPolicies.Where(p => p.Code == code && p.Active).OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct)
                ?? throw new InvalidOperationException($"No active clock policy '{code}'.");
            _policies[code] = policy;
        }
        return policy;
    }

    private async Task<(CalendarVersion Version, WorkingCalendar Calendar)> CurrentCalendarAsync(string name, CancellationToken ct)
    {
        if (!_calendars.TryGetValue(name, out var current))
        {
            current = await calendars.GetCurrentAsync(db, name, ct) ?? throw new InvalidOperationException($"No calendar '{name}'.");
            _calendars[name] = current;
        }
        return current;
    }

    public Task PauseAsync(Clock clock, string? actor, string? reason, CancellationToken ct) =>
        clock.State is ClockState.Running or ClockState.Breached && clock.StoppedAt is null ? AppendAndRecomputeAsync(clock, LedgerType.Pause, actor, reason: reason, ct: ct) : Task.CompletedTask;

    public Task ResumeAsync(Clock clock, string? actor, CancellationToken ct) =>
        clock.State == ClockState.Paused ? AppendAndRecomputeAsync(clock, LedgerType.Resume, actor, ct: ct) : Task.CompletedTask;

    /// <summary>Adds time in the policy's unit (minutes, hours or days), with the approver and the reason on the ledger.</summary>
    public Task ExtendAsync(Clock clock, int amount, string? actor, string approver, string reason, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        return AppendAndRecomputeAsync(clock, LedgerType.Extend, actor, amount, approver, reason, ct);
    }

    /// <param name="reason">What stopped it (the step: 签收, 到场取证…), shown with the clock.</param>
    public Task StopAsync(Clock clock, string? actor, CancellationToken ct, string? reason = null) =>
        clock.StoppedAt is null && clock.State != ClockState.Cancelled ? AppendAndRecomputeAsync(clock, LedgerType.Stop, actor, reason: reason, ct: ct) : Task.CompletedTask;

    public Task CancelAsync(Clock clock, string? actor, string? reason, CancellationToken ct) =>
        clock.State != ClockState.Cancelled ? AppendAndRecomputeAsync(clock, LedgerType.Cancel, actor, reason: reason, ct: ct) : Task.CompletedTask;

    /// <summary>
    /// Hands the clock to another unit (a case dispatched or reassigned): the unit it counts for in
    /// the league tables and escalations. Its ledger is unchanged: the time runs on as before.
    /// </summary>
    public void Reassign(Clock clock, Guid unitId) => clock.UnitId = unitId;

    /// <summary>Moves a running clock onto the current calendar version (after a notice import); an ended clock never changes.</summary>
    public async Task<bool> RecalculateAsync(Clock clock, CancellationToken ct)
    {
        ClockPolicy policy = clock.Policy ?? await db.ClockPolicies.FirstAsync(p => p.Id == clock.PolicyId, ct);
        var current = await calendars.GetCurrentAsync(db, policy.Calendar, ct) ?? throw new InvalidOperationException("No calendar.");
        return await RecalculateAsync(clock, current.Version, current.Calendar, null, ct);
    }

    /// <summary>The batch form: the current version and the steps already recorded are read once for many clocks.</summary>
    internal async Task<bool> RecalculateAsync(Clock clock, CalendarVersion version, WorkingCalendar calendar, ILookup<Guid, (string Step, DateTimeOffset DueAt)>? recorded, CancellationToken ct) =>
        await RecalculateAsync(clock, version, calendar, recorded, track: true, ct) is not null;

    /// <summary>
    /// With <paramref name="track"/> false the clock was read without tracking and the new ledger
    /// line is only returned, for the caller to write in bulk with the clock's new fields.
    /// </summary>
    internal async Task<ClockLedgerEntry?> RecalculateAsync(Clock clock, CalendarVersion version, WorkingCalendar calendar, ILookup<Guid, (string Step, DateTimeOffset DueAt)>? recorded, bool track, CancellationToken ct)
    {
        if (clock.StoppedAt is not null || clock.State == ClockState.Cancelled || version.Id == clock.CalendarVersionId)
        {
            return null;
        }
        clock.CalendarVersionId = version.Id;
        ClockLedgerEntry entry = Append(clock, LedgerType.Recalc, time.GetUtcNow(), "system", calendarVersionId: version.Id, track: track);
        await RecomputeAsync(clock, calendar, ct, recorded);
        return entry;
    }

    private async Task AppendAndRecomputeAsync(Clock clock, LedgerType type, string? actor, int amount = 0, string? approver = null, string? reason = null, CancellationToken ct = default)
    {
        if (clock.Ledger.Count != clock.LedgerCount)
        {
            await db.Entry(clock).Collection(c => c.Ledger).LoadAsync(ct);
        }
        Append(clock, type, time.GetUtcNow(), actor, amount, approver, reason);
        await RecomputeAsync(clock, await CalendarOfAsync(clock, ct), ct);
    }

    private async Task<WorkingCalendar> CalendarOfAsync(Clock clock, CancellationToken ct)
    {
        CalendarVersion version = await db.CalendarVersions.AsNoTracking().FirstAsync(v => v.Id == clock.CalendarVersionId, ct);
        return calendars.Get(version);
    }

    private ClockLedgerEntry Append(Clock clock, LedgerType type, DateTimeOffset at, string? actor, int amount = 0, string? approver = null, string? reason = null, Guid? calendarVersionId = null, bool track = true)
    {
        var entry = new ClockLedgerEntry
        {
            ClockId = clock.Id, Seq = ++clock.LedgerCount, Type = type, At = at, Amount = amount,
            Actor = actor, Approver = approver, Reason = reason, CalendarVersionId = calendarVersionId,
        };
        // Added explicitly: found only through the navigation, a row with its key already set would be taken for an existing one.
        if (track)
        {
            db.ClockLedger.Add(entry);
        }
        clock.Ledger.Add(entry);
        return entry;
    }

    /// <summary>Materialises due, warning, state, reporting fields and the next step the sweeper must record.</summary>
    internal async Task RecomputeAsync(Clock clock, WorkingCalendar calendar, CancellationToken ct, ILookup<Guid, (string Step, DateTimeOffset DueAt)>? recorded = null)
    {
        ClockPolicy policy = clock.Policy ?? await db.ClockPolicies.FirstAsync(p => p.Id == clock.PolicyId, ct);
        DateTimeOffset now = time.GetUtcNow();
        LedgerItem[] ledger = [.. clock.Ledger.OrderBy(l => l.Seq).Select(l => new LedgerItem(l.Type, l.At, l.Amount))];
        ClockSchedule s = ClockMath.Compute(calendar, policy.Limit, policy.WarnPercent, ledger, now);
        clock.DueAt = s.Due;
        clock.WarnAt = s.WarnAt;
        clock.Provisional = s.Provisional;
        clock.StoppedAt = s.Ended;
        clock.ConsumedMinutes = s.Ended is null ? null : s.ConsumedMinutes;
        clock.MarginMinutes = s.Ended is { } end && s.Due is { } due ? (long)Math.Floor((due - end).TotalMinutes) : null;
        clock.State = s.Cancelled ? ClockState.Cancelled
            : s.Paused ? ClockState.Paused
            : s.Ended is { } e ? (e <= s.Due ? ClockState.Met : ClockState.Breached)
            : clock.BreachedAt is not null && clock.DueAt <= now ? ClockState.Breached
            : ClockState.Running;
        if (clock.State is ClockState.Running && clock.BreachedAt is not null)
        {
            // An extension or a pause moved the due time past now: the earlier breach stays on record.
            clock.BreachedAt = null;
        }
        (clock.NextCheckAt, clock.NextStep) = s.Ended is null && !s.Paused && s.Due is { } d
            ? await NextStepAsync(clock, policy, s.WarnAt!.Value, d, ct, recorded)
            : (null, null);
    }

    /// <summary>The earliest step of this due time not yet recorded: warn, breach, then each escalation.</summary>
    internal async Task<(DateTimeOffset?, string?)> NextStepAsync(Clock clock, ClockPolicy policy, DateTimeOffset warnAt, DateTimeOffset due, CancellationToken ct,
        ILookup<Guid, (string Step, DateTimeOffset DueAt)>? preloaded = null)
    {
        List<string> recorded = db.Entry(clock).State == EntityState.Added ? []
            : preloaded is not null ? [.. preloaded[clock.Id].Where(e => e.DueAt == due).Select(e => e.Step)]
            : await db.ClockEvents.Where(e => e.ClockId == clock.Id && e.DueAt == due).Select(e => e.Step).ToListAsync(ct);
        foreach ((string step, DateTimeOffset at) in Steps(policy, warnAt, due))
        {
            if (!recorded.Contains(step))
            {
                return (at, step);
            }
        }
        return (null, null);
    }

    internal static IEnumerable<(string Step, DateTimeOffset At)> Steps(ClockPolicy policy, DateTimeOffset warnAt, DateTimeOffset due)
    {
        yield return (Warn, warnAt);
        yield return (Breach, due);
        foreach (EscalationStep e in policy.Escalations.OrderBy(e => e.AfterDueMinutes))
        {
            yield return (EscalatePrefix + e.Role, due.AddMinutes(e.AfterDueMinutes));
        }
    }
}
