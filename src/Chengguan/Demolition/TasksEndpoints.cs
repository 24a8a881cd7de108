using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Demolition;

[RequestModel]
public sealed record TargetInput(
    [property: Required(ErrorMessage = "街镇不能为空")] Guid? StreetId,
    [property: Range(0, 10_000_000, ErrorMessage = "目标面积须为 0–10000000 平方米")] double TargetArea = 0,
    [property: Range(0, 100_000, ErrorMessage = "目标处数须为 0–100000")] int TargetCount = 0,
    [property: Range(2000, 2100, ErrorMessage = "年度须为 2000–2100")] int? Year = null);

[RequestModel]
public sealed record TaskInput(
    [property: Required(ErrorMessage = "批次名称不能为空"), MaxLength(100, ErrorMessage = "批次名称不能超过 100 个字符")] string? Name,
    [property: Required(ErrorMessage = "下达单位不能为空")] TaskIssuer? Issuer,
    [property: Required(ErrorMessage = "下达日期不能为空")] DateOnly? IssuedOn,
    [property: Required(ErrorMessage = "完成期限不能为空")] DateOnly? Deadline,
    [property: Required(ErrorMessage = "各街镇目标不能为空"), MaxLength(100, ErrorMessage = "目标最多 100 行")] TargetInput[]? Targets,
    [property: MaxLength(1000, ErrorMessage = "备注不能超过 1000 个字符")] string? Note = null);

[RequestModel]
public sealed record PlanInput(
    [property: Required(ErrorMessage = "计划名称不能为空"), MaxLength(100, ErrorMessage = "计划名称不能超过 100 个字符")] string? Name,
    [property: Required(ErrorMessage = "起始年度不能为空"), Range(2000, 2100, ErrorMessage = "年度须为 2000–2100")] int? FirstYear,
    [property: Required(ErrorMessage = "目标不能为空"), MaxLength(500, ErrorMessage = "目标最多 500 行")] TargetInput[]? Targets);

[RequestModel]
public sealed record AttachInput([property: Required(ErrorMessage = "违法建筑不能为空"), MinLength(1, ErrorMessage = "违法建筑不能为空"), MaxLength(500, ErrorMessage = "一次最多 500 处")] Guid[]? ItemIds);

[RequestModel]
public sealed record CreationInput(
    [property: Required(ErrorMessage = "创建单位不能为空")] Guid? UnitId,
    [property: Required(ErrorMessage = "年度不能为空"), Range(2000, 2100, ErrorMessage = "年度须为 2000–2100")] int? Year);

public sealed record TaskDto(Guid Id, string Name, TaskIssuer Issuer, DateOnly IssuedOn, DateOnly Deadline, string? Note, double TargetArea, int TargetCount, int Items);
public sealed record PlanDto(Guid Id, string Name, int FirstYear, int LastYear, IReadOnlyList<PlanTarget> Targets);
public sealed record CreationCriterion(string Code, string Name, bool Met, int Count);
public sealed record CreationDto(Guid Id, Guid UnitId, string UnitName, CreationLevel Level, int Year, CreationState State, IReadOnlyList<CreationCriterion> Criteria, DateTimeOffset? AssessedAt);

