using Chengguan.Cases;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Kpis;

/// <summary>One line of the league table: a street or unit with its rank by the chosen KPI (null when it has no rate).</summary>
public sealed record LeagueRow(KpiRow Row, int? Rank);

/// <summary>The KPI table ranked by the request's sort KPI, as the dashboard and the Excel export order it.</summary>
public sealed record KpiLeague(KpiReport Report, IReadOnlyList<LeagueRow> League);

/// <summary>A case behind a number, with the names of its street and responsible unit.</summary>
public sealed record KpiCase(CaseSummary Case, string? StreetName, string? UnitName);

/// <summary>The cases behind a number, at most the request's limit; <see cref="Truncated"/> when there are more.</summary>
public sealed record KpiCases(IReadOnlyList<KpiCase> Rows, bool Truncated);

/// <summary>The league table as an Excel workbook.</summary>
public sealed record KpiWorkbook(byte[] Content, string FileName);

/// <summary>
/// The one way into the KPIs, for the API and the console alike: the query string of <c>/api/kpis</c> is parsed
/// (<see cref="KpiRequest"/>, field errors in Chinese), counted within the caller's data scope, ranked and
/// drilled down to the cases behind a number. It reads cases, clocks and timelines and writes nothing.
/// </summary>
public sealed class KpiQueries(AppDbContext db, CurrentUser current, TimeProvider time)
{
    /// <summary>Every KPI per street or unit and the total row.</summary>
    public async Task<Outcome<KpiReport>> ReportAsync(IQueryCollection query, CancellationToken ct)
    {
        DateTimeOffset now = time.GetUtcNow();
        KpiRequest parsed = KpiRequest.Parse(query, now, ShanghaiTime.Zone);
        return parsed.Errors.Any
            ? new Outcome<KpiReport>.Invalid(parsed.Errors)
            : await KpiReports.BuildAsync(db, await current.GetScopeAsync(ct), parsed, now, ct);
    }

    /// <summary>The report with its rows ranked by the request's <c>sort</c> KPI.</summary>
    public async Task<Outcome<KpiLeague>> LeagueAsync(IQueryCollection query, CancellationToken ct)
    {
        DateTimeOffset now = time.GetUtcNow();
        KpiRequest parsed = KpiRequest.Parse(query, now, ShanghaiTime.Zone);
        if (parsed.Errors.Any)
        {
            return new Outcome<KpiLeague>.Invalid(parsed.Errors);
        }
        KpiReport report = await KpiReports.BuildAsync(db, await current.GetScopeAsync(ct), parsed, now, ct);
        return new KpiLeague(report, [.. KpiExport.Rank(report.Rows, parsed.Sort).Select(r => new LeagueRow(r.Row, r.Rank))]);
    }

    /// <summary>The league table as Excel, ranked by the request's <c>sort</c> KPI.</summary>
    public async Task<Outcome<KpiWorkbook>> ExportAsync(IQueryCollection query, CancellationToken ct)
    {
        DateTimeOffset now = time.GetUtcNow();
        KpiRequest parsed = KpiRequest.Parse(query, now, ShanghaiTime.Zone);
        if (parsed.Errors.Any)
        {
            return new Outcome<KpiWorkbook>.Invalid(parsed.Errors);
        }
        KpiReport report = await KpiReports.BuildAsync(db, await current.GetScopeAsync(ct), parsed, now, ct);
        return new KpiWorkbook(KpiExport.Build(report, parsed.Sort), KpiExport.FileName(report));
    }

    /// <summary>One page of the cases behind a number (newest first, keyset cursor as in the case list).</summary>
    public async Task<Outcome<Page<CaseSummary>>> CasesAsync(string kpi, IQueryCollection query, CancellationToken ct)
    {
        Outcome<Drill> behind = await BehindAsync(kpi, query, ct);
        if (behind is not Outcome<Drill>.Done { Value: (var parsed, var rows) })
        {
            return Failed<Page<CaseSummary>>(behind);
        }
        string? next = rows.Count > parsed.Limit ? CaseFilter.Cursor(rows[parsed.Limit - 1]) : null;
        return new Page<CaseSummary>([.. rows.Take(parsed.Limit).Select(CaseMapping.Summary)], next);
    }

