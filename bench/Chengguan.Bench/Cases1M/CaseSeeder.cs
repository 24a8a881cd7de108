using System.Diagnostics;
using System.Globalization;
using Chengguan.Cases;
using Chengguan.Cases.Search;
using Chengguan.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Bench.Cases1M;

/// <summary>Seeds N cases with timelines, clocks and search documents into a migrated demo database, not through the API.</summary>
internal static class CaseSeeder
{
    // The street problems a district sees most; every other small class of the dictionary weighs 1.
    private static readonly Dictionary<string, int> s_weights = new()
    {
        ["event:0503"] = 30, ["event:0505"] = 25, ["event:0502"] = 20, ["event:0107"] = 20, ["event:0504"] = 15, ["event:0102"] = 15,
        ["event:0201"] = 12, ["event:0110"] = 10, ["event:0115"] = 8, ["event:0301"] = 6, ["event:0114"] = 5, ["event:0104"] = 5,
    };

    public static AppDbContext Context(bool postgres, string cs) => postgres
        ? new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(cs, o => o.CommandTimeout(3600))
            .UseModel(Chengguan.Data.CompiledModels.Postgres.PostgresAppDbContextModel.Instance).Options)
        : new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(cs, o => o.CommandTimeout(3600))
            .UseModel(Chengguan.Data.CompiledModels.Sqlite.SqliteAppDbContextModel.Instance).Options);

    public static async Task SeedAsync(AppDbContext db, int total, DateTimeOffset end)
    {
        Reference reference = await LoadAsync(db);
        var factory = new CaseFactory(reference, end, total);
        var writer = new TableWriter(db);
        bool pg = db.Provider == DatabaseProvider.Postgres;
        await db.Database.OpenConnectionAsync();
        // As a restore does: secondary indexes (and the FTS5 insert trigger) go before the load and
        // are built once after it, from their own definitions; foreign keys are not re-checked row by row.
        List<string> rebuild = await DropIndexesAsync(db);
        await db.Database.ExecuteSqlRawAsync(pg
            ? "SET synchronous_commit = off; SET session_replication_role = replica;"
            : "PRAGMA synchronous = OFF; PRAGMA cache_size = -400000;");
        var watch = Stopwatch.StartNew();
        (long cases, long events, long clocks) = (0, 0, 0);
        // The KPI rollups (decision 0012) are counted from the rows in memory, as the app's bulk writer does.
        var facts = new Chengguan.Kpis.Rollups.RollupDelta();
        while (cases < total)
        {
            Batch batch = factory.Next(10_000);
            await using (var tx = pg ? null : await db.Database.BeginTransactionAsync())
            {
                await writer.WriteAsync(batch.Cases);
                await writer.WriteAsync(batch.Events);
                await writer.WriteAsync(batch.Clocks);
                await writer.WriteAsync(batch.Documents);
                Chengguan.Kpis.Rollups.KpiRollupWriter.AddFactsOfNew(batch.Cases, batch.Events, batch.Clocks, facts);
                if (tx is not null)
                {
                    await tx.CommitAsync();
                }
            }
            (cases, events, clocks) = (cases + batch.Cases.Count, events + batch.Events.Count, clocks + batch.Clocks.Count);
            if (cases % 100_000 == 0 || cases == total)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  seeded {cases:N0} cases, {events:N0} events, {clocks:N0} clocks in {watch.Elapsed.TotalSeconds:F0} s"));
            }
        }
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await Chengguan.Kpis.Rollups.KpiRollupWriter.ApplyAsync(db, facts, default);
            await tx.CommitAsync();
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {facts.Units.Count:N0} KPI rollup rows and {facts.Handlers.Count:N0} handler rows written"));
        var indexing = Stopwatch.StartNew();
        foreach (string sql in rebuild)
        {
            await db.Database.ExecuteSqlRawAsync(sql);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {rebuild.Count} indexes and the full-text index built in {indexing.Elapsed.TotalSeconds:F0} s"));
        if (pg)
        {
            // VACUUM refuses to run in a multi-statement batch.
            await db.Database.ExecuteSqlRawAsync("SET session_replication_role = origin");
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        // Intake after the load continues each year's numbering.
        foreach ((int year, int last) in factory.Sequences)
        {
            await db.Database.ExecuteSqlAsync($"""INSERT INTO case_sequences ("Prefix", "Year", "Next") VALUES ('JA', {year}, {last + 1}) ON CONFLICT ("Prefix", "Year") DO UPDATE SET "Next" = excluded."Next" """);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeding done in {watch.Elapsed.TotalSeconds:F0} s: {cases:N0} cases, {events:N0} timeline events, {clocks:N0} clocks, {cases:N0} search documents"));

    }

    private static readonly string[] s_tables = ["cases", "case_events", "clocks", "case_search"];

    /// <summary>Drops the loaded tables' secondary indexes; returns the statements that rebuild them.</summary>
    private static async Task<List<string>> DropIndexesAsync(AppDbContext db)
    {
        bool pg = db.Provider == DatabaseProvider.Postgres;
        string tables = string.Join(", ", s_tables.Select(t => $"'{t}'"));
        var found = new List<(string Name, string Sql, string Kind)>();
        await using (var command = db.Database.GetDbConnection().CreateCommand())
        {
            command.CommandText = pg
                ? $"SELECT indexname, indexdef, 'index' FROM pg_indexes WHERE schemaname = 'public' AND tablename IN ({tables}) AND indexname NOT IN (SELECT conname FROM pg_constraint)"
                : $"SELECT name, sql, type FROM sqlite_master WHERE (type = 'index' OR name = 'case_search_ai') AND tbl_name IN ({tables}) AND sql IS NOT NULL";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                found.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }
        foreach ((string name, _, string kind) in found)
        {
            string drop = "DROP " + kind.ToUpperInvariant() + " \"" + name + "\"";
            await db.Database.ExecuteSqlRawAsync(drop);
        }
        List<string> rebuild = [.. found.Where(f => f.Kind == "index").Select(f => f.Sql)];
        if (!pg)
        {
            // The documents went in without the trigger: FTS5 reads them all back in one pass.
            rebuild.Add("INSERT INTO case_fts(case_fts) VALUES ('rebuild')");
            rebuild.AddRange(found.Where(f => f.Kind == "trigger").Select(f => f.Sql));
        }
        return rebuild;
    }

    private static async Task<Reference> LoadAsync(AppDbContext db)
    {
        var grids = await db.Grids.AsNoTracking()
            .Select(g => new { g.Id, g.Code, g.CommunityId, g.StreetId, g.CentroidLon, g.CentroidLat, Unit = g.ResponsibleUnits.Select(r => (Guid?)r.UnitId).FirstOrDefault() })
            .ToListAsync();
        int version = await db.CategoryConditions.MaxAsync(c => c.Version);
        List<CategoryCondition> conditions = await db.CategoryConditions.AsNoTracking().Where(c => c.Version == version && c.ConditionCode == "01").ToListAsync();
        var policies = (await db.ClockPolicies.AsNoTracking().Select(p => new { p.Code, p.Version, p.Id }).ToListAsync())
            .GroupBy(p => p.Code).ToDictionary(g => g.Key, g => g.MaxBy(p => p.Version)!.Id);
        Guid calendar = await db.CalendarVersions.OrderByDescending(c => c.Version).Select(c => c.Id).FirstAsync();
        return new Reference(
            [.. grids.Select(g => new GridRef(g.Id, g.Code, g.CommunityId, g.StreetId, g.Unit ?? g.StreetId, g.CentroidLon, g.CentroidLat))],
            [.. conditions.Select(c => new CategoryRef(c.CategoryCode, c.ConditionCode, new CategoryNames(c.BigName, c.SmallName),
                Categories.DisposalPolicyCode(c.LimitAmount, c.LimitKind), s_weights.GetValueOrDefault(c.CategoryCode, 1)))],
            policies, calendar);
    }
}