/// <summary>Task batches, the three-year plan, "no illegal building" creation, and progress against each.</summary>
public static class TasksEndpoints
{
    public static void MapDemolitionTasks(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/demolition").WithTags("Demolition").RequireAuthorization(Policies.Staff).AddEndpointFilter<ValidationFilter>();
        g.MapPost("/tasks", CreateTask).WithSummary("下达拆违任务批次（市级或区级；各街镇目标面积、处数和完成期限）");
        g.MapGet("/tasks", ListTasks).WithSummary("任务批次列表");
        g.MapPost("/tasks/{id:guid}/items", Attach).WithSummary("将违法建筑纳入任务批次");
        g.MapGet("/tasks/{id:guid}/progress", TaskProgress).WithSummary("任务批次进度：各街镇完成面积、处数、完成率、差距、按当前进度预计");
        g.MapPost("/plans", CreatePlan).WithSummary("三年工作计划：各年度各街镇目标");
        g.MapGet("/plans", ListPlans).WithSummary("三年工作计划列表");
        g.MapGet("/plans/{id:guid}/progress", PlanProgress).WithSummary("计划年度进度（按复核日期计入年度）");
        g.MapPost("/creations", Declare).WithSummary("申报无违建居村（街镇）创建");
        g.MapGet("/creations", ListCreations).WithSummary("无违建居村（街镇）创建申报列表（本人范围内；可按年度筛选；标准按台账实时计算）");
        g.MapGet("/creations/{id:guid}", Assessment).WithSummary("创建标准核对（按台账实时计算）");
        g.MapPost("/creations/{id:guid}/assess", Assess).WithSummary("创建验收：按标准判定达标或未达标");
    }

    internal static bool Issues(CurrentUser u) => u.Principal.IsInRole(Roles.SectionChief) || u.Principal.IsInRole(Roles.BureauLeader) || u.Principal.IsInRole(Roles.Admin);

    private static ProblemHttpResult Forbidden() => TypedResults.Problem("只有局领导、科长可以下达任务、计划和验收创建", statusCode: 403, title: "无权执行该操作");

    private static async Task<FieldErrors> CheckTargetsAsync(AppDbContext db, TargetInput[] targets, bool yearly, int? firstYear, CancellationToken ct)
    {
        var errors = new FieldErrors();
        List<Guid> ids = [.. targets.Select(t => t.StreetId!.Value).Distinct()];
        HashSet<Guid> streets = [.. await db.Units.Where(u => ids.Contains(u.Id) && (u.Kind == UnitKind.Street || u.Kind == UnitKind.Town)).Select(u => u.Id).ToListAsync(ct)];
        var seen = new HashSet<(Guid, int?)>();
        for (int i = 0; i < targets.Length; i++)
        {
            TargetInput t = targets[i];
            if (!streets.Contains(t.StreetId!.Value))
            {
                errors.Add($"targets[{i}].streetId", "不是街道或镇");
            }
            if (yearly && (t.Year is not { } y || y < firstYear || y > firstYear + 2))
            {
                errors.Add($"targets[{i}].year", $"年度须在 {firstYear}–{firstYear + 2} 之间");
            }
            if (!seen.Add((t.StreetId!.Value, yearly ? t.Year : null)))
            {
                errors.Add($"targets[{i}].streetId", "同一街镇（年度）重复");
            }
        }
        return errors;
    }

