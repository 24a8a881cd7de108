using System.Net;
using System.Text.Json;
using Chengguan.Demolition;
using Chengguan.Demolition.Briefings;
using Chengguan.Evidence;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Chengguan.Tests.Demolition;

/// <summary>
/// One structure through the whole procedure over HTTP, on a clock that lets each of the party's
/// windows run out: the notices it produces, the 409s on early or invalid moves, the scope, and the
/// re-checked area arriving in the task's progress and in a briefing's Excel and PDF.
/// </summary>
public abstract class DemolitionApiTests<TApp>(TApp app) where TApp : DemolitionApp
{
    private const string Jiangning = "310106006", Shimen = "310106011";

    private async Task<(Guid Id, double Lon, double Lat)> StreetPointAsync(string code) => await app.WithDbAsync(async db =>
    {
        var g = await db.Grids.Where(x => x.Street!.Code == code).OrderBy(x => x.Code).Select(x => new { x.StreetId, x.Boundary }).FirstAsync();
        return (g.StreetId, g.Boundary.InteriorPoint.X, g.Boundary.InteriorPoint.Y);
    });

    private void Days(double days) => app.Clock.Advance(TimeSpan.FromDays(days));

    private DateOnly Today() => ShanghaiTime.Today(app.Clock);

    private static Task<HttpResponseMessage> Act(HttpClient who, Guid id, string action, object? body = null) =>
        who.PostJson($"/api/demolition/items/{id}/actions/{action}", body ?? new { });

