using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Chengguan.Data;

/// <summary>
/// Tells a database that cannot take the work right now (locked by another process, read-only, disk
/// full, PostgreSQL restarting or unreachable) from a request's own fault. Such failures answer 503
/// with Retry-After (<see cref="Infrastructure.ProblemExceptionHandler"/>) instead of a 500, and are
/// never mistaken for a concurrent edit (409) by the handlers that catch <see cref="DbUpdateException"/>.
/// </summary>
public static class DatabaseFailures
{
    public const int RetryAfterSeconds = 5;

    // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN.
    private static readonly int[] s_sqliteUnavailable = [5, 6, 8, 10, 13, 14];

    /// <summary>The Chinese reason when the database is unavailable, or null when the failure is something else.</summary>
    public static string? Unavailable(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException s when s_sqliteUnavailable.Contains(s.SqliteErrorCode):
                    return s.SqliteErrorCode switch
                    {
                        5 or 6 => "数据库正被其他程序占用（已锁定），暂时不能写入",
                        8 => "数据库为只读，暂时不能写入",
                        13 => "数据库所在磁盘已满，暂时不能写入",
                        _ => "数据库文件暂时无法读写",
                    };
                case PostgresException p when p.SqlState == "25006":
                    return "数据库为只读（备库或只读事务），暂时不能写入";
                case PostgresException p when p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("57P", StringComparison.Ordinal) || p.SqlState.StartsWith("53", StringComparison.Ordinal):
                    return "数据库正在重启或资源不足，暂时不可用";
                case NpgsqlException n when n is not PostgresException && n.IsTransient:
                    return "暂时无法连接数据库";
            }
        }
        return null;
    }

    public static bool IsUnavailable(Exception e) => Unavailable(e) is not null;
}
