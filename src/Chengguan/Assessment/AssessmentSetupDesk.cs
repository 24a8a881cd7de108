using System.Text.Json;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Assessment;

/// <summary>
/// The assessment's front door for set-up: the indicator library, scheme versions per assessed kind (a change is a
/// new version; old ones stay as periods pinned them) and periods (monthly, quarterly, yearly; each pins the newest
/// scheme of every kind when made). Bureau leaders, section chiefs and administrators set up; all staff read.
/// </summary>
public sealed class AssessmentSetupDesk(AppDbContext db, CurrentUser user, AssessmentCalculator calculator, TimeProvider time)
{
    public const string AssessorsOnly = "只有局领导、科室负责人或管理员可以设置和评定考核";

    public static readonly string[] Assessors = [Roles.Admin, Roles.BureauLeader, Roles.SectionChief];

    private bool IsAssessor => Assessors.Any(user.Principal.IsInRole);

    public IndicatorLibraryDto Library() => new(
        Enum.GetValues<AssessedKind>().ToDictionary(k => k, IndicatorLibrary.Defaults),
        [.. calculator.Sources.SelectMany(s => s.Indicators)]);

    public async Task<List<SchemeDto>> SchemesAsync(CancellationToken ct) =>
        [.. (await db.AssessmentSchemes.AsNoTracking().ToListAsync(ct)).OrderBy(s => s.Kind).ThenByDescending(s => s.Version).Select(ToDto)];

