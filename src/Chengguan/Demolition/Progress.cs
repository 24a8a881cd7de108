using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Demolition;

public sealed record ProgressRow(
    Guid? StreetId, string StreetName, double TargetArea, int TargetCount, double DoneArea, int DoneCount, double PendingArea, int PendingCount,
    decimal? AreaRate, decimal? CountRate, double AreaGap, int CountGap, double? ForecastArea, decimal? ForecastRate, bool Lagging);

public sealed record ProgressReport(
    string BasisKey, string Title, DateOnly Start, DateOnly End, DateTimeOffset AsOf, decimal ElapsedShare, decimal LagThreshold,
    IReadOnlyList<ProgressRow> Rows, ProgressRow Total);

/// <summary>The formulas of the progress tables, one each (see README.md in this folder).</summary>
public static class ProgressFormulas
{
    /// <summary>done ÷ target, 4 decimals half away from zero; no target → null.</summary>
    public static decimal? Rate(double done, double target) =>
        target > 0 ? Math.Round((decimal)done / (decimal)target, 4, MidpointRounding.AwayFromZero) : null;

    /// <summary>Share of the period gone at <paramref name="asOf"/>: (asOf − start) ÷ (end − start), clamped to [0, 1].</summary>
    public static decimal ElapsedShare(DateTimeOffset start, DateTimeOffset end, DateTimeOffset asOf) =>
        end <= start ? 1m : Math.Round((decimal)Math.Clamp((asOf - start).TotalSeconds / (end - start).TotalSeconds, 0, 1), 4, MidpointRounding.AwayFromZero);

    /// <summary>What the current pace reaches by the end: done ÷ elapsed share; nothing elapsed → null.</summary>
    public static double? Forecast(double done, decimal elapsedShare) => elapsedShare > 0 ? Math.Round(done / (double)elapsedShare, 2) : null;

    /// <summary>Lagging: an area rate below threshold × elapsed share (e.g. below 60% of the time gone).</summary>
    public static bool Lagging(decimal? rate, decimal elapsedShare, decimal threshold) => rate is { } r && r < threshold * elapsedShare;

    public static ProgressRow Row(Guid? streetId, string name, double targetArea, int targetCount, double doneArea, int doneCount,
        double pendingArea, int pendingCount, decimal share, decimal threshold)
    {
        decimal? areaRate = Rate(doneArea, targetArea);
        double? forecast = Forecast(doneArea, share);
        return new ProgressRow(streetId, name, targetArea, targetCount, Math.Round(doneArea, 2), doneCount, Math.Round(pendingArea, 2), pendingCount,
            areaRate, Rate(doneCount, targetCount), Math.Round(Math.Max(0, targetArea - doneArea), 2), Math.Max(0, targetCount - doneCount),
            forecast, forecast is { } f ? Rate(f, targetArea) : null, Lagging(areaRate, share, threshold));
    }
}

/// <summary>
/// Progress per street against a task batch or a plan year: targets, re-checked (counted) and
/// pending items from one GROUP BY each, so the cost does not grow with the number of streets.
/// </summary>
public sealed class ProgressQueries(AppDbContext db, IConfiguration config)
{
    public decimal LagThreshold => config.GetValue("Demolition:Interviews:RateShare", 0.6m);

    private sealed record Sums(Guid? StreetId, double Area, int Count);

