using System.ComponentModel.DataAnnotations;
using Chengguan.Data;
using Chengguan.Grids.Spatial;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;

namespace Chengguan.Grids;

public sealed record GridSummary(Guid Id, string Code, string? Name, UnitRef Community, UnitRef Street, double AreaM2, double CentroidLon, double CentroidLat);
public sealed record PointDto(double Lon, double Lat);
public sealed record LocateResponse(PointDto Wgs84, string Crs, LocatedGrid Grid);

[RequestModel]
public sealed record ResponsibilityRequest(
    [property: Required(ErrorMessage = "责任单位不能为空"), MaxLength(20, ErrorMessage = "责任单位最多 20 个")] Guid[] UnitIds,
    [property: Required(ErrorMessage = "责任队员不能为空"), MaxLength(50, ErrorMessage = "责任队员最多 50 人")] Guid[] OfficerIds);

public static class GridsEndpoints
{
    public static void MapGrids(this IEndpointRouteBuilder app)
    {
        var grids = app.MapGroup("/api/grids").WithTags("Grids").RequireAuthorization(Policies.Staff).AddEndpointFilter<ValidationFilter>();
        grids.MapGet("/", List);
        grids.MapGet("/export", Export).WithSummary("导出 GeoJSON (RFC 7946)");
        grids.MapGet("/{code}", Get);
        grids.MapPut("/{code}/responsibility", SetResponsibility).RequireAuthorization(Policies.Admin);
        grids.MapGridImport();

        // Outside the staff group: machine clients (hotline platform, Open311) route points too.
        app.MapGet("/api/grids/locate", Locate).WithTags("Grids").RequireAuthorization(Policies.StaffOrIntegration).ForIntegrations(IntegrationOperation.LocateGrid)
            .WithSummary("坐标定位网格 (point → grid, community, street, responsible units)");
    }

    private static async Task<Ok<Page<GridSummary>>> List(AppDbContext db, CurrentUser current, Guid? streetId, Guid? communityId, string? after, int? limit, CancellationToken ct) =>
        TypedResults.Ok(await ListAsync(db, await current.GetScopeAsync(ct), streetId, communityId, after, limit, ct));

    /// <summary>Grids in scope by code, keyset-paged on the code; shared by the API and the console's grid list.</summary>
    public static async Task<Page<GridSummary>> ListAsync(AppDbContext db, DataScope scope, Guid? streetId, Guid? communityId, string? after, int? limit, CancellationToken ct)
    {
        int take = Math.Clamp(limit ?? 100, 1, 1000);
        IQueryable<Grid> q = db.Grids.AsNoTracking().InScope(scope);
        if (streetId is { } s)
        {
            q = q.Where(g => g.StreetId == s);
        }
        if (communityId is { } c)
        {
            q = q.Where(g => g.CommunityId == c);
        }
        if (!string.IsNullOrEmpty(after))
        {
            q = q.Where(g => g.Code.CompareTo(after) > 0);
        }
        List<GridSummary> items = await q.OrderBy(g => g.Code).Take(take + 1)
            .Select(g => new GridSummary(g.Id, g.Code, g.Name, new UnitRef(g.Community!.Id, g.Community.Code, g.Community.Name),
                new UnitRef(g.Street!.Id, g.Street.Code, g.Street.Name), g.AreaM2, g.CentroidLon, g.CentroidLat))
            .ToListAsync(ct);
        string? next = items.Count > take ? items[take - 1].Code : null;
        return new Page<GridSummary>(items.Take(take).ToList(), next);
    }

    private static async Task<Results<Ok<Feature>, ProblemHttpResult>> Get(string code, AppDbContext db, CurrentUser current, CancellationToken ct)
    {
        DataScope scope = await current.GetScopeAsync(ct);
        Grid? grid = await GridQuery(db).InScope(scope).FirstOrDefaultAsync(g => g.Code == code, ct);
        return grid is null ? Problems.NotFound("网格不存在") : TypedResults.Ok(GridGeoJson.ToFeature(grid));
    }

