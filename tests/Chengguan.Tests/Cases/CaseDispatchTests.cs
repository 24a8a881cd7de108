using System.Net;
using Chengguan.Cases;
using Chengguan.Clocks;
using Chengguan.Grids;
using Chengguan.Hotline;
using Chengguan.Organisation;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengguan.Tests.Cases;

/// <summary>
/// Dispatch as dispatchers do it: an order lands at the street team that answers for its grid, and a
/// redirect (改派) changes who answers, not when: the 3个2 clocks run on; a move that cancels a running clock says so.
/// </summary>
public abstract class CaseDispatchTests(ChengguanApp app)
{
    private const string Jiangning = "310106006";

    private Task<(double Lon, double Lat)> PointInAsync(string street) => app.WithDbAsync(db =>
        db.Grids.Where(g => g.Code.StartsWith(street)).OrderBy(g => g.Code).Select(g => new ValueTuple<double, double>(g.CentroidLon, g.CentroidLat)).FirstAsync());

    private async Task<Guid> ReceiveAsync()
    {
        (double lon, double lat) = await PointInAsync(Jiangning);
        HttpClient platform = await app.HotlinePlatformAsync();
        HotlineOrderReceipt receipt = await (await platform.PostJson("/api/hotline/orders", new
        {
            channel = "12345", orderNumber = "GD" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(), requestType = "Complaint",
            description = "江宁路某弄堂口跨门营业", address = "江宁路 200 号", lon, lat,
        })).OkJson<HotlineOrderReceipt>(HttpStatusCode.Created);
        return receipt.CaseId;
    }

    private static async Task<CaseDetail> Act(HttpClient client, Guid id, string action, object? body = null) =>
        await (await client.PostJson($"/api/cases/{id}/actions/{action}", body ?? new { })).OkJson<CaseDetail>();

    private Task<Unit> UnitAsync(string name) => app.WithDbAsync(db => db.Units.AsNoTracking().SingleAsync(u => u.Name == name));

    private Task<List<Clock>> ClocksAsync(Guid caseId) => app.WithDbAsync(db => db.Clocks.AsNoTracking().Include(k => k.Ledger)
        .Where(k => k.SubjectType == CaseIntake.SubjectType && k.SubjectId == caseId).ToListAsync());

    [Fact]
    public async Task A_hotline_order_for_a_jiangning_road_point_lands_at_the_jiangning_road_street_team_with_its_clocks()
    {
        Guid id = await ReceiveAsync();
        Unit team = await UnitAsync("江宁路街道城管中队");
        Assert.Equal(UnitKind.StreetTeam, team.Kind);
        CaseDetail c = await (await (await app.ClientFor("dispatcher")).GetAsync($"/api/cases/{id}")).OkJson<CaseDetail>();
        Assert.Equal(team.Id, c.Case.UnitId);
        Assert.All(await ClocksAsync(id), k => Assert.Equal(team.Id, k.UnitId));
        // The street team sees it in its own queue and may accept it.
        CaseDetail seen = await (await (await app.ClientFor("jnl.officer")).GetAsync($"/api/cases/{id}")).OkJson<CaseDetail>();
        Assert.Contains(CaseAction.Accept, seen.AvailableActions);
    }

