using System.Net;
using Chengguan.Cases;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Kpis;
using Chengguan.Kpis.Pages;
using Chengguan.Organisation;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Chengguan.Tests.Kpis;

/// <summary>The KPI table, its drill-down and its Excel export over HTTP (and the dashboard's reads through the same door), on the cases of <see cref="KpiScenario"/>.</summary>
public abstract class KpiApiTests(KpiApp app)
{
    private static readonly Dictionary<string, (long Numerator, long Denominator)> s_jiangningMay = new()
    {
        [Kpi.OnTimeAccept] = (2, 5), // H1, H3 met; H2 late, H4 swept, H5 past due unswept
        [Kpi.OnTimeOnSite] = (1, 2), // H1 met, H2 late; H3's was cancelled by a direct answer
        [Kpi.OnTimePreliminary] = (3, 3),
        [Kpi.OnTimeClosure] = (3, 6), // H1, H2, G1 met; H3, G2 late; A0 (filed in April) breached 7 May
        [Kpi.Closure] = (4, 9), // filed: H1–H5, G0 (reported in April), G1, G2, G4; G3 never filed
        [Kpi.ProactiveDiscovery] = (3, 9), // G0, G1 patrol, G2 grid inspector
        [Kpi.Rework] = (2, 7), // G1 rework + H2 re-handle ÷ handlings H1, H2×2, H3, G1×2, G2
        [Kpi.Satisfaction] = (3, 4), // H1, H2 (second), H3 ÷ those and H2's 不满意
        [Kpi.Resolution] = (3, 4), // all but H2's 不满意; a satisfied callback cannot record 未解决 yet (Fields.Has takes false as missing)
        [Kpi.ReplyQuality] = (4, 5), // H2's first reply returned
    };

    private static readonly Dictionary<string, (long Numerator, long Denominator)> s_shimenMay = new()
    {
        [Kpi.OnTimeAccept] = (1, 1), [Kpi.OnTimeOnSite] = (0, 1), [Kpi.OnTimePreliminary] = (0, 1), [Kpi.OnTimeClosure] = (0, 0),
        [Kpi.Closure] = (0, 1), [Kpi.ProactiveDiscovery] = (0, 1), [Kpi.Rework] = (0, 0), [Kpi.Satisfaction] = (0, 0),
        [Kpi.Resolution] = (0, 0), [Kpi.ReplyQuality] = (0, 0),
    };

    private static readonly Dictionary<string, (long Numerator, long Denominator)> s_jiangningApril = new()
    {
        [Kpi.OnTimeAccept] = (1, 1), [Kpi.OnTimeOnSite] = (1, 1), [Kpi.OnTimePreliminary] = (1, 1), [Kpi.OnTimeClosure] = (0, 0),
        [Kpi.Closure] = (0, 1), [Kpi.ProactiveDiscovery] = (0, 1), [Kpi.Rework] = (0, 0), [Kpi.Satisfaction] = (0, 0),
        [Kpi.Resolution] = (0, 0), [Kpi.ReplyQuality] = (0, 0),
    };

    private static void AssertCounts(IReadOnlyDictionary<string, (long Numerator, long Denominator)> expected, KpiRow row)
    {
        Assert.Equal(Kpi.All.Select(d => d.Code), row.Kpis.Select(k => k.Kpi));
        Assert.Equal(Kpi.All.Select(d => (d.Code, expected[d.Code])), row.Kpis.Select(k => (k.Kpi, (k.Numerator, k.Denominator))));
        Assert.All(row.Kpis, k => Assert.Equal(KpiFormulas.Rate(k.Numerator, k.Denominator), k.Rate));
    }

    private static Dictionary<string, (long, long)> Sum(params IReadOnlyDictionary<string, (long Numerator, long Denominator)>[] rows) =>
        Kpi.All.ToDictionary(d => d.Code, d => (rows.Sum(r => r[d.Code].Numerator), rows.Sum(r => r[d.Code].Denominator)));

    private async Task<KpiReport> ReportAsync(string user, string query) =>
        await (await (await app.ClientFor(user)).GetAsync("/api/kpis?" + query)).OkJson<KpiReport>();

