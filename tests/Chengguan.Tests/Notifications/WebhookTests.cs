using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Chengguan.Clocks;
using Chengguan.Data;
using Chengguan.Hotline;
using Chengguan.Notifications;
using Chengguan.Tests.Clocks;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengguan.Tests.Notifications;

/// <summary>A real HTTP listener on loopback that fails its first answers, as receivers do.</summary>
public sealed class FlakyReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private int _failuresLeft;

    public FlakyReceiver(int failFirst)
    {
        _failuresLeft = failFirst;
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        Url = $"http://127.0.0.1:{port}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    public string Url { get; }

    /// <summary>When set, only requests whose body contains it count against the failures: other clocks' steps (the demo's deadlines) may be delivered meanwhile.</summary>
    public string? FailOnly { get; set; }
    public ConcurrentQueue<(string Delivery, string Timestamp, string Signature, string Topic, string Body, int Status)> Received { get; } = new();

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream);
            string body = await reader.ReadToEndAsync();
            int status = (FailOnly is null || body.Contains(FailOnly, StringComparison.Ordinal)) && Interlocked.Decrement(ref _failuresLeft) >= 0 ? 503 : 200;
            Received.Enqueue((context.Request.Headers["X-Chengguan-Delivery"]!, context.Request.Headers["X-Chengguan-Timestamp"]!,
                context.Request.Headers["X-Chengguan-Signature"]!, context.Request.Headers["X-Chengguan-Topic"]!, body, status));
            context.Response.StatusCode = status;
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }
}

public abstract class WebhookTests<TApp>(TApp app) where TApp : ChengguanApp, IClockApp
{
    private async Task<(string Secret, Guid Id)> Subscribe(string url, string topics)
    {
        HttpClient admin = await app.ClientFor("admin");
        CreatedWebhook hook = await (await admin.PostJson("/api/webhooks", new { name = "区城运中心", url, topics })).OkJson<CreatedWebhook>(HttpStatusCode.Created);
        return (hook.Secret, hook.Webhook.Id);
    }

    private async Task<Clock> StartAndBreach()
    {
        await using (AsyncServiceScope scope = app.Services.CreateAsyncScope())
        {
            AppDbContext db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Clock clock = await scope.ServiceProvider.GetRequiredService<ClockService>().StartAsync("case", Guid.NewGuid(), ClockPolicies.HotlineAccept, null, "test", default);
            await db.SaveChangesAsync();
            app.Clock.Advance(TimeSpan.FromMinutes(21));
            await app.Services.GetRequiredService<ClockSweeper>().SweepAsync(default);
            return clock;
        }
    }

