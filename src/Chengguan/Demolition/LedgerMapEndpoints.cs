using Chengguan.Identity;
using Chengguan.Infrastructure;

namespace Chengguan.Demolition;

/// <summary>The ledger as a map layer over HTTP: an adapter over <see cref="Ledger.LayerAsync"/>.</summary>
public static class LedgerMapEndpoints
{
    public static void MapDemolitionMap(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/demolition/map").WithTags("Demolition").RequireAuthorization(Policies.Staff);
        g.MapGet("/items", (DemolitionState? state, Guid? streetId, string? bbox, int? limit, Ledger ledger, CancellationToken ct) =>
                ledger.LayerAsync(state, streetId, bbox, limit, ct).ToHttp(geoJson => TypedResults.Text(geoJson, "application/geo+json; charset=utf-8")))
            .WithSummary("违法建筑图层（GeoJSON）：点或轮廓、状态、面积、编号；按状态、街镇、范围（bbox）筛选")
            .WithDescription("违法建筑的 GeoJSON 要素集合（WGS84），按状态、街镇和 bbox 范围筛选，供地图图层使用。");
    }
}
