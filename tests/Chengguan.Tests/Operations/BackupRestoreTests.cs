using System.Diagnostics;
using Chengguan.Data;
using Chengguan.Operations;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Chengguan.Tests.Operations;

/// <summary>
/// A backup of the running app's database, taken the documented way (SQLite: <c>chengguan backup</c>; PostgreSQL:
/// <c>pg_dump -Fc</c> and <c>pg_restore</c>), restores to a database that has what was written before the backup,
/// lacks what was written after, and passes <c>chengguan verify</c> (the audit chain from its first row to its last).
/// </summary>
public abstract class BackupRestoreTests(ChengguanApp app)
{
    [Fact]
    public async Task A_backup_of_the_live_database_restores_with_an_intact_audit_chain_and_without_later_writes()
    {
        HttpClient platform = await app.HotlinePlatformAsync("12345 平台（备份测试）");
        string before = await DeliverAsync(platform);
        string work = Path.Combine(Path.GetTempPath(), $"chengguan-backup-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        string? restoredDatabase = null;
        try
        {
            string backup = Path.Combine(work, "backup.db");
            if (app.Engine == Engine.Sqlite)
            {
                var output = new StringWriter();
                Assert.Equal(0, await OperationsCommands.RunAsync(["backup", backup], output, Sqlite(app.ConnectionString!), ct: TestContext.Current.CancellationToken));
                Assert.Contains("审计链完整", output.ToString());
            }
            else
            {
                await PgToolAsync("pg_dump", $"-Fc -d {Pg().Database} -f {backup}");
            }

            string after = await DeliverAsync(platform);

            IConfiguration restored;
            if (app.Engine == Engine.Sqlite)
            {
                string target = Path.Combine(work, "restored.db");
                restored = Sqlite($"Data Source={target}");
                var output = new StringWriter();
                Assert.Equal(0, await OperationsCommands.RunAsync(["restore", backup], output, restored, ct: TestContext.Current.CancellationToken));
                Assert.Contains("已从", output.ToString());
            }
            else
            {
                restoredDatabase = $"chengguan_restored_{Guid.NewGuid():N}";
                await PgToolAsync("createdb", restoredDatabase);
                await PgToolAsync("pg_restore", $"-d {restoredDatabase} --no-owner --exit-on-error {backup}");
                restored = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Database:Provider"] = "Postgres",
                    ["ConnectionStrings:Postgres"] = new NpgsqlConnectionStringBuilder(app.ConnectionString) { Database = restoredDatabase }.ToString(),
                }).Build();
            }

            var verify = new StringWriter();
            Assert.Equal(0, await OperationsCommands.RunAsync(["verify"], verify, restored, ct: TestContext.Current.CancellationToken));
            Assert.Contains("审计链完整", verify.ToString());

            await using AppDbContext db = Open(restored);
            List<string?> numbers = await db.Cases.Where(c => c.ExternalNumber == before || c.ExternalNumber == after).Select(c => c.ExternalNumber).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal([before], numbers);
            // The live database has both: the restore did not touch it.
            Assert.Equal(2, await app.WithDbAsync(live => live.Cases.CountAsync(c => c.ExternalNumber == before || c.ExternalNumber == after)));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (restoredDatabase is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await using var admin = new NpgsqlConnection(app.ConnectionString);
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{restoredDatabase}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }
            Directory.Delete(work, recursive: true);
        }
    }

    private async Task<string> DeliverAsync(HttpClient platform)
    {
        (double lon, double lat) = await app.WithDbAsync(db => db.Grids.Where(g => g.Code.StartsWith("310106006")).OrderBy(g => g.Code)
            .Select(g => new ValueTuple<double, double>(g.CentroidLon, g.CentroidLat)).FirstAsync());
        string number = $"BK{Guid.NewGuid():N}"[..16];
        HttpResponseMessage answer = await platform.PostJson("/api/hotline/orders", new
        {
            channel = "12345", orderNumber = number, requestType = "Complaint", description = "备份测试工单", lon, lat,
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, answer.StatusCode);
        return number;
    }

    internal static IConfiguration Sqlite(string connectionString) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Sqlite",
        ["ConnectionStrings:Sqlite"] = connectionString,
    }).Build();

    private static AppDbContext Open(IConfiguration config) => DatabaseSetup.ProviderFrom(config) == DatabaseProvider.Sqlite
        ? new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(config.GetConnectionString("Sqlite"))
            .UseModel(Chengguan.Data.CompiledModels.Sqlite.SqliteAppDbContextModel.Instance).Options)
        : new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(config.GetConnectionString("Postgres"))
            .UseModel(Chengguan.Data.CompiledModels.Postgres.PostgresAppDbContextModel.Instance).Options);

    private NpgsqlConnectionStringBuilder Pg() => new(app.ConnectionString);

    /// <summary>Runs a PostgreSQL client tool against the test server, as docs/operations.md tells an operator to.</summary>
    private async Task PgToolAsync(string tool, string arguments)
    {
        NpgsqlConnectionStringBuilder cs = Pg();
        var start = new ProcessStartInfo(tool, $"-h {cs.Host} -p {cs.Port} -U {cs.Username} {arguments}")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["PGPASSWORD"] = cs.Password;
        using Process process = Process.Start(start)!;
        string errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"{tool} failed: {errors}");
    }
}

public sealed class BackupRestoreTestsOnSqlite(SqliteApp app) : BackupRestoreTests(app);

public sealed class BackupRestoreTestsOnPostgres(PostgresApp app) : BackupRestoreTests(app);
