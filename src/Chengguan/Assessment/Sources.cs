using System.Globalization;
using Chengguan.Demolition;
using Chengguan.Directives;
using Chengguan.Identity;
using Chengguan.Kpis;
using Chengguan.Supervision;

namespace Chengguan.Assessment;

/// <summary>
/// The case KPIs (3个2 on-time rates, closure, rework, callback satisfaction, proactive discovery) through
/// <see cref="KpiQueries"/>: per responsible unit, and per officer for the cases they handled (account → person
/// through <see cref="Profiles"/>). The link is the KPI's case list filtered to the unit and period.
/// </summary>
public sealed class KpiIndicatorSource(KpiQueries kpis, Profiles profiles) : IIndicatorSource
{
    public string Code => "kpis";

    private static readonly string[] OfficerCodes = [Kpi.OnTimeClosure, Kpi.Rework, Kpi.Satisfaction];

    public IReadOnlyList<IndicatorDefinition> Indicators { get; } =
    [
        .. new[] { Kpi.OnTimeAccept, Kpi.OnTimeOnSite, Kpi.OnTimePreliminary, Kpi.OnTimeClosure, Kpi.Closure, Kpi.Rework, Kpi.Satisfaction, Kpi.ProactiveDiscovery }
            .Select(code => Kpi.Find(code)!)
            .Select(d => new IndicatorDefinition(d.Code, d.Name, "kpis", d.HigherIsBetter ? Direction.HigherBetter : Direction.LowerBetter,
                ForUnits: true, ForOfficers: OfficerCodes.Contains(d.Code), Link: "/dashboard")),
    ];

    public async Task<Dictionary<string, Dictionary<Guid, Figure>>> FetchAsync(AssessmentWindow window, SubjectLevel level, CancellationToken ct)
    {
        var figures = Indicators.ToDictionary(i => i.Code, _ => new Dictionary<Guid, Figure>());
        if (level == SubjectLevel.Unit)
        {
            foreach ((Guid unit, IReadOnlyList<KpiResult> results) in await kpis.ByUnitAsync(window.From, window.To, ct))
            {
                foreach (KpiResult r in results.Where(r => figures.ContainsKey(r.Kpi)))
                {
                    figures[r.Kpi][unit] = new Figure(r.Rate, r.Numerator, r.Denominator, CaseList(r.Kpi, window, unit));
                }
            }
            return figures;
        }
        Dictionary<string, Guid> people = await profiles.PersonOfAccountsAsync(ct);
        foreach ((string account, IReadOnlyList<KpiResult> results) in await kpis.ByHandlerAsync(window.From, window.To, ct))
        {
            if (!people.TryGetValue(account, out Guid person))
            {
                continue;
            }
            foreach (KpiResult r in results.Where(r => OfficerCodes.Contains(r.Kpi)))
            {
                // A person with several accounts: the handlings of all of them add up (the rate of the sums).
                (long n, long d) = figures[r.Kpi].TryGetValue(person, out Figure? had) ? ((long)had.Numerator!.Value, (long)had.Denominator!.Value) : (0, 0);
                figures[r.Kpi][person] = new Figure(KpiFormulas.Rate(n + r.Numerator, d + r.Denominator), n + r.Numerator, d + r.Denominator);
            }
        }
        return figures;
    }

    private static string CaseList(string kpi, AssessmentWindow w, Guid unit) => string.Create(CultureInfo.InvariantCulture,
        $"/api/kpis/{kpi}/cases?from={w.From:yyyy-MM-dd}&to={w.To:yyyy-MM-dd}&unit={unit}&part=denominator");
}

/// <summary>Directive on-time close-out (督办事项按时办结率) per owner unit through <see cref="DirectiveQueries"/>.</summary>
public sealed class DirectiveIndicatorSource(DirectiveQueries directives) : IIndicatorSource
{
    public const string OnTime = "directive-on-time";

    public string Code => "directives";

