using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace Chengguan.Demolition.Rivers;

/// <summary>Rivers in scope, the spatial census along a line, and progress against the year-end deadline.</summary>
public sealed class RiverQueries(AppDbContext db, ProgressQueries progress, IConfiguration config, TimeProvider time)
{
    /// <summary>
    /// Demolition:Rivers:CensusMetres (50): distance from the centre line within which a ledger item
    /// is a riverside structure. Covers half the width of a small river (10–30 m), the land strip
    /// of its management range beside the bank, and the offset of a ledger point (an address or a
    /// centroid) from the structure's riverside wall; the census lists candidates for a person to
    /// attach, so it errs on the inclusive side.
    /// </summary>
    public double CensusMetres => Math.Clamp(config.GetValue("Demolition:Rivers:CensusMetres", 50.0), 1, 1000);

    public IQueryable<River> InScope(DataScope scope) => scope.DistrictWide
        ? db.Rivers
        : db.Rivers.Where(r => db.RiverReaches.Any(x => x.RiverId == r.Id && db.Units.Any(u => u.Id == x.StreetId && u.Path.StartsWith(scope.RootPath!))));

    /// <summary>Ledger items in scope within the census distance of the line, nearest first; attached ones flagged and ranked hardest first.</summary>
    public async Task<CensusReport> CensusAsync(River river, DataScope scope, CancellationToken ct)
    {
        double metres = CensusMetres;
        // Candidates by lon/lat range (the ledger point, or the centroid of an outline); outlines can reach further than their centroid, hence the margin.
        Envelope box = DemolitionGeometry.Grow(river.Line.EnvelopeInternal, metres + 200);
        List<IllegalBuilding> candidates = await db.IllegalBuildings.AsNoTracking().InScope(scope, db)
            .Where(i => i.Lon >= box.MinX && i.Lon <= box.MaxX && i.Lat >= box.MinY && i.Lat <= box.MaxY).ToListAsync(ct);
        HashSet<Guid> attached = [.. await db.RiverItems.Where(x => x.RiverId == river.Id).Select(x => x.ItemId).ToListAsync(ct)];
        var near = new List<(IllegalBuilding Item, double Distance)>();
        foreach (IllegalBuilding i in candidates)
        {
            if (DemolitionGeometry.Of(i) is { } g && DemolitionGeometry.DistanceMetres(river.Line, g) is var d && (RiverRules.InCensus(d, metres) || attached.Contains(i.Id)))
            {
                near.Add((i, Math.Round(d, 1)));
            }
        }
        // Attached items outside the box (moved, or attached under a larger setting) still belong to the census.
        HashSet<Guid> seen = [.. near.Select(n => n.Item.Id)];
        List<Guid> missing = [.. attached.Where(a => !seen.Contains(a))];
        if (missing.Count > 0)
        {
            Dictionary<Guid, double> distances = await db.RiverItems.Where(x => x.RiverId == river.Id && missing.Contains(x.ItemId)).ToDictionaryAsync(x => x.ItemId, x => x.DistanceM, ct);
            near.AddRange((await db.IllegalBuildings.AsNoTracking().InScope(scope, db).Where(i => missing.Contains(i.Id)).ToListAsync(ct)).Select(i => (i, distances[i.Id])));
        }
        return new CensusReport(river.Id, metres, await ToCensusItemsAsync(near.OrderBy(n => n.Distance).ToList(), attached, ct));
    }

