using System.Net;
using System.Text.Json;
using Chengguan.Evidence;
using Chengguan.Infrastructure;
using Chengguan.Notifications;
using Chengguan.Organisation;
using Chengguan.Rectification;
using Chengguan.Tests.Demolition;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Chengguan.Tests.Rectification;

/// <summary>
/// The rectification plan over HTTP on a clock the tests move (the demolition tests' application):
/// a plan drafted from survey cells, worked by the street team, verified (failed once), closed,
/// exported; the lights turning as time passes; the overdue warning reaching the team's leader.
/// </summary>
public abstract class RectificationApiTests<TApp>(TApp app) where TApp : DemolitionApp
{
    private const string Jiangning = "310106006", Shimen = "310106011";

    private async Task<(Guid Street, Guid Team)> StreetAsync(string code) => await app.WithDbAsync(async db =>
    {
        Guid street = await db.Units.Where(u => u.Code == code).Select(u => u.Id).FirstAsync();
        Guid team = await db.Units.Where(u => u.ParentId == street && u.Kind == UnitKind.StreetTeam).Select(u => u.Id).FirstAsync();
        return (street, team);
    });

    /// <summary>A period no other test (nor the demo) uses.</summary>
    private static string NewPeriod() => $"{Random.Shared.Next(3000, 9999)}H{Random.Shared.Next(1, 3)}";

    private static async Task<PlanSummary> NewPlanAsync(HttpClient leader) =>
        await (await leader.PostJson("/api/rectification/plans", new { period = NewPeriod(), title = "提高城管执法市民满意度的整改工作方案" })).OkJson<PlanSummary>(HttpStatusCode.Created);

    private static object Cell(Guid street, string code, string name, double score = 71.2, double mean = 78.5) =>
        new { surveyId = Guid.NewGuid(), indicatorCode = code, indicatorName = name, streetId = street, score, districtMean = mean };

    private static Task<HttpResponseMessage> Act(HttpClient who, Guid id, string action, object? body = null) =>
        who.PostJson($"/api/rectification/items/{id}/actions/{action}", body ?? new { });

    private void Days(double days) => app.Clock.Advance(TimeSpan.FromDays(days));

