using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Demolition;

/// <summary>
/// The one way into task batches (批次) and three-year plans, for the API and the console alike: issue them, list them,
/// put ledger items into a batch, and read progress against each. Writes validate the request with
/// <see cref="RequestValidation"/> (rows of targets included), then who may issue (<see cref="DemolitionRoles.Issues"/>),
/// then the targets' rules; every answer is an <see cref="Outcome{T}"/>.
/// </summary>
public sealed class TaskBatches(AppDbContext db, ProgressQueries progress, CurrentUser user, TimeProvider time)
{
    public const int AttachChoices = 200;

    internal const string IssuersOnly = "只有局领导、科长可以下达任务、计划和验收创建";

    public async Task<List<TaskDto>> ListAsync(CancellationToken ct) =>
        await db.DemolitionTasks.AsNoTracking().OrderByDescending(t => t.IssuedOn).ThenBy(t => t.Name)
            .Select(t => new TaskDto(t.Id, t.Name, t.Issuer, t.IssuedOn, t.Deadline, t.Note, t.Targets.Sum(x => x.TargetArea), t.Targets.Sum(x => x.TargetCount),
                db.IllegalBuildings.Count(i => i.TaskId == t.Id)))
            .ToListAsync(ct);

    /// <summary>Issues a batch with its targets per street.</summary>
    public async Task<Outcome<TaskDto>> CreateAsync(TaskInput input, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(input);
        if (errors.Any)
        {
            return new Outcome<TaskDto>.Invalid(errors);
        }
        if (!DemolitionRoles.Issues(user.Principal))
        {
            return new Outcome<TaskDto>.Forbidden(IssuersOnly);
        }
        errors = await CheckTargetsAsync(input.Targets!, yearly: false, null, ct);
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
            return new Outcome<TaskDto>.Invalid(errors);
        }
        var task = new DemolitionTask
        {
            Name = input.Name!.Trim(), Issuer = input.Issuer!.Value, IssuedOn = input.IssuedOn!.Value, Deadline = input.Deadline!.Value,
            Note = input.Note, CreatedAt = time.GetUtcNow(), CreatedBy = user.Name,
        };
        task.Targets.AddRange(input.Targets!.Select(t => new TaskTarget { TaskId = task.Id, StreetId = t.StreetId!.Value, TargetArea = t.TargetArea, TargetCount = t.TargetCount }));
        db.DemolitionTasks.Add(task);
        await db.SaveChangesAsync(ct);
        return new TaskDto(task.Id, task.Name, task.Issuer, task.IssuedOn, task.Deadline, task.Note, task.Targets.Sum(t => t.TargetArea), task.Targets.Sum(t => t.TargetCount), 0);
    }

    /// <summary>Puts registered items into a batch. The body is judged before the batch: unknown items are a bad request whatever the batch.</summary>
    public async Task<Outcome<TaskDto>> AttachAsync(Guid id, AttachInput input, CancellationToken ct)
    {
        FieldErrors invalid = RequestValidation.Validate(input);
        if (invalid.Any)
        {
            return new Outcome<TaskDto>.Invalid(invalid);
        }
        if (!DemolitionRoles.Issues(user.Principal))
        {
            return new Outcome<TaskDto>.Forbidden(IssuersOnly);
        }
        List<Guid> ids = [.. input.ItemIds!.Distinct()];
        List<IllegalBuilding> items = await db.IllegalBuildings.Where(i => ids.Contains(i.Id)).ToListAsync(ct);
        if (items.Count != ids.Count)
        {
            return new Outcome<TaskDto>.Invalid(new FieldErrors().Add("itemIds", "违法建筑不存在"));
        }
        if (await db.DemolitionTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) is not { } task)
        {
            return new Outcome<TaskDto>.NotFound("任务批次不存在");
        }
        items.ForEach(i => i.TaskId = id);
        await db.SaveChangesAsync(ct);
        return new TaskDto(task.Id, task.Name, task.Issuer, task.IssuedOn, task.Deadline, task.Note,
            await db.DemolitionTaskTargets.Where(t => t.TaskId == id).SumAsync(t => t.TargetArea, ct), await db.DemolitionTaskTargets.Where(t => t.TaskId == id).SumAsync(t => t.TargetCount, ct),
            await db.IllegalBuildings.CountAsync(i => i.TaskId == id, ct));
    }

    /// <summary>
    /// Items the batch may take: in the user's scope, on a street the batch has a target for, in no batch yet, and not
    /// withdrawn (a withdrawn item never counts towards a target). Newest first, at most <see cref="AttachChoices"/>.
    /// </summary>
    public async Task<List<LedgerItemSummary>> AttachableAsync(Guid taskId, CancellationToken ct)
    {
        List<Guid?> streets = await db.DemolitionTaskTargets.AsNoTracking().Where(t => t.TaskId == taskId).Select(t => (Guid?)t.StreetId).ToListAsync(ct);
        var rows = await db.IllegalBuildings.AsNoTracking().InScope(await user.GetScopeAsync(ct), db)
            .Where(i => i.TaskId == null && i.State != DemolitionState.Withdrawn && streets.Contains(i.StreetId))
            .OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id).Take(AttachChoices)
            .Select(i => new { Item = i, Street = db.Units.Where(u => u.Id == i.StreetId).Select(u => u.Name).FirstOrDefault() })
            .ToListAsync(ct);
        return [.. rows.Select(r => LedgerMapping.Summary(r.Item, r.Street))];
    }

    /// <summary>A batch's progress per street in the user's scope, as of now.</summary>
    public async Task<Outcome<ProgressReport>> ProgressAsync(Guid id, CancellationToken ct) =>
        await progress.ForTaskAsync(id, time.GetUtcNow(), await user.GetScopeAsync(ct), ct) is { } report ? report : new Outcome<ProgressReport>.NotFound("任务批次不存在");

    public async Task<List<PlanDto>> ListPlansAsync(CancellationToken ct) =>
        [.. (await db.DemolitionPlans.AsNoTracking().Include(p => p.Targets).OrderByDescending(p => p.FirstYear).ToListAsync(ct))
            .Select(p => new PlanDto(p.Id, p.Name, p.FirstYear, p.LastYear, [.. p.Targets.OrderBy(t => t.Year)]))];

    /// <summary>Issues a three-year plan with yearly targets per street.</summary>
    public async Task<Outcome<PlanDto>> CreatePlanAsync(PlanInput input, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(input);
        if (errors.Any)
        {
            return new Outcome<PlanDto>.Invalid(errors);
        }
        if (!DemolitionRoles.Issues(user.Principal))
        {
            return new Outcome<PlanDto>.Forbidden(IssuersOnly);
        }
        errors = await CheckTargetsAsync(input.Targets!, yearly: true, input.FirstYear, ct);
        if (await db.DemolitionPlans.AnyAsync(p => p.Name == input.Name!.Trim(), ct))
        {
            errors.Add("name", "同名计划已存在");
        }
        if (errors.Any)
        {
            return new Outcome<PlanDto>.Invalid(errors);
        }
        var plan = new DemolitionPlan { Name = input.Name!.Trim(), FirstYear = input.FirstYear!.Value, LastYear = input.FirstYear!.Value + 2, CreatedAt = time.GetUtcNow() };
        plan.Targets.AddRange(input.Targets!.Select(t => new PlanTarget { PlanId = plan.Id, Year = t.Year!.Value, StreetId = t.StreetId!.Value, TargetArea = t.TargetArea, TargetCount = t.TargetCount }));
        db.DemolitionPlans.Add(plan);
        await db.SaveChangesAsync(ct);
        return new PlanDto(plan.Id, plan.Name, plan.FirstYear, plan.LastYear, plan.Targets);
    }

    /// <summary>A plan year's progress per street in the user's scope (this year unless named), as of now.</summary>
    public async Task<Outcome<ProgressReport>> PlanProgressAsync(Guid id, int? year, CancellationToken ct)
    {
        DateTimeOffset now = time.GetUtcNow();
        int y = year ?? ShanghaiTime.DateOf(now).Year;
        if (y is < 2000 or > 2100)
        {
            return new Outcome<ProgressReport>.Invalid(new FieldErrors().Add("year", "年度须为 2000–2100"));
        }
        return await progress.ForPlanYearAsync(id, y, now, await user.GetScopeAsync(ct), ct) is { } report ? report : new Outcome<ProgressReport>.NotFound("计划或该年度不存在");
    }

    /// <summary>Each target row's street must be a street or town, once per street (and year); a plan's years lie within its three.</summary>
    private async Task<FieldErrors> CheckTargetsAsync(TargetInput[] targets, bool yearly, int? firstYear, CancellationToken ct)
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
}
