using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;

namespace Chengguan.Bench;

/// <summary>
/// Open-loop load on GET /api/grids/locate: requests are sent on a fixed schedule whatever the
/// answers do, so a slow server cannot slow the generator down and hide its own latency
/// (no coordinated omission). Points are random inside the demo district.
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
        (double[] latencies, double[] lags, int errors, double elapsed) = await RunPhaseAsync(client, rate, seconds);
        Array.Sort(latencies);
        Array.Sort(lags);
        double P(double[] xs, double q) => xs[Math.Min(xs.Length - 1, (int)(q * xs.Length))];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"locate: {latencies.Length} requests in {elapsed:F1} s = {latencies.Length / elapsed:F0}/s (target {rate}/s), errors {errors}; " +
            $"latency p50 {P(latencies, 0.50):F2} ms, p90 {P(latencies, 0.90):F2} ms, p99 {P(latencies, 0.99):F2} ms, p99.9 {P(latencies, 0.999):F2} ms, max {latencies[^1]:F2} ms; " +
            $"scheduler lag p50 {P(lags, 0.50):F2} ms, p99 {P(lags, 0.99):F2} ms"));
        return 0;
    }

    private static async Task<(double[] Latencies, double[] Lags, int Errors, double Elapsed)> RunPhaseAsync(HttpClient client, int rate, int seconds)
    {
        int total = rate * seconds;
        var latencies = new double[total];
        var lags = new double[total];
        int errors = 0;
        var random = new Random(20161128);
        string[] urls = InsideTheDistrict(random, total);
        var tasks = new Task[total];
        double ticksPerRequest = Stopwatch.Frequency / (double)rate;
        long start = Stopwatch.GetTimestamp();
        // One dedicated scheduler thread that sleeps, or yields close to a send time, and sends
        // every request whose time has come. It never waits for answers, so its lateness comes from
        // the OS, not from the server: latency is measured from the actual send, lag reported apart.
        var scheduler = new Thread(() =>
        {
            for (int i = 0; i < total; i++)
            {
                long due = start + (long)(i * ticksPerRequest);
                long now;
                while ((now = Stopwatch.GetTimestamp()) < due)
                {
                    if (due - now > Stopwatch.Frequency / 500)
                    {
                        Thread.Sleep(1);
                    }
                    else
                    {
                        // Yield, not spin: the server's threads get the core whenever they need it.
                        Thread.Yield();
                    }
                }
                lags[i] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
                tasks[i] = SendAsync(client, urls[i], Stopwatch.GetTimestamp(), latencies, i, () => Interlocked.Increment(ref errors));
            }
        })
        { IsBackground = true, Priority = ThreadPriority.AboveNormal };
        scheduler.Start();
        await Task.Run(scheduler.Join);
        await Task.WhenAll(tasks);
        return (latencies, lags, errors, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    /// <summary>Random points inside the demo district's outline, drawn before the clock starts.</summary>
    private static string[] InsideTheDistrict(Random random, int count)
    {
        var outline = NetTopologySuite.Geometries.Prepared.PreparedGeometryFactory.Prepare(
            Chengguan.Data.Seeding.JinganGeography.DistrictOutline(NetTopologySuite.Geometries.GeometryFactory.Default));
        NetTopologySuite.Geometries.Envelope e = outline.Geometry.EnvelopeInternal;
        var urls = new string[count];
        for (int i = 0; i < count;)
        {
            double lon = e.MinX + random.NextDouble() * e.Width, lat = e.MinY + random.NextDouble() * e.Height;
            if (outline.Contains(NetTopologySuite.Geometries.GeometryFactory.Default.CreatePoint(new NetTopologySuite.Geometries.Coordinate(lon, lat))))
            {
                urls[i++] = string.Create(CultureInfo.InvariantCulture, $"/api/grids/locate?lon={lon:F6}&lat={lat:F6}");
            }
        }

        return urls;
    }

    private static async Task SendAsync(HttpClient client, string url, long sent, double[] latencies, int index, Action error)
    {
        try
        {
            using HttpResponseMessage r = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead);
            if ((int)r.StatusCode != 200)
            {
                error();
            }
        }
        catch (HttpRequestException)
        {
            error();
        }
        latencies[index] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
    }

    internal sealed record TokenResponse(string AccessToken);
}
