using System.Net;
using System.Text.Json;
using Chengguan.Hotline;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Tests.Hotline;

/// <summary>Hotline orders delivered at once are committed together; each still opens exactly one case.</summary>
public abstract class GroupCommitTests(ChengguanApp app)
{
    [Fact]
    public async Task Concurrent_deliveries_each_open_one_case_and_repeats_in_the_same_burst_get_that_case()
    {
        const string keyName = "12345 平台（并发推送）";
        HttpClient platform = await app.HotlinePlatformAsync(keyName);
        (double lon, double lat) = await app.WithDbAsync(db => db.Grids.Where(g => g.Code.StartsWith("310106006")).OrderBy(g => g.Code).Skip(2)
            .Select(g => new ValueTuple<double, double>(g.CentroidLon, g.CentroidLat)).FirstAsync());
        string[] numbers = [.. Enumerable.Range(0, 60).Select(i => $"GC{Guid.NewGuid():N}"[..16])];
        long auditBefore = await app.AuditHeadAsync();

        // Every order twice, side by side, with 24 deliveries in flight (about what PostgreSQL's
        // connection limit allows beside the other test classes), so repeats meet in one batch or the next.
        using var inFlight = new SemaphoreSlim(24);
        HttpResponseMessage[] answers = await Task.WhenAll(numbers.SelectMany(n => new[] { n, n }).Select(async n =>
        {
            await inFlight.WaitAsync();
            try
            {
                return await platform.PostJson("/api/hotline/orders", new
                {
                    channel = "12345", orderNumber = n, requestType = "Complaint", description = $"并发推送测试 {n}", lon, lat,
                });
            }
            finally
            {
                inFlight.Release();
            }
        }));

        var receipts = new List<(HttpStatusCode Status, HotlineOrderReceipt Receipt)>();
        foreach (HttpResponseMessage answer in answers)
        {
            receipts.Add((answer.StatusCode, await answer.OkJson<HotlineOrderReceipt>(answer.StatusCode)));
        }
        Assert.All(receipts, r => Assert.Contains(r.Status, new[] { HttpStatusCode.Created, HttpStatusCode.OK }));
        foreach (var order in receipts.GroupBy(r => r.Receipt.OrderNumber))
        {
            Assert.Equal(2, order.Count());
            Assert.Single(order, r => r.Status == HttpStatusCode.Created && r.Receipt.Created);
            Assert.Single(order.Select(r => r.Receipt.CaseId).Distinct());
        }

        var stored = await app.WithDbAsync(db => db.Cases.Where(c => numbers.Contains(c.ExternalNumber!)).Select(c => new { c.Id, c.Number }).ToListAsync());
        Assert.Equal(numbers.Length, stored.Count);
        Assert.Equal(numbers.Length, stored.Select(c => c.Number).Distinct().Count());
        Guid[] ids = [.. stored.Select(c => c.Id)];
        Assert.Equal(numbers.Length, await app.WithDbAsync(db => db.CaseEvents.CountAsync(e => ids.Contains(e.CaseId))));
        Assert.Equal(numbers.Length * 2, await app.WithDbAsync(db => db.Clocks.CountAsync(c => c.SubjectType == "case" && ids.Contains(c.SubjectId))));

        // Found by free text like any other case: the writer keeps the search documents too.
        Assert.Equal(numbers.Length, await app.WithDbAsync(db => db.CaseSearchDocuments.CountAsync(d => ids.Contains(d.CaseId))));
        HttpClient dispatcher = await app.ClientFor("dispatcher");
        var found = await (await dispatcher.GetAsync("/api/cases?q=" + Uri.EscapeDataString("并发推送 " + numbers[7]))).OkJson<Chengguan.Infrastructure.Page<Chengguan.Cases.CaseSummary>>();
        Assert.Equal([numbers[7]], found.Items.Select(c => c.ExternalNumber));

        // Written in batches by a background writer, yet the audit trail names the platform that
        // delivered them: one chained entry a batch, counting the cases it opened.
        var batches = await app.WithDbAsync(db => db.AuditEntries
            .Where(a => a.Seq > auditBefore && a.Entity == "batch" && a.ActorName == "apikey:" + keyName).Select(a => new { a.EntityKey, a.After }).ToListAsync());
        Assert.NotEmpty(batches);
        Assert.All(batches, b => Assert.StartsWith(HotlineIntakeQueue.AuditSource + ": ", b.EntityKey));
        int audited = batches.Sum(b => JsonDocument.Parse(b.After!).RootElement.GetProperty("counts").GetProperty("Case.create").GetInt32());
        Assert.Equal(numbers.Length, audited);
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Seq > auditBefore && a.Entity == "Case" && a.ActorName == "apikey:" + keyName)));
    }

    [Fact]
    public async Task The_same_order_number_on_the_two_channels_is_two_orders_even_in_one_burst()
    {
        HttpClient platform = await app.HotlinePlatformAsync("12345/12319 平台（同号两渠道）");
        string number = $"GC{Guid.NewGuid():N}"[..16];
        // Side by side, so that the two channels' deliveries (and their repeats) can meet in one batch.
        HttpResponseMessage[] answers = await Task.WhenAll(new[] { "12345", "12319", "12345", "12319" }.Select(channel => platform.PostJson("/api/hotline/orders", new
        {
            channel, orderNumber = number, requestType = "Consultation", description = $"同号两渠道 {number}", address = "江宁路 1 号",
        })));

        var receipts = new List<HotlineOrderReceipt>();
        foreach (HttpResponseMessage answer in answers)
        {
            receipts.Add(await answer.OkJson<HotlineOrderReceipt>(answer.StatusCode));
        }
        foreach (var channel in receipts.GroupBy(r => r.Channel))
        {
            Assert.Single(channel.Select(r => r.CaseId).Distinct());
            Assert.Single(channel, r => r.Created);
        }
        Assert.Equal(2, receipts.Select(r => r.CaseId).Distinct().Count());
        Assert.Equal(new[] { "12319", "12345" }, receipts.Select(r => r.Channel).Distinct().Order());
    }
}

public sealed class GroupCommitTestsOnSqlite(SqliteApp app) : GroupCommitTests(app);

public sealed class GroupCommitTestsOnPostgres(PostgresApp app) : GroupCommitTests(app);
