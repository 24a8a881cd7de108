using System.Net;
using System.Text.Json;
using Chengguan.Assessment;
using Chengguan.Infrastructure;
using Chengguan.Kpis;
using Chengguan.Organisation;
using Chengguan.Supervision;
using Chengguan.Tests.Demolition;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Tests.Assessment;

/// <summary>
/// Performance assessment over HTTP on a clock the tests move (an application of its own): schemes from the library
/// (bad weights refused), a quarter scored from the platform's data and manual scores with evidence and a bonus,
/// the drill-down matching the data behind it (supervision files written here, the KPI report), scope (a street team
/// sees only its own results, another team's is not found), publication, an appeal upheld and republished as a new
/// version, and an appeal after the window refused.
/// </summary>
public abstract partial class AssessmentApiTests<TApp>(TApp app) where TApp : DemolitionApp
{
    private const string Jiangning = "310106006";

    /// <summary>The fixture, for the other part of this class (AssessmentSourcesApiTests.cs).</summary>
    private TApp App => app;

    private Task<Guid> TeamAsync(string street) => app.WithDbAsync(db => db.Units
        .Where(u => u.Kind == UnitKind.StreetTeam && db.Units.Any(s => s.Id == u.ParentId && s.Code == street)).Select(u => u.Id).FirstAsync());

    private static object SchemeOf(AssessedKind kind, IEnumerable<SchemeItem> items, string name) => new
    {
        kind, name, items = items.Select(i => new { i.Code, i.Name, i.Source, i.Direction, i.Method, i.Weight, i.Floor, i.Target, i.PassMark }),
        bands = new { excellent = 90, good = 80, pass = 70, basicPass = 60 }, bonusCap = 5, deductionCap = 10,
    };

