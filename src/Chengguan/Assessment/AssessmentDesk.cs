using System.Text.Json;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Assessment;

/// <summary>
/// The assessment's front door for a period's work: manual scores with evidence and bonus/deduction items (by
/// assessors, while the period is open), the results (live while open, the published version after) with every
/// line's figures, publication with an appeal window, appeals filed by the assessed unit and decided by assessors
/// (upheld: the value corrected and the results republished as a new version). A unit sees its own results (and
/// its officers'); a subject outside the caller's scope is not found.
/// </summary>
public sealed class AssessmentDesk(AppDbContext db, CurrentUser user, AssessmentCalculator calculator, AssessmentSubjects subjects, TimeProvider time)
{
    private bool IsAssessor => AssessmentSetupDesk.Assessors.Any(user.Principal.IsInRole);

    private static string AppealStateName(AppealState s) => s switch
    {
        AppealState.Filed => "待处理",
        AppealState.Upheld => "已采纳",
        _ => "不予采纳",
    };

    public async Task<Outcome<PeriodResults>> ResultsAsync(Guid periodId, CancellationToken ct)
    {
        if (await PeriodAsync(periodId, ct) is not { } period)
        {
            return new Outcome<PeriodResults>.NotFound("考核周期不存在");
        }
        HashSet<Guid>? scope = await subjects.UnitsInScopeAsync(await user.GetScopeAsync(ct), ct);
        List<SubjectResult> results = await CurrentAsync(period, ct);
        List<ResultRow> rows = [.. results.Where(r => Visible(r, scope))
            .Select(r => new ResultRow(r.SubjectId, r.Name, r.Kind, IndicatorLibrary.KindName(r.Kind), r.Total, r.Band, r.Rank, r.Bonus, r.Deduction))];
        return new PeriodResults(await PeriodDtoAsync(period, ct), period.State == PeriodState.Open, period.ResultVersion, rows);
    }

    public async Task<Outcome<ResultDetail>> DetailAsync(Guid periodId, Guid subjectId, CancellationToken ct)
    {
        if (await PeriodAsync(periodId, ct) is not { } period)
        {
            return new Outcome<ResultDetail>.NotFound("考核周期不存在");
        }
        HashSet<Guid>? scope = await subjects.UnitsInScopeAsync(await user.GetScopeAsync(ct), ct);
        SubjectResult? result = (await CurrentAsync(period, ct)).FirstOrDefault(r => r.SubjectId == subjectId);
        if (result is null || !Visible(result, scope))
        {
            return new Outcome<ResultDetail>.NotFound("考核结果不存在");
        }
        List<AppealDto> appeals = await AppealsOfAsync(period.Id, subjectId, ct);
        bool canAppeal = period.State == PeriodState.Published && period.AppealUntil > time.GetUtcNow() && result.Kind != AssessedKind.Officer;
        return new ResultDetail(await PeriodDtoAsync(period, ct), period.State == PeriodState.Open, period.ResultVersion, result,
            IndicatorLibrary.KindName(result.Kind), appeals, canAppeal, IsAssessor && period.State == PeriodState.Open);
    }

