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
    /// <param name="cases">The same scope and filters as a case query, for the open clocks.</param>
    public static async Task<Dictionary<Guid, KpiCounts>> CountAsync(
        AppDbContext db, List<Guid>? units, KeyFilter? street, KeyFilter? unit, KpiPeriod period, KpiGrouping groupBy,
        DateTimeOffset now, IQueryable<Case> cases, CancellationToken ct)
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
            IQueryable<Clock> open = db.Clocks.AsNoTracking().Where(k => k.SubjectType == CaseIntake.SubjectType && k.StoppedAt == null
                && k.DueAt >= start && k.DueAt < end && (k.State == ClockState.Breached || (k.State == ClockState.Running && k.DueAt < now))
                && (k.Kind == ClockPolicies.HotlineAccept || k.Kind == ClockPolicies.HotlineOnSite || k.Kind == ClockPolicies.HotlinePreliminary
                    || k.Kind.StartsWith(KpiSources.HandlingPrefix) || k.Kind.StartsWith(KpiSources.DisposalPrefix)));
            var late = groupBy == KpiGrouping.Street
                ? await (from k in open join c in cases on k.SubjectId equals c.Id group k by new { Key = c.StreetId, k.Kind } into g
                         select new { g.Key.Key, g.Key.Kind, Count = g.Count() }).ToListAsync(ct)
                : await (from k in open join c in cases on k.SubjectId equals c.Id group k by new { Key = c.UnitId, k.Kind } into g
                         select new { g.Key.Key, g.Key.Kind, Count = g.Count() }).ToListAsync(ct);
            foreach (var r in late)
            {
                Row(r.Key).AddClocks(KpiSources.KpiOfKind(r.Kind)!, 0, r.Count);
            }
        }
        return rows;
    }
}
