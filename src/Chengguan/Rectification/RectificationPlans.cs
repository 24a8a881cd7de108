using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Rectification;

/// <summary>
/// The plans' front door, for the API and the console alike: set a plan up per period, draft its
/// items from a survey's priority cells, read the board (the caller's items, with their lights),
/// progress per owner unit and the exports.
/// </summary>
public sealed class RectificationPlans(AppDbContext db, CurrentUser user, Units units, RectificationProcedure procedure, RectificationQueries queries, TimeProvider time,
    Surveys.SurveyAnalysis surveys)
{
    /// <summary>The deadline a drafted item gets unless the draft says otherwise.</summary>
    public const int DefaultDays = 60;

    private const string SettersOnly = "只有局领导、科室负责人或管理员可以制定整改方案";

    private bool IsSetter => RectificationWorkflow.PlanSetters.Any(user.Principal.IsInRole);

    public async Task<Outcome<PlanSummary>> CreateAsync(PlanRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (errors.Any)
        {
            return new Outcome<PlanSummary>.Invalid(errors);
        }
        if (!IsSetter)
        {
            return new Outcome<PlanSummary>.Forbidden(SettersOnly);
        }
        string period = req.Period!.Trim();
        if (await db.RectificationPlans.AnyAsync(p => p.Period == period, ct))
        {
            return new Outcome<PlanSummary>.Conflict($"{period} 期已有整改工作方案");
        }
        var plan = new RectificationPlan { Period = period, Title = req.Title!.Trim(), CreatedAt = time.GetUtcNow(), CreatedBy = user.Name };
        db.RectificationPlans.Add(plan);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            // Two set-ups of one period at once: the unique index keeps one.
            return new Outcome<PlanSummary>.Conflict($"{period} 期已有整改工作方案");
        }
        return new PlanSummary(plan.Id, plan.Period, plan.Title, plan.CreatedAt, plan.CreatedBy, 0, 0);
    }

    public Task<List<PlanSummary>> ListAsync(CancellationToken ct) => queries.PlansAsync(ct);

    /// <summary>The board: the plan's items the caller may see (an owner unit sees its own), optionally one owner unit's.</summary>
    public async Task<Outcome<PlanBoard>> GetAsync(Guid id, Guid? unit, CancellationToken ct)
    {
        if (await queries.PlanAsync(id, ct) is not { } plan)
        {
            return new Outcome<PlanBoard>.NotFound("整改工作方案不存在");
        }
        return new PlanBoard(plan, await queries.RowsAsync(id, unit, ct));
    }

    /// <summary>
    /// One draft item per cell: the problem named from the street and the indicator, the street's
    /// street team as owner, a deadline <see cref="DefaultDays"/> days out on the clock engine; the
    /// owner writes the measure. Every cell is checked before anything is written.
    /// </summary>
    /// <summary>
    /// Drafts the plan from a survey's own analysis: its priority cells (indicator × street, ranked by
    /// importance × the street's gap to the district), asked of the Surveys door with the caller's rights.
    /// </summary>
    public async Task<Outcome<PlanBoard>> DraftFromSurveyAsync(Guid id, Guid surveyId, int? days, CancellationToken ct)
    {
        Outcome<Surveys.SurveyAnalysisDto> analysis = await surveys.AnalyseAsync(surveyId, null, ct);
        if (analysis is not Outcome<Surveys.SurveyAnalysisDto>.Done { Value: var a })
        {
            return Outcomes.Refusal<Surveys.SurveyAnalysisDto, PlanBoard>(analysis);
        }
        if (a.Priority.Count == 0)
        {
            return new Outcome<PlanBoard>.Conflict("该测评没有需要重点改进的指标单元（没有低于全区平均且影响总体满意度的街镇指标）");
        }
        CellInput[] cells = [.. a.Priority.Select(c => new CellInput(surveyId, c.Indicator, c.IndicatorName, c.StreetId, c.Score, c.DistrictMean))];
        return await DraftAsync(id, new DraftRequest(cells, days), ct);
    }

    public async Task<Outcome<PlanBoard>> DraftAsync(Guid id, DraftRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (errors.Any)
        {
            return new Outcome<PlanBoard>.Invalid(errors);
        }
        if (!IsSetter)
        {
            return new Outcome<PlanBoard>.Forbidden(SettersOnly);
        }
        if (!await db.RectificationPlans.AnyAsync(p => p.Id == id, ct))
        {
            return new Outcome<PlanBoard>.NotFound("整改工作方案不存在");
        }
        var owners = new Dictionary<Guid, (string Street, Guid Team)>();
        for (int i = 0; i < req.Cells!.Length; i++)
        {
            Guid street = req.Cells[i].StreetId!.Value;
            if (owners.ContainsKey(street))
            {
                continue;
            }
            if (await units.GetAsync(street, ct) is not Outcome<UnitDto>.Done { Value: { Kind: UnitKind.Street or UnitKind.Town } s })
            {
                errors.Add($"cells[{i}].streetId", "街镇不存在");
                continue;
            }
            if ((await units.ListAsync(UnitKind.StreetTeam, street, includeInactive: false, ct)).FirstOrDefault() is not { } team)
            {
                errors.Add($"cells[{i}].streetId", $"{s.Name}没有在用的街镇城管中队，无法确定责任单位");
                continue;
            }
            owners[street] = (s.Name, team.Id);
        }
        if (errors.Any)
        {
            return new Outcome<PlanBoard>.Invalid(errors);
        }
        DateTimeOffset now = time.GetUtcNow();
        int days = req.Days ?? DefaultDays;
        // Policies are reference data committed on their own, before the items.
        await procedure.EnsurePolicyAsync(days, now, ct);
        int number = await db.RectificationItems.Where(i => i.PlanId == id).MaxAsync(i => (int?)i.Number, ct) ?? 0;
        foreach (CellInput c in req.Cells)
        {
            (string street, Guid team) = owners[c.StreetId!.Value];
            var item = new RectificationItem
            {
                PlanId = id, Number = ++number, Problem = ProblemText(street, c), OwnerUnitId = team, StreetId = c.StreetId,
                Deadline = ShanghaiTime.DateOf(now).AddDays(days), StartedAt = now, CreatedAt = now, UpdatedAt = now,
            };
            db.RectificationItems.Add(item);
            db.RectificationCells.Add(new RectificationCell
            {
                ItemId = item.Id, SurveyId = c.SurveyId, IndicatorCode = c.IndicatorCode!.Trim(), IndicatorName = c.IndicatorName!.Trim(),
                StreetId = c.StreetId!.Value, Score = c.Score, DistrictMean = c.DistrictMean,
            });
            await procedure.StartDeadlineAsync(item, user.Name, ct);
            procedure.Append(item, "Draft", "由满意度测评生成整改事项", null, RectificationState.Drafted, now, user.UserId, user.Name, item.Problem, null);
        }
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, null, ct);
    }

    /// <summary>
    /// Items raised by another capability's findings (supervision's spot checks and on-site inspections):
    /// each names its street, the problem and its source (shown on the item's first timeline line), the
    /// owner is the street's active street team, the deadline <paramref name="days"/> days out on the
    /// clock engine. They go into the current half-year's plan, set up under its period when missing.
    /// Every finding is checked before anything is written; the caller's pending rows are saved with the items.
    /// </summary>
    public async Task<Outcome<List<ItemRow>>> RaiseAsync(IReadOnlyList<RaisedFinding> findings, int days, CancellationToken ct)
    {
        if (!RectificationWorkflow.Raisers.Any(user.Principal.IsInRole))
        {
            return new Outcome<List<ItemRow>>.Forbidden("只有督查人员、科室负责人、局领导或管理员可以由督查发现生成整改事项");
        }
        var errors = new FieldErrors();
        if (days is < 1 or > 365)
        {
            errors.Add("days", "整改期限须为 1–365 天");
        }
        var owners = new Dictionary<Guid, Guid>();
        for (int i = 0; i < findings.Count; i++)
        {
            Guid street = findings[i].StreetId;
            if (string.IsNullOrWhiteSpace(findings[i].Problem) || findings[i].Problem.Length > 1000)
            {
                errors.Add($"findings[{i}].text", "问题描述须为 1–1000 个字符");
            }
            if (owners.ContainsKey(street))
            {
                continue;
            }
            if ((await units.ListAsync(UnitKind.StreetTeam, street, includeInactive: false, ct)).FirstOrDefault() is not { } team)
            {
                errors.Add($"findings[{i}].streetId", "该街镇没有在用的街镇城管中队，无法确定责任单位");
                continue;
            }
            owners[street] = team.Id;
        }
        if (errors.Any)
        {
            return new Outcome<List<ItemRow>>.Invalid(errors);
        }
        DateTimeOffset now = time.GetUtcNow();
        DateOnly today = ShanghaiTime.DateOf(now);
        string period = $"{today.Year}H{(today.Month <= 6 ? 1 : 2)}";
        await procedure.EnsurePolicyAsync(days, now, ct);
        RectificationPlan? plan = await db.RectificationPlans.FirstOrDefaultAsync(p => p.Period == period, ct);
        if (plan is null)
        {
            plan = new RectificationPlan { Period = period, Title = $"{period} 整改工作方案", CreatedAt = now, CreatedBy = user.Name };
            db.RectificationPlans.Add(plan);
        }
        int number = await db.RectificationItems.Where(i => i.PlanId == plan.Id).MaxAsync(i => (int?)i.Number, ct) ?? 0;
        List<RectificationItem> items = [];
        foreach (RaisedFinding f in findings)
        {
            var item = new RectificationItem
            {
                PlanId = plan.Id, Number = ++number, Problem = f.Problem.Trim(), OwnerUnitId = owners[f.StreetId], StreetId = f.StreetId,
                Deadline = today.AddDays(days), StartedAt = now, CreatedAt = now, UpdatedAt = now,
            };
            db.RectificationItems.Add(item);
            await procedure.StartDeadlineAsync(item, user.Name, ct);
            procedure.Append(item, "Draft", "由督查发现生成整改事项", null, RectificationState.Drafted, now, user.UserId, user.Name, f.Source, null);
            items.Add(item);
        }
        await db.SaveChangesAsync(ct);
        return await queries.RowsOfAsync(items, ct);
    }

    /// <summary>石门二路街道“乱设摊治理”满意度 71.2 分，低于全区平均 78.5 分.</summary>
    public static string ProblemText(string street, CellInput c)
    {
        string text = $"{street}“{c.IndicatorName!.Trim()}”满意度";
        if (c.Score is { } score)
        {
            text += $" {score:0.##} 分";
            if (c.DistrictMean is { } mean)
            {
                text += $"，低于全区平均 {mean:0.##} 分";
            }
        }
        return text + "，须整改提升";
    }

    public async Task<Outcome<List<UnitProgress>>> ProgressAsync(Guid id, CancellationToken ct) =>
        await queries.PlanAsync(id, ct) is null
            ? new Outcome<List<UnitProgress>>.NotFound("整改工作方案不存在")
            : RectificationQueries.Progress(await queries.RowsAsync(id, null, ct), await queries.FinishedAsync(id, ct));

    public async Task<Outcome<ExportFile>> ExportAsync(Guid id, bool xlsx, CancellationToken ct)
    {
        if (await GetAsync(id, null, ct) is not Outcome<PlanBoard>.Done { Value: var board })
        {
            return new Outcome<ExportFile>.NotFound("整改工作方案不存在");
        }
        List<UnitProgress> progress = RectificationQueries.Progress(board.Items, await queries.FinishedAsync(id, ct));
        string name = $"整改工作方案-{board.Plan.Period}";
        return xlsx
            ? new ExportFile(RectificationExport.Excel(board, progress), RectificationExport.XlsxType, name + ".xlsx")
            : new ExportFile(RectificationExport.Pdf(board, progress, time.GetUtcNow()), "application/pdf", name + ".pdf");
    }
}
