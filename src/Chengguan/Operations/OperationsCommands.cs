using Chengguan.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Chengguan.Operations;

/// <summary>
/// The command-line verbs beside the server: <c>backup &lt;file&gt;</c>, <c>restore &lt;file&gt; [--force]</c> and
/// <c>verify [&lt;file&gt;]</c> (a backup file, or without one the configured database). They read the same configuration as the server (appsettings.json, environment,
/// <c>--Key=Value</c> arguments) to find the database; without a verb the server starts as always.
/// </summary>
public static class OperationsCommands
{
    public static readonly string[] Verbs = ["backup", "restore", "verify"];

    /// <summary>Runs a verb and returns its exit code, or null when the arguments name none (the server starts).</summary>
    public static async Task<int?> RunAsync(string[] args, TextWriter output, IConfiguration? configuration = null, TimeProvider? time = null, CancellationToken ct = default)
    {
        if (args.Length == 0 || !Verbs.Contains(args[0]))
        {
            return null;
        }
        string[] positional = [.. args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal))];
        bool force = args.Contains("--force");
        IConfiguration config = configuration ?? new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. args.Skip(1).Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal))])
            .Build();
        if (args[0] == "verify" && positional.Length == 0)
        {
            // The configured database itself: after a PostgreSQL pg_restore, or before trusting an embedded file.
            BackupResult configured = await DatabaseChecks.VerifyConfiguredAsync(config, ct);
            await output.WriteLineAsync(configured.Message);
            return configured.Ok ? 0 : 1;
        }
        if (positional.Length != 1)
        {
            await output.WriteLineAsync($"用法 (usage): chengguan {args[0]} <文件 file>{(args[0] == "restore" ? " [--force]" : "")}");
            return 64;
        }
        string file = positional[0];
        if (DatabaseSetup.ProviderFrom(config) == DatabaseProvider.Postgres && args[0] != "verify")
        {
            await output.WriteLineAsync(PostgresGuidance(config.GetConnectionString("Postgres"), file));
            return 2;
        }
        string database = new SqliteConnectionStringBuilder(config.GetConnectionString("Sqlite") ?? DatabaseSetup.DefaultSqlite).DataSource;
        BackupResult result = args[0] switch
        {
            "backup" => await SqliteBackups.BackupAsync(config.GetConnectionString("Sqlite") ?? DatabaseSetup.DefaultSqlite, file, ct),
            "restore" => await SqliteBackups.RestoreAsync(file, database, force, time ?? TimeProvider.System, ct),
            _ => await SqliteBackups.VerifyAsync(file, ct),
        };
        await output.WriteLineAsync(result.Message);
        return result.Ok ? 0 : 1;
    }

    /// <summary>
    /// PostgreSQL is backed up with its own tools (a custom-format dump is consistent while the app runs); this prints
    /// the commands for the configured database, without its password.
    /// </summary>
    public static string PostgresGuidance(string? connectionString, string file)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString ?? "");
        string target = $"-h {cs.Host ?? "localhost"} -p {cs.Port} -U {cs.Username ?? "chengguan"}";
        string db = cs.Database ?? "chengguan";
        return $"""
            数据库是 PostgreSQL：请用 PostgreSQL 自带的工具备份与恢复（密码用 PGPASSWORD 或 ~/.pgpass 提供）。
            PostgreSQL database: back up and restore with PostgreSQL's own tools (docs/operations.md).
              备份 (backup):   pg_dump -Fc {target} -d {db} -f {file}
              检查 (check):    pg_restore --list {file} > /dev/null
              恢复 (restore):  createdb {target} {db}_restored
                               pg_restore {target} -d {db}_restored --no-owner --exit-on-error {file}
              核对 (verify the audit chain of the restored database):
                               ConnectionStrings__Postgres="Host=…;Database={db}_restored;…" chengguan verify
            """;
    }
}
