using Chengguan.Demolition;
using Chengguan.Demolition.Documents;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Data.Seeding;

/// <summary>
/// The demo district's demolition work: the three-year plan, one district task batch, and ledger
/// items in several states. Structures already demolished are entered as an import of the
/// existing ledger (台账导入), as a district starting on the platform would; the open ones go
/// through the procedure so that their clocks and documents are real.
/// </summary>
internal static class DemoDemolition
{
    private static readonly (string Street, string Address, BuildingKind Kind, double Area, int Storeys, string Party)[] s_items =
    [
        ("310106006", "昌平路 68 弄 3 号屋顶", BuildingKind.Rooftop, 46.5, 1, "陈某"),
        ("310106006", "西康路 512 号后院", BuildingKind.Commercial, 120, 1, "上海某餐饮有限公司"),
        ("310106006", "江宁路 1025 弄 12 号", BuildingKind.Residential, 32, 2, "王某"),
        ("310106011", "石门二路 89 弄 5 号天井", BuildingKind.Residential, 18.2, 1, "李某"),
        ("310106011", "新闸路 1120 号沿街", BuildingKind.Commercial, 75, 1, "某便利店"),
        ("310106101", "场中路 3300 号厂区内", BuildingKind.Industrial, 420, 1, "上海某机械厂"),
        ("310106101", "彭越浦沿岸 12 号", BuildingKind.Riverside, 210, 1, "张某"),
        ("310106021", "临汾路 375 弄 20 号屋顶", BuildingKind.Rooftop, 58, 1, "赵某"),
        ("310106019", "大宁路 600 号沿街", BuildingKind.Commercial, 96, 1, "某汽修店"),
        ("310106019", "共和新路 2000 弄 7 号", BuildingKind.Residential, 40, 2, "周某"),
    ];

    public static async Task SeedAsync(AppDbContext db, DemolitionProcedure procedure, TimeProvider clock, ILogger logger, CancellationToken ct)
    {
        DateTimeOffset now = clock.GetUtcNow();
        int year = ShanghaiTime.DateOf(now).Year;
        List<Unit> streets = await db.Units.Where(u => u.IsDemo && (u.Kind == UnitKind.Street || u.Kind == UnitKind.Town)).OrderBy(u => u.SortOrder).ToListAsync(ct);
        var plan = new DemolitionPlan { Name = $"静安区违法建筑治理三年工作计划（{year}—{year + 2}年）", FirstYear = year, LastYear = year + 2, CreatedAt = now };
        for (int i = 0; i < streets.Count; i++)
        {
            for (int y = 0; y < 3; y++)
            {
                plan.Targets.Add(new PlanTarget { PlanId = plan.Id, Year = year + y, StreetId = streets[i].Id, TargetArea = 800 + 100 * (i % 5) - 150 * y, TargetCount = 8 + i % 4 - 2 * y });
            }
        }
        db.DemolitionPlans.Add(plan);
        Dictionary<string, Unit> byCode = streets.ToDictionary(s => s.Code);
        var task = new DemolitionTask
        {
            Name = $"{year}年区级拆违任务（第一批）", Issuer = TaskIssuer.District, IssuedOn = new DateOnly(year, 1, 1), Deadline = new DateOnly(year, 12, 31),
            Note = "区拆违办下达，年底前完成", CreatedAt = now, CreatedBy = "演示数据",
        };
        foreach (string code in s_items.Select(x => x.Street).Distinct())
        {
            task.Targets.Add(new TaskTarget { TaskId = task.Id, StreetId = byCode[code].Id, TargetArea = 300, TargetCount = 4 });
        }
        db.DemolitionTasks.Add(task);

        var items = new List<IllegalBuilding>();
        for (int n = 0; n < s_items.Length; n++)
        {
            var (code, address, kind, area, storeys, party) = s_items[n];
            Unit street = byCode[code];
            var grid = await db.Grids.Where(g => g.StreetId == street.Id).OrderBy(g => g.Code)
                .Select(g => new { g.Id, g.Code, g.CommunityId, g.Boundary, Unit = g.ResponsibleUnits.Select(r => (Guid?)r.UnitId).FirstOrDefault() }).FirstAsync(ct);
            var item = new IllegalBuilding
            {
                Number = await LedgerIntake.NextNumberAsync(db, now, ct), Address = address, Kind = kind, Area = area, Storeys = storeys, Party = party,
                Vintage = n % 3 == 0 ? BuildingVintage.New : BuildingVintage.Existing, Source = n % 2 == 0 ? LedgerSource.Patrol : LedgerSource.DistrictTask,
                StreetId = street.Id, CommunityId = grid.CommunityId, GridId = grid.Id, GridCode = grid.Code, UnitId = grid.Unit ?? street.Id,
                Lon = Math.Round(grid.Boundary.Centroid.X, 7), Lat = Math.Round(grid.Boundary.Centroid.Y, 7), TaskId = n < 8 ? task.Id : null,
                State = DemolitionState.Identified, IdentifiedAt = now, CreatedAt = now, UpdatedAt = now,
            };
            db.IllegalBuildings.Add(item);
            items.Add(item);
            if (n % 2 == 1)
            {
                // Demolished and re-checked before the platform: entered from the existing ledger.
                DateTimeOffset done = now.AddDays(-7 * (n + 1));
                (item.State, item.Mode, item.DemolishedArea, item.DemolishedAt, item.RecheckedAt, item.RecheckedBy, item.IdentifiedAt) =
                    (DemolitionState.Rechecked, n % 4 == 1 ? DemolitionMode.Self : DemolitionMode.Forced, area, done.AddDays(-3), done, "演示数据", done.AddDays(-60));
                procedure.Append(item, "Import", "台账导入（已拆除并复核）", null, item.State, now, null, "演示数据", "历史台账导入", null);
            }
            else
            {
                procedure.Append(item, "Identify", "认定为违法建筑", null, item.State, now, null, "演示数据", $"定位网格 {grid.Code}", null);
            }
        }
        await db.SaveChangesAsync(ct);

        // Open items through the procedure: two ordered to demolish (a clock and a notice each), one self-demolished awaiting its re-check.
        if (CjkFonts.FontFile is null)
        {
            logger.LogWarning("Demolition:FontPath names no font file: the demo demolition items stay at 认定 (their notices need a Chinese font)");
            return;
        }
        foreach ((IllegalBuilding item, DemolitionAction action) in new[] { (items[0], DemolitionAction.IssueOrder), (items[2], DemolitionAction.IssueOrder), (items[4], DemolitionAction.RecordSelfDemolition) })
        {
            Outcome<IllegalBuilding> move = await procedure.ApplyAsync(item, action, new DemolitionActionInput(Days: 30), _ => true, null, "演示数据", ct);
            if (move is not Outcome<IllegalBuilding>.Done)
            {
                throw new InvalidOperationException($"Demo demolition seeding failed: {move.Message}");
            }
            await db.SaveChangesAsync(ct);
        }
    }
}
