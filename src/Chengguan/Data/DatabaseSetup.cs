using Chengguan.Audit;
using Chengguan.Data.Seeding;
using Chengguan.Grids;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Data;

public static class DatabaseSetup
{
    public const string DefaultSqlite = "Data Source=data/chengguan.db";

    /// <summary>SQLite by default; <c>Database:Provider=Postgres</c> with <c>ConnectionStrings:Postgres</c> selects PostgreSQL.</summary>
    public static DatabaseProvider ProviderFrom(IConfiguration config) =>
        string.Equals(config["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase)
        || string.Equals(config["Database:Provider"], "PostgreSQL", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    public static IServiceCollection AddChengguanDatabase(this IServiceCollection services, IConfiguration config)
    {
        if (ProviderFrom(config) == DatabaseProvider.Postgres)
        {
            string cs = config.GetConnectionString("Postgres")
                ?? throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Postgres is not set.");
            services.AddDbContext<AppDbContext, PostgresAppDbContext>((sp, o) => o
                .UseNpgsql(cs, n => n.MigrationsHistoryTable("__ef_migrations"))
                .UseModel(Chengguan.Data.CompiledModels.Postgres.PostgresAppDbContextModel.Instance)
                .AddInterceptors(SaveInterceptors.Resolve(sp)));
        }
        else
        {
            string configured = config.GetConnectionString("Sqlite") ?? DefaultSqlite;
            var csb = new SqliteConnectionStringBuilder(configured)
            {
                ForeignKeys = true,
                Pooling = true,
            };
            if (!configured.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
            {
                // How long a statement waits for a lock another process holds (the app's own writers queue at
                // SqliteWriteGate). Microsoft.Data.Sqlite waits 30 s; then the request answers 503 (DatabaseFailures).
                csb.DefaultTimeout = config.GetValue("Database:BusyTimeoutSeconds", 10);
            }
            string? dir = Path.GetDirectoryName(Path.GetFullPath(csb.DataSource));
            if (!string.IsNullOrEmpty(dir) && csb.Mode != SqliteOpenMode.Memory)
            {
                Directory.CreateDirectory(dir);
            }
            string cs = csb.ToString();
            services.AddHostedService<SqliteStatistics>();
            services.AddDbContext<AppDbContext, SqliteAppDbContext>((sp, o) => o
                .UseSqlite(cs, s => s.MigrationsHistoryTable("__ef_migrations"))
                .UseModel(Chengguan.Data.CompiledModels.Sqlite.SqliteAppDbContextModel.Instance)
                .AddInterceptors(SaveInterceptors.Resolve(sp)));
        }
        services.AddScoped<Seeder>();
        services.AddHostedService<DemoBriefings>();
        services.AddHostedService<DemoAssessmentPublication>();
        return services;
    }

    /// <summary>
    /// Applies migrations, reference data and (when the embedded database is new, or when asked)
    /// the demo district. Returns the demo accounts created this time, if any.
    /// </summary>
    public static async Task<IReadOnlyList<DemoAccount>> PrepareDatabaseAsync(this IServiceProvider services, IConfiguration config, CancellationToken ct = default)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan cpu = Environment.CpuUsage.TotalTime;
        long CpuMs() => (long)(Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds;
        ILogger logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Chengguan.Startup");
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        AppDbContext db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        bool isNew = !(await db.Database.GetAppliedMigrationsAsync(ct)).Any();
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            // WAL is a property of the file and persists; set it before the first table exists.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.CloseConnectionAsync();
        }
        // Cases written before search existed get their documents once, after the migration that adds the index.
        List<string> pending = [.. await db.Database.GetPendingMigrationsAsync(ct)];
        bool searchIndexAdded = pending.Any(m => m.EndsWith("_CaseSearch", StringComparison.Ordinal));
        // Likewise the KPI rollups (decision 0012) are counted once from the cases already stored.
        bool rollupsAdded = !isNew && pending.Any(m => m.EndsWith("_KpiRollups", StringComparison.Ordinal) || m.EndsWith("_KpiHandlerRollups", StringComparison.Ordinal));
        await db.Database.MigrateAsync(ct);
        if (searchIndexAdded)
        {
            await Cases.Search.CaseSearchIndexer.IndexMissingAsync(db, ct);
        }
        if (rollupsAdded)
        {
            await new Kpis.Rollups.KpiRollups(db).RebuildAsync(ct);
        }
        await SqliteStatistics.RefreshAsync(db, ct);
        long migrated = watch.ElapsedMilliseconds, migratedCpu = CpuMs();
        Seeder seeder = scope.ServiceProvider.GetRequiredService<Seeder>();
        await seeder.SeedReferenceDataAsync(ct);

        // Demo data only into a new embedded database, or wherever explicitly asked; never into a
        // configured PostgreSQL by default.
        bool? asked = config.GetValue<bool?>("Seed:Demo");
        bool wanted = asked ?? (isNew && db.Provider == DatabaseProvider.Sqlite);
        IReadOnlyList<DemoAccount> accounts = [];
        if (wanted && !await seeder.HasDemoDistrictAsync(ct))
        {
            accounts = await seeder.SeedDemoDistrictAsync(ct);
        }
        long seeded = watch.ElapsedMilliseconds, seededCpu = CpuMs();
        await services.GetRequiredService<GridDirectory>().RefreshIfStaleAsync(ct);
        // The process's CPU time beside the wall time: on a shared machine the CPU time is the figure that holds.
        logger.LogInformation("Database ready ({Provider}): migrated at {Migrated} ms (process CPU {MigratedCpu} ms), seeded at {Seeded} ms (CPU {SeededCpu} ms), grid index at {Indexed} ms; process CPU before this step {Before} ms",
            db.Provider, migrated, migratedCpu, seeded, seededCpu, watch.ElapsedMilliseconds, (long)cpu.TotalMilliseconds);
        return accounts;
    }
}
