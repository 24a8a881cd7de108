using System.Globalization;
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

/// <summary>
/// The dashboard behind <c>/dashboard</c> speaks the query string of <c>GET /api/kpis</c>: the page builds one
/// (so that the export link carries the same filter) and hands it to <see cref="KpiQueries"/>, the door the API
/// uses too (same parser, scope, counts and ranking), for the table and the drill-down to the cases behind a number.
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

    /// <summary>A query string as the door reads it.</summary>
    public static IQueryCollection Collection(string query) => new QueryCollection(QueryHelpers.ParseQuery(query));

    public static KpiRequest Parse(string query, DateTimeOffset now) => KpiRequest.Parse(Collection(query), now, ShanghaiTime.Zone);

    /// <summary>A rate as the table shows it: a percentage with two decimals, or a dash when there is nothing to count.</summary>
    public static string Rate(decimal? rate) => rate is { } r ? (r * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "—";

    /// <summary>The rate for data attributes (a plain invariant number, empty when undefined) so tests read figures without parsing text.</summary>
    public static string RateValue(decimal? rate) => rate is { } r ? r.ToString(CultureInfo.InvariantCulture) : "";
}
