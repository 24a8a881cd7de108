using Chengguan.Cases;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Kpis;

/// <summary>One row of the table: a street (or unit), or the total; <see cref="Id"/> is null for cases without one and for the total.</summary>
public sealed record KpiRow(Guid? Id, string? Code, string Name, IReadOnlyList<KpiResult> Kpis)
{
    public KpiResult this[string kpi] => Kpis.Single(k => k.Kpi == kpi);
}

/// <summary>The KPI table of one period; <see cref="End"/> is exclusive (midnight after <see cref="To"/>, Asia/Shanghai).</summary>
public sealed record KpiReport(DateOnly From, DateOnly To, DateTimeOffset Start, DateTimeOffset End, KpiGrouping GroupBy, IReadOnlyList<KpiRow> Rows, KpiRow Total);

internal static class KpiReports
{
    public const string TotalName = "合计";

    /// <summary>
    /// The caller's cases, narrowed to one street or unit when the request names one. The scope is
    /// <c>CaseScope.InScope</c>'s rule (the case's street or unit lies in the caller's subtree)
    /// with the subtree's few unit ids read first, so that a street's page is served by the
    /// (StreetId, ReportedAt) and (UnitId, State) indexes rather than a correlated lookup per case.
    /// </summary>
    public static async Task<IQueryable<Case>> ScopedAsync(AppDbContext db, DataScope scope, KpiRequest request, CancellationToken ct) =>
        Scoped(db, await ScopeUnitsAsync(db, scope, ct), request);

    /// <summary>The units of the caller's subtree; null when the caller sees the whole district.</summary>
    public static async Task<List<Guid>?> ScopeUnitsAsync(AppDbContext db, DataScope scope, CancellationToken ct) =>
        scope.DistrictWide ? null : await db.Units.AsNoTracking().InScope(scope).Select(u => u.Id).ToListAsync(ct);

    public static IQueryable<Case> Scoped(AppDbContext db, List<Guid>? units, KpiRequest request)
    {
        IQueryable<Case> q = db.Cases.AsNoTracking();
        if (units is not null)
        {
            q = q.Where(c => (c.StreetId != null && units.Contains(c.StreetId.Value)) || (c.UnitId != null && units.Contains(c.UnitId.Value)));
        }
        if (request.Street is { } street)
        {
            q = street.Id is { } id ? q.Where(c => c.StreetId == id) : q.Where(c => c.StreetId == null);
        }
        if (request.Unit is { } unit)
        {
            q = unit.Id is { } id ? q.Where(c => c.UnitId == id) : q.Where(c => c.UnitId == null);
        }
        return q;
    }

    public static async Task<KpiReport> BuildAsync(AppDbContext db, DataScope scope, KpiRequest request, DateTimeOffset now, CancellationToken ct)
    {
        // Counted from the rollups (decision 0012); KpiSources.CountAsync counts the same from the raw rows.
        List<Guid>? scopeUnits = await ScopeUnitsAsync(db, scope, ct);
        Dictionary<Guid, KpiCounts> counts = await Rollups.KpiRollupReader.CountAsync(
            db, scopeUnits, request.Street, request.Unit, request.Period, request.GroupBy, now, ct);

        // Names for the keys found; grouped by street, every street in scope has a row even with nothing to count.
        List<Guid> ids = [.. counts.Keys.Where(k => k != Guid.Empty)];
        List<Unit> units = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(ct);
        if (request.GroupBy == KpiGrouping.Street && request.Unit is null && request.Street is not { Id: null })
        {
            IQueryable<Unit> streets = db.Units.AsNoTracking().InScope(scope).Where(u => u.Active && (u.Kind == UnitKind.Street || u.Kind == UnitKind.Town));
            if (request.Street is { Id: { } only })
            {
                streets = streets.Where(u => u.Id == only);
            }
            units.AddRange(await streets.Where(u => !ids.Contains(u.Id)).ToListAsync(ct));
        }

        var rows = new List<KpiRow>();
        var total = new KpiCounts();
        foreach (Unit u in units.OrderBy(u => u.SortOrder).ThenBy(u => u.Code, StringComparer.Ordinal))
        {
            KpiCounts c = counts.GetValueOrDefault(u.Id) ?? new KpiCounts();
            total.Add(c);
            rows.Add(new KpiRow(u.Id, u.Code, u.Name, KpiFormulas.Evaluate(c)));
        }
        // A key without a unit row cannot happen while units are never deleted; its counts still reach the total.
        foreach ((Guid id, KpiCounts c) in counts.Where(kv => kv.Key != Guid.Empty && units.All(u => u.Id != kv.Key)))
        {
            total.Add(c);
            rows.Add(new KpiRow(id, null, id.ToString(), KpiFormulas.Evaluate(c)));
        }
        if (counts.TryGetValue(Guid.Empty, out KpiCounts? none))
        {
            total.Add(none);
            rows.Add(new KpiRow(null, null, request.GroupBy == KpiGrouping.Street ? "未定位街镇" : "未指定承办单位", KpiFormulas.Evaluate(none)));
        }
        KpiPeriod p = request.Period;
        return new KpiReport(p.From, p.To, p.Start, p.End, request.GroupBy, rows, new KpiRow(null, null, TotalName, KpiFormulas.Evaluate(total)));
    }

    /// <summary>
    /// The cases behind one KPI's numerator or denominator for the request's period and key, newest
    /// first, after the request's cursor: up to <c>Limit + 1</c> rows, so the caller can tell whether
    /// there is a next page. Shared by <c>GET /api/kpis/{kpi}/cases</c> and the console's drill-down.
    /// </summary>
    public static async Task<List<Case>> BehindAsync(AppDbContext db, DataScope scope, KpiDefinition kpi, KpiRequest request, DateTimeOffset now, CancellationToken ct)
    {
        var sources = new KpiSources(db, request.Period, now);
        IQueryable<Case> q = sources.Behind(kpi.Code, request.Part, await ScopedAsync(db, scope, request, ct));
        if (request.After is { } after)
        {
            q = q.Where(c => c.ReportedAt < after.At || (c.ReportedAt == after.At && c.Id.CompareTo(after.Id) < 0));
        }
        return await q.OrderByDescending(c => c.ReportedAt).ThenByDescending(c => c.Id).Take(request.Limit + 1).ToListAsync(ct);
    }
}
