using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Data;

/// <summary>
/// What /readyz reports: whether the database answers and whether it takes writes now. SQLite:
/// a write transaction is begun (taking the app's write gate, so that the app's own writer is never
/// mistaken for a foreign lock) and rolled back, which fails when another process holds the file's
/// write lock or the file is read-only. PostgreSQL: the server must not be a replica in recovery and
/// the session must not be read-only.
/// </summary>
public static class DatabaseHealth
{
    public sealed record Report(bool Reachable, bool Writable, string? Reason);

    public static async Task<Report> ProbeAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(ct))
            {
                return new Report(false, false, "数据库不可用");
            }
            return db.Provider == DatabaseProvider.Sqlite ? await ProbeSqliteAsync(db, ct) : await ProbePostgresAsync(db, ct);
        }
        catch (Exception e) when (DatabaseFailures.Unavailable(e) is { } reason)
        {
            return new Report(true, false, reason);
        }
    }

    private static async Task<Report> ProbeSqliteAsync(AppDbContext db, CancellationToken ct)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(TimeSpan.FromSeconds(2));
        IDisposable held;
        try
        {
            held = await SqliteWriteGate.EnterAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The app's own writer has held the gate for two seconds: it is writing, so writes work.
            return new Report(true, true, null);
        }
        using (held)
        {
            DbConnection connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await using DbCommand command = connection.CreateCommand();
                // A short busy wait: a foreign lock is reported, not waited out.
                command.CommandTimeout = 1;
                command.CommandText = "BEGIN IMMEDIATE; PRAGMA user_version = user_version; ROLLBACK;";
                await command.ExecuteNonQueryAsync(ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        return new Report(true, true, null);
    }

    private static async Task<Report> ProbePostgresAsync(AppDbContext db, CancellationToken ct)
    {
        bool writable = await db.Database.SqlQueryRaw<bool>(
            "SELECT NOT pg_is_in_recovery() AND current_setting('transaction_read_only') = 'off' AS \"Value\"").SingleAsync(ct);
        return new Report(true, writable, writable ? null : "数据库为只读（备库或只读事务），暂时不能写入");
    }
}