    public async Task<Outcome<ResultDetail>> ScoreAsync(Guid periodId, ScoreRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (errors.Any)
        {
            return new Outcome<ResultDetail>.Invalid(errors);
        }
        if (await WritableAsync(periodId, ct) is { } refused)
        {
            return refused.Refusal<bool, ResultDetail>();
        }
        AssessmentPeriod period = (await PeriodAsync(periodId, ct))!;
        if (await ItemOfAsync(period, req.SubjectId!.Value, req.IndicatorCode!, ct) is not { } item)
        {
            return new Outcome<ResultDetail>.NotFound("考核对象不存在");
        }
        if (item.Source.Length == 0)
        {
            errors.Add("indicatorCode", "该考核方案中没有这项指标");
            return new Outcome<ResultDetail>.Invalid(errors);
        }
        if (!item.IsManual)
        {
            errors.Add("indicatorCode", "该指标由平台数据计算，不能人工评分");
            return new Outcome<ResultDetail>.Invalid(errors);
        }
        AssessmentScore? score = await db.AssessmentScores.FirstOrDefaultAsync(s => s.PeriodId == periodId && s.SubjectId == req.SubjectId && s.IndicatorCode == item.Code, ct);
        if (score is null)
        {
            score = new AssessmentScore { PeriodId = periodId, SubjectId = req.SubjectId!.Value, IndicatorCode = item.Code, Evidence = "", Assessor = "" };
            db.AssessmentScores.Add(score);
        }
        (score.Value, score.Evidence, score.EvidenceRef) = (req.Value!.Value, req.Evidence!.Trim(), string.IsNullOrWhiteSpace(req.EvidenceRef) ? null : req.EvidenceRef.Trim());
        (score.Assessor, score.AssessorId, score.ScoredAt) = (user.Name ?? "评定人", user.UserId, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return await DetailAsync(periodId, req.SubjectId!.Value, ct);
    }

    public async Task<Outcome<ResultDetail>> AdjustAsync(Guid periodId, AdjustmentRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (req.Points == 0)
        {
            errors.Add("points", "加减分不能为 0");
        }
        if (errors.Any)
        {
            return new Outcome<ResultDetail>.Invalid(errors);
        }
        if (await WritableAsync(periodId, ct) is { } refused)
        {
            return refused.Refusal<bool, ResultDetail>();
        }
        if (await subjects.FindAsync(req.SubjectId!.Value, ct) is null)
        {
            return new Outcome<ResultDetail>.NotFound("考核对象不存在");
        }
        db.AssessmentAdjustments.Add(new AssessmentAdjustment
        {
            PeriodId = periodId, SubjectId = req.SubjectId!.Value, Points = req.Points!.Value, Reason = req.Reason!.Trim(),
            EnteredBy = user.Name ?? "评定人", EnteredById = user.UserId, EnteredAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
        return await DetailAsync(periodId, req.SubjectId!.Value, ct);
    }

    /// <summary>Freezes the results as version 1 and opens the appeal window (days from now).</summary>
    public async Task<Outcome<PeriodResults>> PublishAsync(Guid periodId, CancellationToken ct)
    {
        if (await WritableAsync(periodId, ct) is { } refused)
        {
            return refused.Refusal<bool, PeriodResults>();
        }
        AssessmentPeriod period = (await db.AssessmentPeriods.FirstAsync(p => p.Id == periodId, ct))!;
        DateTimeOffset now = time.GetUtcNow();
        (period.State, period.PublishedAt, period.AppealUntil) = (PeriodState.Published, now, now.AddDays(period.AppealDays));
        await StoreAsync(period, await calculator.ComputeAsync(period, ct), now, ct);
        return await ResultsAsync(periodId, ct);
    }

    public async Task<Outcome<AppealDto>> AppealAsync(Guid periodId, AppealRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (errors.Any)
        {
            return new Outcome<AppealDto>.Invalid(errors);
        }
        if (await PeriodAsync(periodId, ct) is not { } period)
        {
            return new Outcome<AppealDto>.NotFound("考核周期不存在");
        }
        HashSet<Guid>? scope = await subjects.UnitsInScopeAsync(await user.GetScopeAsync(ct), ct);
        AssessmentResult? stored = period.State == PeriodState.Published
            ? await db.AssessmentResults.AsNoTracking().FirstOrDefaultAsync(r => r.PeriodId == periodId && r.ResultVersion == period.ResultVersion && r.SubjectId == req.SubjectId, ct)
            : null;
        if (period.State == PeriodState.Open)
        {
            return new Outcome<AppealDto>.Conflict("考核结果尚未公布，不能申诉", nameof(PeriodState.Open), "Appeal");
        }
        if (stored is null || !(scope?.Contains(stored.SubjectUnitId ?? stored.SubjectId) ?? true))
        {
            return new Outcome<AppealDto>.NotFound("考核结果不存在");
        }
        if (stored.Kind == AssessedKind.Officer)
        {
            errors.Add("subjectId", "个人考核结果由所在单位统一反映，不在此申诉");
            return new Outcome<AppealDto>.Invalid(errors);
        }
        List<ResultLine> lines = ReadLines(stored.LinesJson);
        if (lines.FirstOrDefault(l => l.Code == req.IndicatorCode) is null)
        {
            errors.Add("indicatorCode", "该考核结果中没有这项指标");
            return new Outcome<AppealDto>.Invalid(errors);
        }
        if (period.AppealUntil <= time.GetUtcNow())
        {
            return new Outcome<AppealDto>.Conflict($"申诉期已于 {ShanghaiTime.Minutes(period.AppealUntil!.Value)} 结束", nameof(PeriodState.Published), "Appeal");
        }
        var appeal = new AssessmentAppeal
        {
            PeriodId = periodId, SubjectId = stored.SubjectId, IndicatorCode = req.IndicatorCode!, Grounds = req.Grounds!.Trim(),
            FiledBy = user.Name ?? "申诉人", FiledById = user.UserId, FiledAt = time.GetUtcNow(), State = AppealState.Filed,
        };
        db.AssessmentAppeals.Add(appeal);
        await db.SaveChangesAsync(ct);
        return ToDto(appeal, stored.SubjectName, lines);
    }

    /// <summary>Decides an appeal; upheld with a corrected value, the results are recomputed and republished as a new version.</summary>
    public async Task<Outcome<AppealDto>> DecideAsync(Guid periodId, Guid appealId, DecisionRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (req.Uphold == true && req.CorrectedValue is null)
        {
            errors.Add("correctedValue", "采纳申诉须填写更正后的指标值");
        }
        if (errors.Any)
        {
            return new Outcome<AppealDto>.Invalid(errors);
        }
        AssessmentAppeal? appeal = await db.AssessmentAppeals.FirstOrDefaultAsync(a => a.Id == appealId && a.PeriodId == periodId, ct);
        HashSet<Guid>? scope = await subjects.UnitsInScopeAsync(await user.GetScopeAsync(ct), ct);
        if (appeal is null || !(scope?.Contains(appeal.SubjectId) ?? true))
        {
            return new Outcome<AppealDto>.NotFound("申诉不存在");
        }
        if (!IsAssessor)
        {
            return new Outcome<AppealDto>.Forbidden(AssessmentSetupDesk.AssessorsOnly);
        }
        if (appeal.State != AppealState.Filed)
        {
            return new Outcome<AppealDto>.Conflict("该申诉已处理", appeal.State.ToString(), "Decide");
        }
        DateTimeOffset now = time.GetUtcNow();
        (appeal.State, appeal.CorrectedValue, appeal.Decision, appeal.DecidedBy, appeal.DecidedAt) =
            (req.Uphold!.Value ? AppealState.Upheld : AppealState.Rejected, req.Uphold.Value ? req.CorrectedValue : null, req.Decision!.Trim(), user.Name ?? "评定人", now);
        AssessmentPeriod period = await db.AssessmentPeriods.FirstAsync(p => p.Id == periodId, ct);
        if (appeal.State == AppealState.Upheld)
        {
            await db.SaveChangesAsync(ct);
            await StoreAsync(period, await calculator.ComputeAsync(period, ct), now, ct);
        }
        else
        {
            await db.SaveChangesAsync(ct);
        }
        AssessmentResult stored = await db.AssessmentResults.AsNoTracking().FirstAsync(r => r.PeriodId == periodId && r.ResultVersion == period.ResultVersion && r.SubjectId == appeal.SubjectId, ct);
        return ToDto(appeal, stored.SubjectName, ReadLines(stored.LinesJson));
    }

    public async Task<Outcome<List<AppealDto>>> AppealsAsync(Guid periodId, CancellationToken ct)
    {
        if (await PeriodAsync(periodId, ct) is null)
        {
            return new Outcome<List<AppealDto>>.NotFound("考核周期不存在");
        }
        HashSet<Guid>? scope = await subjects.UnitsInScopeAsync(await user.GetScopeAsync(ct), ct);
        List<AppealDto> appeals = [.. (await AppealsOfAsync(periodId, null, ct)).Where(a => scope?.Contains(a.SubjectId) ?? true)];
        return appeals;
    }

    private async Task<List<AppealDto>> AppealsOfAsync(Guid periodId, Guid? subjectId, CancellationToken ct)
    {
        IQueryable<AssessmentAppeal> q = db.AssessmentAppeals.AsNoTracking().Where(a => a.PeriodId == periodId);
        if (subjectId is { } s)
        {
            q = q.Where(a => a.SubjectId == s);
        }
        List<AssessmentAppeal> appeals = [.. (await q.ToListAsync(ct)).OrderByDescending(a => a.FiledAt)];
        Guid[] ids = [.. appeals.Select(a => a.SubjectId).Distinct()];
        var names = (await db.AssessmentResults.AsNoTracking().Where(r => r.PeriodId == periodId && ids.Contains(r.SubjectId))
            .Select(r => new { r.SubjectId, r.ResultVersion, r.SubjectName, r.LinesJson }).ToListAsync(ct))
            .GroupBy(r => r.SubjectId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.ResultVersion)!);
        return [.. appeals.Select(a => names.TryGetValue(a.SubjectId, out var r) ? ToDto(a, r.SubjectName, ReadLines(r.LinesJson)) : ToDto(a, "", []))];
    }

    private static AppealDto ToDto(AssessmentAppeal a, string subjectName, List<ResultLine> lines) => new(a.Id, a.PeriodId, a.SubjectId, subjectName, a.IndicatorCode,
        lines.FirstOrDefault(l => l.Code == a.IndicatorCode)?.Name ?? a.IndicatorCode, a.Grounds, a.FiledBy, a.FiledAt, a.State, AppealStateName(a.State),
        a.CorrectedValue, a.Decision, a.DecidedBy, a.DecidedAt);

    private Task StoreAsync(AssessmentPeriod period, List<SubjectResult> results, DateTimeOffset now, CancellationToken ct) =>
        AssessmentPublication.StoreAsync(db, period, results, now, ct);

    private static List<ResultLine> ReadLines(string json) => [.. JsonSerializer.Deserialize<AssessmentPublication.StoredLines>(json, SchemeItem.Json)?.Lines ?? []];

    /// <summary>Live results while open; the published version's rows after.</summary>
    private async Task<List<SubjectResult>> CurrentAsync(AssessmentPeriod period, CancellationToken ct)
    {
        if (period.State == PeriodState.Open)
        {
            return await calculator.ComputeAsync(period, ct);
        }
        List<AssessmentResult> rows = await db.AssessmentResults.AsNoTracking().Where(r => r.PeriodId == period.Id && r.ResultVersion == period.ResultVersion).ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Kind).ThenBy(r => r.Rank).ThenBy(r => r.SubjectName, StringComparer.Ordinal).Select(r =>
        {
            AssessmentPublication.StoredLines s = JsonSerializer.Deserialize<AssessmentPublication.StoredLines>(r.LinesJson, SchemeItem.Json)!;
            return new SubjectResult(r.SubjectId, r.SubjectName, r.Kind, r.SubjectUnitId, s.Lines, s.Adjustments, s.Bonus, s.Deduction, r.Total, r.Band, r.Rank);
        })];
    }

