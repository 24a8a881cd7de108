using System.Text.Json;
using Chengguan.Data;
using Chengguan.Grids;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;

namespace Chengguan.Demolition.Rivers;

/// <summary>Rivers (中小河道): lines and river chiefs, reaches, the census of riverside structures, hardest-first order, year-end progress.</summary>
public static class RiversEndpoints
{
    public static void MapRivers(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/rivers").WithTags("Rivers").RequireAuthorization(Policies.Staff).AddEndpointFilter<ValidationFilter>();
        g.MapPost("/", Create).WithSummary("登记河道（编码、名称、级别、中心线 GeoJSON、河长、完成年度）");
        g.MapGet("/", List).WithSummary("河道列表：长度、河长、年底期限、沿河违建整治进度");
        g.MapGet("/map", Map).WithSummary("河道图层（GeoJSON，WGS84）：中心线、名称、整治进度");
        g.MapGet("/{id:guid}", Get).WithSummary("河道详情：河段与河长");
        g.MapPost("/{id:guid}/reaches", AddReach).WithSummary("登记河段（所属街镇、河段河长、中心线）");
        g.MapGet("/{id:guid}/census", Census).WithSummary("沿河违建普查：台账中距中心线一定距离内的违法建筑（按空间查找）");
        g.MapPost("/{id:guid}/census", Attach).WithSummary("将普查发现的违法建筑纳入该河道整治");
        g.MapGet("/{id:guid}/progress", Progress).WithSummary("河道整治进度：各街镇完成情况、年底期限、先难后易攻坚顺序");
    }

    /// <summary>A river's or a reach's centre line, or a field error saying what a line must be.</summary>
    private static MultiLineString? CentreLine(JsonElement geometry, FieldErrors errors)
    {
        MultiLineString? line = DemolitionGeometry.Lines(geometry);
        if (line is null)
        {
            errors.Add("geometry", "中心线须为 GeoJSON LineString 或 MultiLineString（WGS84 经纬度，每段至少 2 个不同的点）");
        }
        return line;
    }

    private static ProblemHttpResult Forbidden() => TypedResults.Problem("只有局领导、科长可以登记河道和河段", statusCode: 403, title: "无权执行该操作");

    /// <summary>Registers a river (POST /api/rivers and the rivers page's form).</summary>
    internal static async Task<Results<Created<RiverDetail>, ValidationProblem, ProblemHttpResult>> Create(
        RiverInput input, AppDbContext db, RiverQueries rivers, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        if (!TasksEndpoints.Issues(user))
        {
            return Forbidden();
        }
        var errors = new FieldErrors();
        MultiLineString? line = CentreLine(input.Geometry!.Value, errors);
        if (!Enum.IsDefined(input.Level!.Value))
        {
            errors.Add("level", "级别须为 City、District、Town、Village 或 Other");
        }
        string code = input.Code!.Trim();
        if (await db.Rivers.AnyAsync(r => r.Code == code, ct))
        {
            errors.Add("code", "河道编码已存在");
        }
        if (errors.Any)
        {
            return Problems.Validation(errors);
        }
        var river = new River
        {
            Code = code, Name = input.Name!.Trim(), Level = input.Level!.Value, Line = line!, LengthM = DemolitionGeometry.LengthMetres(line!),
            ChiefName = input.ChiefName?.Trim(), ChiefPhone = input.ChiefPhone?.Trim(), TargetYear = input.TargetYear!.Value, CreatedAt = time.GetUtcNow(), CreatedBy = user.Name,
        };
        db.Rivers.Add(river);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/rivers/{river.Id}", await rivers.DetailAsync(river, await user.GetScopeAsync(ct), ct));
    }

    internal static async Task<Ok<List<RiverSummary>>> List(RiverQueries rivers, CurrentUser user, CancellationToken ct)
    {
        DataScope scope = await user.GetScopeAsync(ct);
        var list = new List<RiverSummary>();
        foreach (River r in await rivers.InScope(scope).AsNoTracking().OrderBy(r => r.Code).ToListAsync(ct))
        {
            list.Add(await rivers.SummaryAsync(r, scope, ct));
        }
        return TypedResults.Ok(list);
    }

    private static async Task<ContentHttpResult> Map(RiverQueries rivers, CurrentUser user, CancellationToken ct)
    {
        DataScope scope = await user.GetScopeAsync(ct);
        var collection = new FeatureCollection();
        foreach (River r in await rivers.InScope(scope).AsNoTracking().OrderBy(r => r.Code).ToListAsync(ct))
        {
            ProgressRow p = (await rivers.SummaryAsync(r, scope, ct)).Progress;
            collection.Add(new Feature(r.Line, new AttributesTable
            {
                { "id", r.Id }, { "code", r.Code }, { "name", r.Name }, { "level", r.Level.ToString() }, { "lengthM", r.LengthM }, { "chief", r.ChiefName },
                { "targetYear", r.TargetYear }, { "targetArea", p.TargetArea }, { "targetCount", p.TargetCount }, { "doneArea", p.DoneArea },
                { "doneCount", p.DoneCount }, { "areaRate", p.AreaRate }, { "lagging", p.Lagging },
            }));
        }
        return TypedResults.Text(GridGeoJson.Serialize(collection), "application/geo+json; charset=utf-8");
    }

