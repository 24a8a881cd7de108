using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Chengguan.Data;
using Chengguan.Grids;
using Chengguan.Grids.Spatial;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace Chengguan.Demolition;

[RequestModel]
public sealed record LedgerItemInput(
    [property: Required(ErrorMessage = "地址不能为空"), MaxLength(300, ErrorMessage = "地址不能超过 300 个字符")] string? Address,
    [property: Required(ErrorMessage = "建筑类型不能为空")] BuildingKind? Kind,
    [property: Required(ErrorMessage = "面积不能为空"), Range(0.01, 1_000_000, ErrorMessage = "面积须为 0.01–1000000 平方米")] double? Area,
    [property: Required(ErrorMessage = "来源不能为空")] LedgerSource? Source,
    double? Lon = null,
    double? Lat = null,
    [property: MaxLength(10, ErrorMessage = "坐标系须为 wgs84、gcj02 或 bd09")] string? Crs = null,
    [property: MaxLength(500, ErrorMessage = "轮廓最多 500 个顶点")] double[][]? Outline = null,
    BuildingVintage? Vintage = null,
    DateOnly? BuiltOn = null,
    [property: Range(1, 100, ErrorMessage = "层数须为 1–100")] int? Storeys = null,
    [property: MaxLength(100, ErrorMessage = "当事人不能超过 100 个字符")] string? Party = null,
    Guid? TaskId = null,
    Guid? StreetId = null,
    [property: MaxLength(20, ErrorMessage = "关联案件最多 20 个")] Guid[]? CaseIds = null,
    [property: MaxLength(2000, ErrorMessage = "备注不能超过 2000 个字符")] string? Note = null);

/// <summary>
/// Puts a structure on the ledger: converts its point (or the centre of its outline) to WGS 84,
/// routes it through the grid layer to community, street and responsible team as cases are routed,
/// decides 存量/新增 against the control date, numbers it WJ-{year}-{sequence} and links its cases.
/// </summary>
public sealed class LedgerIntake(AppDbContext db, GridDirectory grids, DemolitionProcedure procedure, TimeProvider time, IConfiguration config)
{
    /// <summary>Deactivated units, read once per scope (an import opens many items).</summary>
    private IReadOnlySet<Guid>? _inactiveUnits;

    private static readonly System.Text.Json.JsonSerializerOptions s_geoJson = new() { Converters = { new NetTopologySuite.IO.Converters.GeoJsonConverterFactory() } };

    /// <summary>Structures built on or after this date are 新增 (Demolition:ControlDate).</summary>
    public DateOnly ControlDate => DateOnly.TryParse(config["Demolition:ControlDate"], CultureInfo.InvariantCulture, out DateOnly d) ? d : new DateOnly(2016, 1, 1);

