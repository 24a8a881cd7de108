using System.Net;
using System.Text;
using Chengguan.Cases;
using Chengguan.Hotline;
using Chengguan.Identity;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Tests.Cases;

/// <summary>Duplicates suggested on intake, merged into a parent whose result reaches every channel; a day's orders imported from a sheet.</summary>
public abstract class DuplicateCaseTests(ChengguanApp app)
{
    private Task<HttpClient> PlatformAsync() => app.HotlinePlatformAsync("12345");

    private Task<(double Lon, double Lat)> PointAsync(int skip) => app.WithDbAsync(db =>
        db.Grids.Where(g => g.Code.StartsWith("310106006")).OrderBy(g => g.Code).Skip(skip).Select(g => new ValueTuple<double, double>(g.CentroidLon, g.CentroidLat)).FirstAsync());

    [Fact]
    public async Task Open_cases_of_the_same_category_within_50_metres_are_suggested_and_merging_shares_the_parents_result()
    {
        (double lon, double lat) = await PointAsync(7);
        HttpClient platform = await PlatformAsync();
        HttpClient dispatcher = await app.ClientFor("dispatcher");
        string category = "component:0103";
        HotlineOrderReceipt parentOrder = await (await platform.PostJson("/api/hotline/orders", new
        {
            channel = "12345", orderNumber = "DUP" + Guid.NewGuid().ToString("N")[..10], requestType = "Complaint", categoryCode = category, description = "雨水井盖缺失", lon, lat,
        })).OkJson<HotlineOrderReceipt>(HttpStatusCode.Created);
        // 30 m north: suggested. 300 m north: not. Another category at the same spot: not.
        HotlineOrderReceipt childOrder = await (await platform.PostJson("/api/hotline/orders", new
        {
            channel = "12345", orderNumber = "DUP" + Guid.NewGuid().ToString("N")[..10], requestType = "Complaint", categoryCode = category, description = "井盖没了", lon, lat = lat + 30 / 111_320.0,
        })).OkJson<HotlineOrderReceipt>(HttpStatusCode.Created);
        await (await platform.PostJson("/api/hotline/orders", new
        {
            channel = "12345", orderNumber = "DUP" + Guid.NewGuid().ToString("N")[..10], requestType = "Complaint", categoryCode = category, description = "远处井盖", lon, lat = lat + 300 / 111_320.0,
        })).OkJson<HotlineOrderReceipt>(HttpStatusCode.Created);
        await (await platform.PostJson("/api/hotline/orders", new
        {
            channel = "12345", orderNumber = "DUP" + Guid.NewGuid().ToString("N")[..10], requestType = "Complaint", categoryCode = "event:0102", description = "垃圾", lon, lat,
        })).OkJson<HotlineOrderReceipt>(HttpStatusCode.Created);

        CaseDetail child = await (await dispatcher.GetAsync($"/api/cases/{childOrder.CaseId}")).OkJson<CaseDetail>();
        Assert.Equal([parentOrder.CaseId], child.Similar.Select(s => s.Id));

        CaseDetail merged = await (await dispatcher.PostJson($"/api/cases/{childOrder.CaseId}/actions/merge", new { parentId = parentOrder.CaseId })).OkJson<CaseDetail>();
        Assert.Equal((CaseState.Merged, parentOrder.CaseId), (merged.Case.State, merged.ParentId));
        Assert.All(merged.Clocks, c => Assert.Equal(Chengguan.Clocks.ClockState.Cancelled, c.State));
        await (await dispatcher.PostJson($"/api/cases/{childOrder.CaseId}/actions/merge", new { parentId = parentOrder.CaseId })).Problem(HttpStatusCode.Conflict);
        var self = await (await dispatcher.PostJson($"/api/cases/{parentOrder.CaseId}/actions/merge", new { parentId = parentOrder.CaseId })).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(self.FieldErrors("parentId"));

        HttpClient officer = await app.ClientFor("jnl.officer");
        await officer.PostJson($"/api/cases/{parentOrder.CaseId}/actions/accept", new { });
        await officer.PostJson($"/api/cases/{parentOrder.CaseId}/actions/handle", new { result = "井盖已补装" });
        HttpClient leader = await app.ClientFor("jnl.leader");
        (await leader.PostJson($"/api/cases/{parentOrder.CaseId}/actions/reply", new
        {
            reply = "井盖已补装", checklist = new { factsFound = "属实", actionTaken = "补装", legalBasis = "养护规定", result = "已恢复", citizenContacted = true },
        })).EnsureSuccessStatusCode();
        CaseDetail childAfter = await (await dispatcher.GetAsync($"/api/cases/{childOrder.CaseId}")).OkJson<CaseDetail>();
        Assert.Equal("主案件结果", childAfter.Timeline[^1].Label);
        int childReplies = await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Topic == "hotline.reply" && m.Payload.Contains(childOrder.OrderNumber)));
        Assert.Equal(1, childReplies);
    }

    [Fact]
    public async Task A_days_orders_import_reports_each_row_created_duplicate_or_invalid()
    {
        (double lon, double lat) = await PointAsync(3);
        string a = "IMP" + Guid.NewGuid().ToString("N")[..10], b = "IMP" + Guid.NewGuid().ToString("N")[..10];
        string csv = "渠道,工单编号,诉求类型,紧急程度,诉求内容,地址,经度,纬度,诉求人,联系电话\n"
            + $"12345,{a},投诉,一般,夜间施工噪声,江宁路 1 号,{lon},{lat},李四,13900001111\n"
            + $"12345,{a},投诉,一般,同一工单再次出现,江宁路 1 号,{lon},{lat},李四,13900001111\n"
            + $"12319,{b},咨询,紧急,咨询拆违流程,江宁路 2 号,,,王五,\n"
            + "110,,吐槽,马上,,,,abc,,\n";
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new("text/csv");
        form.Add(file, "file", "orders.csv");
        HttpClient dispatcher = await app.ClientFor("dispatcher");
        HotlineImportReport report = await (await dispatcher.PostAsync("/api/hotline/imports", form)).OkJson<HotlineImportReport>();
        Assert.Equal((4, 2, 1, 1), (report.Rows, report.Created, report.Duplicates, report.Invalid));
        Assert.Equal(["created", "duplicate", "created", "invalid"], report.Results.Select(r => r.Status));
        HotlineImportRow bad = report.Results[3];
        foreach (string field in new[] { "channel", "orderNumber", "requestType", "urgency", "description", "lat" })
        {
            Assert.True(bad.Errors!.ContainsKey(field), field);
        }
        Assert.Equal(1, await app.WithDbAsync(db => db.Cases.CountAsync(c => c.ExternalNumber == a)));
        Assert.Equal(Urgency.Urgent, await app.WithDbAsync(db => db.Cases.Where(c => c.ExternalNumber == b).Select(c => c.Urgency).SingleAsync()));
        var again = new MultipartFormDataContent();
        again.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "orders.csv");
        HttpResponseMessage officer = await (await app.ClientFor("jnl.officer")).PostAsync("/api/hotline/imports", again);
        Assert.Equal(HttpStatusCode.Forbidden, officer.StatusCode);
    }
}

public sealed class DuplicateCaseTestsOnSqlite(SqliteApp app) : DuplicateCaseTests(app);

public sealed class DuplicateCaseTestsOnPostgres(PostgresApp app) : DuplicateCaseTests(app);
