using System.Globalization;
using Chengguan.Data;
using Chengguan.Grids;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;

namespace Chengguan.Demolition;

/// <summary>The ledger as a map layer: GeoJSON (WGS 84 lon/lat, like the grids' export) for the console's map page.</summary>
public static class LedgerMapEndpoints
{
    public const int MaxFeatures = 20_000;

    public static void MapDemolitionMap(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/demolition/map").WithTags("Demolition").RequireAuthorization(Policies.Staff);
        g.MapGet("/items", Items).WithSummary("违法建筑图层（GeoJSON）：点或轮廓、状态、面积、编号；按状态、街镇、范围（bbox）筛选");
    }

    private static async Task<Results<ContentHttpResult, ValidationProblem>> Items(
        DemolitionState? state, Guid? streetId, string? bbox, int? limit, AppDbContext db, CurrentUser user, CancellationToken ct)
    {
        int take = limit ?? 5000;
        var errors = new FieldErrors();
        if (take is < 1 or > MaxFeatures)
        {
            errors.Add("limit", $"每次 1–{MaxFeatures} 处");
        }
        double[]? box = null;
        if (bbox is not null)
        {
            string[] parts = bbox.Split(',');
            box = parts.Length == 4 && parts.All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v))
                ? [.. parts.Select(p => double.Parse(p, CultureInfo.InvariantCulture))] : null;
            if (box is null || box[0] > box[2] || box[1] > box[3])
            {
                errors.Add("bbox", "范围须为 最小经度,最小纬度,最大经度,最大纬度（WGS84）");
            }
        }
        if (errors.Any)
        {
            return Problems.Validation(errors);
        }
        IQueryable<IllegalBuilding> q = db.IllegalBuildings.AsNoTracking().InScope(await user.GetScopeAsync(ct), db).Where(i => i.Lon != null && i.Lat != null);
        q = state is { } s ? q.Where(i => i.State == s) : q;
        q = streetId is { } st ? q.Where(i => i.StreetId == st) : q;
        if (box is [double w, double so, double e, double n])
        {
            q = q.Where(i => i.Lon >= w && i.Lon <= e && i.Lat >= so && i.Lat <= n);
        }
        var rows = await q.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id).Take(take)
            .Select(i => new { i.Id, i.Number, i.Address, i.State, i.Kind, i.Area, i.DemolishedArea, i.StreetId, i.Lon, i.Lat, i.OutlineGeoJson })
            .ToListAsync(ct);
        var collection = new FeatureCollection();
        foreach (var i in rows)
        {
            Geometry geometry = DemolitionGeometry.FromGeoJson(i.OutlineGeoJson) ?? DemolitionGeometry.Factory.CreatePoint(new Coordinate(i.Lon!.Value, i.Lat!.Value));
            collection.Add(new Feature(geometry, new AttributesTable
            {
                { "id", i.Id }, { "number", i.Number }, { "address", i.Address }, { "state", i.State.ToString() }, { "kind", i.Kind.ToString() },
                { "area", i.Area }, { "demolishedArea", i.DemolishedArea }, { "streetId", i.StreetId },
            }));
        }
        return TypedResults.Text(GridGeoJson.Serialize(collection), "application/geo+json; charset=utf-8");
    }
}