    internal static async Task<Results<Ok<RiverDetail>, ProblemHttpResult>> Get(Guid id, RiverQueries rivers, CurrentUser user, CancellationToken ct)
    {
        DataScope scope = await user.GetScopeAsync(ct);
        return await rivers.InScope(scope).AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is { } river
            ? TypedResults.Ok(await rivers.DetailAsync(river, scope, ct))
            : Problems.NotFound("河道不存在");
    }

    /// <summary>Adds a reach to a river (POST …/reaches and the river page's form).</summary>
    internal static async Task<Results<Created<RiverDetail>, ValidationProblem, ProblemHttpResult>> AddReach(
        Guid id, ReachInput input, AppDbContext db, RiverQueries rivers, CurrentUser user, CancellationToken ct)
    {
        if (!TasksEndpoints.Issues(user))
        {
            return Forbidden();
        }
        var errors = new FieldErrors();
        MultiLineString? line = CentreLine(input.Geometry!.Value, errors);
        if (!await db.Units.AnyAsync(u => u.Id == input.StreetId && (u.Kind == UnitKind.Street || u.Kind == UnitKind.Town), ct))
        {
            errors.Add("streetId", "不是街道或镇");
        }
        if (errors.Any)
        {
            return Problems.Validation(errors);
        }
        River? river = await db.Rivers.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (river is null)
        {
            return Problems.NotFound("河道不存在");
        }
        string name = input.Name!.Trim();
        if (await db.RiverReaches.AnyAsync(r => r.RiverId == id && r.Name == name, ct))
        {
            return Problems.Validation("name", "该河道已有同名河段");
        }
        db.RiverReaches.Add(new RiverReach
        {
            RiverId = id, Name = name, StreetId = input.StreetId!.Value, Line = line!, LengthM = DemolitionGeometry.LengthMetres(line!),
            ChiefName = input.ChiefName?.Trim(), ChiefPhone = input.ChiefPhone?.Trim(),
        });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/rivers/{id}", await rivers.DetailAsync(river, await user.GetScopeAsync(ct), ct));
    }

    internal static async Task<Results<Ok<CensusReport>, ProblemHttpResult>> Census(Guid id, RiverQueries rivers, CurrentUser user, CancellationToken ct)
    {
        DataScope scope = await user.GetScopeAsync(ct);
        return await rivers.InScope(scope).AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is { } river
            ? TypedResults.Ok(await rivers.CensusAsync(river, scope, ct))
            : Problems.NotFound("河道不存在");
    }

    internal static async Task<Results<Ok<CensusReport>, ValidationProblem, ProblemHttpResult>> Attach(
        Guid id, CensusAttachInput input, AppDbContext db, RiverQueries rivers, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        DataScope scope = await user.GetScopeAsync(ct);
        // The body is judged before the route: unknown items are a bad request whatever the river.
        List<Guid> ids = [.. input.ItemIds!.Distinct()];
        if (await db.IllegalBuildings.InScope(scope, db).CountAsync(i => ids.Contains(i.Id), ct) != ids.Count)
        {
            return Problems.Validation("itemIds", "违法建筑不存在");
        }
        River? river = await rivers.InScope(scope).AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (river is null)
        {
            return Problems.NotFound("河道不存在");
        }
        CensusReport census = await rivers.CensusAsync(river, scope, ct);
        Dictionary<Guid, CensusItem> near = census.Items.ToDictionary(i => i.Id);
        var errors = new FieldErrors();
        for (int k = 0; k < input.ItemIds!.Length; k++)
        {
            if (!near.ContainsKey(input.ItemIds[k]))
            {
                errors.Add($"itemIds[{k}]", $"不在河道中心线 {census.Metres:0.#} 米范围内");
            }
        }
        if (errors.Any)
        {
            return Problems.Validation(errors);
        }
        DateTimeOffset now = time.GetUtcNow();
        foreach (Guid itemId in ids.Where(i => !near[i].Attached))
        {
            db.RiverItems.Add(new RiverItem { RiverId = id, ItemId = itemId, DistanceM = near[itemId].DistanceM, AttachedAt = now, AttachedBy = user.Name });
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            return Problems.Conflict("普查结果已被他人更新，请刷新后重试");
        }
        return TypedResults.Ok(await rivers.CensusAsync(river, scope, ct));
    }

    internal static async Task<Results<Ok<RiverProgress>, ProblemHttpResult>> Progress(Guid id, RiverQueries rivers, CurrentUser user, CancellationToken ct)
    {
        DataScope scope = await user.GetScopeAsync(ct);
        return await rivers.InScope(scope).AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is { } river
            ? TypedResults.Ok(await rivers.ProgressAsync(river, scope, ct))
            : Problems.NotFound("河道不存在");
    }
}