    public IReadOnlyList<IndicatorDefinition> Indicators { get; } =
        [new(OnTime, "督办事项按时办结率", "directives", Direction.HigherBetter, ForUnits: true, ForOfficers: false, Link: "/directives")];

    public async Task<Dictionary<string, Dictionary<Guid, Figure>>> FetchAsync(AssessmentWindow window, SubjectLevel level, CancellationToken ct)
    {
        var figures = new Dictionary<Guid, Figure>();
        if (level == SubjectLevel.Unit)
        {
            foreach ((Guid unit, (int onTime, int counted)) in await directives.OnTimeByOwnerAsync(window.Start, window.End, ct))
            {
                figures[unit] = new Figure(KpiFormulas.Rate(onTime, counted), onTime, counted, $"/api/directives?unit={unit}");
            }
        }
        return new() { [OnTime] = figures };
    }
}

/// <summary>
/// The supervision score (督查抽查得分率: points ÷ maximum of the files reviewed in the period) per street, through
/// <see cref="SupervisionQueries"/>, credited to the street's team (街镇中队).
/// </summary>
public sealed class SupervisionIndicatorSource(SupervisionQueries supervision, AssessmentSubjects subjects) : IIndicatorSource
{
    public const string Score = "supervision-score";

    public string Code => "supervision";

    public IReadOnlyList<IndicatorDefinition> Indicators { get; } =
        [new(Score, "督查抽查得分率", "supervision", Direction.HigherBetter, ForUnits: true, ForOfficers: false, Link: "/supervision/scores")];

    public async Task<Dictionary<string, Dictionary<Guid, Figure>>> FetchAsync(AssessmentWindow window, SubjectLevel level, CancellationToken ct)
    {
        var figures = new Dictionary<Guid, Figure>();
        if (level == SubjectLevel.Unit)
        {
            Dictionary<Guid, Guid> teams = await subjects.TeamsByStreetAsync(ct);
            foreach ((Guid street, (long score, long max, int _)) in await supervision.ReviewedScoresByStreetAsync(window.Start, window.End, ct))
            {
                if (teams.TryGetValue(street, out Guid team))
                {
                    figures[team] = new Figure(KpiFormulas.Rate(score, max), score, max, $"/supervision/scores?year={window.From.Year}");
                }
            }
        }
        return new() { [Score] = figures };
    }
}

/// <summary>
/// Demolition completion against targets (拆违任务完成率: area demolished ÷ the plan's target for the period, the yearly
/// target prorated) per street through <see cref="ProgressQueries"/>, credited to the street's team.
/// </summary>
public sealed class DemolitionIndicatorSource(ProgressQueries progress, AssessmentSubjects subjects) : IIndicatorSource
{
    public const string Completion = "demolition-completion";

    public string Code => "demolition";

    public IReadOnlyList<IndicatorDefinition> Indicators { get; } =
        [new(Completion, "拆违任务完成率", "demolition", Direction.HigherBetter, ForUnits: true, ForOfficers: false, Link: "/demolition/tasks")];

    public async Task<Dictionary<string, Dictionary<Guid, Figure>>> FetchAsync(AssessmentWindow window, SubjectLevel level, CancellationToken ct)
    {
        var figures = new Dictionary<Guid, Figure>();
        if (level == SubjectLevel.Unit)
        {
            Dictionary<Guid, Guid> teams = await subjects.TeamsByStreetAsync(ct);
            foreach ((Guid street, (double done, double target)) in await progress.CompletionByStreetAsync(window.From, window.To, ct))
            {
                if (teams.TryGetValue(street, out Guid team) && target > 0)
                {
                    decimal rate = Math.Round((decimal)done / (decimal)target, 4, MidpointRounding.AwayFromZero);
                    figures[team] = new Figure(rate, (decimal)Math.Round(done, 2), (decimal)target, "/demolition/tasks");
                }
            }
        }
        return new() { [Completion] = figures };
    }
}