    private async Task<PeriodDto> SetUpQuarterAsync(HttpClient leader, string name)
    {
        IndicatorLibraryDto library = await (await leader.GetAsync("/api/assessment/library")).OkJson<IndicatorLibraryDto>();
        foreach (AssessedKind kind in Enum.GetValues<AssessedKind>())
        {
            await (await leader.PostJson("/api/assessment/schemes", SchemeOf(kind, library.Defaults[kind], $"{name}·{kind}"))).OkJson<SchemeDto>(HttpStatusCode.Created);
        }
        DateOnly today = ShanghaiTime.Today(app.Clock);
        return await (await leader.PostJson("/api/assessment/periods", new { kind = "Quarter", key = Periods.KeyOf(PeriodKind.Quarter, today), name, appealDays = 5 }))
            .OkJson<PeriodDto>(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_quarter_is_scored_from_data_and_assessors_published_appealed_and_republished()
    {
        app.RequireAvailable();
        HttpClient leader = await app.ClientFor("leader"), dispatcher = await app.ClientFor("dispatcher"), team = await app.ClientFor("jnl.leader");
        string name = "季度考核-" + Guid.NewGuid().ToString("N")[..8];

        IndicatorLibraryDto library = await (await leader.GetAsync("/api/assessment/library")).OkJson<IndicatorLibraryDto>();
        Assert.Contains(library.Computed, i => i.Code == "on-time-accept" && i.Source == "kpis");
        Assert.Contains(library.Computed, i => i.Code == DirectiveIndicatorSource.OnTime);
        await (await dispatcher.PostJson("/api/assessment/schemes", SchemeOf(AssessedKind.Squad, library.Defaults[AssessedKind.Squad], name))).Problem(HttpStatusCode.Forbidden);
        JsonElement bad = await (await leader.PostJson("/api/assessment/schemes",
            SchemeOf(AssessedKind.Squad, library.Defaults[AssessedKind.Squad].Skip(1), name))).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("权重之和须为 100", bad.FieldErrors("items")[0]);
        JsonElement unknown = await (await leader.PostJson("/api/assessment/schemes", SchemeOf(AssessedKind.Squad,
            [new SchemeItem("no-such", "无此指标", "kpis", Direction.HigherBetter, ScoringMethod.Linear, 100, 0, 1)], name))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["指标库中没有该计算指标"], unknown.FieldErrors("items[0].code"));
        JsonElement badKey = await (await leader.PostJson("/api/assessment/periods", new { kind = "Quarter", key = "2031-11" })).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["季度周期写作 2026年第4季度"], badKey.FieldErrors("key"));

        PeriodDto period = await SetUpQuarterAsync(leader, name);
        Assert.Equal(4, period.Schemes.Count);
        string p = $"/api/assessment/periods/{period.Id}";
        Guid jiangning = await TeamAsync(Jiangning), other = await TeamAsync("310106013");

        // Known data behind the supervision score: two sampled files of the street reviewed inside the quarter.
        await app.WithDbAsync(async db =>
        {
            Guid street = await db.Units.Where(u => u.Code == Jiangning).Select(u => u.Id).FirstAsync();
            var plan = new SupervisionPlan { Name = name, From = period.From, To = period.To, Cases = true, ChecklistVersion = 1, CreatedAt = app.Clock.GetUtcNow() };
            db.SupervisionPlans.Add(plan);
            for (int i = 0; i < 2; i++)
            {
                db.SupervisionFiles.Add(new SupervisionFile
                {
                    PlanId = plan.Id, Seq = i + 1, StreetId = street, SubjectType = "case", SubjectId = Guid.NewGuid(), Reference = $"A-{i}", Summary = "抽查案卷",
                    Score = 8 + i, MaxScore = 10, ReviewedAt = app.Clock.GetUtcNow().AddHours(-1 - i),
                });
            }
            await db.SaveChangesAsync();
            return 0;
        });
        (long expectScore, long expectMax) = await app.WithDbAsync(async db =>
        {
            Guid street = await db.Units.Where(u => u.Code == Jiangning).Select(u => u.Id).FirstAsync();
            AssessmentWindow w = Periods.Window(period.From, period.To);
            var files = await db.SupervisionFiles.Where(f => f.StreetId == street && f.Score != null && f.ReviewedAt >= w.Start && f.ReviewedAt < w.End)
                .Select(f => new { f.Score, f.MaxScore }).ToListAsync();
            return ((long)files.Sum(f => f.Score!.Value), (long)files.Sum(f => f.MaxScore));
        });

        // Manual score with evidence, a bonus; refusals.
        await (await team.PostJson($"{p}/scores", new { subjectId = jiangning, indicatorCode = "team-building", value = 90, evidence = "自评" })).Problem(HttpStatusCode.Forbidden);
        JsonElement computed = await (await leader.PostJson($"{p}/scores", new { subjectId = jiangning, indicatorCode = "on-time-accept", value = 1, evidence = "不应人工" }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["该指标由平台数据计算，不能人工评分"], computed.FieldErrors("indicatorCode"));
        JsonElement noEvidence = await (await leader.PostJson($"{p}/scores", new { subjectId = jiangning, indicatorCode = "team-building", value = 90 })).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["须填写评分依据"], noEvidence.FieldErrors("evidence"));
        ResultDetail scored = await (await leader.PostJson($"{p}/scores", new
        {
            subjectId = jiangning, indicatorCode = "team-building", value = 90, evidence = "队伍建设台账齐全，例会记录完整", evidenceRef = "台账 2031-04",
        })).OkJson<ResultDetail>();
        ResultLine manual = scored.Result.Lines.Single(l => l.Code == "team-building");
        Assert.Equal((90m, 4.5m, "台账 2031-04"), (manual.Value!.Value, manual.Points, manual.Manual!.EvidenceRef!));
        Assert.False(string.IsNullOrEmpty(manual.Manual.Assessor));
        await (await leader.PostJson($"{p}/adjustments", new { subjectId = jiangning, points = 0, reason = "无" })).Problem(HttpStatusCode.BadRequest);
        ResultDetail adjusted = await (await leader.PostJson($"{p}/adjustments", new { subjectId = jiangning, points = 3, reason = "获市级文明中队表彰" })).OkJson<ResultDetail>();
        Assert.Equal(3m, adjusted.Result.Bonus);
        Assert.Contains(adjusted.Result.Adjustments, a => a.Reason == "获市级文明中队表彰" && a.Points == 3);

        // Drill-down: the supervision line is the files' sum; the KPI lines are the KPI report's row for the unit.
        ResultLine supervision = adjusted.Result.Lines.Single(l => l.Code == SupervisionIndicatorSource.Score);
        Assert.Equal((expectScore, expectMax), ((long)supervision.Numerator!.Value, (long)supervision.Denominator!.Value));
        Assert.Equal(KpiFormulas.Rate(expectScore, expectMax), supervision.Value);
        KpiReport kpis = await (await leader.GetAsync($"/api/kpis?from={period.From:yyyy-MM-dd}&to={period.To:yyyy-MM-dd}&groupBy=unit")).OkJson<KpiReport>();
        foreach (SubjectResult squad in (await ResultsOfKindAsync(leader, p, AssessedKind.Squad)).Concat([adjusted.Result]))
        {
            KpiRow? row = kpis.Rows.FirstOrDefault(r => r.Id == squad.SubjectId);
            ResultLine onTime = squad.Lines.Single(l => l.Code == Kpi.OnTimeClosure);
            Assert.Equal(row?[Kpi.OnTimeClosure].Rate, onTime.Value);
            if (row is not null && row[Kpi.OnTimeClosure].Denominator > 0)
            {
                Assert.Equal(row[Kpi.OnTimeClosure].Numerator, (long)onTime.Numerator!.Value);
                Assert.StartsWith($"/api/kpis/{Kpi.OnTimeClosure}/cases?", onTime.Link);
            }
        }
        Assert.Equal(adjusted.Result.Lines.Sum(l => l.Points) + 3, adjusted.Result.Total);

        // Scope: the team sees its own result and its officers', not another team's.
        PeriodResults mine = await (await team.GetAsync($"{p}/results")).OkJson<PeriodResults>();
        Assert.True(mine.Live);
        Assert.Contains(mine.Rows, r => r.SubjectId == jiangning);
        Assert.DoesNotContain(mine.Rows, r => r.SubjectId == other);
        await (await team.GetAsync($"{p}/results/{other}")).Problem(HttpStatusCode.NotFound);
        await (await leader.GetAsync($"/api/assessment/periods/{Guid.NewGuid()}/results")).Problem(HttpStatusCode.NotFound);
        await (await team.PostJson($"{p}/appeals", new { subjectId = jiangning, indicatorCode = SupervisionIndicatorSource.Score, grounds = "尚未公布时申诉" }))
            .Problem(HttpStatusCode.Conflict);

        // Publication freezes version 1; scoring is then refused.
        await (await team.PostAsync($"{p}/publish", null)).Problem(HttpStatusCode.Forbidden);
        PeriodResults published = await (await leader.PostAsync($"{p}/publish", null)).OkJson<PeriodResults>();
        Assert.Equal((false, 1, PeriodState.Published), (published.Live, published.Version, published.Period.State));
        Assert.True(published.Period.AppealOpen);
        Assert.Contains(published.Rows, r => r.Kind == AssessedKind.Officer);
        await (await leader.PostJson($"{p}/scores", new { subjectId = jiangning, indicatorCode = "team-building", value = 95, evidence = "公布后改分" })).Problem(HttpStatusCode.Conflict);
        decimal before = published.Rows.Single(r => r.SubjectId == jiangning).Total;

        // The team appeals its supervision score; another team's result is not found to it.
        await (await team.PostJson($"{p}/appeals", new { subjectId = other, indicatorCode = SupervisionIndicatorSource.Score, grounds = "替别人申诉" })).Problem(HttpStatusCode.NotFound);
        JsonElement noLine = await (await team.PostJson($"{p}/appeals", new { subjectId = jiangning, indicatorCode = "nothing", grounds = "没有这项指标" })).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["该考核结果中没有这项指标"], noLine.FieldErrors("indicatorCode"));
        AppealDto appeal = await (await team.PostJson($"{p}/appeals", new { subjectId = jiangning, indicatorCode = SupervisionIndicatorSource.Score, grounds = "第二份案卷复核后应为满分" }))
            .OkJson<AppealDto>(HttpStatusCode.Created);
        Assert.Equal((AppealState.Filed, "督查抽查得分率"), (appeal.State, appeal.IndicatorName));
        await (await team.PostJson($"{p}/appeals/{appeal.Id}/decision", new { uphold = true, correctedValue = 0.95, decision = "自己采纳" })).Problem(HttpStatusCode.Forbidden);
        JsonElement noValue = await (await leader.PostJson($"{p}/appeals/{appeal.Id}/decision", new { uphold = true, decision = "采纳" })).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["采纳申诉须填写更正后的指标值"], noValue.FieldErrors("correctedValue"));
        AppealDto decided = await (await leader.PostJson($"{p}/appeals/{appeal.Id}/decision", new { uphold = true, correctedValue = 0.95, decision = "经复核，第二份案卷应为满分" }))
            .OkJson<AppealDto>();
        Assert.Equal((AppealState.Upheld, 0.95m), (decided.State, decided.CorrectedValue!.Value));
        await (await leader.PostJson($"{p}/appeals/{appeal.Id}/decision", new { uphold = false, decision = "再处理一次" })).Problem(HttpStatusCode.Conflict);

