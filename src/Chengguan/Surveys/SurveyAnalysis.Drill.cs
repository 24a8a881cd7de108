using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Surveys;

/// <summary>The analysis door's two ways into the detail: an indicator's trend across periods, and one priority cell's drill-down.</summary>
public sealed partial class SurveyAnalysis
{
    /// <summary>
    /// An indicator's mean (n, 95% CI) in every survey of the kind that has it, oldest period first, district-wide and — with
    /// <paramref name="street"/> — for the street. The kind is its code or name; the indicator its code.
    /// </summary>
    public async Task<Outcome<SurveyTrendDto>> TrendAsync(string? kind, string? indicator, string? street, CancellationToken ct)
    {
        if (!SurveyRoles.Reads(current.Principal))
        {
            return new Outcome<SurveyTrendDto>.Forbidden("无权查看满意度测评分析");
        }
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(kind))
        {
            errors.Add("kind", "测评类型不能为空");
        }
        if (string.IsNullOrWhiteSpace(indicator))
        {
            errors.Add("indicator", "指标编码不能为空");
        }
        if (errors.Any)
        {
            return new Outcome<SurveyTrendDto>.Invalid(errors);
        }
        string kindKey = kind!.Trim(), code = indicator!.Trim();
        SurveyKind? k = await db.Set<SurveyKind>().AsNoTracking().FirstOrDefaultAsync(x => x.Code == kindKey || x.Name == kindKey, ct);
        if (k is null)
        {
            return new Outcome<SurveyTrendDto>.NotFound($"没有测评类型 {kindKey}");
        }
        (Unit? only, string? missing) = await StreetAsync(street, ct);
        if (missing is not null)
        {
            return new Outcome<SurveyTrendDto>.NotFound(missing);
        }
        List<Survey> surveys = await db.Set<Survey>().AsNoTracking().Include(s => s.Indicators).Where(s => s.KindId == k.Id).ToListAsync(ct);
        var points = new List<TrendPoint>();
        string? name = null;
        foreach (Survey s in surveys.OrderBy(s => s.Period, StringComparer.Ordinal))
        {
            if (s.Indicators.FirstOrDefault(i => string.Equals(i.Code, code, StringComparison.OrdinalIgnoreCase)) is not { } ind)
            {
                continue;
            }
            name = ind.Name;
            SurveyFigures figures = await FiguresAsync(s, ct);
            IndicatorFigures? f = figures.Indicators.GetValueOrDefault(ind.Code);
            points.Add(new TrendPoint(s.Id, s.Period, Level(figures.Level), TrendValue.Of(f?.District ?? default),
                only is null ? null : TrendValue.Of(f?.Of(only.Id) ?? default)));
        }
        if (name is null)
        {
            return new Outcome<SurveyTrendDto>.NotFound($"{k.Name}没有指标 {code}");
        }
        return new SurveyTrendDto(k.Code, k.Name, code, name, only?.Id, only?.Name, points);
    }

    /// <summary>
    /// One indicator × street cell of a survey in detail: the street's figure against the district's and the previous period's,
    /// its importance and priority score, the distribution of the street's answers, the street's hotline callback satisfaction
    /// and rework for the half-year, its cases in the half-year, and the rectification items that answer the cell.
    /// </summary>
    public async Task<Outcome<SurveyCellDto>> CellAsync(Guid id, string? indicator, string? street, CancellationToken ct)
    {
        if (!SurveyRoles.Reads(current.Principal))
        {
            return new Outcome<SurveyCellDto>.Forbidden("无权查看满意度测评分析");
        }
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(indicator))
        {
            errors.Add("indicator", "指标编码不能为空");
        }
        if (string.IsNullOrWhiteSpace(street))
        {
            errors.Add("street", "街镇不能为空");
        }
        if (errors.Any)
        {
            return new Outcome<SurveyCellDto>.Invalid(errors);
        }
        Survey? survey = await db.Set<Survey>().AsNoTracking().Include(s => s.Indicators).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null)
        {
            return new Outcome<SurveyCellDto>.NotFound("没有该测评");
        }
        SurveyIndicator? ind = survey.Indicators.FirstOrDefault(i => string.Equals(i.Code, indicator!.Trim(), StringComparison.OrdinalIgnoreCase));
        if (ind is null)
        {
            return new Outcome<SurveyCellDto>.NotFound($"本测评没有指标 {indicator!.Trim()}");
        }
        (Unit? u, string? missing) = await StreetAsync(street, ct);
        if (u is null)
        {
            return new Outcome<SurveyCellDto>.NotFound(missing ?? "没有该街镇");
        }
        SurveyFigures figures = await FiguresAsync(survey, ct);
        IndicatorFigures? f = figures.Indicators.GetValueOrDefault(ind.Code);
        Sample cell = f?.Of(u.Id) ?? default, district = f?.District ?? default;
        double? importance = f?.DistrictImportance.R;
        double? score = importance is { } r && r > 0 && cell.N > 0 && district.N > 0 && r * (district.Mean - cell.Mean) is > 0 and var sc ? sc : null;

        Survey? previous = await db.Set<Survey>().AsNoTracking().Include(s => s.Indicators)
            .Where(s => s.KindId == survey.KindId && string.Compare(s.Period, survey.Period) < 0)
            .OrderByDescending(s => s.Period).FirstOrDefaultAsync(ct);
        TrendValue? before = null;
        double? change = null;
        WelchResult? welch = null;
        if (previous is not null)
        {
            Sample prev = (await FiguresAsync(previous, ct)).Indicators.GetValueOrDefault(ind.Code)?.Of(u.Id) ?? default;
            before = TrendValue.Of(prev);
            change = cell.N > 0 && prev.N > 0 ? cell.Mean - prev.Mean : null;
            welch = cell.N > 0 && prev.N > 0 && cell.Sd is { } sd && prev.Sd is { } psd ? SurveyStatistics.Welch(cell.Mean, sd, cell.N, prev.Mean, psd, prev.N) : null;
        }

        IReadOnlyList<HistogramBin> distribution = [];
        if (figures.Level == SurveyLevel.Respondents)
        {
            // The answer's slot is the indicator's place in position order, as the figures fold them.
            int slot = survey.Indicators.OrderBy(i => i.Position).ToList().IndexOf(ind);
            List<SurveyFigures.Respondent> answers = await SurveyFiguresCache.RespondentsAsync(db, survey.Id, u.Id, ct);
            distribution = SurveyHistogram.Of(survey.ScaleMin, survey.ScaleMax, answers.Select(a => SurveyAnswers.At(a.Answers, slot)));
        }

        IReadOnlyList<StreetHotline> hotline = await HotlineAsync(survey.Period, u, [u], ct);
        (DateTimeOffset From, DateTimeOffset To)? span = SurveyRules.Days(survey.Period) is { } days
            ? (ShanghaiTime.StartOf(days.From), ShanghaiTime.StartOf(days.To.AddDays(1))) : null;
        int cases = span is { } w ? await db.Cases.AsNoTracking().CountAsync(c => c.StreetId == u.Id && c.ReportedAt >= w.From && c.ReportedAt < w.To, ct) : 0;

        string code = ind.Code;
        var items = await (from c in db.RectificationCells.AsNoTracking()
                           join i in db.RectificationItems.AsNoTracking() on c.ItemId equals i.Id
                           join p in db.RectificationPlans.AsNoTracking() on i.PlanId equals p.Id
                           where c.StreetId == u.Id && c.IndicatorCode == code && (c.SurveyId == null || c.SurveyId == survey.Id)
                           select new { i.Id, i.PlanId, p.Period, i.Number, i.Problem, i.State }).ToListAsync(ct);
        List<CellRectification> answered = [.. items.DistinctBy(x => x.Id).OrderBy(x => x.Period, StringComparer.Ordinal).ThenBy(x => x.Number)
            .Select(x => new CellRectification(x.Id, x.PlanId, x.Period, x.Number, x.Problem, x.State.ToString()))];

        return new SurveyCellDto(survey.Id, survey.Period, Level(figures.Level), ind.Code, ind.Name, u.Id, u.Name, TrendValue.Of(cell), TrendValue.Of(district),
            importance, score, previous?.Period, before, change, welch?.P, welch is { } wr ? wr.P < 0.05 : null, survey.ScaleMin, survey.ScaleMax,
            distribution, hotline.FirstOrDefault(), span?.From, span?.To, cases, answered);
    }

    /// <summary>The street named by id, unit code or name among the streets in the caller's scope; null (and no message) when none was named.</summary>
    private async Task<(Unit? Street, string? Missing)> StreetAsync(string? street, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(street))
        {
            return (null, null);
        }
        DataScope scope = await current.GetScopeAsync(ct);
        string key = street.Trim();
        List<Unit> streets = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Street || u.Kind == UnitKind.Town).ToListAsync(ct);
        Unit? found = streets.Where(u => scope.Covers(u.Path))
            .FirstOrDefault(u => u.Id.ToString() == key.ToLowerInvariant() || u.Code == key || u.Name == key);
        return found is null ? (null, $"没有街镇 {key}") : (found, null);
    }
}
