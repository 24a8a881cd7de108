using System.Globalization;
using Chengguan.Kpis;
using Chengguan.Surveys;
using Chengguan.Training;

namespace Chengguan.Assessment;

/// <summary>
/// Training hours (统一培训学时) through <see cref="TrainingFigures.HoursToDateAsync"/>: each officer's hours from 1 January
/// through the period's last day against the requirement due by then (pro rata, Training's rule). A unit scores its coverage
/// (培训学时达标率: its officers who meet what is due ÷ its officers); an officer their own hours ÷ what is due (培训学时完成率,
/// capped at 100%). Nothing is counted when no requirement is in force.
/// </summary>
public sealed class TrainingIndicatorSource(TrainingFigures training, AssessmentSubjects subjects) : IIndicatorSource
{
    public const string Coverage = "training-coverage";
    public const string Hours = "training-hours";

    public string Code => "training";

    public IReadOnlyList<IndicatorDefinition> Indicators { get; } =
    [
        new(Coverage, "培训学时达标率", "training", Direction.HigherBetter, ForUnits: true, ForOfficers: false, Link: "/training/hours"),
        new(Hours, "培训学时完成率（本人）", "training", Direction.HigherBetter, ForUnits: false, ForOfficers: true, Link: "/training/hours"),
    ];

    public async Task<Dictionary<string, Dictionary<Guid, Figure>>> FetchAsync(AssessmentWindow window, SubjectLevel level, CancellationToken ct)
    {
        var coverage = new Dictionary<Guid, Figure>();
        var hours = new Dictionary<Guid, Figure>();
        List<OfficerHoursToDate> officers = await training.HoursToDateAsync(window.To, ct);
        if (officers.Count > 0 && officers[0].Required > 0)
        {
            if (level == SubjectLevel.Unit)
            {
                Dictionary<Guid, Guid> unitOf = await subjects.UnitsOfActivePeopleAsync(ct);
                string link = string.Create(CultureInfo.InvariantCulture, $"/api/training/coverage?from={window.From:yyyy-MM-dd}&to={window.To:yyyy-MM-dd}");
                foreach ((Guid unit, (int met, int count)) in UnitCoverage(officers, unitOf))
                {
                    coverage[unit] = new Figure(KpiFormulas.Rate(met, count), met, count, link);
                }
            }
            else
            {
                foreach (OfficerHoursToDate o in officers)
                {
                    hours[o.PersonId] = new Figure(HoursShare(o.Hours, o.Due), (decimal)o.Hours, Math.Round((decimal)o.Due, 2, MidpointRounding.AwayFromZero),
                        string.Create(CultureInfo.InvariantCulture, $"/api/training/people/{o.PersonId}?year={window.To.Year}"));
                }
            }
        }
        return new() { [Coverage] = coverage, [Hours] = hours };
    }

    /// <summary>Per unit, its officers who meet what is due and its officers; officers not on the active register are left out.</summary>
    public static Dictionary<Guid, (int Met, int Officers)> UnitCoverage(IEnumerable<OfficerHoursToDate> officers, IReadOnlyDictionary<Guid, Guid> unitOf) =>
        officers.Where(o => unitOf.ContainsKey(o.PersonId)).GroupBy(o => unitOf[o.PersonId])
            .ToDictionary(g => g.Key, g => (g.Count(o => o.Met), g.Count()));

    /// <summary>Hours ÷ hours due, as a fraction to four places, at most 1 (hours beyond what is due earn nothing more); 1 when nothing is due.</summary>
    public static decimal HoursShare(double hours, double due) =>
        due <= 0 ? 1m : Math.Min(1m, Math.Round((decimal)hours / (decimal)due, 4, MidpointRounding.AwayFromZero));
}

/// <summary>
/// Residents' survey satisfaction (测评满意度) per street through <see cref="SurveyAnalysis.OverallByStreetAsync"/>, credited to
/// the street's team: the overall satisfaction of the surveys of each seeded kind whose half-year overlaps the period, as its place
/// on the survey's scale (0 = the scale's bottom, 1 = its top), weighted by respondents when two half-years fall in the period.
/// Beside the callback satisfaction (KPI <c>satisfaction</c>), which asks the citizens whose case was handled.
/// </summary>
public sealed class SurveyIndicatorSource(SurveyAnalysis surveys, AssessmentSubjects subjects) : IIndicatorSource
{
    public const string Enforcement = "survey-enforcement";
    public const string Cityscape = "survey-cityscape";

    private static readonly (string Code, string Kind)[] Kinds = [(Enforcement, SurveyKinds.Enforcement), (Cityscape, SurveyKinds.Cityscape)];

    public string Code => "surveys";

    public IReadOnlyList<IndicatorDefinition> Indicators { get; } =
    [
        new(Enforcement, "城管执法工作市民满意度（测评）", "surveys", Direction.HigherBetter, ForUnits: true, ForOfficers: false, Link: "/surveys"),
        new(Cityscape, "市容环境卫生公众满意度（测评）", "surveys", Direction.HigherBetter, ForUnits: true, ForOfficers: false, Link: "/surveys"),
    ];

    public async Task<Dictionary<string, Dictionary<Guid, Figure>>> FetchAsync(AssessmentWindow window, SubjectLevel level, CancellationToken ct)
    {
        var figures = Kinds.ToDictionary(k => k.Code, _ => new Dictionary<Guid, Figure>());
        if (level != SubjectLevel.Unit)
        {
            return figures;
        }
        Dictionary<Guid, Guid> teams = await subjects.TeamsByStreetAsync(ct);
        foreach ((string code, string kind) in Kinds)
        {
            foreach (IGrouping<Guid, StreetOverall> street in (await surveys.OverallByStreetAsync(kind, window.From, window.To, ct)).GroupBy(r => r.StreetId))
            {
                if (teams.TryGetValue(street.Key, out Guid team) && Combine([.. street]) is { } figure)
                {
                    figures[code][team] = figure;
                }
            }
        }
        return figures;
    }

    /// <summary>
    /// One street's figure from its surveys in the period: Σ n × (mean − scale min) ÷ (scale max − scale min) ÷ Σ n, to four places; the
    /// respondent-weighted mean on the scale over the scale's top as numerator and denominator when the surveys share a scale; the link
    /// is the street's analysis in the latest survey. Null when no survey has an answer.
    /// </summary>
    public static Figure? Combine(IReadOnlyList<StreetOverall> rows)
    {
        List<StreetOverall> usable = [.. rows.Where(r => r.N > 0 && r.ScaleMax > r.ScaleMin)];
        if (usable.Count == 0)
        {
            return null;
        }
        decimal n = usable.Sum(r => (decimal)r.N);
        decimal share = usable.Sum(r => r.N * ((decimal)r.Mean - (decimal)r.ScaleMin) / ((decimal)r.ScaleMax - (decimal)r.ScaleMin)) / n;
        bool oneScale = usable.All(r => r.ScaleMin == usable[0].ScaleMin && r.ScaleMax == usable[0].ScaleMax);
        StreetOverall latest = usable.MaxBy(r => r.Period, StringComparer.Ordinal)!;
        return new Figure(Math.Round(share, 4, MidpointRounding.AwayFromZero),
            oneScale ? Math.Round(usable.Sum(r => r.N * (decimal)r.Mean) / n, 2, MidpointRounding.AwayFromZero) : null,
            oneScale ? (decimal)latest.ScaleMax : null,
            $"/api/satisfaction/surveys/{latest.SurveyId}/analysis?street={latest.StreetId}");
    }
}
