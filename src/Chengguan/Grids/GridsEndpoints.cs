using Chengguan.Identity;
using Chengguan.Infrastructure;
using NetTopologySuite.Features;

namespace Chengguan.Grids;

/// <summary>The grid layer over HTTP: one-line adapters over <see cref="GridRegister"/>, which scopes, validates and answers.</summary>
public static class GridsEndpoints
{
    public static void MapGrids(this IEndpointRouteBuilder app)
    {
        var grids = app.MapGroup("/api/grids").WithTags("Grids").RequireAuthorization(Policies.Staff);
        grids.MapGet("/", async (Guid? streetId, Guid? communityId, string? after, int? limit, GridRegister register, CancellationToken ct) =>
            TypedResults.Ok(await register.ListAsync(streetId, communityId, after, limit, ct))).WithSummary("网格列表")
            .WithDescription("分页列出网格：编码、名称、所属社区和街镇、责任单位。");
        grids.MapGet("/export", async (Guid? streetId, GridRegister register, CancellationToken ct) =>
            Results.Text(GridGeoJson.Serialize(await register.ExportAsync(streetId, ct)), "application/geo+json; charset=utf-8"))
            .WithSummary("导出 GeoJSON (RFC 7946)")
            .WithDescription("以 GeoJSON（RFC 7946，WGS84）导出全部网格的范围和属性。");
        grids.MapGet("/{code}", (string code, GridRegister register, CancellationToken ct) => register.GetAsync(code, ct).ToHttp()).WithSummary("网格详情")
            .WithDescription("按网格编码返回网格的范围、所属社区和街镇以及各类事项的责任单位。");
        grids.MapPut("/{code}/responsibility", (string code, ResponsibilityRequest req, GridRegister register, CancellationToken ct) =>
            register.SetResponsibilityAsync(code, req, ct).ToHttp()).RequireAuthorization(Policies.Admin).WithSummary("设置网格责任单位")
            .WithDescription("设置网格的责任单位（按顺序）；之后定位到该网格的案件派往第一个责任单位。");
        grids.MapPost("/import", async (HttpRequest request, bool? dryRun, double? overlapToleranceM2, double? gapToleranceM2, GridRegister register, CancellationToken ct) =>
            (await register.ImportAsync(await BodyLimits.ReadBodyAsync(request, GridImport.MaxUpload, ct), dryRun == true, overlapToleranceM2, gapToleranceM2, ct)).ToHttp())
            .RequireAuthorization(Policies.Admin).WithBodyLimit(GridImport.MaxUpload)
            .Accepts<FeatureCollection>("application/geo+json", "application/json")
            .WithSummary("导入 GeoJSON 网格图层（校验环、重叠、缝隙）")
            .WithDescription("上传 GeoJSON 网格图层（multipart/form-data）；校验环的方向与闭合、网格重叠和缝隙，有错则不写入并报告。");

        // Outside the staff group: machine clients (hotline platform, Open311) route points too.
        app.MapGet("/api/grids/locate", (double? lon, double? lat, string? crs, GridRegister register) => register.Locate(lon, lat, crs).ToHttp())
            .WithTags("Grids").RequireAuthorization(Policies.StaffOrIntegration).ForIntegrations(IntegrationOperation.LocateGrid)
            .WithSummary("坐标定位网格 (point → grid, community, street, responsible units)")
            .WithDescription("按经纬度（lon、lat，可选 crs：wgs84、gcj02、bd09）返回所在网格、社区、街镇和责任单位。");
    }
}