        ResultDetail after = await (await team.GetAsync($"{p}/results/{jiangning}")).OkJson<ResultDetail>();
        Assert.Equal(2, after.Version);
        ResultLine corrected = after.Result.Lines.Single(l => l.Code == SupervisionIndicatorSource.Score);
        Assert.True(corrected.Corrected);
        Assert.Equal((0.95m, 5m), (corrected.Value!.Value, corrected.Points));
        Assert.True(after.Result.Total >= before);
        Assert.Single(after.Appeals);
        List<AppealDto> listed = await (await team.GetAsync($"{p}/appeals")).OkJson<List<AppealDto>>();
        Assert.Contains(listed, a => a.Id == appeal.Id && a.State == AppealState.Upheld);

        // After the window the appeal is refused.
        app.Clock.Advance(TimeSpan.FromDays(6));
        await (await team.PostJson($"{p}/appeals", new { subjectId = jiangning, indicatorCode = "team-building", grounds = "申诉期后再申诉" })).Problem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_yearly_assessment_scores_officers_with_their_units_share_and_the_read_door_gives_the_published_bands()
    {
        app.RequireAvailable();
        HttpClient leader = await app.ClientFor("leader"), team = await app.ClientFor("jnl.leader");
        Guid jiangning = await TeamAsync(Jiangning);
        int year = ShanghaiTime.Today(app.Clock).Year;
        PeriodDto period = await (await leader.PostJson("/api/assessment/periods", new { kind = "Year", key = $"{year}", name = "年度考核-" + Guid.NewGuid().ToString("N")[..8] }))
            .OkJson<PeriodDto>(HttpStatusCode.Created);
        Assert.Equal((new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)), (period.From, period.To));
        string p = $"/api/assessment/periods/{period.Id}";