    public async Task<(IllegalBuilding? Item, FieldErrors Errors)> OpenAsync(LedgerItemInput input, DataScope scope, string? actorId, string? actorName, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (input.Lon is null != input.Lat is null)
        {
            errors.Add(input.Lon is null ? "lon" : "lat", "经度和纬度须同时提供");
        }
        if (input.Lon is { } lo && (!double.IsFinite(lo) || lo is < -180 or > 180) || input.Lat is { } la && (!double.IsFinite(la) || la is < -90 or > 90))
        {
            errors.Add("lon", "经纬度超出范围");
        }
        Crs crs = Crs.Wgs84;
        if (input.Crs is not null && !ChinaCoordinates.TryParseCrs(input.Crs, out crs))
        {
            errors.Add("crs", "坐标系须为 wgs84、gcj02 或 bd09");
        }
        Polygon? outline = null;
        if (input.Outline is { } ring)
        {
            outline = Outline(ring, crs);
            if (outline is null)
            {
                errors.Add("outline", "轮廓须为至少 3 个 [经度, 纬度] 顶点组成的简单多边形");
            }
        }
        if (input.Vintage is null && input.BuiltOn is null)
        {
            errors.Add("vintage", "须提供存量/新增（vintage）或建成日期（builtOn）");
        }
        if (input.TaskId is { } taskId && !await db.DemolitionTasks.AnyAsync(t => t.Id == taskId, ct))
        {
            errors.Add("taskId", "任务批次不存在");
        }
        List<Guid> caseIds = [.. (input.CaseIds ?? []).Distinct()];
        if (caseIds.Count > 0 && await db.Cases.CountAsync(c => caseIds.Contains(c.Id), ct) != caseIds.Count)
        {
            errors.Add("caseIds", "关联案件不存在");
        }
        if (errors.Any)
        {
            return (null, errors);
        }
        DateTimeOffset now = time.GetUtcNow();
        var item = new IllegalBuilding
        {
            Number = await NextNumberAsync(db, now, ct),
            Address = input.Address!.Trim(),
            Kind = input.Kind!.Value,
            Vintage = input.BuiltOn is { } built ? (built >= ControlDate ? BuildingVintage.New : BuildingVintage.Existing) : input.Vintage!.Value,
            BuiltOn = input.BuiltOn,
            Area = Math.Round(input.Area!.Value, 2),
            Storeys = input.Storeys ?? 1,
            Party = input.Party?.Trim(),
            Source = input.Source!.Value,
            TaskId = input.TaskId,
            Note = input.Note?.Trim(),
            State = DemolitionState.Identified,
            IdentifiedAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (outline is not null)
        {
            item.OutlineGeoJson = System.Text.Json.JsonSerializer.Serialize<Geometry>(outline, s_geoJson);
        }
        (double, double)? point = input.Lon is { } lon && input.Lat is { } lat ? ChinaCoordinates.ToWgs84(lon, lat, crs)
            : outline is not null ? (outline.Centroid.X, outline.Centroid.Y) : null;
        if (point is (double x, double y))
        {
            (item.Lon, item.Lat) = (Math.Round(x, 7), Math.Round(y, 7));
            if (grids.Locate(x, y) is { } grid)
            {
                (item.GridId, item.GridCode, item.CommunityId, item.StreetId) = (grid.Id, grid.Code, grid.Community.Id, grid.Street.Id);
                item.UnitId = Cases.CaseRouting.UnitFor(grid, _inactiveUnits ??= await Cases.CaseRouting.InactiveUnitsAsync(db, ct));
            }
        }
        if (item.StreetId is null)
        {
            if (input.StreetId is not { } sid || await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == sid, ct) is not { IsStreetLevel: true } street)
            {
                return (null, errors.Add("streetId", "未能按坐标定位到单元网格：请提供所属街镇（streetId）"));
            }
            item.StreetId = street.Id;
            item.UnitId = await db.Units.Where(u => u.ParentId == street.Id && u.Kind == UnitKind.StreetTeam).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct) ?? street.Id;
        }
        string streetPath = await db.Units.Where(u => u.Id == item.StreetId).Select(u => u.Path).FirstAsync(ct);
        if (!scope.Covers(streetPath))
        {
            return (null, errors.Add(input.StreetId is null ? "lon" : "streetId", "该位置不在本人管辖的街镇范围内"));
        }
        db.IllegalBuildings.Add(item);
        foreach (Guid caseId in caseIds)
        {
            db.DemolitionCaseLinks.Add(new DemolitionCaseLink { ItemId = item.Id, CaseId = caseId, LinkedAt = now });
        }
        procedure.Append(item, "Identify", "认定为违法建筑", null, item.State, now, actorId, actorName,
            item.GridCode is null ? "未能定位到单元网格，按所填街镇登记" : $"定位网格 {item.GridCode}", null);
        return (item, errors);
    }

    internal static Polygon? Outline(double[][] ring, Crs crs)
    {
        if (ring.Length < 3 || ring.Any(p => p is not { Length: 2 } || !double.IsFinite(p[0]) || !double.IsFinite(p[1]) || p[0] is < -180 or > 180 || p[1] is < -90 or > 90))
        {
            return null;
        }
        var coords = ring.Select(p => ChinaCoordinates.ToWgs84(p[0], p[1], crs)).Select(p => new Coordinate(p.Lon, p.Lat)).ToList();
        if (!coords[0].Equals2D(coords[^1]))
        {
            coords.Add(coords[0]);
        }
        if (coords.Count < 4)
        {
            return null;
        }
        Polygon polygon = new GeometryFactory(new PrecisionModel(), 4326).CreatePolygon([.. coords]);
        return polygon.IsValid && polygon.Area > 0 ? polygon : null;
    }

    /// <summary>WJ-{year}-{sequence}: the shared number sequence table, under its own prefix; the row lock serialises concurrent intakes.</summary>
    internal static async Task<string> NextNumberAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        const string prefix = "WJ";
        int year = ShanghaiTime.DateOf(now).Year;
        await db.Database.ExecuteSqlAsync($"""INSERT INTO case_sequences ("Prefix", "Year", "Next") VALUES ({prefix}, {year}, 1) ON CONFLICT DO NOTHING""", ct);
        List<int> taken = await db.Database.SqlQuery<int>(
            $"""UPDATE case_sequences SET "Next" = "Next" + 1 WHERE "Prefix" = {prefix} AND "Year" = {year} RETURNING "Next" - 1 AS "Value" """).ToListAsync(ct);
        return $"{prefix}-{year}-{taken.Single():D6}";
    }
}
