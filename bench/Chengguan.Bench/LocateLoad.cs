using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;

namespace Chengguan.Bench;

/// <summary>
/// Open-loop load on GET /api/grids/locate: requests are scheduled at a fixed rate and each
/// latency is measured from its scheduled start, so a stall counts against every request it
/// delays (no coordinated omission). Points are random inside the demo district.
/// </summary>
public static class LocateLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        int rate = ColdStart.Arg(args, "--rate", 2000);
        int seconds = ColdStart.Arg(args, "--seconds", 20);
        int warmup = ColdStart.Arg(args, "--warmup", 10);
        await using AppProcess app = await AppProcess.StartAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"app ready in {app.StartedIn.TotalMilliseconds:F0} ms at {app.BaseAddress}"));

        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var client = new HttpClient(handler) { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        HttpResponseMessage token = await client.PostAsJsonAsync("/api/auth/token", new { userName = "dispatcher", password = "Chengguan@2026" });
        token.EnsureSuccessStatusCode();
        string accessToken = (await token.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
        client.DefaultRequestHeaders.Authorization = new("Bearer", accessToken);

        Console.WriteLine($"warm-up: {warmup} s at {rate}/s");
        await RunPhaseAsync(client, rate, warmup);
        Console.WriteLine($"measure: {seconds} s at {rate}/s");
        (double[] latencies, int errors, double elapsed) = await RunPhaseAsync(client, rate, seconds);
        Array.Sort(latencies);
        double P(double q) => latencies.Length == 0 ? double.NaN : latencies[Math.Min(latencies.Length - 1, (int)(q * latencies.Length))];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"locate: {latencies.Length} requests in {elapsed:F1} s = {latencies.Length / elapsed:F0}/s (target {rate}/s), errors {errors}; " +
            $"latency p50 {P(0.50):F2} ms, p90 {P(0.90):F2} ms, p99 {P(0.99):F2} ms, p99.9 {P(0.999):F2} ms, max {latencies[^1]:F2} ms"));
        return 0;
    }

    private static async Task<(double[] Latencies, int Errors, double Elapsed)> RunPhaseAsync(HttpClient client, int rate, int seconds)
    {
        int total = rate * seconds;
        var latencies = new double[total];
        int errors = 0;
        var random = new Random(20161128);
        var tasks = new List<Task>(total);
        double tickPerRequest = Stopwatch.Frequency / (double)rate;
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < total; i++)
        {
            long due = start + (long)(i * tickPerRequest);
            while (Stopwatch.GetTimestamp() < due)
            {
                if (due - Stopwatch.GetTimestamp() > Stopwatch.Frequency / 500)
                {
                    await Task.Delay(1);
                }
                else
                {
                    Thread.SpinWait(20);
                }
            }
            double lon = 121.425 + random.NextDouble() * 0.055;
            double lat = 31.215 + random.NextDouble() * 0.090;
            int index = i;
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    using HttpResponseMessage r = await client.GetAsync(string.Create(CultureInfo.InvariantCulture, $"/api/grids/locate?lon={lon:F6}&lat={lat:F6}"));
                    await r.Content.LoadIntoBufferAsync();
                    if ((int)r.StatusCode != 200)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
                latencies[index] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
            }));
        }
        await Task.WhenAll(tasks);
        return (latencies, errors, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    private sealed record TokenResponse(string AccessToken);
}
