using Chengguan.Demolition;
using Chengguan.Demolition.Areas;
using Chengguan.Demolition.Rivers;
using Chengguan.Grids.Spatial;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace Chengguan.Data.Seeding;

/// <summary>
/// The demo district's 五违四必 area and two rivers with a reach each. Geometry is drawn from the
/// demo grid layer (the district is laid out synthetically), so the river lines run through the
/// grids where the demo ledger has its riverside structures, and the census finds them.
/// </summary>
internal static class DemoAreasRivers
{
    private const string Pengpu = "310106101", Linfen = "310106021";

    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        DateTimeOffset now = clock.GetUtcNow();
        int year = ShanghaiTime.DateOf(now).Year;
        Dictionary<string, Unit> streets = await db.Units.Where(u => u.IsDemo && (u.Code == Pengpu || u.Code == Linfen)).ToDictionaryAsync(u => u.Code, ct);
        if (streets.Count < 2)
        {
            return;
        }
        List<Polygon> pengpu = await GridsAsync(db, streets[Pengpu].Id, ct), linfen = await GridsAsync(db, streets[Linfen].Id, ct);

        // The area: the box of 彭浦镇's first two grids, with three problems at different stages.
        Envelope box = new(pengpu[0].EnvelopeInternal);
        box.ExpandToInclude(pengpu[Math.Min(1, pengpu.Count - 1)].EnvelopeInternal);
        var outline = (Polygon)DemolitionGeometry.Factory.ToGeometry(box);
        var area = new RemediationArea
        {
            Name = "彭浦镇场中路沿线五违四必区域环境综合整治", Outline = outline, AreaM2 = Math.Round(GeoMeasure.AreaM2(outline), 1),
            PeriodStart = new DateOnly(year, 1, 1), PeriodEnd = new DateOnly(year, 12, 31), Note = "演示数据：厂区违法搭建、无证经营、群租", CreatedAt = now, CreatedBy = "演示数据",
        };
        area.Streets.Add(new RemediationAreaStreet { AreaId = area.Id, StreetId = streets[Pengpu].Id });
        db.RemediationAreas.Add(area);
        Guid? factory = await db.IllegalBuildings.Where(i => i.StreetId == streets[Pengpu].Id && i.Kind == BuildingKind.Industrial).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct);
        var problems = new[]
        {
            (ViolationKind.Building, "厂区内违法搭建彩钢板房，存在消防隐患", ProblemState.Rectifying, true, true, false, false),
            (ViolationKind.Business, "沿街无证废品回收站", ProblemState.Open, false, false, true, true),
            (ViolationKind.Residence, "厂房改建群租", ProblemState.Rectified, true, false, false, false),
        };
        for (int n = 0; n < problems.Length; n++)
        {
            var (kind, text, state, hazard, demolish, clean, ban) = problems[n];
            var p = new AreaProblem
            {
                AreaId = area.Id, Seq = n + 1, Kind = kind, Description = text, State = state, CreatedAt = now,
                MustRemoveHazard = hazard, MustDemolish = demolish, MustCleanUp = clean, MustBan = ban, RectifiedAt = state == ProblemState.Rectified ? now : null,
            };
            if (kind == ViolationKind.Building && factory is { } f)
            {
                p.Links.Add(new AreaProblemLink { ProblemId = p.Id, Kind = ProblemLinkKind.LedgerItem, SubjectId = f });
            }
            db.AreaProblems.Add(p);
        }

        await RiverAsync(db, "HD310106001", "彭越浦", RiverLevel.District, streets[Pengpu], pengpu, "彭越浦彭浦镇段", year, now, ct);
        await RiverAsync(db, "HD310106002", "西泗塘", RiverLevel.District, streets[Linfen], linfen, "西泗塘临汾路段", year, now, ct);
        await db.SaveChangesAsync(ct);
    }

    private static async Task<List<Polygon>> GridsAsync(AppDbContext db, Guid street, CancellationToken ct) =>
        await db.Grids.Where(g => g.StreetId == street).OrderBy(g => g.Code).Select(g => g.Boundary).Take(4).ToListAsync(ct);

    /// <summary>A line through the centroids of the street's first grids (west to east), one reach in the street, and the census of ledger items along it.</summary>
    private static async Task RiverAsync(AppDbContext db, string code, string name, RiverLevel level, Unit street, List<Polygon> grids, string reach, int year, DateTimeOffset now, CancellationToken ct)
    {
        Coordinate[] points = [.. grids.Select(g => new Coordinate(Math.Round(g.Centroid.X, 7), Math.Round(g.Centroid.Y, 7))).OrderBy(c => c.X).ThenBy(c => c.Y)];
        if (points.Length < 2)
        {
            return;
        }
        MultiLineString line = DemolitionGeometry.Factory.CreateMultiLineString([DemolitionGeometry.Factory.CreateLineString(points)]);
        var river = new River
        {
            Code = code, Name = name, Level = level, Line = line, LengthM = DemolitionGeometry.LengthMetres(line), ChiefName = "区级河长（演示）",
            TargetYear = year, CreatedAt = now, CreatedBy = "演示数据",
        };
        db.Rivers.Add(river);
        db.RiverReaches.Add(new RiverReach
        {
            RiverId = river.Id, Name = reach, StreetId = street.Id, Line = line, LengthM = river.LengthM, ChiefName = street.Name + "河长（演示）",
        });
        foreach (IllegalBuilding item in await db.IllegalBuildings.Where(i => i.StreetId == street.Id && i.Lon != null).ToListAsync(ct))
        {
            double d = DemolitionGeometry.DistanceMetres(line, DemolitionGeometry.Factory.CreatePoint(new Coordinate(item.Lon!.Value, item.Lat!.Value)));
            if (RiverRules.InCensus(d, 50))
            {
                db.RiverItems.Add(new RiverItem { RiverId = river.Id, ItemId = item.Id, DistanceM = Math.Round(d, 1), AttachedAt = now, AttachedBy = "演示数据" });
            }
        }
    }
}
