using Chengguan.Data;
using Chengguan.Grids;
using Chengguan.Grids.Spatial;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;

namespace Chengguan.Demolition.Areas;

/// <summary>
/// The one way into 五违四必 remediation areas, for the API and the console alike: set one up, list and read them (with
/// rebound checks), draw them as a layer, register problems and move them through rectification. Each method validates
/// its input (<see cref="RequestValidation"/> and the areas' rules) and answers with an <see cref="Outcome{T}"/>; an area
/// outside the user's scope is not found.
/// </summary>
public sealed class RemediationAreas(AppDbContext db, AreaQueries areas, CurrentUser user, TimeProvider time)
{
    private const string Stale = "该整治区域已被他人更新，请刷新后重试";

    /// <summary>Sets up an area: outline (any of the three coordinate systems), streets, period.</summary>
    public async Task<Outcome<AreaDetail>> CreateAsync(AreaInput input, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(input);
        if (errors.Any)
        {
            return new Outcome<AreaDetail>.Invalid(errors);
        }
        if (!DemolitionRoles.Issues(user.Principal))
        {
            return new Outcome<AreaDetail>.Forbidden("只有局领导、科长可以设立整治区域");
        }
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
            return new Outcome<AreaDetail>.Invalid(errors);
        }
        var area = new RemediationArea
        {
            Name = input.Name!.Trim(), Outline = outline!, AreaM2 = Math.Round(GeoMeasure.AreaM2(outline!), 1), PeriodStart = input.PeriodStart!.Value,
            PeriodEnd = input.PeriodEnd!.Value, Note = input.Note?.Trim(), CreatedAt = time.GetUtcNow(), CreatedBy = user.Name,
        };
        area.Streets.AddRange(ids.Select(s => new RemediationAreaStreet { AreaId = area.Id, StreetId = s }));
        db.RemediationAreas.Add(area);
        await db.SaveChangesAsync(ct);
        return await areas.DetailAsync(area, ct);
    }

    /// <summary>The areas in the user's scope (of one status if named), by start of period.</summary>
    public async Task<List<AreaSummary>> ListAsync(AreaStatus? status, CancellationToken ct)
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
        return list;
    }

    /// <summary>The areas in the user's scope as a GeoJSON layer (WGS 84): outline, status, streets, problems.</summary>
    public async Task<string> MapAsync(AreaStatus? status, CancellationToken ct)
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
        return GridGeoJson.Serialize(collection);
    }

    public async Task<Outcome<AreaDetail>> GetAsync(Guid id, CancellationToken ct) =>
        await FindAsync(id, ct) is { } area ? await areas.DetailAsync(area, ct) : new Outcome<AreaDetail>.NotFound("整治区域不存在");

    /// <summary>The rebound check: new cases and recurring problems within the area since completion, in the consolidation period.</summary>
    public async Task<Outcome<ReboundReport>> ReboundAsync(Guid id, CancellationToken ct) =>
        await FindAsync(id, ct) is { } area ? (await areas.LoadAsync(area, ct)).Rebound : new Outcome<ReboundReport>.NotFound("整治区域不存在");

    private async Task<RemediationArea?> FindAsync(Guid id, CancellationToken ct) =>
        await areas.InScope(await user.GetScopeAsync(ct)).AsNoTracking().Include(a => a.Streets).FirstOrDefaultAsync(a => a.Id == id, ct);

    /// <summary>Registers a problem of the area, linked to ledger items and cases the user sees; found after completion, it is a rebound.</summary>
    public async Task<Outcome<AreaDetail>> AddProblemAsync(Guid id, ProblemInput input, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(input);
        if (errors.Any)
        {
            return new Outcome<AreaDetail>.Invalid(errors);
        }
        DataScope scope = await user.GetScopeAsync(ct);
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
        if (cases.Count > 0 && await db.Cases.SeenBy(scope, db).CountAsync(c => cases.Contains(c.Id), ct) != cases.Count)
        {
            errors.Add("caseIds", "案件不存在");
        }
        if (errors.Any)
        {
            return new Outcome<AreaDetail>.Invalid(errors);
        }
        RemediationArea? area = await areas.InScope(scope).Include(a => a.Streets).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (area is null)
        {
            return new Outcome<AreaDetail>.NotFound("整治区域不存在");
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
            return new Outcome<AreaDetail>.Conflict(Stale);
        }
        return await areas.DetailAsync(area, ct);
    }

    /// <summary>One rectification step of a problem (Start, Rectify, Reopen, named as the API names them); the last one rectified completes the area.</summary>
    public async Task<Outcome<AreaDetail>> ActAsync(Guid id, Guid problemId, string action, ProblemActionInput input, CancellationToken ct)
    {
        FieldErrors invalid = RequestValidation.Validate(input);
        if (invalid.Any)
        {
            return new Outcome<AreaDetail>.Invalid(invalid);
        }
        if (!Enum.TryParse(action, ignoreCase: true, out ProblemAction parsed) || int.TryParse(action, out _))
        {
            return new Outcome<AreaDetail>.Invalid(new FieldErrors().Add("action", $"没有名为 {action} 的整改操作（Start、Rectify、Reopen）"));
        }
        RemediationArea? area = await areas.InScope(await user.GetScopeAsync(ct)).Include(a => a.Streets).FirstOrDefaultAsync(a => a.Id == id, ct);
        AreaProblem? problem = area is null ? null : await db.AreaProblems.Include(p => p.Links).FirstOrDefaultAsync(p => p.Id == problemId && p.AreaId == id, ct);
        if (area is null || problem is null)
        {
            return new Outcome<AreaDetail>.NotFound("整治区域或问题不存在");
        }
        if (AreaRules.Next(problem.State, parsed) is not { } next)
        {
            return new Outcome<AreaDetail>.Conflict($"问题当前状态为“{Ui.Labels.Text("Dm_PS_" + problem.State)}”，不能执行“{Ui.Labels.Text("Dm_PA_" + parsed)}”", problem.State.ToString(), parsed.ToString());
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
            return new Outcome<AreaDetail>.Conflict(Stale);
        }
        return await areas.DetailAsync(area, ct);
    }
}