    private async Task<TaskDto> NewTaskAsync(HttpClient chief, string name, params (Guid Street, double Area, int Count)[] targets)
    {
        DateOnly today = Today();
        return await (await chief.PostJson("/api/demolition/tasks", new
        {
            name, issuer = "District", issuedOn = today.AddDays(-10), deadline = today.AddDays(110),
            targets = targets.Select(t => new { streetId = t.Street, targetArea = t.Area, targetCount = t.Count }),
        })).OkJson<TaskDto>(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_structure_goes_through_the_procedure_and_its_rechecked_area_shows_in_progress_and_briefing()
    {
        app.RequireAvailable();
        HttpClient chief = await app.ClientFor("chief"), leader = await app.ClientFor("jnl.leader"), officer = await app.ClientFor("jnl.officer");
        HttpClient other = await app.ClientFor("smel.officer"), supervisor = await app.ClientFor("supervisor");
        (Guid jnl, double lon, double lat) = await StreetPointAsync(Jiangning);
        (Guid smel, _, _) = await StreetPointAsync(Shimen);
        string name = "测试批次" + Guid.NewGuid().ToString("N")[..6];
        TaskDto task = await NewTaskAsync(chief, name, (jnl, 100, 2), (smel, 200, 2));

        LedgerItemDetail item = await (await officer.PostJson("/api/demolition/items", new
        {
            address = "昌平路 1 号屋顶", kind = "Rooftop", area = 85.5, source = "Patrol", lon, lat, builtOn = "2019-06-01", storeys = 1, party = "测试当事人", taskId = task.Id,
        })).OkJson<LedgerItemDetail>(HttpStatusCode.Created);
        Guid id = item.Item.Id;
        Assert.Equal(jnl, item.Item.StreetId);
        Assert.NotNull(item.Item.GridCode);
        Assert.Equal(BuildingVintage.New, item.Item.Vintage);
        Assert.Matches(@"^WJ-2031-\d{6}$", item.Item.Number);
        Assert.Equal([DemolitionAction.RecordSelfDemolition], item.Actions);
        // Another street's team does not see it; a move it may not make is answered like a case's.
        await (await other.GetAsync($"/api/demolition/items/{id}")).Problem(HttpStatusCode.NotFound);
        JsonElement conflict = await (await Act(supervisor, id, "Recheck", new { area = 10, photos = new[] { Guid.NewGuid() } })).Problem(HttpStatusCode.Conflict);
        Assert.Equal("Identified", conflict.GetProperty("state").GetString());
        Assert.Equal("Recheck", conflict.GetProperty("action").GetString());
        Assert.Equal("状态冲突", conflict.GetProperty("title").GetString());
        Assert.Equal("执行“责令限期拆除”须提供期限天数", (await (await Act(leader, id, "IssueOrder")).Problem(HttpStatusCode.BadRequest)).FieldErrors("days")[0]);
        await (await Act(officer, id, "IssueOrder", new { days = 15 })).Problem(HttpStatusCode.Forbidden);

        item = await (await Act(leader, id, "IssueOrder", new { days = 15 })).OkJson<LedgerItemDetail>();
        Assert.Equal(DemolitionState.Ordered, item.Item.State);
        WindowClock order = Assert.Single(item.Clocks);
        Assert.Equal(DemolitionClocks.Order, order.Window);
        // Natural days: due at 24:00 of the 15th day after the day of the notice, Shanghai time.
        DateOnly today = Today();
        Assert.Equal(new DateTimeOffset(today.AddDays(16).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)), order.DueAt);
        // The hearing notice waits until the party's deadline has passed.
        JsonElement early = await (await Act(officer, id, "NotifyHearing", new { days = 5 })).Problem(HttpStatusCode.Conflict);
        Assert.Contains("尚未届满", early.GetProperty("detail").GetString());

        Days(16);
        item = await (await Act(officer, id, "NotifyHearing", new { days = 5 })).OkJson<LedgerItemDetail>();
        Days(6);
        item = await (await Act(leader, id, "IssueDemand", new { days = 10 })).OkJson<LedgerItemDetail>();
        Days(11);
        await (await Act(leader, id, "Decide", new { days = 10 })).Problem(HttpStatusCode.Forbidden);
        item = await (await Act(chief, id, "Decide", new { days = 10 })).OkJson<LedgerItemDetail>();
        Assert.Equal(DemolitionState.Decided, item.Item.State);
        Assert.Contains(item.Clocks, c => c.Window == DemolitionClocks.Reconsideration && c.DueAt is not null);
        await (await Act(leader, id, "AwaitAppeals")).Problem(HttpStatusCode.Conflict);
        Days(11);
        item = await (await Act(leader, id, "AwaitAppeals")).OkJson<LedgerItemDetail>();
        // The 60-day and 6-month windows still run: no forced demolition yet, unless the appeal is concluded.
        await (await Act(chief, id, "ForceDemolish")).Problem(HttpStatusCode.Conflict);
        await (await Act(chief, id, "ConcludeAppeals", new { reference = "静府复决〔2031〕12号" })).OkJson<LedgerItemDetail>();
        item = await (await Act(chief, id, "ForceDemolish")).OkJson<LedgerItemDetail>();
        Assert.Equal(DemolitionState.Demolished, item.Item.State);
        Assert.Equal(DemolitionMode.Forced, item.Item.Mode);

        // Demolished is not yet counted: only the re-check confirms the area.
        ProgressReport progress = await (await chief.GetAsync($"/api/demolition/tasks/{task.Id}/progress")).OkJson<ProgressReport>();
        ProgressRow row = Assert.Single(progress.Rows, r => r.StreetId == jnl);
        Assert.Equal((0, 0.0, 1), (row.DoneCount, row.DoneArea, row.PendingCount));

        Assert.NotEmpty((await (await Act(supervisor, id, "Recheck", new { area = 80 })).Problem(HttpStatusCode.BadRequest)).FieldErrors("photos"));
        EvidenceDto photo = await (await officer.PostAsync($"/api/demolition/items/{id}/evidence",
            Chengguan.Tests.Evidence.EvidenceApiTests.Upload(TestImages.JpegWithExif(new DateTime(2031, 6, 12, 10, 0, 0), lat, lon), "after.jpg", "After"))).OkJson<EvidenceDto>(HttpStatusCode.Created);
        item = await (await Act(supervisor, id, "Recheck", new { area = 80, photos = new[] { photo.Id } })).OkJson<LedgerItemDetail>();
        Assert.Equal((DemolitionState.Rechecked, 80.0), (item.Item.State, item.Item.DemolishedArea!.Value));
        item = await (await Act(chief, id, "Close")).OkJson<LedgerItemDetail>();
        Assert.Equal(DemolitionState.Closed, item.Item.State);
        Assert.Equal([DocumentKind.OrderNotice, DocumentKind.HearingNotice, DocumentKind.DemandNotice, DocumentKind.ForcedDecision, DocumentKind.PublicNotice, DocumentKind.RecheckRecord],
            item.Documents.Select(d => d.Kind));
        Assert.Equal(["Identify", "IssueOrder", "NotifyHearing", "IssueDemand", "Decide", "AwaitAppeals", "ConcludeAppeals", "ForceDemolish", "Recheck", "Close"],
            item.Timeline.Select(t => t.Action));

        // The order notice: one page, Chinese text extractable, its font embedded.
        byte[] notice = await (await leader.GetAsync(item.Documents[0].Url)).Content.ReadAsByteArrayAsync();
        Assert.Equal(1, PdfText.Pages(notice));
        PdfText.AssertFontsEmbedded(notice);
        string text = PdfText.Text(notice);
        Assert.Contains("责令限期拆除通知书", text);
        Assert.Contains("测试当事人", text);
        Assert.Contains(today.AddDays(15).ToString("yyyy年M月d日", System.Globalization.CultureInfo.InvariantCulture), text);
        Assert.Contains(item.Documents[0].Number, text);
        Assert.Contains("复核确认拆除面积：80 平方米", PdfText.Text(await (await chief.GetAsync(item.Documents[5].Url)).Content.ReadAsByteArrayAsync()));
        await (await other.GetAsync(item.Documents[0].Url)).Problem(HttpStatusCode.NotFound);

        progress = await (await chief.GetAsync($"/api/demolition/tasks/{task.Id}/progress")).OkJson<ProgressReport>();
        row = Assert.Single(progress.Rows, r => r.StreetId == jnl);
        Assert.Equal((1, 80.0, 0.8m, 20.0, 0.5m), (row.DoneCount, row.DoneArea, row.AreaRate, row.AreaGap, row.CountRate));
        Assert.Equal(0m, Assert.Single(progress.Rows, r => r.StreetId == smel).AreaRate);
        Assert.Equal((80.0, 300.0), (progress.Total.DoneArea, progress.Total.TargetArea));
        // A street team sees its own street only.
        Assert.Equal([jnl], (await (await officer.GetAsync($"/api/demolition/tasks/{task.Id}/progress")).OkJson<ProgressReport>()).Rows.Select(r => r.StreetId));

        BriefingDetail briefing = await (await chief.PostJson("/api/demolition/briefings", new { taskId = task.Id })).OkJson<BriefingDetail>(HttpStatusCode.Created);
        Assert.Equal(["江宁路街道", "石门二路街道"], briefing.Content.Rows.Select(r => r.Row.StreetName));
        Assert.Equal([1, 2], briefing.Content.Rows.Select(r => r.Rank));
        byte[] xlsx = await (await officer.GetAsync(briefing.Briefing.XlsxUrl)).Content.ReadAsByteArrayAsync();
        using (var stream = new MemoryStream(xlsx))
        {
            Assert.Equal([BriefingFiles.SheetName], MiniExcel.GetSheetNames(stream));
            stream.Position = 0;
            // Rows by number from 1 and cells by column letter, as in the sheet: title, subtitle, headers, streets, total.
            List<IDictionary<string, object?>> sheet = [.. MiniExcel.Query(stream, sheetName: BriefingFiles.SheetName).Cast<IDictionary<string, object?>>()];
            object? Cell(int row, int column) => sheet[row - 1][((char)('A' + column - 1)).ToString()];
            Assert.Contains(name, (string?)Cell(1, 1));
            Assert.Equal(BriefingFiles.Headers, Enumerable.Range(1, BriefingFiles.Headers.Length).Select(c => (string?)Cell(3, c)));
            // Numbers come back as numbers (double), not as text.
            Assert.Equal([1.0, "江宁路街道", 100.0, 80.0, 0.8], new[] { Cell(4, 1), Cell(4, 2), Cell(4, 3), Cell(4, 4), Cell(4, 5) });
            Assert.Equal(["合计", 300.0, 80.0], new[] { Cell(6, 2), Cell(6, 3), Cell(6, 4) });
            Assert.Null(Cell(6, 1));
        }
        byte[] pdf = await (await chief.GetAsync(briefing.Briefing.PdfUrl)).Content.ReadAsByteArrayAsync();
        Assert.True(PdfText.Pages(pdf) >= 1);
        PdfText.AssertFontsEmbedded(pdf);
        string report = PdfText.Text(pdf);
        Assert.Contains("各街镇面积完成率", report);
        Assert.Contains("江宁路街道", report);
        Assert.Contains("80.0%", report);
        Assert.Contains(await (await chief.GetAsync("/api/demolition/briefings?basis=task:" + task.Id)).OkJson<List<BriefingSummary>>(), b => b.Id == briefing.Briefing.Id);
    }

    [Fact]
    public async Task Streets_lagging_in_two_briefings_in_a_row_are_proposed_for_an_interview_whose_commitments_warn_when_overdue()
    {
        app.RequireAvailable();
        HttpClient chief = await app.ClientFor("chief"), smelOfficer = await app.ClientFor("smel.officer");
        (Guid jnl, _, _) = await StreetPointAsync(Jiangning);
        (Guid smel, _, _) = await StreetPointAsync(Shimen);
        TaskDto task = await NewTaskAsync(chief, "约谈测试" + Guid.NewGuid().ToString("N")[..6], (jnl, 100, 1), (smel, 100, 1));
        BriefingDetail first = await (await chief.PostJson("/api/demolition/briefings", new { taskId = task.Id })).OkJson<BriefingDetail>(HttpStatusCode.Created);
        Assert.All(first.Content.Rows, r => Assert.True(r.Row.Lagging));
        Assert.Empty(first.ProposedInterviews);
        Days(7);
        BriefingDetail second = await (await chief.PostJson("/api/demolition/briefings", new { taskId = task.Id })).OkJson<BriefingDetail>(HttpStatusCode.Created);
        Assert.Equal(2, second.ProposedInterviews.Count);
        Days(7);
        BriefingDetail third = await (await chief.PostJson("/api/demolition/briefings", new { taskId = task.Id })).OkJson<BriefingDetail>(HttpStatusCode.Created);
        Assert.Empty(third.ProposedInterviews);

        InterviewDto interview = (await (await chief.GetAsync("/api/demolition/interviews?state=Proposed")).OkJson<List<InterviewDto>>())
            .Single(i => i.BriefingId == second.Briefing.Id && i.StreetId == smel);
        Assert.Contains("连续 2 次", interview.Reason);
        DateOnly today = Today();
        await (await smelOfficer.PostJson($"/api/demolition/interviews/{interview.Id}/record", new
        {
            heldOn = today, participants = new[] { "王科长" }, commitments = new[] { new { text = "两周内拆除新闸路沿街违建", deadline = today.AddDays(3) } },
        })).Problem(HttpStatusCode.Forbidden);
        interview = await (await chief.PostJson($"/api/demolition/interviews/{interview.Id}/record", new
        {
            heldOn = today, participants = new[] { "王科长", "石门二路街道分管领导" }, summary = "分析滞后原因，明确整改时限",
            commitments = new[] { new { text = "三日内制定拆违攻坚方案", deadline = today.AddDays(3) } },
        })).OkJson<InterviewDto>();
        CommitmentDto commitment = Assert.Single(interview.Commitments);
        Assert.Equal(Chengguan.Clocks.ClockState.Running, commitment.ClockState);
        Assert.False(commitment.Overdue);

        Days(4);
        await app.Services.GetRequiredService<Chengguan.Clocks.ClockSweeper>().SweepAsync(default);
        await app.Services.GetRequiredService<Chengguan.Notifications.OutboxDispatcher>().DispatchAsync(default);
        interview = await (await smelOfficer.GetAsync($"/api/demolition/interviews/{interview.Id}")).OkJson<InterviewDto>();
        Assert.True(interview.Commitments[0].Overdue);
        var inbox = await (await smelOfficer.GetAsync("/api/notifications")).OkJson<JsonElement>();
        Assert.Contains("承诺事项期限（3日）已超时", inbox.GetRawText());
        interview = await (await smelOfficer.PostJson($"/api/demolition/interviews/{interview.Id}/commitments/{commitment.Id}/done", new { note = "方案已报区拆违办" })).OkJson<InterviewDto>();
        Assert.NotNull(interview.Commitments[0].DoneAt);
        Assert.False(interview.Commitments[0].Overdue);
    }

    [Fact]
    public async Task Scheduled_briefings_are_made_once_per_period_for_every_running_task()
    {
        app.RequireAvailable();
        HttpClient chief = await app.ClientFor("chief");
        (Guid jnl, _, _) = await StreetPointAsync(Jiangning);
        TaskDto task = await NewTaskAsync(chief, "定时测试" + Guid.NewGuid().ToString("N")[..6], (jnl, 50, 1));
        int made = await RunScheduledAsync();
        List<BriefingSummary> list = await (await chief.GetAsync("/api/demolition/briefings?basis=task:" + task.Id)).OkJson<List<BriefingSummary>>();
        Assert.Equal([BriefingKind.Weekly, BriefingKind.Monthly], list.Select(b => b.Kind).Order());
        Assert.True(made >= 2);
        Assert.Equal(0, await RunScheduledAsync());
    }

    private async Task<int> RunScheduledAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BriefingService>().RunScheduledAsync(default);
    }