    private static Results<Ok<LocateResponse>, ValidationProblem, ProblemHttpResult> Locate(GridDirectory directory, double? lon, double? lat, string? crs)
    {
        var errors = new FieldErrors();
        if (lon is not { } x || !double.IsFinite(x) || x is < -180 or > 180)
        {
            errors.Add("lon", "经度须为 -180 到 180 之间的数");
        }
        if (lat is not { } y || !double.IsFinite(y) || y is < -90 or > 90)
        {
            errors.Add("lat", "纬度须为 -90 到 90 之间的数");
        }
        Crs system = Crs.Wgs84;
        if (crs is not null && !ChinaCoordinates.TryParseCrs(crs, out system))
        {
            errors.Add("crs", "坐标系须为 wgs84、gcj02 或 bd09");
        }
        if (errors.Any)
        {
            return Problems.Validation(errors);
        }
        (double wLon, double wLat) = ChinaCoordinates.ToWgs84(lon!.Value, lat!.Value, system);
        LocatedGrid? grid = directory.Locate(wLon, wLat);
        return grid is null
            ? Problems.NotFound("该位置不在任何单元网格内")
            : TypedResults.Ok(new LocateResponse(new PointDto(Math.Round(wLon, 7), Math.Round(wLat, 7)), system.ToString().ToLowerInvariant(), grid));
    }

    private static async Task<IResult> Export(AppDbContext db, CurrentUser current, Guid? streetId, CancellationToken ct)
    {
        DataScope scope = await current.GetScopeAsync(ct);
        IQueryable<Grid> q = GridQuery(db).InScope(scope);
        if (streetId is { } s)
        {
            q = q.Where(g => g.StreetId == s);
        }
        var collection = new FeatureCollection();
        foreach (Grid g in await q.OrderBy(g => g.Code).ToListAsync(ct))
        {
            collection.Add(GridGeoJson.ToFeature(g));
        }
        return Results.Text(GridGeoJson.Serialize(collection), "application/geo+json; charset=utf-8");
    }

    private static Task<Results<Ok<LocatedGrid>, ValidationProblem, ProblemHttpResult>> SetResponsibility(
        string code, ResponsibilityRequest req, AppDbContext db, GridDirectory directory, TimeProvider clock, CancellationToken ct) =>
        SetResponsibilityAsync(code, req, db, directory, clock, ct);

    /// <summary>
    /// Replaces a grid's responsible units and officers (the request's own attributes already checked);
    /// shared by the API and the console's grid page, so both refuse the same things with the same messages.
    /// </summary>
    public static async Task<Results<Ok<LocatedGrid>, ValidationProblem, ProblemHttpResult>> SetResponsibilityAsync(
        string code, ResponsibilityRequest req, AppDbContext db, GridDirectory directory, TimeProvider clock, CancellationToken ct)
    {
        Grid? grid = await db.Grids.Include(g => g.ResponsibleUnits).Include(g => g.Officers).AsSplitQuery().FirstOrDefaultAsync(g => g.Code == code, ct);
        if (grid is null)
        {
            return Problems.NotFound("网格不存在");
        }
        var errors = new FieldErrors();
        Guid[] unitIds = [.. req.UnitIds.Distinct()];
        Guid[] officerIds = [.. req.OfficerIds.Distinct()];
        int units = await db.Units.CountAsync(u => unitIds.Contains(u.Id) && u.Active && (u.Kind == UnitKind.Squad || u.Kind == UnitKind.StreetTeam), ct);
        if (units != unitIds.Length)
        {
            errors.Add("unitIds", "责任单位须为在用的中队或街镇城管中队");
        }
        int officers = await db.People.CountAsync(p => officerIds.Contains(p.Id) && p.Active, ct);
        if (officers != officerIds.Length)
        {
            errors.Add("officerIds", "责任队员不存在或已离岗");
        }
        if (errors.Any)
        {
            return Problems.Validation(errors);
        }
        grid.ResponsibleUnits.RemoveAll(r => !unitIds.Contains(r.UnitId));
        grid.ResponsibleUnits.AddRange(unitIds.Where(id => grid.ResponsibleUnits.All(r => r.UnitId != id)).Select(id => new GridResponsibleUnit { GridId = grid.Id, UnitId = id }));
        grid.Officers.RemoveAll(o => !officerIds.Contains(o.PersonId));
        grid.Officers.AddRange(officerIds.Where(id => grid.Officers.All(o => o.PersonId != id)).Select(id => new GridOfficer { GridId = grid.Id, PersonId = id }));
        await GridDirectory.BumpVersionAsync(db, clock, ct);
        await db.SaveChangesAsync(ct);
        await directory.RefreshIfStaleAsync(ct);
        return TypedResults.Ok(GridGeoJson.ToLocated(await GridQuery(db).FirstAsync(g => g.Id == grid.Id, ct)));
    }

    internal static IQueryable<Grid> GridQuery(AppDbContext db) => db.Grids.AsNoTracking()
        .Include(g => g.Community).Include(g => g.Street)
        .Include(g => g.ResponsibleUnits).ThenInclude(r => r.Unit)
        .Include(g => g.Officers).ThenInclude(o => o.Person)
        .AsSplitQuery();
}
