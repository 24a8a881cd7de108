using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Chengguan.Surveys;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Chengguan.Tests.Surveys;

/// <summary>Surveys over HTTP: set-up, both imports (row errors, nothing written, dry run, xlsx), who may do what, and the analysis on data checked by hand.</summary>
public abstract class SurveyApiTests(ChengguanApp app)
{
    private const string Pengpu = "彭浦镇";
    private const string LinfenCode = "310106021";
    private const string Linfen = "临汾路街道";

    private static MultipartFormDataContent File(string csv) => File(Encoding.UTF8.GetBytes(csv), "data.csv");

    private static MultipartFormDataContent File(byte[] bytes, string name)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "file", name);
        return content;
    }

    /// <summary>A kind of its own, so that periods never collide with other tests on the shared app.</summary>
    private async Task<string> KindAsync(HttpClient leader)
    {
        string code = "t-" + Guid.NewGuid().ToString("N")[..10];
        await (await leader.PostJson("/api/satisfaction/kinds", new { code, name = "测试测评" + code })).OkJson<SurveyKindDto>(HttpStatusCode.Created);
        return code;
    }

    private static object Survey(string kind, string period, double min = 0, double max = 10) => new
    {
        kind, period, scaleMin = min, scaleMax = max,
        indicators = new object[] { new { code = "a", name = "执法态度" }, new { code = "b", name = "执法规范" } },
    };

    private static async Task<SurveyDto> CreateAsync(HttpClient client, object survey) =>
        await (await client.PostJson("/api/satisfaction/surveys", survey)).OkJson<SurveyDto>(HttpStatusCode.Created);

    [Fact]
    public async Task A_survey_is_created_listed_and_read_with_its_tree_and_seeded_kinds()
    {
        HttpClient leader = await app.ClientFor("leader");
        var kinds = await (await leader.GetAsync("/api/satisfaction/kinds")).OkJson<List<SurveyKindDto>>();
        Assert.Contains(kinds, k => k.Code == SurveyKinds.Enforcement && k.Name == "城管执法工作市民满意度测评");
        Assert.Contains(kinds, k => k.Code == SurveyKinds.Cityscape);

        string kind = await KindAsync(leader);
        var created = await leader.PostJson("/api/satisfaction/surveys", new
        {
            kind, period = "2026H1", scaleMin = 1, scaleMax = 5,
            indicators = new object[] { new { code = "law", name = "执法" }, new { code = "law.attitude", name = "执法态度", parent = "law" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        SurveyDto dto = await created.OkJson<SurveyDto>(HttpStatusCode.Created);
        Assert.Equal($"/api/satisfaction/surveys/{dto.Id}", created.Headers.Location!.OriginalString);
        Assert.Equal(1, dto.IndicatorVersion);
        Assert.Equal("law", dto.Indicators[1].Parent);

        SurveyDto read = await (await leader.GetAsync($"/api/satisfaction/surveys/{dto.Id}")).OkJson<SurveyDto>();
        Assert.Equal("2026H1", read.Period);
        Assert.Contains(await (await leader.GetAsync("/api/satisfaction/surveys")).OkJson<List<SurveySummaryDto>>(), s => s.Id == dto.Id);

        // The same tree keeps the version, another tree is the next; the same period again is a conflict.
        SurveyDto same = await CreateAsync(leader, new { kind, period = "2026H2", scaleMin = 1, scaleMax = 5, indicators = new object[] { new { code = "law", name = "执法" }, new { code = "law.attitude", name = "执法态度", parent = "law" } } });
        Assert.Equal(1, same.IndicatorVersion);
        SurveyDto other = await CreateAsync(leader, new { kind, period = "2027H1", scaleMin = 1, scaleMax = 5, indicators = new object[] { new { code = "law", name = "执法" } } });
        Assert.Equal(2, other.IndicatorVersion);
        await (await leader.PostJson("/api/satisfaction/surveys", Survey(kind, "2026H1"))).Problem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_bad_survey_is_refused_field_by_field()
    {
        HttpClient chief = await app.ClientFor("chief");
        string kind = await KindAsync(chief);
        var problem = await (await chief.PostJson("/api/satisfaction/surveys", new
        {
            kind, period = "2026H3", scaleMin = 0, scaleMax = 10,
            indicators = new object[] { new { code = "a", name = "甲" }, new { code = "a", name = "乙" } },
        })).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("period"));
        problem = await (await chief.PostJson("/api/satisfaction/surveys", new
        {
            kind = "no-such-kind", period = "2026H1", scaleMin = 10, scaleMax = 0,
            indicators = new object[] { new { code = "a", name = "甲", parent = "z" }, new { code = "A", name = "乙" }, new { code = "overall", name = "总体" } },
        })).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("kind"));
        Assert.NotEmpty(problem.FieldErrors("scaleMax"));
        Assert.NotEmpty(problem.FieldErrors("indicators[0].parent"));
        Assert.Contains("指标编码 A 重复", problem.FieldErrors("indicators[1].code"));
        Assert.NotEmpty(problem.FieldErrors("indicators[2].code"));
    }

    [Fact]
    public async Task Only_leaders_chiefs_and_admins_set_up_and_only_readers_read()
    {
        HttpClient admin = await app.ClientFor("admin");
        string kind = await KindAsync(admin);
        SurveyDto survey = await CreateAsync(admin, Survey(kind, "2026H1"));
        await (await (await app.ClientFor("dispatcher")).PostJson("/api/satisfaction/surveys", Survey(kind, "2025H1"))).Problem(HttpStatusCode.Forbidden);
        await (await (await app.ClientFor("supervisor")).PostAsync($"/api/satisfaction/surveys/{survey.Id}/responses", File("respondent,street,overall\nx,彭浦镇,5\n")))
            .Problem(HttpStatusCode.Forbidden);
        await (await (await app.ClientFor("officer")).GetAsync($"/api/satisfaction/surveys/{survey.Id}/analysis")).Problem(HttpStatusCode.Forbidden);
        await (await (await app.ClientFor("supervisor")).GetAsync($"/api/satisfaction/surveys/{survey.Id}/analysis")).OkJson<SurveyAnalysisDto>();
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/satisfaction/surveys")).StatusCode);
        await (await admin.GetAsync($"/api/satisfaction/surveys/{Guid.NewGuid()}/analysis")).Problem(HttpStatusCode.NotFound);

        // A street team leader reads the district and their own street; another street is not found.
        HttpClient streetLeader = await app.ClientFor("jnl.leader");
        await (await streetLeader.GetAsync($"/api/satisfaction/surveys/{survey.Id}/analysis")).OkJson<SurveyAnalysisDto>();
        var own = await (await streetLeader.GetAsync($"/api/satisfaction/surveys/{survey.Id}/analysis?street=江宁路街道")).OkJson<SurveyAnalysisDto>();
        Assert.Equal("江宁路街道", own.Street);
        await (await streetLeader.GetAsync($"/api/satisfaction/surveys/{survey.Id}/analysis?street={Uri.EscapeDataString(Pengpu)}")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_respondent_file_with_bad_rows_is_refused_row_by_row_and_nothing_is_written()
    {
        HttpClient leader = await app.ClientFor("leader");
        SurveyDto survey = await CreateAsync(leader, Survey(await KindAsync(leader), "2026H1"));
        string csv = "respondent,street,overall,a,b\n"
            + "r1,彭浦镇,8,6,9\n"           // row 2: good
            + "r2,火星街道,8,6,9\n"         // row 3: unknown street
            + "r3,310106021,11,6,九\n"      // row 4: overall off the scale, b not a number
            + "r1,彭浦镇,8,,\n"             // row 5: respondent repeated
            + ",彭浦镇,7,5,5\n";           // row 6: no respondent
        var problem = await (await leader.PostAsync($"/api/satisfaction/surveys/{survey.Id}/responses", File(csv))).Problem(HttpStatusCode.BadRequest);
        Assert.Empty(problem.FieldErrors("rows[2].street"));
        Assert.NotEmpty(problem.FieldErrors("rows[3].street"));
        Assert.Contains("评分须在 0–10 之间", problem.FieldErrors("rows[4].overall"));
        Assert.NotEmpty(problem.FieldErrors("rows[4].b"));
        Assert.Contains("文件中受访者编号 r1 重复", problem.FieldErrors("rows[5].respondent"));
        Assert.NotEmpty(problem.FieldErrors("rows[6].respondent"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<SurveyResponse>().CountAsync(r => r.SurveyId == survey.Id)));

        // Unknown columns are named once.
        problem = await (await leader.PostAsync($"/api/satisfaction/surveys/{survey.Id}/responses", File("respondent,street,overall,zz\nq1,彭浦镇,5,5\nq2,彭浦镇,5,5\n")))
            .Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("rows[2].file"));
        Assert.Empty(problem.FieldErrors("rows[3].file"));
    }

    [Fact]
    public async Task Dry_run_checks_without_writing_and_xlsx_imports_too()
    {
        HttpClient leader = await app.ClientFor("leader");
        SurveyDto survey = await CreateAsync(leader, Survey(await KindAsync(leader), "2026H1"));
        var rows = new[]
        {
            new Dictionary<string, object> { ["respondent"] = "x1", ["street"] = Pengpu, ["overall"] = 8, ["a"] = 6, ["b"] = 9 },
            new Dictionary<string, object> { ["respondent"] = "x2", ["street"] = LinfenCode, ["overall"] = 7, ["a"] = "", ["b"] = 8.5 },
        };
        using var stream = new MemoryStream();
        stream.SaveAs(rows, sheetName: "受访者", excelType: ExcelType.XLSX);
        byte[] xlsx = stream.ToArray();

        var dry = await (await leader.PostAsync($"/api/satisfaction/surveys/{survey.Id}/responses?dryRun=true", File(xlsx, "r.xlsx"))).OkJson<SurveyImportReport>();
        Assert.Equal(new SurveyImportReport(true, 2, 0), dry);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<SurveyResponse>().CountAsync(r => r.SurveyId == survey.Id)));

        var real = await (await leader.PostAsync($"/api/satisfaction/surveys/{survey.Id}/responses", File(xlsx, "r.xlsx"))).OkJson<SurveyImportReport>();
        Assert.Equal(new SurveyImportReport(false, 2, 2), real);
        SurveyDto read = await (await leader.GetAsync($"/api/satisfaction/surveys/{survey.Id}")).OkJson<SurveyDto>();
        Assert.Equal(2, read.Respondents);
        // A respondent imported once is refused the second time; summaries cannot be mixed in.
        var again = await (await leader.PostAsync($"/api/satisfaction/surveys/{survey.Id}/responses", File(xlsx, "r.xlsx"))).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("受访者 x1 已导入", again.FieldErrors("rows[2].respondent"));
        await (await leader.PostAsync($"/api/satisfaction/surveys/{survey.Id}/summaries", File("street,indicator,mean,n\n彭浦镇,a,5,10\n"))).Problem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Templates_carry_the_survey_columns()
    {
        HttpClient leader = await app.ClientFor("leader");
        SurveyDto survey = await CreateAsync(leader, Survey(await KindAsync(leader), "2026H1"));
        string responses = await (await leader.GetAsync($"/api/satisfaction/surveys/{survey.Id}/responses/template.csv")).Content.ReadAsStringAsync();
        Assert.StartsWith("respondent,street,overall,a,b", responses.TrimStart('\uFEFF'));
        string summaries = await (await leader.GetAsync($"/api/satisfaction/surveys/{survey.Id}/summaries/template.csv")).Content.ReadAsStringAsync();
        Assert.StartsWith("street,indicator,mean,n,sd", summaries.TrimStart('\uFEFF'));
        // The template itself imports (dry run).
        await (await leader.PostAsync($"/api/satisfaction/surveys/{survey.Id}/responses?dryRun=true", File(responses))).OkJson<SurveyImportReport>();
        await (await leader.PostAsync($"/api/satisfaction/surveys/{survey.Id}/summaries?dryRun=true", File(summaries))).OkJson<SurveyImportReport>();
        await (await leader.GetAsync($"/api/satisfaction/surveys/{survey.Id}/other/template.csv")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_summary_file_with_bad_rows_is_refused_row_by_row()
    {
        HttpClient leader = await app.ClientFor("leader");
        SurveyDto survey = await CreateAsync(leader, Survey(await KindAsync(leader), "2025H2", 0, 100));
        string csv = "street,indicator,mean,n,sd\n彭浦镇,a,70,100,10\n彭浦镇,c,70,100,10\n临汾路街道,a,170,0,-1\n彭浦镇,a,60,50,\n";
        var problem = await (await leader.PostAsync($"/api/satisfaction/surveys/{survey.Id}/summaries", File(csv))).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("rows[3].indicator"));
        Assert.NotEmpty(problem.FieldErrors("rows[4].mean"));
        Assert.NotEmpty(problem.FieldErrors("rows[4].n"));
        Assert.NotEmpty(problem.FieldErrors("rows[4].sd"));
        Assert.Contains("文件中该街镇该指标重复", problem.FieldErrors("rows[5].indicator"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<SurveySummary>().CountAsync(r => r.SurveyId == survey.Id)));
    }

    /// <summary>
    /// Five respondents in two streets on a 0–10 scale, worked by hand:
    /// a = 6,4,8 (彭浦镇) and 2,5 (临汾路街道): mean 5, ss 20, sd √5, CI 5 ± t(0.975,4)·√5/√5 = 5 ± 2.776445;
    /// overall = 8,6,9,5,7: r(a, overall) = 14/√(20·10) = 0.989949.
    /// b = 9,8,7 and 9 (one blank): mean 8.25, ss 2.75, sd 0.957427, CI 8.25 ± 3.182446·0.957427/2; r(b, overall) = −3/√(2.75·10) = −0.572078.
    /// Means over indicators: importance 0.208936, performance 6.625: a is 重点改进, b 锦上添花.
    /// Priority: a in 临汾路街道 = 0.989949 × (5 − 3.5) = 1.484924; b has r &lt; 0 and names nothing.
    /// The previous period has summaries of a only: two streets of mean 4, n 10, sd 2 → pooled n 20, mean 4, sd √(72/19).
    /// </summary>
    [Fact]
    public async Task Analysis_of_a_small_known_dataset_matches_the_hand_computation()
    {
        HttpClient leader = await app.ClientFor("leader");
        string kind = await KindAsync(leader);
        SurveyDto before = await CreateAsync(leader, Survey(kind, "2025H2"));
        await (await leader.PostAsync($"/api/satisfaction/surveys/{before.Id}/summaries", File($"street,indicator,mean,n,sd\n{Pengpu},a,4,10,2\n{LinfenCode},a,4,10,2\n")))
            .OkJson<SurveyImportReport>();
        SurveyDto survey = await CreateAsync(leader, Survey(kind, "2026H1"));
        string csv = $"respondent,street,overall,a,b\nr1,{Pengpu},8,6,9\nr2,{Pengpu},6,4,8\nr3,{Pengpu},9,8,7\nr4,{Linfen},5,2,9\nr5,{LinfenCode},7,5,\n";
        await (await leader.PostAsync($"/api/satisfaction/surveys/{survey.Id}/responses", File(csv))).OkJson<SurveyImportReport>();

        var result = await (await leader.GetAsync($"/api/satisfaction/surveys/{survey.Id}/analysis")).OkJson<SurveyAnalysisDto>();
        Assert.Equal("respondents", result.Level);
        Assert.Equal("2025H2", result.PreviousPeriod);
        IndicatorAnalysis a = result.Indicators.Single(i => i.Code == "a"), b = result.Indicators.Single(i => i.Code == "b");
        Assert.Equal(5, a.N);
        Assert.Equal(5, a.Mean!.Value, 9);
        Assert.Equal(Math.Sqrt(5), a.Sd!.Value, 9);
        Assert.Equal(5 - 2.776445, a.Ci95Low!.Value, 0.00001);
        Assert.Equal(5 + 2.776445, a.Ci95High!.Value, 0.00001);
        Assert.Equal(0.989949, a.Importance!.Value, 5);
        Assert.True(a.LowConfidence);
        Assert.Equal(Quadrants.FixFirst, a.Quadrant);
        Assert.Equal(4, b.N);
        Assert.Equal(8.25, b.Mean!.Value, 9);
        Assert.Equal(8.25 - 3.182446 * 0.957427 / 2, b.Ci95Low!.Value, 4);
        Assert.Equal(-0.572078, b.Importance!.Value, 5);
        Assert.Equal(Quadrants.Surplus, b.Quadrant);
        Assert.Equal(0.208936, result.MeanImportance!.Value, 5);
        Assert.Equal(6.625, result.MeanPerformance!.Value, 9);

        // Against the previous period: a from pooled summaries with sd; b had no figures.
        Assert.Equal(4, a.PreviousMean!.Value, 9);
        Assert.Equal(1, a.Change!.Value, 9);
        // Welch by hand: v1 = 5/5 = 1, v2 = (72/19)/20; t = 1/√(v1+v2) = 0.916900, ν = 5.6169; two-sided p ≈ 0.397 (> 0.05).
        WelchResult w = SurveyStatistics.Welch(5, Math.Sqrt(5), 5, 4, Math.Sqrt(72.0 / 19), 20)!.Value;
        Assert.Equal(0.916900, w.T, 5);
        Assert.Equal(5.6169, w.Df, 3);
        Assert.Equal(w.P, a.PValue!.Value, 9);
        Assert.InRange(a.PValue.Value, 0.35, 0.45);
        Assert.False(a.Significant);
        Assert.Null(b.PreviousMean);
        Assert.Null(b.PValue);

        PriorityCell top = Assert.Single(result.Priority);
        Assert.Equal(("a", Linfen), (top.Indicator, top.Street));
        Assert.Equal(1.484924, top.Score, 5);
        Assert.Contains(result.Hotline, h => h.Street == Linfen);

        // One street: its own figures and importance (three pairs in 彭浦镇: a = 6,4,8 with overall 8,6,9 → r = 6/√(8·4.6667) = 0.981981).
        var street = await (await leader.GetAsync($"/api/satisfaction/surveys/{survey.Id}/analysis?street={Uri.EscapeDataString(Pengpu)}")).OkJson<SurveyAnalysisDto>();
        IndicatorAnalysis sa = street.Indicators.Single(i => i.Code == "a");
        Assert.Equal((3, 6.0), (sa.N, sa.Mean!.Value));
        Assert.Equal(0.981981, sa.Importance!.Value, 5);
        Assert.Equal(4, sa.PreviousMean!.Value, 9);
        Assert.Empty(street.Priority);
        Assert.All(street.Hotline, h => Assert.Equal(Pengpu, h.Street));
    }

    /// <summary>
    /// Summary level: three streets' means of a (60, 75, 85) against their overall means (70, 80, 90): r = 250/√(316.667·200) = 0.993399,
    /// flagged lowConfidence (three streets, fewer than ten); the district mean is n-weighted (73.333); without sd no CI and no p-value.
    /// </summary>
    [Fact]
    public async Task Analysis_from_summaries_takes_importance_across_street_means()
    {
        HttpClient chief = await app.ClientFor("chief");
        string kind = await KindAsync(chief);
        SurveyDto survey = await CreateAsync(chief, Survey(kind, "2026H1", 0, 100));
        string csv = "street,indicator,mean,n\n彭浦镇,overall,70,100\n彭浦镇,a,60,100\n临汾路街道,overall,80,100\n临汾路街道,a,75,100\n江宁路街道,overall,90,100\n江宁路街道,a,85,100\n";
        var report = await (await chief.PostAsync($"/api/satisfaction/surveys/{survey.Id}/summaries", File(csv))).OkJson<SurveyImportReport>();
        Assert.Equal(6, report.Written);
        var result = await (await chief.GetAsync($"/api/satisfaction/surveys/{survey.Id}/analysis")).OkJson<SurveyAnalysisDto>();
        Assert.Equal("summaries", result.Level);
        IndicatorAnalysis a = result.Indicators.Single(i => i.Code == "a");
        Assert.Equal(300, a.N);
        Assert.Equal(220.0 / 3, a.Mean!.Value, 9);
        Assert.Equal(0.993399, a.Importance!.Value, 5);
        Assert.True(a.LowConfidence);
        Assert.Null(a.Ci95Low);
        Assert.Null(a.PValue);
        Assert.Equal(0, result.Indicators.Single(i => i.Code == "b").N);
        PriorityCell top = result.Priority[0];
        // 彭浦镇 is furthest below the district: 0.993399 × (73.333 − 60) = 13.24532.
        Assert.Equal(Pengpu, top.Street);
        Assert.Equal(13.24532, top.Score, 4);
    }
}

public sealed class SurveyApiTestsOnSqlite(SqliteApp app) : SurveyApiTests(app);

public sealed class SurveyApiTestsOnPostgres(PostgresApp app) : SurveyApiTests(app);