    private static bool Visible(SubjectResult r, HashSet<Guid>? scope) => scope is null || scope.Contains(r.UnitId ?? r.SubjectId);

    private Task<AssessmentPeriod?> PeriodAsync(Guid id, CancellationToken ct) => db.AssessmentPeriods.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);

    private async Task<PeriodDto> PeriodDtoAsync(AssessmentPeriod p, CancellationToken ct)
    {
        Guid[] ids = [.. AssessmentCalculator.SchemeIdsOf(p)];
        return AssessmentSetupDesk.ToDto(p, await db.AssessmentSchemes.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(ct), time.GetUtcNow());
    }

    /// <summary>Why the caller may not change the period's scores: not found, not an assessor, or already published.</summary>
    private async Task<Outcome<bool>?> WritableAsync(Guid periodId, CancellationToken ct)
    {
        if (await PeriodAsync(periodId, ct) is not { } period)
        {
            return new Outcome<bool>.NotFound("考核周期不存在");
        }
        if (!IsAssessor)
        {
            return new Outcome<bool>.Forbidden(AssessmentSetupDesk.AssessorsOnly);
        }
        return period.State == PeriodState.Open ? null : new Outcome<bool>.Conflict("考核结果已公布，不能再评分或公布；更正请通过申诉", period.State.ToString(), "Score");
    }

    /// <summary>The scheme item of the subject's kind with the code, or null when the subject is not assessed in the period.</summary>
    private async Task<SchemeItem?> ItemOfAsync(AssessmentPeriod period, Guid subjectId, string code, CancellationToken ct)
    {
        Guid[] ids = [.. AssessmentCalculator.SchemeIdsOf(period)];
        foreach (AssessmentScheme scheme in await db.AssessmentSchemes.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(ct))
        {
            if ((await subjects.OfAsync(scheme.Kind, ct)).Any(s => s.Id == subjectId))
            {
                return SchemeItem.Read(scheme.ItemsJson).FirstOrDefault(i => i.Code == code) ?? new SchemeItem(code, code, "", Direction.HigherBetter, ScoringMethod.Linear, 0);
            }
        }
        return null;
    }
}
