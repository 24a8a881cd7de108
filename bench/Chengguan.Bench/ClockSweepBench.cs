using System.Diagnostics;
using System.Globalization;
using Chengguan.Clocks;
using Chengguan.Data;
using Chengguan.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chengguan.Bench;

/// <summary>
/// The sweep over many running clocks of which 1% are due: how long finding the due rows takes at
/// 100,000 and at 1,000,000 clocks, and how long recording their steps with outbox rows takes.
/// Clocks are inserted by SQL (a bench does not go through the API to make a million rows).
/// </summary>
public static class ClockSweepBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        string provider = args.Contains("--postgres") ? "Postgres" : "Sqlite";
        int[] counts = args.Contains("--small") ? [3_000] : [100_000, 1_000_000];
        foreach (int count in counts)
        {
            await RunOnceAsync(provider, count);
        }
        return 0;
    }

    private static async Task RunOnceAsync(string provider, int count)
    {
        (ServiceProvider sp, Func<Task> cleanup) = await BuildAsync(provider);
        DateTimeOffset now = TimeProvider.System.GetUtcNow();
        var watch = Stopwatch.StartNew();
        await using (AsyncServiceScope scope = sp.CreateAsyncScope())
        {
            AppDbContext db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Guid policy = await db.ClockPolicies.Where(p => p.Code == ClockPolicies.HotlineAccept).Select(p => p.Id).SingleAsync();
            Guid calendar = await db.CalendarVersions.Select(c => c.Id).FirstAsync();
            db.Database.SetCommandTimeout(600);
            if (provider == "Postgres")
            {
                // Only numbers and ids this bench made itself go into the text.
                string insert = $"""
                    INSERT INTO clocks ("Id","SubjectType","SubjectId","Kind","PolicyId","CalendarVersionId","State","StartedAt","DueAt","WarnAt","NextCheckAt","NextStep","Provisional","LedgerCount")
                    SELECT md5(i::text || 'c')::uuid, 'case', md5(i::text)::uuid, 'hotline.accept', '{policy}', '{calendar}', 'Running',
                           now() - interval '30 minutes', now() + CASE WHEN i % 100 = 0 THEN interval '5 minutes' ELSE interval '1 day' END,
                           now() + CASE WHEN i % 100 = 0 THEN interval '-1 minutes' ELSE interval '20 hours' END,
                           now() + CASE WHEN i % 100 = 0 THEN interval '-1 minutes' ELSE interval '20 hours' END, 'warn', false, 1
                    FROM generate_series(1, {count}) AS i
                    """;
                await db.Database.ExecuteSqlRawAsync(insert);
                await db.Database.ExecuteSqlRawAsync("ANALYZE clocks");
            }
            else
            {
                long nowTicks = now.UtcTicks, minute = TimeSpan.TicksPerMinute;
                string insert = $"""
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count})
                    INSERT INTO clocks ("Id","SubjectType","SubjectId","Kind","PolicyId","CalendarVersionId","State","StartedAt","DueAt","WarnAt","NextCheckAt","NextStep","Provisional","LedgerCount")
                    SELECT printf('%08X-0000-7000-8000-%012X', i, i), 'case', printf('%08X-0000-4000-8000-%012X', i, i), 'hotline.accept', '{policy.ToString().ToUpperInvariant()}', '{calendar.ToString().ToUpperInvariant()}', 'Running',
                           {nowTicks - 30 * minute}, {nowTicks} + CASE WHEN i % 100 = 0 THEN {5 * minute} ELSE {1440 * minute} END,
                           {nowTicks} + CASE WHEN i % 100 = 0 THEN {-1 * minute} ELSE {1200 * minute} END,
                           {nowTicks} + CASE WHEN i % 100 = 0 THEN {-1 * minute} ELSE {1200 * minute} END, 'warn', 0, 1
                    FROM n
                    """;
                await db.Database.ExecuteSqlRawAsync(insert);
                await db.Database.ExecuteSqlRawAsync("ANALYZE");
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{provider}] inserted {count:N0} clocks ({count / 100:N0} due) in {watch.Elapsed.TotalSeconds:F1} s"));

        // The sweeper's own claim: whole rows of one batch (locked FOR UPDATE SKIP LOCKED on PostgreSQL) inside a
        // transaction that is rolled back, so every run finds the same rows.
        var finds = new List<double>();
        int batch = Math.Min(ClockSweeper.BatchSize, count / 100);
        for (int run = 0; run < 7; run++)
        {
            await using AsyncServiceScope scope = sp.CreateAsyncScope();
            AppDbContext db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            watch.Restart();
            List<Clock> due = await ClockSweeper.ClaimDueAsync(db, now, default);
            finds.Add(watch.Elapsed.TotalMilliseconds);
            await tx.RollbackAsync();
            if (due.Count != batch)
            {
                throw new InvalidOperationException($"found {due.Count} due clocks");
            }
        }
        finds.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{provider}] {count:N0} clocks: the sweeper's claim of one batch ({batch:N0} whole rows of the {count / 100:N0} due) took median {finds[3]:F1} ms (min {finds[0]:F1}, max {finds[^1]:F1})"));

        // Live: the 1% due have reached their warning (one step each).
        watch.Restart();
        int steps = await sp.GetRequiredService<ClockSweeper>().SweepAsync(default);
        double sweep = watch.Elapsed.TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{provider}] {count:N0} clocks: the sweep recorded {steps:N0} warnings with their outbox rows in {sweep:F0} ms = {steps / (sweep / 1000):F0} steps/s; target 10,000 in < 1 s: {(steps >= 10_000 ? (sweep < 1000 ? "met" : "NOT met") : "n/a at this size")}"));

        // After ten minutes of downtime: the same clocks are past due, so each has its breach and
        // its squad-leader escalation (at +0) to record, with their true times.
        var later = new ShiftedTime(TimeSpan.FromMinutes(10));
        var catchUp = new ClockSweeper(sp.GetRequiredService<IServiceScopeFactory>(), later, sp.GetRequiredService<ILogger<ClockSweeper>>());
        watch.Restart();
        steps = await catchUp.SweepAsync(default);
        sweep = watch.Elapsed.TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{provider}] {count:N0} clocks: after downtime the sweep recorded {steps:N0} breaches and escalations with their outbox rows in {sweep:F0} ms = {steps / (sweep / 1000):F0} steps/s"));

        await cleanup();
    }

    internal static async Task<(ServiceProvider Services, Func<Task> Cleanup)> BuildAsync(string provider)
    {
        string? pgServer = Environment.GetEnvironmentVariable("CHENGGUAN_TEST_POSTGRES");
        string dbName = "chengguan_bench_" + Guid.NewGuid().ToString("N")[..8];
        string sqlitePath = Path.Combine(Path.GetTempPath(), dbName + ".db");
        var settings = new Dictionary<string, string?> { ["Database:Provider"] = provider, ["Seed:Demo"] = "false" };
        if (provider == "Postgres")
        {
            if (string.IsNullOrEmpty(pgServer))
            {
                throw new InvalidOperationException("Set CHENGGUAN_TEST_POSTGRES to run the PostgreSQL sweep bench.");
            }
            await using var admin = new Npgsql.NpgsqlConnection(pgServer);
            await admin.OpenAsync();
            await new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{dbName}\"", admin).ExecuteNonQueryAsync();
            settings["ConnectionStrings:Postgres"] = new Npgsql.NpgsqlConnectionStringBuilder(pgServer) { Database = dbName }.ToString();
        }
        else
        {
            settings["ConnectionStrings:Sqlite"] = $"Data Source={sqlitePath}";
        }
        IConfiguration config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddSingleton(config)
            .AddSingleton(TimeProvider.System)
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddHttpContextAccessor()
            .AddChengguanDatabase(config);
        // The app's own registrations: every clock subject's handler the sweep and the recomputation resolve is there.
        Chengguan.Capabilities.Add(services, config);
        ServiceProvider sp = services.BuildServiceProvider();
        await sp.PrepareDatabaseAsync(config);

        async Task Cleanup()
        {
            await sp.DisposeAsync();
            if (provider == "Postgres")
            {
                Npgsql.NpgsqlConnection.ClearAllPools();
                await using var admin = new Npgsql.NpgsqlConnection(pgServer);
                await admin.OpenAsync();
                await new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{dbName}\" WITH (FORCE)", admin).ExecuteNonQueryAsync();
            }
            else
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (string suffix in new[] { "", "-wal", "-shm" })
                {
                    File.Delete(sqlitePath + suffix);
                }
            }

        }
        return (sp, Cleanup);
    }

    /// <summary>Recomputing running working-time clocks after a notice import (target: 100,000 in under 30 s).</summary>
    public static async Task<int> RecomputeAsync(string[] args)
    {
        string provider = args.Contains("--postgres") ? "Postgres" : "Sqlite";
        int count = args.Contains("--small") ? 3_000 : 100_000;
        (ServiceProvider sp, Func<Task> cleanup) = await BuildAsync(provider);
        DateTimeOffset now = TimeProvider.System.GetUtcNow();
        var watch = Stopwatch.StartNew();
        await using (AsyncServiceScope scope = sp.CreateAsyncScope())
        {
            AppDbContext db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Database.SetCommandTimeout(600);
            Guid policy = await db.ClockPolicies.Where(p => p.Code == ClockPolicies.HotlineHandlingGeneral).Select(p => p.Id).SingleAsync();
            CalendarVersion v1 = await db.CalendarVersions.OrderBy(c => c.Version).FirstAsync();
            long startTicks = now.AddDays(-1).UtcTicks;
            // Only numbers and ids this bench made itself go into the text.
            string clocks = provider == "Postgres"
                ? $"""
                    INSERT INTO clocks ("Id","SubjectType","SubjectId","Kind","PolicyId","CalendarVersionId","State","StartedAt","DueAt","WarnAt","NextCheckAt","NextStep","Provisional","LedgerCount")
                    SELECT md5(i::text || 'c')::uuid, 'case', md5(i::text)::uuid, 'hotline.handling.general', '{policy}', '{v1.Id}', 'Running',
                           now() - interval '1 day', now() + interval '6 days', now() + interval '4 days', now() + interval '4 days', 'warn', false, 1
                    FROM generate_series(1, {count}) AS i;
                    INSERT INTO clock_ledger ("Id","ClockId","Seq","Type","At","Amount")
                    SELECT md5(i::text || 'l')::uuid, md5(i::text || 'c')::uuid, 1, 'Start', now() - interval '1 day', 0 FROM generate_series(1, {count}) AS i;
                    ANALYZE;
                    """
                : $"""
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count})
                    INSERT INTO clocks ("Id","SubjectType","SubjectId","Kind","PolicyId","CalendarVersionId","State","StartedAt","DueAt","WarnAt","NextCheckAt","NextStep","Provisional","LedgerCount")
                    SELECT printf('%08X-0000-7000-8000-%012X', i, i), 'case', printf('%08X-0000-4000-8000-%012X', i, i), 'hotline.handling.general',
                           '{policy.ToString().ToUpperInvariant()}', '{v1.Id.ToString().ToUpperInvariant()}', 'Running',
                           {startTicks}, {startTicks}, {startTicks}, {startTicks}, 'warn', 0, 1 FROM n;
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count})
                    INSERT INTO clock_ledger ("Id","ClockId","Seq","Type","At","Amount")
                    SELECT printf('%08X-0000-7000-9000-%012X', i, i), printf('%08X-0000-7000-8000-%012X', i, i), 1, 'Start', {startTicks}, 0 FROM n;
                    ANALYZE;
                    """;
            await db.Database.ExecuteSqlRawAsync(clocks);
            // The next version: the same notices, as an import of an unchanged year would write.
            db.CalendarVersions.Add(new CalendarVersion
            {
                Name = v1.Name, Version = 2, TimeZoneId = v1.TimeZoneId, WeekdayPeriods = v1.WeekdayPeriods, NoticesJson = v1.NoticesJson,
                Source = "bench", CreatedAt = now,
            });
            await db.SaveChangesAsync();
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{provider}] inserted {count:N0} running working-day clocks in {watch.Elapsed.TotalSeconds:F1} s"));
        watch.Restart();
        int moved = await ClockRecompute.RunningClocksAsync(sp.GetRequiredService<IServiceScopeFactory>(), CalendarVersion.DefaultName, default);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{provider}] recomputed {moved:N0} running clocks onto the new calendar version in {watch.Elapsed.TotalSeconds:F1} s ({moved / watch.Elapsed.TotalSeconds:F0} clocks/s)"));
        await cleanup();
        return 0;
    }
}

internal sealed class ShiftedTime(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
