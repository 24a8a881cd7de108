using Chengguan.Cases;
using Chengguan.Data;
using Chengguan.Demolition;
using Chengguan.Demolition.Areas;
using Chengguan.Demolition.Rivers;
using Chengguan.Grids;
using Chengguan.Identity;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace Chengguan.Overview;

/// <summary>The layers the map can lay over the grids (issue 6's three priorities).</summary>
public enum MapLayer
{
    Ledger,
    Areas,
    Rivers,
}

/// <summary>Where a ledger item stands, as the map colours it: the legal stages grouped the way a briefing reads them.</summary>
public enum LedgerStage
{
    /// <summary>认定 to hearing: the party may still comply.</summary>
    Pending,

    /// <summary>催告, decision, appeal windows: the road to forced demolition.</summary>
    Enforcing,

    /// <summary>拆除 done, the re-check outstanding: the area does not count yet.</summary>
    Demolished,

    /// <summary>复核 done (or closed): counted.</summary>
    Rechecked,

    Withdrawn,
}

public sealed record LedgerMark(Guid Id, string Number, string? Address, DemolitionState State, LedgerStage Stage, double Area, string Path);

public sealed record AreaMark(Guid Id, string Name, AreaStatus Status, string StatusName, int Problems, int Rectified, double AreaM2, string Path);

public sealed record RiverMark(Guid Id, string Code, string Name, string? Chief, double LengthM, int TargetYear, string Path);

/// <summary>The ledger items the map draws (the newest <see cref="MapOverlayQueries.LedgerLimit"/>) and how many there are in all.</summary>
public sealed record MapLedger(IReadOnlyList<LedgerMark> Marks, int Total);

/// <summary>
/// The overlays' reads (ledger items, 五违四必 areas, rivers), within the user's scope, projected onto the map's
/// plane. Areas and rivers come from Demolition's own queries (status and scope are theirs); nothing is written.
/// </summary>
public sealed class MapOverlayQueries(AppDbContext db, CurrentUser current, AreaQueries areas, RiverQueries rivers)
{
    /// <summary>The newest items beyond this many are left off the console map (the note says how many); GeoJSON export has its own limit.</summary>
    public const int LedgerLimit = 3000;

    public static LedgerStage StageOf(DemolitionState state) => state switch
    {
        DemolitionState.Identified or DemolitionState.Ordered or DemolitionState.Hearing => LedgerStage.Pending,
        DemolitionState.Demanded or DemolitionState.Decided or DemolitionState.AppealWindow => LedgerStage.Enforcing,
        DemolitionState.Demolished => LedgerStage.Demolished,
        DemolitionState.Rechecked or DemolitionState.Closed => LedgerStage.Rechecked,
        DemolitionState.Withdrawn => LedgerStage.Withdrawn,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>The states of a stage, for the query (so the filter runs in the database).</summary>
    public static DemolitionState[] StatesOf(LedgerStage stage) => [.. Enum.GetValues<DemolitionState>().Where(s => StageOf(s) == stage)];

    /// <param name="stage">Only items at this stage; none: all but the withdrawn.</param>
    public async Task<MapLedger> LedgerAsync(MapProjection projection, LedgerStage? stage, CancellationToken ct)
    {
        DataScope scope = await current.GetScopeAsync(ct);
        DemolitionState[] states = stage is { } s ? StatesOf(s) : [.. Enum.GetValues<DemolitionState>().Where(x => x != DemolitionState.Withdrawn)];
        IQueryable<IllegalBuilding> q = db.IllegalBuildings.AsNoTracking().InScope(scope, db).Where(i => i.Lon != null && i.Lat != null && states.Contains(i.State));
        int total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id).Take(LedgerLimit)
            .Select(i => new { i.Id, i.Number, i.Address, i.State, i.Area, i.Lon, i.Lat, i.OutlineGeoJson }).ToListAsync(ct);
        List<LedgerMark> marks = [.. rows.Select(i => new LedgerMark(i.Id, i.Number, i.Address, i.State, StageOf(i.State), i.Area,
            projection.Path(DemolitionGeometry.FromGeoJson(i.OutlineGeoJson) ?? DemolitionGeometry.Factory.CreatePoint(new Coordinate(i.Lon!.Value, i.Lat!.Value)))))];
        return new MapLedger(marks, total);
    }

    public async Task<List<AreaMark>> AreasAsync(MapProjection projection, CancellationToken ct)
    {
        DataScope scope = await current.GetScopeAsync(ct);
        List<AreaMark> marks = [];
        foreach (RemediationArea a in await areas.InScope(scope).AsNoTracking().Include(a => a.Streets).OrderBy(a => a.Name).ToListAsync(ct))
        {
            AreaSummary s = (await areas.LoadAsync(a, ct)).Summary;
            marks.Add(new AreaMark(a.Id, a.Name, s.Status, AreaLabels.Statuses[s.Status], s.Problems, s.Rectified, a.AreaM2, projection.Path(a.Outline)));
        }
        return marks;
    }

    public async Task<List<RiverMark>> RiversAsync(MapProjection projection, CancellationToken ct)
    {
        DataScope scope = await current.GetScopeAsync(ct);
        return [.. (await rivers.InScope(scope).AsNoTracking().OrderBy(r => r.Code).ToListAsync(ct))
            .Select(r => new RiverMark(r.Id, r.Code, r.Name, r.ChiefName, r.LengthM, r.TargetYear, projection.Path(r.Line)))];
    }
}
