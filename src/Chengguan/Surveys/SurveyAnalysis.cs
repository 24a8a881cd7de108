using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Kpis;
using Chengguan.Organisation;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;

namespace Chengguan.Surveys;

/// <summary>
/// The door to a survey's precise analysis (精准分析), district-wide or for one street: every indicator's statistics, the
/// importance–performance quadrants, the change since the kind's previous period, the ten indicator × street cells to fix
/// first, and beside them the streets' hotline callback satisfaction and rework rate for the half-year (asked of the KPIs).
/// A street outside the caller's scope is not found; a street team leader reads the district and their own street.
/// </summary>
public sealed partial class SurveyAnalysis(AppDbContext db, CurrentUser current, KpiQueries kpis, SurveyFiguresCache cache, IServiceScopeFactory scopes)
{
    public const int PriorityCells = 10;

    /// <summary>Fewer pairs than this (respondents, or streets for summaries) and an importance is flagged lowConfidence.</summary>
    public const int MinPairs = 10;

    public async Task<Outcome<SurveyAnalysisDto>> AnalyseAsync(Guid id, string? street, CancellationToken ct)
    {
        if (!SurveyRoles.Reads(current.Principal))
        {
            return new Outcome<SurveyAnalysisDto>.Forbidden("无权查看满意度测评分析");
        }
        Survey? survey = await db.Set<Survey>().AsNoTracking().Include(s => s.Indicators).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null)
        {
            return new Outcome<SurveyAnalysisDto>.NotFound("没有该测评");
        }
        DataScope scope = await current.GetScopeAsync(ct);
        List<Unit> streets = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Street || u.Kind == UnitKind.Town)
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Code).ToListAsync(ct);
        List<Unit> visible = [.. streets.Where(u => scope.Covers(u.Path))];
        Unit? only = null;
        if (!string.IsNullOrWhiteSpace(street))
        {
            string key = street.Trim();
            only = visible.FirstOrDefault(u => u.Id.ToString() == key.ToLowerInvariant() || u.Code == key || u.Name == key);
            if (only is null)
            {
                return new Outcome<SurveyAnalysisDto>.NotFound($"没有街镇 {key}");
            }
        }
        SurveyKind kind = await db.Set<SurveyKind>().AsNoTracking().FirstAsync(k => k.Id == survey.KindId, ct);
        Survey? previous = await db.Set<Survey>().AsNoTracking().Include(s => s.Indicators)
            .Where(s => s.KindId == survey.KindId && string.Compare(s.Period, survey.Period) < 0)
            .OrderByDescending(s => s.Period).FirstOrDefaultAsync(ct);
        // The previous period's figures on a connection of their own, beside this one's: after a restart both are folded.
        Task<SurveyFigures> earlier = previous is null ? Task.FromResult(SurveyFigures.Empty) : Task.Run(() => OwnScopeFiguresAsync(previous, ct), ct);
        SurveyFigures figures = await FiguresAsync(survey, ct);
        SurveyFigures before = await earlier;
        var dto = Analyse(survey, kind, figures, previous?.Period, before, only, visible);
        return dto with { Hotline = await HotlineAsync(survey.Period, only, visible, ct) };
    }

    /// <summary>The survey's figures, computed once per import (<see cref="SurveyFiguresCache"/>).</summary>
    private Task<SurveyFigures> FiguresAsync(Survey survey, CancellationToken ct) => cache.GetAsync(db, survey, ct);

    private async Task<SurveyFigures> OwnScopeFiguresAsync(Survey survey, CancellationToken ct)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        return await cache.GetAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), survey, ct);
    }

    /// <summary>The analysis from the two periods' figures; pure, so that the bench and the tests time and check it alone.</summary>
    public static SurveyAnalysisDto Analyse(Survey survey, SurveyKind kind, SurveyFigures figures, string? previousPeriod, SurveyFigures previous,
        Unit? street, IReadOnlyList<Unit> visibleStreets)
    {
        Guid? at = street?.Id;
        var rows = new List<(SurveyIndicator Indicator, Sample Sample, Importance Importance)>();
        foreach (SurveyIndicator ind in survey.Indicators.OrderBy(i => i.Position))
        {
            IndicatorFigures? f = figures.Indicators.GetValueOrDefault(ind.Code);
            rows.Add((ind, f?.Of(at) ?? new Sample(0, double.NaN, null), f?.ImportanceOf(at) ?? default));
        }
        var graded = rows.Where(r => r.Sample.N > 0 && r.Importance.R is not null).ToList();
        double? meanImportance = graded.Count > 0 ? graded.Average(r => r.Importance.R!.Value) : null;
        double? meanPerformance = graded.Count > 0 ? graded.Average(r => r.Sample.Mean) : null;

        var indicators = new List<IndicatorAnalysis>();
        foreach ((SurveyIndicator ind, Sample sample, Importance importance) in rows)
        {
            bool has = sample.N > 0;
            (double Low, double High)? ci = has ? sample.Ci95 : null;
            string? quadrant = has && importance.R is { } r && meanImportance is { } mi && meanPerformance is { } mp ? Quadrants.Of(r, sample.Mean, mi, mp) : null;
            Sample prev = previous.Indicators.GetValueOrDefault(ind.Code)?.Of(at) ?? new Sample(0, double.NaN, null);
            double? previousMean = prev.N > 0 ? prev.Mean : null;
            WelchResult? welch = has && prev.N > 0 && sample.Sd is { } sd && prev.Sd is { } psd
                ? SurveyStatistics.Welch(sample.Mean, sd, sample.N, prev.Mean, psd, prev.N) : null;
            indicators.Add(new IndicatorAnalysis(ind.Code, ind.Name, ind.ParentCode, has ? sample.Mean : null, sample.N, has ? sample.Sd : null,
                ci?.Low, ci?.High, importance.R, importance.R is not null && importance.Pairs < MinPairs, quadrant,
                previousMean, has && previousMean is { } pm ? sample.Mean - pm : null, welch?.P, welch is { } w ? w.P < 0.05 : null));
        }

        var cells = new List<PriorityCell>();
        foreach (SurveyIndicator ind in survey.Indicators)
        {
            // Only indicators that move overall satisfaction (r > 0) and streets below the district: a negative r times a
            // street above the mean is positive too, but names nothing to fix.
            if (figures.Indicators.GetValueOrDefault(ind.Code) is not { DistrictImportance.R: double r and > 0, District: { N: > 0 } district } f)
            {
                continue;
            }
            foreach (Unit u in visibleStreets.Where(u => at is null || u.Id == at))
            {
                if (f.Streets.TryGetValue(u.Id, out Sample s) && s.N > 0 && r * (district.Mean - s.Mean) is > 0 and var score)
                {
                    cells.Add(new PriorityCell(ind.Code, ind.Name, u.Id, u.Name, score, s.Mean, district.Mean));
                }
            }
        }
        List<PriorityCell> priority = [.. cells.OrderByDescending(c => c.Score).ThenBy(c => c.Indicator, StringComparer.Ordinal).Take(PriorityCells)];
        return new SurveyAnalysisDto(survey.Id, kind.Code, kind.Name, survey.Period, Level(figures.Level), street?.Id, street?.Name, previousPeriod,
            meanImportance, meanPerformance, indicators, priority, []);
    }

    private static string Level(SurveyLevel level) => level switch
    {
        SurveyLevel.Respondents => "respondents",
        SurveyLevel.Summaries => "summaries",
        _ => "none",
    };

    /// <summary>The half-year's callback satisfaction and rework per street, counted by the KPIs' own door within the caller's scope.</summary>
    private async Task<IReadOnlyList<StreetHotline>> HotlineAsync(string period, Unit? only, IReadOnlyList<Unit> visible, CancellationToken ct)
    {
        if (SurveyRules.Days(period) is not { } days)
        {
            return [];
        }
        var query = new QueryCollection(new Dictionary<string, StringValues>
        {
            ["from"] = days.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["to"] = days.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["groupBy"] = "street",
        });
        if (await kpis.ReportAsync(query, ct) is not Outcome<KpiReport>.Done { Value: var report })
        {
            return [];
        }
        HashSet<Guid> shown = [.. visible.Where(u => only is null || u.Id == only.Id).Select(u => u.Id)];
        return [.. report.Rows.Where(r => r.Id is { } id && shown.Contains(id)).Select(r => new StreetHotline(r.Id!.Value, r.Name,
            r[Kpi.Satisfaction].Rate, r[Kpi.Satisfaction].Denominator, r[Kpi.Rework].Rate, r[Kpi.Rework].Denominator))];
    }
}
