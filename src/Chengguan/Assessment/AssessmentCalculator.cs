using System.Text.Json;
using Chengguan.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Assessment;

/// <summary>
/// Computes a period's results from its pinned schemes: each source named by a scheme is asked once per level
/// (one grouped read over the period), manual scores, upheld corrections and adjustments are read in one query
/// each, and <see cref="AssessmentEngine"/> scores every kind. Units come first: an officer's "unit" indicator is
/// the total of the officer's unit.
/// </summary>
public sealed class AssessmentCalculator(AppDbContext db, AssessmentSubjects subjects, IEnumerable<IIndicatorSource> sources)
{
    public IReadOnlyList<IIndicatorSource> Sources { get; } = [.. sources];

    public static Bands ReadBands(string json) => JsonSerializer.Deserialize<Bands>(json, SchemeItem.Json) ?? Bands.Default;

    public static IEnumerable<Guid> SchemeIdsOf(AssessmentPeriod p) => p.SchemeIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse);

    public async Task<List<SubjectResult>> ComputeAsync(AssessmentPeriod period, CancellationToken ct)
    {
        Guid[] ids = [.. SchemeIdsOf(period)];
        List<AssessmentScheme> schemes = [.. (await db.AssessmentSchemes.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(ct)).OrderBy(s => s.Kind)];
        AssessmentWindow window = Periods.Window(period.From, period.To);

        var manual = (await db.AssessmentScores.AsNoTracking().Where(s => s.PeriodId == period.Id).ToListAsync(ct))
            .ToDictionary(s => (s.SubjectId, s.IndicatorCode), s => new ManualEvidence(s.Value, s.Assessor, s.Evidence, s.EvidenceRef, s.ScoredAt));
        var corrections = (await db.AssessmentAppeals.AsNoTracking().Where(a => a.PeriodId == period.Id && a.State == AppealState.Upheld && a.CorrectedValue != null)
                .OrderBy(a => a.DecidedAt).ToListAsync(ct))
            .GroupBy(a => (a.SubjectId, a.IndicatorCode)).ToDictionary(g => g.Key, g => g.Last().CorrectedValue!.Value);
        var adjustments = (await db.AssessmentAdjustments.AsNoTracking().Where(a => a.PeriodId == period.Id).OrderBy(a => a.EnteredAt).ToListAsync(ct))
            .GroupBy(a => a.SubjectId).ToDictionary(g => g.Key, g => g.Select(a => new AdjustmentLine(a.Id, a.Points, a.Reason, a.EnteredBy, a.EnteredAt)).ToList());

        var fetched = new Dictionary<(string, SubjectLevel), Dictionary<string, Dictionary<Guid, Figure>>>();
        var results = new List<SubjectResult>();
        foreach (AssessmentScheme scheme in schemes)
        {
            List<SchemeItem> items = SchemeItem.Read(scheme.ItemsJson);
            SubjectLevel level = scheme.Kind == AssessedKind.Officer ? SubjectLevel.Officer : SubjectLevel.Unit;
            var figures = new Dictionary<string, Dictionary<Guid, Figure>>();
            foreach (SchemeItem item in items.Where(i => !i.IsManual))
            {
                if (item.Source == SchemeItem.UnitScore)
                {
                    figures[item.Code] = results.Where(r => r.Kind != AssessedKind.Officer).ToDictionary(r => r.SubjectId, r => new Figure(r.Total));
                    continue;
                }
                if (Sources.FirstOrDefault(s => s.Code == item.Source) is not { } source)
                {
                    continue;
                }
                if (!fetched.TryGetValue((source.Code, level), out var all))
                {
                    fetched[(source.Code, level)] = all = await source.FetchAsync(window, level, ct);
                }
                figures[item.Code] = all.GetValueOrDefault(item.Code) ?? [];
            }
            List<Subject> who = await subjects.OfAsync(scheme.Kind, ct);
            if (scheme.Kind == AssessedKind.Officer && figures.TryGetValue(SchemeItem.UnitScore, out var unitTotals))
            {
                // The officer's line carries the unit's total: re-key the unit figures by officer.
                figures[SchemeItem.UnitScore] = who.Where(o => o.UnitId is { } u && unitTotals.ContainsKey(u)).ToDictionary(o => o.Id, o => unitTotals[o.UnitId!.Value]);
            }
            results.AddRange(AssessmentEngine.Score(new KindInputs(scheme.Kind, items, ReadBands(scheme.BandsJson), scheme.BonusCap, scheme.DeductionCap,
                who, figures, manual, corrections, adjustments)));
        }
        return results;
    }
}
