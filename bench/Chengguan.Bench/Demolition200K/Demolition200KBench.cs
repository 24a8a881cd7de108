using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Chengguan.Bench.Cases1M;
using Chengguan.Data;
using Chengguan.Demolition;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Bench.Demolition200K;

/// <summary>
/// Issue 6's performance clause: N ledger items (default 200,000; optionally M cases as in
/// cases-1m) seeded straight into a fresh demo database, then over HTTP on loopback a street's
/// progress pages, a district briefing (Excel + PDF made in the request), and the new area, river
/// and map-layer reads.
/// </summary>
public static class Demolition200KBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        bool postgres = args.Contains("--postgres");
        int items = ColdStart.Arg(args, "--items", 200_000);
        int cases = ColdStart.Arg(args, "--cases", 0);
        int samples = ColdStart.Arg(args, "--samples", 20);
        var env = new Dictionary<string, string> { ["Clocks__Sweeper__Enabled"] = "false", ["Seed__Demo"] = "true" };
        string? pgServer = Environment.GetEnvironmentVariable("CHENGGUAN_TEST_POSTGRES");
        string where, cs;
        if (postgres)
        {
            if (string.IsNullOrEmpty(pgServer))
            {
                throw new InvalidOperationException("Set CHENGGUAN_TEST_POSTGRES to run the PostgreSQL bench.");
            }
            where = "chengguan_200k_" + Guid.NewGuid().ToString("N")[..8];
            cs = new Npgsql.NpgsqlConnectionStringBuilder(pgServer) { Database = where }.ToString();
            env["Database__Provider"] = "Postgres";
            env["ConnectionStrings__Postgres"] = cs;
            await using var admin = new Npgsql.NpgsqlConnection(pgServer);
            await admin.OpenAsync();
            await new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{where}\"", admin).ExecuteNonQueryAsync();
        }
        else
        {
            where = Path.Combine(Path.GetTempPath(), "chengguan-200k-" + Guid.NewGuid().ToString("N")[..8], "chengguan.db");
            cs = "Data Source=" + where;
            env["ConnectionStrings__Sqlite"] = cs;
        }
        Console.WriteLine($"database: {where}");
        try
        {
            await using (AppProcess first = await AppProcess.StartAsync(env))
            {
            }
            await using (AppDbContext db = CaseSeeder.Context(postgres, cs))
            {
                if (cases > 0)
                {
                    await CaseSeeder.SeedAsync(db, cases, TimeProvider.System.GetUtcNow());
                }
                await SeedItemsAsync(db, items);
                // The demo area is marked completed 30 days ago, so that its rebound check reads the cases of those 30 days.
                DateTimeOffset completed = TimeProvider.System.GetUtcNow().AddDays(-30);
                await db.RemediationAreas.ExecuteUpdateAsync(s => s.SetProperty(a => a.CompletedAt, completed));
            }
            await using AppProcess app = await AppProcess.StartAsync(env);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"app ready in {app.StartedIn.TotalSeconds:F1} s on {(postgres ? "PostgreSQL" : "SQLite")} with {items:N0} ledger items and {cases:N0} cases; load {Cases1MBench.Load()}"));
            await MeasureAsync(app, samples);
        }
        finally
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
        return 0;
    }

    /// <summary>
    /// Items spread over every grid (jittered about its centre), in every state, a fifth of them in the
    /// demo task; re-checked ones re-checked this year. No timeline rows: the pages measured do not read them.
    /// </summary>
    private static async Task SeedItemsAsync(AppDbContext db, int total)
    {
        var watch = Stopwatch.StartNew();
        var grids = await db.Grids.AsNoTracking().Select(g => new { g.Id, g.Code, g.CommunityId, g.StreetId, g.CentroidLon, g.CentroidLat }).ToListAsync();
        Guid task = await db.DemolitionTasks.OrderBy(t => t.IssuedOn).Select(t => t.Id).FirstAsync();
        DateTimeOffset now = TimeProvider.System.GetUtcNow();
        var yearStart = new DateTimeOffset(now.Year, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
        DemolitionState[] states = [.. Enum.GetValues<DemolitionState>()];
        var random = new Random(6);
        var writer = new TableWriter(db);
        bool pg = db.Provider == DatabaseProvider.Postgres;
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync(pg ? "SET synchronous_commit = off;" : "PRAGMA synchronous = OFF;");
        for (int done = 0; done < total;)
        {
            var batch = new List<IllegalBuilding>(10_000);
            for (int k = 0; k < 10_000 && done < total; k++, done++)
            {
                var g = grids[random.Next(grids.Count)];
                // Weighted: about 40% re-checked or closed, the rest spread over the procedure.
                DemolitionState state = random.NextDouble() < 0.4 ? (random.Next(4) == 0 ? DemolitionState.Closed : DemolitionState.Rechecked) : states[random.Next(states.Length)];
                double area = Math.Round(5 + random.NextDouble() * 300, 1);
                bool counted = state is DemolitionState.Rechecked or DemolitionState.Closed;
                DateTimeOffset identified = yearStart.AddDays(-random.Next(0, 700));
                DateTimeOffset? rechecked = counted ? yearStart.AddSeconds(random.NextDouble() * Math.Max(1, (now - yearStart).TotalSeconds)) : null;
                batch.Add(new IllegalBuilding
                {
                    Number = $"WJ-2020-{done + 1:D6}", Address = $"压测地址 {done + 1} 号", StreetId = g.StreetId, CommunityId = g.CommunityId, GridId = g.Id, GridCode = g.Code,
                    UnitId = g.StreetId, Lon = Math.Round(g.CentroidLon + (random.NextDouble() - 0.5) * 0.002, 7), Lat = Math.Round(g.CentroidLat + (random.NextDouble() - 0.5) * 0.002, 7),
                    Kind = (BuildingKind)random.Next(6), Vintage = random.Next(5) == 0 ? BuildingVintage.New : BuildingVintage.Existing, Area = area, Storeys = 1,
                    Source = LedgerSource.Patrol, TaskId = random.Next(5) == 0 ? task : null, State = state,
                    Mode = counted || state == DemolitionState.Demolished ? DemolitionMode.Self : null, DemolishedArea = counted ? area : null,
                    IdentifiedAt = identified, DemolishedAt = rechecked?.AddDays(-3), RecheckedAt = rechecked, RecheckedBy = counted ? "压测" : null,
                    CreatedAt = identified, UpdatedAt = identified,
                });
            }
            await using (var tx = pg ? null : await db.Database.BeginTransactionAsync())
            {
                await writer.WriteAsync(batch);
                if (tx is not null)
                {
                    await tx.CommitAsync();
                }
            }
        }
        await db.Database.ExecuteSqlRawAsync(pg ? "ANALYZE demolition_items" : "ANALYZE");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {total:N0} ledger items in {watch.Elapsed.TotalSeconds:F0} s"));
    }

    private static async Task MeasureAsync(AppProcess app, int samples)
    {
        HttpClient chief = await LoginAsync(app, "chief"), officer = await LoginAsync(app, "jnl.officer");
        JsonElement plan = (await chief.GetFromJsonAsync<JsonElement>("/api/demolition/plans")).EnumerateArray().First();
        string planId = plan.GetProperty("id").GetString()!;
        int year = plan.GetProperty("firstYear").GetInt32();
        string taskId = (await chief.GetFromJsonAsync<JsonElement>("/api/demolition/tasks")).EnumerateArray().First().GetProperty("id").GetString()!;
        string areaId = (await chief.GetFromJsonAsync<JsonElement>("/api/areas")).EnumerateArray().First().GetProperty("id").GetString()!;
        string riverId = (await chief.GetFromJsonAsync<JsonElement>("/api/rivers")).EnumerateArray().First().GetProperty("id").GetString()!;
        string street = (await officer.GetFromJsonAsync<JsonElement>($"/api/demolition/plans/{planId}/progress?year={year}")).GetProperty("rows")[0].GetProperty("streetId").GetString()!;
        (string Name, HttpClient Who, Func<Task<HttpResponseMessage>> Call)[] loads =
        [
            ("GET plan progress (street team, one street)", officer, () => officer.GetAsync($"/api/demolition/plans/{planId}/progress?year={year}")),
            ("GET task progress (street team, one street)", officer, () => officer.GetAsync($"/api/demolition/tasks/{taskId}/progress")),
            ("GET plan progress (district, 14 streets)", chief, () => chief.GetAsync($"/api/demolition/plans/{planId}/progress?year={year}")),
            ("POST briefing, district plan year (Excel + PDF)", chief, () => chief.PostAsJsonAsync("/api/demolition/briefings", new { planId, year })),
            ("POST briefing, district task (Excel + PDF)", chief, () => chief.PostAsJsonAsync("/api/demolition/briefings", new { taskId })),
            ("GET area detail, rebound over the last 30 days", chief, () => chief.GetAsync($"/api/areas/{areaId}")),
            ("GET river census (spatial, 50 m)", chief, () => chief.GetAsync($"/api/rivers/{riverId}/census")),
            ("GET river progress", chief, () => chief.GetAsync($"/api/rivers/{riverId}/progress")),
            ("GET map items, one street, limit 5000", chief, () => chief.GetAsync($"/api/demolition/map/items?streetId={street}&limit=5000")),
        ];
        // One warm-up call each (the first PDF reads the font's glyph table, ~2.7 s).
        foreach (var load in loads)
        {
            (await load.Call()).EnsureSuccessStatusCode();
        }
        Console.WriteLine($"{"request",-50} {"n",4} {"p50 ms",8} {"p95 ms",8} {"max ms",8}");
        foreach (var load in loads)
        {
            var times = new List<double>(samples);
            for (int s = 0; s < samples; s++)
            {
                long start = Stopwatch.GetTimestamp();
                using HttpResponseMessage r = await load.Call();
                await r.Content.ReadAsByteArrayAsync();
                r.EnsureSuccessStatusCode();
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            times.Sort();
            double P(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{load.Name,-50} {times.Count,4} {P(0.5),8:F0} {P(0.95),8:F0} {times[^1],8:F0}"));
        }
        Console.WriteLine($"load {Cases1MBench.Load()}");
    }

    private static async Task<HttpClient> LoginAsync(AppProcess app, string user)
    {
        var client = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        HttpResponseMessage token = await client.PostAsJsonAsync("/api/auth/token", new { userName = user, password = "Chengguan@2026" });
        token.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await token.Content.ReadFromJsonAsync<LocateLoad.TokenResponse>())!.AccessToken);
        return client;
    }
}
