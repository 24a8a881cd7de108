using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Chengguan.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Bench.Cases1M;

/// <summary>
/// Issue 4's performance clause: N cases (default 1,000,000) seeded straight into a fresh database
/// of the app, then the app as its own process and, over HTTP on loopback, filtered case searches
/// (first and deeper keyset pages), free-text searches, the KPI table of one street and one month
/// (and of the district), with the server's resident memory sampled throughout.
/// </summary>
public static class Cases1MBench
{
    public static async Task<int> RunAsync(string[] args, Func<AppProcess, Task>? measure = null)
    {
        bool postgres = args.Contains("--postgres");
        int total = ColdStart.Arg(args, "--cases", 1_000_000);
        int samples = ColdStart.Arg(args, "--samples", 200);
        int warmup = ColdStart.Arg(args, "--warmup", 20);
        string? reuse = Value(args, "--reuse");
        bool keep = args.Contains("--keep") || reuse is not null;
        var env = new Dictionary<string, string> { ["Clocks__Sweeper__Enabled"] = "false", ["Seed__Demo"] = "true" };
        string? pgServer = Environment.GetEnvironmentVariable("CHENGGUAN_TEST_POSTGRES");
        string cs;
        string where;
        if (postgres)
        {
            if (string.IsNullOrEmpty(pgServer))
            {
                throw new InvalidOperationException("Set CHENGGUAN_TEST_POSTGRES to run the PostgreSQL bench.");
            }
            where = reuse ?? "chengguan_1m_" + Guid.NewGuid().ToString("N")[..8];
            cs = new Npgsql.NpgsqlConnectionStringBuilder(pgServer) { Database = where }.ToString();
            env["Database__Provider"] = "Postgres";
            env["ConnectionStrings__Postgres"] = cs;
        }
        else
        {
            where = reuse ?? Path.Combine(Path.GetTempPath(), "chengguan-1m-" + Guid.NewGuid().ToString("N")[..8], "chengguan.db");
            cs = "Data Source=" + where;
            env["ConnectionStrings__Sqlite"] = cs;
        }
        Console.WriteLine($"database: {where}");
        try
        {
            if (reuse is null)
            {
                if (postgres)
                {
                    await using var admin = new Npgsql.NpgsqlConnection(pgServer);
                    await admin.OpenAsync();
                    await new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{where}\"", admin).ExecuteNonQueryAsync();
                }
                // The app migrates and seeds the demo district (streets, grids, people, dictionary), then stops.
                await using (AppProcess first = await AppProcess.StartAsync(env))
                {
                }
                await using AppDbContext db = CaseSeeder.Context(postgres, cs);
                await CaseSeeder.SeedAsync(db, total, TimeProvider.System.GetUtcNow());
                if (args.Contains("--seed-only"))
                {
                    keep = true;
                    Console.WriteLine($"seeded; measure later with --reuse {where}");
                    return 0;
                }
            }
            await using AppProcess app = await AppProcess.StartAsync(env);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"app ready in {app.StartedIn.TotalSeconds:F1} s on {(postgres ? "PostgreSQL" : "SQLite")} with {total:N0} cases; load {Load()}"));
            if (measure is null)
            {
                await MeasureAsync(app, postgres, cs, samples, warmup, Value(args, "--only"));
            }
            else
            {
                await measure(app);
            }
        }
        finally
        {
            if (!keep)
            {
                await DropAsync(postgres, pgServer, where);
            }
        }
        return 0;
    }

    /// <param name="only">Measure only the requests whose name contains this text (e.g. "KPI").</param>
    private static async Task MeasureAsync(AppProcess app, bool postgres, string cs, int samples, int warmupSeconds, string? only)
    {
        using var memory = new MemorySampler(app.ProcessId);
        HttpClient dispatcher = await LoginAsync(app, "dispatcher");
        HttpClient officer = await LoginAsync(app, "jnl.officer");
        Workloads w;
        await using (AppDbContext db = CaseSeeder.Context(postgres, cs))
        {
            w = await Workloads.LoadAsync(db);
        }
        memory.Mark("after start");
        var watch = Stopwatch.StartNew();
        int i = 0;
        while (watch.Elapsed.TotalSeconds < warmupSeconds)
        {
            foreach (Workload load in w.All(dispatcher, officer).Where(l => l.Samples is null || only is not null).Where(l => only is null || l.Name.Contains(only, StringComparison.Ordinal)))
            {
                await load.OnceAsync(i++);
            }
        }
        memory.Mark("after warm-up");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up {watch.Elapsed.TotalSeconds:F0} s ({i} rounds); load {Load()}"));
        Console.WriteLine($"{"request",-58} {"n",5} {"p50",8} {"p95",8} {"p99",8} {"max",8} {"target p99",11}  rows");
        foreach (Workload load in w.All(dispatcher, officer).Where(l => only is null || l.Name.Contains(only, StringComparison.Ordinal)))
        {
            int n = Math.Min(samples, load.Samples ?? samples);
            var times = new List<double>(n);
            int rows = 0;
            for (int s = 0; s < n; s++)
            {
                (double ms, int count) = await load.OnceAsync(s);
                times.Add(ms);
                rows = Math.Max(rows, count);
            }
            times.Sort();
            double P(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{load.Name,-58} {times.Count,5} {P(0.5),8:F1} {P(0.95),8:F1} {P(0.99),8:F1} {times[^1],8:F1} {"< " + load.TargetMs.ToString("F0", CultureInfo.InvariantCulture) + (P(0.99) < load.TargetMs ? " met" : " NOT"),11}  {rows}"));
        }
        memory.Mark("after runs");
        Console.WriteLine($"load {Load()}");
        Console.WriteLine(memory.Report());
    }

    internal static async Task<HttpClient> LoginAsync(AppProcess app, string user)
    {
        var client = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        HttpResponseMessage token = await client.PostAsJsonAsync("/api/auth/token", new { userName = user, password = "Chengguan@2026" });
        token.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await token.Content.ReadFromJsonAsync<LocateLoad.TokenResponse>())!.AccessToken);
        return client;
    }

    internal static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static string? Value(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static async Task DropAsync(bool postgres, string? pgServer, string where)
    {
        if (postgres)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var admin = new Npgsql.NpgsqlConnection(pgServer);
            await admin.OpenAsync();
            await new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{where}\" WITH (FORCE)", admin).ExecuteNonQueryAsync();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(where)!, recursive: true);
        }
    }
}
