using Chengguan.Audit;
using Chengguan.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Operations;

/// <summary>The check of the configured database itself, on either engine: the audit chain (and on SQLite the file's integrity too).</summary>
public static class DatabaseChecks
{
    public static async Task<BackupResult> VerifyConfiguredAsync(IConfiguration config, CancellationToken ct)
    {
        if (DatabaseSetup.ProviderFrom(config) == DatabaseProvider.Sqlite)
        {
            string file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(config.GetConnectionString("Sqlite") ?? DatabaseSetup.DefaultSqlite).DataSource;
            return await SqliteBackups.VerifyAsync(file, ct);
        }
        string cs = config.GetConnectionString("Postgres") ?? throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Postgres is not set.");
        try
        {
            await using var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>()
                .UseNpgsql(cs, n => n.MigrationsHistoryTable("__ef_migrations"))
                .UseModel(Chengguan.Data.CompiledModels.Postgres.PostgresAppDbContextModel.Instance)
                .Options);
            if (!(await db.Database.GetAppliedMigrationsAsync(ct)).Any())
            {
                return new(false, "不是城管系统的数据库：没有迁移记录 (not a Chengguan database)");
            }
            AuditVerification chain = await AuditChain.VerifyAsync(db, ct);
            return chain.Intact
                ? new(true, $"审计链完整（{chain.RowsChecked} 条） (audit chain intact)", chain.RowsChecked)
                : new(false, $"审计链在第 {chain.FirstBrokenSeq} 条处断开：{chain.Reason} (audit chain broken)", chain.RowsChecked);
        }
        catch (Npgsql.NpgsqlException e)
        {
            return new(false, $"无法读取数据库 (cannot read the database): {e.Message}");
        }
    }
}