    private async Task<List<CensusItem>> ToCensusItemsAsync(List<(IllegalBuilding Item, double Distance)> near, HashSet<Guid> attached, CancellationToken ct)
    {
        List<Guid> streetIds = [.. near.Select(n => n.Item.StreetId).OfType<Guid>().Distinct()];
        Dictionary<Guid, string> streets = await db.Units.Where(u => streetIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        Dictionary<Guid, int> rank = RiverRules.HardestFirst(near.Where(n => attached.Contains(n.Item.Id)).Select(n => new PriorityCandidate(n.Item.Id, n.Item.Number, n.Item.State, n.Item.Area)))
            .Select((c, k) => (c.Id, k + 1)).ToDictionary(x => x.Id, x => x.Item2);
        return [.. near.Select(n => new CensusItem(n.Item.Id, n.Item.Number, n.Item.Address, n.Item.StreetId,
            n.Item.StreetId is { } s ? streets.GetValueOrDefault(s) : null, n.Item.State, n.Item.Area, n.Item.DemolishedArea, n.Distance,
            attached.Contains(n.Item.Id), rank.TryGetValue(n.Item.Id, out int r) ? r : null))];
    }

    /// <summary>
    /// The census items' progress per street: target = registered area and count of the attached
    /// items (withdrawn ones excluded), done = re-checked area only, over 1 January–31 December of the target year.
    /// </summary>
    public async Task<RiverProgress> ProgressAsync(River river, DataScope scope, CancellationToken ct)
    {
        DateTimeOffset now = time.GetUtcNow();
        var rows = await db.RiverItems.Where(x => x.RiverId == river.Id)
            .Join(db.IllegalBuildings.InScope(scope, db), x => x.ItemId, i => i.Id, (x, i) => new { Item = i, x.DistanceM })
            .AsNoTracking().ToListAsync(ct);
        DateTimeOffset start = ShanghaiTime.StartOf(new DateOnly(river.TargetYear, 1, 1)), deadline = RiverRules.Deadline(river.TargetYear);
        decimal share = ProgressFormulas.ElapsedShare(start, deadline, now);
        decimal threshold = progress.LagThreshold;
        List<Guid> streetIds = [.. rows.Select(r => r.Item.StreetId).OfType<Guid>().Distinct()];
        var streets = await db.Units.Where(u => streetIds.Contains(u.Id)).OrderBy(u => u.SortOrder).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        var live = rows.Where(r => r.Item.State != DemolitionState.Withdrawn).ToList();
        ProgressRow RowOf(Guid? id, string name, IEnumerable<IllegalBuilding> items)
        {
            List<IllegalBuilding> list = [.. items];
            List<IllegalBuilding> done = [.. list.Where(i => DemolitionWorkflow.Counted.Contains(i.State))];
            List<IllegalBuilding> pending = [.. list.Where(i => DemolitionWorkflow.Pending.Contains(i.State) || i.State == DemolitionState.Demolished)];
            return ProgressFormulas.Row(id, name, list.Sum(i => i.Area), list.Count, done.Sum(i => i.DemolishedArea ?? 0), done.Count,
                pending.Sum(i => i.Area), pending.Count, share, threshold);
        }
        List<ProgressRow> byStreet = [.. streets.Select(s => RowOf(s.Id, s.Name, live.Where(r => r.Item.StreetId == s.Id).Select(r => r.Item)))];
        ProgressRow total = RowOf(null, "合计", live.Select(r => r.Item));
        HashSet<Guid> attached = [.. rows.Select(r => r.Item.Id)];
        List<CensusItem> items = await ToCensusItemsAsync([.. rows.Select(r => (r.Item, r.DistanceM))], attached, ct);
        int daysLeft = Math.Max(0, (int)Math.Ceiling((deadline - now).TotalDays));
        return new RiverProgress(river.Id, river.Name, river.TargetYear, deadline, daysLeft, share, now >= deadline && total.PendingCount > 0,
            byStreet, total, [.. items.Where(i => i.Priority is not null).OrderBy(i => i.Priority)]);
    }

    public async Task<RiverSummary> SummaryAsync(River r, DataScope scope, CancellationToken ct)
    {
        RiverProgress p = await ProgressAsync(r, scope, ct);
        int reaches = await db.RiverReaches.CountAsync(x => x.RiverId == r.Id, ct);
        return new RiverSummary(r.Id, r.Code, r.Name, r.Level, r.LengthM, r.ChiefName, r.ChiefPhone, r.TargetYear, p.Deadline, reaches, p.Total);
    }

    public async Task<RiverDetail> DetailAsync(River r, DataScope scope, CancellationToken ct)
    {
        var reaches = await db.RiverReaches.AsNoTracking().Where(x => x.RiverId == r.Id).OrderBy(x => x.Name)
            .Select(x => new { Reach = x, Street = db.Units.Where(u => u.Id == x.StreetId).Select(u => u.Name).First() }).ToListAsync(ct);
        return new RiverDetail(await SummaryAsync(r, scope, ct), DemolitionGeometry.ToJson(r.Line),
            [.. reaches.Select(x => new ReachDto(x.Reach.Id, x.Reach.Name, x.Reach.StreetId, x.Street, x.Reach.LengthM, x.Reach.ChiefName, x.Reach.ChiefPhone, DemolitionGeometry.ToJson(x.Reach.Line)))]);
    }
}
