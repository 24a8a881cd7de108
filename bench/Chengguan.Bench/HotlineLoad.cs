using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;

namespace Chengguan.Bench;

/// <summary>
/// Hotline intake over HTTP on loopback, the full path (API key, validation, routing, numbering,
/// clocks, audit, timeline): a closed loop of N concurrent deliveries for the sustained rate, with
/// latency percentiles. `--postgres` runs the app on a fresh PostgreSQL database.
/// </summary>
public static class HotlineLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        int orders = ColdStart.Arg(args, "--orders", 5000);
        int concurrency = ColdStart.Arg(args, "--concurrency", 16);
        int rate = ColdStart.Arg(args, "--rate", 500);
        int seconds = ColdStart.Arg(args, "--seconds", 20);
        var env = new Dictionary<string, string> { ["Clocks__Sweeper__Enabled"] = "false" };
        string? pgDatabase = null;
        string? pgServer = Environment.GetEnvironmentVariable("CHENGGUAN_TEST_POSTGRES");
        if (args.Contains("--postgres"))
        {
            if (string.IsNullOrEmpty(pgServer))
            {
                throw new InvalidOperationException("Set CHENGGUAN_TEST_POSTGRES to run the PostgreSQL intake bench.");
            }
            pgDatabase = "chengguan_load_" + Guid.NewGuid().ToString("N")[..8];
            await using (var admin = new Npgsql.NpgsqlConnection(pgServer))
            {
                await admin.OpenAsync();
                await new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{pgDatabase}\"", admin).ExecuteNonQueryAsync();
            }
            env["Database__Provider"] = "Postgres";
            env["ConnectionStrings__Postgres"] = new Npgsql.NpgsqlConnectionStringBuilder(pgServer) { Database = pgDatabase }.ToString();
            env["Seed__Demo"] = "true";
        }
        // The drivers' own ceilings first, on the same machine in the same run, before the app starts.
        (double one, double batched) = pgDatabase is null
            ? RawCeilings.Sqlite(20_000)
            : await RawCeilings.PostgresAsync(pgServer!, 20_000, connections: 8);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{(pgDatabase is null ? "Sqlite" : "Postgres")}] raw driver ceilings (4 rows an order, no HTTP, no EF): one transaction per order {one:F0}/s, 200 orders per transaction {batched:F0}/s"));
        try
        {
            await using AppProcess app = await AppProcess.StartAsync(env);
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            HttpResponseMessage token = await client.PostAsJsonAsync("/api/auth/token", new { userName = "admin", password = "Chengguan@2026" });
            token.EnsureSuccessStatusCode();
            client.DefaultRequestHeaders.Authorization = new("Bearer", (await token.Content.ReadFromJsonAsync<LocateLoad.TokenResponse>())!.AccessToken);
            HttpResponseMessage key = await client.PostAsJsonAsync("/api/api-keys", new { name = "load", integration = "hotline" });
            key.EnsureSuccessStatusCode();
            string secret = (await key.Content.ReadFromJsonAsync<KeyAnswer>())!.Secret;
            client.DefaultRequestHeaders.Authorization = null;
            client.DefaultRequestHeaders.Add("X-Api-Key", secret);

            // Warm-up, then the measured run.
            await RunAsync(client, "WARM", Math.Min(500, orders), concurrency);
            TimeSpan cpuBefore = app.CpuTime;
            (double[] latencies, int errors, double loadSeconds) = await RunAsync(client, "LOAD", orders, concurrency);
            double cpuPerOrder = (app.CpuTime - cpuBefore).TotalMilliseconds / orders;
            Array.Sort(latencies);
            double P(double q) => latencies[Math.Min(latencies.Length - 1, (int)(q * latencies.Length))];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{(pgDatabase is null ? "Sqlite" : "Postgres")}] hotline intake: {latencies.Length:N0} orders in {loadSeconds:F1} s = {latencies.Length / loadSeconds:F0} orders/s at concurrency {concurrency}, errors {errors}; " +
                $"latency p50 {P(0.50):F1} ms, p90 {P(0.90):F1} ms, p99 {P(0.99):F1} ms, max {latencies[^1]:F1} ms"));
            double ours = latencies.Length / loadSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  = {100 * ours / one:F0}% of the one-transaction-per-order ceiling, {100 * ours / batched:F0}% of the batched ceiling; the app used {cpuPerOrder:F2} ms of CPU an order (all threads)"));

            // Open loop at a fixed rate: each order is sent on schedule whether or not the previous ones have been answered.
            (double[] paced, int pacedErrors, double pacedSeconds) = await PacedAsync(client, rate, seconds);
            Array.Sort(paced);
            double Q(double q) => paced.Length == 0 ? double.NaN : paced[Math.Min(paced.Length - 1, (int)(q * paced.Length))];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{(pgDatabase is null ? "Sqlite" : "Postgres")}] hotline intake at {rate}/s for {seconds} s: {paced.Length:N0} answered in {pacedSeconds:F1} s, errors {pacedErrors}; " +
                $"latency p50 {Q(0.50):F1} ms, p90 {Q(0.90):F1} ms, p99 {Q(0.99):F1} ms, max {(paced.Length == 0 ? double.NaN : paced[^1]):F1} ms"));
        }
        finally
        {
            if (pgDatabase is not null)
            {
                Npgsql.NpgsqlConnection.ClearAllPools();
                await using var admin = new Npgsql.NpgsqlConnection(pgServer);
                await admin.OpenAsync();
                await new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{pgDatabase}\" WITH (FORCE)", admin).ExecuteNonQueryAsync();
            }
        }
        return 0;
    }

    private sealed record KeyAnswer(string Secret);

    private static async Task<(double[] Latencies, int Errors, double Seconds)> PacedAsync(HttpClient client, int rate, int seconds)
    {
        var latencies = new ConcurrentBag<double>();
        int errors = 0;
        string run = "P" + Guid.NewGuid().ToString("N")[..6];
        int total = rate * seconds;
        double ticksPer = Stopwatch.Frequency / (double)rate;
        long origin = Stopwatch.GetTimestamp();
        var sent = new List<Task>(total);
        for (int i = 0; i < total; i++)
        {
            long due = origin + (long)(i * ticksPer);
            while (Stopwatch.GetTimestamp() < due)
            {
                TimeSpan wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.FromMilliseconds(2))
                {
                    await Task.Delay(wait - TimeSpan.FromMilliseconds(1));
                }
                else
                {
                    Thread.SpinWait(50);
                }
            }
            int n = i;
            sent.Add(Task.Run(async () =>
            {
                // Latency counts from when the order was due, so a late sender is charged, not hidden.
                using HttpResponseMessage response = await client.PostAsJsonAsync("/api/hotline/orders", Order($"{run}{n:D7}", n));
                if (response.IsSuccessStatusCode)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(due).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }));
        }
        await Task.WhenAll(sent);
        return ([.. latencies], errors, Stopwatch.GetElapsedTime(origin).TotalSeconds);
    }

    private static object Order(string number, int i) => new
    {
        channel = "12345", orderNumber = number, requestType = "Complaint", urgency = "Normal",
        description = "夜间施工噪声扰民，请尽快处理", address = "江宁路 100 号", lon = 121.4478 + (i % 50) * 0.0002, lat = 31.2392 + (i % 40) * 0.0002,
        reporterName = "张三", reporterPhone = "13800000000",
    };

    private static async Task<(double[] Latencies, int Errors, double Seconds)> RunAsync(HttpClient client, string prefix, int orders, int concurrency)
    {
        var latencies = new ConcurrentBag<double>();
        int errors = 0;
        string run = Guid.NewGuid().ToString("N")[..6];
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, orders), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            long start = Stopwatch.GetTimestamp();
            using HttpResponseMessage response = await client.PostAsJsonAsync("/api/hotline/orders", Order($"{prefix}{run}{i:D7}", i), ct);
            if (response.IsSuccessStatusCode)
            {
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            else
            {
                Interlocked.Increment(ref errors);
            }
        });
        return ([.. latencies], errors, watch.Elapsed.TotalSeconds);
    }
}
