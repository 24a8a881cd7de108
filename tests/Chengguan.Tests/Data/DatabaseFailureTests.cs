using System.Net;
using System.Text.Json;
using Chengguan.Data;
using Chengguan.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Chengguan.Tests.Data;

public sealed class DatabaseFailureClassificationTests
{
    public static TheoryData<Exception, bool> Cases() => new()
    {
        { new SqliteException("database is locked", 5), true },
        { new SqliteException("database table is locked", 6), true },
        { new SqliteException("attempt to write a readonly database", 8), true },
        { new SqliteException("disk I/O error", 10), true },
        { new SqliteException("database or disk is full", 13), true },
        { new SqliteException("unable to open database file", 14), true },
        { new DbUpdateException("wrapped", new SqliteException("database is locked", 5)), true },
        { new InvalidOperationException("outer", new DbUpdateException("inner", new SqliteException("database or disk is full", 13))), true },
        { new SqliteException("UNIQUE constraint failed", 19), false },
        { new SqliteException("FOREIGN KEY constraint failed", 19), false },
        { new DbUpdateConcurrencyException("someone else"), false },
        { new PostgresException("read-only", "ERROR", "ERROR", "25006"), true },
        { new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"), true },
        { new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03"), true },
        { new PostgresException("could not extend file: No space left on device", "ERROR", "ERROR", "53100"), true },
        { new PostgresException("connection failure", "FATAL", "FATAL", "08006"), true },
        { new PostgresException("duplicate key value", "ERROR", "ERROR", "23505"), false },
        { new PostgresException("could not serialize access", "ERROR", "ERROR", "40001"), false },
        { new InvalidOperationException("a bug"), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Only_a_database_that_cannot_take_the_work_now_is_unavailable(Exception e, bool unavailable) =>
        Assert.Equal(unavailable, DatabaseFailures.IsUnavailable(e));
}

/// <summary>An application of its own whose SQLite file another process locks; statements wait one second for a lock.</summary>
public sealed class LockableSqliteApp : ChengguanApp
{
    public override Engine Engine => Engine.Sqlite;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:BusyTimeoutSeconds", "1");
    }
}

public sealed class LockedDatabaseTests(LockableSqliteApp app) : IClassFixture<LockableSqliteApp>
{
    [Fact]
    public async Task A_file_locked_by_another_process_answers_503_with_retry_after_and_readiness_says_not_writable_until_released()
    {
        HttpClient admin = await app.ClientFor("admin");
        Guid unit = await app.WithDbAsync(db => db.Units.Where(u => u.Name == "机动执法中队").Select(u => u.Id).SingleAsync());
        string file = await app.WithDbAsync(db => Task.FromResult(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource));
        string name = "锁定测试" + Guid.NewGuid().ToString("N")[..6];

        await using (var other = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await other.OpenAsync();
            await using (SqliteCommand begin = other.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE;";
                await begin.ExecuteNonQueryAsync();
            }

            HttpResponseMessage ready = await app.Anonymous().GetAsync("/readyz");
            JsonElement notReady = await ready.Problem(HttpStatusCode.ServiceUnavailable);
            Assert.False(notReady.GetProperty("writable").GetBoolean());
            Assert.True(ready.Headers.Contains("Retry-After"));

            HttpResponseMessage write = await admin.PostJson("/api/people", new { name, unitId = unit });
            JsonElement problem = await write.Problem(HttpStatusCode.ServiceUnavailable);
            Assert.Equal("服务暂不可用", problem.GetProperty("title").GetString());
            Assert.Contains("锁定", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(DatabaseFailures.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), write.Headers.GetValues("Retry-After").Single());
        }

        Assert.False(await app.WithDbAsync(db => db.People.AnyAsync(p => p.Name == name)));
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJson("/api/people", new { name, unitId = unit })).StatusCode);
    }
}
