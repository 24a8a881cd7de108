using Chengguan.Clocks.Calendar;
using Chengguan.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Clocks;

/// <summary>After a calendar changes: the running clocks move onto its new version (a notice import, a new zone or working hours).</summary>
internal static class ClockRecompute
{
    /// <summary>
    /// Moves every running working-time clock on this calendar to the new version, in batches of
    /// their own. Natural-time clocks do not depend on holidays; ended clocks never change.
    /// </summary>
    private static readonly string[] s_recomputedFields =
    [
        nameof(Clock.CalendarVersionId), nameof(Clock.LedgerCount), nameof(Clock.DueAt), nameof(Clock.WarnAt), nameof(Clock.Provisional),
        nameof(Clock.StoppedAt), nameof(Clock.ConsumedMinutes), nameof(Clock.MarginMinutes), nameof(Clock.State), nameof(Clock.BreachedAt),
        nameof(Clock.NextCheckAt), nameof(Clock.NextStep),
    ];

    public static async Task<int> RunningClocksAsync(IServiceScopeFactory scopes, string calendar, CancellationToken ct, bool includeNaturalDays = false)
    {
        const int batch = 1000;
        int total = 0;
        Guid after = Guid.Empty;
        while (true)
        {
            await using AsyncServiceScope scope = scopes.CreateAsyncScope();
            AppDbContext db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            ClockService clocks = scope.ServiceProvider.GetRequiredService<ClockService>();
            var current = await scope.ServiceProvider.GetRequiredService<CalendarStore>().GetCurrentAsync(db, calendar, ct);
            if (current is not { } c)
            {
                return total;
            }
            List<Clock> rows = await db.Clocks.AsNoTracking().Include(x => x.Policy).Include(x => x.Ledger)
                .Where(x => x.Id.CompareTo(after) > 0 && x.StoppedAt == null && x.State != ClockState.Cancelled
                    && x.CalendarVersionId != c.Version.Id
                    && x.Policy!.Calendar == calendar
                    && (x.Policy.Kind == TimeLimitKind.WorkingHours || x.Policy.Kind == TimeLimitKind.WorkingDays
                        || (includeNaturalDays && x.Policy.Kind == TimeLimitKind.NaturalDays)))
                .OrderBy(x => x.Id).Take(batch).AsSplitQuery().ToListAsync(ct);
            List<Guid> ids = [.. rows.Select(x => x.Id)];
            var recorded = (await db.ClockEvents.Where(e => ids.Contains(e.ClockId)).Select(e => new { e.ClockId, e.Step, e.DueAt }).ToListAsync(ct))
                .ToLookup(e => e.ClockId, e => (e.Step, e.DueAt));
            var lines = new List<ClockLedgerEntry>(rows.Count);
            var moved = new List<Clock>(rows.Count);
            foreach (Clock clock in rows)
            {
                if (await clocks.RecalculateAsync(clock, c.Version, c.Calendar, recorded, track: false, ct) is { } line)
                {
                    lines.Add(line);
                    moved.Add(clock);
                }
            }
            // Read untracked and written in bulk: 100,000 clocks must move in well under 30 s.
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                await new BulkWrite(db, scope.ServiceProvider.GetRequiredService<TimeProvider>())
                    .Insert(lines)
                    .Update(moved, s_recomputedFields)
                    .ExecuteAsync($"calendar-recalc: {calendar} v{c.Version.Version}, {moved.Count} clocks", null, ct);
                await tx.CommitAsync(ct);
            }
            total += moved.Count;
            if (rows.Count < batch)
            {
                return total;
            }
            after = rows[^1].Id;
        }
    }
}