    /// <summary>The cases behind a number as the dashboard lists them: with street and unit names, no further pages.</summary>
    public async Task<Outcome<KpiCases>> CaseRowsAsync(string kpi, IQueryCollection query, CancellationToken ct)
    {
        Outcome<Drill> behind = await BehindAsync(kpi, query, ct);
        if (behind is not Outcome<Drill>.Done { Value: (var parsed, var rows) })
        {
            return Failed<KpiCases>(behind);
        }
        List<Case> shown = [.. rows.Take(parsed.Limit)];
        Guid[] unitIds = [.. shown.SelectMany(c => new[] { c.StreetId, c.UnitId }).OfType<Guid>().Distinct()];
        Dictionary<Guid, string> names = unitIds.Length == 0 ? []
            : await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return new KpiCases([.. shown.Select(c => new KpiCase(CaseMapping.Summary(c),
            c.StreetId is { } s ? names.GetValueOrDefault(s) : null, c.UnitId is { } u ? names.GetValueOrDefault(u) : null))], rows.Count > parsed.Limit);
    }

    /// <summary>
    /// Every KPI of the days <paramref name="from"/>–<paramref name="to"/> (Shanghai) per responsible unit, district-wide:
    /// the grouped counts of the report (four GROUP BY queries, no case loaded), for the performance assessment.
    /// </summary>
    public async Task<Dictionary<Guid, IReadOnlyList<KpiResult>>> ByUnitAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        Dictionary<Guid, KpiCounts> counts = await Rollups.KpiRollupReader.CountAsync(
            db, null, null, null, KpiPeriod.Of(from, to, ShanghaiTime.Zone), KpiGrouping.Unit, time.GetUtcNow(), ct);
        return counts.Where(kv => kv.Key != Guid.Empty).ToDictionary(kv => kv.Key, kv => KpiFormulas.Evaluate(kv.Value));
    }

    /// <summary>
    /// The on-time closure, rework and satisfaction KPIs of the cases each account handled (处置), counted on the days
    /// (Shanghai) the outcomes fall in, and the account's own 处置 lines of the days; keyed by account id: an officer's own
    /// cases, for the individual assessment. From the handler rollups (decision 0012).
    /// </summary>
    public async Task<Dictionary<string, IReadOnlyList<KpiResult>>> ByHandlerAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        Dictionary<string, KpiCounts> counts = await Rollups.KpiRollupReader.CountByHandlerAsync(db, KpiPeriod.Of(from, to, ShanghaiTime.Zone), time.GetUtcNow(), ct);
        return counts.ToDictionary(kv => kv.Key, kv => KpiFormulas.Evaluate(kv.Value), StringComparer.Ordinal);
    }

    /// <summary>An unknown KPI is not found (before the query is looked at), a bad query invalid; else up to limit + 1 cases.</summary>
    private async Task<Outcome<Drill>> BehindAsync(string kpi, IQueryCollection query, CancellationToken ct)
    {
        if (Kpi.Find(kpi) is not { } definition)
        {
            return new Outcome<Drill>.NotFound($"没有名为 {kpi} 的指标（可选：{Kpi.Codes}）");
        }
        DateTimeOffset now = time.GetUtcNow();
        KpiRequest parsed = KpiRequest.Parse(query, now, ShanghaiTime.Zone);
        if (parsed.Errors.Any)
        {
            return new Outcome<Drill>.Invalid(parsed.Errors);
        }
        return new Drill(parsed, await KpiReports.BehindAsync(db, await current.GetScopeAsync(ct), definition, parsed, now, ct));
    }

    private sealed record Drill(KpiRequest Request, List<Case> Rows);

    private static Outcome<T> Failed<T>(Outcome<Drill> failed) => failed switch
    {
        Outcome<Drill>.Invalid i => new Outcome<T>.Invalid(i.Errors),
        Outcome<Drill>.NotFound n => new Outcome<T>.NotFound(n.Detail),
        _ => throw new InvalidOperationException(failed.GetType().Name),
    };
}