    [Fact]
    public async Task A_redirect_keeps_the_state_and_every_clock_running_and_hands_them_to_the_new_unit()
    {
        Guid id = await ReceiveAsync();
        HttpClient dispatcher = await app.ClientFor("dispatcher");
        Unit squad = await UnitAsync("机动执法中队");

        // Before the accept: the same 20 minutes, counted from the delivery.
        DateTimeOffset? acceptDue = (await ClocksAsync(id)).Single(k => k.Kind == ClockPolicies.HotlineAccept).DueAt;
        CaseDetail early = await Act(dispatcher, id, "reassign", new { unitId = squad.Id, reason = "夜间由机动中队先行处置" });
        Assert.Equal(CaseState.Received, early.Case.State);
        Assert.Equal(squad.Id, early.Case.UnitId);
        Clock accept = (await ClocksAsync(id)).Single(k => k.Kind == ClockPolicies.HotlineAccept);
        Assert.Equal((ClockState.Running, acceptDue, squad.Id), (accept.State, accept.DueAt, accept.UnitId));
        Assert.Single(accept.Ledger);

        // After the accept: the 2 h and 24 h clocks the accept started run on for the new unit, the met accept stays met.
        await Act(dispatcher, id, "accept");
        List<Clock> before = await ClocksAsync(id);
        Unit team = await UnitAsync("江宁路街道城管中队");
        CaseDetail moved = await Act(dispatcher, id, "reassign", new { unitId = team.Id, reason = "属江宁路街道管辖" });
        Assert.Equal(CaseState.Accepted, moved.Case.State);
        List<Clock> after = await ClocksAsync(id);
        Assert.Equal(before.Count, after.Count);
        foreach (Clock k in after)
        {
            Clock was = before.Single(b => b.Id == k.Id);
            Assert.Equal((was.State, was.DueAt, was.LedgerCount, team.Id), (k.State, k.DueAt, k.LedgerCount, k.UnitId));
        }
        Assert.Equal(ClockState.Met, after.Single(k => k.Kind == ClockPolicies.HotlineAccept).State);
        Assert.Equal(ClockState.Running, after.Single(k => k.Kind == ClockPolicies.HotlineOnSite).State);
        Assert.Equal(ClockState.Running, after.Single(k => k.Kind == ClockPolicies.HotlinePreliminary).State);
        CaseEventDto line = moved.Timeline[^1];
        Assert.Equal(("Reassign", "改派", "属江宁路街道管辖"), (line.Action, line.Label, line.Note));

        // The street team now answers for it: its officer checks in next.
        CaseDetail seen = await (await (await app.ClientFor("jnl.officer")).GetAsync($"/api/cases/{id}")).OkJson<CaseDetail>();
        Assert.Contains(CaseAction.CheckIn, seen.AvailableActions);
    }

    [Fact]
    public async Task A_move_that_cancels_running_clocks_names_them_on_the_timeline_and_each_clock_says_why_it_stopped()
    {
        Guid id = await ReceiveAsync();
        HttpClient dispatcher = await app.ClientFor("dispatcher");
        CaseDetail accepted = await Act(dispatcher, id, "accept");
        CaseClockDto met = accepted.Clocks.Single(k => k.Kind == ClockPolicies.HotlineAccept);
        Assert.Equal((ClockState.Met, LedgerType.Stop, "签收"), (met.State, met.Ending, met.EndReason));
        Assert.True(met.MarginMinutes >= 0);
        Assert.NotNull(met.DueAt);

        CaseDetail returned = await Act(dispatcher, id, "return", new { reason = "不属于城管职责" });
        CaseEventDto line = returned.Timeline[^1];
        Assert.Equal("退单", line.Label);
        Assert.Contains("已取消计时", line.Note);
        Assert.Contains("到场取证时限", line.Note);
        Assert.Contains("初步结果时限", line.Note);
        Assert.Contains("不属于城管职责", line.Note);
        // The met accept clock is not cancelled, so not named.
        Assert.DoesNotContain("签收时限", line.Note);
        CaseClockDto onSite = returned.Clocks.Single(k => k.Kind == ClockPolicies.HotlineOnSite);
        Assert.Equal((ClockState.Cancelled, LedgerType.Cancel, "不属于城管职责"), (onSite.State, onSite.Ending, onSite.EndReason));
        CaseClockDto handling = returned.Clocks.Single(k => k.Kind == ClockPolicies.HotlineHandlingGeneral);
        Assert.Equal((ClockState.Paused, LedgerType.Pause), (handling.State, handling.Ending));

        // The platform sends it again: the fresh 20 minutes are said on the timeline too.
        CaseDetail again = await Act(await app.HotlinePlatformAsync(), id, "redeliver");
        Assert.Contains("重新计时", again.Timeline[^1].Note);
        Assert.Contains("签收时限", again.Timeline[^1].Note);
    }