        // The team sees its officers; an officer's "unit" line is the team's total.
        PeriodResults mine = await (await team.GetAsync($"{p}/results")).OkJson<PeriodResults>();
        decimal teamTotal = mine.Rows.Single(r => r.SubjectId == jiangning).Total;
        Guid[] teamOfficers = await app.WithDbAsync(db => db.People.Where(x => x.UnitId == jiangning && x.Active && x.BadgeNumber != null).Select(x => x.Id).ToArrayAsync());
        ResultRow officer = mine.Rows.First(r => r.Kind == AssessedKind.Officer && teamOfficers.Contains(r.SubjectId));
        ResultDetail detail = await (await team.GetAsync($"{p}/results/{officer.SubjectId}")).OkJson<ResultDetail>();
        Assert.Equal(jiangning, detail.Result.UnitId);
        Assert.Equal(teamTotal, detail.Result.Lines.Single(l => l.Source == SchemeItem.UnitScore).Value);
        Assert.False(detail.CanAppeal);

        PeriodResults published = await (await leader.PostAsync($"{p}/publish", null)).OkJson<PeriodResults>();
        Guid[] ids = [jiangning, officer.SubjectId];
        Dictionary<Guid, AssessmentBand> bands = await app.WithDbAsync(db => new AssessmentResults(db).BandsAsync(ids, year, CancellationToken.None));
        foreach (Guid id in ids)
        {
            ResultRow row = published.Rows.Single(r => r.SubjectId == id);
            Assert.Equal((row.Total, row.Band), (bands[id].Total, bands[id].Band));
        }
        Assert.Empty(await app.WithDbAsync(db => new AssessmentResults(db).BandsAsync(ids, year - 1, CancellationToken.None)));
    }

    private static async Task<IReadOnlyList<SubjectResult>> ResultsOfKindAsync(HttpClient who, string p, AssessedKind kind)
    {
        PeriodResults results = await (await who.GetAsync($"{p}/results")).OkJson<PeriodResults>();
        var list = new List<SubjectResult>();
        foreach (ResultRow row in results.Rows.Where(r => r.Kind == kind))
        {
            list.Add((await (await who.GetAsync($"{p}/results/{row.SubjectId}")).OkJson<ResultDetail>()).Result);
        }
        return list;
    }
}

public sealed class AssessmentApiTestsOnSqlite(DemolitionSqliteApp app) : AssessmentApiTests<DemolitionSqliteApp>(app), IClassFixture<DemolitionSqliteApp>;

public sealed class AssessmentApiTestsOnPostgres(DemolitionPostgresApp app) : AssessmentApiTests<DemolitionPostgresApp>(app), IClassFixture<DemolitionPostgresApp>;
