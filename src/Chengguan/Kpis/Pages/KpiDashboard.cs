using System.Globalization;
using Chengguan.Cases;
using Chengguan.Cases.Pages;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace Chengguan.Kpis.Pages;

/// <summary>The period presets of the dashboard (本月, 上月, 本季度, 本年), all in Asia/Shanghai days.</summary>
public enum PeriodPreset
{
    ThisMonth,
    LastMonth,
    ThisQuarter,
    ThisYear,
}

/// <summary>One line of the league table: a street or unit with its rank by the chosen KPI (null when it has no rate).</summary>
public sealed record LeagueRow(KpiRow Row, int? Rank);

public sealed record DashboardResult(KpiReport? Report, IReadOnlyList<LeagueRow> League, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>
/// The dashboard behind <c>/dashboard</c>: the query string of <c>GET /api/kpis</c> (same parser,
/// scope, counts and ranking as the API and its Excel export), and the drill-down to the cases
/// behind a number. The page builds a query string so that the export link carries the same filter.
/// </summary>
public static class KpiDashboard
{
    /// <summary>The API's export accepts the console's cookie (the staff policy authenticates it), so the page links to it.</summary>
    public const string ExportPath = "/api/kpis/export.xlsx";

    /// <summary>Drill-down lists stop here; the API pages further with its cursor.</summary>
    public const int DrillLimit = KpiRequest.MaxLimit;

    public static readonly string[] AllowedRoles = [Roles.Admin, Roles.BureauLeader, Roles.SectionChief, Roles.Supervisor];

    public const string AllowedRolesText = Roles.Admin + "," + Roles.BureauLeader + "," + Roles.SectionChief + "," + Roles.Supervisor;

    /// <summary>First and last day (inclusive) of a preset on the given local day.</summary>
    public static (DateOnly From, DateOnly To) Range(PeriodPreset preset, DateOnly today)
    {
        var month = new DateOnly(today.Year, today.Month, 1);
        switch (preset)
        {
            case PeriodPreset.LastMonth:
                return (month.AddMonths(-1), month.AddDays(-1));
            case PeriodPreset.ThisQuarter:
                var quarter = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1);
                return (quarter, quarter.AddMonths(3).AddDays(-1));
            case PeriodPreset.ThisYear:
                return (new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31));
            default:
                return (month, month.AddMonths(1).AddDays(-1));
        }
    }

    /// <summary>The query string understood by every /api/kpis endpoint; blank dates are left out (the API then counts this month).</summary>
    public static string Query(string? from, string? to, KpiGrouping groupBy, string sort, params (string Key, string? Value)[] extra)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                pairs.Add(new(key, value.Trim()));
            }
        }
        Add("from", from);
        Add("to", to);
        Add("groupBy", groupBy.ToString().ToLowerInvariant());
        Add("sort", sort);
        foreach ((string key, string? value) in extra)
        {
            Add(key, value);
        }
        return QueryString.Create(pairs).ToUriComponent().TrimStart('?');
    }

    /// <summary>The drill-down query of one cell: the row's key (street or unit, "none" for cases without one; nothing for the total) and the part.</summary>
    public static string DrillQuery(string query, KpiGrouping groupBy, KpiRow row, KpiPart part)
    {
        string? key = row.Name == KpiReports.TotalName && row.Id is null ? null : row.Id?.ToString() ?? "none";
        var extra = new List<string> { $"part={part.ToString().ToLowerInvariant()}", $"limit={DrillLimit}" };
        if (key is not null)
        {
            extra.Add($"{(groupBy == KpiGrouping.Street ? "street" : "unit")}={Uri.EscapeDataString(key)}");
        }
        return string.Join('&', new[] { query }.Concat(extra).Where(s => s.Length > 0));
    }

    public static KpiRequest Parse(string query, DateTimeOffset now) =>
        KpiRequest.Parse(new QueryCollection(QueryHelpers.ParseQuery(query)), now, ShanghaiTime.Zone);

    public static async Task<DashboardResult> ReportAsync(IServiceProvider sp, string query, CancellationToken ct)
    {
        DateTimeOffset now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
        KpiRequest parsed = Parse(query, now);
        if (parsed.Errors.Any)
        {
            return new(null, [], parsed.Errors.ToDictionary());
        }
        AppDbContext db = sp.GetRequiredService<AppDbContext>();
        KpiReport report = await KpiReports.BuildAsync(db, await sp.GetRequiredService<CurrentUser>().GetScopeAsync(ct), parsed, now, ct);
        return new(report, [.. KpiExport.Rank(report.Rows, parsed.Sort).Select(r => new LeagueRow(r.Row, r.Rank))], new Dictionary<string, string[]>());
    }

    /// <summary>The cases behind one number (at most <see cref="DrillLimit"/>), as rows of the case list; Truncated when there are more.</summary>
    public static async Task<(IReadOnlyList<CaseRow> Rows, bool Truncated, IReadOnlyDictionary<string, string[]> Errors)> BehindAsync(
        IServiceProvider sp, string kpi, string query, CancellationToken ct)
    {
        DateTimeOffset now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
        KpiRequest parsed = Parse(query, now);
        if (Kpi.Find(kpi) is not { } definition)
        {
            return ([], false, new Dictionary<string, string[]> { ["kpi"] = [$"没有名为 {kpi} 的指标"] });
        }
        if (parsed.Errors.Any)
        {
            return ([], false, parsed.Errors.ToDictionary());
        }
        AppDbContext db = sp.GetRequiredService<AppDbContext>();
        List<Case> rows = await KpiReports.BehindAsync(db, await sp.GetRequiredService<CurrentUser>().GetScopeAsync(ct), definition, parsed, now, ct);
        List<Case> shown = [.. rows.Take(parsed.Limit)];
        Dictionary<Guid, string> names = await CaseConsole.UnitNamesAsync(db, shown.SelectMany(c => new[] { c.StreetId, c.UnitId }), ct);
        return ([.. shown.Select(c => new CaseRow(CaseMapping.Summary(c), c.StreetId is { } s ? names.GetValueOrDefault(s) : null, c.UnitId is { } u ? names.GetValueOrDefault(u) : null))],
            rows.Count > parsed.Limit, new Dictionary<string, string[]>());
    }

    /// <summary>A rate as the table shows it: a percentage with two decimals, or a dash when there is nothing to count.</summary>
    public static string Rate(decimal? rate) => rate is { } r ? (r * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "—";

    /// <summary>The rate for data attributes (a plain invariant number, empty when undefined) so tests read figures without parsing text.</summary>
    public static string RateValue(decimal? rate) => rate is { } r ? r.ToString(CultureInfo.InvariantCulture) : "";
}
