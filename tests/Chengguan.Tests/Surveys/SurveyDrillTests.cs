using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Chengguan.Rectification;
using Chengguan.Surveys;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Tests.Surveys;

/// <summary>
/// Trend lines and the drill-down of a priority cell over HTTP, on the small dataset of <see cref="SurveyApiTests"/>'s hand
/// computation: 2025H2 from summaries (a: 4 ± 2, n 10 in 彭浦镇 and in 临汾路), 2026H1 from five respondents.
/// </summary>
public abstract class SurveyDrillTests(ChengguanApp app)
{
    private const string Pengpu = "彭浦镇";
    private const string Linfen = "临汾路街道";
    private const string LinfenCode = "310106021";

    private static MultipartFormDataContent File(string csv)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "data.csv");
        return content;
    }

    private static object Survey(string kind, string period) => new
    {
        kind, period, scaleMin = 0, scaleMax = 10,
        indicators = new object[] { new { code = "a", name = "执法态度" }, new { code = "b", name = "执法规范" } },
    };

    /// <summary>A kind of its own with the two periods; answers the kind's code and the later survey.</summary>
    private async Task<(string Kind, SurveyDto Survey)> DatasetAsync(HttpClient leader)
    {
        string kind = "d-" + Guid.NewGuid().ToString("N")[..10];
        await (await leader.PostJson("/api/satisfaction/kinds", new { code = kind, name = "下钻测评" + kind })).OkJson<SurveyKindDto>(HttpStatusCode.Created);
        SurveyDto before = await (await leader.PostJson("/api/satisfaction/surveys", Survey(kind, "2025H2"))).OkJson<SurveyDto>(HttpStatusCode.Created);
        await (await leader.PostAsync($"/api/satisfaction/surveys/{before.Id}/summaries", File($"street,indicator,mean,n,sd\n{Pengpu},a,4,10,2\n{LinfenCode},a,4,10,2\n")))
            .OkJson<SurveyImportReport>();
        SurveyDto survey = await (await leader.PostJson("/api/satisfaction/surveys", Survey(kind, "2026H1"))).OkJson<SurveyDto>(HttpStatusCode.Created);
        string csv = $"respondent,street,overall,a,b\nr1,{Pengpu},8,6,9\nr2,{Pengpu},6,4,8\nr3,{Pengpu},9,8,7\nr4,{Linfen},5,2,9\nr5,{LinfenCode},7,5,\n";
        await (await leader.PostAsync($"/api/satisfaction/surveys/{survey.Id}/responses", File(csv))).OkJson<SurveyImportReport>();
        return (kind, survey);
    }

    [Fact]
    public async Task A_trend_gives_each_period_district_wide_and_for_a_street_and_follows_a_new_import()
    {
        HttpClient leader = await app.ClientFor("leader");
        (string kind, SurveyDto survey) = await DatasetAsync(leader);

        SurveyTrendDto trend = await (await leader.GetAsync($"/api/satisfaction/trends?kind={kind}&indicator=a&street={Uri.EscapeDataString(Pengpu)}")).OkJson<SurveyTrendDto>();
        Assert.Equal(("a", "执法态度", Pengpu), (trend.Indicator, trend.IndicatorName, trend.Street));
        Assert.Equal(["2025H2", "2026H1"], trend.Points.Select(p => p.Period));
        TrendPoint first = trend.Points[0], second = trend.Points[1];
        Assert.Equal("summaries", first.Level);
        // 2025H2 pooled over the two streets: mean 4, n 20, sd √(72/19): CI 4 ± t(0.975,19)·sd/√20.
        Assert.Equal((4.0, 20), (first.District.Mean!.Value, first.District.N));
        Assert.Equal(4 - 2.093024 * Math.Sqrt(72.0 / 19) / Math.Sqrt(20), first.District.Ci95Low!.Value, 4);
        Assert.Equal((4.0, 10), (first.Street!.Mean!.Value, first.Street.N));
        Assert.Equal(("respondents", survey.Id), (second.Level, second.SurveyId));
        Assert.Equal((5.0, 5), (second.District.Mean!.Value, second.District.N));
        Assert.Equal(5 - 2.776445, second.District.Ci95Low!.Value, 0.00001);
        Assert.Equal((6.0, 3), (second.Street!.Mean!.Value, second.Street.N));

        // District only; b exists in both periods but only 2026H1 has figures for it.
        SurveyTrendDto district = await (await leader.GetAsync($"/api/satisfaction/trends?kind={Uri.EscapeDataString("下钻测评" + kind)}&indicator=B")).OkJson<SurveyTrendDto>();
        Assert.Null(district.Street);
        Assert.All(district.Points, p => Assert.Null(p.Street));
        Assert.Equal((null, 0), (district.Points[0].District.Mean, district.Points[0].District.N));
        Assert.Equal(8.25, district.Points[1].District.Mean!.Value, 9);

        // One more respondent: the figures kept since the import are dropped, trend and analysis count it.
        await (await leader.PostAsync($"/api/satisfaction/surveys/{survey.Id}/responses", File($"respondent,street,overall,a,b\nr6,{Pengpu},9,10,\n"))).OkJson<SurveyImportReport>();
        SurveyTrendDto after = await (await leader.GetAsync($"/api/satisfaction/trends?kind={kind}&indicator=a&street={Uri.EscapeDataString(Pengpu)}")).OkJson<SurveyTrendDto>();
        Assert.Equal((7.0, 4), (after.Points[1].Street!.Mean!.Value, after.Points[1].Street!.N));
        var analysis = await (await leader.GetAsync($"/api/satisfaction/surveys/{survey.Id}/analysis")).OkJson<SurveyAnalysisDto>();
        Assert.Equal(6, analysis.Indicators.Single(i => i.Code == "a").N);
    }

    [Fact]
    public async Task A_bad_trend_request_is_refused_and_only_readers_read()
    {
        HttpClient leader = await app.ClientFor("leader");
        (string kind, _) = await DatasetAsync(leader);
        var missing = await (await leader.GetAsync("/api/satisfaction/trends")).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(missing.FieldErrors("kind"));
        Assert.NotEmpty(missing.FieldErrors("indicator"));
        await (await leader.GetAsync("/api/satisfaction/trends?kind=no-such-kind&indicator=a")).Problem(HttpStatusCode.NotFound);
        await (await leader.GetAsync($"/api/satisfaction/trends?kind={kind}&indicator=zz")).Problem(HttpStatusCode.NotFound);
        await (await leader.GetAsync($"/api/satisfaction/trends?kind={kind}&indicator=a&street=没有的街道")).Problem(HttpStatusCode.NotFound);
        await (await (await app.ClientFor("officer")).GetAsync($"/api/satisfaction/trends?kind={kind}&indicator=a")).Problem(HttpStatusCode.Forbidden);
        // A street team leader reads the district and their own street, not another street.
        HttpClient jnl = await app.ClientFor("jnl.leader");
        Assert.Null((await (await jnl.GetAsync($"/api/satisfaction/trends?kind={kind}&indicator=a")).OkJson<SurveyTrendDto>()).Street);
        await (await jnl.GetAsync($"/api/satisfaction/trends?kind={kind}&indicator=a&street={Uri.EscapeDataString(Pengpu)}")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_cell_drills_down_to_its_figures_distribution_daily_work_cases_and_rectification()
    {
        HttpClient leader = await app.ClientFor("leader");
        (_, SurveyDto survey) = await DatasetAsync(leader);
        var analysis = await (await leader.GetAsync($"/api/satisfaction/surveys/{survey.Id}/analysis")).OkJson<SurveyAnalysisDto>();
        PriorityCell top = Assert.Single(analysis.Priority);

        SurveyCellDto cell = await (await leader.GetAsync($"/api/satisfaction/surveys/{survey.Id}/cell?indicator=a&street={top.StreetId}")).OkJson<SurveyCellDto>();
        Assert.Equal(("a", Linfen, "2026H1"), (cell.Indicator, cell.Street, cell.Period));
        // 临汾路: a = 2 and 5 → mean 3.5, sd √4.5, CI 3.5 ± 12.706205·√4.5/√2.
        Assert.Equal((3.5, 2), (cell.Cell.Mean!.Value, cell.Cell.N));
        Assert.Equal(3.5 - 12.706205 * Math.Sqrt(4.5) / Math.Sqrt(2), cell.Cell.Ci95Low!.Value, 4);
        Assert.Equal((5.0, 5), (cell.District.Mean!.Value, cell.District.N));
        Assert.Equal(0.989949, cell.Importance!.Value, 5);
        Assert.Equal(top.Score, cell.Score!.Value, 9);
        Assert.Equal("2025H2", cell.PreviousPeriod);
        Assert.Equal((4.0, 10), (cell.Previous!.Mean!.Value, cell.Previous.N));
        Assert.Equal(-0.5, cell.Change!.Value, 9);
        Assert.Equal(SurveyStatistics.Welch(3.5, Math.Sqrt(4.5), 2, 4, 2, 10)!.Value.P, cell.PValue!.Value, 9);

        // Scale 0–10: a bar per point; the answers 2 and 5.
        Assert.Equal(11, cell.Distribution.Count);
        Assert.Equal([2, 5], cell.Distribution.Select((b, i) => (b, i)).Where(x => x.b.Count > 0).Select(x => x.i));
        Assert.Equal(2, cell.Distribution.Sum(b => b.Count));

        Assert.Equal(Linfen, cell.Hotline!.Street);
        Assert.Equal(new DateTimeOffset(2025, 12, 31, 16, 0, 0, TimeSpan.Zero), cell.CasesFrom);
        Assert.Equal(new DateTimeOffset(2026, 6, 30, 16, 0, 0, TimeSpan.Zero), cell.CasesTo);
        int cases = await app.WithDbAsync(db => db.Cases.CountAsync(c => c.StreetId == top.StreetId && c.ReportedAt >= cell.CasesFrom && c.ReportedAt < cell.CasesTo));
        Assert.Equal(cases, cell.Cases);
        Assert.Empty(cell.Rectification);

        // A plan item drafted from the cell answers it.
        var plan = await (await leader.PostJson("/api/rectification/plans", new { period = $"{Random.Shared.Next(3000, 9999)}H1", title = "整改工作方案" }))
            .OkJson<PlanSummary>(HttpStatusCode.Created);
        PlanBoard board = await (await leader.PostJson($"/api/rectification/plans/{plan.Id}/draft", new
        {
            cells = new[] { new { surveyId = survey.Id, indicatorCode = "a", indicatorName = "执法态度", streetId = top.StreetId, score = top.Score, districtMean = top.DistrictMean } },
        })).OkJson<PlanBoard>();
        cell = await (await leader.GetAsync($"/api/satisfaction/surveys/{survey.Id}/cell?indicator=A&street={Uri.EscapeDataString(Linfen)}")).OkJson<SurveyCellDto>();
        CellRectification item = Assert.Single(cell.Rectification);
        Assert.Equal((board.Items[0].Id, plan.Id, plan.Period, nameof(RectificationState.Drafted)), (item.ItemId, item.PlanId, item.PlanPeriod, item.State));

        // A street without answers: no figure, an empty distribution, no score.
        SurveyCellDto empty = await (await leader.GetAsync($"/api/satisfaction/surveys/{survey.Id}/cell?indicator=b&street={Uri.EscapeDataString("江宁路街道")}")).OkJson<SurveyCellDto>();
        Assert.Equal((null, 0), (empty.Cell.Mean, empty.Cell.N));
        Assert.Null(empty.Score);
        Assert.Equal(0, empty.Distribution.Sum(b => b.Count));
    }

    [Fact]
    public async Task A_bad_cell_request_is_refused()
    {
        HttpClient leader = await app.ClientFor("leader");
        (_, SurveyDto survey) = await DatasetAsync(leader);
        var missing = await (await leader.GetAsync($"/api/satisfaction/surveys/{survey.Id}/cell")).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(missing.FieldErrors("indicator"));
        Assert.NotEmpty(missing.FieldErrors("street"));
        await (await leader.GetAsync($"/api/satisfaction/surveys/{Guid.NewGuid()}/cell?indicator=a&street={Uri.EscapeDataString(Pengpu)}")).Problem(HttpStatusCode.NotFound);
        await (await leader.GetAsync($"/api/satisfaction/surveys/{survey.Id}/cell?indicator=zz&street={Uri.EscapeDataString(Pengpu)}")).Problem(HttpStatusCode.NotFound);
        await (await leader.GetAsync($"/api/satisfaction/surveys/{survey.Id}/cell?indicator=a&street=没有的街道")).Problem(HttpStatusCode.NotFound);
        await (await (await app.ClientFor("officer")).GetAsync($"/api/satisfaction/surveys/{survey.Id}/cell?indicator=a&street={Uri.EscapeDataString(Pengpu)}")).Problem(HttpStatusCode.Forbidden);
        await (await (await app.ClientFor("jnl.leader")).GetAsync($"/api/satisfaction/surveys/{survey.Id}/cell?indicator=a&street={Uri.EscapeDataString(Pengpu)}")).Problem(HttpStatusCode.NotFound);
    }
}

public sealed class SurveyDrillTestsOnSqlite(SqliteApp app) : SurveyDrillTests(app);

public sealed class SurveyDrillTestsOnPostgres(PostgresApp app) : SurveyDrillTests(app);
