using System.Net;
using System.Text.Json;
using Chengguan.Cases;
using Chengguan.Clocks;
using Chengguan.Hotline;
using Chengguan.Identity;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Tests.Cases;

/// <summary>A hotline order and a patrol case driven through their paths over HTTP.</summary>
public abstract class CaseApiTests(ChengguanApp app)
{
    private const string Jiangning = "310106006";

    private Task<HttpClient> HotlinePlatformAsync() => app.HotlinePlatformAsync();

    private Task<(double Lon, double Lat)> PointInAsync(string street) => app.WithDbAsync(db =>
        db.Grids.Where(g => g.Code.StartsWith(street)).OrderBy(g => g.Code).Select(g => new ValueTuple<double, double>(g.CentroidLon, g.CentroidLat)).FirstAsync());

    private static string NewOrderNumber() => "GD" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

    private async Task<HotlineOrderReceipt> ReceiveAsync(HttpClient platform, string orderNumber, string requestType = "Complaint")
    {
        (double lon, double lat) = await PointInAsync(Jiangning);
        return await (await platform.PostJson("/api/hotline/orders", new
        {
            channel = "12345", orderNumber, requestType, urgency = "Normal", description = "江宁路某小区门口占道经营，影响通行",
            address = "江宁路 100 号", lon, lat, reporterName = "张三丰", reporterPhone = "13812345678",
        })).OkJson<HotlineOrderReceipt>(HttpStatusCode.Created);
    }

    private static async Task<CaseDetail> Act(HttpClient client, Guid id, string action, object? body = null, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.PostJson($"/api/cases/{id}/actions/{action}", body ?? new { })).OkJson<CaseDetail>(expected);

    [Fact]
    public async Task A_redelivered_hotline_order_returns_the_same_case_and_changes_nothing()
    {
        HttpClient platform = await HotlinePlatformAsync();
        string number = NewOrderNumber();
        HotlineOrderReceipt first = await ReceiveAsync(platform, number);
        Assert.Matches(@"^JA-\d{4}-\d{6}$", first.CaseNumber);
        (double lon, double lat) = await PointInAsync(Jiangning);
        HotlineOrderReceipt again = await (await platform.PostJson("/api/hotline/orders", new
        {
            channel = "12345", orderNumber = number, requestType = "Complaint", description = "重复推送", lon, lat,
        })).OkJson<HotlineOrderReceipt>(HttpStatusCode.OK);
        Assert.Equal((first.CaseId, first.CaseNumber, false), (again.CaseId, again.CaseNumber, again.Created));
        Assert.Equal(1, await app.WithDbAsync(db => db.Cases.CountAsync(c => c.ExternalNumber == number)));
        Assert.Equal(1, await app.WithDbAsync(db => db.CaseEvents.CountAsync(e => e.CaseId == first.CaseId)));
        string description = await app.WithDbAsync(db => db.Cases.Where(c => c.Id == first.CaseId).Select(c => c.Description).SingleAsync());
        Assert.StartsWith("江宁路", description);
    }

