using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Tests.Operations;

/// <summary>
/// <c>/metrics</c> in Prometheus text: the Chengguan instruments are there from the start, a hotline order counts,
/// nothing personal is in it, and only administrators (or the machine itself, or configured monitoring addresses) read it.
/// </summary>
public abstract partial class MetricsTests(ChengguanApp app)
{
    [Fact]
    public async Task The_scrape_shows_every_Chengguan_instrument_and_the_platform_meters()
    {
        string text = await ScrapeAsync();

        HashSet<string> names = [.. Regex.Matches(text, "^# TYPE ([a-z_]+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value)];
        foreach (string name in new[]
        {
            "chengguan_hotline_intake_queue_depth", "chengguan_clocks_sweep_lag_seconds", "chengguan_outbox_backlog",
            "chengguan_console_circuits", "http_server_request_duration_seconds", "dotnet_gc_collections_total",
        })
        {
            Assert.True(names.Contains(name), $"{name} not among: {string.Join(", ", names.Order())}");
        }
        Assert.Matches(new Regex("^chengguan_outbox_backlog\\{[^}]*state=\"pending\"", RegexOptions.Multiline), text);
        Assert.Matches(new Regex("^chengguan_outbox_backlog\\{[^}]*state=\"dead\"", RegexOptions.Multiline), text);
        if (app.Engine == Engine.Postgres)
        {
            // Npgsql's own meter: the connection pool's use.
            Assert.Contains(names, n => n.StartsWith("db_client_connection", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_hotline_order_increments_the_intake_counter_and_records_its_latency_without_its_details()
    {
        double before = Sum(await ScrapeAsync(), "chengguan_hotline_intake_orders_total", "result=\"opened\"");
        double timedBefore = Sum(await ScrapeAsync(), "chengguan_hotline_intake_duration_seconds_count", "result=\"opened\"");
        HttpClient platform = await app.HotlinePlatformAsync("12345 平台（指标测试）");
        (double lon, double lat) = await app.WithDbAsync(db => db.Grids.Where(g => g.Code.StartsWith("310106006")).OrderBy(g => g.Code)
            .Select(g => new ValueTuple<double, double>(g.CentroidLon, g.CentroidLat)).FirstAsync());
        string number = $"MT{Guid.NewGuid():N}"[..16];
        HttpResponseMessage answer = await platform.PostJson("/api/hotline/orders", new
        {
            channel = "12345", orderNumber = number, requestType = "Complaint", description = "指标测试：王先生 13800138000", lon, lat,
            reporterName = "王先生", reporterPhone = "13800138000",
        });
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);

        string after = await ScrapeAsync();
        Assert.True(Sum(after, "chengguan_hotline_intake_orders_total", "result=\"opened\"") >= before + 1);
        Assert.True(Sum(after, "chengguan_hotline_intake_duration_seconds_count", "result=\"opened\"") >= timedBefore + 1);
        Assert.Matches(new Regex("^chengguan_hotline_intake_orders_total\\{[^}]*channel=\"Hotline12345\"", RegexOptions.Multiline), after);
        Assert.DoesNotContain(number, after);
        Assert.DoesNotContain("13800138000", after);
        Assert.DoesNotContain("王先生", after);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("dispatcher")]
    [InlineData("leader")]
    public async Task Anyone_but_an_administrator_from_elsewhere_gets_404(string? user)
    {
        HttpClient client = user is null ? app.Anonymous() : await app.ClientFor(user);

        HttpResponseMessage answer = await client.GetAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.DoesNotContain("chengguan_", await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private async Task<string> ScrapeAsync()
    {
        HttpClient admin = await app.ClientFor("admin");
        HttpResponseMessage answer = await admin.GetAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The sum over the series of <paramref name="metric"/> whose labels contain <paramref name="label"/>.</summary>
    private static double Sum(string text, string metric, string label) =>
        Series().Matches(text).Where(m => m.Groups["name"].Value == metric && m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-z_]+)\{(?<labels>[^}]*)\} (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex Series();
}

public sealed class MetricsTestsOnSqlite(SqliteApp app) : MetricsTests(app);

public sealed class MetricsTestsOnPostgres(PostgresApp app) : MetricsTests(app);
