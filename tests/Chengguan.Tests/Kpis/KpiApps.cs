using Chengguan.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Chengguan.Tests.Kpis;

/// <summary>
/// An application of its own whose clock the scenario moves, starting Wednesday 30 April 2031,
/// 09:00 in Shanghai: no other test writes to its database, so every number is known exactly.
/// Tokens live long enough for the scenario's two weeks; the sweeper runs only when asked.
/// </summary>
public abstract class KpiApp : ChengguanApp
{
    private readonly Lazy<Task<KpiScenario>> _scenario;

    protected KpiApp() => _scenario = new(() => KpiScenario.BuildAsync(this));

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2031, 4, 30, 9, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime());
    protected override TimeProvider? Time => Clock;

    /// <summary>The cases of <see cref="KpiScenario"/>, driven through the API once per application.</summary>
    public Task<KpiScenario> Scenario
    {
        get
        {
            RequireAvailable();
            return _scenario.Value;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Security:TokenHours", "100000");
    }
}

public sealed class KpiSqliteApp : KpiApp
{
    public override Engine Engine => Engine.Sqlite;
}

public sealed class KpiPostgresApp : KpiApp
{
    public override Engine Engine => Engine.Postgres;
}