    [Fact]
    public async Task The_accepting_street_teams_leader_redirects_its_order_with_the_dispatchers_clock_rule_but_not_another_units_case()
    {
        Guid id = await ReceiveAsync();
        HttpClient teamLeader = await app.ClientFor("jnl.leader");
        Unit squad = await UnitAsync("机动执法中队");
        Unit team = await UnitAsync("江宁路街道城管中队");
        CaseDetail accepted = await Act(teamLeader, id, "accept");
        Assert.Contains(CaseAction.Reassign, accepted.AvailableActions);
        List<Clock> before = await ClocksAsync(id);

        // The street team accepted the order and sends it on to the squad: the state stays, every clock runs on, now the squad's.
        CaseDetail moved = await Act(teamLeader, id, "reassign", new { unitId = squad.Id, reason = "涉及夜间跨区域经营，由机动中队处置" });
        Assert.Equal((CaseState.Accepted, squad.Id), (moved.Case.State, moved.Case.UnitId));
        List<Clock> after = await ClocksAsync(id);
        Assert.Equal(before.Count, after.Count);
        foreach (Clock k in after)
        {
            Clock was = before.Single(b => b.Id == k.Id);
            Assert.Equal((was.State, was.DueAt, was.LedgerCount, squad.Id), (k.State, k.DueAt, k.LedgerCount, k.UnitId));
        }
        Assert.Equal(ClockState.Running, after.Single(k => k.Kind == ClockPolicies.HotlineOnSite).State);
        CaseEventDto line = moved.Timeline[^1];
        Assert.Equal(("Reassign", "改派", "涉及夜间跨区域经营，由机动中队处置"), (line.Action, line.Label, line.Note));

        // The case is still on the team's street, so its leader sees it, but the squad holds it now: only the squad redirects it,
        // and the team's leader is not offered the move.
        Assert.DoesNotContain(CaseAction.Reassign, moved.AvailableActions);
        var refused = await (await teamLeader.PostJson($"/api/cases/{id}/actions/reassign", new { unitId = team.Id, reason = "收回" })).Problem(HttpStatusCode.Forbidden);
        Assert.Equal("只能改派本单位承办的案件", refused.GetProperty("detail").GetString());
        Assert.Equal(squad.Id, (await app.WithDbAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == id))).UnitId);
        // An officer of the holding unit may not redirect at all (the table's roles).
        await (await (await app.ClientFor("officer")).PostJson($"/api/cases/{id}/actions/reassign", new { unitId = team.Id, reason = "x" })).Problem(HttpStatusCode.Forbidden);

        CaseDetail held = await (await (await app.ClientFor("squad")).GetAsync($"/api/cases/{id}")).OkJson<CaseDetail>();
        Assert.Contains(CaseAction.Reassign, held.AvailableActions);
        CaseDetail back = await Act(await app.ClientFor("squad"), id, "reassign", new { unitId = team.Id, reason = "经核实属街面秩序，交回江宁路中队" });
        Assert.Equal((CaseState.Accepted, team.Id), (back.Case.State, back.Case.UnitId));
        Assert.All(await ClocksAsync(id), k => Assert.Equal(team.Id, k.UnitId));
    }

    [Fact]
    public async Task The_squad_holding_a_dispatched_grid_case_redirects_it_and_its_disposal_clock_runs_on()
    {
        (double lon, double lat) = await PointInAsync(Jiangning);
        HttpClient dispatcher = await app.ClientFor("dispatcher");
        CaseDetail opened = await (await dispatcher.PostJson("/api/cases", new
        {
            channel = "GridInspector", categoryCode = "event:0102", description = "网格员上报：弄堂口暴露垃圾堆放（改派测试）", address = "江宁路 210 号", lon, lat,
        })).OkJson<CaseDetail>(HttpStatusCode.Created);
        Guid id = opened.Case.Id;
        Unit squad = await UnitAsync("机动执法中队");
        Unit team = await UnitAsync("江宁路街道城管中队");
        await Act(dispatcher, id, "verify", new { result = "核实属实" });
        await Act(dispatcher, id, "file", new { categoryCode = "event:0102", conditionCode = "01" });
        await Act(dispatcher, id, "dispatch", new { unitId = squad.Id });
        Clock disposal = (await ClocksAsync(id)).Single();

        CaseDetail moved = await Act(await app.ClientFor("squad"), id, "reassign", new { unitId = team.Id, reason = "属街道网格日常保洁，交江宁路中队" });
        Assert.Equal((CaseState.Dispatched, team.Id), (moved.Case.State, moved.Case.UnitId));
        Clock after = (await ClocksAsync(id)).Single();
        Assert.Equal((disposal.Id, ClockState.Running, disposal.DueAt, disposal.LedgerCount, team.Id), (after.Id, after.State, after.DueAt, after.LedgerCount, after.UnitId));
        Assert.Equal(("Reassign", "改派"), (moved.Timeline[^1].Action, moved.Timeline[^1].Label));
        // The squad no longer holds it, and its leader's scope no longer reaches it.
        await (await (await app.ClientFor("squad")).PostJson($"/api/cases/{id}/actions/reassign", new { unitId = squad.Id, reason = "x" })).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_deactivated_street_team_no_longer_receives_its_grids_cases()
    {
        HttpClient admin = await app.ClientFor("admin");
        HttpClient dispatcher = await app.ClientFor("dispatcher");
        // The street's last grid (the others' tests use its first), with a second street team whose code routes first.
        GridDirectory directory = app.Services.GetRequiredService<GridDirectory>();
        var grid = (await app.WithDbAsync(db => db.Grids.AsNoTracking().Where(g => g.Code.StartsWith(Jiangning)).OrderByDescending(g => g.Code)
            .Select(g => new { g.Code, g.CentroidLon, g.CentroidLat, Units = g.ResponsibleUnits.Select(r => r.UnitId).ToList(), Officers = g.Officers.Select(o => o.PersonId).ToList() })
            .ToListAsync())).First(g => directory.Locate(g.CentroidLon, g.CentroidLat)?.Code == g.Code);
        Guid street = await app.WithDbAsync(db => db.Units.Where(u => u.Code == Jiangning).Select(u => u.Id).SingleAsync());
        async Task<Guid?> OpenAsync() => (await (await dispatcher.PostJson("/api/cases", new
        {
            channel = "ResidentsCommittee", description = "居委反映：弄堂内乱堆物（停用单位测试）", lon = grid.CentroidLon, lat = grid.CentroidLat,
        })).OkJson<CaseDetail>(HttpStatusCode.Created)).Case.UnitId;
        Guid? usual = await OpenAsync();
        Assert.NotNull(usual);
        UnitDto second = await (await admin.PostJson("/api/units", new
        {
            parentId = street, code = "0RT-" + Guid.NewGuid().ToString("N")[..8], name = "江宁路街道城管临时中队" + Guid.NewGuid().ToString("N")[..4], kind = "StreetTeam",
        })).OkJson<UnitDto>(HttpStatusCode.Created);
        (await admin.PutJson($"/api/grids/{grid.Code}/responsibility", new { unitIds = grid.Units.Append(second.Id), officerIds = grid.Officers })).EnsureSuccessStatusCode();
        try
        {
            Assert.Equal(second.Id, await OpenAsync());
            // Dissolved: the grid still names it (the grid layer is unchanged), but the next case goes to the active team.
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/units/{second.Id}/deactivate", null)).StatusCode);
            Assert.Equal(usual, await OpenAsync());
        }
        finally
        {
            (await admin.PutJson($"/api/grids/{grid.Code}/responsibility", new { unitIds = grid.Units, officerIds = grid.Officers })).EnsureSuccessStatusCode();
        }
    }
}

public sealed class CaseDispatchTestsOnSqlite(SqliteApp app) : CaseDispatchTests(app);

public sealed class CaseDispatchTestsOnPostgres(PostgresApp app) : CaseDispatchTests(app);