    internal static async Task<Results<Created<TaskDto>, ValidationProblem, ProblemHttpResult>> CreateTask(
        TaskInput input, AppDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        if (!Issues(user))
        {
            return Forbidden();
        }
        FieldErrors errors = await CheckTargetsAsync(db, input.Targets!, yearly: false, null, ct);
        if (input.Deadline < input.IssuedOn)
        {
            errors.Add("deadline", "完成期限不能早于下达日期");
        }
        if (await db.DemolitionTasks.AnyAsync(t => t.Name == input.Name!.Trim(), ct))
        {
            errors.Add("name", "同名任务批次已存在");
        }
        if (errors.Any)
        {
            return Problems.Validation(errors);
        }
        var task = new DemolitionTask
        {
            Name = input.Name!.Trim(), Issuer = input.Issuer!.Value, IssuedOn = input.IssuedOn!.Value, Deadline = input.Deadline!.Value,
            Note = input.Note, CreatedAt = time.GetUtcNow(), CreatedBy = user.Name,
        };
        task.Targets.AddRange(input.Targets!.Select(t => new TaskTarget { TaskId = task.Id, StreetId = t.StreetId!.Value, TargetArea = t.TargetArea, TargetCount = t.TargetCount }));
        db.DemolitionTasks.Add(task);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/demolition/tasks/{task.Id}", new TaskDto(task.Id, task.Name, task.Issuer, task.IssuedOn, task.Deadline, task.Note,
            task.Targets.Sum(t => t.TargetArea), task.Targets.Sum(t => t.TargetCount), 0));
    }

    internal static async Task<Ok<List<TaskDto>>> ListTasks(AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.DemolitionTasks.AsNoTracking().OrderByDescending(t => t.IssuedOn).ThenBy(t => t.Name)
            .Select(t => new TaskDto(t.Id, t.Name, t.Issuer, t.IssuedOn, t.Deadline, t.Note, t.Targets.Sum(x => x.TargetArea), t.Targets.Sum(x => x.TargetCount),
                db.IllegalBuildings.Count(i => i.TaskId == t.Id)))
            .ToListAsync(ct));

    /// <summary>Puts registered items into a batch (POST /tasks/{id}/items and the progress page's attach form).</summary>
    internal static async Task<Results<Ok<TaskDto>, ValidationProblem, ProblemHttpResult>> Attach(
        Guid id, AttachInput input, AppDbContext db, CurrentUser user, CancellationToken ct)
    {
        if (!Issues(user))
        {
            return Forbidden();
        }
        // The body is judged before the route: unknown items are a bad request whatever the batch.
        List<Guid> ids = [.. input.ItemIds!.Distinct()];
        List<IllegalBuilding> items = await db.IllegalBuildings.Where(i => ids.Contains(i.Id)).ToListAsync(ct);
        if (items.Count != ids.Count)
        {
            return Problems.Validation("itemIds", "违法建筑不存在");
        }
        if (await db.DemolitionTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) is not { } task)
        {
            return Problems.NotFound("任务批次不存在");
        }
        items.ForEach(i => i.TaskId = id);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new TaskDto(task.Id, task.Name, task.Issuer, task.IssuedOn, task.Deadline, task.Note,
            await db.DemolitionTaskTargets.Where(t => t.TaskId == id).SumAsync(t => t.TargetArea, ct), await db.DemolitionTaskTargets.Where(t => t.TaskId == id).SumAsync(t => t.TargetCount, ct),
            await db.IllegalBuildings.CountAsync(i => i.TaskId == id, ct)));
    }

    internal static async Task<Results<Ok<ProgressReport>, ProblemHttpResult>> TaskProgress(Guid id, ProgressQueries progress, CurrentUser user, TimeProvider time, CancellationToken ct) =>
        await progress.ForTaskAsync(id, time.GetUtcNow(), await user.GetScopeAsync(ct), ct) is { } report ? TypedResults.Ok(report) : Problems.NotFound("任务批次不存在");

    /// <summary>Issues a three-year plan (POST /plans and the progress page's plan form).</summary>
    internal static async Task<Results<Created<PlanDto>, ValidationProblem, ProblemHttpResult>> CreatePlan(
        PlanInput input, AppDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        if (!Issues(user))
        {
            return Forbidden();
        }
        FieldErrors errors = await CheckTargetsAsync(db, input.Targets!, yearly: true, input.FirstYear, ct);
        if (await db.DemolitionPlans.AnyAsync(p => p.Name == input.Name!.Trim(), ct))
        {
            errors.Add("name", "同名计划已存在");
        }
        if (errors.Any)
        {
            return Problems.Validation(errors);
        }
        var plan = new DemolitionPlan { Name = input.Name!.Trim(), FirstYear = input.FirstYear!.Value, LastYear = input.FirstYear!.Value + 2, CreatedAt = time.GetUtcNow() };
        plan.Targets.AddRange(input.Targets!.Select(t => new PlanTarget { PlanId = plan.Id, Year = t.Year!.Value, StreetId = t.StreetId!.Value, TargetArea = t.TargetArea, TargetCount = t.TargetCount }));
        db.DemolitionPlans.Add(plan);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/demolition/plans/{plan.Id}", new PlanDto(plan.Id, plan.Name, plan.FirstYear, plan.LastYear, plan.Targets));
    }

    internal static async Task<Ok<List<PlanDto>>> ListPlans(AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.DemolitionPlans.AsNoTracking().Include(p => p.Targets).OrderByDescending(p => p.FirstYear).ToListAsync(ct))
            .Select(p => new PlanDto(p.Id, p.Name, p.FirstYear, p.LastYear, [.. p.Targets.OrderBy(t => t.Year)])).ToList());

    internal static async Task<Results<Ok<ProgressReport>, ValidationProblem, ProblemHttpResult>> PlanProgress(
        Guid id, int? year, ProgressQueries progress, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        DateTimeOffset now = time.GetUtcNow();
        int y = year ?? ShanghaiTime.DateOf(now).Year;
        if (y is < 2000 or > 2100)
        {
            return Problems.Validation("year", "年度须为 2000–2100");
        }
        return await progress.ForPlanYearAsync(id, y, now, await user.GetScopeAsync(ct), ct) is { } report ? TypedResults.Ok(report) : Problems.NotFound("计划或该年度不存在");
    }

    /// <summary>Declares a creation (POST /creations and the creations page).</summary>
    internal static async Task<Results<Created<CreationDto>, ValidationProblem, ProblemHttpResult>> Declare(
        CreationInput input, AppDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        Unit? unit = await db.Units.AsNoTracking().InScope(await user.GetScopeAsync(ct)).FirstOrDefaultAsync(u => u.Id == input.UnitId, ct);
        if (unit is not { Kind: UnitKind.Street or UnitKind.Town or UnitKind.Committee })
        {
            return Problems.Validation("unitId", "创建单位须为本人管辖范围内的居委会或街镇");
        }
        if (await db.NoIllegalBuildingCreations.AnyAsync(c => c.UnitId == unit.Id && c.Year == input.Year, ct))
        {
            return Problems.Validation("year", "该单位本年度已申报");
        }
        var creation = new NoIllegalBuildingCreation
        {
            UnitId = unit.Id, Level = unit.Kind == UnitKind.Committee ? CreationLevel.Community : CreationLevel.Street, Year = input.Year!.Value,
            State = CreationState.Declared, DeclaredAt = time.GetUtcNow(),
        };
        db.NoIllegalBuildingCreations.Add(creation);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/demolition/creations/{creation.Id}", await CreationAsync(db, creation, unit.Name, ct));
    }

    /// <summary>The criteria of a declared creation, counted now (GET /creations/{id} and the creations page).</summary>
    internal static async Task<Results<Ok<CreationDto>, ProblemHttpResult>> Assessment(Guid id, AppDbContext db, CurrentUser user, CancellationToken ct) =>
        await FindCreationAsync(db, user, id, ct) is { } found ? TypedResults.Ok(await CreationAsync(db, found.Creation, found.Name, ct)) : Problems.NotFound("创建申报不存在");

    /// <summary>Records the assessment (POST /creations/{id}/assess and the creations page).</summary>
    internal static async Task<Results<Ok<CreationDto>, ProblemHttpResult>> Assess(Guid id, AppDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        if (!Issues(user))
        {
            return Forbidden();
        }
        if (await FindCreationAsync(db, user, id, ct) is not { } found)
        {
            return Problems.NotFound("创建申报不存在");
        }
        NoIllegalBuildingCreation c = await db.NoIllegalBuildingCreations.FirstAsync(x => x.Id == id, ct);
        IReadOnlyList<CreationCriterion> criteria = await CriteriaAsync(db, c, ct);
        c.State = criteria.All(x => x.Met) ? CreationState.Passed : CreationState.Failed;
        (c.AssessedAt, c.AssessedBy, c.CriteriaJson) = (time.GetUtcNow(), user.Name, JsonSerializer.Serialize(criteria, DemolitionProcedure.Json));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await CreationAsync(db, c, found.Name, ct));
    }

    internal static async Task<Results<Ok<List<CreationDto>>, ValidationProblem>> ListCreations(int? year, AppDbContext db, CurrentUser user, CancellationToken ct) =>
        year is < 2000 or > 2100 ? Problems.Validation("year", "年度须为 2000–2100") : TypedResults.Ok(await ListCreationsAsync(db, user, year, ct));

    /// <summary>
    /// Declarations of the units in the user's scope, newest year first, each with its criteria counted
    /// now (GET /creations and the console's creations page).
    /// </summary>
    internal static async Task<List<CreationDto>> ListCreationsAsync(AppDbContext db, CurrentUser user, int? year, CancellationToken ct)
    {
        var rows = await db.NoIllegalBuildingCreations.AsNoTracking().Where(c => year == null || c.Year == year)
            .Join(db.Units.InScope(await user.GetScopeAsync(ct)), c => c.UnitId, u => u.Id, (c, u) => new { c, u.Name })
            .OrderByDescending(x => x.c.Year).ThenBy(x => x.Name).Take(500).ToListAsync(ct);
        var list = new List<CreationDto>(rows.Count);
        foreach (var r in rows)
        {
            list.Add(await CreationAsync(db, r.c, r.Name, ct));
        }
        return list;
    }

    private static async Task<(NoIllegalBuildingCreation Creation, string Name)?> FindCreationAsync(AppDbContext db, CurrentUser user, Guid id, CancellationToken ct)
    {
        var scope = await user.GetScopeAsync(ct);
        var row = await db.NoIllegalBuildingCreations.AsNoTracking().Where(c => c.Id == id)
            .Join(db.Units.InScope(scope), c => c.UnitId, u => u.Id, (c, u) => new { c, u.Name }).FirstOrDefaultAsync(ct);
        return row is null ? null : (row.c, row.Name);
    }

    internal static async Task<CreationDto> CreationAsync(AppDbContext db, NoIllegalBuildingCreation c, string name, CancellationToken ct) =>
        new(c.Id, c.UnitId, name, c.Level, c.Year, c.State, await CriteriaAsync(db, c, ct), c.AssessedAt);

    /// <summary>
    /// The creation criteria, counted from the ledger: existing stock cleared (存量清零), every new
    /// structure of the year demolished and re-checked (新增零增长), nothing demolished left unchecked.
    /// </summary>
    internal static async Task<IReadOnlyList<CreationCriterion>> CriteriaAsync(AppDbContext db, NoIllegalBuildingCreation c, CancellationToken ct)
    {
        IQueryable<IllegalBuilding> inUnit = c.Level == CreationLevel.Community ? db.IllegalBuildings.Where(i => i.CommunityId == c.UnitId) : db.IllegalBuildings.Where(i => i.StreetId == c.UnitId);
        DateTimeOffset start = ShanghaiTime.StartOf(new DateOnly(c.Year, 1, 1)), end = ShanghaiTime.StartOf(new DateOnly(c.Year + 1, 1, 1));
        int stock = await inUnit.CountAsync(i => i.Vintage == BuildingVintage.Existing && DemolitionWorkflow.Pending.Contains(i.State), ct);
        int fresh = await inUnit.CountAsync(i => i.Vintage == BuildingVintage.New && i.IdentifiedAt >= start && i.IdentifiedAt < end && !DemolitionWorkflow.Counted.Contains(i.State) && i.State != DemolitionState.Withdrawn, ct);
        int unchecked_ = await inUnit.CountAsync(i => i.State == DemolitionState.Demolished, ct);
        return
        [
            new("stock-cleared", "存量违法建筑全部拆除", stock == 0, stock),
            new("no-new", "年度新增违法建筑全部拆除并复核", fresh == 0, fresh),
            new("all-rechecked", "已拆除的违法建筑全部复核销项", unchecked_ == 0, unchecked_),
        ];
    }
}
