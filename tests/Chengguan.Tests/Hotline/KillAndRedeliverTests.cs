using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Chengguan.Tests.Hotline;

/// <summary>
/// The platform delivers 10,000 orders; the app is killed with SIGKILL in the middle; after a
/// restart the platform re-delivers everything it has no answer for (and, to be sure, the rest).
/// Every order must exist exactly once, and every order answered before the kill must have survived.
/// </summary>
public sealed class KillAndRedeliverTests : IAsyncDisposable
{
    private const int Orders = 10_000;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "chengguan-kill-" + Guid.NewGuid().ToString("N"));
    private Process? _process;

    [Fact]
    public async Task Every_order_exists_exactly_once_after_a_kill_and_redelivery()
    {
        Directory.CreateDirectory(_dir);
        Uri app = await StartAsync();
        string apiKey = await ApiKeyAsync(app);
        string[] numbers = [.. Enumerable.Range(1, Orders).Select(i => $"KILL{i:D6}")];

        var acknowledged = new ConcurrentDictionary<string, string>();
        using (var platform = Platform(app, apiKey))
        {
            using var kill = new CancellationTokenSource();
            Task killer = Task.Run(async () =>
            {
                while (acknowledged.Count < 1_500)
                {
                    await Task.Delay(20);
                }
                _process!.Kill(entireProcessTree: true);
                await kill.CancelAsync();
            });
            await DeliverAsync(platform, numbers, acknowledged, kill.Token);
            await killer;
        }
        Assert.InRange(acknowledged.Count, 1_500, Orders - 1);

        app = await StartAsync();
        using (var platform = Platform(app, apiKey))
        {
            var secondRound = new ConcurrentDictionary<string, string>();
            // Unanswered orders first, as the platform would; then everything again.
            await DeliverAsync(platform, [.. numbers.Where(n => !acknowledged.ContainsKey(n))], secondRound, default);
            await DeliverAsync(platform, numbers, secondRound, default);
            Assert.Equal(Orders, secondRound.Count);
            // A re-delivery of an order answered before the kill names the same case.
            Assert.All(acknowledged, a => Assert.Equal(a.Value, secondRound[a.Key]));
        }
        _process!.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();

        await using var db = new SqliteConnection($"Data Source={Path.Combine(_dir, "data", "chengguan.db")}");
        await db.OpenAsync();
        var count = db.CreateCommand();
        count.CommandText = "SELECT COUNT(*), COUNT(DISTINCT \"ExternalNumber\"), COUNT(DISTINCT \"Number\") FROM cases WHERE \"ExternalNumber\" LIKE 'KILL%'";
        await using var reader = await count.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((Orders, Orders, Orders), (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2)));
    }

    private static async Task DeliverAsync(HttpClient platform, string[] numbers, ConcurrentDictionary<string, string> acknowledged, CancellationToken stop)
    {
        await Parallel.ForEachAsync(numbers, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (number, _) =>
        {
            if (stop.IsCancellationRequested)
            {
                return;
            }
            try
            {
                using HttpResponseMessage response = await platform.PostAsJsonAsync("/api/hotline/orders", new
                {
                    channel = "12345", orderNumber = number, requestType = "Complaint", description = "夜间施工噪声扰民", address = "江宁路 1 号",
                });
                if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                {
                    using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    acknowledged[number] = body.RootElement.GetProperty("caseNumber").GetString()!;
                }
            }
            catch (HttpRequestException) when (stop.IsCancellationRequested || !stop.CanBeCanceled)
            {
                // The app died under this request (or, after the restart, never expected): no answer, so re-deliver.
            }
            catch (TaskCanceledException)
            {
            }
        });
    }

    private static HttpClient Platform(Uri app, string apiKey)
    {
        var client = new HttpClient { BaseAddress = app, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    private static async Task<string> ApiKeyAsync(Uri app)
    {
        using var client = new HttpClient { BaseAddress = app };
        HttpResponseMessage token = await client.PostAsJsonAsync("/api/auth/token", new { userName = "admin", password = "Chengguan@2026" });
        token.EnsureSuccessStatusCode();
        using JsonDocument t = JsonDocument.Parse(await token.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", t.RootElement.GetProperty("accessToken").GetString());
        HttpResponseMessage key = await client.PostAsJsonAsync("/api/api-keys", new { name = "12345 平台", integration = "hotline" });
        key.EnsureSuccessStatusCode();
        using JsonDocument k = JsonDocument.Parse(await key.Content.ReadAsStringAsync());
        return k.RootElement.GetProperty("secret").GetString()!;
    }

    private async Task<Uri> StartAsync()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Chengguan.dll")])
        {
            WorkingDirectory = _dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Clocks__Sweeper__Enabled"] = "false";
        start.Environment["Notifications__Dispatcher__Enabled"] = "false";
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var uri = new Uri($"http://127.0.0.1:{port}");
        using var client = new HttpClient { BaseAddress = uri, Timeout = TimeSpan.FromSeconds(2) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(180))
        {
            try
            {
                if ((await client.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK)
                {
                    return uri;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            Assert.False(_process.HasExited, "the app exited before it was ready");
            await Task.Delay(100);
        }
        throw new TimeoutException("the app did not become ready");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
