using Chengguan.Cases;
using Chengguan.Clocks;
using Chengguan.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Kpis.Rollups;

/// <summary>
/// The KPI counts of a period from the rollups (decision 0012): one GROUP BY over the period's rollup rows, plus the clocks
/// still open whose due time fell in the period and has passed, which count as breached at the hour of asking (they are
/// few: today's overdue work). Equal to <see cref="KpiSources.CountAsync"/> over the raw rows; a test holds them equal.
/// </summary>
internal static class KpiRollupReader
{
    /// <param name="units">The caller's units (a case counts when its street or unit is one of them); null when district-wide.</param>
    public static async Task<Dictionary<Guid, KpiCounts>> CountAsync(
        AppDbContext db, List<Guid>? units, KeyFilter? street, KeyFilter? unit, KpiPeriod period, KpiGrouping groupBy,
        DateTimeOffset now, CancellationToken ct)
    {
        var rows = new Dictionary<Guid, KpiCounts>();
        KpiCounts Row(Guid? key) => rows.TryGetValue(key ?? Guid.Empty, out KpiCounts? c) ? c : rows[key ?? Guid.Empty] = new KpiCounts();

        DateOnly from = period.From, to = period.To;
        IQueryable<KpiRollup> q = db.KpiRollups.AsNoTracking().Where(r => r.Day >= from && r.Day <= to);
        if (units is not null)
        {
            q = q.Where(r => units.Contains(r.StreetId) || units.Contains(r.UnitId));
        }
        if (street is { } s)
        {
            Guid id = s.Id ?? Guid.Empty;
            q = q.Where(r => r.StreetId == id);
        }
        if (unit is { } u)
        {
            Guid id = u.Id ?? Guid.Empty;
            q = q.Where(r => r.UnitId == id);
        }
        var sums = groupBy == KpiGrouping.Street
            ? await q.GroupBy(r => new { Key = r.StreetId, r.Metric }).Select(g => new { g.Key.Key, g.Key.Metric, Count = g.Sum(r => r.Count) }).ToListAsync(ct)
            : await q.GroupBy(r => new { Key = r.UnitId, r.Metric }).Select(g => new { g.Key.Key, g.Key.Metric, Count = g.Sum(r => r.Count) }).ToListAsync(ct);
        foreach (var r in sums.Where(r => r.Count != 0))
        {
            KpiFacts.AddTo(Row(r.Key), r.Metric, r.Count);
        }

        DateTimeOffset start = period.Start, end = period.End;
        if (start < now)
        {
            IQueryable<Clock> open = OpenPastDue(db, start, end, now).Where(k => (k.Kind == ClockPolicies.HotlineAccept || k.Kind == ClockPolicies.HotlineOnSite || k.Kind == ClockPolicies.HotlinePreliminary
                    || k.Kind.StartsWith(KpiSources.HandlingPrefix) || k.Kind.StartsWith(KpiSources.DisposalPrefix)));
            // The open clocks first (the state-and-due index, a few thousand at most), then their cases by key: joined in
            // one query, SQLite's planner walks a street's every case and probes its clocks instead.
            var late = await open.Select(k => new { k.SubjectId, k.Kind }).ToListAsync(ct);
            var keys = new Dictionary<Guid, Guid?>();
            // By primary key only, the scope and filters applied here: with them in the query, SQLite's planner prefers
            // the street index and reads the street's every case.
            foreach (Guid[] chunk in late.Select(k => k.SubjectId).Distinct().Chunk(1000))
            {
                foreach (var c in await db.Cases.AsNoTracking().Where(c => chunk.Contains(c.Id)).Select(c => new { c.Id, c.StreetId, c.UnitId }).ToListAsync(ct))
                {
                    bool inScope = (units is null || (c.StreetId is { } cs && units.Contains(cs)) || (c.UnitId is { } cu && units.Contains(cu)))
                        && (street is not { } fs || c.StreetId == fs.Id) && (unit is not { } fu || c.UnitId == fu.Id);
                    if (inScope)
                    {
                        keys[c.Id] = groupBy == KpiGrouping.Street ? c.StreetId : c.UnitId;
                    }
                }
            }
            foreach (var k in late)
            {
                if (keys.TryGetValue(k.SubjectId, out Guid? key))
                {
                    Row(key).AddClocks(KpiSources.KpiOfKind(k.Kind)!, 0, 1);
                }
            }
        }
        return rows;
    }

    /// <summary>
    /// Each account's own figures in the period (closure on time, rework, callbacks, its 处置 lines), keyed by account id:
    /// the handler rollups, plus the open closure clocks past due in the period of the cases each account handled.
    /// </summary>
    public static async Task<Dictionary<string, KpiCounts>> CountByHandlerAsync(AppDbContext db, KpiPeriod period, DateTimeOffset now, CancellationToken ct)
    {
        var rows = new Dictionary<string, KpiCounts>(StringComparer.Ordinal);
        KpiCounts Row(string key) => rows.TryGetValue(key, out KpiCounts? c) ? c : rows[key] = new KpiCounts();
        DateOnly from = period.From, to = period.To;
        var sums = await db.KpiHandlerRollups.AsNoTracking().Where(r => r.Day >= from && r.Day <= to)
            .GroupBy(r => new { r.ActorId, r.Metric }).Select(g => new { g.Key.ActorId, g.Key.Metric, Count = g.Sum(r => r.Count) }).ToListAsync(ct);
        foreach (var r in sums.Where(r => r.Count != 0))
        {
            KpiFacts.AddTo(Row(r.ActorId), r.Metric, r.Count);
        }
        DateTimeOffset start = period.Start, end = period.End;
        if (start < now)
        {
            List<Guid> late = await OpenPastDue(db, start, end, now).Where(k => (k.Kind.StartsWith(KpiSources.HandlingPrefix) || k.Kind.StartsWith(KpiSources.DisposalPrefix)))
                .Select(k => k.SubjectId).ToListAsync(ct);
            string handle = nameof(CaseAction.Handle);
            Dictionary<Guid, int> perCase = late.GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
            foreach (Guid[] chunk in perCase.Keys.Chunk(1000))
            {
                // By case only (the (CaseId, Seq) index); with the action in the query SQLite's planner walks every 处置 line.
                var lines = await db.CaseEvents.AsNoTracking().Where(e => chunk.Contains(e.CaseId))
                    .Select(e => new { e.CaseId, e.Action, e.ActorId }).ToListAsync(ct);
                foreach (var h in lines.Where(e => e.Action == handle && e.ActorId != null).Select(e => new { e.CaseId, e.ActorId }).Distinct())
                {
                    Row(h.ActorId!).AddClocks(Kpi.OnTimeClosure, 0, perCase[h.CaseId]);
                }
            }
        }
        return rows;
    }

    /// <summary>
    /// Case clocks not yet stopped whose due time fell in [start, end) and has passed by <paramref name="now"/> (or the sweep
    /// marked them): breached at the hour of asking, so never a fact, counted live by both readers.
    /// </summary>
    private static IQueryable<Clock> OpenPastDue(AppDbContext db, DateTimeOffset start, DateTimeOffset end, DateTimeOffset now) =>
        db.Clocks.AsNoTracking().Where(k => k.SubjectType == CaseIntake.SubjectType && k.StoppedAt == null
            && k.DueAt >= start && k.DueAt < end && (k.State == ClockState.Breached || (k.State == ClockState.Running && k.DueAt < now)));
}
