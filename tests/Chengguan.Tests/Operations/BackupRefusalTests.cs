using Chengguan.Operations;
using Chengguan.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace Chengguan.Tests.Operations;

/// <summary>
/// A restore puts nothing in place that it has not verified, and replaces an existing database only when told to.
/// SQLite only: a PostgreSQL dump is checked by pg_restore itself and by <c>chengguan verify</c> afterwards.
/// </summary>
public sealed class BackupRefusalTests(SqliteApp app) : IDisposable
{
    private readonly string _work = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"chengguan-refusal-{Guid.NewGuid():N}")).FullName;

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_corrupted_backup_is_refused_with_a_clear_message_and_nothing_is_restored()
    {
        string backup = await BackupAsync();
        // Garbage over the middle of the file: pages the integrity check (or the first read) finds broken.
        await using (FileStream file = File.Open(backup, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = file.Length / 2;
            byte[] garbage = new byte[Math.Min(64 * 1024, file.Length / 4)];
            Array.Fill(garbage, (byte)0xA5);
            await file.WriteAsync(garbage, Ct);
        }
        string target = Path.Combine(_work, "restored.db");
        var output = new StringWriter();

        Assert.Equal(1, await OperationsCommands.RunAsync(["restore", backup], output, BackupRestoreTests.Sqlite($"Data Source={target}"), ct: Ct));

        Assert.Contains("备份未通过校验，未恢复", output.ToString());
        Assert.Contains("损坏", output.ToString());
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task A_backup_whose_audit_trail_was_altered_is_refused_naming_the_broken_row()
    {
        string backup = await BackupAsync();
        await using (var connection = new SqliteConnection($"Data Source={backup};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await using SqliteCommand tamper = connection.CreateCommand();
            tamper.CommandText = "UPDATE audit_log SET ActorName = '某人' WHERE Seq = 2";
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync(Ct));
        }
        string target = Path.Combine(_work, "restored.db");
        var output = new StringWriter();

        Assert.Equal(1, await OperationsCommands.RunAsync(["restore", backup], output, BackupRestoreTests.Sqlite($"Data Source={target}"), ct: Ct));

        Assert.Contains("审计链在第 2 条处断开", output.ToString());
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task An_existing_database_is_replaced_only_with_force_and_is_kept_beside_it()
    {
        string backup = await BackupAsync();
        string target = Path.Combine(_work, "current.db");
        File.Copy(backup, target);
        File.WriteAllText(target + "-wal", "");
        var output = new StringWriter();

        Assert.Equal(1, await OperationsCommands.RunAsync(["restore", backup], output, BackupRestoreTests.Sqlite($"Data Source={target}"), ct: Ct));
        Assert.Contains("--force", output.ToString());
        Assert.Contains("可能正被应用使用", output.ToString());

        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 8, 1, 2, 3, TimeSpan.Zero));
        Assert.Equal(0, await OperationsCommands.RunAsync(["restore", backup, "--force"], output, BackupRestoreTests.Sqlite($"Data Source={target}"), time, Ct));
        Assert.True(File.Exists(target + ".before-restore-20261208010203"));
        Assert.True(File.Exists(target + ".before-restore-20261208010203-wal"));
        Assert.False(File.Exists(target + "-wal"));
        Assert.True((await SqliteBackups.VerifyAsync(target, Ct)).Ok);
    }

    [Fact]
    public async Task A_backup_never_overwrites_a_file_and_leaves_nothing_half_written()
    {
        string backup = await BackupAsync();
        var output = new StringWriter();

        Assert.Equal(1, await OperationsCommands.RunAsync(["backup", backup], output, BackupRestoreTests.Sqlite(app.ConnectionString!), ct: Ct));

        Assert.Contains("已存在", output.ToString());
        Assert.Equal([backup], Directory.GetFiles(_work));
    }

    [Fact]
    public async Task On_PostgreSQL_the_backup_verb_prints_the_pg_dump_and_pg_restore_commands_without_the_password()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = "Host=db.example;Port=5433;Database=chengguan;Username=ops;Password=secret-pw",
        }).Build();
        var output = new StringWriter();

        Assert.Equal(2, await OperationsCommands.RunAsync(["backup", "/backups/cg.dump"], output, config, ct: Ct));

        string text = output.ToString();
        Assert.Contains("pg_dump -Fc -h db.example -p 5433 -U ops -d chengguan -f /backups/cg.dump", text);
        Assert.Contains("pg_restore -h db.example -p 5433 -U ops -d chengguan_restored --no-owner --exit-on-error /backups/cg.dump", text);
        Assert.DoesNotContain("secret-pw", text);
    }

    [Fact]
    public async Task Without_a_verb_the_server_starts_and_a_verb_without_its_file_shows_the_usage()
    {
        var output = new StringWriter();
        Assert.Null(await OperationsCommands.RunAsync([], output, ct: Ct));
        Assert.Null(await OperationsCommands.RunAsync(["--Urls=http://127.0.0.1:5099"], output, ct: Ct));
        Assert.Equal(64, await OperationsCommands.RunAsync(["restore"], output, BackupRestoreTests.Sqlite("Data Source=x.db"), ct: Ct));
        Assert.Contains("用法", output.ToString());
    }

    private async Task<string> BackupAsync()
    {
        app.RequireAvailable();
        _ = app.Services;
        string backup = Path.Combine(_work, $"{Guid.NewGuid():N}.db");
        BackupResult result = await SqliteBackups.BackupAsync(app.ConnectionString!, backup, Ct);
        Assert.True(result.Ok, result.Message);
        Assert.True(result.AuditRows > 2);
        return backup;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_work, recursive: true);
    }
}
