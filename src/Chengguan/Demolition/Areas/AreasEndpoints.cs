using Chengguan.Cases;
using Chengguan.Data;
using Chengguan.Grids;
using Chengguan.Grids.Spatial;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;

namespace Chengguan.Demolition.Areas;

/// <summary>五违四必 remediation areas: outline and period, problems by kind and must, rectification, completion, consolidation, rebound.</summary>
public static class AreasEndpoints
{
    public static void MapRemediationAreas(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/areas").WithTags("FiveViolations").RequireAuthorization(Policies.Staff).AddEndpointFilter<ValidationFilter>();
        g.MapPost("/", Create).WithSummary("设立五违四必整治区域（范围、涉及街镇、整治期）");
        g.MapGet("/", List).WithSummary("整治区域列表：状态（计划、整治中、已完成、已巩固、反弹）");
        g.MapGet("/map", Map).WithSummary("整治区域图层（GeoJSON，WGS84）：范围与状态");
        g.MapGet("/{id:guid}", Get).WithSummary("整治区域详情：问题清单、整改情况、巩固与反弹核查");
        g.MapGet("/{id:guid}/rebound", Rebound).WithSummary("反弹核查：完成后巩固期内区域范围内新发案件、复发问题");
        g.MapPost("/{id:guid}/problems", AddProblem).WithSummary("登记区域问题（五违分类、四必要求，关联违法建筑和案件）");
        g.MapPost("/{id:guid}/problems/{problemId:guid}/actions/{action}", Act).WithSummary("问题整改：开始整改（Start）、整改完成（Rectify）、复发（Reopen）");
    }

    /// <summary>Sets up an area (POST /api/areas and the areas page's form).</summary>
    internal static async Task<Results<Created<AreaDetail>, ValidationProblem, ProblemHttpResult>> Create(
        AreaInput input, AppDbContext db, AreaQueries areas, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        if (!TasksEndpoints.Issues(user))
        {
            return TypedResults.Problem("只有局领导、科长可以设立整治区域", statusCode: 403, title: "无权执行该操作");
        }
        var errors = new FieldErrors();
        Crs crs = Crs.Wgs84;
        if (input.Crs is not null && !ChinaCoordinates.TryParseCrs(input.Crs, out crs))
        {
            errors.Add("crs", "坐标系须为 wgs84、gcj02 或 bd09");
        }
        Polygon? outline = LedgerIntake.Outline(input.Outline!, crs);
        if (outline is null)
        {
            errors.Add("outline", "范围须为至少 3 个 [经度, 纬度] 顶点组成的简单多边形");
        }
        if (input.PeriodEnd < input.PeriodStart)
        {
            errors.Add("periodEnd", "结束日期不能早于开始日期");
        }
        List<Guid> ids = [.. input.StreetIds!.Distinct()];
        if (await db.Units.CountAsync(u => ids.Contains(u.Id) && (u.Kind == UnitKind.Street || u.Kind == UnitKind.Town), ct) != ids.Count)
        {
            errors.Add("streetIds", "不是街道或镇");
        }
        if (await db.RemediationAreas.AnyAsync(a => a.Name == input.Name!.Trim(), ct))
        {
            errors.Add("name", "同名整治区域已存在");
        }
        if (errors.Any)
        {
            return Problems.Validation(errors);
        }
        var area = new RemediationArea
        {
            Name = input.Name!.Trim(), Outline = outline!, AreaM2 = Math.Round(GeoMeasure.AreaM2(outline!), 1), PeriodStart = input.PeriodStart!.Value,
            PeriodEnd = input.PeriodEnd!.Value, Note = input.Note?.Trim(), CreatedAt = time.GetUtcNow(), CreatedBy = user.Name,
        };
        area.Streets.AddRange(ids.Select(s => new RemediationAreaStreet { AreaId = area.Id, StreetId = s }));
        db.RemediationAreas.Add(area);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/areas/{area.Id}", await areas.DetailAsync(area, ct));
    }