    [Fact]
    public async Task A_plan_is_drafted_from_cells_worked_by_the_owner_verified_after_a_fail_closed_and_exported()
    {
        app.RequireAvailable();
        HttpClient leader = await app.ClientFor("leader"), chief = await app.ClientFor("chief"), supervisor = await app.ClientFor("supervisor");
        HttpClient jnl = await app.ClientFor("jnl.leader"), smel = await app.ClientFor("smel.officer");
        (Guid jnlStreet, Guid jnlTeam) = await StreetAsync(Jiangning);
        (Guid smelStreet, _) = await StreetAsync(Shimen);

        PlanSummary plan = await NewPlanAsync(leader);
        await (await leader.PostJson("/api/rectification/plans", new { period = plan.Period, title = "重复" })).Problem(HttpStatusCode.Conflict);
        await (await jnl.PostJson("/api/rectification/plans", new { period = NewPeriod(), title = "中队不能制定" })).Problem(HttpStatusCode.Forbidden);
        Assert.NotEmpty((await (await leader.PostJson("/api/rectification/plans", new { period = "2026下半年", title = "x" })).Problem(HttpStatusCode.BadRequest)).FieldErrors("period"));

        // A cell naming no street refuses the whole draft: nothing is written.
        JsonElement bad = await (await leader.PostJson($"/api/rectification/plans/{plan.Id}/draft",
            new { cells = new[] { Cell(jnlStreet, "TD", "执法态度"), Cell(Guid.NewGuid(), "XF", "乱设摊治理") } })).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(bad.FieldErrors("cells[1].streetId"));
        Assert.Empty((await (await leader.GetAsync($"/api/rectification/plans/{plan.Id}")).OkJson<PlanBoard>()).Items);
        await (await jnl.PostJson($"/api/rectification/plans/{plan.Id}/draft", new { cells = new[] { Cell(jnlStreet, "TD", "执法态度") } })).Problem(HttpStatusCode.Forbidden);

        PlanBoard board = await (await leader.PostJson($"/api/rectification/plans/{plan.Id}/draft",
            new { cells = new[] { Cell(jnlStreet, "TD", "执法态度"), Cell(smelStreet, "XF", "乱设摊治理", 65, 80) } })).OkJson<PlanBoard>();
        Assert.Equal(2, board.Items.Count);
        ItemRow mine = board.Items.Single(i => i.Cells[0].StreetId == jnlStreet), theirs = board.Items.Single(i => i.Cells[0].StreetId == smelStreet);
        Assert.Equal(jnlTeam, mine.OwnerUnitId);
        Assert.Contains("江宁路街道“执法态度”满意度 71.2 分，低于全区平均 78.5 分", mine.Problem);
        Assert.Equal(ShanghaiTime.Today(app.Clock).AddDays(RectificationPlans.DefaultDays), mine.Deadline);
        Assert.Equal((RectificationState.Drafted, Light.Green, "TD"), (mine.State, mine.Light, mine.Cells[0].IndicatorCode));
        Assert.Equal(1, await app.WithDbAsync(db => db.Clocks.CountAsync(c => c.SubjectType == RectificationProcedure.SubjectType && c.SubjectId == mine.Id)));

        // The street team sees its own item only; another street's is missing to it.
        Assert.Equal([mine.Id], (await (await jnl.GetAsync($"/api/rectification/plans/{plan.Id}")).OkJson<PlanBoard>()).Items.Select(i => i.Id));
        await (await jnl.GetAsync($"/api/rectification/items/{theirs.Id}")).Problem(HttpStatusCode.NotFound);
        await (await smel.PostJson($"/api/rectification/items/{mine.Id}/reports", new { text = "x", percent = 10 })).Problem(HttpStatusCode.NotFound);

        Assert.NotEmpty((await (await Act(jnl, mine.Id, "Start")).Problem(HttpStatusCode.BadRequest)).FieldErrors("measure"));
        ItemDetail item = await (await Act(jnl, mine.Id, "Start", new { measure = "开展文明执法培训，推行执法全过程记录" })).OkJson<ItemDetail>();
        Assert.Equal(RectificationState.InProgress, item.Item.State);
        item = await (await jnl.PostJson($"/api/rectification/items/{mine.Id}/reports", new { text = "已完成两期培训", percent = 40 })).OkJson<ItemDetail>();
        Assert.Equal(40, item.Item.Percent);
        Assert.Equal("已完成两期培训", Assert.Single(item.Reports).Text);
        Assert.NotEmpty((await (await jnl.PostJson($"/api/rectification/items/{mine.Id}/reports", new { text = "x", percent = 120 })).Problem(HttpStatusCode.BadRequest)).FieldErrors("percent"));

        Assert.NotEmpty((await (await Act(jnl, mine.Id, "Submit")).Problem(HttpStatusCode.BadRequest)).FieldErrors("evidence"));
        EvidenceDto photo = await (await jnl.PostAsync($"/api/rectification/items/{mine.Id}/evidence",
            Chengguan.Tests.Evidence.EvidenceApiTests.Upload(TestImages.JpegWithExif(new DateTime(2031, 5, 2, 10, 0, 0), 31.23, 121.45), "after.jpg", "After"))).OkJson<EvidenceDto>(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await jnl.GetAsync($"/api/rectification/items/{mine.Id}/evidence/{photo.Id}/content")).StatusCode);
        item = await (await Act(jnl, mine.Id, "Submit")).OkJson<ItemDetail>();
        Assert.Equal(RectificationState.Submitted, item.Item.State);

