using System.Net;
using System.Text.Json;
using Chengguan.Cases;
using Chengguan.Hotline;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Tests.Hotline;

/// <summary>
/// 催办 is the Urge row of the case table: allowed in every open state and the state stays, counted
/// on the case, a timeline line and an outbox "case.urged" message; a closed or withdrawn order is
/// answered 409 naming its state and the action, as before the row existed.
/// </summary>
public abstract class HotlineUrgeTests<TApp>(TApp app) where TApp : ChengguanApp
{
    private static string NewOrderNumber() => "UR" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

    private static async Task<HotlineOrderReceipt> ReceiveAsync(HttpClient platform, string orderNumber) =>
        await (await platform.PostJson("/api/hotline/orders", new
        {
            channel = "12345", orderNumber, requestType = "Help", description = "小区门口垃圾堆放", address = "江宁路 200 号",
        })).OkJson<HotlineOrderReceipt>(HttpStatusCode.Created);

    [Fact]
    public async Task An_urge_on_an_open_order_is_counted_timelined_and_sent_to_the_unit_and_leaves_the_state()
    {
        app.RequireAvailable();
        HttpClient platform = await app.HotlinePlatformAsync();
        string number = NewOrderNumber();
        HotlineOrderReceipt order = await ReceiveAsync(platform, number);

        HotlineOrderReceipt first = await (await platform.PostJson($"/api/hotline/orders/12345/{number}/urge", new { reason = "市民再次来电" })).OkJson<HotlineOrderReceipt>();
        HotlineOrderReceipt second = await (await platform.PostJson($"/api/hotline/orders/12345/{number}/urge", new { reason = "第三次来电" })).OkJson<HotlineOrderReceipt>();
        Assert.Equal((order.CaseId, CaseState.Received, false), (first.CaseId, first.State, first.Created));
        Assert.Equal(CaseState.Received, second.State);

        (CaseState state, int urges) = await app.WithDbAsync(db => db.Cases.Where(c => c.Id == order.CaseId).Select(c => new ValueTuple<CaseState, int>(c.State, c.UrgeCount)).SingleAsync());
        Assert.Equal((CaseState.Received, 2), (state, urges));
        List<CaseEvent> lines = await app.WithDbAsync(db => db.CaseEvents.Where(e => e.CaseId == order.CaseId && e.Action == "Urge").OrderBy(e => e.Seq).ToListAsync());
        Assert.Equal(["市民再次来电", "第三次来电"], lines.Select(l => l.Note));
        Assert.All(lines, l => Assert.Equal(("催办", CaseState.Received, CaseState.Received, (string?)null), (l.Label, l.FromState!.Value, l.ToState!.Value, l.DataJson)));

        string id = order.CaseId.ToString();
        List<string> sent = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Topic == "case.urged" && m.Payload.Contains(id)).Select(m => m.Payload).ToListAsync());
        Assert.Equal([1, 2], sent.Select(p => JsonDocument.Parse(p).RootElement.GetProperty("count").GetInt32()).Order());
        Assert.Contains(sent, p => JsonDocument.Parse(p).RootElement.GetProperty("reason").GetString() == "第三次来电");
    }

    [Fact]
    public async Task An_urge_on_a_withdrawn_order_is_a_conflict_naming_the_state_and_changes_nothing()
    {
        app.RequireAvailable();
        HttpClient platform = await app.HotlinePlatformAsync();
        string number = NewOrderNumber();
        HotlineOrderReceipt order = await ReceiveAsync(platform, number);
        await (await platform.PostJson($"/api/hotline/orders/12345/{number}/withdraw", new { reason = "市民撤诉" })).OkJson<CaseDetail>();

        JsonElement problem = await (await platform.PostJson($"/api/hotline/orders/12345/{number}/urge", new { reason = "催办" })).Problem(HttpStatusCode.Conflict);
        Assert.Equal(("工单已办结或已撤销，不能催办", "Withdrawn", "Urge"),
            (problem.GetProperty("detail").GetString(), problem.GetProperty("state").GetString(), problem.GetProperty("action").GetString()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Cases.Where(c => c.Id == order.CaseId).Select(c => c.UrgeCount).SingleAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.CaseEvents.CountAsync(e => e.CaseId == order.CaseId && e.Action == "Urge")));
        // An unknown order stays a 404, and the reason stays required.
        await (await platform.PostJson($"/api/hotline/orders/12345/{NewOrderNumber()}/urge", new { reason = "催办" })).Problem(HttpStatusCode.NotFound);
        JsonElement missing = await (await platform.PostJson($"/api/hotline/orders/12345/{number}/urge", new { })).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["须说明催办或撤单的内容"], missing.FieldErrors("reason"));
    }

    [Fact]
    public async Task Staff_cannot_urge_through_the_case_actions()
    {
        app.RequireAvailable();
        HttpClient platform = await app.HotlinePlatformAsync();
        HotlineOrderReceipt order = await ReceiveAsync(platform, NewOrderNumber());
        JsonElement problem = await (await (await app.ClientFor("dispatcher")).PostJson($"/api/cases/{order.CaseId}/actions/urge", new { reason = "催" })).Problem(HttpStatusCode.Forbidden);
        Assert.Equal("当前角色不能对该案件执行“催办”", problem.GetProperty("detail").GetString());
    }
}

public sealed class HotlineUrgeTestsOnSqlite(SqliteApp app) : HotlineUrgeTests<SqliteApp>(app);

public sealed class HotlineUrgeTestsOnPostgres(PostgresApp app) : HotlineUrgeTests<PostgresApp>(app);
