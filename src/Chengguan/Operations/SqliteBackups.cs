using Chengguan.Audit;
using Chengguan.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Operations;

/// <summary>What a backup, restore or check found: whether it succeeded, and a sentence for the operator.</summary>
public sealed record BackupResult(bool Ok, string Message, long AuditRows = 0);

/// <summary>
/// Backups of the embedded database. A backup is taken with SQLite's online backup API while the app runs (readers
/// never block the app's writers in WAL mode), made a single self-contained file (rollback journal, no -wal beside it),
/// and kept only if it passes <see cref="VerifyAsync"/>. A restore verifies the backup the same way before it puts
/// it in place, and keeps the database it replaces.
/// </summary>
public static class SqliteBackups
{
    /// <summary>Copies the database at <paramref name="source"/> (a SQLite connection string) into the new file <paramref name="destination"/>.</summary>
    public static async Task<BackupResult> BackupAsync(string source, string destination, CancellationToken ct)
    {
        var from = new SqliteConnectionStringBuilder(source) { Pooling = false, Mode = SqliteOpenMode.ReadWrite };
        if (!File.Exists(from.DataSource))
        {
            return new(false, $"找不到数据库文件 {from.DataSource} (database file not found)");
        }
        if (File.Exists(destination))
        {
            return new(false, $"{destination} 已存在，备份不覆盖已有文件 (backup file exists; choose a new name)");
        }
        string partial = destination + ".partial";
        File.Delete(partial);
        await using (var src = new SqliteConnection(from.ToString()))
        await using (var dest = new SqliteConnection(FileConnection(partial, SqliteOpenMode.ReadWriteCreate)))
        {
            await src.OpenAsync(ct);
            await dest.OpenAsync(ct);
            // One step copies every page under a read transaction: a consistent snapshot, the app's writes carry on in the WAL.
            src.BackupDatabase(dest);
            await using SqliteCommand journal = dest.CreateCommand();
            journal.CommandText = "PRAGMA journal_mode=DELETE;";
            await journal.ExecuteScalarAsync(ct);
        }
        BackupResult check = await VerifyAsync(partial, ct);
        if (!check.Ok)
        {
            File.Delete(partial);
            return new(false, "备份未通过校验，已删除 (backup failed verification, removed): " + check.Message);
        }
        File.Move(partial, destination);
        return new(true, $"已备份到 {destination}：完整性检查通过，审计链完整（{check.AuditRows} 条） (backup written and verified)", check.AuditRows);
    }

    /// <summary>
    /// Checks a backup (or any database file) without changing it: SQLite's integrity check, the application's
    /// migration history, and the audit chain from its first row to its last (<see cref="AuditChain"/>).
    /// </summary>
    public static async Task<BackupResult> VerifyAsync(string file, CancellationToken ct)
    {
        if (!File.Exists(file))
        {
            return new(false, $"找不到文件 {file} (file not found)");
        }
        try
        {
            await using var connection = new SqliteConnection(FileConnection(file, SqliteOpenMode.ReadOnly));
            await connection.OpenAsync(ct);
            await using (SqliteCommand integrity = connection.CreateCommand())
            {
                integrity.CommandText = "PRAGMA integrity_check(5);";
                var problems = new List<string>();
                await using SqliteDataReader reader = await integrity.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    problems.Add(reader.GetString(0));
                }
                if (problems is not ["ok"])
                {
                    return new(false, "文件已损坏，完整性检查未通过 (integrity check failed): " + string.Join("; ", problems));
                }
            }
            await using (SqliteCommand history = connection.CreateCommand())
            {
                history.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__ef_migrations';";
                if (Convert.ToInt64(await history.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == 0)
                {
                    return new(false, "不是城管系统的数据库：没有迁移记录 (not a Chengguan database)");
                }
            }
            await using var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>()
                .UseSqlite(connection)
                .UseModel(Chengguan.Data.CompiledModels.Sqlite.SqliteAppDbContextModel.Instance)
                .Options);
            AuditVerification chain = await AuditChain.VerifyAsync(db, ct);
            return chain.Intact
                ? new(true, $"完整性检查通过，审计链完整（{chain.RowsChecked} 条） (integrity ok, audit chain intact)", chain.RowsChecked)
                : new(false, $"审计链在第 {chain.FirstBrokenSeq} 条处断开：{chain.Reason} (audit chain broken)", chain.RowsChecked);
        }
        catch (SqliteException e)
        {
            return new(false, $"文件已损坏或不是 SQLite 数据库 (corrupt or not a SQLite database): {e.Message}");
        }
    }

    /// <summary>
    /// Puts a verified backup in place of the database file at <paramref name="target"/>. An existing database is
    /// replaced only with <paramref name="force"/> (the app must be stopped first), and is kept beside it as
    /// <c>&lt;target&gt;.before-restore-&lt;UTC time&gt;</c> with its -wal and -shm files.
    /// </summary>
    public static async Task<BackupResult> RestoreAsync(string backup, string target, bool force, TimeProvider time, CancellationToken ct)
    {
        BackupResult check = await VerifyAsync(backup, ct);
        if (!check.Ok)
        {
            return new(false, "备份未通过校验，未恢复 (backup refused, nothing restored): " + check.Message);
        }
        string[] sidecars = [target + "-wal", target + "-shm"];
        bool exists = File.Exists(target) || sidecars.Any(File.Exists);
        if (exists && !force)
        {
            string inUse = sidecars.Any(File.Exists) ? "，且有 -wal/-shm 文件，可能正被应用使用" : "";
            return new(false, $"目标数据库 {target} 已存在{inUse}。请先停止应用，再加 --force 覆盖（原文件会保留） (target exists: stop the app, then pass --force)");
        }
        string restoring = target + ".restoring";
        File.Copy(backup, restoring, overwrite: true);
        string? kept = null;
        if (exists)
        {
            SqliteConnection.ClearAllPools();
            kept = $"{target}.before-restore-{time.GetUtcNow():yyyyMMddHHmmss}";
            foreach (string suffix in new[] { "", "-wal", "-shm" })
            {
                if (File.Exists(target + suffix))
                {
                    File.Move(target + suffix, kept + suffix);
                }
            }
        }
        File.Move(restoring, target);
        return new(true, $"已从 {backup} 恢复到 {target}（审计链完整，{check.AuditRows} 条）" + (kept is null ? "" : $"；原数据库保留为 {kept}") + " (restored)", check.AuditRows);
    }

    private static string FileConnection(string file, SqliteOpenMode mode) =>
        new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ToString();
}
