using Chengguan.Data;
using Chengguan.Infrastructure.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Clocks;

/// <summary>
/// The sweep lag: how long the oldest step that is due has waited to be recorded (0 when nothing is due). It is
/// read from the clocks at scrape time (one indexed query, cached 10 s), not reported by the sweeper, so that a
/// sweeper that has stopped shows as a growing lag instead of a last good value.
/// </summary>
public sealed class ClockMetrics : IMetricsSource
{
    public ClockMetrics(ChengguanMeter meter, IServiceScopeFactory scopes, StartupReport startup, TimeProvider time)
    {
        var lag = new CachedReading<double>(() => LagSeconds(scopes, time), () => startup.Ready, time, TimeSpan.FromSeconds(10));
        meter.Meter.CreateObservableGauge("chengguan.clocks.sweep.lag",
            () => lag.Value is { } v ? [new System.Diagnostics.Metrics.Measurement<double>(v)] : Array.Empty<System.Diagnostics.Metrics.Measurement<double>>(),
            "s", "Age of the oldest due warning, breach or escalation not yet recorded by the clock sweep");
    }

    private static double LagSeconds(IServiceScopeFactory scopes, TimeProvider time)
    {
        using IServiceScope scope = scopes.CreateScope();
        AppDbContext db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        DateTimeOffset now = time.GetUtcNow();
        // The sweeper's own query shape (ClockSweeper.ClaimDueAsync), on the NextCheckAt index.
        DateTimeOffset? oldest = db.Clocks.AsNoTracking().Where(c => c.NextCheckAt <= now).OrderBy(c => c.NextCheckAt).Select(c => c.NextCheckAt).FirstOrDefault();
        return oldest is { } due ? Math.Max(0, (now - due).TotalSeconds) : 0;
    }
}