    public async Task<ProgressReport?> ForTaskAsync(Guid taskId, DateTimeOffset asOf, DataScope scope, CancellationToken ct)
    {
        DemolitionTask? task = await db.DemolitionTasks.AsNoTracking().Include(t => t.Targets).FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null)
        {
            return null;
        }
        IQueryable<IllegalBuilding> items = db.IllegalBuildings.Where(i => i.TaskId == taskId);
        List<Sums> done = await CountedAsync(items.Where(i => i.RecheckedAt <= asOf), ct);
        List<Sums> pending = await PendingAsync(items, ct);
        (DateTimeOffset start, DateTimeOffset end) = (ShanghaiTime.StartOf(task.IssuedOn), ShanghaiTime.StartOf(task.Deadline.AddDays(1)));
        return await BuildAsync($"task:{task.Id}", task.Name, task.IssuedOn, task.Deadline, asOf, start, end,
            task.Targets.Select(t => (t.StreetId, t.TargetArea, t.TargetCount)), done, pending, scope, ct);
    }

    public async Task<ProgressReport?> ForPlanYearAsync(Guid planId, int year, DateTimeOffset asOf, DataScope scope, CancellationToken ct)
    {
        DemolitionPlan? plan = await db.DemolitionPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null || year < plan.FirstYear || year > plan.LastYear)
        {
            return null;
        }
        var targets = await db.DemolitionPlanTargets.AsNoTracking().Where(t => t.PlanId == planId && t.Year == year)
            .Select(t => new { t.StreetId, t.TargetArea, t.TargetCount }).ToListAsync(ct);
        (DateOnly first, DateOnly last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        (DateTimeOffset start, DateTimeOffset end) = (ShanghaiTime.StartOf(first), ShanghaiTime.StartOf(last.AddDays(1)));
        DateTimeOffset until = asOf < end ? asOf : end;
        List<Sums> done = await CountedAsync(db.IllegalBuildings.Where(i => i.RecheckedAt >= start && i.RecheckedAt < until), ct);
        List<Sums> pending = await PendingAsync(db.IllegalBuildings, ct);
        return await BuildAsync($"plan:{plan.Id}:{year}", $"{plan.Name}（{year}年度）", first, last, asOf, start, end,
            targets.Select(t => (t.StreetId, t.TargetArea, t.TargetCount)), done, pending, scope, ct);
    }

    /// <summary>
    /// Per street, district-wide, for the performance assessment: the area demolished (counted states, rechecked in
    /// [start, end)) and the yearly plan targets of the period's year, prorated to the period's share of that year.
    /// Two GROUP BY queries.
    /// </summary>
    public async Task<Dictionary<Guid, (double Done, double Target)>> CompletionByStreetAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        (DateTimeOffset start, DateTimeOffset end) = (ShanghaiTime.StartOf(from), ShanghaiTime.StartOf(to.AddDays(1)));
        int year = from.Year;
        double share = (to.DayNumber - from.DayNumber + 1) / (double)(new DateOnly(year, 12, 31).DayNumber - new DateOnly(year, 1, 1).DayNumber + 1);
        var targets = await db.DemolitionPlanTargets.AsNoTracking().Where(t => t.Year == year)
            .GroupBy(t => t.StreetId).Select(g => new { g.Key, Area = g.Sum(t => t.TargetArea) }).ToListAsync(ct);
        List<Sums> done = await CountedAsync(db.IllegalBuildings.Where(i => i.RecheckedAt >= start && i.RecheckedAt < end), ct);
        var result = targets.ToDictionary(t => t.Key, t => (Done: 0d, Target: Math.Round(t.Area * Math.Min(share, 1), 2)));
        foreach (Sums d in done.Where(d => d.StreetId is not null))
        {
            result[d.StreetId!.Value] = (d.Area, result.GetValueOrDefault(d.StreetId.Value).Target);
        }
        return result;
    }

    private static Task<List<Sums>> CountedAsync(IQueryable<IllegalBuilding> q, CancellationToken ct) =>
        q.Where(i => DemolitionWorkflow.Counted.Contains(i.State))
            .GroupBy(i => i.StreetId).Select(g => new Sums(g.Key, g.Sum(i => i.DemolishedArea ?? 0), g.Count())).ToListAsync(ct);

    private static Task<List<Sums>> PendingAsync(IQueryable<IllegalBuilding> q, CancellationToken ct) =>
        q.Where(i => DemolitionWorkflow.Pending.Contains(i.State) || i.State == DemolitionState.Demolished)
            .GroupBy(i => i.StreetId).Select(g => new Sums(g.Key, g.Sum(i => i.Area), g.Count())).ToListAsync(ct);

    private async Task<ProgressReport> BuildAsync(string basis, string title, DateOnly first, DateOnly last, DateTimeOffset asOf, DateTimeOffset start, DateTimeOffset end,
        IEnumerable<(Guid StreetId, double Area, int Count)> targets, List<Sums> done, List<Sums> pending, DataScope scope, CancellationToken ct)
    {
        decimal share = ProgressFormulas.ElapsedShare(start, end, asOf);
        var streets = await db.Units.AsNoTracking().Where(u => u.Kind == Organisation.UnitKind.Street || u.Kind == Organisation.UnitKind.Town)
            .InScope(scope).OrderBy(u => u.SortOrder).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        var target = targets.ToDictionary(t => t.StreetId);
        var doneBy = done.Where(d => d.StreetId is not null).ToDictionary(d => d.StreetId!.Value);
        var pendingBy = pending.Where(d => d.StreetId is not null).ToDictionary(d => d.StreetId!.Value);
        decimal threshold = LagThreshold;
        List<ProgressRow> rows = [.. streets
            .Where(s => target.ContainsKey(s.Id) || doneBy.ContainsKey(s.Id))
            .Select(s => ProgressFormulas.Row(s.Id, s.Name,
                target.TryGetValue(s.Id, out var t) ? t.Area : 0, target.TryGetValue(s.Id, out t) ? t.Count : 0,
                doneBy.GetValueOrDefault(s.Id)?.Area ?? 0, doneBy.GetValueOrDefault(s.Id)?.Count ?? 0,
                pendingBy.GetValueOrDefault(s.Id)?.Area ?? 0, pendingBy.GetValueOrDefault(s.Id)?.Count ?? 0, share, threshold))];
        ProgressRow total = ProgressFormulas.Row(null, "合计", rows.Sum(r => r.TargetArea), rows.Sum(r => r.TargetCount), rows.Sum(r => r.DoneArea),
            rows.Sum(r => r.DoneCount), rows.Sum(r => r.PendingArea), rows.Sum(r => r.PendingCount), share, threshold);
        return new ProgressReport(basis, title, first, last, asOf, share, threshold, rows, total);
    }
}
