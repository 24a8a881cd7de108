using Chengguan.Data;
using Chengguan.Identity;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Rectification;

/// <summary>The read side of the plans: rows with lights, in the caller's scope (an owner unit sees the items it owns).</summary>
public sealed class RectificationQueries(AppDbContext db, CurrentUser user, TimeProvider time)
{
    public async Task<IQueryable<RectificationItem>> VisibleAsync(CancellationToken ct)
    {
        DataScope scope = await user.GetScopeAsync(ct);
        if (scope.DistrictWide)
        {
            return db.RectificationItems.AsNoTracking();
        }
        IQueryable<Guid> units = db.Units.InScope(scope).Select(u => u.Id);
        return db.RectificationItems.AsNoTracking().Where(i => units.Contains(i.OwnerUnitId));
    }

    public async Task<List<PlanSummary>> PlansAsync(CancellationToken ct)
    {
        var plans = await db.RectificationPlans.AsNoTracking().OrderByDescending(p => p.Period).ToListAsync(ct);
        var counts = await (await VisibleAsync(ct)).GroupBy(i => i.PlanId)
            .Select(g => new { g.Key, Items = g.Count(), Closed = g.Count(i => i.State == RectificationState.Closed) }).ToDictionaryAsync(x => x.Key, ct);
        return [.. plans.Select(p => new PlanSummary(p.Id, p.Period, p.Title, p.CreatedAt, p.CreatedBy,
            counts.TryGetValue(p.Id, out var c) ? c.Items : 0, counts.TryGetValue(p.Id, out var d) ? d.Closed : 0))];
    }

    public async Task<PlanSummary?> PlanAsync(Guid id, CancellationToken ct) => (await PlansAsync(ct)).FirstOrDefault(p => p.Id == id);

    public async Task<List<ItemRow>> RowsAsync(Guid planId, Guid? unit, CancellationToken ct)
    {
        IQueryable<RectificationItem> q = (await VisibleAsync(ct)).Where(i => i.PlanId == planId);
        if (unit is { } u)
        {
            q = q.Where(i => i.OwnerUnitId == u);
        }
        List<RectificationItem> items = await q.OrderBy(i => i.Number).ToListAsync(ct);
        return await RowsOfAsync(items, ct);
    }

    public async Task<List<ItemRow>> RowsOfAsync(IReadOnlyList<RectificationItem> items, CancellationToken ct)
    {
        List<Guid> ids = [.. items.Select(i => i.Id)];
        List<RectificationCell> cells = await db.RectificationCells.AsNoTracking().Where(c => ids.Contains(c.ItemId)).ToListAsync(ct);
        List<Guid> unitIds = [.. items.Select(i => i.OwnerUnitId).Concat(cells.Select(c => c.StreetId)).Distinct()];
        Dictionary<Guid, string> names = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        ILookup<Guid, RectificationCell> byItem = cells.ToLookup(c => c.ItemId);
        DateTimeOffset now = time.GetUtcNow();
        return [.. items.Select(i => new ItemRow(i.Id, i.PlanId, i.Number, i.Problem, i.Measure, i.OwnerUnitId, names.GetValueOrDefault(i.OwnerUnitId, ""),
            i.Deadline, i.DueAt, i.State, i.Percent, TrafficLights.Of(i.State, i.StartedAt, i.DueAt, i.Percent, now),
            [.. byItem[i.Id].Select(c => new CellDto(c.SurveyId, c.IndicatorCode, c.IndicatorName, c.StreetId, names.GetValueOrDefault(c.StreetId), c.Score, c.DistrictMean))]))];
    }

    /// <summary>The plan's finished (verified or closed) items and whether each was verified by its due time.</summary>
    public async Task<Dictionary<Guid, bool>> FinishedAsync(Guid planId, CancellationToken ct) =>
        await (await VisibleAsync(ct)).Where(i => i.PlanId == planId && i.VerifiedAt != null)
            .Select(i => new { i.Id, OnTime = i.VerifiedAt <= i.DueAt }).ToDictionaryAsync(x => x.Id, x => x.OnTime, ct);

    /// <summary>Per owner unit: items per state and per light, and the on-time share of the finished ones.</summary>
    public static List<UnitProgress> Progress(IReadOnlyList<ItemRow> rows, IReadOnlyDictionary<Guid, bool> finished) =>
        [.. rows.GroupBy(r => (r.OwnerUnitId, r.OwnerUnit)).OrderBy(g => g.Key.OwnerUnit, StringComparer.Ordinal).Select(g =>
        {
            int done = g.Count(r => finished.ContainsKey(r.Id));
            int onTime = g.Count(r => finished.TryGetValue(r.Id, out bool t) && t);
            return new UnitProgress(g.Key.OwnerUnitId, g.Key.OwnerUnit, g.Count(),
                Enum.GetValues<RectificationState>().ToDictionary(s => s, s => g.Count(r => r.State == s)),
                Enum.GetValues<Light>().ToDictionary(l => l, l => g.Count(r => r.Light == l)),
                done, onTime, done == 0 ? null : Math.Round((decimal)onTime / done, 4));
        })];
}