    [Fact]
    public async Task A_creation_is_declared_within_scope_listed_by_year_and_assessed_by_the_bureau_on_the_ledger_as_it_stands()
    {
        app.RequireAvailable();
        HttpClient leader = await app.ClientFor("jnl.leader"), other = await app.ClientFor("smel.officer"), chief = await app.ClientFor("chief");
        (Guid jnl, _, _) = await StreetPointAsync(Jiangning);
        (Guid smel, _, _) = await StreetPointAsync(Shimen);
        int year = Today().Year;
        CreationDto street = await (await leader.PostJson("/api/demolition/creations", new { unitId = jnl, year })).OkJson<CreationDto>(HttpStatusCode.Created);
        Assert.Equal((CreationLevel.Street, CreationState.Declared, "江宁路街道"), (street.Level, street.State, street.UnitName));
        int stock = await app.WithDbAsync(db => db.IllegalBuildings.CountAsync(i => i.StreetId == jnl && i.Vintage == BuildingVintage.Existing && DemolitionWorkflow.Pending.Contains(i.State)));
        Assert.Equal(("stock-cleared", stock, stock == 0), (street.Criteria[0].Code, street.Criteria[0].Count, street.Criteria[0].Met));

        // Once a year per unit, and only for a unit within the caller's scope.
        Assert.Equal(["该单位本年度已申报"], (await (await leader.PostJson("/api/demolition/creations", new { unitId = jnl, year })).Problem(HttpStatusCode.BadRequest)).FieldErrors("year"));
        Assert.Equal(["创建单位须为本人管辖范围内的居委会或街镇"], (await (await leader.PostJson("/api/demolition/creations", new { unitId = smel, year })).Problem(HttpStatusCode.BadRequest)).FieldErrors("unitId"));

        // The list: the caller's scope and the year asked for.
        Assert.Contains(await (await leader.GetAsync($"/api/demolition/creations?year={year}")).OkJson<List<CreationDto>>(), c => c.Id == street.Id);
        Assert.DoesNotContain(await (await leader.GetAsync($"/api/demolition/creations?year={year - 1}")).OkJson<List<CreationDto>>(), c => c.Id == street.Id);
        Assert.DoesNotContain(await (await other.GetAsync("/api/demolition/creations")).OkJson<List<CreationDto>>(), c => c.Id == street.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/demolition/creations/{street.Id}")).StatusCode);
        Assert.Equal(["年度须为 2000–2100"], (await (await leader.GetAsync("/api/demolition/creations?year=1999")).Problem(HttpStatusCode.BadRequest)).FieldErrors("year"));

        // Only the bureau assesses; the verdict is the criteria counted at that moment, and is listed.
        await (await leader.PostAsync($"/api/demolition/creations/{street.Id}/assess", null)).Problem(HttpStatusCode.Forbidden);
        CreationDto assessed = await (await chief.PostAsync($"/api/demolition/creations/{street.Id}/assess", null)).OkJson<CreationDto>();
        Assert.Equal(assessed.Criteria.All(c => c.Met) ? CreationState.Passed : CreationState.Failed, assessed.State);
        Assert.NotNull(assessed.AssessedAt);
        Assert.Contains(await (await chief.GetAsync("/api/demolition/creations")).OkJson<List<CreationDto>>(), c => c.Id == street.Id && c.State == assessed.State);
    }

    [Fact]
    public async Task The_demo_district_has_a_plan_a_task_and_items_in_several_states()
    {
        app.RequireAvailable();
        HttpClient leader = await app.ClientFor("leader");
        List<PlanDto> plans = await (await leader.GetAsync("/api/demolition/plans")).OkJson<List<PlanDto>>();
        PlanDto plan = Assert.Single(plans, p => p.Name.StartsWith("静安区违法建筑治理三年工作计划", StringComparison.Ordinal));
        Assert.Equal(14 * 3, plan.Targets.Count);
        Page<LedgerItemSummary> items = await (await leader.GetAsync("/api/demolition/items?limit=500")).OkJson<Page<LedgerItemSummary>>();
        Assert.Superset(new HashSet<DemolitionState> { DemolitionState.Identified, DemolitionState.Ordered, DemolitionState.Demolished, DemolitionState.Rechecked },
            items.Items.Select(i => i.State).ToHashSet());
        ProgressReport year = await (await leader.GetAsync($"/api/demolition/plans/{plan.Id}/progress?year=2031")).OkJson<ProgressReport>();
        Assert.True(year.Total.DoneCount >= 5);
    }

    [Fact]
    public async Task The_ledger_text_filter_matches_number_address_or_party_within_the_callers_scope()
    {
        app.RequireAvailable();
        HttpClient leader = await app.ClientFor("jnl.leader"), other = await app.ClientFor("smel.officer");
        LedgerItemSummary byAddress = Assert.Single((await (await leader.GetAsync("/api/demolition/items?q=" + Uri.EscapeDataString("西康路 512"))).OkJson<Page<LedgerItemSummary>>()).Items);
        Assert.Equal("上海某餐饮有限公司", byAddress.Party);
        Assert.Contains((await (await leader.GetAsync("/api/demolition/items?q=" + Uri.EscapeDataString("某餐饮"))).OkJson<Page<LedgerItemSummary>>()).Items, i => i.Id == byAddress.Id);
        Assert.Equal(byAddress.Id, Assert.Single((await (await leader.GetAsync($"/api/demolition/items?q={byAddress.Number}")).OkJson<Page<LedgerItemSummary>>()).Items).Id);
        Assert.Empty((await (await other.GetAsync("/api/demolition/items?q=" + Uri.EscapeDataString("西康路 512"))).OkJson<Page<LedgerItemSummary>>()).Items);
        HttpResponseMessage tooLong = await leader.GetAsync("/api/demolition/items?q=" + new string('x', 101));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("\"q\"", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class DemolitionApiTestsOnSqlite(DemolitionSqliteApp app) : DemolitionApiTests<DemolitionSqliteApp>(app), IClassFixture<DemolitionSqliteApp>;

public sealed class DemolitionApiTestsOnPostgres(DemolitionPostgresApp app) : DemolitionApiTests<DemolitionPostgresApp>(app), IClassFixture<DemolitionPostgresApp>;