    internal static async Task<Ok<List<AreaSummary>>> List(AreaStatus? status, AreaQueries areas, CurrentUser user, CancellationToken ct)
    {
        var list = new List<AreaSummary>();
        foreach (RemediationArea a in await areas.InScope(await user.GetScopeAsync(ct)).AsNoTracking().Include(a => a.Streets).OrderBy(a => a.PeriodStart).ThenBy(a => a.Name).ToListAsync(ct))
        {
            AreaSummary s = (await areas.LoadAsync(a, ct)).Summary;
            if (status is null || s.Status == status)
            {
                list.Add(s);
            }
        }
        return TypedResults.Ok(list);
    }

    private static async Task<ContentHttpResult> Map(AreaStatus? status, AreaQueries areas, CurrentUser user, CancellationToken ct)
    {
        var collection = new FeatureCollection();
        foreach (RemediationArea a in await areas.InScope(await user.GetScopeAsync(ct)).AsNoTracking().Include(a => a.Streets).OrderBy(a => a.Name).ToListAsync(ct))
        {
            AreaSummary s = (await areas.LoadAsync(a, ct)).Summary;
            if (status is null || s.Status == status)
            {
                collection.Add(new Feature(a.Outline, new AttributesTable
                {
                    { "id", a.Id }, { "name", a.Name }, { "status", s.Status.ToString() }, { "statusName", AreaLabels.Statuses[s.Status] },
                    { "streets", s.Streets.Select(x => x.Name).ToArray() }, { "problems", s.Problems }, { "rectified", s.Rectified }, { "areaM2", a.AreaM2 },
                }));
            }
        }
        return TypedResults.Text(GridGeoJson.Serialize(collection), "application/geo+json; charset=utf-8");
    }

    internal static async Task<Results<Ok<AreaDetail>, ProblemHttpResult>> Get(Guid id, AreaQueries areas, CurrentUser user, CancellationToken ct) =>
        await areas.InScope(await user.GetScopeAsync(ct)).AsNoTracking().Include(a => a.Streets).FirstOrDefaultAsync(a => a.Id == id, ct) is { } area
            ? TypedResults.Ok(await areas.DetailAsync(area, ct))
            : Problems.NotFound("整治区域不存在");

    private static async Task<Results<Ok<ReboundReport>, ProblemHttpResult>> Rebound(Guid id, AreaQueries areas, CurrentUser user, CancellationToken ct) =>
        await areas.InScope(await user.GetScopeAsync(ct)).AsNoTracking().Include(a => a.Streets).FirstOrDefaultAsync(a => a.Id == id, ct) is { } area
            ? TypedResults.Ok((await areas.LoadAsync(area, ct)).Rebound)
            : Problems.NotFound("整治区域不存在");

