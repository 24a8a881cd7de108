using System.Text.Json;
using Chengguan.Data;
using Chengguan.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Clocks;

public sealed record ClockStepMessage(Guid ClockId, string SubjectType, Guid SubjectId, string Kind, string PolicyName, string Step, DateTimeOffset DueAt, DateTimeOffset OccurredAt, Guid? UnitId);

/// <summary>
/// Records warnings, breaches and escalations as they fall due, each exactly once (unique on
/// clock, step and due time), with its outbox message in the same transaction. Due clocks are
/// claimed in batches: FOR UPDATE SKIP LOCKED on PostgreSQL, so several nodes share the work; a
/// lease on SQLite, so one node does it. A step that fell due while the service was down is
/// recorded at the next sweep with its true time.
/// </summary>
public sealed class ClockSweeper(IServiceScopeFactory scopes, TimeProvider time, ILogger<ClockSweeper> logger)
{
    public const int BatchSize = 1000;

    /// <summary>Every step's outbox topic is this prefix and the step ("clock.warn", "clock.escalate:section_chief"); <see cref="ClockStepNotifications"/> owns them.</summary>
    public const string TopicPrefix = "clock.";
    private const string LeaseName = "clock-sweeper";
    private static readonly TimeSpan s_leaseLength = TimeSpan.FromSeconds(30);
    private readonly string _holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Sweeps until nothing due is left; returns the number of steps recorded.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        int total = 0;
        while (true)
        {
            (int clocks, int steps) = await SweepBatchAsync(ct);
            total += steps;
            if (clocks < BatchSize)
            {
                return total;
            }
        }
    }

    public async Task<(int Clocks, int Steps)> SweepBatchAsync(CancellationToken ct)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        AppDbContext db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        DateTimeOffset now = time.GetUtcNow();
        if (db.Provider == DatabaseProvider.Sqlite && !await HoldLeaseAsync(db, now, ct))
        {
            return (0, 0);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        List<Clock> clocks = await ClaimDueAsync(db, now, ct);
        if (clocks.Count == 0)
        {
            return (0, 0);
        }
        Dictionary<Guid, ClockPolicy> policies = await db.ClockPolicies.AsNoTracking().ToDictionaryAsync(p => p.Id, ct);
        var events = new List<ClockEvent>(clocks.Count);
        var messages = new List<OutboxMessage>(clocks.Count);
        foreach (Clock clock in clocks)
        {
            ClockPolicy policy = policies[clock.PolicyId];
            if (clock.DueAt is not { } due)
            {
                (clock.NextCheckAt, clock.NextStep) = (null, null);
                continue;
            }
            // Steps are recorded in their order, so every step before the next one is already on record.
            var order = ClockService.Steps(policy, clock.WarnAt ?? due, due).ToList();
            int i = order.FindIndex(s => s.Step == clock.NextStep);
            for (; i >= 0 && i < order.Count && order[i].At <= now; i++)
            {
                (string step, DateTimeOffset at) = order[i];
                events.Add(new ClockEvent { ClockId = clock.Id, Step = step, DueAt = due, OccurredAt = at, RecordedAt = now });
                messages.Add(OutboxWrites.Message(TopicPrefix + step,
                    JsonSerializer.Serialize(new ClockStepMessage(clock.Id, clock.SubjectType, clock.SubjectId, clock.Kind, policy.Name, step, due, at, clock.UnitId), JsonSerializerOptions.Web), now));
                if (step == ClockService.Breach)
                {
                    clock.BreachedAt = at;
                    clock.State = ClockState.Breached;
                }
            }
            if (i >= 0 && i < order.Count)
            {
                (clock.NextCheckAt, clock.NextStep) = (order[i].At, order[i].Step);
            }
            else
            {
                (clock.NextCheckAt, clock.NextStep) = (null, null);
            }
        }
        int steps = events.Count;
        await new BulkWrite(db, time)
            .Insert(events)
            .InsertOutbox(messages)
            .Update(clocks, nameof(Clock.NextCheckAt), nameof(Clock.NextStep), nameof(Clock.State), nameof(Clock.BreachedAt))
            .ExecuteAsync($"clock-sweep: {steps} steps on {clocks.Count} clocks", null, ct);
        await tx.CommitAsync(ct);
        logger.LogDebug("Clock sweep recorded {Steps} steps on {Clocks} clocks", steps, clocks.Count);
        return (clocks.Count, steps);
    }

    /// <summary>
    /// The batch's due clocks: whole rows in one query, untracked, written back in bulk (10,000 steps must take well
    /// under a second); on PostgreSQL locked for this transaction, skipping rows another node holds. The sweep bench
    /// times this very query.
    /// </summary>
    internal static async Task<List<Clock>> ClaimDueAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct) =>
        db.Provider == DatabaseProvider.Postgres
            ? await db.Clocks.FromSql($"""
                SELECT * FROM clocks WHERE "NextCheckAt" <= {now} ORDER BY "NextCheckAt" LIMIT {BatchSize} FOR UPDATE SKIP LOCKED
                """).AsNoTracking().ToListAsync(ct)
            : await db.Clocks.AsNoTracking().Where(c => c.NextCheckAt <= now).OrderBy(c => c.NextCheckAt).Take(BatchSize).ToListAsync(ct);

    private Task<bool> HoldLeaseAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct) =>
        JobLeases.TryHoldAsync(db, LeaseName, _holder, now, s_leaseLength, ct);
}

/// <summary>Runs the sweeper every few seconds (configurable; off in tests that sweep by hand).</summary>
internal sealed class ClockSweeperService(ClockSweeper sweeper, TimeProvider time, IConfiguration config, StartupReport startup, ILogger<ClockSweeperService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!config.GetValue("Clocks:Sweeper:Enabled", true))
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(config.GetValue("Clocks:Sweeper:Seconds", 5)), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // A clock moved forward by days fires every missed tick at once, running this loop inline; yielding lets the
            // ticks coalesce into one, as a real clock's would (a test's FakeTimeProvider.Advance otherwise runs the body per tick).
            await Task.Yield();
            if (!startup.Ready)
            {
                continue;
            }
            try
            {
                await sweeper.SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Clock sweep failed; it will run again");
            }
        }
    }
}
