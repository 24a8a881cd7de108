using Microsoft.EntityFrameworkCore;

namespace Chengguan.Surveys;

/// <summary>A read figure for other capabilities: one street's overall satisfaction (总体满意度) in one survey, on that survey's scale.</summary>
public sealed record StreetOverall(Guid SurveyId, string Period, Guid StreetId, double Mean, long N, double ScaleMin, double ScaleMax);

public sealed partial class SurveyAnalysis
{
    /// <summary>
    /// Each street's overall satisfaction in the surveys of a kind (by code) whose half-year overlaps the Shanghai days
    /// <paramref name="from"/>–<paramref name="to"/>: the mean and count of the respondents' <c>overall</c> answers, or the published
    /// <c>overall</c> summary of a summary-level survey. Whoever the caller (plain figures keyed by survey and street; the caller
    /// decides what it shows): for the performance assessment. One grouped query per level; no respondent is loaded.
    /// </summary>
    public async Task<List<StreetOverall>> OverallByStreetAsync(string kind, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var surveys = (await db.Set<Survey>().AsNoTracking()
                .Where(s => db.Set<SurveyKind>().Any(k => k.Id == s.KindId && k.Code == kind))
                .Select(s => new { s.Id, s.Period, s.ScaleMin, s.ScaleMax }).ToListAsync(ct))
            .Where(s => SurveyRules.Days(s.Period) is { } d && d.From <= to && d.To >= from).ToDictionary(s => s.Id);
        if (surveys.Count == 0)
        {
            return [];
        }
        List<Guid> ids = [.. surveys.Keys];
        var answered = await db.Set<SurveyResponse>().AsNoTracking().Where(r => ids.Contains(r.SurveyId) && r.Overall != null)
            .GroupBy(r => new { r.SurveyId, r.StreetId })
            .Select(g => new { g.Key.SurveyId, g.Key.StreetId, Mean = g.Average(r => r.Overall!.Value), N = g.LongCount() }).ToListAsync(ct);
        var published = await db.Set<SurveySummary>().AsNoTracking().Where(r => ids.Contains(r.SurveyId) && r.Indicator == SurveyRules.Overall)
            .Select(r => new { r.SurveyId, r.StreetId, r.Mean, N = (long)r.N }).ToListAsync(ct);
        return [.. answered.Concat(published).OrderBy(x => surveys[x.SurveyId].Period, StringComparer.Ordinal).ThenBy(x => x.StreetId)
            .Select(x => new StreetOverall(x.SurveyId, surveys[x.SurveyId].Period, x.StreetId, x.Mean, x.N, surveys[x.SurveyId].ScaleMin, surveys[x.SurveyId].ScaleMax))];
    }
}