    [Fact]
    public async Task A_hotline_order_goes_from_dispatch_to_a_satisfied_callback_under_the_three_twos()
    {
        HttpClient platform = await HotlinePlatformAsync();
        HotlineOrderReceipt order = await ReceiveAsync(platform, NewOrderNumber());
        HttpClient officer = await app.ClientFor("jnl.officer");
        HttpClient leader = await app.ClientFor("jnl.leader");
        Guid id = order.CaseId;

        CaseDetail received = await (await officer.GetAsync($"/api/cases/{id}")).OkJson<CaseDetail>();
        Assert.Equal(CaseState.Received, received.Case.State);
        Assert.Equal(["hotline.accept", "hotline.handling.general"], received.Clocks.Select(c => c.Kind).Order());
        Assert.Equal(("张**", "138****5678", true), (received.ReporterName, received.ReporterPhone, received.ReporterMasked));
        Assert.Contains(CaseAction.Accept, received.AvailableActions);

        await Act(officer, id, "accept");
        (double lon, double lat) = (received.Lon!.Value, received.Lat!.Value);
        var photo = await (await officer.PostAsync($"/api/cases/{id}/evidence", Chengguan.Tests.Evidence.EvidenceApiTests.Upload(TestImages.JpegWithExif(new DateTime(2026, 3, 2, 9, 0, 0), lat, lon), "到场.jpg", "CheckIn")))
            .OkJson<Chengguan.Evidence.EvidenceDto>(HttpStatusCode.Created);
        CaseDetail onSite = await Act(officer, id, "checkIn", new { location = new { lon = lon + 0.0001, lat }, photos = new[] { photo.Id } });
        Assert.Equal(CaseState.OnSite, onSite.Case.State);
        Assert.Contains("\"flagged\":false", onSite.Timeline[^1].DataJson);
        await Act(officer, id, "recordPreliminary", new { result = "已到场，责令摊主收摊" });
        await Act(officer, id, "handle", new { result = "摊位已清除，现场恢复通行" });
        var missing = await (await leader.PostJson($"/api/cases/{id}/actions/reply", new { reply = "已处理" })).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(missing.FieldErrors("checklist.legalBasis"));
        CaseDetail replied = await Act(leader, id, "reply", new
        {
            reply = "经核查，占道经营属实，已依法责令改正，现场已恢复。",
            checklist = new { factsFound = "占道经营属实", actionTaken = "责令改正", legalBasis = "《上海市市容环境卫生管理条例》", result = "已恢复通行", citizenContacted = true },
        });
        Assert.Equal(CaseState.Replied, replied.Case.State);
        CaseDetail closed = await (await platform.PostJson($"/api/cases/{id}/actions/callback", new { satisfaction = "Satisfied", resolved = true })).OkJson<CaseDetail>();
        Assert.Equal(CaseState.Closed, closed.Case.State);
        Assert.NotNull(closed.Case.ClosedAt);
        Assert.Equal(["派单接收", "签收", "到场取证", "反馈初步结果", "办结", "答复热线", "回访"], closed.Timeline.Select(e => e.Label));
        Assert.All(closed.Clocks, c => Assert.Equal(ClockState.Met, c.State));
        int outbox = await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Topic.StartsWith("hotline.") && m.Payload.Contains(order.OrderNumber)));
        Assert.Equal(4, outbox); // accept, preliminary result, handled, reply
    }

    [Fact]
    public async Task A_complaint_reply_by_a_dispatcher_leaves_only_after_a_leader_approves_it()
    {
        HttpClient platform = await HotlinePlatformAsync();
        HotlineOrderReceipt order = await ReceiveAsync(platform, NewOrderNumber(), "Complaint");
        HttpClient officer = await app.ClientFor("jnl.officer");
        HttpClient dispatcher = await app.ClientFor("dispatcher");
        HttpClient leader = await app.ClientFor("jnl.leader");
        await Act(officer, order.CaseId, "accept");
        await Act(officer, order.CaseId, "handle", new { result = "已责令停止夜间施工" });
        var reply = new
        {
            reply = "经查属实，已责令施工单位停止夜间施工。",
            checklist = new { factsFound = "夜间施工属实", actionTaken = "责令停止", legalBasis = "《上海市环境保护条例》", result = "已停止", citizenContacted = true },
        };
        var blocked = await (await dispatcher.PostJson($"/api/cases/{order.CaseId}/actions/reply", reply)).Problem(HttpStatusCode.Conflict);
        Assert.Equal("该工单的答复须经领导审批：请使用“提交答复待审”", blocked.GetProperty("detail").GetString());
        await (await leader.PostJson($"/api/cases/{order.CaseId}/actions/approveReply", new { })).Problem(HttpStatusCode.Conflict);
        CaseDetail pending = await Act(dispatcher, order.CaseId, "submitReply", reply);
        Assert.Equal(CaseState.Handled, pending.Case.State);
        Assert.Contains("已责令施工单位", pending.PendingReply);
        Assert.DoesNotContain(CaseAction.ApproveReply, pending.AvailableActions);
        CaseDetail approved = await Act(leader, order.CaseId, "approveReply");
        Assert.Equal((CaseState.Replied, null), (approved.Case.State, approved.PendingReply));
        Assert.Equal(["派单接收", "签收", "办结", "提交答复待审", "审批答复"], approved.Timeline.Select(e => e.Label));
        Assert.Equal(1, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Topic == "hotline.reply" && m.Payload.Contains(order.OrderNumber))));
    }

    [Fact]
    public async Task A_basically_satisfied_callback_can_record_an_unresolved_problem()
    {
        HttpClient platform = await HotlinePlatformAsync();
        HotlineOrderReceipt order = await ReceiveAsync(platform, NewOrderNumber(), "Consultation");
        HttpClient officer = await app.ClientFor("jnl.officer");
        HttpClient dispatcher = await app.ClientFor("dispatcher");
        await Act(officer, order.CaseId, "accept");
        await Act(officer, order.CaseId, "handle", new { result = "已解答" });
        await Act(dispatcher, order.CaseId, "reply", new
        {
            reply = "已答复", checklist = new { factsFound = "咨询", actionTaken = "解答", legalBasis = "无", result = "已答复", citizenContacted = true },
        });
        CaseDetail closed = await (await platform.PostJson($"/api/cases/{order.CaseId}/actions/callback", new { satisfaction = "BasicallySatisfied", resolved = false })).OkJson<CaseDetail>();
        Assert.Equal((CaseState.Closed, false), (closed.Case.State, closed.Resolved));
    }

    [Fact]
    public async Task A_reply_whose_checklist_says_the_citizen_was_not_contacted_is_refused()
    {
        HttpClient platform = await HotlinePlatformAsync();
        HotlineOrderReceipt order = await ReceiveAsync(platform, NewOrderNumber(), "Consultation");
        HttpClient officer = await app.ClientFor("jnl.officer");
        await Act(officer, order.CaseId, "accept");
        await Act(officer, order.CaseId, "handle", new { result = "已解答" });
        var problem = await (await (await app.ClientFor("dispatcher")).PostJson($"/api/cases/{order.CaseId}/actions/reply", new
        {
            reply = "已答复", checklist = new { factsFound = "咨询", actionTaken = "解答", legalBasis = "无", result = "已答复", citizenContacted = false },
        })).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("checklist.citizenContacted"));
    }

    [Fact]
    public async Task A_dissatisfied_callback_reopens_handling_with_a_new_clock()
    {
        HttpClient platform = await HotlinePlatformAsync();
        HotlineOrderReceipt order = await ReceiveAsync(platform, NewOrderNumber(), "Consultation");
        HttpClient officer = await app.ClientFor("jnl.officer");
        HttpClient dispatcher = await app.ClientFor("dispatcher");
        await Act(officer, order.CaseId, "accept");
        await Act(officer, order.CaseId, "handle", new { result = "已电话解答" });
        await Act(dispatcher, order.CaseId, "reply", new
        {
            reply = "已答复", checklist = new { factsFound = "咨询", actionTaken = "解答", legalBasis = "无", result = "已答复", citizenContacted = true },
        });
        Guid handlingBefore = await app.WithDbAsync(db => db.Clocks.Where(c => c.SubjectId == order.CaseId && c.Kind == "hotline.handling.consult").Select(c => c.Id).SingleAsync());
        CaseDetail rehandled = await (await platform.PostJson($"/api/cases/{order.CaseId}/actions/callback", new { satisfaction = "Dissatisfied", reason = "问题没解决" })).OkJson<CaseDetail>();
        Assert.Equal((CaseState.Accepted, Satisfaction.Dissatisfied, 1), (rehandled.Case.State, rehandled.Satisfaction!.Value, rehandled.ReworkCount));
        CaseClockDto handling = rehandled.Clocks.Single(c => c.Kind == "hotline.handling.consult");
        Assert.Equal(ClockState.Running, handling.State);
        var ledger = await app.WithDbAsync(db => db.ClockLedger.Where(l => l.ClockId == handlingBefore).OrderBy(l => l.Seq).Select(l => l.Type).ToListAsync());
        Assert.Equal([LedgerType.Start, LedgerType.Stop, LedgerType.Restart], ledger);
    }

    [Fact]
    public async Task An_invalid_move_is_409_naming_state_and_action_and_a_wrong_role_is_403()
    {
        HttpClient platform = await HotlinePlatformAsync();
        HotlineOrderReceipt order = await ReceiveAsync(platform, NewOrderNumber());
        HttpClient officer = await app.ClientFor("jnl.officer");
        var conflict = await (await officer.PostJson($"/api/cases/{order.CaseId}/actions/handle", new { result = "x" })).Problem(HttpStatusCode.Conflict);
        Assert.Equal(("Received", "Handle"), (conflict.GetProperty("state").GetString(), conflict.GetProperty("action").GetString()));
        // People read the state and the action in Chinese; the machine members keep the enum names.
        Assert.Equal("案件当前状态为“待签收”，不能执行“办结”", conflict.GetProperty("detail").GetString());
        var forbidden = await (await officer.PostJson($"/api/cases/{order.CaseId}/actions/reassign", new { unitId = Guid.NewGuid(), reason = "x" })).Problem(HttpStatusCode.Forbidden);
        Assert.Equal("当前角色不能对该案件执行“改派”", forbidden.GetProperty("detail").GetString());
        await (await officer.PostJson($"/api/cases/{order.CaseId}/actions/fly", new { })).Problem(HttpStatusCode.NotFound);
        var bad = await (await officer.PostJson($"/api/cases/{order.CaseId}/actions/return", new { })).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(bad.FieldErrors("reason"));
        // Another street's officer cannot see the case at all.
        HttpClient other = await app.ClientFor("smel.officer");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/cases/{order.CaseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostJson($"/api/cases/{order.CaseId}/actions/accept", new { })).StatusCode);
    }

    [Fact]
    public async Task Fifty_concurrent_accepts_let_exactly_one_through()
    {
        HttpClient platform = await HotlinePlatformAsync();
        HotlineOrderReceipt order = await ReceiveAsync(platform, NewOrderNumber());
        HttpClient dispatcher = await app.ClientFor("dispatcher");
        HttpResponseMessage[] answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            dispatcher.PostJson($"/api/cases/{order.CaseId}/actions/accept", new { })));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(49, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, await app.WithDbAsync(db => db.CaseEvents.CountAsync(e => e.CaseId == order.CaseId && e.Action == "Accept")));
    }

    [Fact]
    public async Task A_return_then_redelivery_gives_a_fresh_accept_clock()
    {
        HttpClient platform = await HotlinePlatformAsync();
        HotlineOrderReceipt order = await ReceiveAsync(platform, NewOrderNumber());
        HttpClient officer = await app.ClientFor("jnl.officer");
        CaseDetail returned = await Act(officer, order.CaseId, "return", new { reason = "不属于城管职责" });
        Assert.Equal(CaseState.Returned, returned.Case.State);
        Assert.Equal(ClockState.Cancelled, returned.Clocks.Single(c => c.Kind == "hotline.accept").State);
        Assert.Equal(ClockState.Paused, returned.Clocks.Single(c => c.Kind == "hotline.handling.general").State);
        CaseDetail again = await (await platform.PostJson($"/api/cases/{order.CaseId}/actions/redeliver", new { })).OkJson<CaseDetail>();
        Assert.Equal(CaseState.Received, again.Case.State);
        Assert.Equal(ClockState.Running, again.Clocks.Single(c => c.Kind == "hotline.accept").State);
        Assert.Equal(ClockState.Running, again.Clocks.Single(c => c.Kind == "hotline.handling.general").State);
    }

    [Fact]
    public async Task Urge_and_withdraw_come_from_the_platform()
    {
        HttpClient platform = await HotlinePlatformAsync();
        HotlineOrderReceipt order = await ReceiveAsync(platform, NewOrderNumber());
        HotlineOrderReceipt urged = await (await platform.PostJson($"/api/hotline/orders/12345/{order.OrderNumber}/urge", new { reason = "市民再次来电" })).OkJson<HotlineOrderReceipt>();
        Assert.Equal(order.CaseId, urged.CaseId);
        CaseDetail withdrawn = await (await platform.PostJson($"/api/hotline/orders/12345/{order.OrderNumber}/withdraw", new { reason = "市民撤诉" })).OkJson<CaseDetail>();
        Assert.Equal((CaseState.Withdrawn, 1), (withdrawn.Case.State, withdrawn.UrgeCount));
        Assert.All(withdrawn.Clocks, c => Assert.Equal(ClockState.Cancelled, c.State));
        await (await platform.PostJson($"/api/hotline/orders/12345/{order.OrderNumber}/urge", new { reason = "x" })).Problem(HttpStatusCode.Conflict);
        await (await platform.PostJson("/api/hotline/orders/12345/NOPE/urge", new { reason = "x" })).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_patrol_case_runs_the_seven_steps_with_a_disposal_clock_from_its_filing_condition()
    {
        HttpClient supervisor = await app.ClientFor("supervisor");
        HttpClient dispatcher = await app.ClientFor("dispatcher");
        HttpClient officer = await app.ClientFor("jnl.officer");
        (double lon, double lat) = await PointInAsync(Jiangning);
        CaseDetail reported = await (await supervisor.PostJson("/api/cases", new
        {
            channel = "GridInspector", description = "人行道上有暴露垃圾", lon, lat, categoryCode = "event:0102", tags = new[] { "巡查" },
        })).OkJson<CaseDetail>(HttpStatusCode.Created);
        Assert.Equal((CaseState.Reported, CaseRoute.Grid), (reported.Case.State, reported.Case.Route));
        Assert.StartsWith(Jiangning, reported.Case.GridCode);
        Guid id = reported.Case.Id;
        await Act(supervisor, id, "verify", new { result = "现场核实属实" });
        CaseDetail filed = await Act(dispatcher, id, "file", new { categoryCode = "event:0102", conditionCode = "01" });
        Assert.Equal("disposal.4wh", filed.DisposalPolicy);
        Guid team = await app.WithDbAsync(db => db.Units.Where(u => u.Code == Jiangning + "-ZD").Select(u => u.Id).SingleAsync());
        CaseDetail dispatched = await Act(dispatcher, id, "dispatch", new { unitId = team });
        Assert.Equal(ClockState.Running, dispatched.Clocks.Single(c => c.Kind == "disposal.4wh").State);
        await Act(officer, id, "handle", new { result = "垃圾已清运" });
        await Act(officer, id, "feedBack", new { result = "已清理完毕" });
        CaseDetail reworked = await Act(supervisor, id, "rework", new { reason = "仍有残留" });
        Assert.Equal((CaseState.Dispatched, 1), (reworked.Case.State, reworked.ReworkCount));
        await Act(officer, id, "handle", new { result = "残留已清除" });
        await Act(officer, id, "feedBack", new { result = "已清理完毕" });
        await Act(supervisor, id, "check", new { result = "核查通过" });
        await Act(dispatcher, id, "close");
        CaseDetail evaluated = await Act(supervisor, id, "evaluate", new { rating = 5 });
        Assert.Equal(CaseState.Evaluated, evaluated.Case.State);
        Assert.Equal(["上报", "核实", "立案", "派遣", "处置", "反馈", "返工", "处置", "反馈", "核查", "结案", "评价"], evaluated.Timeline.Select(e => e.Label));
    }

    [Fact]
    public async Task An_officers_patrol_case_through_the_api_keeps_the_rules_of_every_channel()
    {
        // Decision (Cases/README.md, "Patrol reports through the API"): the console's patrol form asks for a photo, a category
        // and words of the officer's own; the JSON door asks what it asks of every channel, and the category is set at 立案.
        HttpClient officer = await app.ClientFor("jnl.officer");
        (double lon, double lat) = await PointInAsync(Jiangning);
        CaseDetail opened = await (await officer.PostJson("/api/cases", new { channel = "Patrol", description = "巡查发现问题", lon, lat }))
            .OkJson<CaseDetail>(HttpStatusCode.Created);
        Assert.Equal((CaseChannel.Patrol, CaseState.Reported, (string?)null), (opened.Case.Channel, opened.Case.State, opened.Case.CategoryCode));
        // Its own rules still hold, in Chinese.
        var refused = await (await officer.PostJson("/api/cases", new { channel = "Patrol", lon, lat })).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["诉求内容不能为空"], refused.FieldErrors("description"));
    }

    [Fact]
    public async Task Case_search_filters_by_state_channel_street_and_text_with_a_cursor()
    {
        HttpClient platform = await HotlinePlatformAsync();
        string marker = "检索标记" + Guid.NewGuid().ToString("N")[..6];
        (double lon, double lat) = await PointInAsync(Jiangning);
        for (int i = 0; i < 3; i++)
        {
            await (await platform.PostJson("/api/hotline/orders", new { channel = "12345", orderNumber = NewOrderNumber(), requestType = "Help", description = marker + i, lon, lat }))
                .OkJson<HotlineOrderReceipt>(HttpStatusCode.Created);
        }
        HttpClient dispatcher = await app.ClientFor("dispatcher");
        var page = await (await dispatcher.GetAsync($"/api/cases?q={marker}&state=Received&channel=Hotline12345&limit=2")).OkJson<Chengguan.Infrastructure.Page<CaseSummary>>();
        Assert.Equal(2, page.Items.Count);
        Assert.NotNull(page.Next);
        var rest = await (await dispatcher.GetAsync($"/api/cases?q={marker}&limit=2&after={page.Next}")).OkJson<Chengguan.Infrastructure.Page<CaseSummary>>();
        Assert.Single(rest.Items);
        Assert.Null(rest.Next);
        Assert.Equal(3, page.Items.Concat(rest.Items).Select(c => c.Id).Distinct().Count());
        var bad = await (await dispatcher.GetAsync("/api/cases?state=Nope&limit=0&after=x")).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(bad.FieldErrors("state"));
        Assert.NotEmpty(bad.FieldErrors("limit"));
        Assert.NotEmpty(bad.FieldErrors("after"));
        var none = await (await (await app.ClientFor("smel.officer")).GetAsync($"/api/cases?q={marker}")).OkJson<Chengguan.Infrastructure.Page<CaseSummary>>();
        Assert.Empty(none.Items);
    }

    [Fact]
    public async Task Bad_orders_are_refused_with_field_errors_and_nothing_written()
    {
        HttpClient platform = await HotlinePlatformAsync();
        int before = await app.WithDbAsync(db => db.Cases.CountAsync());
        var problem = await (await platform.PostJson("/api/hotline/orders", new { channel = "110", lon = 500, reporterPhone = "call me" })).Problem(HttpStatusCode.BadRequest);
        foreach (string field in new[] { "channel", "orderNumber", "requestType", "description", "lon", "reporterPhone" })
        {
            Assert.NotEmpty(problem.FieldErrors(field));
        }
        Assert.Equal(before, await app.WithDbAsync(db => db.Cases.CountAsync()));
        HttpClient staff = await app.ClientFor("dispatcher");
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostJson("/api/hotline/orders", new { channel = "12345" })).StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized
            ? HttpStatusCode.Forbidden : HttpStatusCode.OK);
    }
}

public sealed class CaseApiTestsOnSqlite(SqliteApp app) : CaseApiTests(app);

public sealed class CaseApiTestsOnPostgres(PostgresApp app) : CaseApiTests(app);