        JsonElement notVerifier = await (await Act(jnl, mine.Id, "Pass")).Problem(HttpStatusCode.Forbidden);
        Assert.NotEmpty((await (await Act(supervisor, mine.Id, "Fail")).Problem(HttpStatusCode.BadRequest)).FieldErrors("note"));
        item = await (await Act(supervisor, mine.Id, "Fail", new { note = "培训记录不全，请补充" })).OkJson<ItemDetail>();
        Assert.Equal(RectificationState.InProgress, item.Item.State);
        JsonElement early = await (await Act(chief, mine.Id, "Close")).Problem(HttpStatusCode.Conflict);
        Assert.Equal("InProgress", early.GetProperty("state").GetString());
        await Act(jnl, mine.Id, "Submit");
        item = await (await Act(supervisor, mine.Id, "Pass", new { note = "材料齐全" })).OkJson<ItemDetail>();
        Assert.Equal((RectificationState.Verified, 100), (item.Item.State, item.Item.Percent));
        await (await Act(jnl, mine.Id, "Close")).Problem(HttpStatusCode.Forbidden);
        item = await (await Act(chief, mine.Id, "Close")).OkJson<ItemDetail>();
        Assert.Equal(RectificationState.Closed, item.Item.State);
        Assert.Equal(["Draft", "Start", "Report", "Evidence", "Submit", "Fail", "Submit", "Pass", "Close"], item.Timeline.Select(t => t.Action));
        Assert.All(item.Timeline, t => Assert.False(string.IsNullOrEmpty(t.ActorName)));
        Assert.Contains(item.Timeline, t => t.Action == "Fail" && t.Note == "培训记录不全，请补充");
        Assert.Equal(Chengguan.Clocks.ClockState.Met, await app.WithDbAsync(db => db.Clocks.Where(c => c.SubjectId == mine.Id).Select(c => c.State).FirstAsync()));

        List<UnitProgress> progress = await (await leader.GetAsync($"/api/rectification/plans/{plan.Id}/progress")).OkJson<List<UnitProgress>>();
        UnitProgress team = progress.Single(p => p.UnitId == jnlTeam);
        Assert.Equal((1, 1, 1, 1m), (team.Items, team.States[RectificationState.Closed], team.FinishedOnTime, team.OnTimeShare!.Value));
        Assert.Null(progress.Single(p => p.UnitId != jnlTeam).OnTimeShare);

