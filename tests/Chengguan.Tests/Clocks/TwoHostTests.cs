using Chengguan.Testing;
using Chengguan.Clocks;
using Chengguan.Data;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Chengguan.Tests.Clocks;

/// <summary>One application host on a database another host created.</summary>
public sealed class PostgresHost(string connectionString, FakeTimeProvider clock, bool seed) : ChengguanApp
{
    public override Engine Engine => Engine.Postgres;
    protected override string? ExistingConnectionString => connectionString;
    protected override bool SeedDemo => seed;
    protected override TimeProvider? Time => clock;
}

/// <summary>Two app hosts (each its own container, sweeper and connection pool) against one PostgreSQL database.</summary>
public sealed class TwoPostgresHosts : IAsyncLifetime
{
    private string? _database;

    public FakeTimeProvider ClockA { get; } = new(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero));
    public FakeTimeProvider ClockB { get; } = new(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero));
    public PostgresHost? A { get; private set; }
    public PostgresHost? B { get; private set; }

    public async ValueTask InitializeAsync()
    {
        string? server = Environment.GetEnvironmentVariable(ChengguanApp.PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            return;
        }
        _database = $"chengguan_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", admin).ExecuteNonQueryAsync();
        }
        string cs = new NpgsqlConnectionStringBuilder(server) { Database = _database }.ToString();
        A = new PostgresHost(cs, ClockA, seed: true);
        await A.InitializeAsync();
        B = new PostgresHost(cs, ClockB, seed: false);
        await B.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (A is not null)
        {
            await A.DisposeAsync();
        }
        if (B is not null)
        {
            await B.DisposeAsync();
        }
        if (_database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable(ChengguanApp.PostgresVariable));
            await admin.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", admin).ExecuteNonQueryAsync();
        }
    }
}

public sealed class TwoHostTests(TwoPostgresHosts hosts) : IClassFixture<TwoPostgresHosts>
{
    [Fact]
    public async Task Two_hosts_sweeping_one_postgres_never_record_a_step_twice()
    {
        Requirements.Require(hosts.A is not null && hosts.B is not null, $"{ChengguanApp.PostgresVariable} is not set; the two-host test needs PostgreSQL.");
        var ids = new List<Guid>();
        await using (AsyncServiceScope scope = hosts.A.Services.CreateAsyncScope())
        {
            ClockService clocks = scope.ServiceProvider.GetRequiredService<ClockService>();
            for (int i = 0; i < 300; i++)
            {
                ids.Add((await clocks.StartAsync("case", Guid.NewGuid(), ClockPolicies.HotlineAccept, null, "test", default)).Id);
            }
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        }
        hosts.ClockA.Advance(TimeSpan.FromMinutes(30));
        hosts.ClockB.Advance(TimeSpan.FromMinutes(30));

        ClockSweeper a = hosts.A.Services.GetRequiredService<ClockSweeper>();
        ClockSweeper b = hosts.B.Services.GetRequiredService<ClockSweeper>();
        Assert.NotSame(a, b);
        int[] recorded = await Task.WhenAll(
            Task.Run(() => a.SweepAsync(default)), Task.Run(() => b.SweepAsync(default)),
            Task.Run(() => a.SweepAsync(default)), Task.Run(() => b.SweepAsync(default)));

        var steps = await hosts.B.WithDbAsync(db => db.ClockEvents.Where(e => ids.Contains(e.ClockId)).Select(e => new { e.ClockId, e.Step }).ToListAsync());
        Assert.Equal(300 * 3, steps.Count);
        Assert.Equal(steps.Count, steps.Distinct().Count());
        Assert.Equal(300 * 3, recorded.Sum());
        int outbox = await hosts.A.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Topic.StartsWith("clock.")));
        Assert.Equal(300 * 3, outbox);
    }
}