    internal static async Task<Results<Created<AreaDetail>, ValidationProblem, ProblemHttpResult>> AddProblem(
        Guid id, ProblemInput input, AppDbContext db, AreaQueries areas, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        DataScope scope = await user.GetScopeAsync(ct);
        var errors = new FieldErrors();
        if (!Enum.IsDefined(input.Kind!.Value))
        {
            errors.Add("kind", "类别须为 LandUse、Building、Business、Discharge 或 Residence");
        }
        if (input.Musts!.Any(m => !Enum.IsDefined(m)))
        {
            errors.Add("musts", "四必要求须为 RemoveHazard、Demolish、CleanUp 或 Ban");
        }
        // Links are judged before the area is looked up: unknown items or cases are a bad request whatever the area.
        List<Guid> items = [.. (input.ItemIds ?? []).Distinct()], cases = [.. (input.CaseIds ?? []).Distinct()];
        if (items.Count > 0 && await db.IllegalBuildings.InScope(scope, db).CountAsync(i => items.Contains(i.Id), ct) != items.Count)
        {
            errors.Add("itemIds", "违法建筑不存在");
        }
        if (cases.Count > 0 && await db.Cases.InScope(scope, db).CountAsync(c => cases.Contains(c.Id), ct) != cases.Count)
        {
            errors.Add("caseIds", "案件不存在");
        }
        if (errors.Any)
        {
            return Problems.Validation(errors);
        }
        RemediationArea? area = await areas.InScope(scope).Include(a => a.Streets).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (area is null)
        {
            return Problems.NotFound("整治区域不存在");
        }
        int seq = await db.AreaProblems.Where(p => p.AreaId == id).MaxAsync(p => (int?)p.Seq, ct) ?? 0;
        FourMust[] musts = input.Musts!;
        var problem = new AreaProblem
        {
            AreaId = id, Seq = seq + 1, Kind = input.Kind!.Value, Description = input.Description!.Trim(), State = ProblemState.Open, CreatedAt = time.GetUtcNow(),
            MustRemoveHazard = musts.Contains(FourMust.RemoveHazard), MustDemolish = musts.Contains(FourMust.Demolish),
            MustCleanUp = musts.Contains(FourMust.CleanUp), MustBan = musts.Contains(FourMust.Ban),
        };
        problem.Links.AddRange(items.Select(i => new AreaProblemLink { ProblemId = problem.Id, Kind = ProblemLinkKind.LedgerItem, SubjectId = i }));
        problem.Links.AddRange(cases.Select(c => new AreaProblemLink { ProblemId = problem.Id, Kind = ProblemLinkKind.Case, SubjectId = c }));
        db.AreaProblems.Add(problem);
        // A problem found after completion is a rebound (the status says so); its rectification restarts the consolidation period.
        area.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            return Problems.Conflict("该整治区域已被他人更新，请刷新后重试");
        }
        return TypedResults.Created($"/api/areas/{id}", await areas.DetailAsync(area, ct));
    }

    internal static async Task<Results<Ok<AreaDetail>, ValidationProblem, ProblemHttpResult>> Act(
        Guid id, Guid problemId, string action, ProblemActionInput input, AppDbContext db, AreaQueries areas, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        if (!Enum.TryParse(action, ignoreCase: true, out ProblemAction parsed) || int.TryParse(action, out _))
        {
            return Problems.Validation("action", $"没有名为 {action} 的整改操作（Start、Rectify、Reopen）");
        }
        RemediationArea? area = await areas.InScope(await user.GetScopeAsync(ct)).Include(a => a.Streets).FirstOrDefaultAsync(a => a.Id == id, ct);
        AreaProblem? problem = area is null ? null : await db.AreaProblems.Include(p => p.Links).FirstOrDefaultAsync(p => p.Id == problemId && p.AreaId == id, ct);
        if (area is null || problem is null)
        {
            return Problems.NotFound("整治区域或问题不存在");
        }
        if (AreaRules.Next(problem.State, parsed) is not { } next)
        {
            return Problems.Conflict($"问题当前状态（{problem.State}）不能执行 {parsed}",
                new Dictionary<string, object?> { ["state"] = problem.State.ToString(), ["action"] = parsed.ToString() });
        }
        DateTimeOffset now = time.GetUtcNow();
        problem.State = next;
        problem.Note = input.Note?.Trim() ?? problem.Note;
        if (next == ProblemState.Rectified)
        {
            problem.RectifiedAt = now;
        }
        else if (next == ProblemState.Reopened)
        {
            (problem.ReopenedAt, problem.ReopenCount) = (now, problem.ReopenCount + 1);
        }
        List<ProblemState> states = await db.AreaProblems.Where(p => p.AreaId == id && p.Id != problemId).Select(p => p.State).ToListAsync(ct);
        states.Add(next);
        if (next == ProblemState.Rectified && AreaRules.AllRectified(states))
        {
            area.CompletedAt = now;
        }
        area.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            return Problems.Conflict("该整治区域已被他人更新，请刷新后重试");
        }
        return TypedResults.Ok(await areas.DetailAsync(area, ct));
    }
}