        byte[] xlsx = await (await leader.GetAsync($"/api/rectification/plans/{plan.Id}/xlsx")).Content.ReadAsByteArrayAsync();
        using (var stream = new MemoryStream(xlsx))
        {
            Assert.Equal([RectificationExport.ItemsSheet, RectificationExport.ProgressSheet], MiniExcel.GetSheetNames(stream));
            stream.Position = 0;
            List<IDictionary<string, object?>> rows = [.. MiniExcel.Query(stream, useHeaderRow: true, sheetName: RectificationExport.ItemsSheet).Cast<IDictionary<string, object?>>()];
            Assert.Equal(2, rows.Count);
            Assert.Contains(rows, r => (string?)r["存在问题"] == mine.Problem && (string?)r["状态"] == "已销项");
        }
        byte[] pdf = await (await leader.GetAsync($"/api/rectification/plans/{plan.Id}/pdf")).Content.ReadAsByteArrayAsync();
        Assert.True(PdfText.Pages(pdf) >= 1);
        PdfText.AssertFontsEmbedded(pdf);
        Assert.Contains("责任单位整改进度", PdfText.Text(pdf));
        await (await leader.GetAsync($"/api/rectification/plans/{Guid.NewGuid()}/pdf")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_plan_is_drafted_from_a_surveys_own_priority_cells()
    {
        app.RequireAvailable();
        HttpClient leader = await app.ClientFor("leader");
        Guid survey = await app.WithDbAsync(db => db.Set<Chengguan.Surveys.SurveyResponse>().Select(r => r.SurveyId).FirstAsync());
        var analysis = await (await leader.GetAsync($"/api/satisfaction/surveys/{survey}/analysis")).OkJson<Chengguan.Surveys.SurveyAnalysisDto>();
        Assert.NotEmpty(analysis.Priority);

        PlanSummary plan = await NewPlanAsync(leader);
        PlanBoard board = await (await leader.PostAsync($"/api/rectification/plans/{plan.Id}/draft-from-survey/{survey}?days=30", null)).OkJson<PlanBoard>();

        Assert.Equal(analysis.Priority.Select(c => (c.Indicator, c.StreetId)).Order(), board.Items.Select(i => Assert.Single(i.Cells)).Select(c => (c.IndicatorCode, c.StreetId)).Order());
        Assert.All(board.Items, i => Assert.Equal(survey, i.Cells[0].SurveyId));
        await (await leader.PostAsync($"/api/rectification/plans/{plan.Id}/draft-from-survey/{Guid.NewGuid()}", null)).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_demo_has_the_current_half_years_plan_in_progress_with_items_in_every_state()
    {
        app.RequireAvailable();
        HttpClient leader = await app.ClientFor("leader");
        DateOnly today = ShanghaiTime.Today(app.Clock);
        List<PlanSummary> plans = await (await leader.GetAsync("/api/rectification/plans")).OkJson<List<PlanSummary>>();
        PlanSummary demo = Assert.Single(plans, p => p.Period == $"{today.Year}H{(today.Month <= 6 ? 1 : 2)}");
        PlanBoard board = await (await leader.GetAsync($"/api/rectification/plans/{demo.Id}")).OkJson<PlanBoard>();
        Assert.Equal(10, board.Items.Count);
        Assert.Equal(Enum.GetValues<RectificationState>(), board.Items.Select(i => i.State).Distinct().Order());
        Assert.Contains(board.Items, i => i.Light == Light.Green);
        Assert.Contains(board.Items, i => i.Light == Light.Yellow);
        ItemDetail closed = await (await leader.GetAsync($"/api/rectification/items/{board.Items.First(i => i.State == RectificationState.Closed).Id}")).OkJson<ItemDetail>();
        Assert.Equal(["Draft", "Start", "Report", "Report", "Evidence", "Submit", "Pass", "Close"], closed.Timeline.Select(t => t.Action));
        Assert.Single(closed.Evidence);
        // The clocks agree with the timeline: the closed item's deadline clock stopped, met, at its verification.
        var clock = await app.WithDbAsync(db => db.Clocks.Where(c => c.SubjectId == closed.Item.Id).Select(c => new { c.State, c.StoppedAt }).FirstAsync());
        Assert.Equal((Chengguan.Clocks.ClockState.Met, closed.VerifiedAt), (clock.State, clock.StoppedAt));
    }

    [Fact]
    public async Task Lights_turn_as_time_passes_and_an_overdue_item_warns_the_owner_units_leader_once()
    {
        app.RequireAvailable();
        HttpClient leader = await app.ClientFor("leader"), jnl = await app.ClientFor("jnl.leader");
        (Guid jnlStreet, _) = await StreetAsync(Jiangning);
        PlanSummary plan = await NewPlanAsync(leader);
        PlanBoard board = await (await leader.PostJson($"/api/rectification/plans/{plan.Id}/draft",
            new { cells = new[] { Cell(jnlStreet, "XF", "乱设摊治理") }, days = 10 })).OkJson<PlanBoard>();
        Guid id = Assert.Single(board.Items).Id;
        await Act(jnl, id, "Start", new { measure = "夜间错时巡查" });
        async Task<Light> LightAsync() => (await (await jnl.GetAsync($"/api/rectification/items/{id}")).OkJson<ItemDetail>()).Item.Light;

        Days(3);
        Assert.Equal(Light.Yellow, await LightAsync());
        await jnl.PostJson($"/api/rectification/items/{id}/reports", new { text = "设摊点位已清理一半", percent = 50 });
        Assert.Equal(Light.Green, await LightAsync());
        Days(6);
        Assert.Equal(Light.Yellow, await LightAsync());
        Days(2);
        Assert.Equal(Light.Red, await LightAsync());

        async Task<int> WarnAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            int warned = await scope.ServiceProvider.GetRequiredService<OverdueWatch>().WarnAsync(default);
            await app.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(default);
            return warned;
        }
        Assert.True(await WarnAsync() >= 1);
        await WarnAsync();
        var inbox = await (await jnl.GetAsync("/api/notifications")).OkJson<List<NotificationDto>>();
        NotificationDto warning = Assert.Single(inbox, n => n.Link == $"/rectification/items/{id}" && n.Topic == OverdueWatch.OverdueTopic);
        Assert.Contains("整改超期", warning.Title);
        // Only the team's leader: its officers and other streets' people are not told.
        Assert.DoesNotContain((await (await (await app.ClientFor("jnl.officer")).GetAsync("/api/notifications")).OkJson<List<NotificationDto>>()),
            n => n.Topic == OverdueWatch.OverdueTopic && n.Link == $"/rectification/items/{id}");
    }
}

public sealed class RectificationApiTestsOnSqlite(DemolitionSqliteApp app) : RectificationApiTests<DemolitionSqliteApp>(app), IClassFixture<DemolitionSqliteApp>;

public sealed class RectificationApiTestsOnPostgres(DemolitionPostgresApp app) : RectificationApiTests<DemolitionPostgresApp>(app), IClassFixture<DemolitionPostgresApp>;