    private async Task DispatchFor(TimeSpan span)
    {
        OutboxDispatcher dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        for (TimeSpan waited = TimeSpan.Zero; waited <= span; waited += TimeSpan.FromSeconds(30))
        {
            await dispatcher.DispatchAsync(default);
            app.Clock.Advance(TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public async Task A_failing_receiver_gets_the_signed_event_again_until_it_accepts_it()
    {
        app.RequireAvailable();
        using var receiver = new FlakyReceiver(failFirst: 2);
        (string secret, _) = await Subscribe(receiver.Url, "clock.breach");
        Clock clock = await StartAndBreach();
        receiver.FailOnly = clock.Id.ToString();
        await DispatchFor(TimeSpan.FromMinutes(5));

        var attempts = receiver.Received.Where(r => r.Body.Contains(clock.Id.ToString())).ToList();
        Assert.Equal([503, 503, 200], attempts.Select(a => a.Status));
        Assert.Single(attempts.Select(a => a.Delivery).Distinct());
        Assert.All(attempts, a =>
        {
            Assert.Equal("clock.breach", a.Topic);
            Assert.Equal(WebhookSigner.Sign(secret, a.Timestamp, a.Body), a.Signature);
        });
        Guid delivery = Guid.Parse(attempts[0].Delivery);
        OutboxMessage stored = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Id == delivery));
        Assert.Equal(OutboxState.Delivered, stored.State);
        Assert.Equal(2, stored.Attempts);
    }

    [Fact]
    public async Task A_hotline_webhook_carries_the_channel_as_the_platform_wrote_it()
    {
        app.RequireAvailable();
        using var receiver = new FlakyReceiver(failFirst: 0);
        (string secret, Guid hookId) = await Subscribe(receiver.Url, "hotline.");
        HttpClient platform = await app.HotlinePlatformAsync("城建热线（推送测试）" + Guid.NewGuid().ToString("N")[..6]);
        string order = "WH-" + Guid.NewGuid().ToString("N")[..12];
        HotlineOrderReceipt receipt = await (await platform.PostJson("/api/hotline/orders", new
        {
            channel = "12319", orderNumber = order, requestType = "Help", description = "推送测试：路灯不亮", address = "江宁路 2 号",
        })).OkJson<HotlineOrderReceipt>(HttpStatusCode.Created);
        HttpClient dispatcher = await app.ClientFor("dispatcher");
        (await dispatcher.PostJson($"/api/cases/{receipt.CaseId}/actions/accept", new { })).EnsureSuccessStatusCode();
        await DispatchFor(TimeSpan.FromSeconds(30));

        var delivered = receiver.Received.Single(r => r.Body.Contains(order));
        Assert.Equal("hotline.accept", delivered.Topic);
        Assert.Equal(WebhookSigner.Sign(secret, delivered.Timestamp, delivered.Body), delivered.Signature);
        using JsonDocument payload = JsonDocument.Parse(delivered.Body);
        // The platform's own text, as in its order and its receipt; not the enum's position (it was 1).
        Assert.Equal(JsonValueKind.String, payload.RootElement.GetProperty("channel").ValueKind);
        Assert.Equal("12319", payload.RootElement.GetProperty("channel").GetString());
        Assert.Equal(receipt.Channel, payload.RootElement.GetProperty("channel").GetString());
        Assert.Equal(("Accept", "Accepted"), (payload.RootElement.GetProperty("action").GetString(), payload.RootElement.GetProperty("state").GetString()));
        Assert.Equal(HttpStatusCode.NoContent, (await (await app.ClientFor("admin")).PostAsync($"/api/webhooks/{hookId}/deactivate", null)).StatusCode);
    }

    [Fact]
    public async Task A_receiver_that_never_accepts_ends_in_the_dead_letters_and_can_be_retried()
    {
        app.RequireAvailable();
        using var receiver = new FlakyReceiver(failFirst: int.MaxValue);
        (_, Guid hookId) = await Subscribe(receiver.Url, "clock.breach");
        Clock clock = await StartAndBreach();
        await DispatchFor(TimeSpan.FromHours(3));

        var attempts = receiver.Received.Where(r => r.Body.Contains(clock.Id.ToString())).ToList();
        Assert.Equal(OutboxDispatcher.MaxAttempts, attempts.Count);
        Guid delivery = Guid.Parse(attempts[0].Delivery);
        HttpClient admin = await app.ClientFor("admin");
        List<OutboxDto> dead = await (await admin.GetAsync("/api/outbox?state=Dead")).OkJson<List<OutboxDto>>();
        Assert.Contains(dead, m => m.Id == delivery && m.Attempts == OutboxDispatcher.MaxAttempts);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/outbox/{delivery}/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/outbox/{delivery}/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/webhooks/{hookId}/deactivate", null)).StatusCode);
    }
}

public sealed class WebhookTestsOnSqlite(SqliteClockApp app) : WebhookTests<SqliteClockApp>(app), IClassFixture<SqliteClockApp>;

public sealed class WebhookTestsOnPostgres(PostgresClockApp app) : WebhookTests<PostgresClockApp>(app), IClassFixture<PostgresClockApp>;