    public async Task<Outcome<SchemeDto>> CreateSchemeAsync(SchemeRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (!errors.Any)
        {
            CheckItems(req, errors);
        }
        if (errors.Any)
        {
            return new Outcome<SchemeDto>.Invalid(errors);
        }
        if (!IsAssessor)
        {
            return new Outcome<SchemeDto>.Forbidden(AssessorsOnly);
        }
        AssessedKind kind = req.Kind!.Value;
        int version = (await db.AssessmentSchemes.Where(s => s.Kind == kind).MaxAsync(s => (int?)s.Version, ct) ?? 0) + 1;
        var scheme = new AssessmentScheme
        {
            Kind = kind, Version = version, Name = req.Name!.Trim(),
            ItemsJson = SchemeItem.Write(req.Items!.Select(i => new SchemeItem(i!.Code!.Trim(), i.Name!.Trim(), i.Source!.Trim(), i.Direction, i.Method, i.Weight, i.Floor, i.Target, i.PassMark))),
            BandsJson = JsonSerializer.Serialize(req.Bands ?? Bands.Default, SchemeItem.Json),
            BonusCap = req.BonusCap, DeductionCap = req.DeductionCap, CreatedAt = time.GetUtcNow(), CreatedBy = user.Name,
        };
        db.AssessmentSchemes.Add(scheme);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            return new Outcome<SchemeDto>.Conflict("另一位同事刚保存了该类别的新版本方案，请刷新后重试");
        }
        return ToDto(scheme);
    }

    /// <summary>The scheme's own rules: codes unique, weights adding up to 100, sources known for the kind, each method's parameters.</summary>
    private void CheckItems(SchemeRequest req, FieldErrors errors)
    {
        SchemeItemRequest?[] items = req.Items!;
        if (items.Length == 0)
        {
            errors.Add("items", "须至少有一项指标");
            return;
        }
        bool officer = req.Kind == AssessedKind.Officer;
        var computed = calculator.Sources.SelectMany(s => s.Indicators).ToDictionary(i => (i.Source, i.Code));
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < items.Length; i++)
        {
            if (items[i] is not { } item)
            {
                continue;
            }
            string at = $"items[{i}]";
            if (!codes.Add(item.Code!.Trim()))
            {
                errors.Add($"{at}.code", "指标编码重复");
            }
            string source = item.Source!.Trim();
            if (source == SchemeItem.UnitScore)
            {
                if (!officer)
                {
                    errors.Add($"{at}.source", "“所在单位得分”只用于执法队员个人考核");
                }
            }
            else if (source != SchemeItem.Manual)
            {
                if (!computed.TryGetValue((source, item.Code!.Trim()), out IndicatorDefinition? d))
                {
                    errors.Add($"{at}.code", "指标库中没有该计算指标");
                }
                else if (officer ? !d.ForOfficers : !d.ForUnits)
                {
                    errors.Add($"{at}.code", officer ? "该指标不能按个人计算" : "该指标不能按单位计算");
                }
            }
            switch (item.Method)
            {
                case ScoringMethod.Linear when item.Floor is not { } floor || item.Target is not { } target:
                    errors.Add($"{at}.target", "线性计分须填写起评值和目标值");
                    break;
                case ScoringMethod.Linear when item.Direction == Direction.HigherBetter ? item.Target <= item.Floor : item.Target >= item.Floor:
                    errors.Add($"{at}.target", item.Direction == Direction.HigherBetter ? "目标值须高于起评值" : "逆向指标的目标值须低于起评值");
                    break;
                case ScoringMethod.PassFail when item.PassMark is null:
                    errors.Add($"{at}.passMark", "达标计分须填写达标值");
                    break;
                case ScoringMethod.Ranking when source == SchemeItem.UnitScore:
                    errors.Add($"{at}.method", "“所在单位得分”不能排名计分");
                    break;
            }
        }
        decimal sum = items.OfType<SchemeItemRequest>().Sum(i => i.Weight);
        if (sum != 100)
        {
            errors.Add("items", $"各指标权重之和须为 100（现为 {sum:0.##}）");
        }
        if (req.Bands is { } bands && !bands.Ordered)
        {
            errors.Add("bands", "等次分数线须依次递减：优秀 > 良好 > 合格 > 基本合格 ≥ 0");
        }
    }

    public async Task<List<PeriodDto>> PeriodsAsync(CancellationToken ct)
    {
        List<AssessmentPeriod> periods = await db.AssessmentPeriods.AsNoTracking().OrderByDescending(p => p.From).ThenBy(p => p.Name).ToListAsync(ct);
        List<AssessmentScheme> schemes = await db.AssessmentSchemes.AsNoTracking().ToListAsync(ct);
        return [.. periods.Select(p => ToDto(p, schemes, time.GetUtcNow()))];
    }

    public async Task<Outcome<PeriodDto>> CreatePeriodAsync(PeriodRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        (DateOnly From, DateOnly To)? span = errors.Any ? null : Periods.Span(req.Kind!.Value, req.Key);
        if (!errors.Any && span is null)
        {
            errors.Add("key", req.Kind switch
            {
                PeriodKind.Month => "月度周期写作 2026年11月（或 2026-11）",
                PeriodKind.Quarter => "季度周期写作 2026年第4季度",
                _ => "年度周期写作 2026年",
            });
        }
        if (errors.Any)
        {
            return new Outcome<PeriodDto>.Invalid(errors);
        }
        if (!IsAssessor)
        {
            return new Outcome<PeriodDto>.Forbidden(AssessorsOnly);
        }
        List<AssessmentScheme> newest = [.. (await db.AssessmentSchemes.AsNoTracking().ToListAsync(ct)).GroupBy(s => s.Kind).Select(g => g.MaxBy(s => s.Version)!)];
        if (newest.Count == 0)
        {
            return new Outcome<PeriodDto>.Conflict("尚无考核方案：请先设置考核方案");
        }
        (DateOnly from, DateOnly to) = span!.Value;
        string name = string.IsNullOrWhiteSpace(req.Name) ? Periods.NameOf(req.Kind!.Value, from) : req.Name.Trim();
        if (await db.AssessmentPeriods.AnyAsync(p => p.Name == name, ct))
        {
            return new Outcome<PeriodDto>.Conflict($"考核周期“{name}”已存在");
        }
        var period = new AssessmentPeriod
        {
            Name = name, PeriodKind = req.Kind!.Value, From = from, To = to, SchemeIds = string.Join(',', newest.OrderBy(s => s.Kind).Select(s => s.Id)),
            AppealDays = req.AppealDays, State = PeriodState.Open, CreatedAt = time.GetUtcNow(), CreatedBy = user.Name,
        };
        db.AssessmentPeriods.Add(period);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            return new Outcome<PeriodDto>.Conflict($"考核周期“{name}”已存在");
        }
        return ToDto(period, newest, time.GetUtcNow());
    }

    public static SchemeDto ToDto(AssessmentScheme s) => new(s.Id, s.Kind, IndicatorLibrary.KindName(s.Kind), s.Version, s.Name, SchemeItem.Read(s.ItemsJson),
        AssessmentCalculator.ReadBands(s.BandsJson), s.BonusCap, s.DeductionCap, s.CreatedAt, s.CreatedBy);

    public static PeriodDto ToDto(AssessmentPeriod p, IEnumerable<AssessmentScheme> schemes, DateTimeOffset now)
    {
        HashSet<Guid> pinned = [.. AssessmentCalculator.SchemeIdsOf(p)];
        return new(p.Id, p.Name, p.PeriodKind, p.From, p.To, p.State, p.State == PeriodState.Open ? "评定中" : "已公布", p.ResultVersion, p.PublishedAt, p.AppealUntil,
            p.AppealDays, p.State == PeriodState.Published && p.AppealUntil > now,
            [.. schemes.Where(s => pinned.Contains(s.Id)).OrderBy(s => s.Kind).Select(ToDto)]);
    }
}
