using Chengguan.Cases;
using Chengguan.Clocks;
using Chengguan.Data;
using Chengguan.Demolition;
using Chengguan.Identity;
using Chengguan.Kpis;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Overview;

/// <summary>What colours the grids: cases reported in the period, those of them still open, or clocks breached in the period.</summary>
public enum MapMeasure
{
    Reported,
    Open,
    Breaches,
}

public sealed record MapCase(Guid Id, string Number, CaseState State, string Description, DateTimeOffset ReportedAt);

public sealed record MapPerson(string Name, string? Badge, string? Phone);

/// <summary>Everything the side panel shows about one grid, within the user's data scope.</summary>
public sealed record MapGridDetail(Guid Id, string Code, string? Name, string Community, string Street,
    IReadOnlyList<string> Teams, IReadOnlyList<MapPerson> Officers, int Reported, int Open, int Breaches, IReadOnlyList<MapCase> Cases);

/// <summary>
/// The grid map's numbers: cases per grid in a period and a grid's detail (its teams and officers, its latest
/// cases), counted within the caller's scope. It reads grids, cases and clocks and writes nothing.
/// </summary>
public sealed class MapQueries(AppDbContext db, CurrentUser current)
{
    public const int DetailCases = 20;

    private static readonly CaseState[] s_hotlineOpen = [.. Enum.GetValues<CaseState>().Where(s => CaseWorkflow.IsOpen(CaseRoute.Hotline, s))];
    private static readonly CaseState[] s_gridOpen = [.. Enum.GetValues<CaseState>().Where(s => CaseWorkflow.IsOpen(CaseRoute.Grid, s))];

    private IQueryable<Case> Reported(DataScope scope, KpiPeriod period) =>
        db.Cases.AsNoTracking().InScope(scope, db)
            .Where(c => c.GridId != null && c.ParentId == null && c.ReportedAt >= period.Start && c.ReportedAt < period.End);

    private static IQueryable<Case> StillOpen(IQueryable<Case> q) =>
        q.Where(c => (c.Route == CaseRoute.Hotline && s_hotlineOpen.Contains(c.State)) || (c.Route == CaseRoute.Grid && s_gridOpen.Contains(c.State)));

    private IQueryable<Case> Breached(DataScope scope, KpiPeriod period) =>
        db.Cases.AsNoTracking().InScope(scope, db).Where(c => c.GridId != null && db.Clocks.Any(k =>
            k.SubjectType == CaseIntake.SubjectType && k.SubjectId == c.Id && k.BreachedAt >= period.Start && k.BreachedAt < period.End));

    /// <summary>The measure per grid id; grids without any are absent.</summary>
    public async Task<Dictionary<Guid, int>> CountsAsync(MapMeasure measure, KpiPeriod period, CancellationToken ct)
    {
        DataScope scope = await current.GetScopeAsync(ct);
        IQueryable<Case> q = measure switch
        {
            MapMeasure.Reported => Reported(scope, period),
            MapMeasure.Open => StillOpen(Reported(scope, period)),
            _ => Breached(scope, period),
        };
        var rows = await q.GroupBy(c => c.GridId!.Value).Select(g => new { Grid = g.Key, Count = g.Count() }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Grid, r => r.Count);
    }

    /// <summary>One grid's side panel; null for a grid that does not exist.</summary>
    public async Task<MapGridDetail?> DetailAsync(Guid gridId, KpiPeriod period, CancellationToken ct)
    {
        DataScope scope = await current.GetScopeAsync(ct);
        var grid = await db.Grids.AsNoTracking().Where(g => g.Id == gridId).Select(g => new
        {
            g.Id, g.Code, g.Name, Community = g.Community!.Name, Street = g.Street!.Name,
            Teams = g.ResponsibleUnits.Select(r => r.Unit!.Name).ToList(),
            Officers = g.Officers.Select(o => new MapPerson(o.Person!.Name, o.Person.BadgeNumber, o.Person.Phone)).ToList(),
        }).FirstOrDefaultAsync(ct);
        if (grid is null)
        {
            return null;
        }
        IQueryable<Case> reported = Reported(scope, period).Where(c => c.GridId == gridId);
        int open = await StillOpen(reported).CountAsync(ct);
        int breaches = await Breached(scope, period).CountAsync(c => c.GridId == gridId, ct);
        List<MapCase> cases = await reported.OrderByDescending(c => c.ReportedAt).ThenByDescending(c => c.Id).Take(DetailCases)
            .Select(c => new MapCase(c.Id, c.Number, c.State, c.Description, c.ReportedAt)).ToListAsync(ct);
        return new MapGridDetail(grid.Id, grid.Code, grid.Name, grid.Community, grid.Street, grid.Teams, grid.Officers,
            await reported.CountAsync(ct), open, breaches, cases);
    }

    /// <summary>
    /// Upper bounds of the colour classes for the non-zero counts: at most <paramref name="classes"/>
    /// rising, distinct bounds at the quantiles, the last being the maximum. Zero always has a class of its own.
    /// </summary>
    public static IReadOnlyList<int> Breaks(IEnumerable<int> counts, int classes = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        int[] sorted = [.. counts.Where(c => c > 0).Order()];
        if (sorted.Length == 0)
        {
            return [];
        }
        var bounds = new SortedSet<int>();
        for (int i = 1; i <= classes; i++)
        {
            bounds.Add(sorted[(int)Math.Ceiling((double)i * sorted.Length / classes) - 1]);
        }
        return [.. bounds];
    }

    /// <summary>0 for no cases, else 1 + the index of the first bound not below the count.</summary>
    public static int ClassOf(int count, IReadOnlyList<int> breaks)
    {
        if (count <= 0)
        {
            return 0;
        }
        for (int i = 0; i < breaks.Count; i++)
        {
            if (count <= breaks[i])
            {
                return i + 1;
            }
        }
        return breaks.Count;
    }
}