    private async Task<string[]> BehindAsync(string user, string query)
    {
        KpiScenario s = await app.Scenario;
        var page = await (await (await app.ClientFor(user)).GetAsync("/api/kpis/" + query)).OkJson<Page<CaseSummary>>();
        Assert.Null(page.Next);
        return [.. page.Items.Select(c => s.NameOf(c.Id)).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task Every_kpi_of_every_street_has_the_exact_counts_of_its_cases()
    {
        KpiScenario s = await app.Scenario;
        KpiReport report = await ReportAsync("dispatcher", KpiScenario.May);
        Assert.Equal((new DateOnly(2031, 5, 1), new DateOnly(2031, 5, 31), KpiGrouping.Street), (report.From, report.To, report.GroupBy));
        Assert.Equal(new DateTimeOffset(2031, 5, 1, 0, 0, 0, TimeSpan.FromHours(8)), report.Start);
        Assert.Equal(new DateTimeOffset(2031, 6, 1, 0, 0, 0, TimeSpan.FromHours(8)), report.End);
        int streets = await app.WithDbAsync(db => db.Units.CountAsync(u => u.Kind == UnitKind.Street || u.Kind == UnitKind.Town));
        Assert.Equal(streets, report.Rows.Count);
        AssertCounts(s_jiangningMay, report.Rows.Single(r => r.Id == s.JiangningId));
        AssertCounts(s_shimenMay, report.Rows.Single(r => r.Id == s.ShimenId));
        Assert.All(report.Rows.Where(r => r.Id != s.JiangningId && r.Id != s.ShimenId), r => Assert.All(r.Kpis, k => Assert.Equal((0L, 0L, (decimal?)null), (k.Numerator, k.Denominator, k.Rate))));
        Assert.Equal((null, "合计"), (report.Total.Id, report.Total.Name));
        AssertCounts(Sum(s_jiangningMay, s_shimenMay), report.Total);
        Assert.Equal(0.4444m, report.Rows.Single(r => r.Id == s.JiangningId)[Kpi.Closure].Rate);

        // Without dates the period is the current month in Shanghai (the scenario ends on 14 May).
        KpiReport current = await ReportAsync("dispatcher", "");
        Assert.Equal((report.From, report.To), (current.From, current.To));
        AssertCounts(Sum(s_jiangningMay, s_shimenMay), current.Total);
    }

    [Fact]
    public async Task A_number_falls_in_the_period_of_its_own_moment_and_periods_add_up()
    {
        KpiScenario s = await app.Scenario;
        KpiReport april = await ReportAsync("jnl.officer", "from=2031-04-01&to=2031-04-30");
        AssertCounts(s_jiangningApril, april.Rows.Single(r => r.Id == s.JiangningId));
        KpiReport both = await ReportAsync("jnl.officer", "from=2031-04-01&to=2031-05-31");
        AssertCounts(Sum(s_jiangningApril, s_jiangningMay), both.Rows.Single(r => r.Id == s.JiangningId));
        KpiReport later = await ReportAsync("jnl.officer", "from=2031-05-15&to=2031-06-30");
        Assert.All(later.Total.Kpis, k => Assert.Equal((0L, 0L), (k.Numerator, k.Denominator)));
    }

    [Fact]
    public async Task The_rollups_equal_a_recount_of_the_stored_rows_and_the_raw_counts_of_every_period_and_grouping()
    {
        KpiScenario s = await app.Scenario;
        DateTimeOffset now = app.Clock.GetUtcNow();
        // The scenario's every move went through EF saves (intake through the bulk writer): the upkeep left no drift.
        Assert.Empty(await app.WithDbAsync(db => new Chengguan.Kpis.Rollups.KpiRollups(db).VerifyAsync(default)));
        (DateOnly From, DateOnly To)[] periods = [(new(2031, 4, 1), new(2031, 4, 30)), (new(2031, 5, 1), new(2031, 5, 31)), (new(2031, 5, 7), new(2031, 5, 7)), (new(2031, 4, 1), new(2031, 5, 31))];
        foreach ((DateOnly from, DateOnly to) in periods)
        {
            foreach (KpiGrouping grouping in Enum.GetValues<KpiGrouping>())
            {
                KpiPeriod period = KpiPeriod.Of(from, to, ShanghaiTime.Zone);
                var (raw, rolled) = await app.WithDbAsync(async db => (
                    await new KpiSources(db, period, now).CountAsync(db.Cases.AsNoTracking(), grouping, default),
                    await Chengguan.Kpis.Rollups.KpiRollupReader.CountAsync(db, null, null, null, period, grouping, now, default)));
                Assert.Equal(Flat(raw), Flat(rolled));
            }
        }
        Assert.NotEqual(Guid.Empty, s.JiangningId);

        static List<string> Flat(Dictionary<Guid, KpiCounts> rows) =>
            [.. rows.Select(kv => (kv.Key, Values: string.Join(",", KpiFormulas.Evaluate(kv.Value).Select(k => $"{k.Numerator}/{k.Denominator}"))))
                .Where(r => r.Values.Split(',').Any(v => v != "0/0")).OrderBy(r => r.Key).Select(r => $"{r.Key}:{r.Values}")];
    }

    [Theory]
    [InlineData(Kpi.OnTimeAccept, "H1,H3", "H1,H2,H3,H4,H5")]
    [InlineData(Kpi.OnTimeOnSite, "H1", "H1,H2")]
    [InlineData(Kpi.OnTimePreliminary, "H1,H2,H3", "H1,H2,H3")]
    [InlineData(Kpi.OnTimeClosure, "G1,H1,H2", "A0,G1,G2,H1,H2,H3")]
    [InlineData(Kpi.Closure, "G1,H1,H2,H3", "G0,G1,G2,G4,H1,H2,H3,H4,H5")]
    [InlineData(Kpi.ProactiveDiscovery, "G0,G1,G2", "G0,G1,G2,G4,H1,H2,H3,H4,H5")]
    [InlineData(Kpi.Rework, "G1,H2", "G1,G2,H1,H2,H3")]
    [InlineData(Kpi.Satisfaction, "H1,H2,H3", "H1,H2,H3")]
    [InlineData(Kpi.Resolution, "H1,H2,H3", "H1,H2,H3")]
    [InlineData(Kpi.ReplyQuality, "H1,H2,H3", "H1,H2,H3")]
    public async Task Drill_down_lists_exactly_the_cases_behind_a_number(string kpi, string numerator, string denominator)
    {
        KpiScenario s = await app.Scenario;
        string street = $"{KpiScenario.May}&street={s.JiangningId}";
        Assert.Equal(numerator.Split(','), await BehindAsync("dispatcher", $"{kpi}/cases?{street}&part=numerator"));
        Assert.Equal(denominator.Split(','), await BehindAsync("dispatcher", $"{kpi}/cases?{street}&part=denominator"));
        Assert.Equal(denominator.Split(','), await BehindAsync("jnl.officer", $"{kpi}/cases?{KpiScenario.May}"));
    }

    [Fact]
    public async Task Drill_down_pages_newest_first_with_a_cursor()
    {
        KpiScenario s = await app.Scenario;
        HttpClient client = await app.ClientFor("dispatcher");
        string url = $"/api/kpis/on-time-closure/cases?{KpiScenario.May}&street={s.JiangningId}&part=denominator&limit=4";
        var first = await (await client.GetAsync(url)).OkJson<Page<CaseSummary>>();
        Assert.Equal(4, first.Items.Count);
        Assert.NotNull(first.Next);
        var rest = await (await client.GetAsync($"{url}&after={first.Next}")).OkJson<Page<CaseSummary>>();
        Assert.Null(rest.Next);
        CaseSummary[] all = [.. first.Items, .. rest.Items];
        Assert.Equal(["A0", "G1", "G2", "H1", "H2", "H3"], all.Select(c => s.NameOf(c.Id)).Order(StringComparer.Ordinal));
        Assert.Equal(all.OrderByDescending(c => c.ReportedAt).ThenByDescending(c => c.Id), all);
    }

    [Fact]
    public async Task A_street_officer_sees_only_the_street_in_rows_totals_and_drill_down()
    {
        KpiScenario s = await app.Scenario;
        KpiReport jiangning = await ReportAsync("jnl.officer", KpiScenario.May);
        Assert.Equal([s.JiangningId], jiangning.Rows.Select(r => r.Id));
        AssertCounts(s_jiangningMay, jiangning.Total);

        KpiReport shimen = await ReportAsync("smel.officer", KpiScenario.May);
        Assert.Equal([s.ShimenId], shimen.Rows.Select(r => r.Id));
        AssertCounts(s_shimenMay, shimen.Total);
        Assert.Equal(["S1"], await BehindAsync("smel.officer", $"on-time-accept/cases?{KpiScenario.May}"));
        Assert.Empty(await BehindAsync("smel.officer", $"on-time-accept/cases?{KpiScenario.May}&street={s.JiangningId}"));

        // Asking for another street's row shows nothing of it.
        KpiReport other = await ReportAsync("smel.officer", $"{KpiScenario.May}&street={s.JiangningId}");
        Assert.Empty(other.Rows);
        Assert.All(other.Total.Kpis, k => Assert.Equal((0L, 0L), (k.Numerator, k.Denominator)));
    }

    [Fact]
    public async Task Grouped_by_responsible_unit_the_rows_are_the_units_and_the_total_is_the_same()
    {
        KpiScenario s = await app.Scenario;
        KpiReport byUnit = await ReportAsync("dispatcher", $"{KpiScenario.May}&groupBy=unit");
        KpiReport byStreet = await ReportAsync("dispatcher", KpiScenario.May);
        Assert.Equal(KpiGrouping.Unit, byUnit.GroupBy);
        Assert.Equal(byStreet.Total, byUnit.Total, (a, b) => a.Kpis.SequenceEqual(b.Kpis));
        Guid[] ids = [.. s.Cases.Values];
        List<Guid?> units = await app.WithDbAsync(db => db.Cases.Where(c => ids.Contains(c.Id)).Select(c => c.UnitId).Distinct().ToListAsync());
        Assert.Equal(units.Order(), byUnit.Rows.Select(r => r.Id).Order());
        Assert.Equal(
            KpiFormulas.Evaluate(new KpiCounts()).Select(k => k.Kpi),
            byUnit.Rows.SelectMany(r => r.Kpis).Select(k => k.Kpi).Distinct());
        foreach (KpiDefinition d in Kpi.All)
        {
            Assert.Equal(byUnit.Total[d.Code].Denominator, byUnit.Rows.Sum(r => r[d.Code].Denominator));
        }
    }

    [Fact]
    public async Task Bad_input_is_400_with_field_errors_an_unknown_kpi_404_and_the_api_is_for_staff()
    {
        HttpClient client = await app.ClientFor("dispatcher");
        var problem = await (await client.GetAsync("/api/kpis?from=2031-13-01&to=2031-05-31&groupBy=grid")).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("from"));
        Assert.NotEmpty(problem.FieldErrors("groupBy"));
        problem = await (await client.GetAsync("/api/kpis?from=2031-01-01&to=2032-01-01")).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("1 年", problem.FieldErrors("to").Single());
        problem = await (await client.GetAsync("/api/kpis?from=2031-05-01")).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("to"));
        problem = await (await client.GetAsync("/api/kpis/rework/cases?part=all&limit=500&after=nope&street=x")).Problem(HttpStatusCode.BadRequest);
        foreach (string field in new[] { "part", "limit", "after", "street" })
        {
            Assert.NotEmpty(problem.FieldErrors(field));
        }
        problem = await (await client.GetAsync("/api/kpis/export.xlsx?sort=happiness")).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("sort"));
        problem = await (await client.GetAsync("/api/kpis/happiness/cases")).Problem(HttpStatusCode.NotFound);
        Assert.Contains("happiness", problem.GetProperty("detail").GetString());

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/kpis")).StatusCode);
        HttpClient admin = await app.ClientFor("admin");
        CreatedApiKey key = await (await admin.PostJson("/api/api-keys", new { name = "指标接口探测", integration = "hotline" })).OkJson<CreatedApiKey>(HttpStatusCode.Created);
        HttpClient machine = app.Anonymous();
        machine.DefaultRequestHeaders.Add("X-Api-Key", key.Secret);
        // No integration's business: a key gets 404, as for a route that does not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await machine.GetAsync("/api/kpis")).StatusCode);
    }

    [Fact]
    public async Task The_league_table_opens_in_excel_ranked_by_the_chosen_kpi_with_chinese_headers()
    {
        await app.Scenario;
        HttpResponseMessage response = await (await app.ClientFor("dispatcher")).GetAsync($"/api/kpis/export.xlsx?{KpiScenario.May}&sort=closure");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(KpiExport.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(".xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal([KpiExport.SheetName], MiniExcel.GetSheetNames(stream));
        stream.Position = 0;
        List<IDictionary<string, object?>> rows = [.. MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>()];
        Assert.Equal(["排名", "街镇", .. KpiExport.Columns().Select(c => c.Header)], rows[0].Keys);
        int streets = await app.WithDbAsync(db => db.Units.CountAsync(u => u.Kind == UnitKind.Street || u.Kind == UnitKind.Town));
        Assert.Equal(streets + 1, rows.Count);

        // 江宁路 4/9 first, 石门二路 0/1 second, streets without filings unranked, the total last.
        Assert.Equal(("江宁路街道", 1.0, 4.0, 9.0, 0.4444), (rows[0]["街镇"], Number(rows[0]["排名"]), Number(rows[0]["结案数"]), Number(rows[0]["立案数"]), Number(rows[0]["结案率"])));
        Assert.Equal(("石门二路街道", 2.0, 0.0), (rows[1]["街镇"], Number(rows[1]["排名"]), Number(rows[1]["结案率"])));
        Assert.All(rows.Skip(2).SkipLast(1), r => Assert.True(Blank(r["排名"]) && Blank(r["结案率"]), $"{r["街镇"]} should be unranked"));
        Assert.Equal(("合计", 10.0, 0.4, 4.0, 5.0, 0.8), (rows[^1]["街镇"], Number(rows[^1]["立案数"]), Number(rows[^1]["结案率"]), Number(rows[^1]["答复未退回数"]), Number(rows[^1]["答复数"]), Number(rows[^1]["答复合格率"])));
        Assert.True(Blank(rows[^1]["排名"]));

        // The rework rate ranks the lowest first.
        HttpResponseMessage rework = await (await app.ClientFor("dispatcher")).GetAsync($"/api/kpis/export.xlsx?{KpiScenario.May}&sort=rework&groupBy=unit");
        using var reworkStream = new MemoryStream(await rework.Content.ReadAsByteArrayAsync());
        var first = (IDictionary<string, object?>)MiniExcel.Query(reworkStream, useHeaderRow: true).First();
        Assert.Equal(1.0, Number(first["排名"]));
        Assert.Contains("承办单位", first.Keys);
    }

    [Fact]
    public async Task The_dashboard_reads_the_same_league_and_the_cases_behind_a_number_with_their_streets_through_the_door()
    {
        KpiScenario s = await app.Scenario;
        Task<Outcome<T>> AsDispatcher<T>(Func<KpiQueries, Task<Outcome<T>>> work) =>
            app.AsConsoleUserAsync("dispatcher", Roles.Dispatcher, sp => work(sp.GetRequiredService<KpiQueries>()));

        KpiLeague league = Assert.IsType<Outcome<KpiLeague>.Done>(
            await AsDispatcher(k => k.LeagueAsync(KpiDashboard.Collection($"{KpiScenario.May}&sort={Kpi.Closure}"), default))).Value;
        LeagueRow jiangning = Assert.Single(league.League, l => l.Row.Id == s.JiangningId);
        AssertCounts(s_jiangningMay, jiangning.Row);
        Assert.Equal(1, jiangning.Rank);
        Assert.Equal(2, Assert.Single(league.League, l => l.Row.Id == s.ShimenId).Rank);

        // H1 and H3 were accepted on time; one is shown, and the list says there are more.
        KpiCases behind = Assert.IsType<Outcome<KpiCases>.Done>(await AsDispatcher(k => k.CaseRowsAsync(Kpi.OnTimeAccept,
            KpiDashboard.Collection($"{KpiScenario.May}&street={s.JiangningId}&part=numerator&limit=1"), default))).Value;
        KpiCase shown = Assert.Single(behind.Rows);
        Assert.True(behind.Truncated);
        Assert.Contains(s.NameOf(shown.Case.Id), new[] { "H1", "H3" });
        Assert.Equal("江宁路街道", shown.StreetName);
        Assert.NotNull(shown.UnitName);

        Assert.IsType<Outcome<KpiCases>.NotFound>(await AsDispatcher(k => k.CaseRowsAsync("no-such-kpi", KpiDashboard.Collection(KpiScenario.May), default)));
        Assert.IsType<Outcome<KpiLeague>.Invalid>(await AsDispatcher(k => k.LeagueAsync(KpiDashboard.Collection("from=2031-05-31&to=2031-05-01"), default)));
    }

    private static double Number(object? cell) => Convert.ToDouble(cell, System.Globalization.CultureInfo.InvariantCulture);

    private static bool Blank(object? cell) => cell is null || cell is string { Length: 0 };
}

public sealed class KpiApiTestsOnSqlite(KpiSqliteApp app) : KpiApiTests(app), IClassFixture<KpiSqliteApp>;

public sealed class KpiApiTestsOnPostgres(KpiPostgresApp app) : KpiApiTests(app), IClassFixture<KpiPostgresApp>;
